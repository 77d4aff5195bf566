// The daily run's rate through the job queue: shards of the first N bulk-loaded cases of a
// benchmark database (made by packages/storage-postgres/bench/daily-run.ts `load`) enqueued as
// `daily-run-shard` jobs, and W worker processes (graphile-worker's runOnce, concurrency 1 each)
// emptying the queue. The queue runs as the database's superuser, the store as its ordinary role
// (row-level security applies, as in production). Bundle it with esbuild, then:
//
//   npx esbuild bench/queue-rate.ts --bundle --platform=node --format=esm \
//     --conditions=@incasso/source --external:pg --external:graphile-worker \
//     --outfile=node_modules/.bench/queue-rate.mjs
//   node node_modules/.bench/queue-rate.mjs DB.json CASES DATE [SHARDS] [WORKERS]
//
// Prints one JSON line: cases, shards, workers, the wall time from the first job taken to the
// queue empty, cases per second, the time 1,000,000 cases would take at that rate, each worker's
// peak resident memory, and the load average.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createPostgresStore } from "@incasso/storage-postgres";
import { Logger, makeWorkerUtils, runOnce } from "graphile-worker";
import pg from "pg";
import { DAILY_RUN_TASK, dailyJobKey, dailyRunTasks } from "../src/daily-run-queue.js";

interface Saved {
  readonly adminUrl: string;
  readonly appUrl: string;
}

const quiet = new Logger(() => (level, message) => {
  if (String(level) === "error") console.error(`graphile-worker: ${message}`);
});

const [file, second, third, fourth, fifth] = process.argv.slice(2);
const saved = JSON.parse(readFileSync(file ?? "", "utf8")) as Saved;

if (second === "--worker") {
  // One worker process: takes jobs until the queue is empty, then reports its peak memory.
  const queue = new pg.Pool({ connectionString: saved.adminUrl, max: 3 });
  const app = new pg.Pool({ connectionString: saved.appUrl, max: 3 });
  for (const pool of [queue, app]) {
    pool.on("error", (error) => console.error(`idle connection failed: ${error.message}`));
    pool.on("connect", (client) =>
      client.on("error", (error) => console.error(`connection failed: ${error.message}`)),
    );
  }
  const store = createPostgresStore({ client: app });
  let cases = 0;
  await runOnce({
    pgPool: queue,
    concurrency: 1,
    logger: quiet,
    taskList: dailyRunTasks(store, {
      onShardDone: (_payload, report) => {
        cases += report.cases;
      },
    }),
  });
  await Promise.all([queue.end(), app.end()]);
  console.log(
    JSON.stringify({ cases, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }),
  );
} else {
  const cases = Number(second ?? 100_000);
  const runDate = third ?? "2026-03-01";
  const shards = Number(fourth ?? 20);
  const workers = Number(fifth ?? 2);
  const admin = new pg.Pool({ connectionString: saved.adminUrl, max: 2 });
  admin.on("error", (error) => console.error(`idle connection failed: ${error.message}`));
  admin.on("connect", (client) =>
    client.on("error", (error) => console.error(`connection failed: ${error.message}`)),
  );
  const utils = await makeWorkerUtils({ pgPool: admin, logger: quiet });
  await utils.migrate();
  const id = (i: number) => `c-${String(i).padStart(7, "0")}`;
  for (let shard = 0; shard < shards; shard++) {
    await utils.addJob(
      DAILY_RUN_TASK,
      {
        tenantId: "bulk",
        runDate,
        shard,
        shards,
        caseIdFrom: id(Math.floor((shard * cases) / shards)),
        caseIdTo: id(Math.floor(((shard + 1) * cases) / shards)),
      },
      { jobKey: dailyJobKey("bulk", runDate, shard), jobKeyMode: "replace", maxAttempts: 1 },
    );
  }
  await utils.release();
  await admin.end();
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const self = fileURLToPath(import.meta.url);
  const reports = await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<{ cases: number; maxRssMiB: number }>((resolve, reject) => {
          const child = spawn(process.execPath, [self, file ?? "", "--worker"], {
            stdio: ["ignore", "pipe", "inherit"],
          });
          let out = "";
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
          });
          child.on("exit", (code) =>
            code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}`)),
          );
        }),
    ),
  );
  const ms = performance.now() - started;
  const done = reports.reduce((n, report) => n + report.cases, 0);
  const rate = (done / ms) * 1000;
  console.log(
    JSON.stringify({
      cases: done,
      shards,
      workers,
      ms: Math.round(ms),
      casesPerSecond: Math.round(rate),
      millionCasesSeconds: Math.round(1_000_000 / rate),
      workerMaxRssMiB: reports.map((report) => report.maxRssMiB),
      loadAverage: [load, loadavg()[0] ?? 0].map((value) => Number(value.toFixed(2))),
    }),
  );
}
