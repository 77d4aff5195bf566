import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { CliIo } from "../io.js";
import { InputFileError, readJsonFile } from "../read-json-file.js";
import type { VectorFailure } from "./run-vector.js";
import { runVector } from "./run-vector.js";

/**
 * The outcome of a vector run: counts, and one line per failure.
 *
 * @example
 * ```ts
 * import type { VectorRunSummary } from "@incasso/cli";
 * const summary: VectorRunSummary = { passed: 14, failed: 0, failureLines: [] };
 * ```
 */
export interface VectorRunSummary {
  readonly passed: number;
  readonly failed: number;
  readonly failureLines: readonly string[];
}

/**
 * Runs every vector in the given files and directories (directories are searched for `*.json`
 * files, recursively, in name order). A file that cannot be read or is not JSON counts as a
 * failure naming the file. Writes one line per failure and then the closing line
 * `N passed, N failed`.
 *
 * @example
 * ```ts
 * import { runVectorFiles } from "@incasso/cli";
 * const summary = await runVectorFiles(["../shared/vectors/calendar.json"], {
 *   out: console.log, err: console.error,
 * });
 * process.exitCode = summary.failed > 0 ? 1 : 0;
 * ```
 */
export async function runVectorFiles(
  paths: readonly string[],
  io: CliIo,
): Promise<VectorRunSummary> {
  let passed = 0;
  const failureLines: string[] = [];
  const fail = (line: string): void => {
    failureLines.push(line);
    io.out(line);
  };
  if (paths.length === 0) fail("FAIL no vector file or directory given");
  for (const path of paths) {
    let files: string[];
    try {
      files = await jsonFilesUnder(path);
      if (files.length === 0) fail(`FAIL ${path}: no .json vector file found`);
    } catch (error) {
      fail(`FAIL ${path}: cannot read (${(error as Error).message})`);
      continue;
    }
    for (const file of files) {
      let vectors: unknown[];
      try {
        const parsed = readJsonFile(file);
        vectors = Array.isArray(parsed) ? parsed : [parsed];
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        fail(`FAIL ${file}: cannot read vectors (${error.reason})`);
        continue;
      }
      vectors.forEach((vector, index) => {
        const result = runVector(vector, index);
        if (result.failures.length === 0) passed++;
        else fail(`FAIL ${file} › ${result.name}: ${result.failures.map(describe).join("; ")}`);
      });
    }
  }
  io.out(`${passed} passed, ${failureLines.length} failed`);
  return { passed, failed: failureLines.length, failureLines };
}

function describe(failure: VectorFailure): string {
  return `${failure.path}: expected ${failure.expected}, got ${failure.actual}`;
}

async function jsonFilesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const files: string[] = [];
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await jsonFilesUnder(child)));
    else if (entry.name.endsWith(".json")) files.push(child);
  }
  return files;
}
