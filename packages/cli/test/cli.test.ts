import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/index.js";
import { main, runVector } from "../src/index.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const SHARED_VECTORS = join(ROOT, "..", "shared", "vectors");
const BIN = join(import.meta.dirname, "..", "dist", "bin.js");

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(args, io);
  return { code, out, err };
}

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "incasso-vectors-"));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe("incasso vectors", () => {
  // The shared public set lies beside the clone in CI (which always runs this); a fresh clone
  // without it still runs the project's own vectors below.
  it.skipIf(!existsSync(SHARED_VECTORS))(
    "passes every vector of the shared set: calendars, references and statements",
    async () => {
      const result = await run(["vectors", SHARED_VECTORS]);
      expect(result.out.at(-1)).toBe("28 passed, 0 failed");
      expect(result.code).toBe(0);
    },
  );

  it("passes the examples' vectors", async () => {
    const result = await run(["vectors", join(ROOT, "examples", "vectors")]);
    expect(result.out.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("prints one line per failure with the path, expected and actual value, and exits non-zero", async () => {
    const file = tempFile(
      "wrong.json",
      JSON.stringify([
        {
          kind: "calendar",
          name: "wrong-expiry",
          calendar: "be",
          op: "deadline",
          date: "2026-07-06",
          days: 15,
          expect: "2026-07-21",
        },
        {
          kind: "reference",
          name: "right",
          scheme: "be.ogm",
          op: "create",
          input: "1234567890",
          expect: "+++123/4567/89002+++",
        },
      ]),
    );
    const result = await run(["vectors", file]);
    expect(result.out).toEqual([
      `FAIL ${file} › wrong-expiry: expect: expected "2026-07-21", got "2026-07-22"`,
      "1 passed, 1 failed",
    ]);
    expect(result.code).toBe(1);
  });

  it("reports a kind it does not support as a failure naming the kind", async () => {
    const file = tempFile(
      "agenda.json",
      JSON.stringify({ kind: "agenda", name: "later", expect: {} }),
    );
    const result = await run(["vectors", file]);
    expect(result.out[0]).toMatch(
      /later: kind: expected calendar, reference or statement, got agenda \(kind not supported\)/,
    );
    expect(result.code).toBe(1);
  });

  it("counts an unreadable or malformed file as a failure naming the file", async () => {
    const broken = tempFile("broken.json", "{ not json");
    const result = await run(["vectors", broken, "/nonexistent/vectors.json"]);
    expect(result.out[0]).toContain(`FAIL ${broken}: cannot read vectors`);
    expect(result.out[1]).toContain("FAIL /nonexistent/vectors.json: cannot read");
    expect(result.out.at(-1)).toBe("0 passed, 2 failed");
    expect(result.code).toBe(1);
  });

  it("names the field of a malformed vector", () => {
    const result = runVector({
      kind: "calendar",
      name: "bad",
      calendar: "fr",
      op: "shift",
      date: "2026-02-30",
      expect: true,
    });
    const paths = result.failures.map((failure) => failure.path);
    expect(paths[0]).toMatch(/^(calendar|date|rule)$/);
    expect(
      runVector({
        kind: "calendar",
        name: "no-days",
        calendar: "be",
        op: "deadline",
        date: "2026-01-01",
        expect: "2026-01-16",
      }).failures[0]?.path,
    ).toBe("days");
  });
});

describe("incasso commands", () => {
  it("prints a case from its events: findings, statement and history", async () => {
    const result = await run([
      "case",
      join(ROOT, "examples", "cases", "be-consumer.json"),
      "--as-of",
      "2026-01-31",
    ]);
    expect(result.code).toBe(0);
    const text = result.out.join("\n");
    expect(text).toContain("Chargeable from 2025-11-21 (end of the Book XIX waiting period)");
    expect(text).toContain("ERROR REMINDER_FEE_IN_WAITING_PERIOD");
    expect(text).toMatch(
      /Payment reference \+\+\+202\/5000\/42096\+\+\+ \(valid Belgian structured communication\)/,
    );
    expect(text).toMatch(/balance\s+381\.13/);
    expect(text).toContain("2025-12-05  an.peeters   promise PR1 to pay 200.00 by 2026-01-15");
  });

  it("prints a case as JSON, and findings in the clerk's language", async () => {
    const file = join(ROOT, "examples", "cases", "nl-consumer.json");
    const json = JSON.parse(
      (await run(["case", file, "--as-of", "2024-06-30", "--json"])).out.join("\n"),
    );
    expect(json.statement.totals.penalty).toBe("302.59");
    expect(json.summary.status).toBe("open");
    const french = (
      await run([
        "case",
        join(ROOT, "examples", "cases", "be-consumer.json"),
        "--as-of",
        "2026-01-31",
        "--lang",
        "fr",
      ])
    ).out.join("\n");
    expect(french).toContain(
      "Des frais de rappel pendant le délai d'attente ne sont pas réclamés.",
    );
  });

  it("answers a bad events file with the event and field", async () => {
    const file = tempFile("events.json", JSON.stringify([{ id: "e1", type: "claim.added" }]));
    const result = await run(["case", file, "--as-of", "2026-01-01"]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/^INVALID_INPUT: events\.0\./);
    expect((await run(["case", file])).err[0]).toMatch(/--as-of: expected the date/);
  });

  it("lists holidays in a language and computes deadlines with their explanation", async () => {
    const holidays = await run(["holidays", "nl", "2026", "fr"]);
    expect(holidays.out).toHaveLength(11);
    expect(holidays.out[1]).toMatch(/^2026-01-02 Fri {2}Jour assimilé/);
    const deadline = await run(["deadline", "be", "2026-07-06", "15"]);
    expect(deadline.out[0]).toBe("expiry 2026-07-22 (BE Judicial Code art. 52 and 53)");
    expect(deadline.out).toContain("extended over 2026-07-21: National Day");
    const posted = await run(["deadline", "be", "2026-04-02", "15", "--posted"]);
    expect(posted.out[0]).toBe("expiry 2026-04-23 (BE Judicial Code art. 53bis, 52 and 53)");
  });

  it("creates and validates references, exiting 1 on an invalid one", async () => {
    expect(await run(["reference", "create", "rf", "539007547034"])).toMatchObject({
      code: 0,
      out: ["RF18539007547034"],
    });
    expect(await run(["reference", "validate", "iban", "BE72000000001617"])).toMatchObject({
      code: 1,
      out: ["invalid"],
    });
    expect((await run(["reference", "validate", "xx", "1"])).err[0]).toMatch(
      /^scheme: expected one of/,
    );
  });

  it("explains its usage on an unknown command", async () => {
    const result = await run(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/unknown command "frobnicate"/);
  });
});

describe("incasso statement", () => {
  const example = join(ROOT, "examples", "statements", "two-invoices-be.json");

  it("prints the contract JSON with --json", async () => {
    const result = await run(["statement", example, "--json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out.join("\n"));
    expect(json.totals).toMatchObject({
      principal: "689.11",
      interest: "28.56",
      balance: "717.67",
    });
    expect(json.interestLines).toHaveLength(3);
  });

  it("prints a readable statement with allocations and numbered sources", async () => {
    const text = (await run(["statement", example])).out.join("\n");
    expect(text).toContain("→ principal F2");
    expect(text).toMatch(
      /F2\s+2024-06-02 – 2024-09-30\s+121 d\s+689\.11 × 12\.5 % \/ 365 =\s+28\.56\s+\[1\]\[2\]/,
    );
    expect(text).toMatch(/\[2\] be\.commercial 12\.5 % from 2024-07-01: .*2024 H2/);
    expect(text).toMatch(/balance\s+717\.67/);
  });

  it("computes as of another date", async () => {
    const result = await run(["statement", example, "--as-of", "2024-06-01", "--json"]);
    expect(JSON.parse(result.out.join("\n")).totals.principal).toBe("689.11");
    expect(JSON.parse(result.out.join("\n")).asOf).toBe("2024-06-01");
  });

  it("answers a bad case with the field path", async () => {
    const file = tempFile(
      "bad.json",
      JSON.stringify({
        asOf: "2024-13-01",
        claims: [{ id: "F1", principal: "1,00", dueDate: "2024-01-01" }],
      }),
    );
    const result = await run(["statement", file]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(
      /^INVALID_INPUT: case\.asOf: expected a date .*case\.claims\.0\.principal: expected an amount/,
    );
  });
});

describe("the incasso binary", () => {
  it("runs as a command and sets its exit code", async () => {
    const exec = promisify(execFile);
    const ok = await exec(process.execPath, [BIN, "reference", "create", "be.ogm", "1234567890"]);
    expect(ok.stdout).toBe("+++123/4567/89002+++\n");
    await expect(exec(process.execPath, [BIN, "vectors", "/nonexistent"])).rejects.toMatchObject({
      code: 1,
    });
  });
});

describe("incasso plan", () => {
  it("prints a proposal from a JSON request", async () => {
    const result = await run([
      "plan",
      join(ROOT, "examples", "plans", "monthly-with-interest.json"),
    ]);
    expect(result.code).toBe(0);
    const text = result.out.join("\n");
    expect(text).toContain("in 9 instalments, 2026-02-16 to 2026-10-01");
    expect(text).toMatch(/down\s+2026-02-16\s+250\.00/);
    expect(text).toContain("payment reference: +++202/5000/42096+++");
    const json = JSON.parse(
      (
        await run(["plan", join(ROOT, "examples", "plans", "monthly-with-interest.json"), "--json"])
      ).out.join("\n"),
    );
    expect(json.instalments).toHaveLength(9);
  });

  it("says why a request cannot be met, and exits 1", async () => {
    const file = tempFile(
      "plan.json",
      JSON.stringify({
        amount: "1000.00",
        firstDueDate: "2026-03-01",
        frequency: "weekly",
        schedule: { count: 100 },
        limits: { minInstalment: "25.00" },
      }),
    );
    const result = await run(["plan", file]);
    expect(result).toMatchObject({
      code: 1,
      out: ["INSTALMENT_BELOW_MINIMUM: an instalment of 10.00 is below the minimum of 25.00"],
    });
  });
});

describe("incasso agenda", () => {
  const args = [
    join(ROOT, "examples", "agenda"),
    join(ROOT, "examples", "scenarios", "scenarios.json"),
    "--as-of",
    "2025-06-30",
  ];

  it("prints the actions due across a directory of case files, with aging and risk", async () => {
    const result = await run(["agenda", ...args]);
    expect(result.code).toBe(0);
    const text = result.out.join("\n");
    expect(text).toContain("Agenda as of 2025-06-30: 3 actions due across 4 cases");
    expect(text).toMatch(/2025-02-14 \+136d\s+2025\/00003\s+tom\.maes\s+CALL/);
    expect(text).toContain("2025/00007    suspended (dispute)");
    expect(text).toMatch(/tom\.maes\s+current 0\.00 .* total 3385\.96/);
  });

  it("filters, sorts and writes CSV", async () => {
    const csv = (await run(["agenda", ...args, "--owner", "k.devries", "--csv"])).out
      .join("\n")
      .split("\n");
    expect(csv[0]).toBe(
      "case;client;owner;group;step;activity;kind;due;overdue;approval;balance;lastContact",
    );
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(
      "NL-2025-0004;Installatiebedrijf De Vries BV;k.devries;installers;2;L14;letter14;2025-04-10;81;required;2795.07",
    );
  });
});
