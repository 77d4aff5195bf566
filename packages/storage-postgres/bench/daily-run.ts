// The daily run on its own, for profiling and for memory: a database of bulk-loaded cases that
// stays between runs, and runs of the core's runDailyShard over the first N of its cases against
// a plain SELECT of the same events, each in a process of its own so its peak memory is its own.
// Bundle it with esbuild (the workspace's sources, not a stale build), then:
//
//   npx esbuild bench/daily-run.ts --bundle --platform=node --format=esm \
//     --conditions=@incasso/source --external:pg --external:pg-copy-streams \
//     --outfile=node_modules/.bench/daily-run.mjs
//   node node_modules/.bench/daily-run.mjs load 1000000 > db.json      # keeps the database, prints its URLs
//   node node_modules/.bench/daily-run.mjs run db.json 100000 2026-02-01  # one run, one JSON line of figures
//   node --cpu-prof node_modules/.bench/daily-run.mjs run db.json 100000 2026-02-02
//   node node_modules/.bench/daily-run.mjs appends db.json a1    # 1,000 single appends vs INSERTs
//   node node_modules/.bench/daily-run.mjs drop db.json
//
// A run's line: the run's time, the CPU time of the Node process during the run, the median of 3 plain SELECTs of the same events (as the
// superuser, after the run), their ratio, readShard's and saveDailyRun's shares, the process's
// peak resident memory (maxRSS) and the load average. BENCH_PROFILE=1 also prints the time spent
// per SQL statement. Every run date must be new to the database
// or later than the last, as in production (a rerun of a date takes the rerun path).
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { CaseStore } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import { noteAdded } from "@incasso/testkit";
import pg from "pg";
import { createPostgresStore, migrate } from "../src/index.js";
import type { EventRow } from "./bulk.js";
import {
  bulkCaseId,
  EVENT_COLUMNS,
  loadBulk,
  openCases,
  RUN_DATE,
  setupTenant,
  templates,
} from "./bulk.js";
import type { StatementProfile } from "./support.js";
import { createBenchDatabase, profiledPool, profileLines, timed } from "./support.js";

const [command, ...args] = process.argv.slice(2);

interface Saved {
  readonly name: string;
  readonly adminUrl: string;
  readonly appUrl: string;
  readonly cases: number;
}

const url = process.env.DATABASE_URL;
if (url === undefined || url === "") throw new Error("DATABASE_URL is not set");

