import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AgendaEntry, AgendaQuery, CaseOnAgenda } from "@incasso/core";
import { describeBadInput, isBadInput } from "../exit-codes.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments, UsageError } from "../options.js";
import {
  CALCULATING_OPTIONS,
  POLICY_NOTES,
  POLICY_OPTIONS,
  policyFromArguments,
  ratesFromArguments,
} from "../policy-options.js";
import {
  AGENDA_MAX_CASE_FILES,
  AGENDA_MAX_TOTAL_BYTES,
  InputFileError,
  readJsonFile,
} from "../read-json-file.js";

/**
 * The declaration of `incasso agenda`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { AGENDA_COMMAND, commandHelp } from "@incasso/cli";
 * console.log(commandHelp(AGENDA_COMMAND));
 * ```
 */
export const AGENDA_COMMAND: CommandSpec = {
  name: "agenda",
  summary:
    "the daily agenda across the case files of a directory, with the suspended scenarios, aging by owner and risk",
  arguments: [
    {
      name: "<cases-dir>",
      description: "a directory of case files, one JSON file of events per case",
    },
    { name: "<scenarios.json>", description: "the scenarios: one object or an array" },
  ],
  synopsis: "--as-of YYYY-MM-DD",
  options: [
    { name: "as-of", value: "YYYY-MM-DD", description: "the date of the agenda (required)" },
    { name: "owner", value: "O", description: "only the actions of this case owner" },
    { name: "client", value: "C", description: "only the actions of this client (its name)" },
    { name: "group", value: "G", description: "only the actions of this collection group" },
    { name: "kind", value: "K", description: "only activities of this kind (letter, call, ...)" },
    {
      name: "sort",
      value: "due-date|owner|amount|last-contact",
      description: "the order of the actions (default due-date)",
    },
    { name: "csv", description: "the actions as CSV (;-separated), steps numbered from 1" },
    ...POLICY_OPTIONS,
    ...CALCULATING_OPTIONS,
  ],
  notes: [
    "Exit code 1 when a case file cannot be computed (it is reported, the others are listed).",
    ...POLICY_NOTES,
  ],
  example:
    "incasso agenda examples/agenda examples/scenarios/scenarios.json --as-of 2025-06-30 --owner k.devries --csv",
};

import {
  agendaEntries,
  aging,
  parseIsoDate,
  parseScenario,
  prepareCase,
  riskScore,
  toCsv,
} from "@incasso/core";

/**
 * The lines of `incasso agenda <cases-dir> <scenarios.json> --as-of YYYY-MM-DD [--owner O]
 * [--client C] [--group G] [--kind K] [--sort due-date|owner|amount|last-contact] [--csv]`: every
 * action due on or before the date across the case files of a directory (one JSON file of events
 * per case), with the aging by owner. A case that cannot be computed is reported, not fatal; when
 * one met an internal error (a bug, not its input), the first such error is `internalError`.
 *
 * @example
 * ```ts
 * import { agendaCommand } from "@incasso/cli";
 * const { lines } = await agendaCommand(["examples/agenda", "examples/scenarios/scenarios.json", "--as-of", "2025-06-30"]);
 * ```
 */
export async function agendaCommand(
  args: readonly string[],
): Promise<{ ok: boolean; lines: string[]; internalError?: unknown }> {
  return agendaLines(parseArguments(AGENDA_COMMAND, args));
}

