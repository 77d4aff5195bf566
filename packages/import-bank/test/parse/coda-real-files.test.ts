import { readdirSync } from "node:fs";
import { join } from "node:path";
import { IncassoError } from "@incasso/core";
import { describe, expect, test } from "vitest";
import type { BankStatement, StatementEntry } from "../../src/parse/index.js";
import { findDuplicates, parseBankFile, toBankTransactions } from "../../src/parse/index.js";
import { EXTERNAL, external, normalised } from "../support/external.js";

// The 19 public CODA files of ../shared/external/coda, read in place; the expectations are the
// source projects' own test assertions as SOURCES.md lists them.

async function coda(name: string): Promise<readonly BankStatement[]> {
  return (await parseBankFile(external("coda", name), { fileName: name })).statements;
}

function only(statements: readonly BankStatement[]): BankStatement {
  expect(statements).toHaveLength(1);
  return statements[0] as BankStatement;
}

function at(statement: BankStatement, index: number): StatementEntry {
  const entry = statement.entries[index];
  if (entry === undefined) throw new Error(`no entry ${index}`);
  return entry;
}

const codes = (s: BankStatement): string[] => s.findings.map((f) => f.code);

describe("every real CODA file", () => {
  const files = readdirSync(join(EXTERNAL, "coda"));
  test("there are 19 of them", () => {
    expect(files).toHaveLength(19);
  });
  test.each(files.filter((f) => f !== "coda_standard_invalid.cod"))(
    "%s parses, every entry with a date, an exact amount and a unique reference",
    async (name) => {
      const statements = await coda(name);
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) {
        const refs = s.entries.map((e) => e.entryReference);
        expect(new Set(refs).size).toBe(refs.length);
        for (const e of s.entries) expect(e.amount.decimalPlaces()).toBeLessThanOrEqual(3);
      }
    },
  );
});

