// A host process for the lost-connection tests: one store call whose transaction the server ends,
// then the same call again. It reports on stdout, one line a step, and waits on stdin between
// steps so the test can look at the rows:
//
//   node victim.mjs '{"url":…,"tenantId":…,"mode":"append","fault":"terminate","applicationName":…}'
//
// The call stops inside its transaction after the `pauseAt`-th statement matching the mode's
// pattern; with fault "timeout" it first sets a short idle_in_transaction_session_timeout there.
// It prints "HOLDING" and waits for a line (the test ends the session meanwhile), goes on, prints
// "REJECTED <code> <retryable> <operation>" or "RESOLVED", waits for a line, retries with the hook
// off, prints "RETRIED <result as JSON>" and "DONE". Anything reaching Node's last-resort handlers
// prints "UNCAUGHT …" and exits with 70. With poolListener, the pool has an 'error' listener, as a
// host's should; without one, pg would raise an idle connection's error at the process.
import { createInterface } from "node:readline";
import { runDailyShard } from "@incasso/core";
import { createPostgresStore, fromPg, rebuildProjections } from "@incasso/storage-postgres";
import { noteAdded, paymentReceived } from "@incasso/testkit";
import pg from "pg";

const say = (line) => process.stdout.write(`${line}\n`);
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    say(`UNCAUGHT ${event} ${error?.message ?? error}`);
    process.exit(70);
  });
}

const config = JSON.parse(process.argv[2] ?? "{}");
const pool = new pg.Pool({
  connectionString: config.url,
  max: 2,
  application_name: config.applicationName,
});
if (config.poolListener === true) pool.on("error", (error) => say(`POOL-ERROR ${error.message}`));
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once("line", resolve));

/** The statement each call stops after. */
const PAUSE_AFTER = {
  append: /insert\s+into\s+events\b/i,
  daily: /insert\s+into\s+agenda_entries\b/i,
  claim: /update\s+outbox\b/i,
  rebuild: /insert\s+into\s+cases\b/i,
};

let armed = true;
let seen = 0;
/** The pool's client, stopping inside the transaction after the chosen statement. */
function hooked(client) {
  return {
    query: (text, params) => client.query(text, params),
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          query: async (text, params) => {
            const result = await tx.query(text, params);
            if (armed && PAUSE_AFTER[config.mode].test(text) && ++seen === (config.pauseAt ?? 1)) {
              armed = false;
              if (config.fault === "timeout") {
                await tx.query("SET LOCAL idle_in_transaction_session_timeout = '50ms'");
              }
              say("HOLDING");
              await nextLine();
            }
            return result;
          },
        }),
      ),
  };
}

const client = hooked(fromPg(pool));
const store = createPostgresStore({ client });
const scope = { tenantId: config.tenantId };

const calls = {
  append: () =>
    store.append(scope, {
      caseId: "C1",
      expectedVersion: config.expectedVersion,
      events: [paymentReceived("V1", "10.00", "2025-12-01"), noteAdded("note-V1", "2025-12-01")],
      idempotencyKey: "bank-line-V1",
      outbox: [{ key: "receipt-V1", kind: "send-email", payload: { template: "receipt" } }],
      asOf: "2026-01-31",
    }),
  daily: () => runDailyShard(store, scope, { runDate: "2026-02-15", batchSize: 5 }),
  claim: () => store.claimOutbox(scope, { worker: "w1", now: "2026-01-31T09:00:00Z", limit: 10 }),
  rebuild: () =>
    rebuildProjections(client, { tenantId: config.tenantId, asOf: "2026-01-31", batchSize: 5 }),
};

try {
  await calls[config.mode]();
  say("RESOLVED");
} catch (error) {
  say(`REJECTED ${error.code} ${error.retryable} ${error.operation} ${error.constructor.name}`);
  say(`MESSAGE ${error.message}`);
}
await nextLine();
const result = await calls[config.mode]();
say(`RETRIED ${JSON.stringify(result)}`);
say("DONE");
lines.close();
await pool.end();
