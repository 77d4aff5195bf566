import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  encodeCsv,
} from "../../import-csv/test/support/fixtures.js";
import type { TestDatabase } from "../../storage-postgres/test/support/server.js";
import { createTestDatabase, serverUrl } from "../../storage-postgres/test/support/server.js";
import { reminderScenario } from "../../testkit/src/store-fixtures.js";
import { main } from "../src/main.js";
import { openStore } from "../src/open-store.js";

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
