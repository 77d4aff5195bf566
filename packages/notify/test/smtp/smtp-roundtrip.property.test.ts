import { fc, test } from "@fast-check/vitest";
import type { Mailer } from "@incasso/core";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { createSmtpMailer } from "../../src/index.js";
import type { TestSmtpServer } from "../support/smtp-server.js";
import { startSmtpServer } from "../support/smtp-server.js";

let smtp: TestSmtpServer;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startSmtpServer({ tls: true });
  mailer = createSmtpMailer({
    host: smtp.host,
    port: smtp.port,
    tls: { ca: smtp.ca as string, servername: "localhost" },
    pool: { maxConnections: 1, maxMessages: 1000 },
  });
});
afterAll(async () => {
  await mailer?.close();
  await smtp?.stop();
});

/** Words of any script (letters, digits, punctuation, symbols, emoji), no control characters. */
const word = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
  .filter((w) => !/[\p{C}\p{Z}]/u.test(w));
const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(" "));
const bytes = fc.uint8Array({ minLength: 0, maxLength: 2048 });

let sequence = 0;
describe("the SMTP mailer, end to end", () => {
  test.prop([line, fc.array(line, { minLength: 1, maxLength: 5 }), bytes], { numRuns: 25 })(
    "any subject, text and attachment arrive as they were sent",
    async (subject, lines, content) => {
      const messageId = `<prop.${++sequence}@incasso.example>`;
      const text = `${lines.join("\n")}\n`;
      await mailer.send({
        messageId,
        from: { address: "dossiers@incasso.example" },
        to: [{ address: "debtor@example.be" }],
        subject,
        text,
        attachments: [
          { filename: "bijlage.bin", contentType: "application/octet-stream", content },
        ],
      });
      const mail = await simpleParser(smtp.received().at(-1)?.raw ?? "");
      expect(mail.messageId).toBe(messageId);
      expect(mail?.subject).toBe(subject);
      expect(mail?.text).toBe(text);
      expect(Array.from(mail?.attachments[0]?.content ?? [])).toEqual(Array.from(content));
    },
  );
});
