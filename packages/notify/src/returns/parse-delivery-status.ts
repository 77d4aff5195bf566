/**
 * One recipient of a delivery status notification (RFC 3464 §2.3): the recipient as the
 * original message named it and as the reporting server saw it, what happened (`failed`,
 * `delayed`, `delivered`, `relayed`, `expanded`), the status code (`5.1.1`), the remote server and
 * its diagnostic (`smtp; 550 5.1.1 user unknown`).
 *
 * @example
 * ```ts
 * import type { DeliveryStatusRecipient } from "@incasso/notify";
 * const permanent = (r: DeliveryStatusRecipient) => r.action === "failed" && r.status?.startsWith("5.");
 * ```
 */
export interface DeliveryStatusRecipient {
  readonly finalRecipient: string | null;
  readonly originalRecipient: string | null;
  readonly action: string | null;
  readonly status: string | null;
  readonly remoteMta: string | null;
  readonly diagnosticCode: string | null;
}

/**
 * A delivery status notification read from a bounce message (RFC 3464): the `Message-ID` of the
 * message it reports on (from the returned message or its headers, RFC 3462 / RFC 6522), the
 * envelope id, the reporting server, and each recipient's status.
 *
 * @example
 * ```ts
 * import type { DeliveryStatusReport } from "@incasso/notify";
 * const failed = (report: DeliveryStatusReport) => report.recipients.filter((r) => r.action === "failed");
 * ```
 */
export interface DeliveryStatusReport {
  readonly originalMessageId: string | null;
  readonly originalEnvelopeId: string | null;
  readonly reportingMta: string | null;
  readonly recipients: readonly DeliveryStatusRecipient[];
}

interface Part {
  readonly headers: Map<string, string>;
  readonly body: string;
}

/** Bounces are small; anything larger is not read whole. */
const MAX_LENGTH = 10 * 1024 * 1024;
const MAX_DEPTH = 8;

/**
 * Reads a bounce message (the raw RFC 5322 text of a `multipart/report;
 * report-type=delivery-status` message, RFC 3462/6522) into its delivery status (RFC 3464): the
 * `message/delivery-status` part's per-message and per-recipient fields, and the `Message-ID` of the
 * original message from the `message/rfc822` or `text/rfc822-headers` part (or an
 * `Original-Message-ID` field where a server writes one). Without dependencies: MIME parts,
 * folded header lines, base64 and quoted-printable transfer encodings are read here. Answers null
 * for a message that holds no delivery status.
 *
 * @example
 * ```ts
 * import { parseDeliveryStatus } from "@incasso/notify";
 * declare const raw: string;
 * const report = parseDeliveryStatus(raw);
 * report?.recipients[0]?.status; // "5.1.1"
 * ```
 */
export function parseDeliveryStatus(raw: string | Uint8Array): DeliveryStatusReport | null {
  const text = typeof raw === "string" ? raw : latin1(raw);
  if (text.length > MAX_LENGTH) return null;
  const top = splitPart(text.replace(/\r\n?/g, "\n"));
  const found = { status: null as string | null, original: null as string | null };
  walk(top, 0, found);
  if (found.status === null) return null;
  const blocks = found.status
    .split(/\n[ \t]*\n/)
    .map((block) => parseFields(block))
    .filter((fields) => fields.size > 0);
  const [message, ...recipients] = blocks;
  const field = (fields: Map<string, string> | undefined, name: string) =>
    fields?.get(name) ?? null;
  return {
    originalMessageId:
      found.original ??
      messageIdOf(field(message, "original-message-id")) ??
      messageIdOf(field(recipients[0], "original-message-id")),
    originalEnvelopeId: field(message, "original-envelope-id"),
    reportingMta: field(message, "reporting-mta"),
    recipients: recipients.map((fields) => ({
      finalRecipient: field(fields, "final-recipient"),
      originalRecipient: field(fields, "original-recipient"),
      action: field(fields, "action")?.toLowerCase() ?? null,
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(field(fields, "status") ?? "")?.[0] ?? null,
      remoteMta: field(fields, "remote-mta"),
      diagnosticCode: field(fields, "diagnostic-code"),
    })),
  };
}

function walk(
  part: Part,
  depth: number,
  found: { status: string | null; original: string | null },
) {
  if (depth > MAX_DEPTH) return;
  const type = part.headers.get("content-type") ?? "text/plain";
  const mime = type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mime.startsWith("multipart/")) {
    const boundary = parameter(type, "boundary");
    if (boundary === null) return;
    for (const child of multipartChildren(part.body, boundary)) walk(child, depth + 1, found);
    return;
  }
  const body = decode(part.body, part.headers.get("content-transfer-encoding"));
  if (mime === "message/delivery-status" || mime === "message/global-delivery-status") {
    found.status ??= body;
  } else if (
    mime === "message/rfc822" ||
    mime === "text/rfc822-headers" ||
    mime === "message/global" ||
    mime === "message/global-headers"
  ) {
    const inner = splitPart(body);
    found.original ??= messageIdOf(inner.headers.get("message-id") ?? null);
  }
}

function multipartChildren(body: string, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  const lines = body.split("\n");
  const parts: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `${delimiter}--`) break;
    if (trimmed === delimiter) {
      current = [];
      parts.push(current);
    } else current?.push(line);
  }
  return parts.map((part) => splitPart(part.join("\n")));
}

/** Splits a part into its headers (names lowercased, folded lines unfolded) and its body. */
function splitPart(text: string): Part {
  const end = text.search(/\n[ \t]*\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? "" : text.slice(text.indexOf("\n", end + 1) + 1);
  return { headers: parseFields(head), body };
}

function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let name: string | null = null;
  for (const line of block.split("\n")) {
    if (/^[ \t]/.test(line) && name !== null) {
      fields.set(name, `${fields.get(name) ?? ""} ${line.trim()}`.trim());
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) {
      name = null;
      continue;
    }
    name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
    else name = null; // the first occurrence wins; later ones (and their folds) are ignored
  }
  return fields;
}

function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(header);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function messageIdOf(value: string | null): string | null {
  if (value === null) return null;
  const match = /<[^<>\s]+>/.exec(value);
  return match ? match[0] : value.trim() === "" ? null : `<${value.trim()}>`;
}

function decode(body: string, encoding: string | undefined): string {
  const kind = encoding?.trim().toLowerCase();
  if (kind === "base64") {
    const clean = body.replace(/[^A-Za-z0-9+/=]/g, "");
    return latin1(base64Bytes(clean)).replace(/\r\n?/g, "\n");
  }
  if (kind === "quoted-printable")
    return body
      .replace(/=\n/g, "")
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
  return body;
}

function base64Bytes(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    if (char === "=") break;
    const value = alphabet.indexOf(char);
    if (value < 0) continue;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/** Bytes as text one character per byte: the header fields read here are ASCII. */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let index = 0; index < bytes.length; index += 8192)
    text += String.fromCharCode(...bytes.subarray(index, index + 8192));
  return text;
}
