// Corners the conformance suite's model-based test does not reach, run on the in-memory reference
// store and on this adapter (PGlite) side by side: every answer and every error (code and field
// paths) must be equal.
import type { PGlite } from "@electric-sql/pglite";
import type { AgendaRecord, CaseRow, CaseStore, DailyRunPage, StoreScope } from "@incasso/core";
import { IncassoError, runDailyShard } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { noteAdded, reminderScenario, sampleCase, scenarioStarted } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, migrate } from "../src/index.js";
import { freshPglite } from "./support/pglite.js";

type Outcome = { ok: unknown } | { error: string; paths: string[] };

let db: PGlite;
let stores: [CaseStore, CaseStore];
let tenant = 0;

beforeAll(async () => {
  db = await freshPglite();
  await migrate(db);
  stores = [createMemoryStore(), createPostgresStore({ client: db })];
});
afterAll(async () => {
  await db.close();
});

/** Runs a call on both stores and expects equal outcomes; answers the outcome. */
async function same(call: (store: CaseStore) => Promise<unknown>, label = ""): Promise<unknown> {
  const outcomes: Outcome[] = [];
  for (const store of stores) {
    try {
      outcomes.push({ ok: await call(store) });
    } catch (error) {
      if (!(error instanceof IncassoError)) throw error;
      outcomes.push({ error: error.code, paths: error.issues.map((issue) => issue.path) });
    }
  }
  expect(outcomes[1], label).toEqual(outcomes[0]);
  const [first] = outcomes;
  return first !== undefined && "ok" in first ? first.ok : first;
}

/** A tenant of its own with the client acme, its scenario and terms, and `count` cases. */
async function tenantWithCases(count: number): Promise<StoreScope> {
  tenant++;
  const scope = { tenantId: `parity-${tenant}` };
  await same((s) => s.putClient(scope, { id: "acme", name: "Acme NV" }));
  await same((s) => s.putScenario(scope, "acme", reminderScenario()));
  await same((s) => s.putTerms(scope, "acme", { defaultScenario: "be-reminders" }));
  for (let i = 0; i < count; i++) {
    const events = [
      ...sampleCase(i),
      ...(i % 2 === 0 ? [scenarioStarted("be-reminders", "2025-10-01")] : []),
    ];
    await same((s) =>
      s.append(scope, { caseId: `C${i}`, expectedVersion: 0, events, asOf: "2025-11-20" }),
    );
  }
  return scope;
}

