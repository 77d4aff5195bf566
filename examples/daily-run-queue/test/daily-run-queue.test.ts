// The example end to end on a real PostgreSQL server: 200 cases of the testkit, the daily run
// enqueued as shard jobs, two graphile-worker runners (two pools: two machines) emptying the
// queue, and the result compared with one direct runDailyShard over all the cases of an
// identical tenant. Skipped, loudly, without DATABASE_URL.
import { randomBytes } from "node:crypto";
import type { AgendaRecord, CaseRow, CaseStore, DailyRunReport, StoreScope } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { reminderScenario, sampleCase } from "@incasso/testkit";
import type { WorkerUtils } from "graphile-worker";
import { Logger, makeWorkerUtils, run } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DailyRunShardPayload } from "../src/daily-run-queue.js";
import {
  DAILY_RUN_TASK,
  dailyJobKey,
  dailyRunTasks,
  enqueueDailyRun,
} from "../src/daily-run-queue.js";

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === "") {
  console.warn(
    "\n*** DATABASE_URL is not set: the daily-run-queue example test is SKIPPED (it needs a real PostgreSQL server). ***\n",
  );
}

const RUN_DATE = "2026-01-31";
const CASES = 200;
const SHARDS = 8;
const QUEUED = { tenantId: "firm-q" };
const DIRECT = { tenantId: "firm-d" };

/** graphile-worker's log, errors only (its info lines would drown the test output). */
const quiet = new Logger(() => (level, message) => {
  if (String(level) === "error") console.error(`graphile-worker: ${message}`);
});

/** A pool that reports a broken idle connection instead of crashing the process. */
function newPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", (error) => console.error(`idle connection failed: ${error.message}`));
  pool.on("connect", (client) =>
    client.on("error", (error) => console.error(`connection failed: ${error.message}`)),
  );
  return pool;
}

async function once(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Two clients with terms and the testkit's reminder scenario, and 200 of the testkit's cases. */
async function seed(store: CaseStore, scope: StoreScope): Promise<void> {
  for (const client of ["acme", "beta"]) {
    await store.putClient(scope, { id: client, name: `${client} NV` });
    await store.putTerms(scope, client, { defaultScenario: "be-reminders" });
    await store.putScenario(scope, client, reminderScenario());
  }
  for (let start = 0; start < CASES; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, CASES - start) }, (_, k) => {
        const i = start + k;
        return store.append(scope, {
          caseId: `C-${String(i).padStart(4, "0")}`,
          expectedVersion: 0,
          events: sampleCase(i, { client: i % 3 === 0 ? "beta" : "acme" }),
          asOf: "2025-12-31",
        });
      }),
    );
  }
}

