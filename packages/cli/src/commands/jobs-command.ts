import { Temporal } from "@incasso/core";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";
import { readJsonFile } from "../read-json-file.js";

/**
 * The declaration of `incasso reminders`: `reminders run` writes the instalment reminders due on
 * a date to the outbox, with a note on each case.
 *
 * @example
 * ```ts
 * import { commandHelp, REMINDERS_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(REMINDERS_COMMAND));
 * ```
 */
export const REMINDERS_COMMAND: CommandSpec = {
  name: "reminders",
  summary: "writes the payment plans' instalment reminders due on a date to the outbox",
  arguments: [{ name: "run", description: "the daily run of instalment reminders" }],
  synopsis: "run --date YYYY-MM-DD [--db DIR|URL] [--tenant ID]",
  options: [
    { name: "date", value: "YYYY-MM-DD", description: "the day the reminders are for (required)" },
    {
      name: "catch-up",
      value: "DAYS",
      description:
        "also the reminders of up to this many days before that a missed run left (0-31)",
    },
    { name: "case-from", value: "ID", description: "the shard: cases from this id on" },
    { name: "case-to", value: "ID", description: "the shard: cases before this id" },
    { name: "by", value: "NAME", description: "who records the notes (default: reminders)" },
    {
      name: "recorded-at",
      value: "INSTANT",
      description: "the instant the notes are recorded at (default: now)",
    },
    { name: "json", description: "the report as JSON" },
    ...STORE_OPTIONS,
  ],
  notes: [
    "Prints the cases read, the reminders written, those an earlier run wrote already, and each reminder skipped with its reason.",
    "Running it again for the same date writes nothing.",
    "How plans carry their reminder settings: docs/messaging.md.",
  ],
  example: "incasso reminders run --date 2026-03-27 --db ./incasso-data --tenant firm-1",
};

/**
 * The declaration of `incasso alerts`: `alerts run` writes each case owner's daily alert of what
 * could not be sent to the outbox.
 *
 * @example
 * ```ts
 * import { ALERTS_COMMAND, commandHelp } from "@incasso/cli";
 * console.log(commandHelp(ALERTS_COMMAND));
 * ```
 */
export const ALERTS_COMMAND: CommandSpec = {
  name: "alerts",
  summary:
    "writes each case owner's daily e-mail of what could not be sent, and why, to the outbox",
  arguments: [{ name: "run", description: "the daily run of owner alerts" }],
  synopsis: "run --date YYYY-MM-DD --owners owners.json [--db DIR|URL] [--tenant ID]",
  options: [
    { name: "date", value: "YYYY-MM-DD", description: "the day reported on (required)" },
    {
      name: "owners",
      value: "owners.json",
      description:
        'the owners\' mailboxes: { "an.peeters": { "address": "an@firm.be", "language": "nl" } }, or { "owners": {...}, "fallback": {...} } (required)',
    },
    {
      name: "time-zone",
      value: "ZONE",
      description: "the IANA time zone the day is read in (default Europe/Brussels)",
    },
    {
      name: "postponed-attempts",
      value: "N",
      description: "report a waiting message after this many attempts (default 3)",
    },
    { name: "json", description: "the report as JSON" },
    ...STORE_OPTIONS,
  ],
  notes: [
    "One alert per owner per day; run it once a day for the day before.",
    "Exit code 1 when an owner is not in owners.json and no fallback mailbox is given: what is theirs is listed, not sent.",
  ],
  example:
    "incasso alerts run --date 2026-03-02 --owners owners.json --db ./incasso-data --tenant firm-1",
};

function requiredDate(parsed: ParsedArguments, command: string): string {
  const date = parsed.value("date");
  if (date === undefined) throw new UsageError(`${command}: expected --date YYYY-MM-DD`);
  let valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  try {
    valid &&= Temporal.PlainDate.from(date, { overflow: "reject" }).toString() === date;
  } catch {
    valid = false;
  }
  if (!valid)
    throw new UsageError(`${command}: --date: expected a date written YYYY-MM-DD, got ${date}`);
  return date;
}

