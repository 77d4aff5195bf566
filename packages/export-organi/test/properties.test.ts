import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseEventJson } from "@incasso/core";
import { caseStatement, parseIsoDate } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import Ajv2020 from "ajv/dist/2020.js";
import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { exportToBailiff, neutraliseCell, SCHEMA_DIR, UNSAFE_TEXT } from "../src/index.js";
import { CREDITORS, must, OFFICE, SENDER, sampleEvents, xmllint } from "./support/sample.js";
import { readXmlValues, xmlValuesOf } from "./support/xml-values.js";

const CUT_OFF = "2026-06-30";
const scope = { tenantId: "firm" };
const cents = fc.integer({ min: 1, max: 5_000_000 }).map((value) => (value / 100).toFixed(2));

let validate: ReturnType<Ajv2020.default["compile"]> | undefined;
function schemaValidator() {
  if (validate === undefined) {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, unicodeRegExp: true });
    validate = ajv.compile(
      JSON.parse(readFileSync(join(SCHEMA_DIR, "handover-1.0.schema.json"), "utf8")),
    );
  }
  return validate;
}

async function unzipText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files))
    files.set(name, await must(zip.file(name)).async("string"));
  return files;
}

describe("the package's figures", () => {
  it("the package's totals equal the case statement's, case by case and summed in the envelope", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            amounts: fc.array(cents, { minLength: 1, maxLength: 4 }),
            payments: fc.array(cents, { maxLength: 2 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (specs) => {
          const store = createMemoryStore();
          await store.putClient(scope, { id: "acme", name: "Acme NV" });
          const numbers: string[] = [];
          const all = new Map<string, CaseEventJson[]>();
          for (const [index, spec] of specs.entries()) {
            const caseNumber = `2026/${String(index + 1).padStart(5, "0")}`;
            const events = sampleEvents({
              caseNumber,
              amounts: spec.amounts,
              payments: spec.payments,
            });
            await store.append(scope, {
              caseId: `C${index + 1}`,
              expectedVersion: 0,
              events,
              asOf: CUT_OFF,
            });
            numbers.push(caseNumber);
            all.set(`C${index + 1}`, events);
          }
          const result = await exportToBailiff({
            store,
            scope,
            selection: { caseNumbers: numbers },
            office: OFFICE,
            sender: SENDER,
            phase: "amicable",
            cutOff: CUT_OFF,
            createdAt: "2026-06-30T08:00:00Z",
            by: "clerk",
          });
          let balance = 0n;
          for (const refused of result.refused) expect(refused.code).toBe("nothing-owed");
          for (const handoverCase of result.package?.handover.cases ?? []) {
            const { statement } = caseStatement(
              must(all.get(handoverCase.caseId)),
              parseIsoDate(CUT_OFF),
            );
            const totals = handoverCase.statement.totals;
            expect(totals).toEqual({
              principal: statement.totals.principal.toFixed(2),
              interest: statement.totals.interest.toFixed(2),
              costs: statement.totals.costs.toFixed(2),
              penalty: statement.totals.penalty.toFixed(2),
              paid: statement.totals.paid.toFixed(2),
              credit: statement.totals.credit.toFixed(2),
              balance: statement.totals.balance.toFixed(2),
            });
            expect(handoverCase.statement.interestLines.map((line) => line.amount)).toEqual(
              statement.interestLines.map((line) => line.amount.toFixed(2)),
            );
            balance += BigInt(totals.balance.replace(".", ""));
          }
          if (result.package !== null) {
            expect(result.package.handover.envelope.totals.balance).toBe(
              (Number(balance) / 100).toFixed(2),
            );
            const csv: Record<string, string>[] = parseCsv(
              must((await unzipText(result.package.bytes)).get("handover.csv")),
              { delimiter: ";", columns: true, bom: true },
            );
            for (const row of csv) {
              const handoverCase = must(
                result.package.handover.cases.find((entry) => entry.caseKey === row.case_key),
              );
              expect(row.case_balance).toBe(
                handoverCase.statement.totals.balance.replace(".", ","),
              );
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("isolation", () => {
  it("a package never holds another tenant's or another client's data, whatever case numbers are asked for", async () => {
    const marker = fc.stringMatching(/^[A-Z][a-z]{5,10}$/);
    await fc.assert(
      fc.asyncProperty(
        marker,
        marker,
        fc.shuffledSubarray(["2026/00001", "2026/00002", "2026/00003", "2026/00004"], {
          minLength: 1,
        }),
        async (otherClient, otherTenant, asked) => {
          fc.pre(
            otherClient !== otherTenant &&
              !"Acme NV Bouwbedrijf Peeters".includes(otherClient) &&
              !"Acme NV Bouwbedrijf Peeters".includes(otherTenant),
          );
          const store = createMemoryStore();
          const tenant2 = { tenantId: "other-firm" };
          await store.putClient(scope, { id: "acme", name: "Acme NV" });
          await store.putClient(scope, { id: "globex", name: `${otherClient} BV` });
          await store.putClient(tenant2, { id: "acme", name: "Acme NV" });
          const put = (target: typeof scope, caseId: string, events: CaseEventJson[]) =>
            store.append(target, { caseId, expectedVersion: 0, events, asOf: CUT_OFF });
          await put(scope, "C1", sampleEvents({ caseNumber: "2026/00001" }));
          await put(
            scope,
            "C2",
            sampleEvents({
              caseNumber: "2026/00002",
              client: "globex",
              clientName: `${otherClient} BV`,
              debtorName: `${otherClient} Debtor`,
            }),
          );
          await put(
            tenant2,
            "C3",
            sampleEvents({
              caseNumber: "2026/00003",
              debtorName: `${otherTenant} Debtor`,
              description: otherTenant,
            }),
          );
          await put(scope, "C4", sampleEvents({ caseNumber: "2026/00004" }));
          const result = await exportToBailiff({
            store,
            scope,
            selection: { caseNumbers: asked },
            office: OFFICE,
            sender: SENDER,
            clientId: "acme",
            phase: "amicable",
            cutOff: CUT_OFF,
            createdAt: "2026-06-30T08:00:00Z",
            by: "clerk",
          });
          if (asked.includes("2026/00002"))
            expect(result.refused).toContainEqual(
              expect.objectContaining({ caseNumber: "2026/00002", code: "other-client" }),
            );
          if (asked.includes("2026/00003"))
            expect(result.refused).toContainEqual(
              expect.objectContaining({ caseNumber: "2026/00003", code: "unknown-case" }),
            );
          if (result.package === null) return;
          for (const [name, text] of await unzipText(result.package.bytes)) {
            expect(text.includes(otherClient), name).toBe(false);
            expect(text.includes(otherTenant), name).toBe(false);
            expect(text.includes("globex"), name).toBe(false);
          }
          for (const handoverCase of result.package.handover.cases)
            expect(handoverCase.creditor.id).toBe("acme");
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("hostile input", () => {
  const fragment = fc.constantFrom(
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "<b>",
    "&amp;",
    "]]>",
    "\"'",
    "../../",
    "..\\",
    "/etc/passwd",
    "\u202E",
    "\u2066",
    "\u0007",
    "\u0085",
    "\u200F",
    ";",
    ",",
    "é",
    "ß",
    "日本",
    "CON",
    "A",
  );
  const hostile = fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));
  const csvFormula = /^[=+\-@\t\r]/;

  it("hostile names and texts (formulas, XML specials, ../ in file names, RTL and control characters, NUL from the host) come out harmless in every file, and the XML and CSV read back to the same texts", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostile,
        hostile,
        hostile,
        hostile,
        hostile,
        async (caseNumber, debtorName, invoiceNumber, description, hostText) => {
          fc.pre(
            caseNumber.trim() !== "" &&
              debtorName.trim() !== "" &&
              invoiceNumber.trim() !== "" &&
              description.trim() !== "",
          );
          const store = createMemoryStore();
          await store.putClient(scope, { id: "acme", name: "Acme NV" });
          const events = sampleEvents({ caseNumber, debtorName, invoiceNumber, description });
          await store.append(scope, { caseId: "C1", expectedVersion: 0, events, asOf: CUT_OFF });
          const result = await exportToBailiff({
            store,
            scope,
            selection: { caseNumbers: [caseNumber] },
            office: { ...OFFICE, name: `${hostText}\u0000Office` },
            sender: { ...SENDER, lawyer: `${hostText}\u0000` },
            creditors: { acme: { ...CREDITORS.acme, addressLines: [`${hostText}\u0000street`] } },
            phase: "amicable",
            cutOff: CUT_OFF,
            createdAt: "2026-06-30T08:00:00Z",
            by: "clerk",
            documents: {
              invoice: async () => ({
                bytes: new Uint8Array([37, 80, 68, 70]),
                mediaType: "application/pdf",
              }),
            },
          });
          const made = must(result.package, "a package");
          const files = await unzipText(made.bytes);
          for (const [name, text] of files) {
            expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/);
            expect(name.includes("..")).toBe(false);
            if (!name.endsWith(".pdf"))
              expect(UNSAFE_TEXT.test(text.replace(/\r\n/g, "\n")), name).toBe(false);
            expect(text.includes("\u0000"), name).toBe(false);
          }
          const json = JSON.parse(must(files.get("handover.json")));
          const check = schemaValidator();
          expect(check(json), JSON.stringify(check.errors)).toBe(true);
          const xml = xmllint(
            must(files.get("handover.xml")),
            join(SCHEMA_DIR, "handover-1.0.xsd"),
          );
          expect(xml.ok, xml.output).toBe(true);
          // Escaped, never broken: the XML read back holds the JSON's values, hostile texts included.
          expect(readXmlValues(must(files.get("handover.xml")))).toEqual(xmlValuesOf(json));
          const rows: string[][] = parseCsv(must(files.get("handover.csv")), {
            delimiter: ";",
            bom: true,
            relax_column_count: false,
          });
          for (const row of rows)
            for (const cell of row) expect(csvFormula.test(cell), cell).toBe(false);
          // Read back, each text is the data's, with only the apostrophe before a formula added.
          const [header, ...claimRows] = rows;
          const column = (name: string) => must(header).indexOf(name);
          for (const [index, row] of claimRows.entries()) {
            expect(row[column("our_reference")]).toBe(neutraliseCell(json.cases[0].caseNumber));
            expect(row[column("debtor")]).toBe(neutraliseCell(json.cases[0].debtors[0].name));
            expect(row[column("invoice_number")]).toBe(
              neutraliseCell(json.cases[0].claims[index].invoiceNumber),
            );
            expect(row[column("description")]).toBe(
              neutraliseCell(json.cases[0].claims[index].description ?? ""),
            );
          }
          expect(rows.slice(1).map((row) => row[2])).toEqual([
            made.handover.cases[0]?.caseKey,
            made.handover.cases[0]?.caseKey,
          ]);
          expect(json.cases[0].debtors[0].name).toBe(
            debtorName.replace(new RegExp(UNSAFE_TEXT.source, "gu"), "") || "(unreadable)",
          );
        },
      ),
      { numRuns: 20 },
    );
    // Each run spawns xmllint; on a loaded machine 20 runs take more than the default 30 s.
  }, 120_000);
});
