// How long the store holds a transaction open (BEGIN sent to COMMIT or ROLLBACK answered) for an
// append to a long case and for a projection rebuild, on the server named by DATABASE_URL, with
// the built package (`pnpm --filter @incasso/storage-postgres build` first):
//
//   DATABASE_URL=postgres://… node packages/storage-postgres/bench/hold-times.mjs
//
// Prints one line per measure: the transactions that wrote or locked (what a concurrent writer
// waits for) and those that only read, each with its median and longest hold. STORE_MODULE names
// another build of the package to measure (a path to its dist/index.js), for a comparison.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { noteAdded, paymentReceived, sampleCase } from "@incasso/testkit";
import pg from "pg";

const { createPostgresStore, migrate, rebuildProjections } = await import(
  process.env.STORE_MODULE === undefined
    ? "@incasso/storage-postgres"
    : pathToFileURL(process.env.STORE_MODULE).href
);

const url = process.env.DATABASE_URL;
if (url === undefined || url === "") throw new Error("DATABASE_URL is not set");
const name = `incasso_hold_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: 4 });
pool.on("error", () => {});

/** Every transaction's hold time in milliseconds, and whether it wrote or locked. */
let holds = [];
/** The pool, with connections that time each BEGIN … COMMIT/ROLLBACK. */
const timedPool = {
  query: (text, params) => pool.query(text, params),
  async connect() {
    const connection = await pool.connect();
    let began = 0;
    let writes = false;
    return {
      async query(text, params) {
        if (text === "BEGIN") {
          began = performance.now();
          writes = false;
        }
        if (/\b(INSERT|UPDATE|DELETE|FOR UPDATE|pg_advisory_xact_lock)\b/.test(text)) writes = true;
        const result = await connection.query(text, params);
        if (text === "COMMIT" || text === "ROLLBACK") {
          holds.push({ ms: performance.now() - began, writes });
        }
        return result;
      },
      on: (event, listener) => connection.on(event, listener),
      removeListener: (event, listener) => connection.removeListener(event, listener),
      release: (error) => connection.release(error),
    };
  },
};

const summary = (label) => {
  const line = (kind, list) => {
    const sorted = list.map((hold) => hold.ms).sort((a, b) => a - b);
    if (sorted.length === 0) return `no ${kind}`;
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const longest = sorted.at(-1) ?? 0;
    return `${sorted.length} ${kind}, median ${median.toFixed(2)} ms, longest ${longest.toFixed(2)} ms`;
  };
  console.log(
    `${label}:\n  ${line(
      "writing",
      holds.filter((hold) => hold.writes),
    )}\n  ${line(
      "reading",
      holds.filter((hold) => !hold.writes),
    )}`,
  );
  holds = [];
};

try {
  await migrate(pool);
  const store = createPostgresStore({ client: timedPool });
  const scope = { tenantId: "hold" };
  await store.putClient(scope, { id: "acme", name: "Acme NV" });

  // A case of about 400 events: the opening, then 200 payments with a note each.
  const opening = sampleCase(1);
  await store.append(scope, {
    caseId: "LONG",
    expectedVersion: 0,
    events: opening,
    asOf: "2026-01-31",
  });
  let version = opening.length;
  for (let i = 0; i < 200; i++) {
    const { version: next } = await store.append(scope, {
      caseId: "LONG",
      expectedVersion: version,
      events: [
        paymentReceived(`W${i}`, "0.01", "2025-12-01"),
        noteAdded(`note-W${i}`, "2025-12-01"),
      ],
      asOf: "2026-01-31",
    });
    version = next;
  }
  holds = [];
  const started = performance.now();
  for (let i = 0; i < 20; i++) {
    const { version: next } = await store.append(scope, {
      caseId: "LONG",
      expectedVersion: version,
      events: [paymentReceived(`M${i}`, "0.01", "2025-12-02")],
      idempotencyKey: `hold-${i}`,
      asOf: "2026-01-31",
    });
    version = next;
  }
  const perAppend = (performance.now() - started) / 20;
  summary(`append to a case of ${version} events (20 appends, ${perAppend.toFixed(2)} ms each)`);

  for (let i = 0; i < 1000; i++) {
    await store.append(scope, {
      caseId: `R${String(i).padStart(4, "0")}`,
      expectedVersion: 0,
      events: sampleCase(i),
      asOf: "2026-01-31",
    });
  }
  holds = [];
  const rebuildStarted = performance.now();
  const report = await rebuildProjections(timedPool, { tenantId: "hold", asOf: "2026-02-28" });
  const rebuildMs = performance.now() - rebuildStarted;
  summary(
    `rebuild of ${report.cases} cases in pages of 500 (${report.pages} pages, ${rebuildMs.toFixed(0)} ms in all)`,
  );
} finally {
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
