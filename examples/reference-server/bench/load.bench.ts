// The reference server under load: a server on PostgreSQL with BENCH_CASES cases (100,000 by
// default), 50 portal users and 10 clerks signed in, each a connection of its own cycling through
// its pages for BENCH_SECONDS (30) with autocannon in a child process, on 127.0.0.1. Every page's
// requests per second and p95 latency are set against the static stylesheet of the same server in
// the same run: alone with the same 60 connections first (the server's ceiling), and as one more
// connection during the mixed run.
//
// The cases are seeded fast: the demo's cases of the Belgian firm (appended through the store, so
// their events and rows are the real ones) are copied N times by the database itself, one
// INSERT … SELECT over generate_series per table (events, with their case keys written by the
// store's own trigger; case rows; the agenda entries of one copy in a hundred, so that today's
// agenda holds about 1 % of the cases, not every copy's), each copy with its own case id, case
// number and client reference.
//
// Run: DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/incasso_test pnpm --filter @incasso/reference-server bench
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import type { TestDatabase } from "../../../packages/storage-postgres/test/support/server.js";
import { createTestDatabase } from "../../../packages/storage-postgres/test/support/server.js";
import { createUser } from "../src/auth/users.js";
import type { DemoLogin } from "../src/demo/logins.js";
import { DEMO_CLIENTS, DEMO_TENANTS } from "../src/demo/logins.js";
import type { TestServer } from "../test/support/server.js";
import { startTestServer } from "../test/support/server.js";

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
/** A clerk's page that does not answer its first request in this time is left out of the run. */
const PROBE_MS = Number(process.env.BENCH_PROBE_SECONDS ?? 60) * 1000;
const PORTAL_USERS = Number(process.env.BENCH_PORTAL_USERS ?? 50);
const CLERKS = Number(process.env.BENCH_CLERKS ?? 10);
const TENANT = DEMO_TENANTS.belgium;
const run = promisify(execFile);

let db: TestDatabase | undefined;
let server: TestServer | undefined;

afterAll(async () => {
  await server?.close();
  await db?.dispose();
});

const log = (line: string) => process.stdout.write(`${line}\n`);

interface PageStats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  mean: number;
}
interface CannonResult {
  seconds: number;
  pages: Record<string, PageStats>;
  statuses: Record<string, number>;
}
interface CannonUser {
  name: string;
  cookie: string;
  pages: { page: string; paths: string[] }[];
}

async function cannon(
  baseUrl: string,
  duration: number,
  users: CannonUser[],
): Promise<CannonResult> {
  const script = fileURLToPath(new URL("./cannon.mjs", import.meta.url));
  const folder = await mkdtemp(join(tmpdir(), "incasso-cannon-"));
  const file = join(folder, "input.json");
  await writeFile(file, JSON.stringify({ baseUrl, duration, users }));
  const { stdout } = await run(process.execPath, [script, file], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: (duration + 120) * 1000,
  });
  await rm(folder, { recursive: true, force: true });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as CannonResult;
}

async function seedBulk(database: TestDatabase): Promise<{ ms: number; events: number }> {
  const started = performance.now();
  const sql = database.pool;
  await sql.query(
    `CREATE TEMP TABLE tpl AS
       SELECT (row_number() OVER (ORDER BY case_id)) - 1 AS idx, case_id
       FROM cases WHERE tenant_id = $1 AND client_id = ANY($2)`,
    [TENANT, [DEMO_CLIENTS.beB2b, DEMO_CLIENTS.beConsumer]],
  );
  const { rows } = await sql.query<{ n: string }>("SELECT count(*) AS n FROM tpl");
  const templates = Number(rows[0]?.n ?? 0);
  if (templates === 0) throw new Error("the demo has no Belgian cases to copy");
  const id = "'L' || lpad(g::text, 6, '0')";
  await sql.query("SET synchronous_commit = off");
  await sql.query(
    `INSERT INTO events (tenant_id, case_id, version, type, at, recorded_at, body)
     SELECT e.tenant_id, ${id}, e.version, e.type, e.at, e.recorded_at,
       CASE WHEN e.type = 'case.opened'
         THEN jsonb_set(jsonb_set(e.body, '{caseNumber}', to_jsonb('L/' || lpad(g::text, 6, '0'))),
                        '{client,reference}', to_jsonb('LREF-' || g))
         ELSE e.body END
     FROM generate_series(0, $2 - 1) g
     JOIN tpl t ON t.idx = g % $3
     JOIN events e ON e.tenant_id = $1 AND e.case_id = t.case_id`,
    [TENANT, CASES, templates],
  );
  await sql.query(
    `INSERT INTO cases (tenant_id, case_id, client_id, case_number, owner, collection_group, status,
       balance, problem_code, problem_message, days_past_due, aging_bucket, next_action_date,
       last_contact, debtor_ids, version, as_of, agenda_run_date)
     SELECT c.tenant_id, ${id}, c.client_id, 'L/' || lpad(g::text, 6, '0'), c.owner, c.collection_group,
       c.status, c.balance, c.problem_code, c.problem_message, c.days_past_due, c.aging_bucket,
       c.next_action_date, c.last_contact, c.debtor_ids, c.version, c.as_of, c.agenda_run_date
     FROM generate_series(0, $2 - 1) g
     JOIN tpl t ON t.idx = g % $3
     JOIN cases c ON c.tenant_id = $1 AND c.case_id = t.case_id`,
    [TENANT, CASES, templates],
  );
  await sql.query(
    `INSERT INTO agenda_entries (tenant_id, entry_id, run_date, case_id, client_id, owner,
       collection_group, scenario_id, step, action_id, activity, due_date, approval, balance, status,
       disposition)
     SELECT a.tenant_id, a.entry_id || '-L' || g, a.run_date, ${id}, a.client_id, a.owner,
       a.collection_group, a.scenario_id, a.step, a.action_id, a.activity, a.due_date, a.approval,
       a.balance, a.status, a.disposition
     FROM generate_series(0, $2 - 1) g
     JOIN tpl t ON t.idx = g % $3
     JOIN agenda_entries a ON a.tenant_id = $1 AND a.case_id = t.case_id
     WHERE g % 100 = 0`,
    [TENANT, CASES, templates],
  );
  await sql.query("ANALYZE");
  const counted = await sql.query<{ n: string }>(
    "SELECT count(*) AS n FROM events WHERE tenant_id = $1",
    [TENANT],
  );
  return { ms: performance.now() - started, events: Number(counted.rows[0]?.n ?? 0) };
}

