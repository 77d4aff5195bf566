import { PGlite } from "@electric-sql/pglite";

/** The data directory of a freshly initialised PGlite, dumped once per process (worker). */
let template: Promise<Blob> | undefined;

/** Runs initdb once in a throw-away PGlite and dumps its data directory as an uncompressed tarball. */
async function buildTemplate(): Promise<Blob> {
  const db = await PGlite.create();
  try {
    return await db.dumpDataDir("none");
  } finally {
    await db.close();
  }
}

/**
 * Creates an empty in-memory PGlite database (PostgreSQL 18 in WebAssembly), cloned from a template
 * data directory. The first call in a process pays for initdb (about 1.5 s on the CI machine); later
 * calls load the template and take about 0.2 s, so a test file can afford a fresh database per test.
 *
 * PGlite runs PostgreSQL 18 while the production server is 15: keep the SQL PG15-compatible; CI runs
 * the same suites against a real PostgreSQL 15 (see `server.ts`).
 *
 * @returns A new, independent database; close it with `db.close()` when done.
 *
 * @example
 * ```ts
 * import { afterEach, beforeEach, expect, test } from "vitest";
 * import type { PGlite } from "@electric-sql/pglite";
 * import { freshPglite } from "./support/pglite.js";
 *
 * let db: PGlite;
 * beforeEach(async () => { db = await freshPglite(); });
 * afterEach(async () => { await db.close(); });
 *
 * test("runs SQL", async () => {
 *   const { rows } = await db.query<{ one: number }>("select 1 as one");
 *   expect(rows[0]?.one).toBe(1);
 * });
 * ```
 */
export async function freshPglite(): Promise<PGlite> {
  template ??= buildTemplate().catch((error: unknown) => {
    template = undefined; // let the next call retry instead of failing forever
    throw error;
  });
  return PGlite.create({ loadDataDir: await template });
}
