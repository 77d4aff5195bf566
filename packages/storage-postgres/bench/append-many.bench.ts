// Benchmark of appendMany: opening many new cases (the testkit's sample cases, 4 to 6 events each,
// with an idempotency key each, as an import writes them) through `appendMany` in calls of 250,
// one call at a time and two at once, against `append` with 4 at once (what an import did before)
// on the same cases in the same run; and `append` against a plain COPY of the same event rows into
// a bare table. The store connects as an ordinary role, so row-level security applies as in
// production; every run opens its cases in a tenant of its own.
//
// Run: DATABASE_URL=postgres://… pnpm --filter @incasso/storage-postgres bench:append-many
// (about two minutes on 2 cores; BENCH_APPEND_CASES=2000 for a quick try).
import { cpus, loadavg } from "node:os";
import type { AppendRequest, StoreScope } from "@incasso/core";
import { sampleCase } from "@incasso/testkit";
import { expect, test } from "vitest";
import { createPostgresStore, migrate } from "../src/index.js";
import { RUN_DATE, setupTenant } from "./bulk.js";
import type { Result } from "./support.js";
import {
  copyLines,
  copyText,
  createBenchDatabase,
  inParallel,
  markdownTable,
  ratio,
  timed,
} from "./support.js";

const CASES = Number(process.env.BENCH_APPEND_CASES ?? 5_000);
const CALL = 250;
const RUNS = 3;
const url = process.env.DATABASE_URL;

const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const requestsOf = (prefix: string): AppendRequest[] =>
  Array.from({ length: CASES }, (_, i) => ({
    caseId: `${prefix}-${String(i).padStart(6, "0")}`,
    expectedVersion: 0,
    events: sampleCase(i, { client: "acme" }),
    idempotencyKey: `${prefix}-key-${i}`,
    asOf: RUN_DATE,
  }));

test.skipIf(url === undefined || url === "")("appendMany: benchmark", async () => {
  const db = await createBenchDatabase(url ?? "", 4);
  const results: Result[] = [];
  const load = loadavg()[0]?.toFixed(2);
  try {
    await migrate(db.admin);
    await db.grantApp();
    await db.admin.query(
      `CREATE TABLE scratch_events (tenant_id text, case_id text, version integer, type text,
         at date, recorded_at timestamptz, body jsonb, PRIMARY KEY (tenant_id, case_id, version))`,
    );
    const store = createPostgresStore({ client: db.app });
    const times = {
      append: [] as number[],
      many: [] as number[],
      many2: [] as number[],
      copy: [] as number[],
    };
    const opened = async (scope: StoreScope, requests: AppendRequest[]) => {
      const rows = await store.listCases(scope, { limit: 1 });
      expect(rows.items).toHaveLength(1);
      const { rows: counted } = await db.admin.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM cases WHERE tenant_id = $1",
        [scope.tenantId],
      );
      expect(counted[0]?.n).toBe(requests.length);
    };
    for (let run = 0; run < RUNS; run++) {
      const single = await setupTenant(store, `append-${run}`);
      const singles = requestsOf(`a${run}`);
      times.append.push(
        await timed(() =>
          inParallel(4, singles.length, (i) => store.append(single, singles[i] as AppendRequest)),
        ),
      );
      await opened(single, singles);

      const many = await setupTenant(store, `many-${run}`);
      const requests = requestsOf(`m${run}`);
      times.many.push(
        await timed(async () => {
          for (let start = 0; start < requests.length; start += CALL) {
            const outcomes = await store.appendMany(many, requests.slice(start, start + CALL));
            expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
          }
        }),
      );
      await opened(many, requests);

      const two = await setupTenant(store, `many2-${run}`);
      const twos = requestsOf(`t${run}`);
      times.many2.push(
        await timed(() =>
          inParallel(2, Math.ceil(twos.length / CALL), async (call) => {
            const outcomes = await store.appendMany(
              two,
              twos.slice(call * CALL, (call + 1) * CALL),
            );
            expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
          }),
        ),
      );
      await opened(two, twos);

      // The baseline: the same event rows as the store wrote them, copied into a bare table.
      const { rows: events } = await db.admin.query<{ line: string }>(
        `SELECT concat_ws(E'\\t', tenant_id, case_id, version, type, at, recorded_at, body) AS line
         FROM events WHERE tenant_id = $1 ORDER BY case_id, version`,
        [`append-${run}`],
      );
      await db.admin.query("TRUNCATE scratch_events");
      times.copy.push(
        await timed(() =>
          copyLines(
            db.admin,
            "scratch_events",
            events.map((row) => `${row.line.split("\t").map(copyText).join("\t")}\n`),
          ),
        ),
      );
    }
    const n = CASES.toLocaleString("en-US");
    const rate = (ms: number) => (CASES * 1000) / ms;
    results.push(
      {
        section: "1",
        measure: `open ${n} cases with appendMany, calls of ${CALL}, one at a time`,
        store: rate(middle(times.many)),
        baseline: rate(middle(times.append)),
        unit: "/s",
        baselineName: "append, 4 at once",
      },
      {
        section: "2",
        measure: `open ${n} cases with appendMany, calls of ${CALL}, 2 at once`,
        store: rate(middle(times.many2)),
        baseline: rate(middle(times.append)),
        unit: "/s",
        baselineName: "append, 4 at once",
      },
      {
        section: "3",
        measure: `open ${n} cases with append, 4 at once`,
        store: rate(middle(times.append)),
        baseline: rate(middle(times.copy)),
        unit: "/s",
        baselineName: "COPY of their event rows",
      },
      {
        section: "4",
        measure: `open ${n} cases with appendMany, calls of ${CALL}, one at a time`,
        store: rate(middle(times.many)),
        baseline: rate(middle(times.copy)),
        unit: "/s",
        baselineName: "COPY of their event rows",
      },
    );
    for (const result of results) expect(ratio(result)).toBeGreaterThan(0);
  } finally {
    await db.dispose();
  }
  console.log(
    `\n${markdownTable(results)}\n\nCases per second, median of ${RUNS} runs each; cost × below 1 is faster than the baseline. ${cpus().length} cores, load average ${load} at the start, ${loadavg()[0]?.toFixed(2)} at the end; Node ${process.version}.\n`,
  );
});
