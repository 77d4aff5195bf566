import type { CaseOptions, RulePackPolicy, Statement } from "@incasso/core";
import {
  caseStatement,
  caseSummary,
  describeCaseEvent,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
  parseCaseEvents,
  parseIsoDate,
  RULE_PACKS,
  statementToJson,
} from "@incasso/core";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments, UsageError } from "../options.js";
import {
  CALCULATING_OPTIONS,
  POLICY_NOTES,
  POLICY_OPTIONS,
  policiesDifferingFromDefaults,
  policyFromArguments,
  ratesFromArguments,
} from "../policy-options.js";
import { describeStatement } from "./statement-command.js";

/**
 * The declaration of `incasso case`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { CASE_COMMAND, commandHelp } from "@incasso/cli";
 * console.log(commandHelp(CASE_COMMAND));
 * ```
 */
export const CASE_COMMAND: CommandSpec = {
  name: "case",
  summary: "a case from its events: rule pack, dates, findings, statement, history",
  arguments: [
    {
      name: "[events.json]",
      description: 'the events of the case: an array, or { "events": [...] } (or --case-id)',
    },
  ],
  synopsis: "--as-of YYYY-MM-DD | --case-id ID --as-of YYYY-MM-DD [--db DIR|URL] [--tenant ID]",
  options: [
    { name: "as-of", value: "YYYY-MM-DD", description: "the date of the report (required)" },
    {
      name: "case-id",
      value: "ID",
      description: "read the case's events from the store (--db) instead of a file",
    },
    ...STORE_OPTIONS,
    { name: "json", description: "everything the readable view shows, as JSON" },
    {
      name: "lang",
      value: "nl|fr|en",
      description: "the language of the rule pack, the findings and the history",
    },
    ...POLICY_OPTIONS,
    ...CALCULATING_OPTIONS,
  ],
  notes: POLICY_NOTES,
  example:
    "incasso case examples/cases/be-consumer.json --as-of 2026-01-31 --policy book19AboveCap=nothing",
};

/**
 * The lines of `incasso case <events.json> --as-of YYYY-MM-DD [--json] [--lang nl|fr|en]
 * [--policy key=value]... [--policy-file policy.json]`: the case folded from its events as of the
 * date, its rule pack with its dates (chargeable from, each 14-day letter's term), the policies
 * that differ from the defaults, the findings, the statement and the history. With `--json` the
 * same facts as one JSON object (the statement in the contract's JSON).
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
  return caseLines(events, parseArguments(CASE_COMMAND, args));
}

/**
 * The events of the case `--case-id` names, read from the store `--db` (and `--tenant`) opens; a
 * case the store does not hold is bad input naming the option.
 *
 * @example
 * ```ts
 * import { CASE_COMMAND, caseEventsFromStore, parseArguments } from "@incasso/cli";
 * const parsed = parseArguments(CASE_COMMAND, ["--case-id", "acme:r:2026-001", "--db", "./data", "--as-of", "2026-03-02"]);
 * const events = await caseEventsFromStore(parsed);
 * ```
 */
export async function caseEventsFromStore(parsed: ParsedArguments): Promise<unknown[]> {
  const caseId = parsed.value("case-id");
  if (caseId === undefined) throw new UsageError("--case-id: expected the id of a case");
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    const stored = await opened.store.readEvents(opened.scope, caseId);
    if (stored.length === 0) {
      throw new UsageError(
        `--case-id: no case ${JSON.stringify(caseId)} in ${opened.description}, tenant ${opened.scope.tenantId}`,
      );
    }
    return stored.map((event) => event.event);
  } finally {
    await opened.close();
  }
}

