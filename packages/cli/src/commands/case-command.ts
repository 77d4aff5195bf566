import {
  caseStatement,
  caseSummary,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
  parseIsoDate,
  RULE_PACKS,
  statementToJson,
} from "@incasso/core";
import { describeStatement } from "./statement-command.js";

/**
 * The lines of `incasso case <events.json> --as-of YYYY-MM-DD [--json] [--lang nl|fr|en]`: the case
 * folded from its events as of the date, its rule pack's findings, the statement and the history.
 * With `--json`: `{ summary, findings, statement, history }`, the statement in the contract's JSON.
 *
 * @param events - the parsed JSON: an array of events or `{ "events": [...] }`
 * @param args - the command's options
 * @example
 * ```ts
 * import { caseCommand } from "@incasso/cli";
 * declare const events: unknown;
 * caseCommand(events, ["--as-of", "2026-01-31"]);
 * ```
 */
export function caseCommand(events: unknown, args: readonly string[]): string[] {
  const option = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    if (value === undefined) throw new Error(`${name}: expected a value`);
    return value;
  };
  const asOfText = option("--as-of");
  if (asOfText === undefined)
    throw new Error("--as-of: expected the date of the report, written YYYY-MM-DD");
  const language = option("--lang") ?? "en";
  if (language !== "nl" && language !== "fr" && language !== "en") {
    throw new Error(`--lang: expected nl, fr or en (got: ${JSON.stringify(language)})`);
  }
  const asOf = parseIsoDate(asOfText, "--as-of");
  const result = caseStatement(events, asOf);
  const summary = caseSummary(events, asOf);
  const { state, statement, findings } = result;
  if (args.includes("--json")) {
    return [
      JSON.stringify(
        {
          summary: { ...summary, balance: summary.balance.toFixed(2) },
          findings,
          statement: statementToJson(statement),
          history: state.history,
        },
        null,
        2,
      ),
    ];
  }
  const opened = state.opened;
  const pack = RULE_PACKS[state.rulePack];
  const lines = [
    `Case ${state.caseNumber}: ${opened.client.name}${opened.client.reference ? ` (client ref ${opened.client.reference})` : ""}`,
    `Rule pack ${pack.id}: ${pack.name[language]}`,
    `Owner ${opened.owner}, lawyer ${opened.lawyer}${opened.collectionGroup ? `, group ${opened.collectionGroup}` : ""}; status ${summary.status}`,
  ];
  for (const debtor of state.debtors) {
    const current = debtor.contacts
      .filter((contact) => contact.current)
      .map((contact) => contact.value);
    lines.push(
      `Debtor ${debtor.name} (${debtor.kind}, ${debtor.consumer ? "consumer" : "business"}, ${debtor.language})${current.length > 0 ? `: ${current.join("; ")}` : ""}`,
    );
  }
  if (opened.paymentReference !== undefined)
    lines.push(
      `Payment reference ${opened.paymentReference} (${referenceKind(opened.paymentReference)})`,
    );
  lines.push(
    `As of ${asOf.toString()}: balance ${summary.balance.toFixed(2)}, ${summary.daysPastDue} days past due, last contact ${summary.lastContact ?? "none"}, next action ${summary.nextActionDate ?? "none"}`,
  );
  if (result.chargeableFrom)
    lines.push(
      `Chargeable from ${result.chargeableFrom.toString()} (end of the Book XIX waiting period)`,
    );
  if (result.letterTermExpiry)
    lines.push(`14-day letter term expires ${result.letterTermExpiry.toString()}`);
  lines.push("", "Findings");
  if (findings.length === 0) lines.push("  none");
  for (const finding of findings) {
    lines.push(
      `  ${finding.severity.toUpperCase()} ${finding.code}: ${finding.message[language]} (${finding.source})`,
    );
  }
  lines.push("", ...describeStatement(statement, result.caseFile.payments), "", "History");
  for (const entry of state.history)
    lines.push(`  ${entry.at}  ${entry.by.padEnd(12)} ${entry.text}`);
  return lines;
}

function referenceKind(reference: string): string {
  if (isValidOgm(reference)) return "valid Belgian structured communication";
  if (isValidRfReference(reference)) return "valid RF creditor reference";
  if (isValidNlPaymentReference(reference)) return "valid Dutch payment reference";
  return "NOT a valid payment reference";
}
