import type { PGlite } from "@electric-sql/pglite";
import type { CaseRow, CaseStore } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import { reminderScenario, sampleCase } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlClient } from "../src/index.js";
import {
  createPostgresStore,
  fromPglite,
  migrate,
  planShards,
  rebuildProjections,
} from "../src/index.js";
import { freshPglite } from "./support/pglite.js";

const AS_OF = "2026-01-31";
const scope = { tenantId: "firm-1" };
const other = { tenantId: "firm-2" };
const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `C${String(i).padStart(3, "0")}`);

/** A client whose statements go through a counter. */
function counted(client: SqlClient): SqlClient & { statements: number } {
  const counter = {
    statements: 0,
    query: (text: string, params?: unknown[]) => {
      counter.statements++;
      return client.query(text, params);
    },
    transaction: <T>(work: Parameters<SqlClient["transaction"]>[0]) =>
      client.transaction((tx) =>
        work({
          query: (text, params) => {
            counter.statements++;
            return tx.query(text, params);
          },
        }),
      ) as Promise<T>,
  };
  return counter as SqlClient & { statements: number };
}

let db: PGlite;
let store: CaseStore;
const CASES = 40;

beforeAll(async () => {
  db = await freshPglite();
  await migrate(db);
  store = createPostgresStore({ client: db });
  for (const tenant of [scope, other]) {
    await store.putClient(tenant, { id: "acme", name: "Acme NV" });
    await store.putClient(tenant, { id: "beta", name: "Beta BV" });
  }
  await store.putScenario(scope, "acme", reminderScenario());
  await store.putTerms(scope, "acme", {
    defaultScenario: "be-reminders",
    agingBuckets: [
      { label: "young", from: null, to: 60 },
      { label: "old", from: 61, to: null },
    ],
  });
  for (const [i, caseId] of ids(CASES).entries()) {
    await store.append(scope, {
      caseId,
      expectedVersion: 0,
      events: sampleCase(i, { client: i % 3 === 0 ? "beta" : "acme" }),
      asOf: AS_OF,
    });
  }
  await store.append(other, {
    caseId: "C000",
    expectedVersion: 0,
    events: sampleCase(7),
    asOf: AS_OF,
  });
});
afterAll(async () => {
  await db.close();
});

const allRows = async (tenant = scope) =>
  (await store.listCases(tenant, { limit: 1000 })).items as CaseRow[];

describe("rebuildProjections", () => {
  it("rebuilds deleted and damaged case rows identical to what the appends wrote, tenant by tenant", async () => {
    const before = await allRows();
    const otherBefore = await allRows(other);
    expect(before).toHaveLength(CASES);
    // Damage the projection (as a superuser, past row-level security): delete some rows, corrupt
    // others, and leave a row with no events behind.
    await db.exec(`
      DELETE FROM cases WHERE tenant_id = 'firm-1' AND case_id < 'C010';
      UPDATE cases SET balance = 0, status = 'closed', next_action_date = NULL, version = 1,
        debtor_ids = '{}', problem_code = 'X', problem_message = 'broken'
        WHERE tenant_id = 'firm-1' AND case_id >= 'C030';
      INSERT INTO cases (tenant_id, case_id, client_id, case_number, owner, status, days_past_due,
        aging_bucket, debtor_ids, version, as_of)
        VALUES ('firm-1', 'ZOMBIE', 'acme', 'x', 'x', 'open', 0, 'young', '{}', 1, '2026-01-01');`);
    expect(await allRows()).not.toEqual(before);

    const report = await rebuildProjections(db, { tenantId: "firm-1", asOf: AS_OF, batchSize: 7 });
    expect(report).toEqual({ cases: CASES, pages: 6, deleted: 1 });
    expect(await allRows()).toEqual(before);
    expect(await allRows(other)).toEqual(otherBefore);
  });

  it("does not overwrite a row an append moved to a later version", async () => {
    const stale = await store.getCase(scope, "C001");
    await db.query(
      "UPDATE cases SET version = version + 100 WHERE tenant_id = 'firm-1' AND case_id = 'C001'",
    );
    await rebuildProjections(fromPglite(db), { tenantId: "firm-1", asOf: AS_OF });
    expect((await store.getCase(scope, "C001"))?.version).toBe((stale?.version ?? 0) + 100);
    await db.query(
      "UPDATE cases SET version = version - 100 WHERE tenant_id = 'firm-1' AND case_id = 'C001'",
    );
    expect(await store.getCase(scope, "C001")).toEqual(stale);
  });
});