function requireRun(parsed: ParsedArguments, command: string) {
  const [action, ...extra] = parsed.positionals;
  if (action !== "run")
    throw new UsageError(
      `${command}: expected "run" (got ${action === undefined ? "nothing" : JSON.stringify(action)})`,
    );
  if (extra.length > 0)
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(extra[0])}`);
}

function wholeNumber(parsed: ParsedArguments, name: string, command: string): number | undefined {
  const value = parsed.value(name);
  if (value === undefined) return undefined;
  if (!/^\d{1,4}$/.test(value))
    throw new UsageError(`${command}: --${name}: expected a whole number, got ${value}`);
  return Number(value);
}

/**
 * Runs `incasso reminders run --date D`: opens the store, writes the instalment reminders due on
 * the date (`writeInstalmentReminders` of `@incasso/notify`, loaded only here) and answers the
 * report's lines.
 *
 * @example
 * ```ts
 * import { parseArguments, REMINDERS_COMMAND, remindersCommand } from "@incasso/cli";
 * const { lines } = await remindersCommand(parseArguments(REMINDERS_COMMAND, ["run", "--date", "2026-03-27", "--db", "./incasso-data"]));
 * ```
 */
export async function remindersCommand(
  parsed: ParsedArguments,
): Promise<{ ok: boolean; lines: string[] }> {
  requireRun(parsed, "reminders");
  const runDate = requiredDate(parsed, "reminders");
  const catchUpDays = wholeNumber(parsed, "catch-up", "reminders");
  const { writeInstalmentReminders } = await import("@incasso/notify");
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    const caseFrom = parsed.value("case-from");
    const caseTo = parsed.value("case-to");
    const report = await writeInstalmentReminders({
      store: opened.store,
      scope: opened.scope,
      runDate,
      recordedAt: parsed.value("recorded-at") ?? new Date().toISOString(),
      by: parsed.value("by") ?? "reminders",
      ...(catchUpDays === undefined ? {} : { catchUpDays }),
      ...(caseFrom === undefined ? {} : { caseIdFrom: caseFrom }),
      ...(caseTo === undefined ? {} : { caseIdTo: caseTo }),
    });
    if (parsed.flag("json")) return { ok: true, lines: [JSON.stringify(report, null, 2)] };
    return {
      ok: true,
      lines: [
        `instalment reminders of ${report.runDate} in ${opened.description}: ${report.cases} ${report.cases === 1 ? "case" : "cases"} under a plan, ${report.written} written on ${report.casesWritten} ${report.casesWritten === 1 ? "case" : "cases"}, ${report.alreadyWritten} written before`,
        ...report.skipped.map(
          (skip) => `  ${skip.caseNumber} (${skip.caseId}): ${skip.code}: ${skip.message}`,
        ),
      ],
    };
  } finally {
    await opened.close();
  }
}

interface MailboxJson {
  readonly address: string;
  readonly name?: string;
  readonly language: "nl" | "fr" | "en";
}

/**
 * Runs `incasso alerts run --date D --owners owners.json`: opens the store, writes each case
 * owner's alert of the day (`writeOwnerAlerts` of `@incasso/notify`, loaded only here) and
 * answers the report's lines; `ok` is false when an owner is not in the directory and no fallback
 * mailbox takes what is theirs.
 *
 * @example
 * ```ts
 * import { ALERTS_COMMAND, alertsCommand, parseArguments } from "@incasso/cli";
 * const { ok } = await alertsCommand(parseArguments(ALERTS_COMMAND, ["run", "--date", "2026-03-02", "--owners", "owners.json"]));
 * ```
 */
export async function alertsCommand(
  parsed: ParsedArguments,
): Promise<{ ok: boolean; lines: string[] }> {
  requireRun(parsed, "alerts");
  const date = requiredDate(parsed, "alerts");
  const file = parsed.value("owners");
  if (file === undefined) throw new UsageError("alerts: expected --owners owners.json");
  const json = readJsonFile(file) as Record<string, unknown> | null;
  const wrapped =
    json !== null &&
    typeof json === "object" &&
    !Array.isArray(json) &&
    typeof json.owners === "object" &&
    json.owners !== null &&
    !("address" in (json.owners as object));
  const owners = (wrapped ? json.owners : json) as Record<string, MailboxJson>;
  const fallback = wrapped ? (json.fallback as MailboxJson | undefined) : undefined;
  const postponedAttempts = wholeNumber(parsed, "postponed-attempts", "alerts");
  const timeZone = parsed.value("time-zone");
  const { writeOwnerAlerts } = await import("@incasso/notify");
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    const report = await writeOwnerAlerts({
      store: opened.store,
      scope: opened.scope,
      date,
      owners,
      ...(fallback === undefined ? {} : { fallback }),
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(postponedAttempts === undefined ? {} : { postponedAttempts }),
    });
    const ok = report.unknownOwners.length === 0 || fallback !== undefined;
    if (parsed.flag("json")) return { ok, lines: [JSON.stringify(report, null, 2)] };
    return {
      ok,
      lines: [
        `owner alerts of ${report.date} in ${opened.description}: ${report.failed} failed, ${report.postponed} still waiting; ${report.written.length} ${report.written.length === 1 ? "alert" : "alerts"} written`,
        ...report.written.map((alert) => `  alert to ${alert.to} (${alert.owners.join(", ")})`),
        ...report.alreadyWritten.map(
          (key) => `  ${key}: written before for that owner and day, not again`,
        ),
        ...report.unknownOwners.map(
          (owner) =>
            `  owner ${owner.owner} is not in ${file}: ${owner.items} ${owner.items === 1 ? "item" : "items"}${fallback === undefined ? " not alerted" : " alerted to the fallback mailbox"}`,
        ),
        ...report.withoutOwner.map((key) => `  ${key}: belongs to no case, so to no owner`),
        ...(report.truncated
          ? ["  more messages than one listing reads (1000): run again after these are dealt with"]
          : []),
      ],
    };
  } finally {
    await opened.close();
  }
}
