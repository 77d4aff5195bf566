import type { RateEntry, Statement } from "@incasso/core";
import { computeStatement, parseCaseFile, parseIsoDate, statementToJson } from "@incasso/core";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments } from "../options.js";
import { CALCULATING_OPTIONS, ratesFromArguments } from "../policy-options.js";

/**
 * The declaration of `incasso statement`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { commandHelp, STATEMENT_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(STATEMENT_COMMAND));
 * ```
 */
export const STATEMENT_COMMAND: CommandSpec = {
  name: "statement",
  summary: "the statement of a case file of the calculation contract",
  arguments: [{ name: "<case.json>", description: "a case file of the calculation contract" }],
  options: [
    {
      name: "as-of",
      value: "YYYY-MM-DD",
      description: "the date of the statement (default: the case file's asOf)",
    },
    { name: "json", description: "the statement JSON of the contract" },
    ...CALCULATING_OPTIONS,
  ],
  example: "incasso statement examples/statements/two-invoices-be.json --as-of 2024-06-01 --json",
};

/**
 * The lines of `incasso statement <case.json> [--as-of YYYY-MM-DD] [--json]`: with `--json`,
 * exactly the statement JSON of the contract; without, a readable statement as a clerk checks it:
 * claims, interest lines with rate, divisor and a numbered source, charges, payments with where
 * each euro went, totals.
 *
 * @param caseJson - the parsed JSON of the case file
 * @param args - the command's options
 * @example
 * ```ts
 * import { statementCommand } from "@incasso/cli";
 * statementCommand({
 *   asOf: "2024-06-30", terms: { interest: { rate: { table: "be.commercial" } } },
 *   claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
 * }, ["--json"]);
 * ```
 */
export function statementCommand(caseJson: unknown, args: readonly string[]): string[] {
  return statementLines(caseJson, parseArguments(STATEMENT_COMMAND, args));
}

/** {@link statementCommand} on arguments already parsed. */
export function statementLines(caseJson: unknown, parsed: ParsedArguments): string[] {
  const asOfText = parsed.value("as-of");
  const file = parseCaseFile(caseJson);
  const rateTables = ratesFromArguments(parsed);
  const statement = computeStatement(file, {
    ...(asOfText === undefined ? {} : { asOf: parseIsoDate(asOfText, "--as-of") }),
    ...(rateTables === undefined ? {} : { rateTables }),
  });
  if (parsed.flag("json")) return [JSON.stringify(statementToJson(statement), null, 2)];
  return describeStatement(statement, file.payments);
}

const money = (value: { toFixed(places: number): string }) => value.toFixed(2).padStart(12);

/**
 * The readable lines of a statement: claims, interest lines with numbered sources, charges,
 * payments with their allocations, totals and the sources.
 *
 * @example
 * ```ts
 * import { computeStatement, parseCaseFile } from "@incasso/core";
 * import { describeStatement } from "@incasso/cli";
 * const file = parseCaseFile({ asOf: "2024-06-30", claims: [{ id: "F1", principal: "10.00", dueDate: "2024-01-31" }] });
 * describeStatement(computeStatement(file), file.payments).at(-1);
 * ```
 */
export function describeStatement(
  statement: Statement,
  payments: readonly {
    id: string;
    date: { toString(): string };
    amount: { toFixed(n: number): string };
  }[],
): string[] {
  const lines = [
    `Statement as of ${statement.asOf.toString()} (${statement.currency})`,
    "",
    "Claims",
  ];
  lines.push(
    `  ${"claim".padEnd(12)} ${"due".padEnd(10)} ${"principal".padStart(12)} ${"open princ.".padStart(12)} ${"open int.".padStart(12)} ${"accrued".padStart(12)}`,
  );
  for (const claim of statement.claims) {
    lines.push(
      `  ${claim.id.padEnd(12)} ${claim.dueDate.toString()} ${money(claim.originalPrincipal)} ${money(claim.principal)} ${money(claim.interest)} ${money(claim.interestAccrued)}`,
    );
  }
  const sources: RateEntry[] = [];
  const sourceNumber = (entry: RateEntry) => {
    let index = sources.indexOf(entry);
    if (index < 0) index = sources.push(entry) - 1;
    return index + 1;
  };
  lines.push("", "Interest lines");
  if (statement.interestLines.length === 0) lines.push("  none");
  for (const line of statement.interestLines) {
    const refs =
      line.rateEntries.map((entry) => `[${sourceNumber(entry)}]`).join("") || "[contract]";
    const margin = line.margin.isZero() ? "" : ` (incl. margin ${line.margin.toString()})`;
    lines.push(
      `  ${line.claim.padEnd(12)} ${line.from.toString()} – ${line.to.toString()} ${String(line.days).padStart(4)} d  ${line.base.toFixed(2).padStart(10)} × ${line.rate.toString()} %${margin} / ${line.divisor} = ${money(line.amount)}  ${refs}`,
    );
  }
  if (statement.charges.length > 0) {
    lines.push("", "Charges");
    for (const charge of statement.charges) {
      const label = charge.penalty ? "penalty" : charge.kind;
      lines.push(
        `  ${charge.id.padEnd(12)} ${label.padEnd(8)} ${charge.date.toString()} ${money(charge.amount)}  open ${money(charge.outstanding)}`,
      );
    }
  }
  const applied = payments.filter(
    (payment) => payment.date.toString() <= statement.asOf.toString(),
  );
  if (applied.length > 0) {
    lines.push("", "Payments");
    for (const payment of applied) {
      lines.push(`  ${payment.id.padEnd(12)} ${payment.date.toString()} ${money(payment.amount)}`);
      for (const allocation of statement.allocations.filter((a) => a.payment === payment.id)) {
        const what = `${allocation.bucket} ${allocation.target.id}${allocation.capitalised ? " (capitalised)" : ""}${allocation.designated ? " (designated)" : ""}`;
        lines.push(
          `    → ${what.padEnd(36)} ${money(allocation.amount)}  on ${allocation.date.toString()}`,
        );
      }
    }
  }
  const t = statement.totals;
  lines.push(
    "",
    "Totals",
    `  principal        ${money(t.principal)}`,
    `  interest         ${money(t.interest)}   (accrued ${t.interestAccrued.toFixed(2)})`,
    `  costs            ${money(t.costs)}   (penalty ${t.penalty.toFixed(2)})`,
    `  paid             ${money(t.paid)}`,
    `  credit           ${money(t.credit)}`,
    `  balance          ${money(t.balance)}`,
  );
  if (sources.length > 0) {
    lines.push("", "Sources");
    sources.forEach((entry, index) => {
      lines.push(
        `  [${index + 1}] ${entry.table} ${entry.rate.toString()} % from ${entry.from.toString()}: ${entry.source} (${entry.status})`,
      );
    });
  }
  return lines;
}
