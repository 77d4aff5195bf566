import { fc, test as propertyTest } from "@fast-check/vitest";
import type { CaseStore, StoreScope } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { reminderScenario } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestDatabase } from "../../../storage-postgres/test/support/server.js";
import { createTestDatabase, serverUrl } from "../../../storage-postgres/test/support/server.js";
import type { ImportProfileInput, MassActionRowRecord } from "../../src/index.js";
import { applyImport, readImportRows } from "../../src/index.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  collect,
  encodeCsv,
} from "../support/fixtures.js";
import type { SuiteStore } from "./pipeline-suite.js";
import { IMPORTED_AT, snapshot } from "./pipeline-suite.js";

/** Two cases of the Belgian client, both of an.peeters, one of them with nothing owed after payment. */
const CASES = encodeCsv(
  [
    [...BELGIAN_HEADER],
    belgianRow({ Openstaand: "1.234,56" }),
    belgianRow({
      Dossier: "D-2026-002",
      Klantnummer: "K1002",
      Naam: "Crèmerie Françoise SRL",
      Taal: "F",
      Ondernemingsnummer: "0202.239.951",
      Factuur: "F2026-31",
      Openstaand: "2.500,00",
      Vervaldag: "10/01/2026",
    }),
    belgianRow({
      Dossier: "D-2026-003",
      Klantnummer: "K1003",
      Naam: "Frituur Het Hoekje",
      Ondernemingsnummer: "0403.170.701",
      Factuur: "F2026-40",
      Openstaand: "310,00",
      Vervaldag: "20/01/2026",
    }),
  ],
  { encoding: "windows-1252" },
);

/** A Belgian client's mass-action profile: windows-1252, `;`, Dutch headers and words. */
const belgianProfile: ImportProfileInput = {
  version: 1,
  id: "bakkerij-acties",
  clientId: "bakkerij",
  kind: "mass-action",
  encoding: "windows-1252",
  delimiter: ";",
  decimalSeparator: ",",
  dateFormats: ["dd/mm/yyyy"],
  columns: {
    caseNumber: { name: "Dossier" },
    action: { name: "Actie" },
    activity: { name: "Activiteit" },
    dueDate: { name: "Datum" },
    until: { name: "Tot" },
    owner: { name: "Beheerder" },
    status: { name: "Status" },
    reason: { name: "Reden" },
    note: { name: "Opmerking" },
  },
};
const BELGIAN_ACTIONS_HEADER = [
  "Dossier",
  "Actie",
  "Activiteit",
  "Datum",
  "Tot",
  "Beheerder",
  "Status",
  "Reden",
  "Opmerking",
];

/** A Dutch client's profile: UTF-8, `,`, dd-mm-yyyy, its own words mapped by `values`. */
const dutchProfile: ImportProfileInput = {
  version: 1,
  id: "bakkerij-nl-acties",
  clientId: "bakkerij",
  kind: "mass-action",
  encoding: "utf-8",
  delimiter: ",",
  decimalSeparator: ",",
  dateFormats: ["dd-mm-yyyy"],
  columns: {
    caseNumber: { name: "Dossiernummer" },
    action: { name: "Handeling", values: { "On hold": "suspend", Verder: "resume" } },
    until: { name: "Tot en met" },
    reason: { name: "Toelichting" },
  },
};

