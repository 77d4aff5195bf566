// Benchmarks of the PostgreSQL store on a real server, each against a plain-SQL baseline measured in
// the same run on the same rows:
//   1. appends per second: one event per call, ten per call, and 4 or 8 concurrent writers on
//      different cases, against plain INSERTs (and COPY) of the same event rows into a scratch table;
//   2. loading a case of 1,000 events (readEvents + the core's caseStatement), against a plain
//      SELECT of the same 1,000 rows;
//   3. listing 1,000,000 cases by next action date (first page, and a keyset page 900,000 rows
//      deep, with EXPLAIN showing the index), against a plain SELECT … ORDER BY … LIMIT;
//   4. the daily run over 100,000 of those cases (the core's runDailyShard over 4 shards, in turn
//      and with 2 concurrent workers), against a plain SELECT of the same events.
// The store connects as an ordinary role, so row-level security applies as in production; the
// baselines run as the superuser, which bypasses it. Everything happens in a database of its own,
// dropped at the end with its role.
//
// Run: DATABASE_URL=postgres://… pnpm --filter @incasso/storage-postgres bench
// (about 4 minutes on 2 cores; BENCH_CASES=100000 makes section 3 smaller for a quick try).
import { cpus, loadavg, totalmem } from "node:os";
import type { CaseEventJson, CaseStore, DailyRunReport, StoreScope } from "@incasso/core";
import { caseQuerySchema, caseStatement, parseIsoDate, runDailyShard } from "@incasso/core";
import { encodeCursor } from "@incasso/core/adapter-kit";
import { claimAdded, noteAdded, openedCase, paymentReceived } from "@incasso/testkit";
import { expect, test } from "vitest";
import { caseListStatement } from "../src/case-list.js";
import { createPostgresStore, migrate } from "../src/index.js";
import type { EventRow } from "./bulk.js";
import {
  bulkCaseId,
  EVENT_COLUMNS,
  loadBulk,
  openCases,
  RUN_DATE,
  setupTenant,
  templates,
} from "./bulk.js";
import type { BenchDatabase, Result, StatementProfile } from "./support.js";
import {
  copyLines,
  copyText,
  createBenchDatabase,
  inParallel,
  markdownTable,
  median,
  profiledPool,
  profileLines,
  ratio,
  timed,
} from "./support.js";

const LIST_CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DAILY_CASES = Math.min(100_000, LIST_CASES);

const results: Result[] = [];
const notes: string[] = [];
const log = (line: string) => console.log(`[bench] ${line}`);
const record = (result: Result) => {
  results.push(result);
  log(
    `${result.section} ${result.measure}: store ${result.store.toFixed(2)} ${result.unit}, ` +
      `baseline ${result.baseline.toFixed(2)} ${result.unit}, cost × ${ratio(result).toFixed(2)}`,
  );
};

/** A note event numbered by the version it gets. */
const note = (version: number) => noteAdded(`bn-${version}`, "2026-01-15", "Called the debtor");

/** The event rows the store wrote for cases whose id starts with `prefix`, bench notes only. */
async function writtenNotes(db: BenchDatabase, prefix: string): Promise<EventRow[]> {
  const { rows } = await db.admin.query<EventRow>(
    `SELECT case_id, version, type, at::text AS at, recorded_at::text AS recorded_at,
       body::text AS body
     FROM events WHERE tenant_id = 'bench' AND case_id LIKE $1 AND body->>'id' LIKE 'bn-%'
     ORDER BY version, case_id`,
    [`${prefix}-%`],
  );
  return rows;
}

const insertOne = (db: BenchDatabase, row: EventRow) =>
  db.admin.query(
    `INSERT INTO scratch_events (${EVENT_COLUMNS}) VALUES ('bench', $1, $2, $3, $4, $5, $6)`,
    [row.case_id, row.version, row.type, row.at, row.recorded_at, row.body],
  );

