import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createMemoryStore } from "@incasso/memory";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse as parseCsv } from "csv-parse/sync";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { BailiffExport } from "../src/index.js";
import {
  acknowledgementJsonSchemaText,
  DEFAULT_PROFILE,
  exportToBailiff,
  handoverJsonSchemaText,
  handoverToCsv,
  handoverToJson,
  handoverToXml,
  SCHEMA_DIR,
  sha256Hex,
} from "../src/index.js";
import { readZip } from "./support/read-zip.js";
import { exportInput, must, sampleEvents, seedCase, xmllint } from "./support/sample.js";
import { readXmlValues, xmlValuesOf } from "./support/xml-values.js";

const XSD = join(SCHEMA_DIR, "handover-1.0.xsd");
const shipped = (name: string) => readFileSync(join(SCHEMA_DIR, name), "utf8");

let compiled: ReturnType<Ajv2020.default["compile"]> | undefined;
/** The shipped JSON Schema compiled once by ajv (draft 2020-12, strict). */
function validator() {
  if (compiled === undefined) {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, unicodeRegExp: true });
    addFormats.default(ajv);
    compiled = ajv.compile(JSON.parse(shipped("handover-1.0.schema.json")));
  }
  return compiled;
}

let result: BailiffExport;
const made = () => {
  if (result.package === null) throw new Error("no package was made");
  return result.package;
};
beforeAll(async () => {
  const store = createMemoryStore();
  const scope = { tenantId: "firm" };
  const letters = new Map<string, Uint8Array>();
  await seedCase(store, scope, "C42", sampleEvents(), letters);
  result = await exportToBailiff(exportInput(store, scope, letters));
});

describe("the shipped schemas", () => {
  it("the shipped JSON Schema is the one generated from the zod model (run `pnpm --filter @incasso/export-organi schema` after changing the model)", () => {
    expect(shipped("handover-1.0.schema.json")).toBe(handoverJsonSchemaText());
    expect(shipped("acknowledgement-1.0.schema.json")).toBe(acknowledgementJsonSchemaText());
  });

  it("the XSD is a well-formed schema xmllint accepts", () => {
    const empty = xmllint(
      '<?xml version="1.0"?><handover xmlns="urn:incasso:bailiff-handover:1.0"/>',
      XSD,
    );
    expect(empty.ok).toBe(false);
    expect(empty.output).toMatch(/handover/);
    expect(empty.output).not.toMatch(/failed to compile|parser error/i);
  });
});