function describeMassActions(suite: SuiteStore): void {
  describe(`mass actions on ${suite.name}`, () => {
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
      const scope = { tenantId: `m${tenants}-${Math.random().toString(36).slice(2, 8)}` };
      await store.putClient(scope, { id: "bakkerij", name: "Bakkerij Peeters NV" });
      await store.putScenario(scope, "bakkerij", reminderScenario(1));
      const opened = await applyImport({
        store,
        scope,
        profile: belgianCasesProfile({
          newCases: { rulePack: "be.b2b", owner: "an.peeters", scenarioId: "be-reminders" },
        }),
        source: CASES,
        importedAt: IMPORTED_AT,
        by: "an.peeters",
      });
      expect(opened.totals.errors).toBe(0);
      return scope;
    };
    const run = (
      scope: StoreScope,
      profile: ImportProfileInput,
      rows: string[][],
      options: { importedAt?: string; encoding?: "utf-8" | "windows-1252" } = {},
    ) =>
      applyImport({
        store,
        scope,
        profile,
        source: encodeCsv(rows, {
          encoding: options.encoding ?? "windows-1252",
          delimiter: profile.delimiter === "," ? "," : ";",
        }),
        importedAt: options.importedAt ?? IMPORTED_AT,
        by: "import.bot",
        ...(suite.spill === undefined ? {} : { spill: suite.spill }),
        alerts: {
          owners: {
            "an.peeters": { address: "an@advocaten.example", language: "nl" },
            "k.devries": { address: "k@advocaten.example", language: "fr" },
          },
        },
      });
    const eventsOf = async (scope: StoreScope, caseId: string) =>
      (await store.readEvents(scope, caseId)).map((stored) => stored.event);

    test("a Belgian client's file suspends, assigns, closes and orders, notes what it cannot do, and a re-import adds nothing", async () => {
      const scope = await freshScope();
      const rows = [
        BELGIAN_ACTIONS_HEADER,
        [
          "bakkerij/D-2026-001",
          "Opschorten",
          "",
          "",
          "01/05/2026",
          "",
          "",
          "klant onderhandelt zelf",
          "",
        ],
        [
          "bakkerij/D-2026-002",
          "toewijzen",
          "",
          "",
          "",
          "k.devries",
          "",
          "",
          "an.peeters met verlof",
        ],
        ["bakkerij/D-2026-003", "status", "", "", "", "", "afgesloten", "betaald aan de klant", ""],
        ["bakkerij/D-2026-002", "", "CALL", "05/03/2026", "", "", "", "", ""],
        ["bakkerij/D-2026-003", "hervatten", "", "", "", "", "", "ga door", ""],
      ];
      const report = await run(scope, belgianProfile, rows);
      expect(report.rows.map((row) => [row.row, row.outcome])).toEqual([
        [2, "ordered"],
        [3, "ordered"],
        [4, "ordered"],
        [5, "ordered"],
        [6, "not-executed"],
      ]);
      const first = await eventsOf(scope, "bakkerij:r:D-2026-001");
      expect(first.at(-1)).toMatchObject({
        id: "mass:suspend@2026-03-02~2026-05-01",
        type: "case.suspended",
        at: "2026-03-02",
        until: "2026-05-01",
        reason: "klant onderhandelt zelf",
        by: "import.bot",
      });
      const second = await eventsOf(scope, "bakkerij:r:D-2026-002");
      expect(second.slice(-2)).toMatchObject([
        { type: "case.owner-assigned", owner: "k.devries", reason: "an.peeters met verlof" },
        { type: "action.ordered", activity: "CALL", dueDate: "2026-03-05" },
      ]);
      const third = await eventsOf(scope, "bakkerij:r:D-2026-003");
      expect(third.slice(-2)).toMatchObject([
        { type: "case.closed", reason: "betaald aan de klant" },
        { type: "note.added", text: "mass action resume not executed: the case is not suspended" },
      ]);
      // The list rows follow: the new owner, the suspended and the closed status.
      expect(await store.getCase(scope, "bakkerij:r:D-2026-001")).toMatchObject({
        owner: "an.peeters",
        status: "suspended",
        nextActionDate: "2026-05-01",
      });
      expect(await store.getCase(scope, "bakkerij:r:D-2026-002")).toMatchObject({
        owner: "k.devries",
        status: "open",
      });
      expect(await store.getCase(scope, "bakkerij:r:D-2026-003")).toMatchObject({
        status: "closed",
      });
      const ofKim = await store.listCases(scope, { owner: "k.devries", limit: 10 });
      expect(ofKim.items.map((row) => row.caseId)).toEqual(["bakkerij:r:D-2026-002"]);
      const suspended = await store.listCases(scope, { status: ["suspended"], limit: 10 });
      expect(suspended.items.map((row) => row.caseId)).toEqual(["bakkerij:r:D-2026-001"]);
      // Every summary names the owner when the file came in: an.peeters, also for the
      // assignment and for the call ordered after it on the same case.
      expect(report.ownerSummaries).toEqual([
        {
          owner: "an.peeters",
          ordered: 4,
          notExecuted: 1,
          text: "an.peeters: suspend until 2026-05-01 was carried out on 1 of your cases; assign-owner k.devries was carried out on 1 of your cases; set-status closed was carried out on 1 of your cases; CALL was carried out on 1 of your cases; resume was carried out on 0 of your cases and not executed on 1, because 1 × the case is not suspended",
        },
      ]);
      expect(report.rows[4]?.messages.at(-1)).toEqual({
        nl: "De hervatting niet uitgevoerd: het dossier is niet opgeschort.",
        fr: "La reprise : non exécutée : le dossier n'est pas suspendu.",
        en: "The resumption not executed: the case is not suspended.",
      });
      if (store.enqueueOutbox !== undefined) {
        const alerts = (await store.listOutbox(scope)).filter((m) => m.caseId === null);
        expect(alerts.map((m) => m.payload.to)).toEqual(["an@advocaten.example"]);
        expect(String(alerts[0]?.payload.text)).toContain(
          "dossier bakkerij/D-2026-003: actie hervatting niet uitgevoerd: het dossier is niet opgeschort",
        );
      }
      const before = await snapshot(store, scope);
      const again = await run(scope, belgianProfile, rows, {
        importedAt: "2026-03-02T15:00:00Z",
      });
      expect(again.rows.map((row) => row.outcome)).toEqual([
        "duplicate",
        "duplicate",
        "duplicate",
        "duplicate",
        "duplicate",
      ]);
      expect(again.applied?.appended).toBe(0);
      expect(await snapshot(store, scope)).toEqual(before);
    });

    test("a Dutch client's file with its own words: rows of one case act in their order, and the summary names the owner before an assignment", async () => {
      const scope = await freshScope();
      const report = await run(
        scope,
        dutchProfile,
        [
          ["Dossiernummer", "Handeling", "Tot en met", "Toelichting"],
          ["bakkerij/D-2026-001", "On hold", "", "debiteur in gesprek"],
          ["bakkerij/D-2026-001", "Verder", "", "gesprek afgelopen"],
          ["bakkerij/D-2026-002", "On hold", "30-04-2026", ""],
        ],
        { encoding: "utf-8" },
      );
      expect(report.rows.map((row) => row.outcome)).toEqual(["ordered", "ordered", "ordered"]);
      const first = await eventsOf(scope, "bakkerij:r:D-2026-001");
      expect(first.slice(-2).map((event) => event.type)).toEqual([
        "case.suspended",
        "case.resumed",
      ]);
      expect(await store.getCase(scope, "bakkerij:r:D-2026-001")).toMatchObject({
        status: "open",
      });
      const second = await eventsOf(scope, "bakkerij:r:D-2026-002");
      expect(second.at(-1)).toMatchObject({
        type: "case.suspended",
        until: "2026-04-30",
        reason: "mass action from a file",
      });
    });

    test("refuses a date before the import's day for anything but an order, naming the row", async () => {
      const scope = await freshScope();
      const report = await run(scope, belgianProfile, [
        BELGIAN_ACTIONS_HEADER,
        ["bakkerij/D-2026-001", "opschorten", "", "27/02/2026", "", "", "", "wacht", ""],
        ["2025/99999", "hervatten", "", "", "", "", "", "", ""],
      ]);
      expect(report.rows.map((row) => row.outcome)).toEqual(["error", "error"]);
      expect(report.rows[0]?.messages.at(-1)?.en).toBe(
        "Row 2: the date 2026-02-27 is before the import's day (2026-03-02); expected: a day from 2026-03-02 on (only an ordered activity may fall due in the past).",
      );
      expect(report.rows[1]?.messages.at(-1)?.nl).toBe(
        "Onbekend dossiernummer 2025/99999 bij cliënt bakkerij.",
      );
      expect(report.applied?.appended).toBe(0);
    });

    propertyTest.prop(
      [
        fc.array(
          fc.record({
            file: fc.constantFrom("D-2026-001", "D-2026-002", "D-2026-003"),
            action: fc.constantFrom(
              "opschorten",
              "hervatten",
              "toewijzen",
              "status",
              "",
              "suspendre",
            ),
            until: fc.constantFrom("", "01/04/2026", "01/06/2026"),
            owner: fc.constantFrom("k.devries", "an.peeters", "m.dubois"),
            status: fc.constantFrom("afgesloten", "afgeboekt", "actief"),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      ],
      { numRuns: 4 },
    )(
      "a re-import of a mass-action file of any actions adds nothing: every row carried out or noted is a duplicate",
      async (lines) => {
        const scope = await freshScope();
        const rows = [
          BELGIAN_ACTIONS_HEADER,
          ...lines.map((line) => {
            const suspend = line.action === "opschorten" || line.action === "suspendre";
            return [
              `bakkerij/${line.file}`,
              line.action,
              line.action === "" ? "CALL" : "",
              "",
              suspend ? line.until : "",
              line.action === "toewijzen" ? line.owner : "",
              line.action === "status" ? line.status : "",
              "uit het bestand",
              "",
            ];
          }),
        ];
        const first = await run(scope, belgianProfile, rows);
        expect(first.totals.errors).toBe(0);
        const before = await snapshot(store, scope);
        const again = await run(scope, belgianProfile, rows, {
          importedAt: "2026-03-02T16:00:00Z",
        });
        expect(again.applied?.appended).toBe(0);
        expect(again.rows.every((row) => row.outcome === "duplicate")).toBe(true);
        expect(await snapshot(store, scope)).toEqual(before);
      },
    );
  });
}

describe("reading a mass-action file", () => {
  const read = async (rows: string[][], profile: ImportProfileInput = belgianProfile) =>
    collect(readImportRows(profile, encodeCsv(rows, { encoding: "windows-1252" })));
  const line = (cells: Partial<Record<(typeof BELGIAN_ACTIONS_HEADER)[number], string>>) =>
    BELGIAN_ACTIONS_HEADER.map((column) => cells[column] ?? "");

  test("reads each action with its own fields, in Dutch, French or English words", async () => {
    const rows = await read([
      BELGIAN_ACTIONS_HEADER,
      line({ Dossier: "1", Activiteit: "CALL" }),
      line({ Dossier: "2", Actie: "Suspendre", Tot: "01/05/2026", Reden: "accord" }),
      line({ Dossier: "3", Actie: "reprise" }),
      line({ Dossier: "4", Actie: "set-status", Status: "Passé en perte" }),
      line({ Dossier: "5", Actie: "Toewijzing", Beheerder: "k.devries" }),
      line({ Dossier: "6", Actie: "statut", Status: "actif" }),
    ]);
    expect(rows.map((row) => row.record)).toEqual([
      { kind: "mass-action", caseNumber: "1", activity: "CALL" },
      {
        kind: "mass-action",
        caseNumber: "2",
        action: "suspend",
        until: expect.anything(),
        reason: "accord",
      },
      { kind: "mass-action", caseNumber: "3", action: "resume" },
      { kind: "mass-action", caseNumber: "4", action: "set-status", status: "written-off" },
      { kind: "mass-action", caseNumber: "5", action: "assign-owner", owner: "k.devries" },
      { kind: "mass-action", caseNumber: "6", action: "set-status", status: "active" },
    ] satisfies MassActionRowRecord[]);
    expect(String((rows[1]?.record as MassActionRowRecord | undefined)?.until)).toBe("2026-05-01");
  });

  test("names the row, column, value and what was expected when an action's fields do not fit it", async () => {
    const rows = await read([
      BELGIAN_ACTIONS_HEADER,
      line({ Dossier: "1", Actie: "pauzeren" }),
      line({ Dossier: "2", Actie: "status" }),
      line({ Dossier: "3", Actie: "hervatten", Tot: "01/05/2026" }),
      line({ Dossier: "4", Actie: "opschorten", Datum: "10/03/2026", Tot: "10/03/2026" }),
      line({ Dossier: "5", Actie: "toewijzen" }),
      line({ Dossier: "6" }),
      line({ Dossier: "7", Actie: "status", Status: "misschien" }),
    ]);
    expect(rows.every((row) => row.record === null)).toBe(true);
    const first = (index: number) => rows[index]?.issues[0];
    expect(first(0)).toMatchObject({
      row: 2,
      column: "Actie",
      field: "action",
      value: "pauzeren",
      code: "invalid-value",
    });
    expect(first(0)?.message.nl).toBe(
      'Rij 2, kolom "Actie": "pauzeren" is geen toegelaten waarde; verwacht: order, suspend, resume, set-status of assign-owner (of opdracht, opschorten, hervatten, status, toewijzen).',
    );
    expect(first(1)).toMatchObject({
      row: 3,
      column: "Status",
      field: "status",
      code: "missing-value",
    });
    expect(first(1)?.message.fr).toContain(
      "attendu : une valeur pour status avec l'action set-status (statut)",
    );
    expect(first(2)).toMatchObject({
      row: 4,
      column: "Tot",
      field: "until",
      code: "invalid-value",
    });
    expect(first(2)?.message.en).toContain(
      "expected: an empty cell: the action resume reads no until",
    );
    expect(first(3)).toMatchObject({ row: 5, column: "Tot", value: "2026-03-10" });
    expect(first(3)?.message.en).toContain(
      "expected: a day after 2026-03-10, the day of the suspension",
    );
    expect(first(4)).toMatchObject({
      row: 6,
      column: "Beheerder",
      field: "owner",
      code: "missing-value",
    });
    expect(first(5)).toMatchObject({
      row: 7,
      column: "Activiteit",
      field: "activity",
      code: "missing-value",
    });
    expect(first(6)?.message.en).toContain(
      '"misschien" is not an accepted value; expected: closed, written-off or active',
    );
  });
});

describeMassActions({ name: "the in-memory store", create: async () => createMemoryStore() });
// Every row through the partition files: rows of one case in one part, the owners' summaries
// and alerts counted over every part.
describeMassActions({
  name: "the in-memory store, every row spilled to files",
  create: async () => createMemoryStore(),
  spill: { afterRows: 0, partitions: 3 },
});

const databases: TestDatabase[] = [];
describe.skipIf(serverUrl() === undefined)("on the PostgreSQL server (DATABASE_URL)", () => {
  describeMassActions({
    name: "the PostgreSQL server",
    async create() {
      const db = await createTestDatabase();
      databases.push(db);
      await migrate(db.pool);
      return createPostgresStore({ client: db.pool });
    },
    async dispose() {
      await databases.pop()?.dispose();
    },
  });
});
