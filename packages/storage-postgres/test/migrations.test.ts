import { readdirSync, readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Migration } from "../src/index.js";
import { MIGRATIONS, MigrationError, migrate } from "../src/index.js";
import { EMBEDDED_MIGRATIONS } from "../src/migrations.generated.js";
import { freshPglite } from "./support/pglite.js";
import { createTestDatabase } from "./support/server.js";
import { onServer } from "./support/server-suite.js";

const folder = new URL("../migrations/", import.meta.url);
/** Every shipped migration's version, and the latest. */
const ALL = MIGRATIONS.map((m) => m.version);
const LATEST = MIGRATIONS.length;

const TABLES = [
  "agenda_entries",
  "case_keys",
  "cases",
  "client_terms",
  "clients",
  "debtors",
  "events",
  "idempotency_keys",
  "import_batch_parts",
  "import_batches",
  "import_rows",
  "outbox",
  "scenarios",
];

describe("the migration files", () => {
  it("are embedded in the build exactly as they are in migrations/ (else run scripts/embed-migrations.mjs)", () => {
    const files = readdirSync(folder)
      .filter((name) => name.endsWith(".sql"))
      .sort();
    expect(EMBEDDED_MIGRATIONS.map((m) => m.file)).toEqual(files);
    for (const migration of EMBEDDED_MIGRATIONS) {
      expect(migration.sql, migration.file).toBe(
        readFileSync(new URL(migration.file, folder), "utf8"),
      );
    }
  });

  it("are numbered 1, 2, 3 … without gaps, each with a SHA-256 checksum", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const migration of MIGRATIONS) expect(migration.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("use no feature PostgreSQL 15 lacks (PGlite runs 18)", () => {
    const sql = MIGRATIONS.map((m) => m.sql).join("\n");
    for (const pg16plus of [
      /uuidv7\s*\(/i,
      /\bVIRTUAL\b/i,
      /JSON_TABLE/i,
      /MERGE\b[\s\S]*RETURNING/i,
    ])
      expect(sql).not.toMatch(pg16plus);
  });
});

describe("migrate on PGlite", () => {
  let db: PGlite;
  beforeEach(async () => {
    db = await freshPglite();
  });
  afterEach(async () => {
    await db.close();
  });

  it("creates every table with row-level security forced, and records the version and checksum", async () => {
    expect(await migrate(db)).toEqual({ applied: ALL, version: LATEST });
    const { rows } = await db.query<{ relname: string; forced: boolean; enabled: boolean }>(
      `SELECT relname, relrowsecurity AS enabled, relforcerowsecurity AS forced FROM pg_class
       WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> 'schema_migrations'
       ORDER BY relname`,
    );
    expect(rows.map((r) => r.relname)).toEqual(TABLES);
    expect(rows.every((r) => r.enabled && r.forced)).toBe(true);
    const recorded = await db.query("SELECT version, name, checksum FROM schema_migrations");
    expect(recorded.rows).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })),
    );
  });

  it("does nothing when run again", async () => {
    await migrate(db);
    expect(await migrate(db)).toEqual({ applied: [], version: LATEST });
    expect((await db.query("SELECT * FROM schema_migrations")).rows).toHaveLength(LATEST);
  });

  it("applies only the migrations that are new, in order", async () => {
    const [first] = MIGRATIONS as [Migration];
    const second = migration(2, "add_note", "CREATE TABLE notes (tenant_id text);");
    expect(await migrate(db, [first])).toEqual({ applied: [1], version: 1 });
    expect(await migrate(db, [second, first])).toEqual({ applied: [2], version: 2 });
    expect((await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'notes'")).rows).toHaveLength(
      1,
    );
  });

  it("refuses a migration changed after it was applied, and changes nothing", async () => {
    await migrate(db);
    const [first] = MIGRATIONS as [Migration];
    const edited = { ...first, sql: `${first.sql}\n-- edited`, checksum: "0".repeat(64) };
    const extra = migration(2, "more", "CREATE TABLE more_things (x int);");
    const error = await migrate(db, [edited, extra]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ version: 1, message: expect.stringMatching(/was changed/) });
    expect(
      (await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'more_things'")).rows,
    ).toEqual([]);
  });

  it("refuses a database migrated by a newer version of the package", async () => {
    await migrate(db);
    await db.query(
      "INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'future', 'x')",
    );
    await expect(migrate(db)).rejects.toMatchObject({ name: "MigrationError", version: 99 });
  });

  it("rolls everything back when a migration fails", async () => {
    const [first] = MIGRATIONS as [Migration];
    const broken = migration(2, "broken", "CREATE TABLE fine (x int); SELECT no_such_function();");
    await expect(migrate(db, [first, broken])).rejects.toThrow(/no_such_function/);
    expect(
      (await db.query("SELECT 1 FROM pg_tables WHERE tablename IN ('cases', 'fine')")).rows,
    ).toEqual([]);
    expect(await migrate(db)).toEqual({ applied: ALL, version: LATEST });
  });
});

describe.skipIf(!onServer("the migration tests"))("migrate on the PostgreSQL server", () => {
  it("lets two processes that start at once both succeed: one applies, the other finds it done", async () => {
    const db = await createTestDatabase();
    try {
      const { rows } = await db.pool.query<{ v: string }>(
        "SELECT current_setting('server_version_num') AS v",
      );
      // Two pools, as two processes would have.
      const other = new pg.Pool({ connectionString: db.url });
      const reports = await Promise.all([migrate(db.pool), migrate(other)]).finally(() =>
        other.end(),
      );
      expect(reports.map((r) => r.applied).sort()).toEqual([[], ALL]);
      expect(reports.map((r) => r.version)).toEqual([LATEST, LATEST]);
      const tables = await db.pool.query(
        "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      );
      expect(tables.rows).toHaveLength(TABLES.length);
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await db.dispose();
    }
  });
});

function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: `${version}`.padStart(64, "0") };
}
