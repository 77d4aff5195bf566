import { describe, expect, test } from "vitest";
import { freshPglite } from "./support/pglite.js";
import { createTestDatabase, serverUrl } from "./support/server.js";

describe("test support", () => {
  test("freshPglite gives independent, empty databases", async () => {
    const a = await freshPglite();
    const b = await freshPglite();
    try {
      const { rows } = await a.query<{ version: string }>("select version()");
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
      await a.exec("create table t (x int); insert into t values (1)");
      const tables = await b.query("select 1 from pg_tables where tablename = 't'");
      expect(tables.rows).toHaveLength(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test.skipIf(serverUrl() === undefined)(
    "createTestDatabase creates a database of its own on the server and drops it",
    async () => {
      const db = await createTestDatabase();
      const { rows } = await db.pool.query<{ version: string; db: string }>(
        "select version(), current_database() as db",
      );
      await db.dispose();
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
      expect(rows[0]?.db).toBe(db.name);
      const other = await createTestDatabase();
      const left = await other.pool.query("select 1 from pg_database where datname = $1", [
        db.name,
      ]);
      await other.dispose();
      expect(left.rows).toHaveLength(0);
    },
  );
});
