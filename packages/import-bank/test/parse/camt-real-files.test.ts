import { describe, expect, test } from "vitest";
import type { BankStatement, StatementEntry } from "../../src/parse/index.js";
import { parseBankFile, toBankTransactions } from "../../src/parse/index.js";
import { external, externalText, parsePythonLiteral } from "../support/external.js";

// The public camt.053/054 files of ../shared/external, read in place, against the source projects'
// assertions and OCA's golden expectation files (Python literals, read in place too).

async function camt(dir: string, name: string): Promise<readonly BankStatement[]> {
  return (await parseBankFile(external(dir, name), { fileName: name })).statements;
}

interface GoldenTx {
  amount: number;
  date: string;
  ref?: string;
  account_number?: string;
  partner_name?: string;
}
interface GoldenStatement {
  name: string;
  balance_start: number;
  balance_end_real: number;
  date?: string;
  transactions: GoldenTx[];
}

function golden(
  dir: string,
  name: string,
): { currency: string; account: string; statements: GoldenStatement[] } {
  const [currency, account, statements] = parsePythonLiteral(externalText(dir, name)) as [
    string,
    string,
    GoldenStatement[],
  ];
  return { currency, account, statements };
}

function compareWithGolden(
  statements: readonly BankStatement[],
  expected: ReturnType<typeof golden>,
): void {
  expect(statements.map((s) => s.account.id)).toEqual(statements.map(() => expected.account));
  const withEntries = statements.filter((s) => s.entries.length > 0);
  expect(withEntries).toHaveLength(expected.statements.length);
  withEntries.forEach((s, i) => {
    const g = expected.statements[i] as GoldenStatement;
    expect(s.number).toBe(g.name);
    expect(Number(s.openingBalance?.amount.toString())).toBe(g.balance_start);
    expect(Number(s.closingBalance?.amount.toString())).toBe(g.balance_end_real);
    // OCA dates a statement by its first booking; this reader by FrToDt/ToDtTm (asserted apart).
    expect(s.entries.map((e) => Number(e.amount.toString()))).toEqual(
      g.transactions.map((t) => t.amount),
    );
    s.entries.forEach((e, j) => {
      const t = g.transactions[j] as GoldenTx;
      expect(e.bookingDate.toString()).toBe(t.date);
      expect(e.currency).toBe(expected.currency);
      if (t.ref !== undefined)
        expect([
          e.endToEndId,
          e.bankReference,
          e.entryReference.split("/").pop(),
          e.structuredReference?.value,
        ]).toContain(t.ref);
      if (t.account_number !== undefined) expect(e.counterparty.account).toBe(t.account_number);
      if (t.partner_name !== undefined) expect(e.counterparty.name).toBe(t.partner_name);
    });
  });
}

