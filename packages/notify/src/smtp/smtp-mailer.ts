import type { EmailReceipt, Mailer, OutgoingEmail } from "@incasso/core";
import { DeliveryError, fieldError, parseInput } from "@incasso/core";
import { createTransport } from "nodemailer";
import type { z } from "zod";
import { toDeliveryError } from "./smtp-errors.js";
import { outgoingEmailSchema, smtpMailerOptionsSchema } from "./smtp-options.js";

/**
 * A DKIM key: the signing domain (`d=`), the selector (`s=`, its public key published at
 * `<keySelector>._domainkey.<domainName>`) and the private key in PEM form.
 *
 * @example
 * ```ts
 * import type { DkimKey } from "@incasso/notify";
 * declare const privateKey: string;
 * const dkim: DkimKey = { domainName: "advocaten.example", keySelector: "mail2026", privateKey };
 * ```
 */
export interface DkimKey {
  readonly domainName: string;
  readonly keySelector: string;
  readonly privateKey: string;
}

/**
 * A sender identity of one tenant: the `From` its e-mails carry, the envelope sender (bounce
 * address, `MAIL FROM`; the `From` address when absent) and its DKIM key (the mailer's `dkim`
 * when absent). Chosen by `OutgoingEmail.identity`.
 *
 * @example
 * ```ts
 * import type { SenderIdentity } from "@incasso/notify";
 * const identity: SenderIdentity = {
 *   from: { name: "Advocaten Peeters", address: "dossiers@peeters.example" },
 *   envelopeFrom: "bounces@peeters.example",
 * };
 * ```
 */
export interface SenderIdentity {
  readonly from: { readonly name?: string; readonly address: string };
  readonly envelopeFrom?: string;
  readonly dkim?: DkimKey;
}

/**
 * The options of {@link createSmtpMailer}. Defaults: port 587, STARTTLS required (`requireTLS`:
 * the mailer refuses to send in clear; set it false only for a server on the same host),
 * `secure: false` (true for implicit TLS on port 465), a pool of 5 connections of at most 100
 * messages each, timeouts of 30 s to connect, 30 s for the greeting and 60 s of silence on the
 * socket. `tls.ca` trusts a private certificate authority (the server's certificate is always
 * checked). `identities` are the sender identities by name.
 *
 * @example
 * ```ts
 * import type { SmtpMailerOptions } from "@incasso/notify";
 * const options: SmtpMailerOptions = {
 *   host: "smtp.advocaten.example",
 *   auth: { user: "incasso", pass: "secret" },
 *   pool: { maxConnections: 2, maxMessages: 50 },
 * };
 * ```
 */
export interface SmtpMailerOptions {
  readonly host: string;
  readonly port?: number;
  readonly secure?: boolean;
  readonly requireTLS?: boolean;
  readonly tls?: { readonly ca?: string | readonly string[]; readonly servername?: string };
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly pool?: { readonly maxConnections?: number; readonly maxMessages?: number };
  readonly timeouts?: {
    readonly connectMs?: number;
    readonly greetingMs?: number;
    readonly socketMs?: number;
  };
  /** The name the mailer gives in EHLO; the machine's host name when absent. */
  readonly clientName?: string;
  /** The DKIM key of e-mails whose identity has none (or that name no identity). */
  readonly dkim?: DkimKey;
  readonly identities?: Readonly<Record<string, SenderIdentity>>;
}

type ParsedOptions = z.output<typeof smtpMailerOptionsSchema>;
type ParsedEmail = z.output<typeof outgoingEmailSchema>;

const mailbox = (box: { name?: string | undefined; address: string }) =>
  box.name === undefined ? box.address : { name: box.name, address: box.address };

