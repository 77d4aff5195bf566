import type { CaseStore, StoreScope } from "@incasso/core";
import {
  agendaEntries,
  caseStatement,
  caseSummary,
  parseIsoDate,
  prepareCase,
} from "@incasso/core";
import { reminderScenario } from "@incasso/testkit";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ImportProfileInput } from "../../src/index.js";
import { applyImport, dryRunImport, resultFileCsv, resultFileJson } from "../../src/index.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  encodeCsv,
  makeXlsx,
} from "../support/fixtures.js";
import type { SuiteStore } from "./pipeline-suite.js";
import { IMPORTED_AT, snapshot } from "./pipeline-suite.js";

const ASOF = parseIsoDate("2026-03-02");

/** A Belgian client's file: windows-1252, `;`, decimal comma and thousands dots, accents. */
function belgianFile(amount = "1.234,56"): Uint8Array {
  return encodeCsv(
    [
      [...BELGIAN_HEADER],
      belgianRow({ Openstaand: amount }),
      belgianRow({ Factuur: "F2026-18", Openstaand: "99,90", Vervaldag: "15/02/2026" }),
      belgianRow({
        Dossier: "D-2026-002",
        Klantnummer: "K1002",
        Naam: "Crèmerie Françoise SRL",
        Taal: "F",
        Ondernemingsnummer: "0202.239.951",
        "E-mail": "compta@cremerie.be",
        Factuur: "F2026-31",
        Openstaand: "2.500,00",
        Vervaldag: "10/01/2026",
      }),
    ],
    { encoding: "windows-1252" },
  );
}