/** {@link caseCommand} on arguments already parsed. */
export function caseLines(events: unknown, parsed: ParsedArguments): string[] {
  const asOfText = parsed.value("as-of");
  if (asOfText === undefined)
    throw new UsageError("--as-of: expected the date of the report, written YYYY-MM-DD");
  const language = parsed.value("lang") ?? "en";
  if (language !== "nl" && language !== "fr" && language !== "en") {
    throw new UsageError(`--lang: expected nl, fr or en (got: ${JSON.stringify(language)})`);
  }
  const asOf = parseIsoDate(asOfText, "--as-of");
  const policy: RulePackPolicy = policyFromArguments(parsed);
  const rateTables = ratesFromArguments(parsed);
  const options: CaseOptions = {
    ...(Object.keys(policy).length > 0 ? { policy } : {}),
    ...(rateTables === undefined ? {} : { rateTables }),
  };
  const result = caseStatement(events, asOf, options);
  const summary = caseSummary(events, asOf, options);
  const { state, statement, findings } = result;
  const opened = state.opened;
  const pack = RULE_PACKS[state.rulePack];
  const policies = policiesDifferingFromDefaults(policy);
  const letters14 = result.letters14 ?? [];
  const overdue = summary.nextActionDaysOverdue;
  const debtors = state.debtors.map((debtor) => ({
    id: debtor.id,
    name: debtor.name,
    kind: debtor.kind,
    consumer: debtor.consumer,
    language: debtor.language,
    contacts: debtor.contacts
      .filter((contact) => contact.current)
      .map((contact) => ({ kind: contact.kind, value: contact.value })),
  }));
  const payments = result.caseFile.payments.filter(
    (payment) => payment.date.toString() <= asOf.toString(),
  );
  if (parsed.flag("json")) {
    const money = (value: { toFixed(places: number): string }) => value.toFixed(2);
    const json = {
      asOf: asOf.toString(),
      case: {
        number: state.caseNumber,
        client: opened.client,
        owner: state.owner,
        lawyer: opened.lawyer,
        collectionGroup: opened.collectionGroup ?? null,
      },
      summary: {
        ...summary,
        balance: money(summary.balance),
      },
      rulePack: { id: pack.id, name: pack.name[language] },
      dates: {
        chargeableFrom: result.chargeableFrom?.toString() ?? null,
        letterTermExpiry: result.letterTermExpiry?.toString() ?? null,
        letters14: letters14.map((letter) => ({
          eventId: letter.eventId,
          sent: letter.sent.toString(),
          channel: letter.channel,
          received: letter.received.toString(),
          receipt: letter.receipt,
          termExpiry: letter.termExpiry.toString(),
          statedExpiry: letter.statedExpiry?.toString() ?? null,
          claimsInDefault: letter.claims,
          foundsBik: letter.foundsBik,
        })),
      },
      policies,
      debtors,
      paymentReference:
        opened.paymentReference === undefined
          ? null
          : {
              value: opened.paymentReference,
              kind: referenceKind(opened.paymentReference),
            },
      findings: findings.map((finding) => ({
        ...finding,
        text: finding.message[language],
      })),
      claims: statement.claims.map((claim) => ({
        id: claim.id,
        dueDate: claim.dueDate.toString(),
        originalPrincipal: money(claim.originalPrincipal),
        principal: money(claim.principal),
        interest: money(claim.interest),
        interestAccrued: money(claim.interestAccrued),
      })),
      charges: statement.charges.map((charge) => ({
        id: charge.id,
        kind: charge.kind,
        penalty: charge.penalty,
        date: charge.date.toString(),
        amount: money(charge.amount),
        outstanding: money(charge.outstanding),
      })),
      payments: payments.map((payment) => ({
        id: payment.id,
        date: payment.date.toString(),
        amount: money(payment.amount),
        allocations: statement.allocations
          .filter((allocation) => allocation.payment === payment.id)
          .map((allocation) => ({
            bucket: allocation.bucket,
            target: allocation.target.id,
            date: allocation.date.toString(),
            amount: money(allocation.amount),
            capitalised: allocation.capitalised,
            designated: allocation.designated,
          })),
      })),
      sources: rateSources(statement),
      statement: statementToJson(statement),
      history: state.history,
    };
    return [JSON.stringify(json, null, 2)];
  }
  const lines = [
    `Case ${state.caseNumber}: ${opened.client.name}${opened.client.reference ? ` (client ref ${opened.client.reference})` : ""}`,
    `Rule pack ${pack.id}: ${pack.name[language]}`,
    `Owner ${state.owner}, lawyer ${opened.lawyer}${opened.collectionGroup ? `, group ${opened.collectionGroup}` : ""}; status ${summary.status}${state.suspension === null ? "" : ` (collection suspended since ${state.suspension.since}${state.suspension.until === null ? "" : ` until ${state.suspension.until}`}: ${state.suspension.reason})`}`,
  ];
  for (const debtor of debtors) {
    const current = debtor.contacts.map((contact) => contact.value);
    lines.push(
      `Debtor ${debtor.name} (${debtor.kind}, ${debtor.consumer ? "consumer" : "business"}, ${debtor.language})${current.length > 0 ? `: ${current.join("; ")}` : ""}`,
    );
  }
  if (opened.paymentReference !== undefined)
    lines.push(
      `Payment reference ${opened.paymentReference} (${referenceKind(opened.paymentReference)})`,
    );
  const nextAction =
    summary.nextActionDate === null
      ? "none"
      : `${summary.nextActionDate}${overdue === null ? "" : ` (overdue by ${overdue} ${overdue === 1 ? "day" : "days"})`}`;
  lines.push(
    `As of ${asOf.toString()}: balance ${summary.balance.toFixed(2)}, ${summary.daysPastDue} days past due, last contact ${summary.lastContact ?? "none"}, next action ${nextAction}`,
  );
  if (result.chargeableFrom)
    lines.push(
      `Chargeable from ${result.chargeableFrom.toString()} (end of the Book XIX waiting period)`,
    );
  if (letters14.length > 0) {
    for (const letter of letters14) {
      lines.push(
        `14-day letter ${letter.eventId} sent ${letter.sent.toString()} by ${letter.channel}, received ${letter.received.toString()}, term expires ${letter.termExpiry.toString()}${letter.statedExpiry ? ` (letter states ${letter.statedExpiry.toString()})` : ""}; ${letter.foundsBik ? "founds the BIK" : "does not found the BIK"}`,
        `  receipt: ${letter.receipt}; claims in default when sent: ${letter.claims.length > 0 ? letter.claims.join(", ") : "none"}`,
      );
    }
  } else if (result.letterTermExpiry)
    lines.push(`14-day letter term expires ${result.letterTermExpiry.toString()}`);
  if (policies.length > 0) {
    lines.push("", "Policies (differing from the defaults)");
    for (const entry of policies)
      lines.push(`  ${entry.key} ${entry.value} (default ${entry.default ?? "none"})`);
  }
  lines.push("", "Findings");
  if (findings.length === 0) lines.push("  none");
  for (const finding of findings) {
    lines.push(
      `  ${finding.severity.toUpperCase()} ${finding.code}: ${finding.message[language]} (${finding.source})`,
    );
  }
  lines.push("", ...describeStatement(statement, result.caseFile.payments), "", "History");
  // The history in the clerk's language (`--lang`); English is the history's own text.
  const byId = new Map(parseCaseEvents(events).map((event) => [event.id, event]));
  for (const entry of state.history) {
    const event = byId.get(entry.eventId);
    const text = event === undefined ? entry.text : describeCaseEvent(event, language);
    lines.push(`  ${entry.at}  ${entry.by.padEnd(12)} ${text}`);
  }
  return lines;
}

/** The rate entries the interest lines used, numbered as the readable statement numbers them. */
function rateSources(statement: Statement) {
  const seen = new Set<unknown>();
  const sources = [];
  for (const line of statement.interestLines) {
    for (const entry of line.rateEntries) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      sources.push({
        number: sources.length + 1,
        table: entry.table,
        rate: entry.rate.toString(),
        from: entry.from.toString(),
        source: entry.source,
        status: entry.status,
      });
    }
  }
  return sources;
}

function referenceKind(reference: string): string {
  if (isValidOgm(reference)) return "valid Belgian structured communication";
  if (isValidRfReference(reference)) return "valid RF creditor reference";
  if (isValidNlPaymentReference(reference)) return "valid Dutch payment reference";
  return "NOT a valid payment reference";
}
