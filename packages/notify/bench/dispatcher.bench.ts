// Messages per second through the outbox dispatcher to a local SMTP server (the test server of
// this package, a child process on 127.0.0.1), against nodemailer sending the same messages in a
// plain loop to the same server in the same run: the baseline. The dispatcher does per message
// what the baseline does not: claim, read and fold the case, look up the debtor's contacts sent in
// the cap's period, check the hours of contact, append message.sent and mark the message sent.
// Two stores: the in-memory one (the dispatcher's own cost) and PGlite (with a database).
// Both send one message at a time over one pooled connection, without TLS.
//
// Run: pnpm --filter @incasso/notify bench   (BENCH_MESSAGES=300 by default)
import { cpus, loadavg } from "node:os";
import type { CaseStore } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, expect, test } from "vitest";
import { freshPglite } from "../../storage-postgres/test/support/pglite.js";
import { createDispatcher, createSmtpMailer } from "../src/index.js";
import { caseWithMessages, email } from "../test/dispatcher/support/fixtures.js";
import type { TestSmtpServer } from "../test/support/smtp-server.js";
import { startSmtpServer } from "../test/support/smtp-server.js";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300);
const PER_CASE = 10;
const scope = { tenantId: "firm-1" };
const NOW = Temporal.Instant.from("2026-02-02T09:00:00Z");
const log = (line: string) => console.log(`[bench] ${line}`);

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
});

async function seed(store: CaseStore) {
  for (let c = 0; c < MESSAGES / PER_CASE; c++)
    await caseWithMessages(
      store,
      scope,
      `C${c}`,
      Array.from({ length: PER_CASE }, (_, m) => email(`C${c}.M${m}`)),
    );
}

/** nodemailer alone: the same e-mails, one after the other, over one pooled connection. */
async function baseline(): Promise<number> {
  const transport = createTransport({
    pool: true,
    maxConnections: 1,
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++)
    await transport.sendMail({
      messageId: `<baseline.${i}@peeters.example>`,
      from: "dossiers@peeters.example",
      to: "jan.peeters@example.be",
      subject: `Reminder ${i}`,
      text: `Dear debtor,\n\nMessage ${i}.`,
      html: `<!doctype html><html><body><p>Dear debtor,</p><p>Message ${i}.</p></body></html>`,
      headers: { "X-Incasso-Outbox-Key": `baseline.${i}` },
    });
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return MESSAGES / seconds;
}

async function throughDispatcher(store: CaseStore): Promise<number> {
  const mailer = createSmtpMailer({
    host: "127.0.0.1",
    port: smtp.port,
    requireTLS: false,
    pool: { maxConnections: 1 },
  });
  const dispatcher = createDispatcher({
    store,
    scope,
    mailer,
    from: { address: "dossiers@peeters.example" },
    clock: () => NOW,
    workerId: "bench",
    batchSize: 50,
    policy: { cap: null },
  });
  const started = performance.now();
  let sent = 0;
  for (;;) {
    const report = await dispatcher.runOnce();
    expect(report.errors).toEqual([]);
    sent += report.sent.length;
    if (report.claimed === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await mailer.close();
  expect(sent).toBe(MESSAGES);
  return MESSAGES / seconds;
}

test(`the dispatcher sends ${MESSAGES} e-mails to a local SMTP server, against nodemailer in a loop`, async () => {
  log(
    `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, ${MESSAGES} messages`,
  );
  const rows: string[] = [];
  for (const [name, open] of [
    [
      "in-memory store",
      async () => ({ store: createMemoryStore() as CaseStore, close: async () => {} }),
    ],
    [
      "PGlite",
      async () => {
        const db = await freshPglite();
        await migrate(fromPglite(db));
        return { store: createPostgresStore({ client: fromPglite(db) }), close: () => db.close() };
      },
    ],
  ] as const) {
    const { store, close } = await open();
    await seed(store);
    smtp.clear();
    const before = await baseline();
    smtp.clear();
    const dispatched = await throughDispatcher(store);
    expect(smtp.received()).toHaveLength(MESSAGES);
    smtp.clear();
    const after = await baseline();
    const base = (before + after) / 2;
    const line = `| ${name} | ${dispatched.toFixed(1)} | ${base.toFixed(1)} (${before.toFixed(1)}, ${after.toFixed(1)}) | ${(dispatched / base).toFixed(2)} |`;
    rows.push(line);
    log(line);
    await close();
  }
  log("| store | dispatcher msg/s | nodemailer loop msg/s (before, after) | ratio |");
  for (const row of rows) log(row);
  log(
    `load at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
});
