import { describe, expect, test } from "vitest";
import type { CaseRowRecord, ContactRowRecord, PaymentRowRecord } from "../../src/index.js";
import { readImportRows } from "../../src/index.js";
import { collect, encodeCsv, recordOf } from "../support/fixtures.js";

/** A Dutch client exporting from its accounting package: UTF-8, "," between cells, a decimal point, no thousands separator. */
const dutchCases = {
  version: 1,
  id: "groothandel-cases",
  clientId: "groothandel",
  kind: "cases",
  encoding: "utf-8",
  delimiter: ",",
  decimalSeparator: ".",
  thousandsSeparator: "",
  dateFormats: ["dd-mm-yyyy", "yyyy-mm-dd"],
  grouping: "debtor-id",
  phoneCountry: "NL",
  newCases: { rulePack: "nl.b2b" },
  columns: {
    debtorId: { name: "Debiteurnummer" },
    debtorName: { name: "Naam" },
    debtorLanguage: { constant: "nl" },
    debtorKind: {
      name: "Soort",
      values: { Bedrijf: "legal-person", Particulier: "natural-person" },
    },
    enterpriseNumber: { name: "KvK" },
    iban: { name: "IBAN" },
    phone: { name: "Telefoon" },
    invoiceNumber: { name: "Factuurnummer" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldatum" },
    amount: { name: "Bedrag" },
    description: { name: "Omschrijving" },
  },
};

describe("each kind of file", () => {
  test("a Dutch client's cases: KvK and IBAN, a phone in E.164, debtor kind mapped by the profile's values, grouped by debtor", async () => {
    const bytes = encodeCsv(
      [
        [
          "Debiteurnummer",
          "Naam",
          "Soort",
          "KvK",
          "IBAN",
          "Telefoon",
          "Factuurnummer",
          "Factuurdatum",
          "Vervaldatum",
          "Bedrag",
          "Omschrijving",
        ],
        [
          "1001",
          "Groothandel De Vries B.V.",
          "Bedrijf",
          "12345678",
          "NL91 ABNA 0417 1643 00",
          "06-12345678",
          "2026-0042",
          "15-10-2026",
          "2026-11-14",
          "2500.00",
          "Levering, oktober",
        ],
        [
          "1002",
          "J. Jansen",
          "particulier",
          "",
          "",
          "020 123 4567",
          "2026-0043",
          "16-10-2026",
          "15-11-2026",
          "99.95",
          "",
        ],
        [
          "1003",
          "X",
          "Bedrijf",
          "",
          "NL91 ABNA 0417 1643 01",
          "",
          "2026-0044",
          "16-10-2026",
          "15-11-2026",
          "1,000.00",
          "",
        ],
      ],
      { delimiter: ",", lineEnding: "\n" },
    );
    const rows = await collect(readImportRows(dutchCases, bytes));
    const first = recordOf<CaseRowRecord>(rows, 0);
    expect(first.groupKey).toBe("1001");
    expect(first.debtor).toEqual({
      id: "1001",
      kind: "legal-person",
      name: "Groothandel De Vries B.V.",
      language: "nl",
      consumer: false,
      enterpriseNumber: "12345678",
      iban: "NL91ABNA0417164300",
      contacts: [{ kind: "phone", value: "+31612345678" }],
    });
    expect(first.claim.amount.toFixed(2)).toBe("2500.00");
    expect(first.claim.description).toBe("Levering, oktober");
    const second = recordOf<CaseRowRecord>(rows, 1);
    expect([second.debtor.kind, second.debtor.consumer, second.debtor.contacts]).toEqual([
      "natural-person",
      true,
      [{ kind: "phone", value: "+31201234567" }],
    ]);
    expect(rows[2]?.issues.map((issue) => issue.code).sort()).toEqual([
      "invalid-amount",
      "invalid-iban",
    ]);
  });

  test("payments: the group key, an exact amount, the OGM as 12 digits and a payment key from the row's values or the client's id", async () => {
    const profile = {
      version: 1,
      id: "p",
      clientId: "acme",
      kind: "payments",
      encoding: "windows-1252",
      delimiter: ";",
      decimalSeparator: ",",
      thousandsSeparator: ".",
      dateFormats: ["dd/mm/yyyy"],
      grouping: "invoice-number",
      columns: {
        invoiceNumber: { name: "Factuur" },
        date: { name: "Datum" },
        amount: { name: "Bedrag" },
        reference: { name: "Mededeling" },
        paymentId: { name: "Id" },
      },
    };
    const bytes = encodeCsv(
      [
        ["Factuur", "Datum", "Bedrag", "Mededeling", "Id"],
        ["F1", "02/03/2026", "250,00", "+++090/9337/55493+++", ""],
        ["F1", "02/03/2026", "1.000,10", "", "BANK-77"],
        ["F2", "31/02/2026", "-5,00", "", ""],
      ],
      { encoding: "windows-1252" },
    );
    const rows = await collect(readImportRows(profile, bytes));
    expect(recordOf<PaymentRowRecord>(rows, 0)).toMatchObject({
      groupKey: "F1",
      paymentKey: "F1|2026-03-02|250.00|090933755493",
      reference: "090933755493",
    });
    expect(recordOf<PaymentRowRecord>(rows, 1).paymentKey).toBe("BANK-77");
    expect(recordOf<PaymentRowRecord>(rows, 1).amount.toFixed(2)).toBe("1000.10");
    expect(rows[2]?.issues.map((issue) => issue.code)).toEqual(["invalid-date", "negative-amount"]);
  });

  test("contacts: matched by the first identifier the row fills in, with the source and date; a row with none is 'no-match'", async () => {
    const profile = {
      version: 1,
      id: "c",
      clientId: "acme",
      kind: "contacts",
      encoding: "utf-8",
      delimiter: ";",
      decimalSeparator: ",",
      dateFormats: ["yyyy-mm-dd"],
      matchBy: ["national-number", "debtor-id"],
      columns: {
        nationalNumber: { name: "Rijksregisternummer" },
        debtorId: { name: "Klant" },
        street: { name: "Straat" },
        postalCode: { name: "Postcode" },
        city: { name: "Gemeente" },
        country: { constant: "BE" },
        email: { name: "E-mail" },
        source: { constant: "Rijksregister" },
        date: { name: "Datum" },
      },
    };
    const bytes = encodeCsv([
      ["Rijksregisternummer", "Klant", "Straat", "Postcode", "Gemeente", "E-mail", "Datum"],
      ["85.07.30-033.28", "K1", "Kerkstraat 1", "9000", "Gent", "", "2026-11-02"],
      ["", "K2", "", "", "", "An@Example.be", "2026-11-02"],
      ["", "", "Markt 2", "2000", "Antwerpen", "", "2026-11-02"],
      ["85.07.30-033.29", "", "Markt 2", "2000", "Antwerpen", "", "2026-11-02"],
    ]);
    const rows = await collect(readImportRows(profile, bytes));
    expect(recordOf<ContactRowRecord>(rows, 0)).toMatchObject({
      match: { by: "national-number", value: "85073003328" },
      contacts: [{ kind: "address", value: "Kerkstraat 1, 9000 Gent, BE" }],
      source: "Rijksregister",
    });
    expect(recordOf<ContactRowRecord>(rows, 1)).toMatchObject({
      match: { by: "debtor-id", value: "K2" },
      contacts: [
        { kind: "address", value: "BE" },
        { kind: "email", value: "an@example.be" },
      ],
    });
    expect(rows[2]?.issues.map((issue) => issue.code)).toEqual(["no-match"]);
    expect(rows[3]?.issues.map((issue) => issue.code)).toEqual(["invalid-national-number"]);
  });

  test("required values are reported empty by column, and the row's record is null", async () => {
    const profile = {
      version: 1,
      id: "m",
      clientId: "acme",
      kind: "mass-action",
      decimalSeparator: ",",
      dateFormats: ["dd/mm/yyyy"],
      columns: { caseNumber: { name: "Dossier" }, activity: { name: "Actie" } },
    };
    const rows = await collect(
      readImportRows(
        profile,
        encodeCsv([
          ["Dossier", "Actie"],
          ["", "herinnering"],
        ]),
      ),
    );
    expect(rows[0]?.record).toBeNull();
    expect(rows[0]?.issues[0]?.message).toEqual({
      nl: 'Rij 2, kolom "Dossier": de cel is leeg; verwacht: een waarde voor caseNumber.',
      fr: "Ligne 2, colonne « Dossier » : la cellule est vide ; attendu : une valeur pour caseNumber.",
      en: 'Row 2, column "Dossier": the cell is empty; expected: a value for caseNumber.',
    });
  });
});