function transportOptions(options: ParsedOptions) {
  return {
    pool: true as const,
    host: options.host,
    port: options.port,
    secure: options.secure,
    requireTLS: options.requireTLS,
    ignoreTLS: false,
    maxConnections: options.pool.maxConnections,
    maxMessages: options.pool.maxMessages,
    connectionTimeout: options.timeouts.connectMs,
    greetingTimeout: options.timeouts.greetingMs,
    socketTimeout: options.timeouts.socketMs,
    ...(options.clientName === undefined ? {} : { name: options.clientName }),
    ...(options.auth === undefined ? {} : { auth: { ...options.auth } }),
    tls: {
      rejectUnauthorized: true,
      minVersion: "TLSv1.2" as const,
      ...(options.tls?.ca === undefined
        ? {}
        : { ca: typeof options.tls.ca === "string" ? options.tls.ca : [...options.tls.ca] }),
      ...(options.tls?.servername === undefined ? {} : { servername: options.tls.servername }),
    },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function messageOf(email: ParsedEmail, options: ParsedOptions) {
  const identity = email.identity === undefined ? undefined : options.identities[email.identity];
  if (email.identity !== undefined && identity === undefined)
    throw fieldError(
      "INVALID_INPUT",
      "email.identity",
      `expected one of the mailer's identities (${Object.keys(options.identities).join(", ") || "none configured"})`,
      email.identity,
    );
  const from = identity?.from ?? email.from;
  const dkim = identity?.dkim ?? options.dkim;
  return {
    messageId: email.messageId,
    from: mailbox(from),
    to: email.to.map(mailbox),
    ...(email.replyTo === undefined ? {} : { replyTo: mailbox(email.replyTo) }),
    subject: email.subject,
    text: email.text,
    ...(email.html === undefined ? {} : { html: email.html }),
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(
        attachment.content.buffer,
        attachment.content.byteOffset,
        attachment.content.byteLength,
      ),
    })),
    ...(email.headers === undefined ? {} : { headers: { ...email.headers } }),
    envelope: {
      from: identity?.envelopeFrom ?? from.address,
      to: email.to.map((box) => box.address),
    },
    ...(dkim === undefined ? {} : { dkim: { ...dkim } }),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

const addressOf = (entry: unknown): string =>
  typeof entry === "string" ? entry : String((entry as { address?: unknown }).address ?? entry);

/**
 * An SMTP `Mailer` on nodemailer: pooled connections, STARTTLS (required by default),
 * AUTH, text and HTML in one multipart message, attachments (the letter as a PDF), DKIM signing,
 * and sender identities per tenant chosen by `email.identity`. The `Message-ID` is always
 * `email.messageId`: the outbox key, so a message sent again after a crash carries the same one.
 * Options are checked with zod (`INVALID_INPUT` naming the field, such as
 * `options.identities.peeters.dkim.privateKey`); so is each e-mail (`email.to.0.address`).
 * Failures are `DeliveryError`s: an SMTP 5xx answer or every recipient refused with 5xx is
 * permanent; a 4xx answer, a refused or dropped connection (also in the middle of DATA), a
 * timeout or a refused login is transient; the SMTP code (or the system code, `ECONNREFUSED`)
 * is the `providerCode`.
 *
 * @example
 * ```ts
 * import { createSmtpMailer } from "@incasso/notify";
 * const mailer = createSmtpMailer({
 *   host: "smtp.advocaten.example",
 *   auth: { user: "incasso", pass: "secret" },
 *   identities: { peeters: { from: { name: "Advocaten Peeters", address: "dossiers@peeters.example" } } },
 * });
 * await mailer.send({
 *   messageId: "<C1.REM1@incasso.example>", identity: "peeters",
 *   from: { address: "dossiers@peeters.example" }, to: [{ address: "debtor@example.be" }],
 *   subject: "Herinnering", text: "Geachte,", attachments: [],
 * });
 * await mailer.close();
 * ```
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const parsed = parseInput(smtpMailerOptionsSchema, options, "options");
  const transport = createTransport(transportOptions(parsed));
  const underway = new Set<Promise<unknown>>();
  let closed = false;

  async function send(email: OutgoingEmail): Promise<EmailReceipt> {
    if (closed)
      throw new DeliveryError("SMTP: the mailer is closed", {
        permanent: false,
        providerCode: null,
      });
    const valid = parseInput(outgoingEmailSchema, email, "email");
    const message = messageOf(valid, parsed);
    const sending = transport.sendMail(message);
    underway.add(sending);
    try {
      const info = await sending;
      const rejected = (info.rejected ?? []).map(addressOf);
      const accepted = (info.accepted ?? []).map(addressOf);
      if (accepted.length === 0)
        throw new DeliveryError(`SMTP: no recipient was accepted (${info.response})`, {
          permanent: true,
          providerCode: null,
        });
      return {
        messageId: valid.messageId,
        accepted,
        response: info.response,
        ...(rejected.length === 0 ? {} : { rejected }),
      };
    } catch (error) {
      throw toDeliveryError(error);
    } finally {
      underway.delete(sending);
    }
  }

  async function close(): Promise<void> {
    closed = true;
    await Promise.allSettled([...underway]);
    transport.close();
  }

  return { send, close };
}
