import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/index.js";
import { COMMANDS, main, runVector } from "../src/index.js";

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
    // The history in the same language, its amounts and dates as a French reader writes them.
    const history = french.slice(french.indexOf("\nHistory\n"));
    expect(history).toMatch(/dossier \S+ ouvert pour /);
    expect(history).toMatch(
      /créance \S+\u00a0: facture \S+ de [\d\u202f]+,\d\d\u00a0€, échue le \S+ [a-zéû]+ \d{4}/,
    );
    expect(history).not.toMatch(/opened for|received|invoice /);
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

describe("help and options", () => {
  const names = [
    "vectors",
    "statement",
    "agenda",
    "plan",
    "case",
    "letter",
    "export",
    "import",
    "batches",
    "bank",
    "reminders",
    "alerts",
    "outbox",
    "rates",
    "holidays",
    "deadline",
    "reference",
    "help",
  ];

  it("declares every command", () => {
    expect(COMMANDS.map((command) => command.name)).toEqual(names);
  });

  for (const name of names) {
    for (const flag of ["--help", "-h"]) {
      it(`incasso ${name} ${flag} prints its usage, options and an example, exit 0`, async () => {
        const result = await run([name, flag]);
        expect(result.code).toBe(0);
        expect(result.err).toEqual([]);
        const text = result.out.join("\n");
        expect(text).toMatch(new RegExp(`^usage: incasso ${name}\\b`));
        expect(text).toContain("options:");
        expect(text).toContain("-h, --help");
        expect(text).toMatch(new RegExp(`example:\n  incasso ${name} `));
      });
    }
  }

  it("answers --help before reading any file, wherever it stands", async () => {
    const result = await run(["case", "/nonexistent.json", "--as-of", "2026-01-31", "--help"]);
    expect(result.code).toBe(0);
    expect(result.out.join("\n")).toContain("--policy key=value");
    expect((await run(["help", "deadline"])).out.join("\n")).toContain("--posted");
  });

  it("keeps the overview of every command", async () => {
    const result = await run(["help"]);
    expect(result.code).toBe(0);
    for (const name of names) expect(result.out.join("\n")).toContain(`incasso ${name}`);
    expect((await run([])).code).toBe(2);
  });

  it("names a subcommand once in a usage line: its synopsis is the whole form", async () => {
    const overview = (await run(["help"])).out.join("\n");
    expect(overview).toContain("incasso reminders run --date YYYY-MM-DD");
    expect(overview).toContain("incasso outbox dispatch --once");
    expect(overview).toContain("incasso bank import <file>...");
    expect(overview).toContain("incasso case [events.json] --as-of YYYY-MM-DD");
    expect(overview).not.toMatch(
      /incasso (reminders|alerts) run run|outbox dispatch list dispatch/,
    );
  });

  it("refuses an unknown option, naming the option and the command, exit 2", async () => {
    const file = join(ROOT, "examples", "cases", "be-consumer.json");
    for (const [args, message] of [
      [
        ["case", file, "--as-of", "2026-01-31", "--frobnicate"],
        "case: unknown option --frobnicate",
      ],
      [["holidays", "be", "2026", "--lang", "fr"], "holidays: unknown option --lang"],
      [["statement", file, "-x"], "statement: unknown option -x"],
      [["vectors", "--all"], "vectors: unknown option --all"],
      [["case", file, "--as-of"], "--as-of: expected YYYY-MM-DD"],
      [["deadline", "be", "2026-01-01", "15", "--posted=yes"], "--posted: takes no value"],
      [["plan", file, "extra.json"], 'plan: unexpected argument "extra.json"'],
    ] as const) {
      const result = await run([...args]);
      expect(result.code).toBe(2);
      expect(result.err[0]).toContain(message);
    }
  });
});

