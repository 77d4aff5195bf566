import { readFile } from "node:fs/promises";
import { IncassoError } from "@incasso/core";
import { agendaCommand } from "./commands/agenda-command.js";
import { deadlineCommand, holidaysCommand } from "./commands/calendar-commands.js";
import { caseCommand } from "./commands/case-command.js";
import { planCommand } from "./commands/plan-command.js";
import { referenceCommand } from "./commands/reference-command.js";
import { statementCommand } from "./commands/statement-command.js";
import type { CliIo } from "./io.js";
import { runVectorFiles } from "./vectors/run-vector-files.js";

/**
 * The usage text of the `incasso` command.
 *
 * @example
 * ```ts
 * import { USAGE } from "@incasso/cli";
 * console.log(USAGE);
 * ```
 */
export const USAGE = `usage: incasso <command> [arguments]

commands:
  vectors <file-or-dir>...                 run golden vectors; ends with "N passed, N failed"
  statement <case.json> [--as-of YYYY-MM-DD] [--json]
                                            the statement of a case file (contract JSON with --json)
  agenda <cases-dir> <scenarios.json> --as-of YYYY-MM-DD [--owner O] [--client C] [--group G]
         [--kind K] [--sort due-date|owner|amount|last-contact] [--csv]
                                            the daily agenda across the case files of a directory
  plan <request.json> [--json]              a payment plan proposal, or why the request cannot be met
  case <events.json> --as-of YYYY-MM-DD [--json] [--lang nl|fr|en]
                                            a case from its events: rule pack findings, statement, history
  holidays <be|nl> <year> [nl|fr|en]        the holidays of a calendar year, with their sources
  deadline <be|nl> <YYYY-MM-DD> <days> [--posted]
                                            statutory deadline (BE Ger.W. art. 52/53[/53bis], NL Algemene termijnenwet)
  reference create <be.ogm|rf|nl.betalingskenmerk> <input>
  reference validate <be.ogm|rf|nl.betalingskenmerk|iban|be.kbo|be.national-number> <input>`;

/**
 * Runs the `incasso` command with its arguments and returns the exit code: 0 on success, 1 when
 * something failed (a vector, an invalid reference), 2 on bad usage or bad input. Errors are
 * written as one line naming the field and what was expected.
 *
 * @example
 * ```ts
 * import { main } from "@incasso/cli";
 * const code = await main(["holidays", "nl", "2026"], { out: console.log, err: console.error });
 * ```
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "vectors": {
        const summary = await runVectorFiles(rest, io);
        return summary.failed > 0 ? 1 : 0;
      }
      case "case":
        for (const line of caseCommand(await readJson(rest[0], "case"), rest.slice(1)))
          io.out(line);
        return 0;
      case "agenda": {
        const result = await agendaCommand(rest);
        for (const line of result.lines) io.out(line);
        return result.ok ? 0 : 1;
      }
      case "plan": {
        const result = planCommand(await readJson(rest[0], "plan"), rest.slice(1));
        for (const line of result.lines) io.out(line);
        return result.ok ? 0 : 1;
      }
      case "statement":
        for (const line of statementCommand(await readJson(rest[0], "statement"), rest.slice(1)))
          io.out(line);
        return 0;
      case "holidays":
        for (const line of holidaysCommand(rest)) io.out(line);
        return 0;
      case "deadline":
        for (const line of deadlineCommand(rest)) io.out(line);
        return 0;
      case "reference": {
        const result = referenceCommand(rest);
        io.out(result.line);
        return result.ok ? 0 : 1;
      }
      case undefined:
      case "help":
      case "--help":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.err(
      error instanceof IncassoError ? `${error.code}: ${error.message}` : (error as Error).message,
    );
    return 2;
  }
}

async function readJson(file: string | undefined, command: string): Promise<unknown> {
  if (file === undefined) throw new Error(`${command}: expected the path of a case file`);
  const text = await readFile(file, "utf8").catch((error: Error) => {
    throw new Error(`${file}: cannot read (${error.message})`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
}
