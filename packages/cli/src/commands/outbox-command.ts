import { readFileSync } from "node:fs";
import { IncassoError, Temporal } from "@incasso/core";
import type { DispatchReport } from "@incasso/notify";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";
import { readJsonFile } from "../read-json-file.js";

/**
 * The declaration of `incasso outbox`: `outbox dispatch` sends what the outbox holds (e-mail over
 * SMTP, the hours of contact applied in each debtor's time zone), `outbox list` shows its messages
 * (`--status failed`: the dead letters).
 *
 * @example
 * ```ts
 * import { commandHelp, OUTBOX_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(OUTBOX_COMMAND));
 * ```
 */
export const OUTBOX_COMMAND: CommandSpec = {
  name: "outbox",
  summary: "sends the outbox's e-mails (dispatch) or lists its messages (list)",
  arguments: [
    { name: "dispatch", description: "sends what may be sent now; --once stops when none is left" },
    { name: "list", description: "lists the messages, by status or case" },
  ],
  synopsis:
    "dispatch --once [--smtp URL] [--from ADDRESS] [--db DIR|URL] [--tenant ID] | list [--status S]",
  options: [
    { name: "once", description: "dispatch: stop when nothing is left to send now" },
    {
      name: "smtp",
      value: "URL",
      description:
        "dispatch: smtp://user:pass@host:587 (STARTTLS required), smtps://host:465, ?starttls=off for a local relay, ?ca=FILE for a private CA (default: $INCASSO_SMTP_URL)",
    },
    {
      name: "from",
      value: "ADDRESS",
      description: "dispatch: the sender's address (default: $INCASSO_FROM)",
    },
    { name: "from-name", value: "NAME", description: "dispatch: the sender's display name" },
    {
      name: "creditor",
      value: "creditor.json",
      description:
        "dispatch: the creditor's letterhead ({ name, addressLines, iban, ... }) for letters sent as PDF; with --chromium for the PDF",
    },
    { name: "chromium", value: "PATH", description: "dispatch: the Chromium that prints letters" },
    {
      name: "time-zone",
      value: "ZONE",
      description: "dispatch: the zone of debtors without one (default Europe/Brussels)",
    },
    {
      name: "worker",
      value: "NAME",
      description: "dispatch: the worker name (default: cli-<pid>)",
    },
    {
      name: "status",
      value: "STATUS",
      description: "list: pending, claimed, sent or failed (the dead letters)",
    },
    { name: "case", value: "ID", description: "list: the messages of one case" },
    { name: "limit", value: "N", description: "list: at most this many (default 100)" },
    { name: "json", description: "the report or list as JSON" },
    ...STORE_OPTIONS,
  ],
  notes: [
    "A message is sent at least once: a dispatcher stopped between the send and the record sends it again later with the same Message-ID.",
    "Messages outside the hours of contact wait (postponed), never dropped. Exit code 1 when a message failed for good.",
    "The rules and the guarantee: docs/messaging.md.",
  ],
  example:
    "incasso outbox dispatch --once --smtp smtp://mailer:secret@smtp.firm.example:587 --from dossiers@firm.example --db ./incasso-data --tenant firm-1",
};

/** SMTP settings from a URL: smtp:// with STARTTLS required, smtps:// over TLS. */
function smtpOptions(url: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--smtp: expected a URL such as smtp://user:pass@host:587, got ${url}`);
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    throw new UsageError(`--smtp: expected smtp:// or smtps://, got ${parsed.protocol}//`);
  const secure = parsed.protocol === "smtps:";
  const ca = parsed.searchParams.get("ca");
  const starttls = parsed.searchParams.get("starttls");
  if (starttls !== null && starttls !== "off" && starttls !== "on")
    throw new UsageError(`--smtp: expected ?starttls=on or off, got ${starttls}`);
  return {
    host: parsed.hostname,
    port: parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port),
    secure,
    ...(starttls === "off" ? { requireTLS: false } : {}),
    ...(ca === null ? {} : { tls: { ca: readFileSync(ca, "utf8") } }),
    ...(parsed.username === ""
      ? {}
      : {
          auth: {
            user: decodeURIComponent(parsed.username),
            pass: decodeURIComponent(parsed.password),
          },
        }),
  };
}