/** Every agenda entry of the run date and every case row of a tenant, in their list orders. */
async function snapshot(store: CaseStore, scope: StoreScope) {
  const agenda: AgendaRecord[] = [];
  const rows: CaseRow[] = [];
  let after: string | null = null;
  do {
    const page = await store.listAgenda(scope, {
      runDate: RUN_DATE,
      limit: 1000,
      ...(after === null ? {} : { after }),
    });
    agenda.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  do {
    const page = await store.listCases(scope, {
      limit: 1000,
      ...(after === null ? {} : { after }),
    });
    rows.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  return { agenda, rows };
}

interface ShardDone {
  readonly runner: string;
  readonly payload: DailyRunShardPayload;
  readonly report: DailyRunReport;
}

describe.skipIf(serverUrl === undefined || serverUrl === "")(
  "the daily run as graphile-worker jobs",
  () => {
    const name = `incasso_example_${randomBytes(6).toString("hex")}`;
    let url: string;
    let pool: pg.Pool;
    let store: CaseStore;
    let utils: WorkerUtils;

    beforeAll(async () => {
      // A fresh database per run: graphile-worker installs its own schema in it.
      await once(serverUrl ?? "", `CREATE DATABASE "${name}"`);
      const databaseUrl = new URL(serverUrl ?? "");
      databaseUrl.pathname = `/${name}`;
      url = databaseUrl.toString();
      pool = newPool(url, 10);
      await migrate(pool);
      utils = await makeWorkerUtils({ pgPool: pool, logger: quiet });
      await utils.migrate();
      store = createPostgresStore({ client: pool });
      await Promise.all([seed(store, QUEUED), seed(store, DIRECT)]);
    });

    afterAll(async () => {
      await utils?.release();
      await pool?.end();
      await once(serverUrl ?? "", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });

    const enqueue = () =>
      enqueueDailyRun(utils, pool, {
        tenantId: QUEUED.tenantId,
        runDate: RUN_DATE,
        shards: SHARDS,
      });

    /** The daily-run jobs still in the queue, by key. */
    const queued = async () =>
      (
        await pool.query<{ key: string; last_error: string | null }>(
          "SELECT key, last_error FROM graphile_worker.jobs WHERE task_identifier = $1 ORDER BY key",
          [DAILY_RUN_TASK],
        )
      ).rows;

    /** Two runners (each its own pool, as on two machines), stopped once the queue is empty. */
    async function runWorkersUntilEmpty(): Promise<ShardDone[]> {
      const done: ShardDone[] = [];
      const pools = [0, 1].map(() => newPool(url, 6));
      const runners = await Promise.all(
        pools.map((runnerPool, index) =>
          run({
            pgPool: runnerPool,
            concurrency: 2,
            noHandleSignals: true,
            pollInterval: 100,
            logger: quiet,
            parsedCronItems: [],
            taskList: dailyRunTasks(createPostgresStore({ client: runnerPool }), {
              onShardDone: (payload, report) =>
                done.push({ runner: `runner-${index + 1}`, payload, report }),
            }),
          }),
        ),
      );
      try {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const jobs = await queued();
          const failed = jobs.find((job) => job.last_error !== null);
          if (failed !== undefined) throw new Error(`${failed.key} failed: ${failed.last_error}`);
          if (jobs.length === 0) break;
          if (Date.now() > deadline) throw new Error(`jobs left: ${jobs.map((job) => job.key)}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await Promise.all(runners.map((runner) => runner.stop()));
        await Promise.all(pools.map((runnerPool) => runnerPool.end()));
      }
      return done;
    }

    test("enqueueing a day twice queues each shard once, under daily:<tenant>:<date>:<shard>", async () => {
      const first = await enqueue();
      const again = await enqueue();
      expect(first).toHaveLength(SHARDS);
      expect(again).toEqual(first);
      expect((await queued()).map((job) => job.key)).toEqual(
        first.map((payload) => `daily:firm-q:${RUN_DATE}:${payload.shard}`).sort(),
      );
      expect(dailyJobKey("firm-q", RUN_DATE, 3)).toBe(`daily:firm-q:${RUN_DATE}:3`);
      // The shards cover every case id once: open at both ends, each starting where the last ended.
      expect(first[0]?.caseIdFrom).toBeUndefined();
      expect(first.at(-1)?.caseIdTo).toBeUndefined();
      for (let k = 1; k < first.length; k++) {
        expect(first[k]?.caseIdFrom).toBe(first[k - 1]?.caseIdTo);
      }
    });

    test("two runners empty the queue, and the agenda equals one direct runDailyShard over all cases", async () => {
      const done = await runWorkersUntilEmpty();
      expect(done.map((item) => item.payload.shard).sort((a, b) => a - b)).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7,
      ]);
      expect(done.reduce((n, item) => n + item.report.cases, 0)).toBe(CASES);
      const perRunner = new Map<string, number>();
      for (const item of done) perRunner.set(item.runner, (perRunner.get(item.runner) ?? 0) + 1);
      console.info(
        `shards per runner: ${[...perRunner].map(([runner, n]) => `${runner} ${n}`).join(", ")}`,
      );

      const direct = await runDailyShard(store, DIRECT, { runDate: RUN_DATE });
      expect(direct.cases).toBe(CASES);
      const viaJobs = await snapshot(store, QUEUED);
      const viaDirect = await snapshot(store, DIRECT);
      expect(viaJobs.agenda.length).toBeGreaterThan(0);
      expect(viaJobs.agenda).toHaveLength(direct.entries);
      expect(viaJobs).toEqual(viaDirect);
      expect(viaJobs.rows.every((row) => row.asOf === RUN_DATE)).toBe(true);
    });

    test("running the day's jobs again changes nothing", async () => {
      const before = await snapshot(store, QUEUED);
      await enqueue();
      const done = await runWorkersUntilEmpty();
      expect(done).toHaveLength(SHARDS);
      expect(done.reduce((n, item) => n + item.report.skipped, 0)).toBe(0);
      expect(await snapshot(store, QUEUED)).toEqual(before);
    });
  },
);
