// A writer process for the fault tests: appends to the store on the server named by its argument,
// and reports on stdout, one line a step. The test kills it (SIGKILL) or tells it to go on (stdin).
//
//   node writer.mjs '{"url":…,"tenantId":…,"mode":"batch","pauseAt":5}'
//     appends cases C000..C009 (events, an idempotency key and an outbox message each); with
//     pauseAt, stops inside the transaction of that case, after its events were inserted, and
//     prints "PAUSED <caseId>" (then waits to be killed).
//   node writer.mjs '{"url":…,"tenantId":…,"mode":"append","caseId":"C1","payments":["A1"],"hold":true}'
//     appends one payment per item to one case, re-reading and retrying on a version conflict;
//     with hold, stops inside the first transaction after its events were inserted, prints
//     "HOLDING", and goes on when a line arrives on stdin.
import { createInterface } from "node:readline";
import { StoreConflictError } from "@incasso/core";
import { createPostgresStore, fromPg } from "@incasso/storage-postgres";
import { noteAdded, paymentReceived, sampleCase } from "@incasso/testkit";
import pg from "pg";

const config = JSON.parse(process.argv[2] ?? "{}");
const pool = new pg.Pool({ connectionString: config.url, max: 2 });
const say = (line) => process.stdout.write(`${line}\n`);
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once("line", resolve));

/** The pool's client, with a hook that runs after a statement inserting events. */
function hooked(client, afterEventsInsert) {
  return {
    query: (text, params) => client.query(text, params),
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          query: async (text, params) => {
            const result = await tx.query(text, params);
            if (/insert\s+into\s+(\w+\.)?events\b/i.test(text)) await afterEventsInsert();
            return result;
          },
        }),
      ),
  };
}

const scope = { tenantId: config.tenantId };
let hook = async () => {};
const store = createPostgresStore({ client: hooked(fromPg(pool), () => hook()) });

if (config.mode === "batch") {
  let replayed = 0;
  for (let i = 0; i < 10; i++) {
    const caseId = `C${String(i).padStart(3, "0")}`;
    if (i === config.pauseAt) {
      hook = async () => {
        say(`PAUSED ${caseId}`);
        await new Promise(() => {}); // inside the open transaction, until killed
      };
    }
    const result = await store.append(scope, {
      caseId,
      expectedVersion: 0,
      events: sampleCase(i),
      idempotencyKey: `import-B1-row-${i}`,
      outbox: [{ key: `welcome-${caseId}`, kind: "send-email", payload: { caseId } }],
      asOf: "2026-01-31",
    });
    if (result.replayed) replayed++;
    say(`APPENDED ${caseId} ${result.version}${result.replayed ? " replayed" : ""}`);
  }
  say(`DONE replayed=${replayed}`);
} else if (config.mode === "append") {
  let conflicts = 0;
  let first = config.hold === true;
  for (const payment of config.payments) {
    for (;;) {
      const version = (await store.readEvents(scope, config.caseId)).length;
      if (first) {
        hook = async () => {
          hook = async () => {};
          say("HOLDING");
          await nextLine();
        };
        first = false;
      }
      say(`APPENDING ${payment} at ${version}`);
      try {
        await store.append(scope, {
          caseId: config.caseId,
          expectedVersion: version,
          events: [
            paymentReceived(payment, "1.00", "2025-12-01"),
            noteAdded(`note-${payment}`, "2025-12-01"),
          ],
          asOf: "2026-01-31",
        });
        break;
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        conflicts++;
        say(`CONFLICT ${payment} expected ${error.expectedVersion} actual ${error.actualVersion}`);
      }
    }
  }
  say(`DONE conflicts=${conflicts}`);
}
lines.close();
await pool.end();
