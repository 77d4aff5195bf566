import type { RateTable } from "@incasso/core";
import { builtInRateTables, parseIsoDate, rateTablesOverview } from "@incasso/core";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments, UsageError } from "../options.js";
import { ratesFromArguments } from "../policy-options.js";

/**
 * The declaration of `incasso rates`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { commandHelp, RATES_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(RATES_COMMAND));
 * ```
 */
export const RATES_COMMAND: CommandSpec = {
  name: "rates",
  summary:
    "every rate table with its last entry and trusted-until date, warning about the tables that stop before the date; or every entry of one table",
  arguments: [{ name: "[table]", description: "a table id (e.g. nl.legal): list all its entries" }],
  options: [
    {
      name: "as-of",
      value: "YYYY-MM-DD",
      description: "the date to check the tables against (default: today)",
    },
    {
      name: "rates",
      value: "rates.json",
      description: "a rates file: the tables as the calculating commands would use them with it",
    },
    { name: "json", description: "the overview (or the table) as JSON" },
  ],
  notes: [
    "A table stops on its trusted-until date; a statement past it fails with RATE_NOT_COVERED.",
    "Add the rates published since in a rates file and pass it with --rates to every calculating",
    'command; a rates file is { "tables": { "<id>": { "trustedUntil": "YYYY-MM-DD", "entries":',
    '[{ "from": "YYYY-MM-DD", "rate": "4", "source": "...", "status": "confirmed" }] } } }.',
    "One ECB entry (ecb.mro) extends nl.commercial and be.commercial, which the law derives from it.",
  ],
  example: "incasso rates --as-of 2027-01-15 --rates rates.json",
};

/**
 * The lines of `incasso rates [table] [--as-of YYYY-MM-DD] [--rates rates.json] [--json]`: every
 * table with its last entry, status and trusted-until date, and a warning for each table that stops
 * before the date (today by default); with a table id, every entry of that table with its source.
 *
 * @param args - the command's arguments
 * @param today - the date to use when `--as-of` is not given (the CLI passes the local date)
 * @example
 * ```ts
 * import { ratesCommand } from "@incasso/cli";
 * ratesCommand(["--as-of", "2026-11-27"], "2026-11-27").lines.at(-1);
 * ```
 */
export function ratesCommand(
  args: readonly string[],
  today: string,
): { ok: boolean; lines: string[] } {
  return ratesLines(parseArguments(RATES_COMMAND, args), today);
}

/**
 * {@link ratesCommand} on arguments already parsed.
 *
 * @example
 * ```ts
 * import { parseArguments, RATES_COMMAND, ratesLines } from "@incasso/cli";
 * ratesLines(parseArguments(RATES_COMMAND, ["nl.legal"]), "2026-11-27").lines[0];
 * ```
 */
export function ratesLines(
  parsed: ParsedArguments,
  today: string,
): { ok: boolean; lines: string[] } {
  const asOf = parseIsoDate(parsed.value("as-of") ?? today, "--as-of");
  const tables = ratesFromArguments(parsed) ?? builtInRateTables();
  const id = parsed.positionals[0];
  if (id !== undefined) {
    const table = tables.get(id);
    if (table === undefined)
      throw new UsageError(
        `rates: unknown table ${JSON.stringify(id)}; expected one of ${[...tables.keys()].sort().join(", ")}`,
      );
    return { ok: true, lines: tableLines(table, parsed.flag("json")) };
  }
  const rows = rateTablesOverview(tables, asOf);
  if (parsed.flag("json")) {
    const json = {
      asOf: asOf.toString(),
      tables: rows.map((row) => ({
        id: row.id,
        name: row.name,
        trustedUntil: row.trustedUntil.toString(),
        stopsBefore: row.stopsBefore,
        lastEntry:
          row.lastEntry === undefined
            ? null
            : {
                from: row.lastEntry.from.toString(),
                rate: row.lastEntry.rate.toString(),
                status: row.lastEntry.status,
                source: row.lastEntry.source,
              },
        ...(row.derivation === undefined ? {} : { derivation: row.derivation }),
      })),
    };
    return { ok: true, lines: [JSON.stringify(json, null, 2)] };
  }
  const lines = [
    `Rate tables as of ${asOf.toString()}${parsed.value("rates") === undefined ? " (built in)" : ` (built in, with ${parsed.value("rates")})`}`,
    "",
    `  ${"table".padEnd(24)} ${"last entry".padEnd(34)} trusted until`,
  ];
  for (const row of rows) {
    const last = row.lastEntry;
    const entry =
      last === undefined ? "none" : `${last.rate.toString()} % from ${last.from} (${last.status})`;
    lines.push(
      `  ${row.id.padEnd(24)} ${entry.padEnd(34)} ${row.trustedUntil.toString()}${row.stopsBefore ? `  STOPS BEFORE ${asOf.toString()}` : ""}`,
      `  ${"".padEnd(24)} ${row.name}`,
    );
    if (row.derivation !== undefined) lines.push(`  ${"".padEnd(24)} ${row.derivation}`);
  }
  const stale = rows.filter((row) => row.stopsBefore);
  if (stale.length > 0) lines.push("");
  for (const row of stale) {
    lines.push(
      `WARNING ${row.id} stops on ${row.trustedUntil.toString()}, before ${asOf.toString()}: a statement that needs it after that fails with RATE_NOT_COVERED. Add the rates published since in a rates file (--rates file.json).${row.id === "ecb.mro" ? " The commercial tables derived from it need it only from the next half-year." : ""}`,
    );
  }
  return { ok: true, lines };
}

function tableLines(table: RateTable, json: boolean): string[] {
  if (json) {
    return [
      JSON.stringify(
        {
          id: table.id,
          name: table.name,
          source: table.source,
          trustedUntil: table.trustedUntil.toString(),
          ...(table.derivation === undefined ? {} : { derivation: table.derivation }),
          entries: table.entries.map((entry) => ({
            from: entry.from.toString(),
            rate: entry.rate.toString(),
            status: entry.status,
            source: entry.source,
          })),
        },
        null,
        2,
      ),
    ];
  }
  return [
    `${table.id}: ${table.name}`,
    `  ${table.source}`,
    ...(table.derivation === undefined ? [] : [`  ${table.derivation}`]),
    `  trusted until ${table.trustedUntil.toString()}`,
    "",
    ...table.entries.map(
      (entry) =>
        `  ${entry.from.toString()} ${entry.rate.toString().padStart(6)} %  ${entry.status.padEnd(11)} ${entry.source}`,
    ),
  ];
}
