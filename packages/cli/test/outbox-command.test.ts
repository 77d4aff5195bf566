import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseWithMessages, email } from "../../notify/test/dispatcher/support/fixtures.js";
import type { TestSmtpServer } from "../../notify/test/support/smtp-server.js";
import { startSmtpServer } from "../../notify/test/support/smtp-server.js";
import { createTestDatabase, serverUrl } from "../../storage-postgres/test/support/server.js";
import type { CliIo } from "../src/index.js";
import { main } from "../src/index.js";
import { openStore } from "../src/open-store.js";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** An owner's alert (no case: sent at any hour) and a reminder to a debtor without an e-mail address. */
async function seed(db: string) {
  const opened = await openStore(db, "firm-1");
  try {
    await opened.store.enqueueOutbox(opened.scope, [
      {
        key: "alert:an.peeters:2026-02-02",
        kind: "send-email",
        payload: { to: "an.peeters@peeters.example", subject: "1 case needs you", text: "C1" },
      },
    ]);
    await caseWithMessages(opened.store, opened.scope, "C1", [email("C1.M1")], { email: null });
  } finally {
    await opened.close();
  }
}

const targets: [string, () => Promise<{ db: string; dispose(): Promise<void> }>, boolean][] = [
  [
    "a PGlite directory",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "incasso-outbox-"));
      return {
        db: join(dir, "data"),
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    true,
  ],
  [
    "the PostgreSQL server",
    async () => {
      const database = await createTestDatabase();
      return { db: database.url, dispose: () => database.dispose() };
    },
    serverUrl() !== undefined,
  ],
];

for (const [name, create, available] of targets)
  describe.skipIf(!available)(`incasso outbox on ${name}`, () => {
    it("dispatches once: sends what may go, fails for good what cannot (exit 1), and lists the dead letters", {
      timeout: 120_000,
    }, async () => {
      smtp.clear();
      const target = await create();
      try {
        await seed(target.db);
        const dispatched = await run([
          "outbox",
          "dispatch",
          "--once",
          "--smtp",
          `smtp://127.0.0.1:${smtp.port}?starttls=off`,
          "--from",
          "dossiers@peeters.example",
          "--db",
          target.db,
          "--tenant",
          "firm-1",
        ]);
        expect(dispatched.err).toBe("");
        expect(dispatched.code).toBe(1);
        expect(dispatched.out).toContain(": 1 sent, 0 postponed, 0 to retry, 1 failed");
        expect(dispatched.out).toContain(
          "  sent alert:an.peeters:2026-02-02 to an.peeters@peeters.example (<alert+an.peeters+2026-02-02@peeters.example>)",
        );
        expect(dispatched.out).toContain(
          "  failed C1.M1: no current contact: debtor D-C1 has no current email",
        );
        const [mail] = await smtp.messages();
        expect(mail?.messageId).toBe("<alert+an.peeters+2026-02-02@peeters.example>");
        expect(mail?.from?.value[0]?.address).toBe("dossiers@peeters.example");

        const listed = await run([
          "outbox",
          "list",
          "--status",
          "failed",
          "--db",
          target.db,
          "--tenant",
          "firm-1",
        ]);
        expect(listed.code).toBe(0);
        expect(listed.out.split("\n")).toEqual([
          expect.stringMatching(/^1 message failed in the outbox of /),
          "  C1.M1 send-email failed case C1 tries 1: no current contact: debtor D-C1 has no current email",
        ]);
        const again = await run([
          "outbox",
          "dispatch",
          "--once",
          "--smtp",
          `smtp://127.0.0.1:${smtp.port}?starttls=off`,
          "--from",
          "dossiers@peeters.example",
          "--db",
          target.db,
          "--tenant",
          "firm-1",
          "--json",
        ]);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.out)).toMatchObject({ claimed: 0, sent: [] });
        expect(await smtp.messages()).toHaveLength(1);
      } finally {
        await target.dispose();
      }
    });
  });

describe("incasso outbox, bad usage", () => {
  it("asks for the SMTP server and the sender, naming the option", async () => {
    const saved = process.env.INCASSO_SMTP_URL;
    delete process.env.INCASSO_SMTP_URL;
    try {
      expect(await run(["outbox", "dispatch", "--once", "--db", "x"])).toMatchObject({
        code: 2,
        err: expect.stringContaining("--smtp URL"),
      });
      expect(
        await run([
          "outbox",
          "dispatch",
          "--once",
          "--smtp",
          "http://x",
          "--from",
          "a@b.be",
          "--db",
          "x",
        ]),
      ).toMatchObject({
        code: 2,
        err: expect.stringContaining("--smtp: expected smtp:// or smtps://"),
      });
      expect(
        await run([
          "outbox",
          "dispatch",
          "--once",
          "--smtp",
          "smtp://127.0.0.1:1",
          "--from",
          "a@b.be",
          "--time-zone",
          "Mars/Olympus",
          "--db",
          "x",
        ]),
      ).toMatchObject({
        code: 2,
        err: expect.stringContaining("--time-zone: expected an IANA time zone"),
      });
      expect(await run(["outbox", "send"])).toMatchObject({
        code: 2,
        err: expect.stringContaining('expected "dispatch" or "list"'),
      });
      expect(await run(["outbox", "list", "--status", "lost", "--db", "x"])).toMatchObject({
        code: 2,
        err: expect.stringContaining("--status: expected pending, claimed, sent or failed"),
      });
    } finally {
      if (saved !== undefined) process.env.INCASSO_SMTP_URL = saved;
    }
  });
});
