// The server's rates file: the rates published after the built-in tables (the core's rates-file
// format, `incasso rates --rates`), kept at `<data dir>/rates.json` for every firm of the server.
// An upload is validated with the core's schema and resolved against the built-in tables before
// it replaces the current file, so a bad file never takes effect.
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RateTable } from "@incasso/core";
import { builtInRateTables, IncassoError, parseRatesFile, resolveRateTables } from "@incasso/core";

/**
 * Where the rates file lives in a data directory.
 *
 * @example
 * ```ts
 * ratesFilePath("/srv/incasso"); // "/srv/incasso/rates.json"
 * ```
 */
export const ratesFilePath = (dataDir: string): string => join(dataDir, "rates.json");

/**
 * The current rates file's text, or null when none was uploaded (the built-in tables apply).
 *
 * @example
 * ```ts
 * const text = await readRatesFileText("/srv/incasso");
 * ```
 */
export async function readRatesFileText(dataDir: string): Promise<string | null> {
  try {
    return await readFile(ratesFilePath(dataDir), "utf8");
  } catch {
    return null;
  }
}

/**
 * The rate tables in force on the server: the built-in tables, extended by the rates file when
 * there is one. Every statement the server computes should use these.
 *
 * @example
 * ```ts
 * const tables = await loadRateTables(services.dataDir);
 * caseStatement(events, asOf, { rateTables: tables });
 * ```
 */
export async function loadRateTables(dataDir: string): Promise<ReadonlyMap<string, RateTable>> {
  const text = await readRatesFileText(dataDir);
  if (text === null) return builtInRateTables();
  return resolveRateTables(parseRatesFile(JSON.parse(text)));
}

/**
 * Checks a rates file (JSON, the core's `ratesFileSchema`, then resolved against the built-in
 * tables) and, when it is valid, makes it the server's rates file. Throws an `IncassoError` whose
 * issues name the field (`rates.tables.nl.legal.entries.0.rate`).
 *
 * @example
 * ```ts
 * const tables = await saveRatesFile("/srv/incasso", text);
 * ```
 */
export async function saveRatesFile(
  dataDir: string,
  text: string,
): Promise<ReadonlyMap<string, RateTable>> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new IncassoError("INVALID_INPUT", `rates: not JSON (${(error as Error).message})`, [
      { path: "rates", message: `expected a JSON rates file (${(error as Error).message})` },
    ]);
  }
  const tables = resolveRateTables(parseRatesFile(json));
  const path = ratesFilePath(dataDir);
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
  return tables;
}
