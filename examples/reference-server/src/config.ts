// The server's configuration, read from the environment and validated with zod: a wrong value
// stops the start with a message naming the variable and what was expected.
import { resolve } from "node:path";
import { z } from "zod";

const port = z.coerce
  .number({ error: "expected a port number" })
  .int("expected a whole port number")
  .min(0, "expected a port from 0 to 65535")
  .max(65535, "expected a port from 0 to 65535");

const flag = z.enum(["true", "false", "1", "0"], { error: "expected true or false" });

const envSchema = z.object({
  HOST: z.string().min(1, "expected a host name or address").default("127.0.0.1"),
  PORT: port.default(3000),
  INCASSO_DATA_DIR: z.string().min(1, "expected a directory").default("./incasso-data"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// or postgresql:// URL" })
    .optional(),
  INCASSO_TIME_ZONE: z
    .string()
    .refine(validTimeZone, "expected an IANA time zone such as Europe/Brussels")
    .default("Europe/Brussels"),
  INCASSO_PUBLIC_URL: z
    .url({ error: "expected the server's public URL, such as https://incasso.example" })
    .optional(),
  INCASSO_INSECURE_COOKIES: flag.optional(),
  INCASSO_SESSION_HOURS: z.coerce
    .number({ error: "expected a number of hours" })
    .int("expected a whole number of hours")
    .min(1, "expected at least 1 hour")
    .max(168, "expected at most 168 hours")
    .default(12),
  INCASSO_DEMO: flag.default("true"),
  INCASSO_WORKERS: flag.default("true"),
  INCASSO_CHROMIUM: z
    .string()
    .min(1, "expected the path of a chromium executable")
    .default("/usr/bin/chromium"),
  SMTP_HOST: z.string().min(1, "expected a host name").optional(),
  SMTP_PORT: port.optional(),
  SMTP_SECURE: flag.optional(),
  SMTP_REQUIRE_TLS: flag.optional(),
  SMTP_CA_FILE: z.string().min(1, "expected the path of a PEM file").optional(),
  SMTP_USER: z.string().min(1, "expected a user name").optional(),
  SMTP_PASSWORD: z.string().min(1, "expected a password").optional(),
  SMTP_FROM: z.email({ error: "expected an e-mail address" }).optional(),
  SMS_URL: z.url({ error: "expected the https:// URL of an SMS gateway" }).optional(),
  SMS_TOKEN: z.string().min(1, "expected the gateway's API token").optional(),
  SMS_SENDER: z.string().min(1, "expected a sender name or number").optional(),
});

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The validated configuration of the server.
 *
 * @example
 * ```ts
 * const config: ServerConfig = loadConfig({ PORT: "3000" });
 * config.port; // 3000
 * ```
 */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Absolute path of the data directory (PGlite data, kept e-mails, uploads, demo files). */
  readonly dataDir: string;
  /** The PostgreSQL server, when set; otherwise PGlite in `dataDir/pglite`. */
  readonly databaseUrl: string | null;
  /** The URL users open (for links in e-mails and the start banner). */
  readonly publicUrl: string;
  readonly timeZone: string;
  /** Whether cookies carry `Secure`: false only for plain http on a loopback address. */
  readonly secureCookies: boolean;
  readonly sessionHours: number;
  /** Seed the demo firms and users when the database has no users yet. */
  readonly demo: boolean;
  /** Run the background jobs (daily run, dispatcher, instalment reminders). */
  readonly workers: boolean;
  readonly chromiumPath: string;
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    /** STARTTLS required (default; false only for an SMTP server on a loopback address). */
    readonly requireTLS: boolean;
    /** A PEM file of the CA that signed the SMTP server's certificate, besides the system's. */
    readonly caFile: string | null;
    readonly user: string | null;
    readonly password: string | null;
    readonly from: string;
  } | null;
  readonly sms: { readonly url: string; readonly token: string; readonly sender: string } | null;
  /** The address the catch-all mailer and SMTP use as sender when a message has none of its own. */
  readonly mailFrom: string;
}

/**
 * Thrown when the environment does not fit: its message lists each variable and what was expected.
 *
 * @example
 * ```ts
 * try { loadConfig({ PORT: "x" }); } catch (error) { if (error instanceof ConfigError) console.error(error.message); }
 * ```
 */