function reportLines(report: DispatchReport): string[] {
  return [
    ...report.sent.map((s) => `  sent ${s.id} to ${s.to} (${s.messageId})`),
    ...report.postponed.map((p) => `  postponed ${p.id} until ${p.until}: ${p.reason}`),
    ...report.retried.map((r) => `  retry ${r.id} (try ${r.attempt}) at ${r.until}: ${r.reason}`),
    ...report.failed.map(
      (f) => `  failed ${f.id}${f.permanent ? "" : " after its last try"}: ${f.reason}`,
    ),
    ...report.errors.map((e) => `  not sent ${e.id}: ${e.reason}`),
  ];
}

/**
 * Runs `incasso outbox dispatch` and `incasso outbox list`. Dispatch opens the store and an SMTP
 * mailer (`--smtp` or `INCASSO_SMTP_URL`), and sends with the dispatcher of `@incasso/notify`
 * (loaded only here; `@incasso/documents` only with `--creditor`): with `--once` until nothing
 * is sendable now, else until interrupted (SIGINT, SIGTERM). `ok` is false when a message failed
 * for good. List prints the messages (`--status failed`: the dead letters).
 *
 * @example
 * ```ts
 * import { OUTBOX_COMMAND, outboxCommand, parseArguments } from "@incasso/cli";
 * const { lines } = await outboxCommand(parseArguments(OUTBOX_COMMAND, ["list", "--status", "failed", "--db", "./incasso-data"]));
 * ```
 */
export async function outboxCommand(
  parsed: ParsedArguments,
): Promise<{ ok: boolean; lines: string[] }> {
  const [action, ...extra] = parsed.positionals;
  if (action !== "dispatch" && action !== "list")
    throw new UsageError(
      `outbox: expected "dispatch" or "list" (got ${action === undefined ? "nothing" : JSON.stringify(action)})`,
    );
  if (extra.length > 0)
    throw new UsageError(`outbox: unexpected argument ${JSON.stringify(extra[0])}`);
  return action === "list" ? listOutbox(parsed) : dispatch(parsed);
}

async function listOutbox(parsed: ParsedArguments): Promise<{ ok: boolean; lines: string[] }> {
  const status = parsed.value("status");
  if (
    status !== undefined &&
    status !== "pending" &&
    status !== "claimed" &&
    status !== "sent" &&
    status !== "failed"
  )
    throw new UsageError(`--status: expected pending, claimed, sent or failed, got ${status}`);
  const limitText = parsed.value("limit") ?? "100";
  if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 1000)
    throw new UsageError(`--limit: expected a whole number from 1 to 1000, got ${limitText}`);
  const caseId = parsed.value("case");
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    const messages = await opened.store.listOutbox(opened.scope, {
      limit: Number(limitText),
      ...(status === undefined ? {} : { status }),
      ...(caseId === undefined ? {} : { caseId }),
    });
    if (parsed.flag("json")) return { ok: true, lines: [JSON.stringify(messages, null, 2)] };
    return {
      ok: true,
      lines: [
        `${messages.length} ${messages.length === 1 ? "message" : "messages"}${status === undefined ? "" : ` ${status}`} in the outbox of ${opened.description}`,
        ...messages.map(
          (m) =>
            `  ${m.id} ${m.kind} ${m.status} case ${m.caseId ?? "-"} tries ${m.attempts}${m.notBefore === null ? "" : ` not before ${m.notBefore}`}${m.detail === null ? "" : `: ${m.detail}`}`,
        ),
      ],
    };
  } finally {
    await opened.close();
  }
}

