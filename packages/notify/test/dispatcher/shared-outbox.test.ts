import { fork } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { CaseEventJson, CaseStore, Mailer } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../../storage-postgres/test/support/pglite.js";
import { createTestDatabase, serverUrl } from "../../../storage-postgres/test/support/server.js";
import { createDispatcher, createSmtpMailer } from "../../src/index.js";
import type { TestSmtpServer } from "../support/smtp-server.js";
import { startSmtpServer } from "../support/smtp-server.js";
import { bundleChild } from "./support/child-bundle.js";
import { caseWithMessages, email } from "./support/fixtures.js";

const scope = { tenantId: "firm-1" };
// Monday 2 February 2026, 10:00 in Brussels.
const NOW = Temporal.Instant.from("2026-02-02T09:00:00Z");

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer({ tls: true });
});
afterAll(async () => {
  await smtp?.stop();
});

/** Two stores on one database, as two processes would have, and how to close them. */
interface SharedDatabase {
  readonly stores: readonly [CaseStore, CaseStore];
  readonly url?: string;
  close(): Promise<void>;
}

async function onPglite(): Promise<SharedDatabase> {
  const db = await freshPglite();
  await migrate(fromPglite(db));
  return {
    stores: [
      createPostgresStore({ client: fromPglite(db) }),
      createPostgresStore({ client: fromPglite(db) }),
    ],
    close: () => db.close(),
  };
}

async function onServer(): Promise<SharedDatabase> {
  const db = await createTestDatabase();
  await migrate(db.pool);
  const a = new pg.Pool({ connectionString: db.url, max: 3 });
  const b = new pg.Pool({ connectionString: db.url, max: 3 });
  return {
    stores: [createPostgresStore({ client: a }), createPostgresStore({ client: b })],
    url: db.url,
    async close() {
      await a.end();
      await b.end();
      await db.dispose();
    },
  };
}

/** A mailer to the test server, over STARTTLS with its certificate. */
const mailerOf = (server: TestSmtpServer) =>
  createSmtpMailer({ host: server.host, port: server.port, tls: { ca: server.ca as string } });

const messageIds = async () => (await smtp.messages()).map((mail) => mail.messageId);

for (const [name, open, available] of [
  ["PGlite", onPglite, true],
  ["the PostgreSQL server", onServer, serverUrl() !== undefined],
] as const) {
  describe.skipIf(!available)(`the dispatcher on ${name}`, () => {
    it("two dispatchers sharing one outbox send every message, none twice", {
      timeout: 120_000,
    }, async () => {
      smtp.clear();
      const db = await open();
      try {
        const [one] = db.stores;
        const keys: string[] = [];
        for (let c = 1; c <= 4; c++) {
          // Keys as the core writes them, with ":" (not RFC 5322 atext): the Message-IDs encode it.
          const messages = Array.from({ length: 4 }, (_, m) =>
            email(`act:C${c}:REM${m}:2026-02-02:send-email`),
          );
          keys.push(...messages.map((m) => m.key));
          await caseWithMessages(one, scope, `C${c}`, messages);
        }
        const mailers = [mailerOf(smtp), mailerOf(smtp)];
        const dispatchers = db.stores.map((store, i) =>
          createDispatcher({
            store,
            scope,
            mailer: mailers[i] as Mailer,
            from: { address: "dossiers@peeters.example" },
            clock: () => NOW,
            workerId: `w${i + 1}`,
            batchSize: 4,
            policy: { cap: null },
          }),
        );
        const drain = async (dispatcher: (typeof dispatchers)[number]) => {
          const sent: string[] = [];
          for (;;) {
            const report = await dispatcher.runOnce();
            expect(report.errors).toEqual([]);
            sent.push(...report.sent.map((s) => s.id));
            if (report.claimed === 0) return sent;
          }
        };
        const [a, b] = await Promise.all(dispatchers.map(drain));
        await Promise.all(mailers.map((m) => m.close()));
        expect([...(a ?? []), ...(b ?? [])].sort()).toEqual([...keys].sort());
        expect(a?.length).toBeGreaterThan(0);
        expect(b?.length).toBeGreaterThan(0);
        const ids = await messageIds();
        expect(ids).toHaveLength(16);
        expect(new Set(ids).size).toBe(16);
        expect(new Set(ids)).toEqual(
          new Set(keys.map((k) => `<${k.replace(/:/g, "+")}@peeters.example>`)),
        );
        const outbox = await one.listOutbox(scope, { limit: 100 });
        expect(outbox.every((m) => m.status === "sent" && m.attempts === 1)).toBe(true);
        for (let c = 1; c <= 4; c++) {
          const sentEvents = (await one.readEvents(scope, `C${c}`)).filter(
            (e) => (e.event as CaseEventJson).type === "message.sent",
          );
          expect(sentEvents).toHaveLength(4);
        }
      } finally {
        await db.close();
      }
    });
  });
}

describe.skipIf(serverUrl() === undefined)(
  "a dispatcher killed between the send and the mark",
  () => {
    // A key with ":" and a dot beside another: both encoded in the Message-ID, the same each time.
    const KEY = "act:C1:REM1..2026-02-02:send-email";
    const MESSAGE_ID = "<act+C1+REM1~~2026-02-02+send-email@peeters.example>";
    it("leaves the message claimed; after the lease another dispatcher sends it again with the same Message-ID and records it once", {
      timeout: 120_000,
    }, async () => {
      smtp.clear();
      const db = await onServer();
      const child = await bundleChild(
        join(import.meta.dirname, "support", "crash-child.ts"),
        "crash-child",
      );
      try {
        const [store] = db.stores;
        await caseWithMessages(store, scope, "C1", [email(KEY)]);
        const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
          (resolve, reject) => {
            const process = fork(child, [], {
              env: {
                ...globalThis.process.env,
                INCASSO_DB_URL: db.url,
                INCASSO_SMTP_PORT: String(smtp.port),
                INCASSO_SMTP_CA: smtp.ca,
                INCASSO_NOW: NOW.toString(),
                INCASSO_LEASE_SECONDS: "60",
              },
              stdio: "inherit",
            });
            process.on("error", reject);
            process.on("exit", (code, signal) => resolve({ code, signal }));
          },
        );
        expect(exit).toEqual({ code: null, signal: "SIGKILL" });
        expect(await messageIds()).toEqual([MESSAGE_ID]);
        const [left] = await store.listOutbox(scope);
        expect(left).toMatchObject({ status: "claimed", claimedBy: "doomed", attempts: 1 });
        const events = async () =>
          (await store.readEvents(scope, "C1")).map((e) => e.event as CaseEventJson);
        expect((await events()).some((e) => e.type === "message.sent")).toBe(false);

        const mailer = mailerOf(smtp);
        const second = createDispatcher({
          store,
          scope,
          mailer,
          from: { address: "dossiers@peeters.example" },
          clock: () => NOW.add({ seconds: 60 }),
          workerId: "survivor",
        });
        const report = await second.runOnce();
        await mailer.close();
        expect(report.sent.map((s) => s.id)).toEqual([KEY]);
        expect(await messageIds()).toEqual([MESSAGE_ID, MESSAGE_ID]);
        expect((await events()).filter((e) => e.type === "message.sent")).toHaveLength(1);
        expect((await store.listOutbox(scope))[0]).toMatchObject({
          status: "sent",
          claimedBy: "survivor",
          attempts: 2,
        });
      } finally {
        rmSync(child, { force: true });
        await db.close();
      }
    });
  },
);
