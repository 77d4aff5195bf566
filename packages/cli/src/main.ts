import { AGENDA_COMMAND, agendaLines } from "./commands/agenda-command.js";
import { BANK_COMMAND, bankCommand } from "./commands/bank-command.js";
import { BATCHES_COMMAND, batchesCommand } from "./commands/batches-command.js";
import {
  DEADLINE_COMMAND,
  deadlineLines,
  HOLIDAYS_COMMAND,
  holidaysLines,
} from "./commands/calendar-commands.js";
import { CASE_COMMAND, caseEventsFromStore, caseLines } from "./commands/case-command.js";
import { EXPORT_COMMAND, exportCommand } from "./commands/export-command.js";
import { IMPORT_COMMAND, importCommand } from "./commands/import-command.js";
import {
  ALERTS_COMMAND,
  alertsCommand,
  REMINDERS_COMMAND,
  remindersCommand,
} from "./commands/jobs-command.js";
import { LETTER_COMMAND, letterCommand } from "./commands/letter-command.js";
import { OUTBOX_COMMAND, outboxCommand } from "./commands/outbox-command.js";
import { PLAN_COMMAND, planLines } from "./commands/plan-command.js";
import { RATES_COMMAND, ratesLines } from "./commands/rates-command.js";
import { REFERENCE_COMMAND, referenceResult } from "./commands/reference-command.js";
import { STATEMENT_COMMAND, statementLines } from "./commands/statement-command.js";
import { describeBadInput, EXIT_CODES, internalErrorLines, isBadInput } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import type { CommandSpec, ParsedArguments } from "./options.js";
import { commandHelp, parseArguments, UsageError, usageLine } from "./options.js";
import { readJsonFile } from "./read-json-file.js";
import { runVectorFiles } from "./vectors/run-vector-files.js";

const VECTORS_COMMAND: CommandSpec = {
  name: "vectors",
  summary:
    'runs golden vectors (calendars, references, statements); ends with "N passed, N failed"',
  arguments: [
    {
      name: "<file-or-dir>...",
      description: "vector files, or directories of them",
      variadic: true,
    },
  ],
  options: [],
  notes: ["Exit code 1 when a vector fails."],
  example: "incasso vectors examples/vectors",
};

const HELP_COMMAND: CommandSpec = {
  name: "help",
  summary: "the overview of the commands, or the help of one",
  arguments: [{ name: "[command]", description: "the command to explain" }],
  options: [],
  example: "incasso help case",
};

/**
 * Every command of `incasso`, in the order of the usage overview, each with its declaration.
 *
 * @example
 * ```ts
 * import { COMMANDS } from "@incasso/cli";
 * COMMANDS.map((command) => command.name);
 * ```
 */
export const COMMANDS: readonly CommandSpec[] = [
  VECTORS_COMMAND,
  STATEMENT_COMMAND,
  AGENDA_COMMAND,
  PLAN_COMMAND,
  CASE_COMMAND,
  LETTER_COMMAND,
  EXPORT_COMMAND,
  IMPORT_COMMAND,
  BATCHES_COMMAND,
  BANK_COMMAND,
  REMINDERS_COMMAND,
  ALERTS_COMMAND,
  OUTBOX_COMMAND,
  RATES_COMMAND,
  HOLIDAYS_COMMAND,
  DEADLINE_COMMAND,
  REFERENCE_COMMAND,
  HELP_COMMAND,
];

/**
 * The usage text of the `incasso` command: every command's usage line and what it gives, made
 * from the commands' declarations.
 *
 * @example
 * ```ts
 * import { USAGE } from "@incasso/cli";
 * console.log(USAGE);
 * ```
 */
export const USAGE = [
  "usage: incasso <command> [arguments] [options]",
  "",
  "commands:",
  ...COMMANDS.flatMap((command) => [`  ${usageLine(command)}`, `      ${command.summary}`]),
  "",
  "Every command answers --help (or -h) with its arguments, options and an example.",
].join("\n");