async function dispatch(parsed: ParsedArguments): Promise<{ ok: boolean; lines: string[] }> {
  const url = parsed.value("smtp") ?? process.env.INCASSO_SMTP_URL;
  if (url === undefined || url === "")
    throw new UsageError("outbox dispatch: expected --smtp URL (or INCASSO_SMTP_URL set)");
  const from = parsed.value("from") ?? process.env.INCASSO_FROM;
  if (from === undefined || !/^[^\s@<>]+@[^\s@<>]+$/.test(from))
    throw new UsageError(
      `outbox dispatch: --from: expected the sender's address (or INCASSO_FROM set)${from === undefined ? "" : `, got ${from}`}`,
    );
  const timeZone = parsed.value("time-zone");
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw new UsageError(
      `--time-zone: expected an IANA time zone such as Europe/Brussels, got ${timeZone}`,
    );
  const smtp = smtpOptions(url);
  const creditorFile = parsed.value("creditor");
  const creditor = creditorFile === undefined ? undefined : readJsonFile(creditorFile);
  const { createDispatcher, createSmtpMailer } = await import("@incasso/notify");
  const letters =
    creditor === undefined ? undefined : await starterLetters(creditor, parsed.value("chromium"));
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  const mailer = createSmtpMailer(smtp);
  const fromName = parsed.value("from-name");
  try {
    const dispatcher = createDispatcher({
      store: opened.store,
      scope: opened.scope,
      mailer,
      from: { address: from, ...(fromName === undefined ? {} : { name: fromName }) },
      workerId: parsed.value("worker") ?? `cli-${process.pid}`,
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(letters === undefined ? {} : { renderer: letters.renderer, letters: letters.letters }),
    });
    if (!parsed.flag("once")) {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const totals = await dispatcher.run({ signal: controller.signal });
      return {
        ok: totals.failed === 0,
        lines: [
          `outbox of ${opened.description}: stopped after ${totals.batches} batches, ${totals.sent} sent, ${totals.failed} failed`,
        ],
      };
    }
    const reports: DispatchReport[] = [];
    // Until a claim finds nothing: postponed and retried messages wait for a later run.
    for (let batch = 0; batch < 10_000; batch++) {
      const report = await dispatcher.runOnce();
      if (report.claimed === 0) break;
      reports.push(report);
    }
    const all: DispatchReport = {
      claimed: reports.reduce((n, r) => n + r.claimed, 0),
      sent: reports.flatMap((r) => r.sent),
      postponed: reports.flatMap((r) => r.postponed),
      retried: reports.flatMap((r) => r.retried),
      failed: reports.flatMap((r) => r.failed),
      errors: reports.flatMap((r) => r.errors),
    };
    const ok = all.failed.length === 0;
    if (parsed.flag("json")) return { ok, lines: [JSON.stringify(all, null, 2)] };
    return {
      ok,
      lines: [
        `outbox of ${opened.description}: ${all.sent.length} sent, ${all.postponed.length} postponed, ${all.retried.length} to retry, ${all.failed.length} failed`,
        ...reportLines(all),
      ],
    };
  } finally {
    await mailer.close();
    await letters?.renderer.close();
    await opened.close();
  }
}

function isTimeZone(zone: string): boolean {
  try {
    Temporal.PlainDate.from("2026-01-01").toZonedDateTime({ timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The starter letters of `@incasso/documents` and its PDF renderer, for letters sent as PDF. */
async function starterLetters(creditor: unknown, chromium: string | undefined) {
  const { createPdfRenderer, STARTER_TEMPLATES, starterTemplate } = await import(
    "@incasso/documents"
  );
  if (creditor === null || typeof creditor !== "object" || Array.isArray(creditor))
    throw new UsageError("--creditor: expected a JSON object { name, addressLines, iban, ... }");
  const renderer = createPdfRenderer(chromium === undefined ? {} : { executablePath: chromium });
  return {
    renderer,
    letters: {
      creditor: creditor as { name: string },
      template(name: string, language: "nl" | "fr" | "en") {
        const [first, second] = name.split("/");
        const starter = STARTER_TEMPLATES.find((t) => t.name === (second ?? first));
        if (starter === undefined)
          throw new IncassoError("INVALID_INPUT", `template: no starter letter ${name}`, [
            { path: "template", message: "expected the name of a starter letter" },
          ]);
        const lang = second === undefined ? language : (first as "nl" | "fr" | "en");
        return {
          kind: starter.kind,
          template: starterTemplate(starter.name as Parameters<typeof starterTemplate>[0], lang),
        };
      },
    },
  };
}