describe("php-coda-parser samples", () => {
  test("sample1: BBAN account, 4 credits with type-101 references that all fail mod 97, kept and flagged", async () => {
    const s = only(await coda("php-coda-parser_sample1.cod"));
    expect(s.openingBalance?.amount.toString()).toBe("17752.12");
    expect(s.closingBalance?.amount.toString()).toBe("17832.12");
    expect(s.date.toString()).toBe("2017-10-11");
    expect(s.account.number).toBe("138536152215");
    expect(s.entries.map((e) => e.amount.toString())).toEqual(["5", "25", "20", "30"]);
    const tx0 = at(s, 0);
    expect(tx0.structuredReference).toMatchObject({
      kind: "ogm",
      value: "000003505158",
      valid: false,
      scheme: "101",
    });
    expect(tx0.counterparty.name).toBe("KLANT1 MET NAAM1");
    expect(tx0.counterparty.account).toBe("BE22313215646432");
    // php-coda-parser calls the counterparty's address (information type 001) the "message".
    const address = tx0.codaInformation.find((c) => c.type === "001")?.fields;
    expect(normalised(`${address?.street} ${address?.locality}`)).toBe(
      normalised("GROTE WEG            32            3215    HASSELT"),
    );
    expect(s.entries.map((e) => e.structuredReference?.value)).toEqual([
      "000003505158",
      "000003515846",
      "000003154982",
      "000002133131",
    ]);
    expect(s.entries.every((e) => e.structuredReference?.valid === false)).toBe(true);
    expect(codes(s).filter((c) => c === "invalid-reference")).toHaveLength(4);
    expect(toBankTransactions(s).map((t) => t.structuredReference?.valid)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  test("sample2: a type-3 debit of -9.680 with breakdown details (one type 106), a 3-decimal new balance", async () => {
    const s = only(await coda("php-coda-parser_sample2.cod"));
    expect(s.entries).toHaveLength(1);
    const tx = at(s, 0);
    expect(tx.amount.toString()).toBe("-9.68");
    expect(tx.counterparty.name).toBeNull();
    expect(normalised(tx.communication)).toBe(
      "Zichtrekening nr 21354598 - 2,11Justification in annex",
    );
    // php-coda-parser appends the type-106 detail's continuation "00001680"; it is kept here as that detail's structured communication.
    expect(tx.codaInformation.find((c) => c.type === "106")?.raw).toContain("00001680");
    expect(s.closingBalance?.amount.toFixed(3)).toBe("23154.685");
  });

  test("sample3: the message joins the communications of the movement and its breakdown lines", async () => {
    const s = only(await coda("php-coda-parser_sample3.cod"));
    expect(normalised(at(s, 0).communication)).toBe("Message goes here and continues here or here");
  });

  test("sample4: the message continues from record 2.1 into 2.2", async () => {
    const s = only(await coda("php-coda-parser_sample4.cod"));
    expect(normalised(at(s, 0).communication)).toBe(
      normalised(
        "Europese overschrijving (zie bijlage)  + 17.233,54Van: COMPANY BLABLABLAH BVBA - BE64NOT PR",
      ),
    );
  });

  test("sample5: sequence numbers 1, 2, 9 are reported as a gap; an OGM in free text stays free text", async () => {
    const s = only(await coda("php-coda-parser_sample5.cod"));
    expect(s.entries.map((e) => e.entryReference.split("/")[2])).toEqual(["0001", "0002", "0009"]);
    const gap = s.findings.find((f) => f.code === "sequence-gap");
    expect(gap?.message).toContain("9 follows 2");
    expect(at(s, 0).structuredReference).toBeNull();
    expect(at(s, 0).communication).toContain("112/4554/46812");
    expect(at(s, 1).structuredReference).toMatchObject({ value: "112455446812", valid: false });
    expect(at(s, 2).communication).toContain("112/4554/46812");
  });

  test("sample6: header, holder, a negative new balance and a 3-decimal debit", async () => {
    const s = only(await coda("php-coda-parser_sample6.cod"));
    expect(s.date.toString()).toBe("2015-01-18");
    expect(s.openingBalance?.amount.toString()).toBe("4004.1");
    expect(s.closingBalance?.amount.toString()).toBe("-500012.1");
    expect(s.information).toEqual(["THIS IS A PUBLIC MESSAGE"]);
    expect(s.account).toMatchObject({
      holder: "CODELICIOUS",
      bic: "GEBABEBB",
      holderIdentification: "09029308273",
      number: "001548226815",
      currency: "EUR",
      description: "PROFESSIONAL ACCOUNT",
    });
    const [tx1, tx2, tx3] = s.entries as [StatementEntry, StatementEntry, StatementEntry];
    expect(tx1.valueDate.toString()).toBe("2014-12-25");
    expect(tx1.amount.toFixed(3)).toBe("-767.823");
    expect(normalised(tx1.communication)).toBe("112/4554/46812 813 ANOTHER MESSAGE MESSAGE");
    expect(tx1.structuredReference).toBeNull();
    expect(tx1.counterparty).toMatchObject({
      name: "BVBA.BAKKER PIET",
      bic: "GEBCEEBB",
      account: "BE54805480215856",
    });
    expect(tx2.customerReference).toBe("54875");
    expect(tx2.structuredReference?.value).toBe("112455446812");
    expect(tx3.counterparty.name).toBeNull();
    expect(tx3.counterparty.bic).toBe("GEBCEEBB");
    expect(tx3.entryReference).toBe("2015/155/0009/0000");
  });

  test("sample7: a globalised -75.00 gives its 3 details, not the total; the hand-edited trailer is reported", async () => {
    const s = only(await coda("php-coda-parser_sample7.cod"));
    expect(s.entries).toHaveLength(3);
    expect(s.totals.map((t) => t.amount.toString())).toEqual(["-75"]);
    const tx0 = at(s, 0);
    const address = tx0.codaInformation.find((c) => c.type === "001")?.fields;
    expect(normalised(`${address?.street} ${address?.locality}`)).toBe(
      "VOETGANGERSTRAAT 26 1215 ANTWERPEN",
    );
    expect(tx0.structuredReference?.value).toBe("000003515846");
    expect(tx0.amount.toString()).toBe("-25");
    expect(tx0.counterparty.name).toBe("KLANT2 NAAM2");
    expect(tx0.counterparty.account).toBe("BE25646548413215");
    expect(s.entries.map((e) => e.entryReference)).toEqual([
      "2017/139/0001/0002",
      "2017/139/0001/0003",
      "2017/139/0001/0004",
    ]);
    expect(
      s.entries.every((e) => e.role === "detail" && e.parentReference === "2017/139/0001/0000"),
    ).toBe(true);
    expect(codes(s)).toEqual(
      expect.arrayContaining([
        "record-count-mismatch",
        "trailer-total-mismatch",
        "balance-mismatch",
      ]),
    );
    expect(toBankTransactions(s).reduce((sum, t) => sum + Number(t.amount), 0)).toBe(-75);
  });

  test("sample8: only globalised lines without details: 2 transactions", async () => {
    const s = only(await coda("php-coda-parser_sample8.cod"));
    expect(s.entries.map((e) => e.amount.toString())).toEqual(["-395.55", "-249.34"]);
  });

  test("sample9: the client reference of record 2.2", async () => {
    expect(at(only(await coda("php-coda-parser_sample9.cod")), 0).customerReference).toBe(
      "243690000141",
    );
  });

  test("sample10: a SEPA direct-debit batch of +1000 gives its 2 details (type 127)", async () => {
    const s = only(await coda("php-coda-parser_sample10.cod"));
    expect(s.openingBalance?.amount.toString()).toBe("100");
    expect(s.closingBalance?.amount.toString()).toBe("1100");
    expect(s.date.toString()).toBe("2024-06-06");
    expect(
      s.entries.map((e) => [e.amount.toString(), e.counterparty.name, e.counterparty.account]),
    ).toEqual([
      ["250", "KLANT1 MET NAAM1", "BE22313215646432"],
      ["750", "KLANT2 MET NAAM2", "BE25646548413215"],
    ]);
    expect(s.entries.map((e) => e.codaCommunication?.type)).toEqual(["127", "127"]);
    expect(s.totals).toHaveLength(1);
  });

  test("sample11: the same total without details is 1 transaction of 1000", async () => {
    const s = only(await coda("php-coda-parser_sample11.cod"));
    expect(s.entries.map((e) => e.amount.toString())).toEqual(["1000"]);
    expect(s.totals).toHaveLength(0);
  });
});

describe("TRIPTYK, coda_standard, OCA and Odoo files", () => {
  test("12298862.BC2: windows-1252 and CRLF, 26 movements that reconcile with balances and trailer", async () => {
    const s = only(await coda("triptyk_12298862.BC2"));
    expect(s.account.id).toBe("BE75363112201051");
    expect(s.account.description).toContain("Compte à vue");
    expect(s.openingBalance?.amount.toString()).toBe("16300.11");
    expect(s.closingBalance?.amount.toString()).toBe("17498.84");
    expect(s.entries).toHaveLength(26);
    expect(s.entries.filter((e) => e.amount.isPositive())).toHaveLength(16);
    const debits = s.entries.filter((e) => e.amount.isNegative());
    expect(debits).toHaveLength(10);
    expect(
      debits
        .map((e) => e.amount.abs())
        .reduce((a, b) => a.plus(b))
        .toString(),
    ).toBe("68472.03");
    const ogms = s.entries.filter((e) => e.structuredReference !== null);
    expect(ogms).toHaveLength(5);
    expect(ogms.every((e) => e.structuredReference?.valid === true && e.amount.isNegative())).toBe(
      true,
    );
    expect(
      s.entries.some((e) =>
        e.communication?.includes("2022-12-13196+13189+13343+13276+13101+13232+13479"),
      ),
    ).toBe(true);
    expect(s.findings).toEqual([]);
  });

  test("TRIPTYK sample2.cod: U+FFFD characters in UTF-8 are reported; the records are still 128 characters", async () => {
    const parsed = await parseBankFile(external("coda", "triptyk_sample2.cod"), {
      fileName: "triptyk_sample2.cod",
    });
    expect(parsed.findings.map((f) => f.code)).toContain("replacement-characters");
    expect(only(parsed.statements).entries.map((e) => e.amount.toString())).toEqual(["-9.68"]);
  });

  test("coda_standard coda.cod: types 101 and 102, BE and LU counterparties, an inconsistent trailer", async () => {
    const s = only(await coda("coda_standard_coda.cod"));
    expect(s.account.number).toBe("539007547034");
    expect(s.account.bic).toBe("GEBABEBB");
    expect(s.openingBalance?.amount.toFixed(3)).toBe("57900.000");
    const [tx1, tx2] = s.entries as [StatementEntry, StatementEntry];
    expect(tx1.structuredReference).toMatchObject({
      kind: "ogm",
      value: "100000834941",
      scheme: "101",
    });
    expect(tx1.bookingDate.toString()).toBe("2015-03-31");
    expect(tx1.amount.toFixed(2)).toBe("500.86");
    expect(tx1.counterparty).toMatchObject({
      name: "LASTNM PERSON",
      account: "BE53900754703405",
      bic: "GKCCBEBB",
    });
    expect(tx2.structuredReference).toMatchObject({
      kind: "ogm",
      value: "100000835749",
      scheme: "102",
    });
    expect(tx2.amount.toFixed(2)).toBe("200.00");
    expect(tx2.counterparty).toMatchObject({
      name: "M.JOHN DOE",
      account: "LU539007547034898400",
      bic: "BILLLULL",
    });
    expect(codes(s)).toEqual(expect.arrayContaining(["record-count-mismatch", "balance-mismatch"]));
  });

  test("coda_standard invalid.cod: blank lines and a stray line refuse the file, naming each line", async () => {
    const error = await parseBankFile(external("coda", "coda_standard_invalid.cod"), {
      fileName: "invalid.cod",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncassoError);
    const paths = (error as IncassoError).issues.map((i) => i.path);
    expect(paths).toContain("invalid.cod:15");
    expect(paths).toContain("invalid.cod:18");
    expect((error as IncassoError).issues[0]?.message).toContain(
      "expected a CODA record of 128 characters",
    );
  });

  test("OCA KBC file: 5 movements, an OGM, and a declared new balance that does not reconcile, reported not fixed", async () => {
    const s = only(await coda("oca_Ontvangen_CODA.2012-01-11-18.59.15.txt"));
    expect(s.entries).toHaveLength(5);
    expect(s.entries.filter((e) => e.amount.isPositive())).toHaveLength(2);
    expect(s.openingBalance?.amount.toFixed(2)).toBe("11812.70");
    expect(s.closingBalance?.amount.toFixed(2)).toBe("13646.05");
    const mismatch = s.findings.find((f) => f.code === "balance-mismatch");
    expect(mismatch?.message).toContain("13527.81");
    expect(mismatch?.message).toContain("13646.05");
    const tx2 = at(s, 1);
    expect(tx2.counterparty).toMatchObject({ name: "PARTNER 2", iban: "BE61310126985517" });
    expect(tx2.structuredReference).toMatchObject({ value: "240283842818", valid: true });
    expect(s.entries.filter((e) => e.amount.toFixed(2) === "-479.04")).toHaveLength(2);
  });

  test("OCA KBC file imported twice: every statement and entry of the second import is a duplicate", async () => {
    const first = await coda("oca_Ontvangen_CODA.2012-01-11-18.59.15.txt");
    const report1 = findDuplicates(first, { statementKeys: new Set(), entryKeys: new Set() });
    expect(report1.statements).toHaveLength(0);
    const again = await coda("oca_Ontvangen_CODA.2012-01-11-18.59.15.txt");
    const report2 = findDuplicates(again, {
      statementKeys: new Set(report1.newStatementKeys),
      entryKeys: new Set(report1.newEntryKeys),
    });
    expect(report2.statements).toHaveLength(1);
    expect(report2.entries).toHaveLength(5);
    expect(report2.newEntryKeys).toEqual([]);
  });

  test("Odoo variant: statement 135, 11812.70 to 13527.81 consistent; record 8 names another account", async () => {
    const s = only(await coda("odoo_Ontvangen_CODA.2013-01-11-18.59.15.txt"));
    expect(s.account.id).toBe("BE33737018595246");
    expect(s.sequence).toBe("135");
    expect(s.closingBalance?.amount.toFixed(2)).toBe("13527.81");
    expect(codes(s)).not.toContain("balance-mismatch");
    expect(s.findings.find((f) => f.code === "account-mismatch")?.message).toContain(
      "BE44734024486445",
    );
  });

  test("OCA 7.0 single statement: 2009/042, 30 lines (2 bank totals replaced by their 14 + 1 details)", async () => {
    const s = only(await coda("oca70_Coda_iban_v2_3_single_statement.txt"));
    expect(s.number).toBe("2009/042");
    expect(s.date.toString()).toBe("2009-03-05");
    expect(s.entries).toHaveLength(30);
    expect(codes(s)).not.toContain("balance-mismatch");
    expect(s.closingBalance?.amount.equals(s.openingBalance?.amount ?? -1)).toBe(true);
    const sweep = s.entries.find((e) => e.entryReference === "2009/042/0017/0005");
    expect(sweep?.amount.toString()).toBe("-15");
    expect(sweep?.counterparty.account).toBe("BE38733040385372");
    expect(normalised(`${sweep?.communication} ${sweep?.counterparty.name}`)).toContain(
      "OVERBOEKING NAAR CENTRALE REKENING",
    );
  });

  test("OCA 7.0 multi statements: two statements of one account in one file", async () => {
    const [a, b] = (await coda("oca70_Coda_iban_v2_3_multi_statements.txt")) as [
      BankStatement,
      BankStatement,
    ];
    expect([
      a.number,
      a.date.toString(),
      a.openingBalance?.amount.toFixed(2),
      a.closingBalance?.amount.toFixed(2),
      a.entries.length,
    ]).toEqual(["2014/036", "2014-03-29", "39698.09", "39575.69", 1]);
    expect([
      b.number,
      b.date.toString(),
      b.openingBalance?.amount.toFixed(2),
      b.closingBalance?.amount.toFixed(2),
      b.entries.length,
    ]).toEqual(["2014/037", "2014-03-31", "39575.69", "139575.69", 1]);
    expect(b.account.id).toBe("BE13001676096039");
    expect(at(b, 0).amount.toString()).toBe("100000");
    expect(at(b, 0).codaInformation.map((c) => c.type)).toContain("105");
  });
});
