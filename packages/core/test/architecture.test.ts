import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const SRC = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g;
const files = sourceFiles(SRC);

describe("the core stays pure", () => {
  it("imports only its own files and its declared dependencies: no node: module, no adapter", () => {
    const allowed = new Set(Object.keys(packageJson.dependencies));
    const offending = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(IMPORT)]
        .map((match) => match[1] ?? "")
        .filter((specifier) => !specifier.startsWith(".") && !allowed.has(specifier))
        .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
  });

  it("never reads the clock, the environment or randomness", () => {
    const forbidden =
      /\bnew Date\b|\bDate\.now\b|Temporal\.Now\b|Math\.random\b|\bprocess\.|\bcrypto\./;
    const offending = files
      .filter((file) => forbidden.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file));
    expect(offending).toEqual([]);
  });

  it("keeps index files to re-exports", () => {
    const indexes = files.filter((file) => /(^|\/)index\.ts$/.test(file));
    for (const file of indexes) {
      const code = readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
      const statements = code
        .split(";")
        .map((part) => part.trim())
        .filter(Boolean);
      expect(
        statements.every((statement) => statement.startsWith("export")),
        relative(SRC, file),
      ).toBe(true);
    }
  });
});
