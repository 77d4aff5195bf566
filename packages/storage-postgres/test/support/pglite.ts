import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

/** The data directory of a freshly initialised PGlite, loaded once per test file. */
let template: Promise<Blob> | undefined;

/**
 * Where the template is kept between test files and runs: a file in the temporary folder named
 * after the installed PGlite (its path holds its version), so another PGlite gets its own.
 */
function templateFile(): string {
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const key = createHash("sha256").update(pglite).digest("hex").slice(0, 16);
  return join(tmpdir(), `incasso-pglite-template-${key}.tar`);
}

/**
 * Loads the template from its file, or runs initdb once in a throw-away PGlite, dumps its data
 * directory as an uncompressed tarball and saves it (written aside, then renamed, so parallel
 * workers never read half a file).
 */
async function buildTemplate(): Promise<Blob> {
  const file = templateFile();
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // not there yet (or unreadable): build it
  }
  const db = await PGlite.create();
  try {
    const dump = await db.dumpDataDir("none");
    const aside = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(aside, Buffer.from(await dump.arrayBuffer()));
    await rename(aside, file);
    return dump;
  } finally {
    await db.close();
  }
}

/**
 * Creates an empty in-memory PGlite database (PostgreSQL 18 in WebAssembly), cloned from a template
 * data directory. The very first call on a machine pays for initdb (about 1.5 s on the CI machine)
 * and saves the template in the temporary folder; every other call loads it and takes about 0.2 s,
 * so a test file can afford a fresh database per test.
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
