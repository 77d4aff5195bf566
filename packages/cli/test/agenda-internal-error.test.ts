import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { CliIo } from "../src/index.js";
import { main } from "../src/index.js";

// A case file holding the JSON string "bug" makes prepareCase throw a TypeError, as a bug in the
// core would; every other case file is prepared by the real core.
vi.mock("@incasso/core", async (importOriginal) => {
  const core = await importOriginal<typeof import("@incasso/core")>();
  return {
    ...core,
    prepareCase: (...args: Parameters<typeof core.prepareCase>) => {
      if (args[0].events === "bug") throw new TypeError("injected fault");
      return core.prepareCase(...args);
    },
  };
});

const ROOT = join(import.meta.dirname, "..", "..", "..");

describe("an agenda case file that meets a bug", () => {
  it("is listed with the others, and the run exits 70 with the short message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "incasso-agenda-"));
    writeFileSync(
      join(dir, "a.json"),
      readFileSync(join(ROOT, "examples", "cases", "be-consumer.json")),
    );
    writeFileSync(join(dir, "b.json"), '"bug"');
    writeFileSync(join(dir, "c.json"), "[]x");
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
    const code = await main(
      [
        "agenda",
        dir,
        join(ROOT, "examples", "scenarios", "scenarios.json"),
        "--as-of",
        "2026-01-31",
      ],
      io,
    );
    expect(code).toBe(70);
    expect(out[0]).toMatch(/across 1 cases/);
    expect(out).toContain("FAILED b.json: internal error: TypeError: injected fault");
    expect(out.some((line) => line.startsWith("FAILED c.json: not JSON: line 1, column 3"))).toBe(
      true,
    );
    expect(err[0]).toBe("incasso: internal error: TypeError: injected fault");
    expect(err.join("\n")).not.toMatch(/^\s+at /m);
  });
});