describe("parity with the in-memory reference store", () => {
  it("reads with odd ids and versions", async () => {
    const scope = await tenantWithCases(1);
    for (const fromVersion of [
      -5,
      0,
      1,
      2.5,
      3,
      99,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      2 ** 40,
    ]) {
      await same((s) => s.readEvents(scope, "C0", { fromVersion }), `fromVersion ${fromVersion}`);
    }
    for (const id of ["", "no such", "C0\u0000", "é", "x".repeat(500)]) {
      await same((s) => s.readEvents(scope, id), `readEvents ${id}`);
      await same((s) => s.getCase(scope, id), `getCase ${id}`);
      await same((s) => s.getClient(scope, id), `getClient ${id}`);
      await same((s) => s.getDebtor(scope, id), `getDebtor ${id}`);
      await same((s) => s.getTerms(scope, id), `getTerms ${id}`);
      await same((s) => s.listScenarios(scope, id), `listScenarios ${id}`);
      await same((s) => s.getImportBatch(scope, id), `getImportBatch ${id}`);
      await same((s) => s.listImportBatches(scope, { clientId: id }), `listImportBatches ${id}`);
    }
  });

  it("validates every write the same way, scope first", async () => {
    const scope = await tenantWithCases(1);
    const portal = { ...scope, clientId: "acme" };
    const bad = { tenantId: "bad tenant" };
    await same((s) => s.putClient(bad, { id: "x" } as never));
    await same((s) => s.putClient(portal, { id: "x" } as never));
    await same((s) => s.putClient(scope, { id: "x" } as never));
    await same((s) => s.putDebtor(scope, { id: "D 1" } as never));
    await same((s) => s.putTerms(scope, "bad id", {}));
    await same((s) => s.putTerms(scope, "acme", { agingBuckets: [] }));
    await same((s) => s.putScenario(scope, "ghost", reminderScenario()));
    await same((s) => s.putScenario(scope, "acme", { id: "x" } as never));
    await same((s) => s.saveImportBatch(scope, { id: "B1" } as never));
    await same((s) =>
      s.saveImportBatch(scope, {
        id: "B1",
        clientId: "ghost",
        source: "x.csv",
        contentHash: "h",
        importedAt: "2026-01-31T09:00:00Z",
        rows: [],
      }),
    );
    await same((s) => s.claimOutbox(scope, { worker: "", now: "yesterday" }));
    await same((s) => s.completeOutbox(scope, { id: "m", worker: "w", outcome: "lost" } as never));
    await same((s) => s.listOutbox(scope, { limit: 5000 }));
    await same((s) => s.listAgenda(scope, { runDate: "2026-02-30" }));
    await same((s) => s.readShard(scope, { runDate: "2026-01-31", batchSize: 0 }, null));
    await same((s) => s.disposeAgendaEntry(scope, { entryId: "" } as never));
    await same((s) =>
      s.append(scope, {
        caseId: "C0",
        expectedVersion: 1,
        events: [noteAdded("n", "2025-12-01")],
        asOf: "2026-01-31",
      }),
    );
    await same((s) =>
      s.append(scope, {
        caseId: "C0",
        expectedVersion: 0,
        events: [noteAdded("n", "2025-12-01")],
        outbox: [
          { key: "k1", kind: "send-email", payload: {} },
          { key: "k1", kind: "send-email", payload: {} },
        ],
        asOf: "2026-01-31",
      }),
    );
    await same((s) =>
      s.append(scope, {
        caseId: "NEW",
        expectedVersion: 0,
        events: [noteAdded("n", "2025-12-01")],
        asOf: "2026-01-31",
      }),
    );
  });

  it("answers hand-written list cursors the same way", async () => {
    const scope = await tenantWithCases(6);
    const cursors = [
      undefined,
      "garbage",
      "[]",
      '["C1"]',
      '[null,"C1"]',
      '["2025-10-08","C1"]',
      '["2025-1-8","C1"]',
      '["zzz","C1"]',
      '["","C1"]',
      '["0000-01-01","C1"]',
      '["100.00","C1"]',
      '["-1","C1"]',
      '["C1",null]',
      "[null,null]",
    ];
    for (const sort of ["case-id", "next-action", "last-contact", "balance"] as const) {
      for (const after of cursors) {
        const query = { sort, ...(after === undefined ? {} : { after }) };
        await same((s) => s.listCases(scope, query), `${sort} after ${after}`);
      }
    }
    for (const query of [
      { nextActionFrom: "0000-01-01" },
      { nextActionTo: "0000-12-31" },
      { lastContactFrom: "2025-10-01", lastContactTo: "2025-10-01" },
      { balanceMin: "0", balanceMax: "99999999999999999999.99" },
      { owner: "an.peeters\u0000" },
      { status: ["open", "paid"] as const, caseIdFrom: "C2", caseIdTo: "C5" },
    ]) {
      await same(
        (s) =>
          s.listCases(scope, {
            ...query,
            status: query.status ? [...query.status] : undefined,
          } as never),
        JSON.stringify(query),
      );
    }
  });

  it("stores hand-made daily-run pages the same way (stale, duplicate and disposed entries)", async () => {
    const scope = await tenantWithCases(4);
    const runDate = "2025-11-20";
    await same((s) => runDailyShard(s, scope, { runDate }));
    const agenda = (await same((s) => s.listAgenda(scope, { runDate }))) as {
      items: AgendaRecord[];
    };
    const [entry] = agenda.items;
    expect(entry).toBeDefined();
    if (entry === undefined) return;
    await same((s) =>
      s.disposeAgendaEntry(scope, {
        entryId: entry.id,
        disposition: { kind: "rescheduled", to: "2025-11-25" },
        event: {
          id: "d1",
          at: runDate,
          recordedAt: "2025-11-20T10:00:00.123456789+01:00",
          by: "clerk",
        },
        asOf: runDate,
      }),
    );
    const rows = (await same((s) => s.listCases(scope, {}))) as { items: CaseRow[] };
    const [c0, c1, c2] = rows.items as [CaseRow, CaseRow, CaseRow];
    const page: DailyRunPage = {
      runDate,
      rows: [
        { ...c0, owner: "first" },
        { ...c0, owner: "second" }, // the same case twice: the last one is kept
        { ...c1, version: c1.version - 1 }, // stale: skipped with its entries
        { ...c1 },
        { ...c2, caseId: "GHOST" }, // unknown: skipped
      ],
      entries: [
        { ...entry, status: "open", owner: "over a disposed one" }, // kept as disposed
        { ...entry, id: `${runDate}/${c0.caseId}/extra`, caseId: c0.caseId, status: "open" },
        {
          ...entry,
          id: `${runDate}/${c0.caseId}/extra`,
          caseId: c0.caseId,
          status: "done",
          owner: "second",
        },
        {
          ...entry,
          id: `${runDate}/${c0.caseId}/extra`,
          caseId: c0.caseId,
          status: "open",
          owner: "third",
        },
        { ...entry, id: `${runDate}/GHOST/x`, caseId: "GHOST" },
      ],
    };
    await same((s) => s.saveDailyRun(scope, page));
    await same((s) => s.listAgenda(scope, { runDate, limit: 1000 }));
    await same((s) => s.listCases(scope, { limit: 1000 }));
    for (const after of [
      '[null,"x"]',
      '["","x"]',
      '["2025-10-08",""]',
      '["soon","x"]',
      '["2025-10-08","~"]',
    ]) {
      await same((s) => s.listAgenda(scope, { runDate, after }), `agenda after ${after}`);
    }
  });

  it("keeps instants as given and compares them to the nanosecond in the outbox", async () => {
    const scope = await tenantWithCases(1);
    const version = ((await same((s) => s.readEvents(scope, "C0"))) as unknown[]).length;
    await same((s) =>
      s.append(scope, {
        caseId: "C0",
        expectedVersion: version,
        events: [noteAdded("n", "2025-12-01")],
        outbox: [
          {
            key: "a",
            kind: "send-email",
            payload: { deep: { x: [1, 2.5, null, "é"] } },
            notBefore: "2026-01-31T10:00:00.000000500+01:00",
          },
          { key: "b", kind: "send-sms", payload: {}, notBefore: "2026-01-31T09:00:00.0000004Z" },
          { key: "c", kind: "send-sms", payload: {} },
        ],
        asOf: "2026-01-31",
      }),
    );
    for (const now of [
      "2026-01-31T09:00:00.0000003Z",
      "2026-01-31T09:00:00.0000004Z",
      "2026-01-31T10:00:00.0000005+01:00",
      "2026-01-31T09:00:00.000000499Z",
      "2026-01-31T09:00:00.0000005Z",
    ]) {
      await same(
        (s) => s.claimOutbox(scope, { worker: "w1", now, leaseSeconds: 1 }),
        `claim at ${now}`,
      );
    }
    await same((s) => s.claimOutbox(scope, { worker: "w2", now: "2026-01-31T09:00:01.0000005Z" }));
    await same((s) =>
      s.claimOutbox(scope, { worker: "w2", now: "2026-01-31T09:00:01.000000999Z" }),
    );
    await same((s) =>
      s.completeOutbox(scope, {
        id: "c",
        worker: "w2",
        outcome: "sent",
        at: "2026-01-31T10:00:00.5+01:00",
      }),
    );
    await same((s) => s.listOutbox(scope, {}));
    await same((s) =>
      s.listOutbox({ ...scope, clientId: "acme" }, { status: "claimed", caseId: "C0", limit: 1 }),
    );
  });

  it("stores import batches and scenarios under one id once, whatever the key order", async () => {
    const scope = await tenantWithCases(0);
    const batch = {
      rows: [
        { outcome: "skipped" as const, row: 7 },
        {
          row: 7,
          outcome: "updated" as const,
          caseId: "C9",
          errors: [{ message: "m", field: "" }],
        },
      ],
      importedAt: "2026-01-31T10:00:00+01:00",
      contentHash: "h",
      source: "s.csv",
      clientId: "acme",
      id: "B/1",
    };
    await same((s) => s.saveImportBatch(scope, batch));
    await same((s) => s.saveImportBatch(scope, { ...batch, rows: [...batch.rows] }));
    await same((s) => s.saveImportBatch(scope, { ...batch, importedAt: "2026-01-31T09:00:00Z" }));
    await same((s) => s.listImportBatches({ ...scope, clientId: "acme" }));
    const scenario = reminderScenario(3);
    const reordered = Object.fromEntries(Object.entries(scenario).reverse()) as typeof scenario;
    await same((s) => s.putScenario(scope, "acme", scenario));
    await same((s) => s.putScenario(scope, "acme", reordered));
    await same((s) => s.listScenarios(scope, "acme"));
  });

  it("saves import batches in parts and reads their rows the same way, refusals included", async () => {
    const scope = await tenantWithCases(0);
    const portal = { ...scope, clientId: "acme" };
    const batch = {
      id: "B1",
      clientId: "acme",
      source: "cases.csv",
      contentHash: "sha256:01",
      importedAt: "2026-01-31T10:00:00+01:00",
    };
    const rows = (numbers: number[]) =>
      numbers.map((row) => ({ row, outcome: "imported" as const, caseId: `C${row}` }));
    const parts: unknown[] = [
      { batch, part: 1, last: false, rows: rows([2]) },
      { batch, part: 0, last: false, rows: rows([9, 2, 5]) },
      { batch, part: 0, last: false, rows: rows([9, 2, 5]) },
      { batch, part: 0, last: false, rows: rows([9, 2]) },
      { batch: { ...batch, source: "x" }, part: 1, last: true, rows: [] },
      { batch, part: 1, last: false, rows: rows([7, 5]) },
      { batch, part: 2, last: false, rows: [] },
      { batch, part: 1, last: false, rows: rows([7, 7]) },
      { batch, part: 1, last: false, rows: [{ row: 3, outcome: "lost" }] },
      { batch: { ...batch, clientId: "ghost" }, part: 1, last: true, rows: [] },
      { batch, part: 1, last: false, rows: rows([1, 3]) },
      { batch: { ...batch, id: "bad id" }, part: 0, last: true, rows: [] },
      { batch, part: "1", last: true, rows: [] },
      null,
    ];
    for (const [index, part] of parts.entries()) {
      await same((s) => s.saveImportBatchPart(portal, part as never), `portal part ${index}`);
      await same((s) => s.saveImportBatchPart(scope, part as never), `part ${index}`);
      await same((s) => s.getImportBatch(scope, "B1"), `get after part ${index}`);
      await same((s) => s.readImportBatchRows(scope, "B1"), `read after part ${index}`);
    }
    await same((s) => s.saveImportBatch(scope, { ...batch, rows: rows([9, 2, 5, 1, 3]) }));
    await same((s) =>
      s.saveImportBatchPart(scope, { batch, part: 2, last: true, rows: rows([4, 6]) }),
    );
    await same((s) => s.saveImportBatch(scope, { ...batch, rows: rows([9, 2, 5, 1, 3, 4]) }));
    await same((s) => s.saveImportBatch(scope, { ...batch, rows: rows([9, 2, 5, 1, 3, 4, 6]) }));
    await same((s) => s.listImportBatches(scope));
    let after: string | null | undefined;
    do {
      const page = (await same((s) =>
        s.readImportBatchRows(portal, "B1", { limit: 2, ...(after ? { after } : {}) }),
      )) as { nextCursor: string | null };
      after = page.nextCursor;
    } while (after !== null);
    for (const query of [
      { after: '["5","2"]', limit: 3 },
      { after: '["5","999999"]' },
      { after: '["10000000","0"]' },
      { after: '["5", "2"]' },
      { after: "" },
      { limit: 10_000 },
      { limit: 10_001 },
      { limit: 2.5 },
      null,
    ])
      await same((s) => s.readImportBatchRows(scope, "B1", query as never), JSON.stringify(query));
    for (const id of ["", "B2", "b1", "B1\u0000", "x".repeat(500)])
      await same((s) => s.readImportBatchRows(scope, id), `read ${id}`);
    await same((s) => s.readImportBatchRows({ tenantId: "bad tenant" }, "B1"));
  });
});