describe("JSON", () => {
  it("validates against the shipped JSON Schema with ajv", () => {
    const validate = validator();
    const json = JSON.parse(handoverToJson(made().handover));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it("a package the model refuses is refused by the schema too (ajv is a real check)", () => {
    const validate = validator();
    const json = JSON.parse(handoverToJson(made().handover));
    json.cases[0].statement.totals.balance = "12,50";
    expect(validate(json)).toBe(false);
    const withOverride = JSON.parse(handoverToJson(made().handover));
    withOverride.cases[0].debtors[0].name = "Evil\u202Etxt.exe";
    expect(validate(withOverride)).toBe(false);
    const extra = JSON.parse(handoverToJson(made().handover));
    extra.envelope.unknown = 1;
    expect(validate(extra)).toBe(false);
  });
});

describe("XML", () => {
  it("validates against the shipped XSD with xmllint", () => {
    const check = xmllint(handoverToXml(made().handover), XSD);
    expect(check.output).toMatch(/validates/);
    expect(check.ok).toBe(true);
  });

  it("an XML that breaks the XSD is refused by xmllint (the check can fail)", () => {
    const xml = handoverToXml(made().handover).replace(
      /<balance>[^<]*<\/balance>/,
      "<balance>lots</balance>",
    );
    const check = xmllint(xml, XSD);
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/balance/);
  });

  it("read back by an XML parser, it holds exactly the values of the JSON, field by field", () => {
    const handover = made().handover;
    const values = readXmlValues(handoverToXml(handover));
    expect(values).toEqual(xmlValuesOf(JSON.parse(handoverToJson(handover))));
    // The comparison can fail: one value changed in the XML is seen.
    const changed = handoverToXml(handover).replace(
      "<invoiceNumber>2025-101<",
      "<invoiceNumber>2025-102<",
    );
    expect(readXmlValues(changed)).not.toEqual(xmlValuesOf(JSON.parse(handoverToJson(handover))));
  });

  it("carries the same figures as the JSON", () => {
    const handover = made().handover;
    const xml = handoverToXml(handover);
    const totals = must(handover.cases[0]).statement.totals;
    expect(xml).toContain(`<balance>${totals.balance}</balance>`);
    expect(xml).toContain(`<packageId>${handover.envelope.packageId}</packageId>`);
  });
});

describe("CSV", () => {
  it("reads back with csv-parse: one row per claim, `;`, UTF-8 with a byte order mark, the profile's formats", () => {
    const handover = made().handover;
    const text = handoverToCsv(handover, DEFAULT_PROFILE);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows: Record<string, string>[] = parseCsv(text, {
      delimiter: ";",
      columns: true,
      bom: true,
    });
    expect(rows).toHaveLength(must(handover.cases[0]).claims.length);
    const [first] = rows;
    expect(must(first).case_key).toBe("2026-00042");
    expect(must(first).invoice_number).toBe("2025-101");
    expect(must(first).due_date).toBe("15/12/2025");
    expect(must(first).invoice_amount).toBe("1250,00");
    expect(must(first).case_balance).toBe(
      must(handover.cases[0]).statement.totals.balance.replace(".", ","),
    );
    expect(must(first).debtor_address).toBe("Kerkstraat 1, 9000 Gent");
    expect(must(first).debtor_national_number).toBe("85.07.30-033.28");
    expect(must(first).payment_reference).toBe("+++123/4567/89002+++".replace(/^\+/, "'+"));
  });

  it("the columns, separator, decimal and date formats follow the profile", () => {
    const profile = {
      ...DEFAULT_PROFILE,
      id: "office-x",
      csv: {
        ...DEFAULT_PROFILE.csv,
        separator: "," as const,
        decimalSeparator: "." as const,
        dateFormat: "YYYY-MM-DD" as const,
        bom: false,
        lineEnding: "\n" as const,
        columns: [
          { header: "Dossier", field: "case.number" as const },
          { header: "Vervaldag", field: "claim.dueDate" as const },
          { header: "Saldo", field: "case.balance" as const },
        ],
      },
    };
    const text = handoverToCsv(made().handover, profile);
    expect(text.startsWith("Dossier,Vervaldag,Saldo\n")).toBe(true);
    const rows = parseCsv(text, { delimiter: ",", columns: true });
    expect(rows[0]).toEqual({
      Dossier: "2026/00042",
      Vervaldag: "2025-12-15",
      Saldo: must(made().handover.cases[0]).statement.totals.balance,
    });
  });
});

describe("ZIP", () => {
  it("unpacks to the manifest's files, every SHA-256 and size as listed, entries sorted, dates fixed, no folders", async () => {
    const zip = await JSZip.loadAsync(made().bytes);
    const names = Object.keys(zip.files);
    expect(names).toEqual([...names].sort());
    expect(names.some((name) => must(zip.files[name]).dir)).toBe(false);
    const manifest = JSON.parse(await must(zip.file("manifest.json")).async("string"));
    expect(manifest.packageId).toBe(made().id);
    const listed = manifest.files.map((file: { path: string }) => file.path);
    expect([...listed, "manifest.json"].sort()).toEqual(names);
    for (const file of manifest.files) {
      const bytes = await must(zip.file(file.path)).async("uint8array");
      expect(sha256Hex(bytes), file.path).toBe(file.sha256);
      expect(bytes.length).toBe(file.size);
    }
    for (const name of names)
      expect(must(zip.files[name]).date.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(names).toEqual(
      expect.arrayContaining([
        "handover.json",
        "handover.xml",
        "handover.csv",
        "README.txt",
        "schema/handover-1.0.schema.json",
        "schema/handover-1.0.xsd",
        "documents/2026-00042_statement_1.html",
        "documents/2026-00042_letter_1.html",
        "documents/2026-00042_invoice_1.pdf",
      ]),
    );
    expect(sha256Hex(made().bytes)).toBe(made().sha256);
  });

  it("read by a ZIP reader written from the specification (not jszip): every CRC-32 and SHA-256 checks, names sorted and flagged UTF-8, every date 2000-01-01 00:00, nothing hidden between entries", async () => {
    const entries = readZip(made().bytes);
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual([...names].sort());
    const manifest = JSON.parse(
      new TextDecoder().decode(must(entries.find((entry) => entry.name === "manifest.json")).data),
    );
    expect(
      [...manifest.files.map((file: { path: string }) => file.path), "manifest.json"].sort(),
    ).toEqual(names);
    for (const file of manifest.files) {
      const entry = must(entries.find((candidate) => candidate.name === file.path));
      expect(sha256Hex(entry.data), file.path).toBe(file.sha256);
      expect(entry.size).toBe(file.size);
    }
    for (const entry of entries) {
      // Bit 11: the name is UTF-8; no encryption (bit 0), no data descriptor (bit 3).
      expect(entry.flags & 0x0809, entry.name).toBe(0x0800);
      expect(entry.method, entry.name).toBe(8);
      // DOS date 2000-01-01 ((2000 - 1980) << 9 | 1 << 5 | 1) and time 00:00:00.
      expect([entry.dosDate, entry.dosTime], entry.name).toEqual([0x2821, 0]);
      // Made on Unix, a regular file (never a link or a folder) with permissions 0644.
      expect(entry.madeBy >> 8, entry.name).toBe(3);
      expect(entry.externalAttributes >>> 16, entry.name).toBe(0o100644);
    }
    const names8 = new TextEncoder().encode(names.join(""));
    expect(names8.every((byte) => byte < 0x80)).toBe(true);
  });

  it("the reader refuses a package with one byte changed (the check can fail)", () => {
    const bytes = new Uint8Array(made().bytes);
    // The first byte of handover.json's compressed data, after its local header and name.
    const local = Buffer.from(bytes).indexOf(Buffer.from("handover.json")) + "handover.json".length;
    bytes[local + 10] = (bytes[local + 10] as number) ^ 0xff;
    expect(() => readZip(made().bytes)).not.toThrow();
    expect(() => readZip(bytes)).toThrow(/ZIP: |invalid|incorrect/);
  });

  it("every document in the data is in the ZIP under its case key, with the hash the data gives", async () => {
    const zip = await JSZip.loadAsync(made().bytes);
    const handoverCase = must(made().handover.cases[0]);
    expect(handoverCase.documents.map((document) => document.kind).sort()).toEqual([
      "invoice",
      "letter",
      "statement",
    ]);
    for (const document of handoverCase.documents) {
      expect(document.fileName.startsWith(`documents/${handoverCase.caseKey}_`)).toBe(true);
      expect(sha256Hex(await must(zip.file(document.fileName)).async("uint8array"))).toBe(
        document.sha256,
      );
    }
    const letter = handoverCase.procedure.letters.find((entry) => entry.kind === "reminder");
    expect(letter?.document?.fileName).toBe("documents/2026-00042_letter_1.html");
  });
});