export class ConfigError extends Error {
  /** Each wrong variable with what was expected. */
  readonly issues: readonly { readonly variable: string; readonly message: string }[];
  constructor(issues: readonly { readonly variable: string; readonly message: string }[]) {
    super(
      `invalid configuration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.issues = issues;
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Reads the configuration from environment variables (`process.env` by default).
 *
 * @throws ConfigError naming every variable that does not fit.
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== "")
      .map((key) => [key, env[key]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "(environment)"),
        message: issue.message,
      })),
    );
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (e.SMTP_HOST !== undefined && e.SMTP_FROM === undefined)
    problems.push({
      variable: "SMTP_FROM",
      message: "expected the sender address when SMTP_HOST is set",
    });
  if (e.SMTP_HOST === undefined)
    for (const name of [
      "SMTP_PORT",
      "SMTP_USER",
      "SMTP_PASSWORD",
      "SMTP_SECURE",
      "SMTP_REQUIRE_TLS",
      "SMTP_CA_FILE",
    ] as const)
      if (e[name] !== undefined)
        problems.push({ variable: name, message: "is only used with SMTP_HOST, which is not set" });
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined))
    problems.push({
      variable: e.SMTP_USER === undefined ? "SMTP_USER" : "SMTP_PASSWORD",
      message: "expected SMTP_USER and SMTP_PASSWORD together",
    });
  if (e.SMS_URL !== undefined && e.SMS_TOKEN === undefined)
    problems.push({
      variable: "SMS_TOKEN",
      message: "expected the gateway's token when SMS_URL is set",
    });
  if (
    e.SMS_URL !== undefined &&
    !e.SMS_URL.startsWith("https://") &&
    !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(e.SMS_URL)
  )
    problems.push({
      variable: "SMS_URL",
      message: "expected an https:// URL (http only on 127.0.0.1)",
    });
  if (
    (e.SMTP_REQUIRE_TLS === "false" || e.SMTP_REQUIRE_TLS === "0") &&
    e.SMTP_HOST !== undefined &&
    !LOOPBACK.has(e.SMTP_HOST)
  )
    problems.push({
      variable: "SMTP_REQUIRE_TLS",
      message: "expected true unless SMTP_HOST is a loopback address (127.0.0.1, localhost, ::1)",
    });
  const insecureAsked = e.INCASSO_INSECURE_COOKIES === "true" || e.INCASSO_INSECURE_COOKIES === "1";
  const plainLocal =
    LOOPBACK.has(e.HOST) &&
    (e.INCASSO_PUBLIC_URL === undefined || e.INCASSO_PUBLIC_URL.startsWith("http://"));
  if (insecureAsked && !LOOPBACK.has(e.HOST))
    problems.push({
      variable: "INCASSO_INSECURE_COOKIES",
      message: "expected only with HOST on a loopback address (127.0.0.1, localhost, ::1)",
    });
  if (problems.length > 0) throw new ConfigError(problems);
  const on = (value: string | undefined) => value === "true" || value === "1";
  // Cookies go without Secure only when the server answers plain http on a loopback address: a
  // browser would not send a Secure cookie back over http://127.0.0.1 otherwise.
  const secureCookies = e.INCASSO_INSECURE_COOKIES === undefined ? !plainLocal : !insecureAsked;
  const mailFrom = e.SMTP_FROM ?? "incasso@localhost";
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.INCASSO_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    publicUrl:
      e.INCASSO_PUBLIC_URL ?? `http://${e.HOST.includes(":") ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    timeZone: e.INCASSO_TIME_ZONE,
    secureCookies,
    sessionHours: e.INCASSO_SESSION_HOURS,
    demo: on(e.INCASSO_DEMO),
    workers: on(e.INCASSO_WORKERS),
    chromiumPath: e.INCASSO_CHROMIUM,
    smtp:
      e.SMTP_HOST === undefined
        ? null
        : {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ?? 587,
            secure: on(e.SMTP_SECURE),
            requireTLS: e.SMTP_REQUIRE_TLS === undefined ? true : on(e.SMTP_REQUIRE_TLS),
            caFile: e.SMTP_CA_FILE ?? null,
            user: e.SMTP_USER ?? null,
            password: e.SMTP_PASSWORD ?? null,
            from: mailFrom,
          },
    sms:
      e.SMS_URL === undefined
        ? null
        : { url: e.SMS_URL, token: e.SMS_TOKEN ?? "", sender: e.SMS_SENDER ?? "Incasso" },
    mailFrom,
  };
}