async function appends(db: BenchDatabase, store: CaseStore, scope: StoreScope): Promise<void> {
  await db.admin.query(
    "CREATE TABLE scratch_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)",
  );
  const truncate = () => db.admin.query("TRUNCATE scratch_events");

  // One event per append, 1,000 appends over 200 cases.
  const single = await openCases(store, scope, "s", 200);
  const singleMs = await timed(async () => {
    for (let round = 0; round < 5; round++) {
      for (const [caseId, version] of single) {
        await store.append(scope, {
          caseId,
          expectedVersion: version,
          events: [note(version + 1)],
          asOf: RUN_DATE,
        });
        single.set(caseId, version + 1);
      }
    }
  });
  const singleRows = await writtenNotes(db, "s");
  expect(singleRows).toHaveLength(1000);
  await truncate();
  const singleBase = await timed(async () => {
    for (const row of singleRows) await insertOne(db, row);
  });
  record({
    section: "1",
    measure: "appends, 1 event per call (sequential)",
    store: (1000 / singleMs) * 1000,
    baseline: (1000 / singleBase) * 1000,
    unit: "/s",
    baselineName: "INSERT of 1 row per statement",
  });

  // Ten events per append: 100 appends of 10 events.
  const batched = await openCases(store, scope, "b", 100);
  const batchedMs = await timed(async () => {
    for (const [caseId, version] of batched) {
      const events = Array.from({ length: 10 }, (_, k) => note(version + 1 + k));
      await store.append(scope, { caseId, expectedVersion: version, events, asOf: RUN_DATE });
    }
  });
  const batchedRows = await writtenNotes(db, "b");
  expect(batchedRows).toHaveLength(1000);
  const byCase = new Map<string, EventRow[]>();
  for (const row of batchedRows) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), row]);
  await truncate();
  const batchedBase = await timed(async () => {
    for (const rows of byCase.values()) {
      const values: unknown[] = [];
      const tuples = rows.map((row) => {
        values.push(row.case_id, row.version, row.type, row.at, row.recorded_at, row.body);
        const n = values.length;
        return `('bench', $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await db.admin.query(
        `INSERT INTO scratch_events (${EVENT_COLUMNS}) VALUES ${tuples.join(", ")}`,
        values,
      );
    }
  });
  record({
    section: "1",
    measure: "events appended, 10 events per call (sequential)",
    store: (1000 / batchedMs) * 1000,
    baseline: (1000 / batchedBase) * 1000,
    unit: "/s",
    baselineName: "INSERT of 10 rows per statement",
  });
  await truncate();
  const copyBase = await timed(() =>
    copyLines(
      db.admin,
      `scratch_events (${EVENT_COLUMNS})`,
      batchedRows.map(
        (row) =>
          `bench\t${row.case_id}\t${row.version}\t${row.type}\t${row.at}\t${copyText(row.recorded_at)}\t${copyText(row.body)}\n`,
      ),
    ),
  );
  record({
    section: "1",
    measure: "events appended, 10 events per call (sequential)",
    store: (1000 / batchedMs) * 1000,
    baseline: (1000 / copyBase) * 1000,
    unit: "/s",
    baselineName: "one COPY of all 1,000 rows",
  });

  // N writers at once, each on its own cases, one event per append.
  for (const writers of [4, 8]) {
    const prefix = `w${writers}`;
    const cases = await openCases(store, scope, prefix, 25 * writers);
    const ids = [...cases.keys()];
    const total = ids.length * 4;
    const concurrentMs = await timed(() =>
      inParallel(writers, total, async (index) => {
        const caseId = ids[index % ids.length] ?? "";
        const version = cases.get(caseId) ?? 0;
        await store.append(scope, {
          caseId,
          expectedVersion: version,
          events: [note(version + 1)],
          asOf: RUN_DATE,
        });
        cases.set(caseId, version + 1);
      }),
    );
    const rows = await writtenNotes(db, prefix);
    expect(rows).toHaveLength(total);
    await truncate();
    const concurrentBase = await timed(() =>
      inParallel(writers, rows.length, (index) => insertOne(db, rows[index] as EventRow)),
    );
    record({
      section: "1",
      measure: `appends, 1 event per call, ${writers} concurrent writers`,
      store: (total / concurrentMs) * 1000,
      baseline: (total / concurrentBase) * 1000,
      unit: "/s",
      baselineName: `INSERT of 1 row per statement, ${writers} connections`,
    });
  }
  await db.admin.query("DROP TABLE scratch_events");
}

/** The events of a case of 1,000: opened, two invoices, then payments and notes over a year. */
function longCase(): CaseEventJson[] {
  const events: CaseEventJson[] = [
    openedCase({ caseNumber: "2025/LONG", at: "2025-01-16" }),
    claimAdded("F1", "25000.00", "2025-01-15", "2025-01-16"),
    claimAdded("F2", "4250.00", "2025-02-28", "2025-01-16"),
  ];
  const start = parseIsoDate("2025-01-20");
  for (let i = 0; events.length < 1000; i++) {
    const at = start.add({ days: Math.floor((i * 370) / 1000) }).toString();
    events.push(i % 3 === 0 ? paymentReceived(`P${i}`, "10.00", at) : noteAdded(`note-${i}`, at));
  }
  return events;
}

async function loadCase(db: BenchDatabase, store: CaseStore, scope: StoreScope): Promise<void> {
  const caseId = "long-1";
  const events = longCase();
  for (let from = 0; from < events.length; from += 100) {
    await store.append(scope, {
      caseId,
      expectedVersion: from,
      events: events.slice(from, from + 100),
      asOf: RUN_DATE,
    });
  }
  const asOf = parseIsoDate(RUN_DATE);
  const read = () => store.readEvents(scope, caseId);
  const stored = await read();
  expect(stored).toHaveLength(1000);
  // The core memoises work on event objects it has seen, so every timed fold gets fresh copies, as
  // a case read from the database would be.
  const copies = Array.from({ length: 40 }, () =>
    structuredClone(stored.map((item) => item.event)),
  );
  const fold = () => caseStatement(copies.pop() ?? [], asOf);
  const balance = fold().statement.totals.balance.toFixed(2);
  expect((await store.getCase(scope, caseId))?.balance).toBe(balance);

  const plain = () =>
    db.admin.query(
      "SELECT version, body FROM events WHERE tenant_id = $1 AND case_id = $2 ORDER BY version",
      ["bench", caseId],
    );
  const baseline = await median(plain, 30);
  const loadMs = await median(
    async () =>
      caseStatement(
        (await read()).map((item) => item.event),
        asOf,
      ),
    30,
  );
  const readMs = await median(read, 30);
  const foldMs = await median(async () => fold(), 30);
  const rowMs = await median(() => store.getCase(scope, caseId), 30);
  const section = "2";
  const baselineName = "SELECT of the 1,000 event rows";
  record({
    section,
    measure: "load a case of 1,000 events: readEvents + caseStatement",
    store: loadMs,
    baseline,
    unit: "ms",
    baselineName,
  });
  record({
    section,
    measure: "… of which readEvents alone",
    store: readMs,
    baseline,
    unit: "ms",
    baselineName,
  });
  record({
    section,
    measure: "… of which caseStatement alone (no I/O)",
    store: foldMs,
    baseline,
    unit: "ms",
    baselineName,
  });
  record({
    section,
    measure: "the case's stored row instead: getCase",
    store: rowMs,
    baseline,
    unit: "ms",
    baselineName,
  });
}

const NEXT_ACTION = "next_action_key";

async function listing(db: BenchDatabase, store: CaseStore): Promise<void> {
  const scope = { tenantId: "bulk" };
  const depth = Math.floor(LIST_CASES * 0.9);
  const { rows: at } = await db.admin.query<{ date: string | null; case_id: string }>(
    `SELECT to_char(next_action_date, 'YYYY-MM-DD') AS date, case_id FROM cases
     WHERE tenant_id = 'bulk' ORDER BY ${NEXT_ACTION}, case_id OFFSET $1 LIMIT 1`,
    [depth - 1],
  );
  const mark = at[0];
  if (mark === undefined) throw new Error("no row at the deep page");
  const after = encodeCursor([mark.date, mark.case_id]);

  const firstPage = () => store.listCases(scope, { sort: "next-action", limit: 100 });
  const deepPage = () => store.listCases(scope, { sort: "next-action", limit: 100, after });
  const plainFirst = () =>
    db.admin.query(
      `SELECT * FROM cases WHERE tenant_id = 'bulk' ORDER BY ${NEXT_ACTION}, case_id LIMIT 100`,
    );
  const plainDeep = () =>
    db.admin.query(
      `SELECT * FROM cases WHERE tenant_id = 'bulk'
         AND (${NEXT_ACTION}, case_id) > ($1::date, $2)
       ORDER BY ${NEXT_ACTION}, case_id LIMIT 100`,
      [mark.date ?? "infinity", mark.case_id],
    );
  const plainOffset = () =>
    db.admin.query(
      `SELECT * FROM cases WHERE tenant_id = 'bulk' ORDER BY ${NEXT_ACTION}, case_id
       OFFSET $1 LIMIT 100`,
      [depth],
    );
  // Same rows from the store and the baselines.
  const ids = (rows: readonly { case_id?: string; caseId?: string }[]) =>
    rows.map((row) => row.caseId ?? row.case_id);
  expect(ids((await firstPage()).items)).toEqual(ids((await plainFirst()).rows));
  expect(ids((await deepPage()).items)).toEqual(ids((await plainDeep()).rows));
  expect(ids((await deepPage()).items)).toEqual(ids((await plainOffset()).rows));

  const section = "3";
  const n = LIST_CASES.toLocaleString("en-US");
  record({
    section,
    measure: `list ${n} cases by next action: first page of 100`,
    store: await median(firstPage, 30),
    baseline: await median(plainFirst, 30),
    unit: "ms",
    baselineName: "SELECT … ORDER BY … LIMIT 100",
  });
  const deepMs = await median(deepPage, 30);
  record({
    section,
    measure: `list by next action: keyset page at row ${depth.toLocaleString("en-US")}`,
    store: deepMs,
    baseline: await median(plainDeep, 30),
    unit: "ms",
    baselineName: "SELECT … WHERE (key, id) > cursor ORDER BY … LIMIT 100",
  });
  record({
    section,
    measure: `list by next action: keyset page at row ${depth.toLocaleString("en-US")}`,
    store: deepMs,
    baseline: await median(plainOffset, 3, 1),
    unit: "ms",
    baselineName: `SELECT … ORDER BY … OFFSET ${depth.toLocaleString("en-US")} LIMIT 100`,
  });

  // The plan of the store's own statement for the deep page, under its row-level security.
  const statement = caseListStatement(
    "bulk",
    undefined,
    caseQuerySchema.parse({ sort: "next-action", limit: 100, after }),
  );
  const connection = await db.app.connect();
  try {
    await connection.query("BEGIN");
    await connection.query("SELECT set_config('incasso.tenant_id', 'bulk', true)");
    const { rows } = await connection.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`,
      statement.values,
    );
    await connection.query("COMMIT");
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toContain("cases_by_next_action");
    expect(plan).not.toMatch(/Seq Scan|Sort Method/);
    const cursorInIndex = /Index Cond: \(.*ROW\(/.test(plan);
    notes.push(
      `EXPLAIN of the store's deep keyset page (section 3), as the application role under row-level security:\n\n\`\`\`\n${plan}\n\`\`\`\n\n` +
        (cursorInIndex
          ? "The cursor's (key, case_id) comparison is an index condition: the page starts where the cursor points."
          : "The index is used for the order, but the cursor's (key, case_id) comparison is only a Filter: the scan starts at the tenant's first row and skips everything before the cursor (see Rows Removed by Filter). Under row-level security PostgreSQL only moves leakproof expressions into index conditions, and COALESCE(next_action_date, 'infinity') is not one; the superuser baseline, which bypasses the policy, gets it as an index condition."),
    );
    log(`EXPLAIN of the deep page:\n${plan}`);
  } finally {
    connection.release();
  }
}

async function dailyRun(db: BenchDatabase, store: CaseStore): Promise<void> {
  const scope = { tenantId: "bulk" };
  const shards = 4;
  const bounds = Array.from({ length: shards + 1 }, (_, k) =>
    bulkCaseId(Math.floor((k * DAILY_CASES) / shards)),
  );
  const io = { readShard: 0, saveDailyRun: 0, saves: [] as number[] };
  const timedStore: CaseStore = {
    ...store,
    async readShard(...args) {
      const started = performance.now();
      const page = await store.readShard(...args);
      io.readShard += performance.now() - started;
      return page;
    },
    async saveDailyRun(...args) {
      const started = performance.now();
      const saved = await store.saveDailyRun(...args);
      const ms = performance.now() - started;
      io.saveDailyRun += ms;
      io.saves.push(ms);
      return saved;
    },
  };
  const shard = (runDate: string, k: number) =>
    runDailyShard(timedStore, scope, {
      runDate,
      caseIdFrom: bounds[k] ?? "",
      caseIdTo: bounds[k + 1] ?? "",
      batchSize: 500,
    });
  /** Checks a day's reports against the stored agenda, answers its number of entries. */
  const check = async (runDate: string, reports: DailyRunReport[]) => {
    expect(reports.reduce((n, report) => n + report.cases, 0)).toBe(DAILY_CASES);
    expect(reports.reduce((n, report) => n + report.skipped, 0)).toBe(0);
    const { rows } = await db.admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM agenda_entries WHERE tenant_id = 'bulk' AND run_date = $1",
      [runDate],
    );
    const entries = reports.reduce((n, report) => n + report.entries, 0);
    expect(rows[0]?.n).toBe(entries);
    return entries;
  };
  /** Between two days, what the nightly autovacuum would have done by then. */
  const overnight = async () => {
    await db.admin.query("VACUUM (ANALYZE) cases");
    await db.admin.query("VACUUM (ANALYZE) agenda_entries");
    io.readShard = 0;
    io.saveDailyRun = 0;
    io.saves = [];
  };
  /** Mean time of the first and of the last 10 saveDailyRun pages of a run. */
  const pageTimes = () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return `${mean(io.saves.slice(0, 10)).toFixed(0)} ms for each of the first 10 pages, ${mean(io.saves.slice(-10)).toFixed(0)} ms for each of the last 10`;
  };

  // Three days in a row, as in production: every case's row is recomputed each day and the day's
  // agenda entries are new. Day 1 is not timed: straight after the bulk load every table page is
  // full, so each row's update moves it to another page and touches every index; from then on the
  // pages keep room for the next versions.
  const [day1, day2, day3] = ["2026-01-31", "2026-02-01", "2026-02-02"] as const;
  const day1Reports: DailyRunReport[] = [];
  const firstMs = await timed(async () => {
    for (let k = 0; k < shards; k++) day1Reports.push(await shard(day1, k));
  });
  await check(day1, day1Reports);
  const firstPages = pageTimes();
  await overnight();
  const reports: DailyRunReport[] = [];
  const sequentialMs = await timed(async () => {
    for (let k = 0; k < shards; k++) reports.push(await shard(day2, k));
  });
  const entries = await check(day2, reports);
  const sequentialIo = { ...io, pages: pageTimes() };
  await overnight();
  const concurrent: DailyRunReport[] = [];
  const concurrentMs = await timed(() =>
    inParallel(2, shards, async (k) => {
      concurrent.push(await shard(day3, k));
    }),
  );
  const concurrentEntries = await check(day3, concurrent);
  const concurrentPages = pageTimes();

  const plain = () =>
    db.admin.query(
      `SELECT case_id, version, body FROM events
       WHERE tenant_id = 'bulk' AND case_id >= $1 AND case_id < $2 ORDER BY case_id, version`,
      [bounds[0], bounds[shards]],
    );
  const { rows } = await plain();
  const baseline = await median(plain, 3, 0);
  const n = DAILY_CASES.toLocaleString("en-US");
  const baselineName = `SELECT of the same ${rows.length.toLocaleString("en-US")} events`;
  record({
    section: "4",
    measure: `daily run over ${n} cases, ${shards} shards in turn`,
    store: sequentialMs,
    baseline,
    unit: "ms",
    baselineName,
  });
  record({
    section: "4",
    measure: `daily run over ${n} cases, ${shards} shards on 2 concurrent workers`,
    store: concurrentMs,
    baseline,
    unit: "ms",
    baselineName,
  });
  const share = (ms: number, total: number) => `${((100 * ms) / total).toFixed(0)} %`;
  const rate = (ms: number) => `${((DAILY_CASES / ms) * 1000).toFixed(0)} cases/s`;
  notes.push(
    `Section 4 ran three days in a row over the same ${n} cases (${entries.toLocaleString("en-US")} and ${concurrentEntries.toLocaleString("en-US")} agenda entries on the timed days): ` +
      `day 1 straight after the bulk load, not in the table, ${(firstMs / 1000).toFixed(1)} s (${rate(firstMs)}; saveDailyRun ${firstPages}); ` +
      `day 2 in turn ${rate(sequentialMs)} (readShard ${share(sequentialIo.readShard, sequentialMs)} of the time, saveDailyRun ${share(sequentialIo.saveDailyRun, sequentialMs)}: ${sequentialIo.pages}; the rest is the core's projectCase and agenda, and the context reads); ` +
      `day 3 on 2 workers ${rate(concurrentMs)} (saveDailyRun ${concurrentPages}).`,
  );
  log(notes.at(-1) ?? "");
}

const url = process.env.DATABASE_URL;

test.skipIf(url === undefined || url === "")("PostgreSQL store benchmarks", async () => {
  const started = performance.now();
  const loadAtStart = loadavg();
  const profile: StatementProfile = new Map();
  const db = await createBenchDatabase(url ?? "", 12);
  try {
    await migrate(db.admin);
    await db.grantApp();
    if (process.env.BENCH_PROFILE) {
      // Statements slower than 300 ms go to the server's log with their plan.
      await db.admin.query(`ALTER DATABASE "${db.name}" SET session_preload_libraries = 'auto_explain';
        ALTER DATABASE "${db.name}" SET auto_explain.log_min_duration = '300ms';
        ALTER DATABASE "${db.name}" SET auto_explain.log_analyze = on`);
    }
    const store = createPostgresStore({
      client: process.env.BENCH_PROFILE ? profiledPool(db.app, profile) : db.app,
    });
    const { rows } = await db.admin.query<{ server_version: string }>("SHOW server_version");
    log(`database ${db.name} on PostgreSQL ${rows[0]?.server_version}, Node ${process.version}`);

    const scope = await setupTenant(store, "bench");
    await appends(db, store, scope);
    await loadCase(db, store, scope);
    const tpl = await templates(db, store);
    const loaded = await loadBulk(db, store, tpl, LIST_CASES);
    expect(loaded.cases).toBe(LIST_CASES);
    notes.push(
      `Section 3 loaded ${LIST_CASES.toLocaleString("en-US")} cases (${loaded.events.toLocaleString("en-US")} events) with COPY in ${(loaded.ms / 1000).toFixed(1)} s, with every index of the migration in place, then ANALYZE.`,
    );
    log(notes.at(-1) ?? "");
    await listing(db, store);
    await dailyRun(db, store);
  } finally {
    await db.dispose();
  }
  if (profile.size > 0) log(`time per statement:\n${profileLines(profile).join("\n")}`);
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(" ");
  notes.push(
    `Machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average (1, 5, 15 min) ${load(loadAtStart)} at the start, ${load(loadavg())} at the end.`,
  );
  console.log(
    `\n${markdownTable(results)}\n\ncost × = the store's time ÷ the baseline's time for the same work (for rates: baseline rate ÷ store rate).\n\n${notes.join("\n\n")}\n\nWhole benchmark: ${minutes} min.\n`,
  );
});
