// Helpers of the PostgreSQL benchmarks: a database and an application role of their own on the
// server, timing, COPY, and the table of results.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { runOnce } from "../test/support/server.js";

/** A scratch database on the server, a superuser pool on it and a pool of an ordinary role. */
export interface BenchDatabase {
  readonly name: string;
  /** Connection URLs of the superuser and of the application role on the database. */
  readonly adminUrl: string;
  readonly appUrl: string;
  /** Superuser connections: migrations, bulk loads and the plain-SQL baselines. */
  readonly admin: pg.Pool;
  /**
   * Connections of an ordinary role (no BYPASSRLS), as an application connects: the store runs on
   * these, so the row-level security policies apply as in production.
   */
  readonly app: pg.Pool;
  /** Grants the application role what the store needs on every table (after the migrations). */
  grantApp(): Promise<void>;
  /** Ends both pools, drops the database and the role. */
  dispose(): Promise<void>;
}

/** Creates `incasso_bench_<hex>` and a login role of the same name on the server at `url`. */
export async function createBenchDatabase(url: string, poolSize: number): Promise<BenchDatabase> {
  const name = `incasso_bench_${randomBytes(6).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await runOnce(url, `CREATE DATABASE "${name}"`);
  await runOnce(url, `CREATE ROLE "${name}" LOGIN PASSWORD '${password}'`);
  const adminUrl = new URL(url);
  adminUrl.pathname = `/${name}`;
  const appUrl = new URL(adminUrl);
  appUrl.username = name;
  appUrl.password = password;
  const admin = new pg.Pool({ connectionString: adminUrl.toString(), max: poolSize });
  const app = new pg.Pool({ connectionString: appUrl.toString(), max: poolSize });
  let disposed = false;
  return {
    name,
    adminUrl: adminUrl.toString(),
    appUrl: appUrl.toString(),
    admin,
    app,
    async grantApp() {
      await admin.query(`GRANT USAGE ON SCHEMA public TO "${name}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${name}";
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${name}"`);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await Promise.allSettled([admin.end(), app.end()]);
      await runOnce(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await runOnce(url, `DROP ROLE IF EXISTS "${name}"`);
    },
  };
}

/** Milliseconds taken by `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The median of `runs` timings of `work` (after `warmup` untimed runs), in milliseconds. */
export async function median(
  work: () => Promise<unknown>,
  runs: number,
  warmup = 2,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(work));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Runs `count` async loops at once; each takes the indices `worker, worker + count, ...`. */
export async function inParallel(
  count: number,
  total: number,
  work: (index: number) => Promise<unknown>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, worker) => {
      for (let index = worker; index < total; index += count) await work(index);
    }),
  );
}

/** A value for COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyText(value: string | number | null): string {
  if (value === null) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}

/**
 * Streams lines (already in COPY text format, each ending in a newline) into `COPY <target> FROM
 * STDIN` on a connection of `pool` set up by `setup` (such as `SET synchronous_commit = off`).
 */
export async function copyLines(
  pool: pg.Pool,
  target: string,
  lines: Iterable<string>,
  setup?: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    if (setup !== undefined) await client.query(setup);
    const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    await pipeline(Readable.from(chunked(lines)), stream);
  } finally {
    client.release();
  }
}

/** Joins lines into chunks of about a megabyte (far fewer stream writes than one per line). */
function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** One line of the results: what was measured on the store, and the plain-SQL baseline. */
export interface Result {
  readonly section: string;
  readonly measure: string;
  /** The store's figure and the baseline's, in `unit`. */
  readonly store: number;
  readonly baseline: number;
  readonly unit: "ms" | "/s";
  readonly baselineName: string;
}

/** How many times the baseline's speed the store's cost is (1.0 = as fast as plain SQL). */
export function ratio(result: Result): number {
  return result.unit === "ms" ? result.store / result.baseline : result.baseline / result.store;
}

const figure = (value: number, unit: Result["unit"]) =>
  unit === "ms"
    ? `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString("en-US")} ms`
    : `${Math.round(value).toLocaleString("en-US")}/s`;

/** The results as a markdown table. */
export function markdownTable(results: readonly Result[]): string {
  const lines = [
    "| # | measure | store | plain SQL baseline | baseline | cost × |",
    "|---|---|---:|---|---:|---:|",
  ];
  for (const result of results) {
    lines.push(
      `| ${result.section} | ${result.measure} | ${figure(result.store, result.unit)} | ${result.baselineName} | ${figure(result.baseline, result.unit)} | ${ratio(result).toFixed(2)} |`,
    );
  }
  return lines.join("\n");
}

/** Time spent per SQL statement (keyed by its first 90 characters, whitespace collapsed). */
export type StatementProfile = Map<string, { calls: number; ms: number }>;

/**
 * A pool whose connections time every statement into `profile` (BENCH_PROFILE=1): what the store's
 * calls spend their database time on.
 */
export function profiledPool(pool: pg.Pool, profile: StatementProfile): PgPoolLikeWithQuery {
  const timedQuery =
    (target: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }) =>
    async (text: string, params?: unknown[]) => {
      const started = performance.now();
      try {
        return await target.query(text, params);
      } finally {
        const key = text.replace(/\s+/g, " ").trim().slice(0, 90);
        const entry = profile.get(key) ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += performance.now() - started;
        profile.set(key, entry);
      }
    };
  return {
    query: timedQuery(pool) as PgPoolLikeWithQuery["query"],
    async connect() {
      const connection = await pool.connect();
      return {
        query: timedQuery(connection) as PgPoolLikeWithQuery["query"],
        release: (error?: Error | boolean) => connection.release(error),
      };
    },
  };
}

/** The shape of a node-postgres pool the store accepts (its `PgPoolLike`). */
export interface PgPoolLikeWithQuery {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ readonly rows: Row[] }>;
  connect(): Promise<{
    query<Row = Record<string, unknown>>(
      text: string,
      params?: unknown[],
    ): Promise<{ readonly rows: Row[] }>;
    release(error?: Error | boolean): void;
  }>;
}

/** The profile as lines, most time first. */
export function profileLines(profile: StatementProfile, top = 25): string[] {
  return [...profile.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, top)
    .map(
      ([key, { calls, ms }]) =>
        `${ms.toFixed(0).padStart(8)} ms ${String(calls).padStart(7)} calls  ${key}`,
    );
}
