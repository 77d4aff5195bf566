import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  encodeCsv,
  makeXlsx,
} from "../../import-csv/test/support/fixtures.js";
import type { TestDatabase } from "../../storage-postgres/test/support/server.js";
import { createTestDatabase, serverUrl } from "../../storage-postgres/test/support/server.js";
import { reminderScenario } from "../../testkit/src/store-fixtures.js";
import { IMPORT_COMMAND, importCommand, progressReporter } from "../src/commands/import-command.js";
import { main } from "../src/main.js";
import { openStore } from "../src/open-store.js";
import { parseArguments } from "../src/options.js";

const dir = mkdtempSync(join(tmpdir(), "incasso-import-command-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const profileFile = join(dir, "bakkerij.json");
const stopProfileFile = join(dir, "bakkerij-stop.json");
const file = join(dir, "bakkerij-2026-03.csv");
const badFile = join(dir, "bakkerij-bad.csv");

beforeAll(() => {
  const newCases = { rulePack: "be.b2b", owner: "an.peeters", scenarioId: "be-reminders" };
  writeFileSync(profileFile, JSON.stringify(belgianCasesProfile({ newCases })));
  writeFileSync(
    stopProfileFile,
    JSON.stringify(belgianCasesProfile({ newCases, onRowError: "stop-batch" })),
  );
  writeFileSync(
    file,
    encodeCsv(
      [
        [...BELGIAN_HEADER],
        belgianRow(),
        belgianRow({ Factuur: "F2026-18", Openstaand: "99,90", Vervaldag: "15/02/2026" }),
        belgianRow({
          Dossier: "D-2026-002",
          Klantnummer: "K1002",
          Ondernemingsnummer: "0202.239.951",
          Factuur: "F2026-31",
        }),
      ],
      { encoding: "windows-1252" },
    ),
  );
  writeFileSync(
    badFile,
    encodeCsv(
      [
        [...BELGIAN_HEADER],
        belgianRow({ Dossier: "D-2026-003", Factuur: "F2026-40" }),
        belgianRow({ Dossier: "D-2026-004", Factuur: "F2026-41", Openstaand: "=1+1" }),
      ],
      { encoding: "windows-1252" },
    ),
  );
});

/** Runs the command in this process, collecting what it prints. */
async function incasso(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

async function prepare(db: string, tenant: string): Promise<void> {
  const opened = await openStore(db, tenant);
  try {
    await opened.store.putClient(opened.scope, { id: "bakkerij", name: "Bakkerij Peeters NV" });
    await opened.store.putScenario(opened.scope, "bakkerij", reminderScenario(1));
  } finally {
    await opened.close();
  }
}

/** The dry run writes the result file and nothing else: the case is not there yet. */
async function dryRunAndMissing(at: string[], tenant: string) {
  const result = join(dir, `${tenant}-dry.csv`);
  const dry = await incasso("import", profileFile, file, "--dry-run", "--result", result, ...at);
  expect(dry.err).toEqual([]);
  expect(dry.code).toBe(0);
  expect(dry.out[0]).toMatch(/^dry run of .*bakkerij-2026-03\.csv by profile bakkerij-cases/);
  expect(dry.out).toContain("cases: 2 new, 0 updated, 0 unchanged; debtors: 2 new");
  const csv = readFileSync(result, "utf8");
  expect(
    csv.startsWith("\ufeffrow;outcome;case;case number;debtor;new case;new debtor;messages\r\n"),
  ).toBe(true);
  expect(csv).toContain(
    "2;new-claim;bakkerij:r:D-2026-001;bakkerij/D-2026-001;bakkerij:debtor:K1001;true;true;",
  );
  const shownBefore = await incasso(
    "case",
    "--case-id",
    "bakkerij:r:D-2026-001",
    "--as-of",
    "2026-03-02",
    ...at.slice(2),
  );
  expect(shownBefore.code).toBe(2);
  expect(shownBefore.err.join("\n")).toMatch(/--case-id: no case "bakkerij:r:D-2026-001"/);
}

/** The command's flow on one store: dry run, import, re-import, the case shown from the store. */
async function flow(db: string, tenant: string, full: boolean) {
  await prepare(db, tenant);
  const at = ["--imported-at", "2026-03-02T09:00:00Z", "--db", db, "--tenant", tenant];
  if (full) await dryRunAndMissing(at, tenant);
  const applied = await incasso(
    "import",
    profileFile,
    file,
    "--result",
    join(dir, `${tenant}.json`),
    ...at,
  );
  expect(applied.code).toBe(0);
  expect(applied.out).toContain("written: 2 appends (0 replayed), 2 debtors, 0 owner alerts");
  const json = JSON.parse(readFileSync(join(dir, `${tenant}.json`), "utf8"));
  expect(json.rows.map((row: { outcome: string }) => row.outcome)).toEqual([
    "new-claim",
    "new-claim",
    "new-claim",
  ]);
  if (full) {
    const again = await incasso("import", profileFile, file, ...at);
    expect(again.err).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("rows 3: 0 with errors, 0 skipped, 3 already there");
  }
  const shown = await incasso(
    "case",
    "--case-id",
    "bakkerij:r:D-2026-001",
    "--as-of",
    "2026-03-02",
    "--json",
    ...at.slice(2),
  );
  expect(shown.err).toEqual([]);
  expect(shown.code).toBe(0);
  const view = JSON.parse(shown.out.join("\n"));
  expect(view.case.number).toBe("bakkerij/D-2026-001");
  expect(view.summary).toMatchObject({ status: "open", daysPastDue: 26 });

  if (!full) return;
  const stopped = await incasso("import", stopProfileFile, badFile, ...at);
  expect(stopped.code).toBe(1);
  expect(stopped.out[1]).toMatch(/STOPPED, nothing written/);
  expect(stopped.out.some((line) => line.startsWith("row 3: error"))).toBe(true);
  const notThere = await incasso(
    "case",
    "--case-id",
    "bakkerij:r:D-2026-003",
    "--as-of",
    "2026-03-02",
    ...at.slice(2),
  );
  expect(notThere.code).toBe(2);
}

describe("incasso import", () => {
  it("imports a client's CSV into a PGlite store, and incasso case shows the case from the store", async () => {
    await flow(join(dir, "pglite"), "firm-1", false);
  }, 240_000);

  it.skipIf(serverUrl() === undefined)(
    "on the PostgreSQL server: the dry run writes only the result file, the import writes the cases, a re-import nothing, a stopped batch nothing, and incasso case shows the case",
    async () => {
      const db: TestDatabase = await createTestDatabase();
      try {
        await flow(db.url, "firm-2", true);
      } finally {
        await db.dispose();
      }
    },
  );

  it("imports a client's workbook by the same profile with its sheet, with a progress bar on a terminal, and incasso case and incasso agenda show the cases", async () => {
    const db = join(dir, "pglite-xlsx");
    const tenant = "firm-3";
    await prepare(db, tenant);
    const workbook = join(dir, "bakkerij-2026-03.xlsx");
    writeFileSync(
      workbook,
      await makeXlsx([
        { name: "Toelichting", rows: [["Dit blad wordt niet gelezen"]] },
        {
          name: "Facturen",
          rows: [
            [...BELGIAN_HEADER],
            belgianRow(),
            belgianRow({
              Dossier: "D-2026-002",
              Klantnummer: "K1002",
              Ondernemingsnummer: "0202.239.951",
              Factuur: "F2026-31",
              Openstaand: "250,00",
            }),
          ],
        },
      ]),
    );
    const xlsxProfile = join(dir, "bakkerij-xlsx.json");
    const newCases = { rulePack: "be.b2b", owner: "an.peeters", scenarioId: "be-reminders" };
    writeFileSync(
      xlsxProfile,
      JSON.stringify(belgianCasesProfile({ newCases, sheet: "Facturen" })),
    );
    const at = ["--imported-at", "2026-03-02T09:00:00Z", "--db", db, "--tenant", tenant];
    const drawn: string[] = [];
    const result = await importCommand(
      parseArguments(IMPORT_COMMAND, [xlsxProfile, workbook, ...at]),
      { tty: true, write: (text) => drawn.push(text) },
    );
    expect(result.ok).toBe(true);
    expect(result.report.totals).toMatchObject({ rows: 2, errors: 0, newCases: 2, claimsAdded: 2 });
    // On a terminal the progress redraws one line: the rows read, then the cases written.
    const frames = drawn
      .join("")
      .split("\r\x1b[2K")
      .filter((frame) => frame !== "");
    expect(frames.some((frame) => /^reading .*2 rows, \d+ rows\/s, done\n$/.test(frame))).toBe(
      true,
    );
    expect(frames.at(-1)).toBe("writing 2/2 cases\n");

    const shown = await incasso(
      "case",
      "--case-id",
      "bakkerij:r:D-2026-002",
      "--as-of",
      "2026-03-02",
      "--json",
      "--db",
      db,
      "--tenant",
      tenant,
    );
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.out.join("\n"));
    expect(view.case.number).toBe("bakkerij/D-2026-002");

    // The agenda reads case files: the imported cases' events as the store holds them.
    const cases = join(dir, "agenda-cases");
    mkdirSync(cases);
    const opened = await openStore(db, tenant);
    try {
      const rows = (await opened.store.listCases(opened.scope, { limit: 100 })).items;
      expect(rows.map((row) => row.caseNumber).sort()).toEqual([
        "bakkerij/D-2026-001",
        "bakkerij/D-2026-002",
      ]);
      for (const row of rows) {
        const events = (await opened.store.readEvents(opened.scope, row.caseId)).map(
          (stored) => stored.event,
        );
        writeFileSync(
          join(cases, `${row.caseId.replace(/\W/g, "_")}.json`),
          JSON.stringify({ events }),
        );
      }
    } finally {
      await opened.close();
    }
    const scenarios = join(dir, "scenarios.json");
    writeFileSync(scenarios, JSON.stringify(reminderScenario(1)));
    const agenda = await incasso("agenda", cases, scenarios, "--as-of", "2026-03-31");
    expect(agenda.err).toEqual([]);
    expect(agenda.code).toBe(0);
    const text = agenda.out.join("\n");
    expect(text).toContain("Agenda as of 2026-03-31: 2 actions due across 2 cases");
    expect(text).toMatch(/bakkerij\/D-2026-001\s+an\.peeters\s+REM1/);
    expect(text).toMatch(/bakkerij\/D-2026-002\s+an\.peeters\s+REM1/);
  }, 240_000);

  it("draws the reading progress as a bar of the bytes read on a terminal, and a line every few seconds elsewhere", () => {
    const drawn: string[] = [];
    const bar = progressReporter({ tty: true, write: (text) => drawn.push(text) });
    const reading = {
      rows: 500,
      bytesRead: 50,
      totalBytes: 100,
      elapsedMs: 2000,
      rowsPerSecond: 250,
      etaMs: 2000,
      done: false,
    };
    bar.reading(reading);
    bar.writing({ done: 1, total: 4 });
    bar.end();
    expect(drawn).toEqual([
      "\r\x1b[2Kreading [############............] 500 rows, 250 rows/s, ETA 2s",
      "\r\x1b[2Kwriting 1/4 cases",
      "\n",
    ]);
    const lines: string[] = [];
    const plain = progressReporter({ tty: false, write: (text) => lines.push(text) }, 60_000);
    plain.reading(reading);
    plain.reading({ ...reading, rows: 900 });
    plain.reading({ ...reading, rows: 1000, bytesRead: 100, etaMs: 0, done: true });
    expect(lines).toEqual([
      "reading [############............] 500 rows, 250 rows/s, ETA 2s\n",
      "reading [########################] 1000 rows, 250 rows/s, done\n",
    ]);
  });

  it("answers a bad profile or a missing file as bad input (exit code 2)", async () => {
    const badProfile = join(dir, "bad-profile.json");
    writeFileSync(badProfile, JSON.stringify({ version: 2 }));
    const db = ["--db", join(dir, "pglite-bad")];
    const bad = await incasso("import", badProfile, file, ...db);
    expect(bad.code).toBe(2);
    expect(bad.err.join("\n")).toMatch(/INVALID_INPUT: .*profile\.kind/);
    const missing = await incasso("import", profileFile, join(dir, "nothing.csv"), ...db);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([
      `${join(dir, "nothing.csv")}: expected the client's file (not found)`,
    ]);
  });
});

describe("incasso batches", () => {
  it("lists the batches an import left incomplete, discards one, and keeps a complete one", async () => {
    const db = join(dir, "batches-db");
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["batches", "--db", db, "--tenant", "firm-b", ...args], {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { code, out, err };
    };
    const opened = await openStore(db, "firm-b");
    try {
      const scope = opened.scope;
      await opened.store.putClient(scope, { id: "bakkerij", name: "Bakkerij Peeters NV" });
      const batch = {
        clientId: "bakkerij",
        source: "bakkerij-2026-03.csv",
        contentHash: "sha256:01",
        importedAt: "2026-03-02T09:00:00Z",
      };
      const rows = Array.from({ length: 3 }, (_, i) => ({
        row: i + 2,
        outcome: "imported" as const,
        caseId: `C${i}`,
      }));
      await opened.store.saveImportBatchPart(scope, {
        batch: { ...batch, id: "imp-half" },
        part: 0,
        last: false,
        rows,
      });
      await opened.store.saveImportBatch(scope, { ...batch, id: "imp-whole", rows });
    } finally {
      await opened.close();
    }
    const listed = await run([]);
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toMatch(/^Incomplete import batches in .*: 1$/);
    expect(listed.out[1]).toBe(
      "  imp-half  client bakkerij  bakkerij-2026-03.csv  imported 2026-03-02T09:00:00Z  3 rows in 1 part saved",
    );
    const complete = await run(["--discard", "imp-whole"]);
    expect(complete).toMatchObject({ code: 1, out: [expect.stringMatching(/is complete/)] });
    const discarded = await run(["--discard", "imp-half"]);
    expect(discarded.code).toBe(0);
    expect(discarded.out).toEqual([
      "Discarded import batch imp-half (bakkerij-2026-03.csv, 3 rows in 1 part saved).",
    ]);
    expect((await run(["--discard", "imp-half"])).code).toBe(1);
    expect((await run([])).out[0]).toMatch(/^No incomplete import batches in /);
    expect((await run(["--discard", "x", "--client", "bakkerij"])).code).toBe(2);
  });
});
