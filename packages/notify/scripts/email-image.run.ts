// Makes docs/images/messaging-email.png: a reminder letter sent by the outbox dispatcher as a PDF
// attached to an e-mail, as the SMTP server received it (read back with mailparser), beside the
// message.sent event it left on the case. Real parts only: the in-memory store, the PDF renderer
// of @incasso/documents on Chromium, the package's test SMTP server on 127.0.0.1, pdftoppm for the
// letter's first page, and Chromium headless for the picture.
//
// Run: pnpm --filter @incasso/notify images   (INCASSO_CHROMIUM for another Chromium)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseEventJson } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { createPdfRenderer } from "@incasso/documents";
import { createMemoryStore } from "@incasso/memory";
import { expect, it } from "vitest";
import { createDispatcher, createSmtpMailer } from "../src/index.js";
import { openedCase } from "../test/dispatcher/support/fixtures.js";
import { starterLetters } from "../test/dispatcher/support/letters.js";
import { startSmtpServer } from "../test/support/smtp-server.js";

const CHROMIUM = process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium";
const OUT = join(import.meta.dirname, "..", "..", "..", "docs", "images", "messaging-email.png");
const scope = { tenantId: "firm-1" };

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

it("makes the picture of an e-mail the dispatcher sent", async () => {
  const smtp = await startSmtpServer({ tls: true });
  const renderer = createPdfRenderer({ executablePath: CHROMIUM });
  const dir = mkdtempSync(join(tmpdir(), "incasso-notify-image-"));
  try {
    const store = createMemoryStore();
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    const meta = (id: string, at: string) => ({
      id,
      at,
      recordedAt: `${at}T09:00:00Z`,
      by: "clerk",
    });
    await store.append(scope, {
      caseId: "C42",
      expectedVersion: 0,
      events: [
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
      ],
      outbox: [
        {
          key: "act:C42:REM1:2026-02-02:send-letter-email",
          kind: "send-letter-email",
          payload: { debtorId: "D1", template: "nl/reminder" },
        },
      ],
      asOf: "2026-02-02",
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
      workerId: "images",
    });
    const report = await dispatcher.runOnce();
    await mailer.close();
    expect(report.sent).toHaveLength(1);

    const [mail] = await smtp.messages();
    const [pdf] = mail?.attachments ?? [];
    expect(pdf).toBeDefined();
    writeFileSync(join(dir, "letter.pdf"), pdf?.content as Buffer);
    execFileSync(
      "pdftoppm",
      ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", "letter.pdf", "page"],
      {
        cwd: dir,
      },
    );
    const page = readFileSync(join(dir, "page.png")).toString("base64");
    const sent = (await store.readEvents(scope, "C42"))
      .map((e) => e.event as CaseEventJson & Record<string, unknown>)
      .find((e) => e.type === "message.sent");
    expect((sent?.document as { sha256?: string } | undefined)?.sha256).toBe(
      createHash("sha256")
        .update(pdf?.content as Buffer)
        .digest("hex"),
    );

    const row = (name: string, value: string) =>
      `<tr><th>${name}</th><td>${escapeHtml(value)}</td></tr>`;
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111}
main{display:flex;gap:20px;padding:20px}
section{background:#fff;border:1px solid #d1d5db;border-radius:6px;padding:16px}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#4b5563;margin:0 0 10px}
th{text-align:left;color:#4b5563;font-weight:600;padding:2px 12px 2px 0;vertical-align:top;white-space:nowrap}
td{padding:2px 0;word-break:break-all}
pre{white-space:pre-wrap;word-break:break-all;font:13px/1.45 ui-monospace,monospace;background:#f9fafb;border:1px solid #e5e7eb;padding:10px;margin:10px 0 0}
img{border:1px solid #d1d5db;display:block}
.left{width:560px}
</style></head><body><main><div class="left"><section><h2>Received by the SMTP server (read with mailparser)</h2><table>
${row("From", mail?.from?.text ?? "")}
${row(
  "To",
  mail?.to === undefined
    ? ""
    : [mail.to]
        .flat()
        .map((a) => a.text)
        .join(", "),
)}
${row("Subject", mail?.subject ?? "")}
${row("Message-ID", mail?.messageId ?? "")}
${row("X-Incasso-Outbox-Key", String(mail?.headers.get("x-incasso-outbox-key") ?? ""))}
${row("Attachment", `${pdf?.filename} (${pdf?.contentType}, ${pdf?.size} bytes)`)}
</table><pre>${escapeHtml(mail?.text ?? "")}</pre></section>
<section style="margin-top:20px"><h2>On the case: message.sent</h2><pre>${escapeHtml(
      JSON.stringify(
        {
          type: sent?.type,
          at: sent?.at,
          channel: sent?.channel,
          outboxKey: sent?.outboxKey,
          messageId: sent?.messageId,
          to: sent?.to,
          contactId: sent?.contactId,
          document: sent?.document,
        },
        null,
        2,
      ),
    )}</pre></section></div>
<section><h2>The attached letter, page 1</h2><img src="data:image/png;base64,${page}" width="420"></section></main></body></html>`;
    writeFileSync(join(dir, "page.html"), html);
    execFileSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--window-size=1060,820",
        `--screenshot=${OUT}`,
        `file://${join(dir, "page.html")}`,
      ],
      { stdio: "ignore" },
    );
    expect(readFileSync(OUT).subarray(1, 4).toString()).toBe("PNG");
  } finally {
    await renderer.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
