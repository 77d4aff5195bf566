import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/index.js";
import { main } from "../src/index.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const SCENARIOS = join(ROOT, "examples", "scenarios", "scenarios.json");

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(args, io);
  return { code, out, err };
}

/**
 * The agenda examples in a directory of their own, the construction case (2025/00003, tom.maes,
 * a call due since 2025-02-14) assigned to k.devries on 1 May and suspended from 1 June until
 * 1 September 2025.
 */
function suspendedExamples(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "incasso-suspension-"));
  cpSync(join(ROOT, "examples", "agenda"), dir, { recursive: true });
  const file = join(dir, "be-b2b-construction.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as { events: unknown[] };
  json.events.push(
    {
      id: "own",
      type: "case.owner-assigned",
      at: "2025-05-01",
      recordedAt: "2025-05-01T09:00:00Z",
      by: "an.peeters",
      owner: "k.devries",
      reason: "tom.maes changes team",
    },
    {
      id: "sus",
      type: "case.suspended",
      at: "2025-06-01",
      recordedAt: "2025-06-01T09:00:00Z",
      by: "k.devries",
      reason: "client negotiates a settlement",
      until: "2025-09-01",
    },
  );
  writeFileSync(file, JSON.stringify(json));
  return { dir, file };
}

describe("a suspended case and its new owner on the command line", () => {
  const { dir, file } = suspendedExamples();

  it("incasso case prints the owner now, the suspension and their history lines", async () => {
    const result = await run(["case", file, "--as-of", "2025-06-30"]);
    expect(result.code).toBe(0);
    const text = result.out.join("\n");
    expect(text).toContain(
      "Owner k.devries, lawyer mr. De Smet, group construction; status suspended (collection suspended since 2025-06-01 until 2025-09-01: client negotiates a settlement)",
    );
    expect(text).toMatch(
      /2025-05-01\s+an\.peeters\s+owner now k\.devries \(tom\.maes changes team\)/,
    );
    expect(text).toMatch(
      /2025-06-01\s+k\.devries\s+collection suspended until 2025-09-01: client negotiates a settlement/,
    );
  });

  it("incasso agenda leaves the suspended case's call out until its until-day, then lists it for the new owner", async () => {
    const during = (await run(["agenda", dir, SCENARIOS, "--as-of", "2025-06-30"])).out.join("\n");
    expect(during).toContain("Agenda as of 2025-06-30: 2 actions due across 4 cases");
    expect(during).not.toMatch(/2025\/00003\s+\S+\s+CALL/);
    expect(during).toContain("2025/00003    suspended (suspension)");
    const after = (
      await run([
        "agenda",
        dir,
        SCENARIOS,
        "--as-of",
        "2025-09-01",
        "--owner",
        "k.devries",
        "--csv",
      ])
    ).out.join("\n");
    expect(after).toMatch(/2025\/00003;[^;]+;k\.devries;[^;]*;\d+;CALL;call;2025-09-01;0;/);
  });
});