describe("OCA camt.053 and camt.054 with their golden files", () => {
  test("test-camt053 (ABN AMRO, .001.02): a batch entry with 2 TxDtls gives 2 transactions; the file's balances do not reconcile", async () => {
    const statements = await camt("camt053", "oca_test-camt053");
    compareWithGolden(statements, golden("camt053", "oca_golden-camt053.pydata"));
    const s = statements[0] as BankStatement;
    expect(s.date.toString()).toBe("2014-01-05");
    expect(s.entries).toHaveLength(4);
    expect(s.totals.map((t) => t.amount.toString())).toEqual(["-664.05"]);
    expect(s.entries.filter((e) => e.role === "detail").every((e) => e.reversal)).toBe(true);
    expect(s.entries[0]?.transactionCode).toBe("PMNT-RDDT-ESDD");
    expect(s.entries[0]?.communication).toBe(
      "Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014",
    );
    expect(s.entries[0]?.additionalInformation).toBe(
      "MKB Insurance 859239PERIOD 01.01.2014 - 31.12.2014",
    );
    // 15568.27 - 754.25 - 664.05 + 1405.31 = 15555.28, not the 15121.12 the file declares.
    expect(s.findings.find((f) => f.code === "balance-mismatch")?.message).toContain("15555.28");
  });

  test("test-camt053-txdtls (.001.04, CHF): 2 TxDtls with ISR structured references kept as 'other'", async () => {
    const statements = await camt("camt053", "oca_test-camt053-txdtls");
    compareWithGolden(statements, golden("camt053", "oca_golden-camt053-txdtls.pydata"));
    const s = statements[0] as BankStatement;
    expect(s.entries.map((e) => e.structuredReference)).toEqual([
      {
        kind: "other",
        value: "302388292000011111111111111",
        valid: true,
        scheme: "ISR Reference",
        raw: "302388292000011111111111111",
      },
      {
        kind: "other",
        value: "302388292000022222222222222",
        valid: true,
        scheme: "ISR Reference",
        raw: "302388292000022222222222222",
      },
    ]);
    expect(s.findings.map((f) => f.code)).not.toContain("balance-mismatch");
  });

  test("test-camt053-no-ntry: balances and no entries, nothing to import", async () => {
    const statements = await camt("camt053", "oca_test-camt053-no-ntry");
    expect(statements).toHaveLength(1);
    expect(statements[0]?.entries).toEqual([]);
    expect(golden("camt053", "oca_golden-camt053-no-ntry.pydata").statements).toEqual([]);
    expect(statements[0]?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
  });

  test("test-camt053.zip: two camt files in one archive, each statement read with its inner file name", async () => {
    const parsed = await parseBankFile(external("camt053", "oca_test-camt053.zip"), {
      fileName: "test-camt053.zip",
    });
    expect(parsed.container).toBe("zip");
    expect(parsed.formats).toEqual(["camt.053"]);
    expect(parsed.statements.map((s) => s.fileName)).toEqual([
      "test-camt053.zip/test-camt053_02.xml",
      "test-camt053.zip/test-camt053_03.xml",
    ]);
    expect(parsed.statements.map((s) => s.entries.map((e) => e.amount.toString()))).toEqual([
      ["-754.25", "-594.05", "1405.31"],
      ["-754.25", "-594.05", "1405.31"],
    ]);
  });

  test("camt.054 (.001.04): one credit of 5.00 with its structured reference", async () => {
    const statements = await camt("camt054", "oca_test-camt054");
    const expected = golden("camt054", "oca_golden-camt054.pydata");
    expect(statements.map((s) => s.format)).toEqual(["camt.054"]);
    const entries = statements.flatMap((s) => s.entries);
    expect(entries.map((e) => Number(e.amount.toString()))).toEqual(
      expected.statements.flatMap((s) => s.transactions.map((t) => t.amount)),
    );
    expect(entries[0]?.structuredReference?.value).toBe("000000000000000000000000003");
  });

  test("bookgdt-dttm: a booking date given as a UTC DtTm is the calendar day in the bank's time zone", async () => {
    const [s] = await camt("camt053", "oca13_test-camt053-bookgdt-dttm");
    // 2014-01-04T23:00:00.000Z is 2014-01-05 00:00 in Europe/Brussels (and Amsterdam).
    expect(s?.entries[0]?.bookingDate.toString()).toBe("2014-01-05");
    const utc = await parseBankFile(external("camt053", "oca13_test-camt053-bookgdt-dttm"), {
      fileName: "x",
      timeZone: "UTC",
    });
    expect(utc.statements[0]?.entries[0]?.bookingDate.toString()).toBe("2014-01-04");
  });

  test("sftp camt053: one debit entry", async () => {
    const [s] = await camt("camt053", "oca14_sftp_camt053");
    expect(s?.account.id).toBe("NL12ABCD3456789012");
    expect(s?.entries.map((e) => e.amount.toString())).toEqual(["-1200"]);
  });
});

describe("Rabobank and Deutsche Bank Belgium exports", () => {
  test("Rabobank: 132 statements of two accounts, 9 entries, the betalingskenmerk as Strd with Issr CUR", async () => {
    const statements = await camt("camt053", "mpdroog-invoiced_rabobank_CAMT053.xml");
    expect(statements).toHaveLength(132);
    expect(new Set(statements.map((s) => s.account.id))).toEqual(
      new Set(["NL17RABO0310029597", "NL59RABO3181240869"]),
    );
    const entries = statements.flatMap((s) => s.entries);
    expect(entries).toHaveLength(9);
    expect(entries.filter((e) => e.amount.isPositive())).toHaveLength(4);
    const received = entries.filter((e) => e.transactionCode?.endsWith(":541"));
    expect(received).toHaveLength(3);
    const first = received[0] as StatementEntry;
    expect([
      first.counterparty.iban,
      first.amount.toFixed(2),
      first.communication,
      first.bookingDate.toString(),
      first.counterparty.name,
    ]).toEqual(["NL62ABNA0408441224", "4425.25", "2016Q3-0004", "2016-08-15", "XS NEWS B V"]);
    const kenmerk = entries.find((e) => e.structuredReference !== null);
    expect(kenmerk?.structuredReference).toMatchObject({
      kind: "nl-payment-reference",
      value: "1067931951601240",
      scheme: "CUR",
      valid: true,
    });
    expect(kenmerk?.communication).toBe("BETALINGSKENM.  1067931951601240");
    for (const s of statements)
      expect(s.findings.map((f) => f.code)).not.toContain("balance-mismatch");
  });

  test("Deutsche Bank BE statement: 3 entries, opening and closing 0, FrToDt in DtTm", async () => {
    const [s] = await camt("camt053", "subite_BE_deutschebank_account_statement.xml");
    expect(s?.entries.map((e) => e.amount.isPositive())).toEqual([false, false, true]);
    expect(s?.openingBalance?.amount.isZero()).toBe(true);
    expect(s?.closingBalance?.amount.isZero()).toBe(true);
    expect(s?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
  });

  test("Deutsche Bank BE month: 268 entries reconcile 59370.37 to 87539.12", async () => {
    const [s] = await camt("camt053", "subite_BE68793230773034-202411.xml");
    expect(s?.entries).toHaveLength(268);
    expect(s?.entries.filter((e) => e.amount.isPositive())).toHaveLength(4);
    expect(s?.openingBalance?.amount.toFixed(2)).toBe("59370.37");
    expect(s?.closingBalance?.amount.toFixed(2)).toBe("87539.12");
    expect(s?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
    const refs = toBankTransactions(s as BankStatement).map((t) => t.entryReference);
    expect(new Set(refs).size).toBe(268);
  });
});
