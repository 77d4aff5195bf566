import { readFileSync } from "node:fs";
import { fc, test as propTest } from "@fast-check/vitest";
import { simpleParser } from "mailparser";
import { describe, expect, test } from "vitest";
import { parseDeliveryStatus, returnedFromDeliveryStatus } from "../../src/index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe("reading a delivery status notification (RFC 3464)", () => {
  test("reads a permanent failure: the original Message-ID from the returned headers, the status and the unfolded diagnostic", () => {
    const report = parseDeliveryStatus(fixture("postfix-style-5.1.1.eml"));
    expect(report).toEqual({
      originalMessageId: "<rem:C1:plan-1:1:before:2026-02-27@advocaten.example>",
      originalEnvelopeId: null,
      reportingMta: "dns; mx.advocaten.example",
      recipients: [
        {
          finalRecipient: "rfc822; jan@example.be",
          originalRecipient: "rfc822;jan@example.be",
          action: "failed",
          status: "5.1.1",
          remoteMta: "dns; mx.example.be",
          diagnosticCode:
            "smtp; 550 5.1.1 <jan@example.be>: Recipient address rejected: User unknown",
        },
      ],
    });
    expect(returnedFromDeliveryStatus(report as NonNullable<typeof report>)).toEqual({
      kind: "email-bounce",
      messageId: "<rem:C1:plan-1:1:before:2026-02-27@advocaten.example>",
      action: "failed",
      status: "5.1.1",
      diagnostic: "smtp; 550 5.1.1 <jan@example.be>: Recipient address rejected: User unknown",
      recipient: "rfc822; jan@example.be",
    });
  });

  test("finds the same Message-ID in the returned headers as mailparser does", async () => {
    const raw = fixture("postfix-style-5.1.1.eml");
    const outer = await simpleParser(raw);
    const headers = outer.attachments.find((a) => a.contentType === "text/rfc822-headers");
    expect(headers).toBeDefined();
    const inner = await simpleParser(Buffer.concat([headers?.content ?? Buffer.alloc(0)]));
    expect(parseDeliveryStatus(raw)?.originalMessageId).toBe(inner.messageId);
  });

  test("reads a base64-encoded status part and a whole returned message; a delay is no return", () => {
    const report = parseDeliveryStatus(fixture("delayed-4.4.1-base64.eml"));
    expect(report?.originalMessageId).toBe("<alert::0f3c@advocaten.example>");
    expect(report?.recipients.map((r) => [r.action, r.status, r.diagnosticCode])).toEqual([
      ["delayed", "4.4.1", "smtp; 421 4.4.1 connection timed out"],
    ]);
    expect(returnedFromDeliveryStatus(report as NonNullable<typeof report>)).toBeNull();
  });

  test("answers null for a message without a delivery status", () => {
    expect(
      parseDeliveryStatus("From: a@b.example\r\nSubject: out of office\r\n\r\nI am away.\r\n"),
    ).toBeNull();
  });

  const token = fc.stringMatching(/^[a-z0-9][a-z0-9.:-]{0,30}$/);
  propTest.prop([
    token,
    fc.constantFrom("advocaten.example", "firm.example.be"),
    fc.tuple(
      fc.constantFrom("4", "5"),
      fc.integer({ min: 0, max: 7 }),
      fc.integer({ min: 0, max: 9 }),
    ),
    fc.array(fc.stringMatching(/^[A-Za-z0-9<>@.;,]{1,12}$/), { minLength: 1, maxLength: 12 }),
    fc.boolean(),
    fc.boolean(),
  ])(
    "whatever the Message-ID, status and diagnostic, and however the lines are folded and ended, a report reads back what it says",
    (local, domain, [klass, subject, detail], words, crlf, headersOnly) => {
      const status = `${klass}.${subject}.${detail}`;
      const diagnostic = `smtp; 550 ${words.join(" ")}`;
      // Fold the diagnostic after every third word, as servers do for long lines.
      const folded = `smtp; 550 ${words
        .map((word, index) => (index > 0 && index % 3 === 0 ? `\n    ${word}` : word))
        .join(" ")
        .replace(/ \n/g, "\n")}`;
      const lines = [
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="=_b"',
        "",
        "--=_b",
        "Content-Type: text/plain",
        "",
        "Undeliverable.",
        "--=_b",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example",
        "",
        "Final-Recipient: rfc822; jan@example.be",
        "Action: failed",
        `Status: ${status} (a comment)`,
        `Diagnostic-Code: ${folded}`,
        "",
        "--=_b",
        `Content-Type: ${headersOnly ? "text/rfc822-headers" : "message/rfc822"}`,
        "",
        `Message-ID: <${local}@${domain}>`,
        "Subject: x",
        ...(headersOnly ? [] : ["", "body"]),
        "--=_b--",
      ];
      const raw = lines.join("\n").replace(/\n/g, crlf ? "\r\n" : "\n");
      const report = parseDeliveryStatus(raw);
      expect(report?.originalMessageId).toBe(`<${local}@${domain}>`);
      expect(report?.recipients).toHaveLength(1);
      expect(report?.recipients[0]?.status).toBe(status);
      expect(report?.recipients[0]?.diagnosticCode).toBe(diagnostic);
    },
  );
});