/**
 * Runs the `incasso` command with its arguments and returns the exit code (see
 * {@link EXIT_CODES}): 0 on success (and for `--help`), 1 when something failed (a vector, an
 * invalid reference), 2 on bad usage (an unknown option, a missing value) or bad input (a file that
 * cannot be read or is not UTF-8 JSON, an input the core refuses), written as one line naming the
 * option, file or field; 70 on an internal error (a bug), written as one short line with where to
 * report it, and its stack when `--debug` is given anywhere before `--`. It never throws.
 *
 * @example
 * ```ts
 * import { main } from "@incasso/cli";
 * const code = await main(["holidays", "nl", "2026"], { out: console.log, err: console.error });
 * ```
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const end = args.indexOf("--");
  const options = end < 0 ? args : args.slice(0, end);
  const debug = options.includes("--debug");
  const [command, ...rest] = debug
    ? [...options.filter((arg) => arg !== "--debug"), ...(end < 0 ? [] : args.slice(end))]
    : args;
  try {
    if (command === undefined) {
      io.out(USAGE);
      return EXIT_CODES.badInput;
    }
    if (command === "--help" || command === "-h") {
      io.out(USAGE);
      return EXIT_CODES.ok;
    }
    const spec = COMMANDS.find((candidate) => candidate.name === command);
    if (spec === undefined)
      throw new UsageError(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
    const parsed = parseArguments(spec, rest);
    if (parsed.help) {
      io.out(commandHelp(spec));
      return EXIT_CODES.ok;
    }
    return await run(spec.name, parsed, io);
  } catch (error) {
    if (isBadInput(error)) {
      io.err(describeBadInput(error));
      return EXIT_CODES.badInput;
    }
    for (const line of internalErrorLines(error, debug)) io.err(line);
    return EXIT_CODES.internalError;
  }
}

async function run(command: string, parsed: ParsedArguments, io: CliIo): Promise<number> {
  const write = (lines: readonly string[]) => {
    for (const line of lines) io.out(line);
  };
  switch (command) {
    case "vectors": {
      const summary = await runVectorFiles(parsed.positionals, io);
      return summary.failed > 0 ? 1 : 0;
    }
    case "case": {
      const events =
        parsed.value("case-id") === undefined
          ? readJson(parsed.positionals[0], "a file of events", "case")
          : await caseEventsFromStore(parsed);
      write(caseLines(events, parsed));
      return 0;
    }
    case "import": {
      const result = await importCommand(parsed, {
        tty: process.stderr.isTTY === true,
        write: (text) => process.stderr.write(text),
      });
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "batches": {
      const result = await batchesCommand(parsed);
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "bank": {
      const result = await bankCommand(parsed);
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "letter":
      write(
        await letterCommand(readJson(parsed.positionals[0], "a file of events", "letter"), parsed),
      );
      return 0;
    case "export": {
      const result = await exportCommand(parsed);
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "reminders":
    case "alerts": {
      const result =
        command === "reminders" ? await remindersCommand(parsed) : await alertsCommand(parsed);
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "outbox": {
      const result = await outboxCommand(parsed);
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "agenda": {
      const result = await agendaLines(parsed);
      write(result.lines);
      // A case file that met a bug is listed with the others; the run still ends as a crash.
      if (result.internalError !== undefined) throw result.internalError;
      return result.ok ? 0 : 1;
    }
    case "plan": {
      const result = planLines(readJson(parsed.positionals[0], "a plan request", "plan"), parsed);
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "statement":
      write(statementLines(readJson(parsed.positionals[0], "a case file", "statement"), parsed));
      return 0;
    case "rates": {
      const result = ratesLines(parsed, localDate(new Date()));
      write(result.lines);
      return result.ok ? 0 : 1;
    }
    case "holidays":
      write(holidaysLines(parsed));
      return 0;
    case "deadline":
      write(deadlineLines(parsed));
      return 0;
    case "reference": {
      const result = referenceResult(parsed);
      io.out(result.line);
      return result.ok ? 0 : 1;
    }
    default: {
      // help [command]
      const topic = parsed.positionals[0];
      if (topic === undefined) {
        io.out(USAGE);
        return 0;
      }
      const spec = COMMANDS.find((candidate) => candidate.name === topic);
      if (spec === undefined)
        throw new UsageError(`help: unknown command ${JSON.stringify(topic)}\n${USAGE}`);
      io.out(commandHelp(spec));
      return 0;
    }
  }
}

function readJson(file: string | undefined, what: string, command: string): unknown {
  if (file === undefined) throw new UsageError(`${command}: expected the path of ${what}`);
  return readJsonFile(file);
}

/** The date of an instant in the machine's time zone, written YYYY-MM-DD (the clerk's today). */
function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
