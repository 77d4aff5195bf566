import { IncassoError } from "@incasso/core";
import { describe, expect, test } from "vitest";
import type { BankStatement } from "../../src/parse/index.js";
import { parseBankFile } from "../../src/parse/index.js";
import {
  external,
  externalText,
  yamlSummary,
  yamlTransactionAmounts,
} from "../support/external.js";

// The public MT940 files of ../shared/external/mt940, read in place; wolph/mt940's expected-output
// YAML files are the oracle for amounts, balances and accounts.

async function mt940(name: string): Promise<readonly BankStatement[]> {
  return (await parseBankFile(external("mt940", name), { fileName: name })).statements;
}

describe("wolph/mt940 (jejik) files against their expected YAML", () => {
  test.each(["abnamro", "ing", "knab", "rabobank-iban", "rabobank", "sns", "triodos"])(
    "%s: every transaction's amount, the last closing balance and the account",
    async (bank) => {
      const statements = await mt940(`wolph-jejik_${bank}.sta`);
      const yaml = externalText("mt940", `wolph-jejik_${bank}.yml`);
      const amounts = statements.flatMap((s) => s.entries.map((e) => e.amount));
      const expected = yamlTransactionAmounts(yaml);
      expect(amounts.map((a) => a.toString())).toEqual(expected.map((a) => Number(a).toString()));
      const summary = yamlSummary(yaml);
      // wolph/mt940 keeps the last :62F: as the final closing balance (a :62M: is intermediate).
      expect(statements.map((s) => s.closingBalance?.amount.toString())).toContain(
        Number(summary.closing).toString(),
      );
      expect(statements.map((s) => s.account.number)).toContain(
        summary.account?.replace(/\s*EUR$/, ""),
      );
    },
  );

  test("ABN AMRO (free text): the betalingskenmerk in the text is read as a Dutch payment reference, and its check is reported", async () => {
    const [s] = await mt940("wolph-jejik_abnamro.sta");
    const first = s?.entries[0];
    expect(first?.structuredReference).toMatchObject({
      kind: "nl-payment-reference",
      value: "0000000421886595",
      scheme: "BETALINGSKENM",
    });
    expect(first?.structuredReference?.valid).toBe(false);
    expect(first?.communication).toContain("KPN - DIGITENNE");
  });

  test("Triodos (>20..>33 subfields): counterparty account and the description lines joined", async () => {
    const [s] = await mt940("wolph-jejik_triodos.sta");
    expect(s?.account.number).toBe("TRIODOSBANK/0390123456");
    expect(s?.entries[0]?.counterparty.account).toBe("0100987654321".slice(3));
    expect(s?.entries[0]?.communication).toBe(
      "ALGEMENE TUSSENREKENING KOSTEN VAN 01-10-2010 TOT EN MET 31-12-2010",
    );
  });

  test("Rabobank IBAN: counterparty IBAN from the :61: second line, name from /BENM//NAME/, end-to-end id from /EREF/", async () => {
    const [s] = await mt940("wolph-jejik_rabobank-iban.sta");
    expect(s?.entries[0]?.counterparty).toMatchObject({
      account: "NL70ABNA0987654321",
      name: "CONTRA ACCOUNT HOLDER",
    });
    expect(s?.entries[0]?.endToEndId).toBe("01-01-2013 12:00 0030000987654321");
    expect(s?.entries[1]?.communication).toBe("Reference 201301234");
  });

  test("Rabobank old BBAN (:25:1291.99.348EUR): the account and name on the :61: line, several :86: lines", async () => {
    const [s] = await mt940("wolph-jejik_rabobank.sta");
    expect(s?.account.number).toBe("1291.99.348");
    expect(s?.entries[0]?.counterparty).toMatchObject({
      account: "0121470966",
      name: "W.P. Jansen",
    });
    expect(s?.entries[0]?.communication).toBe(
      "Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731",
    );
  });

  test("SNS and Knab: counterparty on the :61: line (SNS); amounts written without decimals (Knab)", async () => {
    const sns = await mt940("wolph-jejik_sns.sta");
    expect(sns[0]?.entries[0]?.counterparty).toMatchObject({
      account: "0987654321",
      name: "marechal s",
    });
    const knab = await mt940("wolph-jejik_knab.sta");
    expect(knab[0]?.entries[0]?.amount.toString()).toBe("500");
  });
});

describe("OCA and ASN files", () => {
  test("ING structured :86: (new and old export headers): /EREF/, /CNTP/, /REMI/USTD// and /REMI/STRD/CUR/", async () => {
    for (const name of [
      "oca10_mt940_nl_ing_test-ing.940",
      "oca10_mt940_nl_ing_test-ing-old.940",
      "oca10_mt940_base_test-ing.940",
    ]) {
      const [s] = await mt940(name);
      expect(s?.account.id).toBe("NL77INGB0574908765");
      expect(s?.entries).toHaveLength(8);
      expect(s?.openingBalance?.amount.toString()).toBe("662.23");
      expect(s?.closingBalance?.amount.toString()).toBe("564.35");
      const first = s?.entries[0];
      expect(first?.endToEndId).toBe("EV12341REP1231456T1234");
      expect(first?.counterparty).toMatchObject({
        iban: "NL32INGB0000012345",
        bic: "INGBNL2A",
        name: "ING BANK NV INZAKE WEB",
      });
      expect(first?.communication).toBe("EV10001REP1000000T1000");
      const structured = s?.entries.filter((e) => e.structuredReference !== null) ?? [];
      expect(
        structured.map((e) => [e.structuredReference?.kind, e.structuredReference?.scheme]),
      ).toEqual([
        ["nl-payment-reference", "CUR"],
        ["nl-payment-reference", "CUR"],
      ]);
      expect(s?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
    }
  });

  test("Rabobank .swi (CRLF): 4 statements that reconcile; the counterparty of a credit", async () => {
    for (const name of ["oca10_mt940_base_test-rabo.swi", "oca10_mt940_nl_rabo_test-rabo.swi"]) {
      const statements = await mt940(name);
      expect(statements).toHaveLength(4);
      for (const s of statements)
        expect(s.findings.map((f) => f.code)).not.toContain("balance-mismatch");
      expect(statements[0]?.entries[0]?.counterparty).toMatchObject({
        iban: "NL66RABO0160878799",
        name: "R. SMITH",
      });
    }
  });

  test("SNS in SWIFT blocks: 3 statements, the last without a closing balance reported", async () => {
    const statements = await mt940("oca10_mt940_base_test-sns.940");
    expect(statements.map((s) => s.number)).toEqual(["361/1", "362/1", "363/1"]);
    expect(statements[0]?.entries[0]?.counterparty).toMatchObject({
      iban: "NL49RABO0166416932",
      name: "gerrits glas en schilderwerk",
    });
  });

  test("the wrong file (a :9401: header) is refused, naming line 1", async () => {
    const error = await mt940("oca10_mt940_base_test-wrong-file.940").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as IncassoError).issues[0]?.path).toBe("oca10_mt940_base_test-wrong-file.940:1");
  });

  test("ASN: 31 statements with 8 :61: lines", async () => {
    const statements = await mt940("wolph_ASNB_mt940.txt");
    expect(statements).toHaveLength(31);
    expect(statements.flatMap((s) => s.entries)).toHaveLength(8);
    for (const s of statements)
      expect(s.findings.map((f) => f.code)).not.toContain("balance-mismatch");
  });
});
