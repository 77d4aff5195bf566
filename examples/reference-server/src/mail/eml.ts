// A small RFC 5322 / MIME composer: an OutgoingEmail as the bytes of an `.eml` file
// (multipart/mixed with a multipart/alternative text and HTML body and base64 attachments;
// non-ASCII headers as RFC 2047 encoded words; CRLF line ends).
import { randomBytes } from "node:crypto";
import type { Mailbox, OutgoingEmail } from "@incasso/core";
import type { Temporal } from "temporal-polyfill";

const encodeWord = (text: string): string =>
  /^[\x20-\x7e]*$/.test(text)
    ? text
    : `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;

const phrase = (text: string): string =>
  /^[\x20-\x7e]*$/.test(text)
    ? /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(text)
      ? text
      : `"${text.replace(/["\\]/g, (ch) => `\\${ch}`)}"`
    : encodeWord(text);

const mailbox = (box: Mailbox): string =>
  box.name === undefined || box.name === ""
    ? `<${box.address}>`
    : `${phrase(box.name)} <${box.address}>`;

const base64Lines = (bytes: Uint8Array): string =>
  (
    Buffer.from(bytes)
      .toString("base64")
      .match(/.{1,76}/g) ?? []
  ).join("\r\n");

/** A subject folded into encoded words of at most 45 bytes of text each. */
function subjectHeader(subject: string): string {
  if (/^[\x20-\x7e]*$/.test(subject) && subject.length <= 900) return subject;
  const words: string[] = [];
  let current = "";
  for (const ch of subject) {
    if (Buffer.byteLength(current + ch, "utf8") > 45) {
      words.push(`=?UTF-8?B?${Buffer.from(current).toString("base64")}?=`);
      current = "";
    }
    current += ch;
  }
  if (current !== "") words.push(`=?UTF-8?B?${Buffer.from(current).toString("base64")}?=`);
  return words.join("\r\n ");
}

const dateHeader = (at: Temporal.Instant): string =>
  new Date(at.epochMilliseconds).toUTCString().replace("GMT", "+0000");

/**
 * The bytes of an e-mail as an `.eml` file (the message as an SMTP server would receive it).
 *
 * @example
 * ```ts
 * const bytes = composeEml(email, { address: "dossiers@firm.example" }, Temporal.Now.instant());
 * ```
 */
export function composeEml(email: OutgoingEmail, from: Mailbox, at: Temporal.Instant): Uint8Array {
  const boundary = (tag: string) => `=_incasso_${tag}_${randomBytes(12).toString("hex")}`;
  const text = (body: string, type: string) =>
    `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(
      Buffer.from(body.replace(/\r?\n/g, "\r\n"), "utf8"),
    )}\r\n`;
  let body: string;
  if (email.html === undefined) {
    body = text(email.text, "text/plain");
  } else {
    const alt = boundary("alt");
    body = `Content-Type: multipart/alternative; boundary="${alt}"\r\n\r\n--${alt}\r\n${text(
      email.text,
      "text/plain",
    )}--${alt}\r\n${text(email.html, "text/html")}--${alt}--\r\n`;
  }
  const headers = [
    `Message-ID: ${email.messageId}`,
    `Date: ${dateHeader(at)}`,
    `From: ${mailbox(from)}`,
    `To: ${email.to.map(mailbox).join(",\r\n ")}`,
    ...(email.replyTo === undefined ? [] : [`Reply-To: ${mailbox(email.replyTo)}`]),
    `Subject: ${subjectHeader(email.subject)}`,
    ...Object.entries(email.headers ?? {}).map(([name, value]) => `${name}: ${encodeWord(value)}`),
    "MIME-Version: 1.0",
  ];
  if (email.attachments.length === 0)
    return Buffer.from(`${headers.join("\r\n")}\r\n${body}`, "utf8");
  const mixed = boundary("mixed");
  const parts = [
    body,
    ...email.attachments.map((attachment) => {
      const name = encodeWord(attachment.filename).replace(/"/g, "");
      return `Content-Type: ${attachment.contentType}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(
        attachment.content,
      )}\r\n`;
    }),
  ];
  return Buffer.from(
    `${headers.join("\r\n")}\r\nContent-Type: multipart/mixed; boundary="${mixed}"\r\n\r\nThis is a multi-part message in MIME format.\r\n${parts
      .map((part) => `--${mixed}\r\n${part}`)
      .join("")}--${mixed}--\r\n`,
    "utf8",
  );
}