async function signInUsers(
  testServer: TestServer,
  role: "portal" | "clerk",
  count: number,
): Promise<{ login: DemoLogin; cookie: string }[]> {
  const out: { login: DemoLogin; cookie: string }[] = [];
  for (let index = 0; index < count; index++) {
    const client =
      role === "portal" ? (index % 2 === 0 ? DEMO_CLIENTS.beB2b : DEMO_CLIENTS.beConsumer) : null;
    const login: DemoLogin = {
      userId: `bench-${role}-${index}`,
      name: `Bench ${role} ${index}`,
      email: `bench-${role}-${index}@bench.example`,
      password: `bench-password-${role}-${index}`,
      role,
      tenant: TENANT,
      client,
      language: "nl",
    };
    await createUser(testServer.services, TENANT, {
      userId: login.userId,
      email: login.email,
      name: login.name,
      role,
      clientId: client,
      language: "nl",
      password: login.password,
    });
    out.push({ login, cookie: (await testServer.session(login)).cookie });
  }
  return out;
}

const table = (rows: string[][]) =>
  rows
    .map(
      (row, index) =>
        `| ${row.join(" | ")} |${index === 0 ? `\n|${row.map(() => " --- ").join("|")}|` : ""}`,
    )
    .join("\n");

it(`serves ${PORTAL_USERS} portal users and ${CLERKS} clerks over ${CASES} cases`, async () => {
  const database = await createTestDatabase();
  db = database;
  let t0 = performance.now();
  const testServer = await startTestServer({
    databaseUrl: db.url,
    loginLimit: { maxFailures: 1000, windowMinutes: 1 },
  });
  server = testServer;
  log(`server with the demo data: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const seeded = await seedBulk(database);
  log(
    `seeded ${CASES.toLocaleString("en-US")} more cases (${seeded.events.toLocaleString("en-US")} events in the firm) in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
  t0 = performance.now();
  const portal = await signInUsers(testServer, "portal", PORTAL_USERS);
  const clerks = await signInUsers(testServer, "clerk", CLERKS);
  log(
    `created and signed in ${PORTAL_USERS + CLERKS} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const caseIds = async (client: string | null) =>
    (
      await database.pool.query<{ case_id: string }>(
        `SELECT case_id FROM cases WHERE tenant_id = $1 ${client === null ? "" : "AND client_id = $2"} ORDER BY md5(case_id) LIMIT 500`,
        client === null ? [TENANT] : [TENANT, client],
      )
    ).rows.map((row) => row.case_id);
  const ofClient: Record<string, string[]> = {
    [DEMO_CLIENTS.beB2b]: await caseIds(DEMO_CLIENTS.beB2b),
    [DEMO_CLIENTS.beConsumer]: await caseIds(DEMO_CLIENTS.beConsumer),
  };
  const firmCases = await caseIds(null);
  const baseUrl = await testServer.listen();
  const portalCookie = portal[0]?.cookie ?? "";
  const clerkCookie = clerks[0]?.cookie ?? "";

  // The clerk's pages that this server has (each answers 200 for a clerk before the run).
  // The agenda last: a clerk whose agenda is slow still measures the case list and case sheet.
  const clerkCandidates = [
    { page: "case list", paths: ["/cases"] },
    {
      page: "case sheet",
      paths: firmCases.slice(0, 200).map((id) => `/cases/${encodeURIComponent(id)}`),
    },
    { page: "agenda", paths: ["/agenda"] },
    { page: "reports", paths: ["/work/reports"] },
  ];
  const clerkPages: { page: string; paths: string[] }[] = [];
  for (const candidate of clerkCandidates) {
    const probeStarted = performance.now();
    try {
      const answer = await fetch(`${baseUrl}${candidate.paths[0]}`, {
        headers: { cookie: clerkCookie },
        signal: AbortSignal.timeout(PROBE_MS),
      });
      await answer.arrayBuffer();
      const ms = performance.now() - probeStarted;
      log(`${candidate.page}: first request answered ${answer.status} in ${ms.toFixed(0)} ms`);
      if (answer.status === 200) clerkPages.push(candidate);
      else
        log(
          `left out for clerks: ${candidate.page} (${candidate.paths[0]} answered ${answer.status})`,
        );
    } catch (error) {
      log(
        `left out for clerks: ${candidate.page} (${candidate.paths[0]} did not answer within ${PROBE_MS / 1000} s: ${error instanceof Error ? error.name : String(error)})`,
      );
    }
  }
  const portalPages = (client: string) => {
    const ids = ofClient[client] ?? [];
    return [
      { page: "portal list", paths: ["/portal"] },
      { page: "portal case", paths: ids.map((id) => `/portal/cases/${encodeURIComponent(id)}`) },
      { page: "portal API list", paths: ["/api/portal/cases", "/api/portal/cases?state=closed"] },
      {
        page: "portal search",
        paths: ids
          .slice(0, 100)
          .map((id) => `/portal?q=${encodeURIComponent(id.replace("L", "L/"))}`),
      },
    ];
  };
  for (const [name, pages] of [
    ["portal", portalPages(DEMO_CLIENTS.beB2b)],
    ["clerk", clerkPages],
  ] as const) {
    for (const page of pages) {
      const cookie = name === "portal" ? portalCookie : clerkCookie;
      const answer = await fetch(`${baseUrl}${page.paths[0]}`, { headers: { cookie } });
      await answer.arrayBuffer();
      expect(answer.status, `${page.page} ${page.paths[0]}`).toBe(200);
    }
  }

  const staticPage = { page: "static /static/app.css", paths: ["/static/app.css"] };
  log(
    `baseline: the static stylesheet alone, ${PORTAL_USERS + CLERKS} connections, ${BASELINE_SECONDS} s`,
  );
  const baseline = await cannon(
    baseUrl,
    BASELINE_SECONDS,
    [...portal, ...clerks].map((user) => ({
      name: user.login.userId,
      cookie: user.cookie,
      pages: [staticPage],
    })),
  );
  log(
    `mixed run: ${PORTAL_USERS} portal users, ${CLERKS} clerks and one static probe, ${SECONDS} s`,
  );
  const mixed = await cannon(baseUrl, SECONDS, [
    ...portal.map((user) => ({
      name: user.login.userId,
      cookie: user.cookie,
      pages: portalPages(user.login.client ?? ""),
    })),
    ...clerks.map((user) => ({ name: user.login.userId, cookie: user.cookie, pages: clerkPages })),
    { name: "probe", cookie: portalCookie, pages: [staticPage] },
  ]);
  log(`raw: ${JSON.stringify({ baseline, mixed })}`);
  const base = baseline.pages[staticPage.page];
  const probe = mixed.pages[staticPage.page];
  if (base === undefined || probe === undefined)
    throw new Error("the static route was not measured");
  const rows = [
    [
      "page",
      "requests",
      "req/s",
      "p50 ms",
      "p95 ms",
      "req/s ÷ static alone",
      "p95 ÷ static alone",
      "p95 ÷ static probe",
    ],
    [
      `${staticPage.page} (alone, ${PORTAL_USERS + CLERKS} conn.)`,
      String(base.requests),
      base.rps.toFixed(1),
      base.p50.toFixed(1),
      base.p95.toFixed(1),
      "1",
      "1",
      "",
    ],
    ...Object.entries(mixed.pages).map(([page, stats]) => {
      // A page whose every request failed or timed out has no latency to show.
      const answered = stats.p95 !== undefined && stats.p95 !== null;
      return [
        page,
        String(stats.requests),
        stats.rps.toFixed(1),
        answered ? stats.p50.toFixed(1) : "—",
        answered ? stats.p95.toFixed(1) : "—",
        (stats.rps / base.rps).toFixed(4),
        answered ? (stats.p95 / base.p95).toFixed(1) : "—",
        answered ? (stats.p95 / probe.p95).toFixed(2) : "—",
      ];
    }),
  ];
  log(`\n${table(rows)}\n`);
  log(`statuses: ${JSON.stringify(mixed.statuses)}`);
  const failures = Object.entries(mixed.statuses).filter(([key]) => !/ 200$/.test(key));
  expect(failures).toEqual([]);
});
