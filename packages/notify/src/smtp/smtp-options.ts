import { z } from "zod";

const PEM_KEY =
  /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (?:RSA |EC )?PRIVATE KEY-----/;

const mailboxSchema = z.strictObject({
  name: z.string().max(200).optional(),
  address: z.email({ error: "expected an e-mail address" }),
});

const dkimSchema = z.strictObject({
  domainName: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, {
      error: "expected a domain name such as advocaten.example",
    }),
  keySelector: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$/i, {
      error: "expected a DNS label such as mail2026",
    }),
  privateKey: z.string().regex(PEM_KEY, { error: "expected a private key in PEM form" }),
});

const identitySchema = z.strictObject({
  from: mailboxSchema,
  envelopeFrom: z.email({ error: "expected an e-mail address" }).optional(),
  dkim: dkimSchema.optional(),
});

/** The options of {@link createSmtpMailer}, as zod checks them (defaults filled in). */
export const smtpMailerOptionsSchema = z.strictObject({
  host: z.string().min(1, { error: "expected the SMTP server's host name" }),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  requireTLS: z.boolean().default(true),
  tls: z
    .strictObject({
      ca: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
      servername: z.string().min(1).optional(),
    })
    .optional(),
  auth: z
    .strictObject({
      user: z.string().min(1, { error: "expected the SMTP user name" }),
      pass: z.string().min(1, { error: "expected the SMTP password" }),
    })
    .optional(),
  pool: z
    .strictObject({
      maxConnections: z.number().int().min(1).max(100).default(5),
      maxMessages: z.number().int().min(1).max(100_000).default(100),
    })
    .default({ maxConnections: 5, maxMessages: 100 }),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().min(1).max(600_000).default(30_000),
      greetingMs: z.number().int().min(1).max(600_000).default(30_000),
      socketMs: z.number().int().min(1).max(3_600_000).default(60_000),
    })
    .default({ connectMs: 30_000, greetingMs: 30_000, socketMs: 60_000 }),
  clientName: z.string().min(1).optional(),
  dkim: dkimSchema.optional(),
  identities: z.record(z.string().min(1), identitySchema).default({}),
});

/** The e-mail a mailer sends, as zod checks it. */
export const outgoingEmailSchema = z.strictObject({
  messageId: z.string().regex(/^<[^<>\s@]+@[^<>\s@]+>$/, {
    error: "expected a Message-ID of the form <local@domain>",
  }),
  from: mailboxSchema,
  to: z.array(mailboxSchema).min(1, { error: "expected at least one recipient" }),
  replyTo: mailboxSchema.optional(),
  subject: z.string().max(998),
  text: z.string(),
  html: z.string().optional(),
  attachments: z.array(
    z.strictObject({
      filename: z.string().min(1).max(255),
      contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: "expected a media type" }),
      content: z.instanceof(Uint8Array, { error: "expected the bytes as a Uint8Array" }),
    }),
  ),
  headers: z
    .record(
      z
        .string()
        .regex(/^[!-9;-~]+$/, { error: "expected a header name" })
        .refine(
          (name) =>
            ![
              "message-id",
              "from",
              "to",
              "cc",
              "bcc",
              "reply-to",
              "subject",
              "date",
              "sender",
              "dkim-signature",
              "content-type",
              "mime-version",
            ].includes(name.toLowerCase()),
          { error: "this header is set from the e-mail's own fields" },
        ),
      z.string().regex(/^[^\r\n]*$/, { error: "expected one line without CR or LF" }),
    )
    .optional(),
  identity: z.string().min(1).optional(),
});