/** {@link agendaCommand} on arguments already parsed. */
export async function agendaLines(
  parsed: ParsedArguments,
): Promise<{ ok: boolean; lines: string[]; internalError?: unknown }> {
  const [directory, scenarioFile] = parsed.positionals;
  if (directory === undefined || scenarioFile === undefined)
    throw new UsageError("agenda: expected a directory of case files and a scenarios file");
  const option = (name: string) => parsed.value(name);
  const asOfText = option("as-of");
  if (asOfText === undefined)
    throw new UsageError("--as-of: expected the date of the agenda, written YYYY-MM-DD");
  const asOf = parseIsoDate(asOfText, "--as-of");
  const policy = policyFromArguments(parsed);
  const rateTables = ratesFromArguments(parsed);
  const options = {
    ...(Object.keys(policy).length > 0 ? { policy } : {}),
    ...(rateTables === undefined ? {} : { rateTables }),
  };
  const scenarioJson = readJsonFile(scenarioFile);
  const scenarios = (Array.isArray(scenarioJson) ? scenarioJson : [scenarioJson]).map((scenario) =>
    parseScenario(scenario),
  );
  const files = caseFilesOf(directory);
  const prepared: CaseOnAgenda[] = [];
  const problems: string[] = [];
  let internalError: unknown;
  let entries: AgendaEntry[] = [];
  for (const file of files) {
    try {
      const events = readJsonFile(join(directory, file), { label: file });
      const onAgenda = prepareCase({ events, options }, scenarios, asOf);
      prepared.push(onAgenda);
      entries.push(...agendaEntries(onAgenda, scenarios, asOf));
    } catch (error) {
      if (error instanceof InputFileError) problems.push(error.message);
      else if (isBadInput(error)) problems.push(`${file}: ${describeBadInput(error)}`);
      else {
        internalError ??= error;
        problems.push(`${file}: internal error: ${String(error)}`);
      }
    }
  }
  const query: AgendaQuery = {
    ...(option("owner") ? { owner: option("owner") as string } : {}),
    ...(option("client") ? { client: option("client") as string } : {}),
    ...(option("group") ? { collectionGroup: option("group") as string } : {}),
    ...(option("kind") ? { kind: option("kind") as AgendaQuery["kind"] & string } : {}),
  };
  entries = entries.filter(
    (entry) =>
      (query.owner === undefined || entry.owner === query.owner) &&
      (query.client === undefined || entry.client === query.client) &&
      (query.collectionGroup === undefined || entry.collectionGroup === query.collectionGroup) &&
      (query.kind === undefined || entry.activity.kind === query.kind),
  );
  const sort = option("sort") ?? "due-date";
  const byDue = (a: AgendaEntry, b: AgendaEntry) =>
    a.dueDate.toString().localeCompare(b.dueDate.toString()) ||
    a.caseNumber.localeCompare(b.caseNumber);
  entries.sort(
    sort === "owner"
      ? (a, b) => a.owner.localeCompare(b.owner) || byDue(a, b)
      : sort === "amount"
        ? (a, b) => b.amounts.balance.comparedTo(a.amounts.balance) || byDue(a, b)
        : sort === "last-contact"
          ? (a, b) => (a.lastContact ?? "").localeCompare(b.lastContact ?? "") || byDue(a, b)
          : byDue,
  );
  const rows = entries.map((entry) => ({
    case: entry.caseNumber,
    client: entry.client,
    owner: entry.owner,
    group: entry.collectionGroup ?? "",
    step: entry.step === null ? "extra" : String(entry.step),
    activity: entry.activity.code,
    kind: entry.activity.kind,
    due: entry.dueDate.toString(),
    overdue: entry.daysOverdue,
    approval: entry.approval,
    balance: entry.amounts.balance.toFixed(2),
    lastContact: entry.lastContact ?? "",
  }));
  if (parsed.flag("csv"))
    return {
      ok: problems.length === 0,
      lines: [toCsv(rows).trimEnd()],
      ...(internalError === undefined ? {} : { internalError }),
    };
  const lines = [
    `Agenda as of ${asOf.toString()}: ${entries.length} actions due across ${prepared.length} cases`,
    "",
  ];
  for (const row of rows) {
    lines.push(
      `  ${row.due} +${String(row.overdue).padStart(3)}d  ${row.case.padEnd(13)} ${row.owner.padEnd(11)} ${row.activity.padEnd(8)} ${row.approval.padEnd(9)} ${row.balance.padStart(10)}  ${row.client}`,
    );
  }
  lines.push("", "Suspended or finished scenarios");
  for (const onAgenda of prepared) {
    const scenario = onAgenda.scenario;
    if (scenario && scenario.status !== "action-due" && scenario.status !== "waiting") {
      lines.push(
        `  ${onAgenda.state.caseNumber.padEnd(13)} ${scenario.status}${scenario.suspendedBy.length > 0 ? ` (${scenario.suspendedBy.join(", ")})` : ""}`,
      );
    }
  }
  lines.push("", "Aging by owner");
  for (const row of aging(prepared, { groupBy: "owner" })) {
    lines.push(
      `  ${row.group.padEnd(12)} ${Object.entries(row.buckets)
        .map(([label, value]) => `${label} ${value.toFixed(2)}`)
        .join(" | ")} | total ${row.total.toFixed(2)}`,
    );
  }
  lines.push("", "Risk");
  for (const onAgenda of prepared) {
    const risk = riskScore(onAgenda);
    lines.push(
      `  ${onAgenda.state.caseNumber.padEnd(13)} ${String(risk.score).padStart(5)}  ${risk.factors.map((factor) => `${factor.factor} ${factor.points}`).join(", ")}`,
    );
  }
  for (const problem of problems) lines.push(`FAILED ${problem}`);
  return {
    ok: problems.length === 0,
    lines,
    ...(internalError === undefined ? {} : { internalError }),
  };
}

/**
 * The names of the `*.json` files of an agenda directory, in name order, refused before any is
 * read when there are more than {@link AGENDA_MAX_CASE_FILES} or they hold more than
 * {@link AGENDA_MAX_TOTAL_BYTES} together.
 */
function caseFilesOf(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith(".json"));
  } catch (error) {
    throw new InputFileError(
      directory,
      directory,
      `cannot read the directory of case files (${(error as Error).message})`,
    );
  }
  if (names.length > AGENDA_MAX_CASE_FILES)
    throw new InputFileError(
      directory,
      directory,
      `${names.length.toLocaleString("en")} case files, more than the limit of ${AGENDA_MAX_CASE_FILES.toLocaleString("en")} for one agenda`,
    );
  let total = 0;
  for (const name of names) {
    try {
      total += statSync(join(directory, name)).size;
    } catch {
      // Reported with the file when it is read.
    }
  }
  if (total > AGENDA_MAX_TOTAL_BYTES)
    throw new InputFileError(
      directory,
      directory,
      `the case files hold ${total.toLocaleString("en")} bytes together, more than the limit of ${AGENDA_MAX_TOTAL_BYTES.toLocaleString("en")} bytes (256 MiB) for one agenda`,
    );
  return names.sort();
}
