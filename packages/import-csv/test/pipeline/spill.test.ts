import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import type { CaseStore, StoreScope } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { reminderScenario } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportProfileInput, ImportRow } from "../../src/index.js";
import {
  applyImport,
  dryRunImport,
  importRows,
  resultFileCsv,
  resultFileJson,
} from "../../src/index.js";
import { decodeLine, encodeLine } from "../../src/pipeline/spill.js";
import { BELGIAN_HEADER, belgianCasesProfile } from "../support/fixtures.js";
import { describeImportExamples } from "./examples-suite.js";
import type { Invoice } from "./pipeline-suite.js";
import {
  cellsOf,
  claimsFile,
  describePipelineSuite,
  enterpriseNumber,
  GROUPINGS,
  IMPORTED_AT,
  invoicesArbitrary,
  snapshot,
} from "./pipeline-suite.js";

// Every law and example of the pipeline again, with every row going through the partition files.
const spilledSuite = {
  name: "the in-memory store, every row spilled to files",
  create: async () => createMemoryStore(),
  spill: { afterRows: 0, partitions: 3 },
};
describePipelineSuite(spilledSuite);
describeImportExamples(spilledSuite);

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "incasso-spill-test-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function freshStore(): Promise<{ store: CaseStore; scope: StoreScope }> {
  const store = createMemoryStore();
  const scope = { tenantId: "firm-1" };
  await store.putClient(scope, { id: "bakkerij", name: "Bakkerij Peeters NV" });
  await store.putScenario(scope, "bakkerij", reminderScenario(1));
  return { store, scope };
}

/** Many invoices over many cases and debtors, shared debtors across cases included. */
function manyInvoices(count: number): Invoice[] {
  return Array.from({ length: count }, (_, index) => ({
    ref: Math.floor(index / 3) + 1,
    invoice: (index % 3) + 1,
    debtor: Math.floor(index / 7),
    cents: 10_000 + ((index * 7919) % 500_000),
    dueDay: (index % 28) + 1,
  }));
}

