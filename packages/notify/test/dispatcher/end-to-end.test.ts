import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgendaEntry, CaseEventJson, DocumentRenderer } from "@incasso/core";
import { approvalAppends, approveEntries, parseIsoDate, Temporal } from "@incasso/core";
import { createPdfRenderer } from "@incasso/documents";
import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite } from "../../../storage-postgres/test/support/pglite.js";
import { createDispatcher, createSmtpMailer } from "../../src/index.js";
import type { TestSmtpServer } from "../support/smtp-server.js";
import { startSmtpServer } from "../support/smtp-server.js";
import { openedCase } from "./support/fixtures.js";
import { starterLetters } from "./support/letters.js";

const CHROMIUM = process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium";
const scope = { tenantId: "firm-1" };

let smtp: TestSmtpServer;
let renderer: DocumentRenderer;
beforeAll(async () => {
  smtp = await startSmtpServer({ tls: true });
  renderer = createPdfRenderer({ executablePath: CHROMIUM });
});
afterAll(async () => {
  await renderer?.close();
  await smtp?.stop();
});

const meta = (id: string, at: string) => ({ id, at, recordedAt: `${at}T09:00:00Z`, by: "clerk" });

describe("an agenda approval, end to end", () => {
  it("ends as an e-mail in the SMTP server's mailbox with the letter PDF attached, and a message.sent on the case that says so", {
    timeout: 120_000,
  }, async () => {
    const db = await freshPglite();
    try {
      await migrate(fromPglite(db));
      const store = createPostgresStore({ client: fromPglite(db) });
      await store.putClient(scope, { id: "acme", name: "Acme NV" });
      const events: CaseEventJson[] = [
        openedCase("2026/00042", {
          id: "D1",
          email: "jan.peeters@example.be",
          business: { name: "Peeters Bouw BV" },
        }),
        {
          ...meta("claim", "2026-01-10"),
          type: "claim.added",
          claim: {
            id: "F1",
            invoiceNumber: "F-2025-117",
            invoiceDate: "2025-11-01",
            dueDate: "2025-12-01",
            amount: "1250.00",
          },
        } as CaseEventJson,
        {
          ...meta("order", "2026-01-30"),
          type: "action.ordered",
          actionId: "A1",
          activity: "REM1",
          dueDate: "2026-02-02",
        } as CaseEventJson,
      ];
      await store.append(scope, { caseId: "C42", expectedVersion: 0, events, asOf: "2026-02-02" });

      // The agenda entry of the ordered action, approved by the owner on Monday 2 February 2026.
      const entry: AgendaEntry = {
        caseNumber: "2026/00042",
        client: "acme",
        owner: "an.peeters",
        collectionGroup: null,
        scenarioId: null,
        step: null,
        actionId: "A1",
        activity: {
          code: "REM1",
          description: { nl: "Herinnering", fr: "Rappel", en: "Reminder" },
          kind: "letter",
          channel: "email",
          template: "nl/reminder",
        } as AgendaEntry["activity"],
        dueDate: parseIsoDate("2026-02-02"),
        daysOverdue: 0,
        approval: "required",
        amounts: {
          balance: new Decimal("1250.00"),
          principal: new Decimal("1250.00"),
          interest: new Decimal(0),
          costs: new Decimal(0),
        },
        lastContact: null,
        consumer: false,
      };
      const approval = approveEntries([entry], {
        at: "2026-02-02",
        recordedAt: "2026-02-02T08:30:00Z",
        by: "an.peeters",
      });
      const { appends, skipped } = approvalAppends(approval, [{ caseId: "C42", events }], {
        date: "2026-02-02",
      });
      expect(skipped).toEqual([]);
      for (const append of appends)
        await store.append(scope, {
          ...append,
          events: [...append.events],
          outbox: [...append.outbox],
          expectedVersion: 3,
          asOf: "2026-02-02",
        });
      const [message] = await store.listOutbox(scope);
      expect(message).toMatchObject({
        id: "act:C42:REM1:2026-02-02:send-letter-email",
        kind: "send-letter-email",
        caseVersion: 4,
      });

      const mailer = createSmtpMailer({
        host: smtp.host,
        port: smtp.port,
        tls: { ca: smtp.ca as string },
      });
      const dispatcher = createDispatcher({
        store,
        scope,
        mailer,
        renderer,
        letters: starterLetters,
        from: { name: "Bouwwerken Peeters BV", address: "invordering@peeters.example.be" },
        clock: () => Temporal.Instant.from("2026-02-02T09:00:00Z"),
        workerId: "w1",
      });
      const report = await dispatcher.runOnce();
      await mailer.close();
      expect(report.failed).toEqual([]);
      expect(report.sent.map((s) => s.id)).toEqual([message?.id]);

      const [mail] = await smtp.messages();
      expect(mail?.messageId).toBe(
        "<act+C42+REM1+2026-02-02+send-letter-email@peeters.example.be>",
      );
      expect(mail?.to).toMatchObject({ value: [{ address: "jan.peeters@example.be" }] });
      expect(mail?.subject).toBe("Uw dossier 2026/00042");
      const [pdf] = mail?.attachments ?? [];
      expect(pdf?.contentType).toBe("application/pdf");
      expect(pdf?.filename).toBe("2026-00042-reminder.pdf");
      const dir = mkdtempSync(join(tmpdir(), "incasso-e2e-"));
      try {
        writeFileSync(join(dir, "letter.pdf"), pdf?.content as Buffer);
        const text = execFileSync("pdftotext", ["-layout", join(dir, "letter.pdf"), "-"], {
          encoding: "utf8",
        });
        expect(text).toContain("2026/00042");
        expect(text).toContain("F-2025-117");
        expect(text).toContain("Bouwwerken Peeters BV");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      const recorded = (await store.readEvents(scope, "C42")).map(
        (e) => e.event as CaseEventJson & Record<string, unknown>,
      );
      const sent = recorded.find((e) => e.type === "message.sent");
      const sha256 = createHash("sha256")
        .update(pdf?.content as Buffer)
        .digest("hex");
      expect(sent).toMatchObject({
        type: "message.sent",
        channel: "email",
        outboxKey: message?.id,
        messageId: mail?.messageId,
        to: "jan.peeters@example.be",
        template: "nl/reminder",
        document: { sha256, template: "nl/reminder", format: "pdf" },
      });
      // The letter's own event, which the rule packs count, carries the same document.
      expect(recorded.find((e) => e.type === "reminder.sent")).toMatchObject({
        at: "2026-02-02",
        document: { sha256 },
      });
      expect((await store.listOutbox(scope))[0]?.status).toBe("sent");
    } finally {
      await db.close();
    }
  });
});
