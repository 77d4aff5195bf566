import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../packages/storage-postgres/test/support/server.js";
import { createTestDatabase } from "../../../packages/storage-postgres/test/support/server.js";
import { startQueueWorker, TASKS } from "../src/jobs/queue.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

// The server on the PostgreSQL server of DATABASE_URL, in a fresh database of its own.
let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ databaseUrl: database.url });
});
afterAll(async () => {
  await server?.close();
  await database?.dispose();
});

describe("the server on PostgreSQL", () => {
  it("migrates the store and its own tables at start, seeds the demo and serves a signed-in user", async () => {
    const migrations = await database.pool.query<{ version: number }>(
      "SELECT version FROM server_schema_migrations ORDER BY version",
    );
    expect(migrations.rows.map((row) => row.version)).toEqual([1, 2]);
    const store = await database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM schema_migrations",
    );
    expect(store.rows[0]?.n).toBeGreaterThan(0);
    const me = await server.request("/api/me", {}, "clerk");
    expect(me.status).toBe(200);
    expect(server.services.embedded).toBe(false);
  });

  it("row-level security keeps an ordinary role to the tenant of its transaction on the server's tables", async () => {
    const role = `incasso_app_${randomBytes(6).toString("hex")}`;
    await database.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app'`);
    await database.pool.query(`GRANT SELECT ON users, sessions, audit_log, daily_runs TO ${role}`);
    const url = new URL(database.url);
    url.username = role;
    url.password = "app";
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      expect((await client.query("SELECT count(*)::int AS n FROM users")).rows[0]?.n).toBe(0);
      await client.query("BEGIN");
      await client.query("SELECT set_config('incasso.tenant_id', 'nl-devries', true)");
      const tenants = await client.query<{ tenant_id: string }>(
        "SELECT DISTINCT tenant_id FROM users",
      );
      await client.query("COMMIT");
      expect(tenants.rows).toEqual([{ tenant_id: "nl-devries" }]);
    } finally {
      await client.end();
      await database.pool.query(`DROP OWNED BY ${role}`);
      await database.pool.query(`DROP ROLE ${role}`);
    }
  });

  it("graphile-worker runs each firm's daily work in shards at start and records the day", async () => {
    const runDate = server.services.today().toString();
    await database.pool.query("DELETE FROM daily_runs");
    const pool = server.services.pool;
    if (pool === null) throw new Error("expected a pool on PostgreSQL");
    const runner = await startQueueWorker(server.services, pool, { concurrency: 2, quiet: true });
    try {
      let days: { tenant_id: string }[] = [];
      for (let wait = 0; wait < 120 && days.length < 2; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        days = (
          await database.pool.query<{ tenant_id: string }>(
            "SELECT tenant_id FROM daily_runs WHERE run_date = $1 ORDER BY tenant_id",
            [runDate],
          )
        ).rows;
      }
      expect(days.map((day) => day.tenant_id)).toEqual(["be-peeters", "nl-devries"]);
      const shards = await database.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1",
        [TASKS.shard],
      );
      expect(shards.rows[0]?.n).toBe(0);
    } finally {
      await runner.stop();
    }
    const agenda = await server.services.store.listAgenda({ tenantId: "be-peeters" }, { runDate });
    expect(agenda.items.length).toBeGreaterThan(0);
  });
});
