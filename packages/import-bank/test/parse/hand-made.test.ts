import { createOgm, IncassoError, Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { describe, expect, test } from "vitest";
import {
  detectBankFileFormat,
  findDuplicates,
  parseBankFile,
  parseBankFileSync,
  toBankTransactions,
  transactionFingerprint,
} from "../../src/parse/index.js";
import type { WritableStatement } from "../support/spec.js";
import { writeCamt053, writeCamt054 } from "../support/write-camt.js";
import { writeCoda } from "../support/write-coda.js";
import { writeMt940 } from "../support/write-mt940.js";

// Small files made here for what the public files lack.

const day = Temporal.PlainDate.from("2026-03-02");
const VALID_OGM = createOgm("1234567890").replace(/\D/g, ""); // 123456789002
const WRONG_OGM = "123456789003";

function statement(over: Partial<WritableStatement> = {}): WritableStatement {
  return {
    account: "BE68539007547034",
    statementNumber: 12,
    date: day,
    openingBalance: new Decimal("1000.00"),
    holder: "INCASSO ADVOCATEN",
    entries: [
      {
        amount: new Decimal("120.00"),
        valueDate: day,
        counterparty: { name: "Jan Peeters", iban: "BE71096123456769", bic: "GKCCBEBB" },
        structuredReference: { kind: "ogm", value: VALID_OGM },
      },
      {
        amount: new Decimal("75.50"),
        valueDate: day,
        counterparty: { name: "Marie Dubois", iban: "BE62510007547061" },
        structuredReference: { kind: "ogm", value: WRONG_OGM },
      },
      { amount: new Decimal("-12.34"), valueDate: day, communication: "Kosten rekening" },
    ],
    ...over,
  };
}

describe("CODA made by hand", () => {
  test("a type-101 OGM with good check digits is valid; one with wrong check digits is kept, flagged and reported", async () => {
    const [s] = (await parseBankFile(writeCoda(statement()), { fileName: "hand.cod" })).statements;
    expect(s?.entries.map((e) => e.structuredReference)).toEqual([
      { kind: "ogm", value: "123456789002", valid: true, scheme: "101", raw: "123456789002" },
      { kind: "ogm", value: "123456789003", valid: false, scheme: "101", raw: "123456789003" },
      null,
    ]);
    const flagged = s?.findings.filter((f) => f.code === "invalid-reference") ?? [];
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.location).toEqual({ file: "hand.cod", line: 6, element: null });
    expect(s?.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("a globalised movement with details: the details are the payments, the total is kept apart and not paid twice", async () => {
    const coda = writeCoda(
      statement({
        entries: [
          {
            amount: new Decimal(0),
            valueDate: day,
            communication: "BATCH 17",
            details: [
              {
                amount: new Decimal("40.00"),
                valueDate: day,
                structuredReference: { kind: "ogm", value: VALID_OGM },
                counterparty: { name: "A", iban: "BE71096123456769" },
              },
              {
                amount: new Decimal("60.00"),
                valueDate: day,
                counterparty: { name: "B", iban: "BE62510007547061" },
              },
            ],
          },
        ],
      }),
    );
    const [s] = (await parseBankFile(coda)).statements;
    expect(s?.entries.map((e) => [e.role, e.amount.toFixed(2), e.parentReference])).toEqual([
      ["detail", "40.00", "2026/012/0001/0000"],
      ["detail", "60.00", "2026/012/0001/0000"],
    ]);
    expect(s?.totals.map((t) => t.amount.toFixed(2))).toEqual(["100.00"]);
    expect(
      toBankTransactions(s as never)
        .reduce((sum, t) => sum.plus(t.amount), new Decimal(0))
        .toFixed(2),
    ).toBe("100.00");
    expect(s?.findings).toEqual([]);
  });

  test("details that do not add up to their total are reported", async () => {
    const text = writeCoda(
      statement({
        entries: [
          {
            amount: new Decimal(0),
            valueDate: day,
            details: [
              { amount: new Decimal("1.00"), valueDate: day },
              { amount: new Decimal("2.00"), valueDate: day },
            ],
          },
        ],
      }),
    );
    const tampered = text.replace("0000000000003000", "0000000000004000");
    const [s] = (await parseBankFile(tampered)).statements;
    expect(s?.findings.map((f) => f.code)).toContain("detail-sum-mismatch");
  });

  test("a windows-1252 file: accented names read back; the same file in CRLF and LF reads the same", async () => {
    const text = writeCoda(
      statement({
        entries: [
          {
            amount: new Decimal("5.00"),
            valueDate: day,
            counterparty: { name: "Société Générale à Liège", iban: "BE71096123456769" },
          },
        ],
      }),
    );
    const bytes = new Uint8Array(iconv.encode(text, "win1252"));
    expect(bytes.length).toBe(text.length);
    const crlf = await parseBankFile(bytes);
    expect(crlf.statements[0]?.entries[0]?.counterparty.name).toBe("Société Générale à Liège");
    const lf = await parseBankFile(
      new Uint8Array(iconv.encode(text.replace(/\r\n/g, "\n"), "win1252")),
    );
    expect(toBankTransactions(lf.statements[0] as never)).toEqual(
      toBankTransactions(crlf.statements[0] as never),
    );
  });

  test("two statements of two accounts in one file stay apart, each with its own account", async () => {
    const a = writeCoda(statement());
    const b = writeCoda(statement({ account: "BE71096123456769", statementNumber: 3 }));
    const parsed = await parseBankFile(`${a}${b}`);
    expect(parsed.statements.map((s) => [s.account.id, s.number, s.entries.length])).toEqual([
      ["BE68539007547034", "2026/012", 3],
      ["BE71096123456769", "2026/003", 3],
    ]);
  });

  test("statements of one account numbered 12 then 14 in one file: the gap is reported", async () => {
    const parsed = await parseBankFile(
      `${writeCoda(statement())}${writeCoda(statement({ statementNumber: 14, date: day.add({ days: 1 }) }))}`,
      { fileName: "gap.cod" },
    );
    expect(parsed.findings.map((f) => [f.code, f.message])).toEqual([
      [
        "statement-sequence-gap",
        "statement sequence number of account BE68539007547034: 14 follows 12: expected 13",
      ],
    ]);
  });

  test("the same statement twice in one file is reported as a duplicate", async () => {
    const a = writeCoda(statement());
    const parsed = await parseBankFile(`${a}${a}`, { fileName: "twice.cod" });
    expect(parsed.findings.map((f) => f.code)).toContain("duplicate-statement");
  });

  test("a record of the wrong length refuses the file, naming the file, the line and what was expected", async () => {
    const lines = writeCoda(statement()).split("\r\n");
    lines[3] = `${lines[3]}X`;
    const error = await parseBankFile(lines.join("\r\n"), { fileName: "bad.cod" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as IncassoError).issues).toEqual([
      {
        path: "bad.cod:4",
        message: expect.stringContaining("expected a CODA record of 128 characters, found 129"),
      },
    ]);
  });
});

describe("camt made by hand", () => {
  test("an OGM in Strd/CdtrRefInf with Tp/CdOrPrtry/Cd SCOR and Issr BBA, valid and invalid; an RF with Issr ISO; a Dutch reference with Issr CUR", async () => {
    const xml = writeCamt053(
      statement({
        entries: [
          {
            amount: new Decimal("1.00"),
            valueDate: day,
            structuredReference: { kind: "ogm", value: VALID_OGM },
          },
          {
            amount: new Decimal("2.00"),
            valueDate: day,
            structuredReference: { kind: "ogm", value: WRONG_OGM },
          },
          {
            amount: new Decimal("3.00"),
            valueDate: day,
            structuredReference: { kind: "rf", value: "RF18539007547034" },
          },
          {
            amount: new Decimal("4.00"),
            valueDate: day,
            structuredReference: { kind: "nl-payment-reference", value: "5000056789012345" },
          },
        ],
      }),
    );
    const [s] = (await parseBankFile(xml)).statements;
    expect(
      s?.entries.map((e) => [
        e.structuredReference?.kind,
        e.structuredReference?.value,
        e.structuredReference?.valid,
        e.structuredReference?.scheme,
      ]),
    ).toEqual([
      ["ogm", VALID_OGM, true, "BBA"],
      ["ogm", WRONG_OGM, false, "BBA"],
      ["rf", "RF18539007547034", true, "ISO"],
      ["nl-payment-reference", "5000056789012345", true, "CUR"],
    ]);
  });

  test("a batch entry (NbOfTxs, several TxDtls) gives its details; a camt.054 notification has no balances to check", async () => {
    const batch = statement({
      entries: [
        {
          amount: new Decimal(0),
          valueDate: day,
          details: [
            { amount: new Decimal("10.00"), valueDate: day },
            { amount: new Decimal("15.00"), valueDate: day },
          ],
        },
      ],
    });
    const [s] = (await parseBankFile(writeCamt053(batch))).statements;
    expect(s?.entries.map((e) => e.amount.toFixed(2))).toEqual(["10.00", "15.00"]);
    expect(s?.totals.map((t) => t.amount.toFixed(2))).toEqual(["25.00"]);
    const n = await parseBankFile(writeCamt054(statement()));
    expect(n.formats).toEqual(["camt.054"]);
    expect(n.statements[0]?.findings.map((f) => f.code)).not.toContain("missing-balance");
  });

  test("a declared entry count that differs from the entries is reported", async () => {
    const xml = writeCamt053(statement()).replace(
      "<TtlNtries><NbOfNtries>3</NbOfNtries>",
      "<TtlNtries><NbOfNtries>4</NbOfNtries>",
    );
    const [s] = (await parseBankFile(xml)).statements;
    expect(s?.findings.find((f) => f.code === "entry-count-mismatch")?.location.element).toBe(
      "Stmt[1]/TxsSummry/TtlNtries/NbOfNtries",
    );
  });

  test("a DOCTYPE (entity declarations, external entities) is refused; predefined entities are decoded", async () => {
    const xml = writeCamt053(statement());
    const evil = xml.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    );
    await expect(parseBankFile(evil, { fileName: "evil.xml" })).rejects.toThrow(/DOCTYPE/);
    const amp = writeCamt053(
      statement({
        entries: [
          {
            amount: new Decimal("1.00"),
            valueDate: day,
            counterparty: { name: "Peeters & Zonen <BV>", iban: "BE71096123456769" },
          },
        ],
      }),
    );
    expect((await parseBankFile(amp)).statements[0]?.entries[0]?.counterparty.name).toBe(
      "Peeters & Zonen <BV>",
    );
  });

  test("statements are read alike whether cut out one by one, parsed whole (a comment in the file), or written with a namespace prefix", async () => {
    const xml = writeCamt053([
      statement(),
      statement({ statementNumber: 13, date: day.add({ days: 1 }) }),
    ]);
    const plain = await parseBankFile(xml);
    const commented = await parseBankFile(xml.replace("<GrpHdr>", "<!-- exported --><GrpHdr>"));
    const prefixed = await parseBankFile(
      xml
        .replace(/<(\/?)([A-Za-z])/g, "<$1c:$2")
        .replace('<c:Document xmlns="', '<c:Document xmlns:c="'),
    );
    const view = (p: typeof plain) =>
      p.statements.map((s) => [
        s.number,
        toBankTransactions(s).map((t) => [t.entryReference, t.amount.toFixed(2)]),
      ]);
    expect(view(commented)).toEqual(view(plain));
    expect(view(prefixed)).toEqual(view(plain));
    expect(plain.statements).toHaveLength(2);
  });

  test("a statement element that is not closed refuses the file as not well-formed", async () => {
    const xml = writeCamt053(statement()).replace("</Stmt>", "");
    await expect(parseBankFile(xml, { fileName: "cut.xml" })).rejects.toThrow(
      /cut\.xml: not well-formed XML/,
    );
  });

  test("amounts are never read as numbers: 15 significant digits stay exact", async () => {
    const xml = writeCamt053(
      statement({
        openingBalance: new Decimal("0"),
        entries: [{ amount: new Decimal("9999999999999.99"), valueDate: day }],
      }),
    );
    const [s] = (await parseBankFile(xml)).statements;
    expect(s?.entries[0]?.amount.toFixed(2)).toBe("9999999999999.99");
    expect(s?.closingBalance?.amount.toFixed(2)).toBe("9999999999999.99");
  });

  test("a ZIP of two camt files reads both, each named inside the archive", async () => {
    const zip = new JSZip();
    zip.file("a.xml", writeCamt053(statement()));
    zip.file("b.xml", writeCamt053(statement({ statementNumber: 13, date: day.add({ days: 1 }) })));
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(detectBankFileFormat(bytes)).toBe("zip");
    const parsed = await parseBankFile(bytes, { fileName: "export.zip" });
    expect(parsed.container).toBe("zip");
    expect(parsed.statements.map((s) => s.fileName)).toEqual([
      "export.zip/a.xml",
      "export.zip/b.xml",
    ]);
    expect(() => parseBankFileSync(bytes)).toThrow(IncassoError);
  });
});

describe("MT940 made by hand, one per dialect", () => {
  const nl: WritableStatement = {
    account: "NL91ABNA0417164300",
    statementNumber: 7,
    date: day,
    openingBalance: new Decimal("100.00"),
    entries: [
      {
        amount: new Decimal("45.10"),
        valueDate: day,
        counterparty: { name: "J de Vries", iban: "NL02ABNA0123456789", bic: "ABNANL2A" },
        structuredReference: { kind: "nl-payment-reference", value: "5000056789012345" },
        endToEndId: "E2E-1",
      },
      {
        amount: new Decimal("-9.99"),
        valueDate: day,
        counterparty: { name: "Provider BV", iban: "NL44RABO0123456789" },
        communication: "Abonnement maart",
      },
    ],
  };
  test("ING: /EREF/, /CNTP/, /REMI/STRD/CUR/ and /REMI/USTD//", async () => {
    const [s] = (await parseBankFile(writeMt940(nl, "ing"))).statements;
    expect(s?.entries[0]).toMatchObject({
      endToEndId: "E2E-1",
      counterparty: { iban: "NL02ABNA0123456789", bic: "ABNANL2A", name: "J de Vries" },
      structuredReference: { kind: "nl-payment-reference", value: "5000056789012345", valid: true },
    });
    expect(s?.entries[1]?.communication).toBe("Abonnement maart");
    expect(s?.findings).toEqual([]);
  });
  test("Rabobank: IBAN on the :61: second line, /BENM//NAME/, /REMI/", async () => {
    const [s] = (await parseBankFile(writeMt940(nl, "rabobank"))).statements;
    expect(s?.entries[1]?.counterparty).toMatchObject({
      iban: "NL44RABO0123456789",
      name: "Provider BV",
    });
    expect(s?.entries[1]?.communication).toBe("Abonnement maart");
  });
  test("Triodos: >10 account, >20/>21 description, >32 name", async () => {
    const [s] = (await parseBankFile(writeMt940(nl, "triodos"))).statements;
    expect(s?.entries[1]?.counterparty).toMatchObject({
      account: "0123456789",
      name: "Provider BV",
    });
    expect(s?.entries[1]?.communication).toBe("Abonnement maart");
  });
  test("free text (ABN AMRO's older layout): BETALINGSKENM. read as the Dutch payment reference", async () => {
    const [s] = (await parseBankFile(writeMt940(nl, "free-text"))).statements;
    expect(s?.entries[0]?.structuredReference).toMatchObject({
      kind: "nl-payment-reference",
      value: "5000056789012345",
      valid: true,
    });
    expect(s?.entries[1]?.communication).toContain("Abonnement maart");
  });
});

describe("parseBankFile's boundary", () => {
  test("options are checked: an empty file name is refused with the field's path", async () => {
    const error = await parseBankFile(writeCoda(statement()), { fileName: "" }).catch(
      (e: unknown) => e,
    );
    expect((error as IncassoError).issues[0]?.path).toBe("options.fileName");
    await expect(
      parseBankFile("x", { fileName: "a", timeZone: "Mars/Olympus" } as never),
    ).rejects.toThrow(/IANA time zone/);
  });
  test("a file in no known format is refused, naming the file", async () => {
    await expect(parseBankFile("hello\n", { fileName: "notes.txt" })).rejects.toThrow(
      /notes\.txt: expected a CODA, camt\.053, camt\.054 or MT940 file/,
    );
  });
});

describe("duplicates and overlapping files", () => {
  test("the same day as camt.053 and as CODA: each payment has the same cross-format fingerprint", async () => {
    const s = statement();
    const fromCamt = toBankTransactions(
      (await parseBankFile(writeCamt053(s))).statements[0] as never,
    );
    const fromCoda = toBankTransactions((await parseBankFile(writeCoda(s))).statements[0] as never);
    expect(fromCoda.map(transactionFingerprint)).toEqual(fromCamt.map(transactionFingerprint));
    expect(new Set(fromCoda.map((t) => t.entryReference))).not.toEqual(
      new Set(fromCamt.map((t) => t.entryReference)),
    );
  });
  test("findDuplicates: a statement and entries already imported are named; the rest is new", async () => {
    const first = (await parseBankFile(writeCoda(statement()))).statements;
    const known = findDuplicates(first, { statementKeys: new Set(), entryKeys: new Set() });
    expect(known.newStatementKeys).toEqual(["BE68539007547034|2026/012|2026-03-02"]);
    expect(known.newEntryKeys).toEqual([
      "BE68539007547034|2026/012/0001/0000",
      "BE68539007547034|2026/012/0002/0000",
      "BE68539007547034|2026/012/0003/0000",
    ]);
    const next = (
      await parseBankFile(writeCoda(statement({ statementNumber: 13, date: day.add({ days: 1 }) })))
    ).statements;
    const report = findDuplicates([...first, ...next], {
      statementKeys: new Set(known.newStatementKeys),
      entryKeys: new Set(known.newEntryKeys),
    });
    expect(report.statements.map((d) => d.key)).toEqual(["BE68539007547034|2026/012|2026-03-02"]);
    expect(report.entries).toHaveLength(3);
    expect(report.newEntryKeys).toHaveLength(3);
  });
});