const dutchProfile: ImportProfileInput = {
  version: 1,
  id: "jansen-cases",
  clientId: "jansen",
  kind: "cases",
  decimalSeparator: ".",
  dateFormats: ["dd-mm-yyyy"],
  grouping: "debtor-id",
  newCases: { rulePack: "nl.b2b", owner: "p.devries", scenarioId: "be-reminders" },
  columns: {
    debtorId: { name: "Debiteurnummer" },
    debtorName: { name: "Naam" },
    debtorLanguage: { constant: "nl" },
    enterpriseNumber: { name: "KvK" },
    email: { name: "E-mail" },
    invoiceNumber: { name: "Factuurnummer" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldatum" },
    amount: { name: "Bedrag" },
  },
};

/** Examples of the pipeline on one store: published figures a client's files import into. */
export function describeImportExamples(suite: SuiteStore): void {
  describe(`import examples on ${suite.name}`, () => {
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
      const scope = { tenantId: `x${tenants}-${Math.random().toString(36).slice(2, 8)}` };
      for (const [id, name] of [
        ["bakkerij", "Bakkerij Peeters NV"],
        ["jansen", "Jansen Groothandel BV"],
      ] as const) {
        await store.putClient(scope, { id, name });
        await store.putScenario(scope, id, reminderScenario(1));
      }
      return scope;
    };
    const options = (scope: StoreScope, profile: unknown, source: Uint8Array) => ({
      store,
      scope,
      profile,
      source,
      importedAt: IMPORTED_AT,
      by: "an.peeters",
      ...(suite.spill === undefined ? {} : { spill: suite.spill }),
    });
    const eventsOf = async (scope: StoreScope, caseId: string) =>
      (await store.readEvents(scope, caseId)).map((stored) => stored.event);

    test("a Belgian client's CSV (windows-1252, ;, decimal comma) imports into two cases, with the profile's rule pack, terms, owner and scenario, that caseSummary and the agenda show", async () => {
      const scope = await freshScope();
      const terms = { penalty: { kind: "fixed", amount: "75.00" } } as const;
      const profile = belgianCasesProfile({
        newCases: { rulePack: "be.b2b", terms, owner: "an.peeters", scenarioId: "be-reminders" },
      });
      const dry = await dryRunImport(options(scope, profile, belgianFile()));
      expect(dry.totals).toMatchObject({ newCases: 2, newDebtors: 2, claimsAdded: 3, errors: 0 });
      const report = await applyImport(options(scope, profile, belgianFile()));
      expect(report.applied).toMatchObject({ appended: 2, replayed: 0, debtorsPut: 2 });
      expect(report.rows.map((row) => [row.row, row.outcome, row.caseId, row.newCase])).toEqual([
        [2, "new-claim", "bakkerij:r:D-2026-001", true],
        [3, "new-claim", "bakkerij:r:D-2026-001", true],
        [4, "new-claim", "bakkerij:r:D-2026-002", true],
      ]);
      const events = await eventsOf(scope, "bakkerij:r:D-2026-001");
      const opened = events[0];
      expect(opened).toMatchObject({
        type: "case.opened",
        caseNumber: "bakkerij/D-2026-001",
        client: { id: "bakkerij", reference: "D-2026-001" },
        owner: "an.peeters",
        rulePack: "be.b2b",
        terms,
        paymentReference: "090933755493",
        debtors: [
          {
            id: "bakkerij:debtor:K1001",
            name: "Brasserie Léonie BV",
            kind: "legal-person",
            language: "nl",
            enterpriseNumber: "0403170701",
          },
        ],
      });
      expect(events[1]).toMatchObject({ type: "scenario.started", scenarioId: "be-reminders" });
      const { statement } = caseStatement(events, ASOF);
      expect(statement.claims.map((claim) => claim.principal.toFixed(2))).toEqual([
        "1234.56",
        "99.90",
      ]);
      const summary = caseSummary(events, ASOF);
      expect(summary.caseNumber).toBe("bakkerij/D-2026-001");
      expect(summary.status).toBe("open");
      expect(summary.daysPastDue).toBe(26); // due 4 February 2026, as of 2 March 2026
      const scenarios = await store.listScenarios(scope, "bakkerij");
      const entries = agendaEntries(prepareCase({ events }, scenarios, ASOF), scenarios, ASOF);
      expect(entries.map((entry) => [entry.caseNumber, entry.activity.code])).toEqual([
        ["bakkerij/D-2026-001", "REM1"],
      ]);
      const french = await store.getDebtor(scope, "bakkerij:debtor:K1002");
      expect(french).toMatchObject({ name: "Crèmerie Françoise SRL", language: "fr" });
      expect(french?.contacts.map((c) => [c.kind, c.value])).toEqual([
        ["address", "Kerkstraat 1, 9000 Gent"],
        ["email", "compta@cremerie.be"],
      ]);
      const batch = await store.getImportBatch(scope, report.batchId);
      expect(batch?.rows.map((row) => [row.row, row.outcome])).toEqual([
        [2, "imported"],
        [3, "imported"],
        [4, "imported"],
      ]);
    });

    test("a Dutch client's XLSX imports into cases grouped by debtor, with the Dutch rule pack and the owner of the profile", async () => {
      const scope = await freshScope();
      const workbook = await makeXlsx([
        {
          name: "Openstaand",
          rows: [
            [
              "Debiteurnummer",
              "Naam",
              "KvK",
              "E-mail",
              "Factuurnummer",
              "Factuurdatum",
              "Vervaldatum",
              "Bedrag",
            ],
            [
              "D-77",
              "Groenteboer De Vries BV",
              "12345678",
              "info@devries.nl",
              "2026-0101",
              { date: "2026-01-02" },
              { date: "2026-01-16" },
              1250.5,
            ],
            [
              "D-77",
              "Groenteboer De Vries BV",
              "12345678",
              "info@devries.nl",
              "2026-0102",
              { date: "2026-01-09" },
              { date: "2026-01-23" },
              { number: "310.25" },
            ],
            [
              "D-78",
              "Bakker Jansen",
              "87654321",
              "",
              "2026-0103",
              { date: "2026-01-12" },
              { date: "2026-02-11" },
              99,
            ],
          ],
        },
      ]);
      const report = await applyImport(options(scope, dutchProfile, workbook));
      expect(report.totals).toMatchObject({ newCases: 2, claimsAdded: 3, errors: 0 });
      const events = await eventsOf(scope, "jansen:d:D-77");
      expect(events[0]).toMatchObject({ rulePack: "nl.b2b", owner: "p.devries" });
      expect(events[1]).toMatchObject({ type: "scenario.started", scenarioId: "be-reminders" });
      const { statement } = caseStatement(events, ASOF);
      expect(
        statement.claims.map((claim) => [claim.dueDate.toString(), claim.principal.toFixed(2)]),
      ).toEqual([
        ["2026-01-16", "1250.50"],
        ["2026-01-23", "310.25"],
      ]);
      const summary = caseSummary(events, ASOF);
      expect(summary.daysPastDue).toBe(45); // oldest due 16 January 2026, as of 2 March 2026
      const rows = (await store.listCases(scope, { clientId: "jansen" })).items;
      expect(rows.map((row) => [row.caseId, row.owner, row.status])).toEqual([
        ["jansen:d:D-77", "p.devries", "open"],
        ["jansen:d:D-78", "p.devries", "open"],
      ]);
    });

    test("a corrected file corrects the amount and due date of a claim imported before, once", async () => {
      const scope = await freshScope();
      const profile = belgianCasesProfile();
      await applyImport(options(scope, profile, belgianFile()));
      const corrected = encodeCsv(
        [[...BELGIAN_HEADER], belgianRow({ Openstaand: "1.000,00", Vervaldag: "14/02/2026" })],
        { encoding: "windows-1252" },
      );
      const report = await applyImport({
        ...options(scope, profile, corrected),
        importedAt: "2026-03-03T10:00:00Z",
      });
      expect(report.rows.map((row) => row.outcome)).toEqual(["corrected"]);
      expect(report.rows[0]?.messages[0]?.en).toBe(
        "Invoice F2026-17 corrected: amount 1234.56 → 1000.00, dueDate 2026-02-04 → 2026-02-14.",
      );
      const events = await eventsOf(scope, "bakkerij:r:D-2026-001");
      expect(events.at(-1)).toMatchObject({
        type: "claim.corrected",
        claimId: "inv:F2026-17",
        changes: { amount: "1000.00", dueDate: "2026-02-14" },
        at: "2026-03-03",
      });
      // The correction counts from the day it was recorded on.
      expect(caseStatement(events, ASOF).statement.claims[0]?.principal.toFixed(2)).toBe("1234.56");
      const { statement } = caseStatement(events, parseIsoDate("2026-03-03"));
      expect(statement.claims[0]?.principal.toFixed(2)).toBe("1000.00");
      const again = await applyImport({
        ...options(scope, profile, corrected),
        importedAt: "2026-03-04T10:00:00Z",
      });
      expect(again.rows.map((row) => row.outcome)).toEqual(["duplicate"]);
      expect(again.applied?.appended).toBe(0);
    });

    test("payments the client received are recorded once on their cases, and a payment for no case is an error", async () => {
      const scope = await freshScope();
      await applyImport(options(scope, belgianCasesProfile(), belgianFile()));
      const profile: ImportProfileInput = {
        version: 1,
        id: "bakkerij-payments",
        clientId: "bakkerij",
        kind: "payments",
        delimiter: ";",
        decimalSeparator: ",",
        thousandsSeparator: ".",
        dateFormats: ["dd/mm/yyyy"],
        columns: {
          clientReference: { name: "Dossier" },
          date: { name: "Datum" },
          amount: { name: "Bedrag" },
        },
      };
      const file = encodeCsv([
        ["Dossier", "Datum", "Bedrag"],
        ["D-2026-001", "20/02/2026", "200,00"],
        ["D-2026-002", "21/02/2026", "2.500,00"],
        ["D-2026-999", "21/02/2026", "10,00"],
      ]);
      const report = await applyImport(options(scope, profile, file));
      expect(report.rows.map((row) => [row.row, row.outcome, row.caseId])).toEqual([
        [2, "payment", "bakkerij:r:D-2026-001"],
        [3, "payment", "bakkerij:r:D-2026-002"],
        [4, "error", null],
      ]);
      expect(report.rows[2]?.messages[0]?.nl).toBe(
        "Geen dossier van cliënt bakkerij met sleutel D-2026-999.",
      );
      const events = await eventsOf(scope, "bakkerij:r:D-2026-002");
      expect(events.at(-1)).toMatchObject({
        type: "payment.received",
        at: "2026-02-21",
        amount: "2500.00",
      });
      const again = await applyImport({
        ...options(scope, profile, file),
        importedAt: "2026-03-05T09:00:00Z",
      });
      expect(again.rows.map((row) => row.outcome)).toEqual(["duplicate", "duplicate", "error"]);
      expect(again.applied?.appended).toBe(0);
    });

    test("contact updates: a new address is added as current on the debtor's cases with its source and date, the one it supersedes retired; unmatched rows are reported; a re-import changes nothing", async () => {
      const scope = await freshScope();
      await applyImport(options(scope, belgianCasesProfile(), belgianFile()));
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
          phone: { name: "Telefoon", transforms: ["phone-e164"] },
          source: { constant: "Tracing NV" },
          date: { name: "Datum" },
        },
      };
      const file = encodeCsv([
        ["KBO", "Klant", "Adres", "Telefoon", "Datum"],
        ["BE 0403.170.701", "", "Veldstraat 10, 9000 Gent", "09 233 44 55", "20/02/2026"],
        ["", "K9999", "Nergensstraat 1, 1000 Brussel", "", "20/02/2026"],
      ]);
      const report = await applyImport(options(scope, profile, file));
      expect(report.rows.map((row) => [row.row, row.outcome, row.debtorId])).toEqual([
        [2, "contact-added", "bakkerij:debtor:K1001"],
        [3, "error", null],
      ]);
      expect(report.totals).toMatchObject({ contactsAdded: 2, contactsRetired: 1 });
      const events = await eventsOf(scope, "bakkerij:r:D-2026-001");
      const types = events.slice(-3).map((event) => event.type);
      expect(types).toEqual(["contact.added", "contact.retired", "contact.added"]);
      expect(events.at(-3)).toMatchObject({
        debtorId: "bakkerij:debtor:K1001",
        contact: {
          kind: "address",
          value: "Veldstraat 10, 9000 Gent",
          current: true,
          source: "Tracing NV",
          date: "2026-02-20",
        },
      });
      const debtor = await store.getDebtor(scope, "bakkerij:debtor:K1001");
      expect(debtor?.contacts.filter((c) => c.current).map((c) => [c.kind, c.value])).toEqual([
        ["email", "boekhouding@leonie.be"],
        ["address", "Veldstraat 10, 9000 Gent"],
        ["phone", "+3292334455"],
      ]);
      const before = await snapshot(store, scope);
      const again = await applyImport({
        ...options(scope, profile, file),
        importedAt: "2026-03-06T09:00:00Z",
      });
      expect(again.rows.map((row) => row.outcome)).toEqual(["duplicate", "error"]);
      expect(await snapshot(store, scope)).toEqual(before);
    });

    test("a mass action orders the action where it can, records why not where it cannot, reports unknown numbers, and alerts each owner through the outbox", async () => {
      const scope = await freshScope();
      await applyImport(options(scope, belgianCasesProfile(), belgianFile()));
      const paid = encodeCsv([
        ["Dossier", "Datum", "Bedrag"],
        ["D-2026-002", "21/02/2026", "3.000,00"],
      ]);
      await applyImport(
        options(
          scope,
          {
            version: 1,
            id: "bakkerij-payments",
            clientId: "bakkerij",
            kind: "payments",
            delimiter: ";",
            decimalSeparator: ",",
            thousandsSeparator: ".",
            dateFormats: ["dd/mm/yyyy"],
            columns: {
              clientReference: { name: "Dossier" },
              date: { name: "Datum" },
              amount: { name: "Bedrag" },
            },
          },
          paid,
        ),
      );
      const profile: ImportProfileInput = {
        version: 1,
        id: "calls",
        clientId: "bakkerij",
        kind: "mass-action",
        delimiter: ";",
        decimalSeparator: ",",
        dateFormats: ["dd/mm/yyyy"],
        columns: {
          caseNumber: { name: "Dossier" },
          activity: { constant: "CALL" },
          dueDate: { name: "Datum" },
        },
      };
      const file = encodeCsv([
        ["Dossier", "Datum"],
        ["bakkerij/D-2026-001", "05/03/2026"],
        ["bakkerij/D-2026-002", "05/03/2026"],
        ["2025/99999", "05/03/2026"],
      ]);
      const report = await applyImport({
        ...options(scope, profile, file),
        alerts: { owners: { "an.peeters": { address: "an@advocaten.example", language: "nl" } } },
      });
      expect(report.rows.map((row) => [row.row, row.outcome])).toEqual([
        [2, "ordered"],
        [3, "not-executed"],
        [4, "error"],
      ]);
      const ordered = await eventsOf(scope, "bakkerij:r:D-2026-001");
      expect(ordered.at(-1)).toMatchObject({
        type: "action.ordered",
        activity: "CALL",
        dueDate: "2026-03-05",
      });
      const refused = await eventsOf(scope, "bakkerij:r:D-2026-002");
      expect(refused.at(-1)).toMatchObject({
        type: "note.added",
        text: "mass action CALL not executed: nothing is owed",
      });
      expect(report.ownerSummaries).toEqual([
        {
          owner: "an.peeters",
          ordered: 1,
          notExecuted: 1,
          text: "an.peeters: the action was ordered on 1 of your cases and not executed on 1, because 1 × nothing is owed",
        },
      ]);
      const csv: string[][] = parse(resultFileCsv(report), { delimiter: ";", bom: true });
      expect(csv.map((line) => line.slice(0, 4))).toEqual([
        ["row", "outcome", "case", "case number"],
        ["2", "ordered", "bakkerij:r:D-2026-001", "bakkerij/D-2026-001"],
        ["3", "not-executed", "bakkerij:r:D-2026-002", "bakkerij/D-2026-002"],
        ["4", "error", "", ""],
      ]);
      expect(JSON.parse(resultFileJson(report)).rows).toHaveLength(3);
      if (store.enqueueOutbox !== undefined) {
        expect(report.applied?.alertsEnqueued).toBe(1);
        const alerts = (await store.listOutbox(scope)).filter((m) => m.caseId === null);
        expect(
          alerts.map((m) => [m.kind, m.payload.to, m.payload.owners, m.payload.massActions]),
        ).toEqual([["send-email", "an@advocaten.example", ["an.peeters"], 1]]);
        expect(String(alerts[0]?.payload.text)).toContain("bakkerij/D-2026-002");
      }
      const again = await applyImport({
        ...options(scope, profile, file),
        importedAt: "2026-03-06T09:00:00Z",
      });
      expect(again.rows.map((row) => row.outcome)).toEqual(["duplicate", "duplicate", "error"]);
      expect(again.applied?.appended).toBe(0);
    });
  });
}
