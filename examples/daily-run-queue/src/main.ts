// The example's command line (after `pnpm --filter @incasso/example-daily-run-queue build`):
//   node dist/main.js migrate                                   the store's tables and graphile-worker's schema
//   node dist/main.js enqueue --tenant firm-1 --date 2026-01-31 [--shards 64]
//   node dist/main.js worker [--concurrency 4]                  run on as many machines as you like
// Every command reads DATABASE_URL.
import { parseArgs } from "node:util";
import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { makeWorkerUtils, run } from "graphile-worker";
import pg from "pg";
import { dailyRunTasks, enqueueDailyRun } from "./daily-run-queue.js";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    tenant: { type: "string" },
    date: { type: "string" },
    shards: { type: "string", default: "16" },
    concurrency: { type: "string", default: "4" },
  },
});

const connectionString = process.env.DATABASE_URL;
if (connectionString === undefined || connectionString === "") {
  console.error("Set DATABASE_URL to the PostgreSQL database of the store and the queue.");
  process.exit(2);
}
const pool = new pg.Pool({ connectionString, max: Number(values.concurrency) + 4 });
// A connection that breaks while idle is dropped from the pool; without a handler it would crash.
pool.on("error", (error) => console.error(`idle database connection failed: ${error.message}`));
pool.on("connect", (client) =>
  client.on("error", (error) => console.error(`database connection failed: ${error.message}`)),
);

try {
  switch (positionals[0]) {
    case "migrate": {
      await migrate(pool);
      const utils = await makeWorkerUtils({ pgPool: pool });
      await utils.migrate();
      await utils.release();
      console.log("migrated the store and graphile-worker");
      break;
    }
    case "enqueue": {
      if (values.tenant === undefined || values.date === undefined) {
        throw new Error("enqueue needs --tenant and --date");
      }
      const utils = await makeWorkerUtils({ pgPool: pool });
      try {
        const jobs = await enqueueDailyRun(utils, pool, {
          tenantId: values.tenant,
          runDate: values.date,
          shards: Number(values.shards),
        });
        console.log(`enqueued ${jobs.length} shards of ${values.tenant} for ${values.date}`);
      } finally {
        await utils.release();
      }
      break;
    }
    case "worker": {
      const store = createPostgresStore({ client: pool });
      // graphile-worker handles SIGINT/SIGTERM: it stops taking jobs and lets running ones finish.
      const runner = await run({
        pgPool: pool,
        concurrency: Number(values.concurrency),
        taskList: dailyRunTasks(store),
        parsedCronItems: [],
      });
      await runner.promise;
      break;
    }
    default:
      throw new Error("usage: main.js migrate | enqueue --tenant T --date D [--shards N] | worker");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await pool.end();
}