describe("planShards and the daily run", () => {
  it("splits the cases into ranges of about equal size that cover every case exactly once", async () => {
    const ranges = await planShards(db, { tenantId: "firm-1", shards: 3 });
    expect(ranges).toEqual([
      { caseIdTo: "C014" },
      { caseIdFrom: "C014", caseIdTo: "C027" },
      { caseIdFrom: "C027" },
    ]);
    expect(await planShards(db, { tenantId: "firm-1", shards: 1 })).toEqual([{}]);
    expect(await planShards(db, { tenantId: "nobody", shards: 4 })).toEqual([{}]);
    expect(await planShards(db, { tenantId: "firm-2", shards: 4 })).toEqual([{}]);
    expect(await planShards(db, { tenantId: "firm-1", shards: 100 })).toHaveLength(CASES);
    await expect(planShards(db, { tenantId: "firm-1", shards: 0 })).rejects.toThrow(RangeError);

    const runDate = "2026-02-02";
    let cases = 0;
    for (const range of ranges) {
      cases += (await runDailyShard(store, scope, { runDate, batchSize: 5, ...range })).cases;
    }
    expect(cases).toBe(CASES);
    expect((await allRows()).every((row) => row.asOf === runDate)).toBe(true);
  });

  it("runs a shard in a few statements a page, not a few a case", async () => {
    const client = counted(fromPglite(db));
    const countedStore = createPostgresStore({ client });
    const report = await runDailyShard(countedStore, scope, {
      runDate: "2026-02-03",
      batchSize: 20,
    });
    expect(report).toMatchObject({ pages: 2, cases: CASES, skipped: 0 });
    // Per page: readShard and saveDailyRun (each a transaction with its tenant setting), plus the
    // terms and scenarios of each client once for the whole shard.
    if (process.env.SHOW_PLANS) console.log("statements", client.statements);
    expect(client.statements).toBeLessThanOrEqual(30);
  });
});

describe("the list statements", () => {
  it("read each sort order from its index as one range, with no sort step", async () => {
    const { caseListStatement } = await import("../src/case-list.js");
    await db.exec("ANALYZE cases");
    for (const [sort, index] of [
      ["case-id", "cases_pkey"],
      ["next-action", "cases_by_next_action"],
      ["balance", "cases_by_balance"],
      ["last-contact", "cases_by_last_contact"],
    ] as const) {
      const first = caseListStatement("firm-1", undefined, { sort, limit: 10 });
      const rows = (await db.query(first.text, first.values)).rows as Record<string, unknown>[];
      const last = rows[9] as {
        case_id: string;
        next_action_date: string;
        balance: string;
        last_contact: string;
      };
      const value = {
        "case-id": undefined,
        "next-action": last.next_action_date,
        balance: last.balance,
        "last-contact": last.last_contact,
      }[sort];
      const after = JSON.stringify(value === undefined ? [last.case_id] : [value, last.case_id]);
      const next = caseListStatement("firm-1", undefined, { sort, limit: 10, after });
      const plan = await db.transaction(async (tx) => {
        await tx.query("SET LOCAL enable_seqscan = off");
        await tx.query("SET LOCAL enable_sort = off");
        return (await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${next.text}`, next.values)).rows
          .map((row) => row["QUERY PLAN"])
          .join("\n");
      });
      if (process.env.SHOW_PLANS) console.log(plan);
      expect(plan, sort).toContain(index);
      expect(plan, sort).not.toMatch(/\bSort\b/);
    }
  });
});