if (command === "load") {
  const cases = Number(args[0] ?? 100_000);
  const db = await createBenchDatabase(url, 4);
  await migrate(db.admin);
  await db.grantApp();
  const store = createPostgresStore({ client: db.app });
  const loaded = await loadBulk(db, store, await templates(db, store), cases);
  await Promise.all([db.admin.end(), db.app.end()]);
  const saved: Saved = { name: db.name, adminUrl: db.adminUrl, appUrl: db.appUrl, cases };
  console.error(
    `loaded ${loaded.cases} cases, ${loaded.events} events in ${(loaded.ms / 1000).toFixed(1)} s`,
  );
  console.log(JSON.stringify(saved));
} else if (command === "run") {
  const saved = JSON.parse(readFileSync(args[0] ?? "", "utf8")) as Saved;
  const cases = Number(args[1] ?? 100_000);
  const runDate = args[2] ?? "2026-02-01";
  const shards = Number(args[3] ?? 4);
  const app = new pg.Pool({ connectionString: saved.appUrl, max: 4 });
  const admin = new pg.Pool({ connectionString: saved.adminUrl, max: 2 });
  const profile: StatementProfile = new Map();
  const store = createPostgresStore({
    client: process.env.BENCH_PROFILE ? profiledPool(app, profile) : app,
  });
  const io = { readShard: 0, saveDailyRun: 0 };
  const timedStore: CaseStore = {
    ...store,
    async readShard(...call) {
      const started = performance.now();
      const page = await store.readShard(...call);
      io.readShard += performance.now() - started;
      return page;
    },
    async saveDailyRun(...call) {
      const started = performance.now();
      const result = await store.saveDailyRun(...call);
      io.saveDailyRun += performance.now() - started;
      return result;
    },
  };
  const bounds = Array.from({ length: shards + 1 }, (_, k) =>
    bulkCaseId(Math.floor((k * cases) / shards)),
  );
  const load = loadavg()[0] ?? 0;
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  let entries = 0;
  let skipped = 0;
  for (let k = 0; k < shards; k++) {
    const report = await runDailyShard(
      timedStore,
      { tenantId: "bulk" },
      { runDate, caseIdFrom: bounds[k] ?? "", caseIdTo: bounds[k + 1] ?? "", batchSize: 500 },
    );
    entries += report.entries;
    skipped += report.skipped;
  }
  const runMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const plain = () =>
    admin.query(
      `SELECT case_id, version, body FROM events
       WHERE tenant_id = 'bulk' AND case_id >= $1 AND case_id < $2 ORDER BY case_id, version`,
      [bounds[0], bounds[shards]],
    );
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const at = performance.now();
    await plain();
    times.push(performance.now() - at);
  }
  times.sort((a, b) => a - b);
  const selectMs = times[1] ?? Number.NaN;
  await Promise.all([app.end(), admin.end()]);
  if (profile.size > 0) console.error(profileLines(profile).join("\n"));
  const share = (ms: number) => Math.round((100 * ms) / runMs);
  console.log(
    JSON.stringify({
      cases,
      runDate,
      entries,
      skipped,
      runMs: Math.round(runMs),
      selectMs: Math.round(selectMs),
      ratio: Number((runMs / selectMs).toFixed(2)),
      casesPerSecond: Math.round((cases / runMs) * 1000),
      nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      readShardPct: share(io.readShard),
      saveDailyRunPct: share(io.saveDailyRun),
      maxRssMiB: Math.round(maxRssMiB),
      loadAverage: [load, loadavg()[0] ?? 0].map((value) => Number(value.toFixed(2))),
    }),
  );
} else if (command === "appends") {
  // Appends through the store against plain INSERTs of the very rows it wrote, in one process.
  const saved = JSON.parse(readFileSync(args[0] ?? "", "utf8")) as Saved;
  const prefix = args[1] ?? "a";
  const app = new pg.Pool({ connectionString: saved.appUrl, max: 4 });
  const admin = new pg.Pool({ connectionString: saved.adminUrl, max: 2 });
  const profile: StatementProfile = new Map();
  const store = createPostgresStore({
    client: process.env.BENCH_PROFILE ? profiledPool(app, profile) : app,
  });
  const scope = { tenantId: "bench" };
  if ((await store.getClient(scope, "acme")) === null) await setupTenant(store, "bench");
  const load = loadavg()[0] ?? 0;
  const cases = await openCases(store, scope, prefix, 200);
  const note = (version: number) => noteAdded(`bn-${version}`, "2026-01-15", "Called the debtor");
  const cpuAtStart = process.cpuUsage();
  const storeMs = await timed(async () => {
    for (let round = 0; round < 5; round++) {
      for (const [caseId, version] of cases) {
        await store.append(scope, {
          caseId,
          expectedVersion: version,
          events: [note(version + 1)],
          asOf: RUN_DATE,
        });
        cases.set(caseId, version + 1);
      }
    }
  });
  const cpu = process.cpuUsage(cpuAtStart);
  if (profile.size > 0) console.error(profileLines(profile).join("\n"));
  const { rows } = await admin.query<EventRow>(
    `SELECT case_id, version, type, at::text AS at, recorded_at::text AS recorded_at,
       body::text AS body
     FROM events WHERE tenant_id = 'bench' AND case_id LIKE $1 AND body->>'id' LIKE 'bn-%'
     ORDER BY version, case_id`,
    [`${prefix}-%`],
  );
  if (rows.length !== 1000) throw new Error(`expected 1000 appended rows, found ${rows.length}`);
  await admin.query(
    "CREATE TABLE IF NOT EXISTS scratch_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)",
  );
  await admin.query("TRUNCATE scratch_events");
  const baselineMs = await timed(async () => {
    for (const row of rows) {
      await admin.query(
        `INSERT INTO scratch_events (${EVENT_COLUMNS}) VALUES ('bench', $1, $2, $3, $4, $5, $6)`,
        [row.case_id, row.version, row.type, row.at, row.recorded_at, row.body],
      );
    }
  });
  await Promise.all([app.end(), admin.end()]);
  console.log(
    JSON.stringify({
      appends: 1000,
      storePerSecond: Math.round(1_000_000 / storeMs),
      insertPerSecond: Math.round(1_000_000 / baselineMs),
      ratio: Number((storeMs / baselineMs).toFixed(2)),
      nodeCpuMsPerAppend: Number(((cpu.user + cpu.system) / 1000 / 1000).toFixed(3)),
      loadAverage: [load, loadavg()[0] ?? 0].map((value) => Number(value.toFixed(2))),
    }),
  );
} else if (command === "drop") {
  const saved = JSON.parse(readFileSync(args[0] ?? "", "utf8")) as Saved;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${saved.name}" WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS "${saved.name}"`);
  await admin.end();
} else {
  throw new Error(
    "usage: daily-run.mjs load N | run DB.json N DATE [SHARDS] | appends DB.json PREFIX | drop DB.json",
  );
}