describe("incasso case: the whole case, policies and overdue actions", () => {
  const beConsumer = join(ROOT, "examples", "cases", "be-consumer.json");
  const nlConsumer = join(ROOT, "examples", "cases", "nl-consumer.json");
  const json = async (args: string[]) => JSON.parse((await run(args)).out.join("\n"));

  it("gives in --json what the readable view shows: dates, charges, findings, statement", async () => {
    const be = await json(["case", beConsumer, "--as-of", "2026-01-31", "--json"]);
    expect(be.rulePack).toEqual({ id: "be.consumer", name: "Belgium, consumer (Book XIX)" });
    expect(be.dates.chargeableFrom).toBe("2025-11-21");
    expect(be.paymentReference).toEqual({
      value: "+++202/5000/42096+++",
      kind: "valid Belgian structured communication",
    });
    expect(be.findings.map((f: { code: string }) => f.code)).toContain(
      "REMINDER_FEE_IN_WAITING_PERIOD",
    );
    expect(be.charges.length).toBeGreaterThan(0);
    expect(be.charges[0]).toMatchObject({ id: expect.any(String), amount: expect.any(String) });
    expect(be.statement.totals.balance).toBe("381.13");
    expect(be.history.at(-1)).toMatchObject({ by: expect.any(String), text: expect.any(String) });
    expect(be.debtors[0]).toMatchObject({ name: "Jan Janssens", consumer: true });
    expect(be.policies).toEqual([]);
    const nl = await json(["case", nlConsumer, "--as-of", "2024-06-30", "--json"]);
    expect(nl.dates.letterTermExpiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(nl.dates.letters14[0]).toMatchObject({
      foundsBik: true,
      termExpiry: nl.dates.letterTermExpiry,
      receipt: expect.stringContaining("HR 25-11-2016"),
      claimsInDefault: expect.any(Array),
    });
  });

  it("applies --policy and --policy-file, and shows the policies that differ from the defaults", async () => {
    const policyFile = tempFile("policy.json", JSON.stringify({ book19AboveCap: "nothing" }));
    const args = ["case", beConsumer, "--as-of", "2026-01-31", "--policy-file", policyFile];
    const withFile = await json([...args, "--policy", "receiptDays=2", "--json"]);
    expect(withFile.policies).toEqual([
      { key: "book19AboveCap", value: "nothing", default: "capped" },
    ]);
    const defaults = await json(["case", beConsumer, "--as-of", "2026-01-31", "--json"]);
    expect(withFile.statement.totals.balance).not.toBe(defaults.statement.totals.balance);
    const text = (await run([...args, "--policy", "receiptDays=3"])).out.join("\n");
    expect(text).toContain("Policies (differing from the defaults)");
    expect(text).toContain("  book19AboveCap nothing (default capped)");
    expect(text).toContain("  receiptDays 3 (default 2)");
    const overridden = await json([...args, "--policy", "book19AboveCap=capped", "--json"]);
    expect(overridden.policies).toEqual([]);
  });

  it("answers a wrong policy with the option and the key, exit 2", async () => {
    const base = ["case", beConsumer, "--as-of", "2026-01-31"];
    for (const [policy, message] of [
      ["receiptDays=soon", /^--policy receiptDays: expected a number/],
      ["receiptDays=1.5", /^--policy receiptDays: expected a whole number of days/],
      ["receiptDays=30", /^--policy receiptDays: expected 0 to 14 days/],
      ["book19AboveCap=half", /^--policy book19AboveCap: expected one of/],
      ["bikVatPercent=lots", /^--policy bikVatPercent: expected a VAT percentage/],
      ["colour=blue", /^--policy colour: unknown policy; expected one of beCivilImputation/],
      ["receiptDays", /^--policy receiptDays: expected key=value/],
    ] as const) {
      const result = await run([...base, "--policy", policy]);
      expect(result.code).toBe(2);
      expect(result.err[0]).toMatch(message);
    }
    const file = tempFile("policy.json", JSON.stringify({ receiptDays: "3" }));
    const result = await run([...base, "--policy-file", file]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/^--policy-file .*policy\.json: receiptDays: expected number/);
  });

  it("shows a next action date already past as overdue", async () => {
    const text = (await run(["case", beConsumer, "--as-of", "2026-01-31"])).out.join("\n");
    expect(text).toContain("next action 2026-01-15 (overdue by 16 days)");
    const late = await json(["case", beConsumer, "--as-of", "2026-01-31", "--json"]);
    expect(late.summary).toMatchObject({
      nextActionDate: "2026-01-15",
      nextActionDaysOverdue: 16,
    });
    const early = await json(["case", beConsumer, "--as-of", "2026-01-10", "--json"]);
    expect(early.summary).toMatchObject({
      nextActionDate: "2026-01-15",
      nextActionDaysOverdue: null,
    });
  });
});

describe("incasso agenda: steps and policies", () => {
  it("numbers steps from 1 in the CSV, as the action.done events do", async () => {
    const csv = (
      await run([
        "agenda",
        join(ROOT, "examples", "agenda"),
        join(ROOT, "examples", "scenarios", "scenarios.json"),
        "--as-of",
        "2025-06-30",
        "--csv",
        "--policy",
        "receiptDays=3",
      ])
    ).out
      .join("\n")
      .split("\n");
    // NL-2025-0004 did step 1 (an action.done with step 1); its 14-day letter is step 2.
    expect(csv.find((row) => row.startsWith("NL-2025-0004;"))).toContain(";2;L14;letter14;");
  });
});

describe("rates: the tables, a rates file and the overview", () => {
  const nlB2b = (asOf: string) =>
    tempFile(
      "nl-b2b.json",
      JSON.stringify({
        asOf,
        terms: { interest: { rate: { table: "nl.commercial" }, compounding: "yearly" } },
        claims: [{ id: "F1", principal: "10000.00", dueDate: "2025-12-31" }],
      }),
    );
  const ecbRates = tempFile(
    "rates.json",
    JSON.stringify({
      tables: {
        "ecb.mro": {
          trustedUntil: "2027-06-30",
          entries: [
            {
              from: "2026-12-23",
              rate: "2.40",
              source: "test: an ECB decision",
              status: "confirmed",
            },
          ],
        },
      },
    }),
  );

  it("computes a Dutch commercial statement as of 27 November 2026 with the built-in tables", async () => {
    const result = await run(["statement", nlB2b("2026-11-27"), "--json"]);
    expect(result.code).toBe(0);
    const lines = JSON.parse(result.out.join("\n")).interestLines;
    expect(lines.map((line: { rate: string }) => line.rate)).toEqual(["10.15", "10.4"]);
  });

  it("refuses a date past a table with RATE_NOT_COVERED, saying to pass a rates file, and computes with --rates", async () => {
    const refused = await run(["statement", nlB2b("2027-03-31"), "--json"]);
    expect(refused.code).toBe(2);
    expect(refused.err.join("\n")).toMatch(
      /RATE_NOT_COVERED: rate table nl\.commercial covers .* to 2026-12-31: it has no rate for 2027-03-31 yet.*--rates file\.json/,
    );
    const withRates = await run(["statement", nlB2b("2027-03-31"), "--json", "--rates", ecbRates]);
    expect(withRates.code).toBe(0);
    const lines = JSON.parse(withRates.out.join("\n")).interestLines;
    expect(lines.at(-1)).toMatchObject({ rate: "10.4", from: "2027-01-01" });
  });

  it("takes --rates on every calculating command", async () => {
    const nlCase = join(ROOT, "examples", "cases", "nl-consumer.json");
    const result = await run(["case", nlCase, "--as-of", "2024-06-30", "--rates", ecbRates]);
    expect(result.code).toBe(0);
    for (const command of ["statement", "case", "agenda", "plan"]) {
      const help = await run([command, "--help"]);
      expect(help.out.join("\n")).toContain("--rates rates.json");
    }
  });

  it("answers a bad rates file with the file, the table, the entry and the field, exit 2", async () => {
    const bad = tempFile(
      "bad-rates.json",
      JSON.stringify({
        tables: {
          "nl.legal": {
            trustedUntil: "2027-06-30",
            entries: [{ from: "2027-01-01", rate: "4,5", source: "x", status: "confirmed" }],
          },
        },
      }),
    );
    const result = await run(["statement", nlB2b("2026-11-27"), "--rates", bad]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(
      /INVALID_INPUT: --rates .*bad-rates\.json: rates\.tables\.nl\.legal\.entries\.0\.rate: expected a percentage/,
    );
    const missing = await run(["statement", nlB2b("2026-11-27"), "--rates", "/nonexistent.json"]);
    expect([missing.code, missing.err.join("")]).toEqual([
      2,
      expect.stringMatching(/--rates \/nonexistent\.json: cannot read/),
    ]);
  });

  it("lists every table with its last entry and warns about the tables that stop before the date", async () => {
    const today = await run(["rates", "--as-of", "2026-11-27"]);
    expect(today.code).toBe(0);
    const text = today.out.join("\n");
    for (const id of [
      "be.legal",
      "be.commercial",
      "be.commercial.pre-2013",
      "nl.legal",
      "nl.commercial",
      "ecb.mro",
    ])
      expect(text).toContain(id);
    expect(text).toMatch(/be\.commercial +10\.5 % from 2026-07-01 \(derived\) +2026-12-31/);
    expect(text).toMatch(/WARNING ecb\.mro stops on 2026-11-03, before 2026-11-27/);
    expect(text).not.toMatch(/WARNING nl\.legal/);
    const later = await run(["rates", "--as-of", "2027-01-15", "--json"]);
    const json = JSON.parse(later.out.join("\n"));
    expect(json.tables.filter((t: { stopsBefore: boolean }) => t.stopsBefore).length).toBe(6);
    const extended = JSON.parse(
      (await run(["rates", "--as-of", "2027-01-15", "--json", "--rates", ecbRates])).out.join("\n"),
    );
    const nl = extended.tables.find((t: { id: string }) => t.id === "nl.commercial");
    expect(nl).toMatchObject({ trustedUntil: "2027-12-31", stopsBefore: false });
    expect(nl.lastEntry).toMatchObject({ from: "2027-07-01", rate: "10.4", status: "derived" });
  });

  it("lists every entry of one table with its source and status", async () => {
    const result = await run(["rates", "nl.legal", "--as-of", "2026-11-27"]);
    expect(result.code).toBe(0);
    expect(result.out.join("\n")).toMatch(
      /2026-01-01 +4 % +secondary +NL wettelijke rente from 2026-01-01: Stb\. 2025, 438/,
    );
    const unknown = await run(["rates", "fr.legal"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err.join("")).toMatch(
      /rates: unknown table "fr.legal"; expected one of be\.commercial/,
    );
  });
});