describe("an import kept in files", () => {
  test.prop(
    [
      invoicesArbitrary,
      fc.constantFrom(...GROUPINGS),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 1, max: 5 }),
      fc.option(fc.nat({ max: 9 }), { nil: undefined }),
      fc.constantFrom("skip-case" as const, "stop-batch" as const),
    ],
    { numRuns: 12 },
  )(
    "an import whose rows are spilled to files (any threshold, any number of partitions) gives the same report, cases, debtors and batch as one held in memory",
    async (invoices, grouping, afterRows, partitions, broken, onRowError) => {
      const replace = new Map<number, string[]>();
      if (broken !== undefined) {
        const index = broken % invoices.length;
        replace.set(
          index,
          cellsOf(invoices[index] as Invoice).map((cell, column) =>
            BELGIAN_HEADER[column] === "Openstaand" ? "12,3,4" : cell,
          ),
        );
      }
      const source = claimsFile(invoices, replace);
      const profile = belgianCasesProfile({ grouping, onRowError });
      const held = await freshStore();
      const spilled = await freshStore();
      const options = { profile, source, importedAt: IMPORTED_AT, by: "an.peeters" };
      const inMemory = await applyImport({ ...options, ...held });
      const inFiles = await applyImport({
        ...options,
        ...spilled,
        spill: { afterRows, partitions, directory },
      });
      expect(inFiles).toEqual(inMemory);
      expect(await snapshot(spilled.store, spilled.scope)).toEqual(
        await snapshot(held.store, held.scope),
      );
      const debtors = async ({ store, scope }: { store: CaseStore; scope: StoreScope }) =>
        store.findDebtors(scope, {
          ids: Array.from({ length: 10 }, (_, k) => `bakkerij:debtor:K${1000 + k}`),
        });
      expect(await debtors(spilled)).toEqual(await debtors(held));
      expect(await spilled.store.listImportBatches(spilled.scope)).toEqual(
        await held.store.listImportBatches(held.scope),
      );
      expect(await readdir(directory)).toEqual([]);
    },
  );

  it("a file past the batch's part size is stored in parts, its result files streamed are the report's, and nothing stays behind in the temporary directory", async () => {
    const invoices = manyInvoices(10_050);
    const { store, scope } = await freshStore();
    const csv = join(directory, "result.csv");
    const json = join(directory, "result.json");
    const seen: number[] = [];
    const report = await applyImport({
      store,
      scope,
      profile: belgianCasesProfile(),
      source: claimsFile(invoices),
      importedAt: IMPORTED_AT,
      by: "an.peeters",
      spill: { afterRows: 1000, partitions: 16, directory },
      resultFiles: { csv, json, language: "nl" },
      onWrite: (progress) => seen.push(progress.done),
    });
    expect(report.totals).toMatchObject({
      rows: 10_050,
      errors: 0,
      newCases: 3350,
      claimsAdded: 10_050,
      newDebtors: Math.ceil(10_050 / 7),
    });
    expect(report.applied).toMatchObject({ appended: 3350, batchSaved: true });
    expect(seen.at(-1)).toBe(3350);
    expect(await readFile(csv, "utf8")).toBe(resultFileCsv(report, "nl"));
    expect(await readFile(json, "utf8")).toBe(resultFileJson(report));
    const batch = await store.getImportBatch(scope, report.batchId);
    expect(batch?.rows).toHaveLength(10_050);
    expect(batch?.rows.map((row) => row.row)).toEqual(report.rows.map((row) => row.row));
    expect((await readdir(directory)).sort()).toEqual(["result.csv", "result.json"]);
    await rm(csv);
    await rm(json);
    // The same file again changes nothing, and its batch is another (every row a duplicate).
    const again = await applyImport({
      store,
      scope,
      profile: belgianCasesProfile(),
      source: claimsFile(invoices),
      importedAt: IMPORTED_AT,
      by: "an.peeters",
      spill: { afterRows: 1000, partitions: 16, directory },
      detail: "problems",
    });
    expect(again.totals.duplicates).toBe(10_050);
    expect(again.applied?.appended).toBe(0);
    expect(again.rows).toEqual([]);
    expect(again.detail).toBe("problems");
  });

  it("with stop-batch, an error in the last row of a spilled file writes nothing at all", async () => {
    const invoices = manyInvoices(300);
    const last = invoices.length - 1;
    const replace = new Map([
      [
        last,
        cellsOf(invoices[last] as Invoice).map((cell, column) =>
          BELGIAN_HEADER[column] === "Vervaldag" ? "31/02/2026" : cell,
        ),
      ],
    ]);
    const { store, scope } = await freshStore();
    const report = await applyImport({
      store,
      scope,
      profile: belgianCasesProfile({ onRowError: "stop-batch" }),
      source: claimsFile(invoices, replace),
      importedAt: IMPORTED_AT,
      by: "an.peeters",
      spill: { afterRows: 10, partitions: 7, directory },
      detail: "problems",
    });
    expect(report.stopped).toBe(true);
    expect(report.totals.errors).toBe(1);
    expect(report.totals.skipped).toBe(299);
    expect(report.rows).toHaveLength(300);
    expect(await snapshot(store, scope)).toEqual({});
    expect(await store.listImportBatches(scope)).toEqual([]);
    expect(await readdir(directory)).toEqual([]);
  });

  it("the temporary files are removed when the store fails half-way, and the error comes through", async () => {
    const { store, scope } = await freshStore();
    let calls = 0;
    const failing: CaseStore = Object.create(store, {
      appendMany: {
        value: async (...args: Parameters<CaseStore["appendMany"]>) => {
          calls += 1;
          if (calls === 2) throw new Error("the database went away");
          return store.appendMany(...args);
        },
      },
    });
    await expect(
      applyImport({
        store: failing,
        scope,
        profile: belgianCasesProfile(),
        source: claimsFile(manyInvoices(120)),
        importedAt: IMPORTED_AT,
        by: "an.peeters",
        spill: { afterRows: 10, partitions: 5, directory },
      }),
    ).rejects.toThrow("the database went away");
    expect(await readdir(directory)).toEqual([]);
  });

  it("a dry run of a spilled file writes nothing and reports what the apply then does", async () => {
    const { store, scope } = await freshStore();
    const options = {
      store,
      scope,
      profile: belgianCasesProfile() as ImportProfileInput,
      source: claimsFile(manyInvoices(200)),
      importedAt: IMPORTED_AT,
      by: "an.peeters",
      spill: { afterRows: 20, partitions: 9, directory },
    };
    const dry = await dryRunImport(options);
    expect(await snapshot(store, scope)).toEqual({});
    const applied = await applyImport(options);
    expect({ ...applied, dryRun: true, applied: null }).toEqual(dry);
  });

  it("a contacts file whose rows name one debtor by different identifiers is planned in one part: the later row's contact is current, the earlier retired, as when held in memory", async () => {
    const invoices = manyInvoices(60);
    const debtors = [...new Set(invoices.map((invoice) => invoice.debtor))];
    const header = ["KBO", "Klant", "Adres", "Datum"];
    const rows = debtors.flatMap((debtor) => [
      [enterpriseNumber(debtor), "", `Eerste straat ${debtor}, 9000 Gent`, "20/02/2026"],
      ["", `K${1000 + debtor}`, `Tweede straat ${debtor}, 1000 Brussel`, "21/02/2026"],
    ]);
    const profile: ImportProfileInput = {
      version: 1,
      id: "tracing",
      clientId: "bakkerij",
      kind: "contacts",
      delimiter: ";",
      decimalSeparator: ",",
      dateFormats: ["dd/mm/yyyy"],
      columns: {
        enterpriseNumber: { name: "KBO" },
        debtorId: { name: "Klant" },
        address: { name: "Adres" },
        source: { constant: "Tracing NV" },
        date: { name: "Datum" },
      },
    };
    const { encodeCsv } = await import("../support/fixtures.js");
    const file = encodeCsv([header, ...rows.map((row) => row.map(String))]);
    const run = async (spill?: { afterRows: number; partitions: number; directory: string }) => {
      const { store, scope } = await freshStore();
      const base = { store, scope, importedAt: IMPORTED_AT, by: "an.peeters" };
      await applyImport({ ...base, profile: belgianCasesProfile(), source: claimsFile(invoices) });
      const report = await applyImport({
        ...base,
        profile,
        source: file,
        ...(spill === undefined ? {} : { spill }),
      });
      const relations = await store.findDebtors(scope, {
        ids: debtors.map((debtor) => `bakkerij:debtor:K${1000 + debtor}`),
      });
      return { report, cases: await snapshot(store, scope), relations };
    };
    const held = await run();
    const spilled = await run({ afterRows: 0, partitions: 4, directory });
    expect(spilled).toEqual(held);
    expect(held.report.totals.errors).toBe(0);
    for (const debtor of held.relations) {
      const addresses = debtor.contacts.filter((contact) => contact.kind === "address");
      expect(addresses.filter((c) => c.current).map((c) => c.value)).toEqual([
        expect.stringMatching(/^Tweede straat/),
      ]);
      expect(addresses.some((c) => !c.current && c.value.startsWith("Eerste straat"))).toBe(true);
    }
    expect(await readdir(directory)).toEqual([]);
  });

  test.prop(
    [
      fc.array(
        fc.record({
          number: fc.integer({ min: 1, max: 14 }),
          action: fc.constantFrom("", "Opschorten", "hervatten", "toewijzen", "status"),
          owner: fc.constantFrom("an.peeters", "k.devries"),
          status: fc.constantFrom("afgesloten", "actief"),
        }),
        { minLength: 1, maxLength: 30 },
      ),
    ],
    { numRuns: 8 },
  )(
    "a mass-action file spilled to files (rows of one case in one part) gives the same rows, cases, owners' summaries and alerts as one held in memory",
    async (actions) => {
      const profile: ImportProfileInput = {
        version: 1,
        id: "bakkerij-acties",
        clientId: "bakkerij",
        kind: "mass-action",
        delimiter: ";",
        decimalSeparator: ",",
        dateFormats: ["dd/mm/yyyy"],
        columns: {
          caseNumber: { name: "Dossier" },
          action: { name: "Actie" },
          activity: { name: "Activiteit" },
          owner: { name: "Beheerder" },
          status: { name: "Status" },
          reason: { name: "Reden" },
        },
      };
      const { encodeCsv } = await import("../support/fixtures.js");
      const rows = actions.map(({ number, action, owner, status }) => [
        `bakkerij/D-2026-${String(number).padStart(3, "0")}`,
        action,
        action === "" ? "CALL" : "",
        action === "toewijzen" ? owner : "",
        action === "status" ? status : "",
        action === "" || action === "toewijzen" ? "" : "uit het bestand",
      ]);
      const file = encodeCsv([
        ["Dossier", "Actie", "Activiteit", "Beheerder", "Status", "Reden"],
        ...rows,
      ]);
      const run = async (spill?: { afterRows: number; partitions: number; directory: string }) => {
        const { store, scope } = await freshStore();
        const base = { store, scope, importedAt: IMPORTED_AT, by: "an.peeters" };
        await applyImport({
          ...base,
          profile: belgianCasesProfile({
            newCases: { rulePack: "be.b2b", owner: "an.peeters", scenarioId: "be-reminders" },
          }),
          source: claimsFile(manyInvoices(36)),
        });
        const report = await applyImport({
          ...base,
          profile,
          source: file,
          alerts: {
            owners: {
              "an.peeters": { address: "an@advocaten.example", language: "nl" },
              "k.devries": { address: "k@advocaten.example", language: "fr" },
            },
          },
          ...(spill === undefined ? {} : { spill }),
        });
        const outbox = (await store.listOutbox(scope)).map((m) => [m.id, m.payload]);
        return { report, cases: await snapshot(store, scope), outbox };
      };
      const held = await run();
      const spilled = await run({ afterRows: 0, partitions: 5, directory });
      expect(spilled).toEqual(held);
      expect(await readdir(directory)).toEqual([]);
    },
  );

  test.prop([fc.integer({ min: 1, max: 12 }), fc.boolean()], { numRuns: 12 })(
    "a debtor the file names in several cases, under two customer numbers with one enterprise number or under one customer number with two names, is created once as the first row names it, however the rows are spilled",
    async (partitions, sameNumber) => {
      const { encodeCsv, belgianRow } = await import("../support/fixtures.js");
      const rows = [
        belgianRow({ Dossier: "R1", Klantnummer: "K1", Naam: "Eerste BV", Factuur: "F1" }),
        belgianRow({ Dossier: "S1", Factuur: "F2", Mededeling: "", Ondernemingsnummer: "" }),
        belgianRow({
          Dossier: "T1",
          Klantnummer: sameNumber ? "K1" : "K2",
          Naam: "Tweede BV",
          Factuur: "F3",
        }),
      ];
      const source = encodeCsv([[...BELGIAN_HEADER], ...rows], { encoding: "windows-1252" });
      const run = async (spill?: { afterRows: number; partitions: number; directory: string }) => {
        const { store, scope } = await freshStore();
        const report = await applyImport({
          store,
          scope,
          profile: belgianCasesProfile(),
          source,
          importedAt: IMPORTED_AT,
          by: "an.peeters",
          ...(spill === undefined ? {} : { spill }),
        });
        const relations = await store.findDebtors(scope, {
          ids: ["bakkerij:debtor:K1", "bakkerij:debtor:K1001", "bakkerij:debtor:K2"],
        });
        return { report, cases: await snapshot(store, scope), relations };
      };
      const held = await run();
      expect(held.report.totals.errors).toBe(0);
      expect(held.relations.map((debtor) => [debtor.id, debtor.name])).toEqual([
        ["bakkerij:debtor:K1", "Eerste BV"],
        ["bakkerij:debtor:K1001", "Brasserie Léonie BV"],
      ]);
      expect(await run({ afterRows: 0, partitions, directory })).toEqual(held);
    },
  );

  it("when the store fails while writing, no append is still running once the import has failed", async () => {
    const { store, scope } = await freshStore();
    let started = 0;
    let finished = 0;
    let puts = 0;
    const slow: CaseStore = Object.create(store, {
      appendMany: {
        value: async (...args: Parameters<CaseStore["appendMany"]>) => {
          started += 1;
          await new Promise((resolve) => setTimeout(resolve, 15));
          const result = await store.appendMany(...args);
          finished += 1;
          return result;
        },
      },
      putDebtors: {
        value: async (...args: Parameters<CaseStore["putDebtors"]>) => {
          // The first debtor put while appends of an earlier part are on their way fails.
          if (started > finished && puts === 0) {
            puts += 1;
            throw new Error("the relations went away");
          }
          return store.putDebtors(...args);
        },
      },
    });
    await expect(
      applyImport({
        store: slow,
        scope,
        profile: belgianCasesProfile(),
        source: claimsFile(manyInvoices(150)),
        importedAt: IMPORTED_AT,
        by: "an.peeters",
        spill: { afterRows: 10, partitions: 6, directory },
        concurrency: 4,
      }),
    ).rejects.toThrow("the relations went away");
    expect(started).toBeGreaterThan(0);
    expect(finished).toBe(started);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished).toBe(started);
    expect(await readdir(directory)).toEqual([]);
  });

  it("result files that would overwrite each other are refused before anything is read or written", async () => {
    const { store, scope } = await freshStore();
    const same = join(directory, "result");
    await expect(
      applyImport({
        store,
        scope,
        profile: belgianCasesProfile(),
        source: claimsFile(manyInvoices(3)),
        importedAt: IMPORTED_AT,
        by: "an.peeters",
        resultFiles: { csv: same, json: same },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      issues: [{ path: "resultFiles.json", message: "expected another file than resultFiles.csv" }],
    });
    expect(await snapshot(store, scope)).toEqual({});
    expect(await readdir(directory)).toEqual([]);
  });

  it("a file of more than 1,000,000 rows is refused before anything is written, naming the source and what was expected", async () => {
    const { store, scope } = await freshStore();
    function* rows(): Generator<ImportRow> {
      for (let row = 2; row <= 2_000_000; row++) {
        yield { row, cells: {}, raw: [], record: null, issues: [] };
      }
    }
    const run = importRows(
      rows(),
      {
        store,
        scope,
        profile: belgianCasesProfile(),
        importedAt: IMPORTED_AT,
        by: "an.peeters",
        spill: { directory },
      },
      { dryRun: false },
    );
    await expect(run).rejects.toMatchObject({
      code: "INVALID_INPUT",
      issues: [
        {
          path: "source",
          message:
            "expected at most 1000000 rows in one import (got more); split the file: any split imports the same cases",
        },
      ],
    });
    expect(await snapshot(store, scope)).toEqual({});
    expect(await readdir(directory)).toEqual([]);
  });

  test.prop([
    fc.record({
      amount: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n / 100).toFixed(2)),
      day: fc.integer({ min: 1, max: 28 }),
      text: fc.string(),
    }),
  ])(
    "a row kept in a file reads back with its decimals and dates as they were",
    async ({ amount, day, text }) => {
      const { Decimal } = await import("decimal.js");
      const { Temporal } = await import("@incasso/core");
      const value = {
        amount: new Decimal(amount),
        date: Temporal.PlainDate.from({ year: 2026, month: 2, day }),
        nested: [{ text, $decimal: text }],
      };
      const back = decodeLine<typeof value>(encodeLine(value));
      expect(back.amount).toBeInstanceOf(Decimal);
      expect(back.amount.eq(value.amount)).toBe(true);
      expect(back.date.equals(value.date)).toBe(true);
      expect(back.nested).toEqual(value.nested);
    },
  );
});
