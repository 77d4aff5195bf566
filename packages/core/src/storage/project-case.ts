import type { Temporal } from "temporal-polyfill";
import type { CaseEventJson } from "../case/case-event.js";
import type { CaseOptions } from "../case/case-statement.js";
import { summaryOf } from "../case/case-statement.js";
import type { CaseState } from "../case/fold-case.js";
import { foldCase } from "../case/fold-case.js";
import type { RulePackPolicy } from "../case/rule-packs.js";
import type { FieldDefinition } from "../case/user-fields.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { CaseRow } from "../ports/case-list-store.js";
import type { ClientTerms } from "../ports/relations-store.js";
import type { RateTable } from "../rates/rate-table.js";
import type { CaseOnAgenda } from "../scenarios/agenda.js";
import { prepareCase } from "../scenarios/agenda.js";
import type { AgingBucket } from "../scenarios/reports.js";
import { DEFAULT_AGING_BUCKETS } from "../scenarios/reports.js";
import type { Scenario } from "../scenarios/scenario-definition.js";
import { LIMITS } from "../validation/json-primitives.js";

/**
 * What the projection of a case needs besides its events: the client's collection terms and
 * scenarios, and the host's rate tables (when it extends or replaces the built-in ones).
 *
 * @example
 * ```ts
 * import type { ProjectionContext } from "@incasso/core/adapter-kit";
 * const context: ProjectionContext = { terms: null, scenarios: [] };
 * ```
 */
export interface ProjectionContext {
  readonly terms: ClientTerms | null;
  readonly scenarios: readonly Scenario[];
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

/**
 * A case computed for the store as of a date: its list row, and (when its statement could be
 * computed) the prepared case the agenda is made from.
 *
 * @example
 * ```ts
 * import type { ProjectedCase } from "@incasso/core/adapter-kit";
 * const balance = (projected: ProjectedCase) => projected.row.balance;
 * ```
 */
export interface ProjectedCase {
  readonly row: CaseRow;
  readonly prepared: CaseOnAgenda | null;
}

/** Codes of a statement that cannot be computed from valid events; the events are kept anyway. */
const COMPUTATION_CODES = new Set([
  "RATE_NOT_COVERED",
  "UNKNOWN_RATE_TABLE",
  "DATE_OUT_OF_RANGE",
  "AMOUNT_OUT_OF_RANGE",
]);

/**
 * The case options a client's collection terms give: its rule-pack policy, user-defined fields and
 * the host's rate tables.
 *
 * @example
 * ```ts
 * import { caseOptionsOf } from "@incasso/core/adapter-kit";
 * caseOptionsOf({ terms: { policy: { receiptDays: 3 } }, scenarios: [] }).policy?.receiptDays; // 3
 * ```
 */
export function caseOptionsOf(context: ProjectionContext): CaseOptions {
  const terms = context.terms;
  return {
    ...(terms?.policy === undefined ? {} : { policy: definedOnly(terms.policy) as RulePackPolicy }),
    ...(terms?.fields === undefined
      ? {}
      : { fields: terms.fields.map((field) => definedOnly(field) as FieldDefinition) }),
    ...(context.rateTables === undefined ? {} : { rateTables: context.rateTables }),
  };
}

/**
 * Computes the list row of a case from its events as of a date, the function every store calls
 * in the transaction of an append and that rebuilds the rows: status (`paid` when nothing is
 * owed), balance, days past due and the aging bucket of the client's terms, the next action date
 * (the earliest of the scenario's next step, an ordered extra action not yet done, an open
 * promise, and the day a suspension ends by itself), the current owner, the last contact, and the
 * debtors. Invalid events throw `INVALID_INPUT`; a statement
 * that cannot be computed (a rate table not covering the date) gives a row with `balance` null and
 * the `problem`, so the events are never refused for it.
 *
 * @example
 * ```ts
 * import { parseIsoDate } from "@incasso/core";
 * import { projectCase } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * projectCase("C1", events, parseIsoDate("2026-01-31"), { terms: null, scenarios: [] }).row.agingBucket;
 * ```
 */
export function projectCase(
  caseId: string,
  events: readonly CaseEventJson[] | unknown,
  asOf: Temporal.PlainDate,
  context: ProjectionContext,
): ProjectedCase {
  const options = caseOptionsOf(context);
  const list = events as readonly CaseEventJson[];
  const version = Array.isArray(list) ? list.length : 0;
  let prepared: CaseOnAgenda;
  try {
    const defaultScenario = context.terms?.defaultScenario;
    prepared = prepareCase(
      { events, options, ...(defaultScenario === undefined ? {} : { defaultScenario }) },
      context.scenarios,
      asOf,
    );
    const balance = prepared.statement.totals.balance;
    if (balance.abs().gt(LIMITS.amount.max))
      throw new IncassoError(
        "AMOUNT_OUT_OF_RANGE",
        `the balance of case ${caseId} as of ${asOf.toString()} has ${balance.toFixed(0).replace("-", "").length} digits before the point, more than the ${LIMITS.amount.integerDigits} an amount may have; check the case's rates and amounts`,
      );
  } catch (error) {
    if (!(error instanceof IncassoError) || !COMPUTATION_CODES.has(error.code)) throw error;
    const state = foldCase(events, asOf, options);
    const { promise, ...row } = baseRow(caseId, state, version, asOf);
    return {
      row: {
        ...row,
        status: state.status,
        balance: null,
        daysPastDue: 0,
        agingBucket: agingBucketOf(0, context.terms),
        nextActionDate: earliest([promise, ...orderedActions(state)]),
        problem: { code: error.code, message: error.message },
      },
      prepared: null,
    };
  }
  const { state, statement, scenario } = prepared;
  const summary = summaryOf(state, statement, asOf);
  const planned =
    scenario !== null &&
    (scenario.status === "action-due" || scenario.status === "waiting") &&
    scenario.current?.plannedOn
      ? scenario.current.plannedOn.toString()
      : null;
  const { promise, ...row } = baseRow(caseId, state, version, asOf);
  return {
    row: {
      ...row,
      status: summary.status,
      balance: statement.totals.balance.toFixed(2),
      daysPastDue: summary.daysPastDue,
      agingBucket: agingBucketOf(summary.daysPastDue, context.terms),
      nextActionDate: earliest([promise, planned, ...orderedActions(state)]),
      problem: null,
    },
    prepared,
  };
}

/** The object without its undefined properties (zod's optional output against exact optional types). */
function definedOnly(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

function baseRow(caseId: string, state: CaseState, version: number, asOf: Temporal.PlainDate) {
  const promises = state.promises
    .filter((promise) => promise.state === "open")
    .map((promise) => promise.dueDate);
  return {
    caseId,
    clientId: state.opened.client.id,
    caseNumber: state.caseNumber,
    owner: state.owner,
    collectionGroup: state.opened.collectionGroup ?? null,
    lastContact: state.lastContact,
    debtorIds: state.debtors.map((debtor) => debtor.id),
    version,
    asOf: asOf.toString(),
    // The earliest open promise, or the day a suspension ends by itself when that comes first.
    promise: earliest([...promises, state.suspension?.until ?? null]),
  };
}

/**
 * Due dates of the extra actions ordered on a case and not yet done (none while the case is closed,
 * written off or suspended: a suspended case's actions wait for the suspension to end).
 */
function orderedActions(state: CaseState): string[] {
  if (state.status === "closed" || state.status === "written-off" || state.status === "suspended")
    return [];
  const done = new Set(
    state.events.flatMap((event) => (event.type === "extra-action.done" ? [event.actionId] : [])),
  );
  return state.events.flatMap((event) =>
    event.type === "action.ordered" && !done.has(event.actionId) ? [event.dueDate] : [],
  );
}

function earliest(dates: readonly (string | null)[]): string | null {
  let min: string | null = null;
  for (const date of dates) if (date !== null && (min === null || date < min)) min = date;
  return min;
}

/**
 * The aging bucket label of a number of days past due, in a client's buckets or the defaults.
 *
 * @example
 * ```ts
 * import { agingBucketOf } from "@incasso/core/adapter-kit";
 * agingBucketOf(45, null); // "31-60"
 * ```
 */
export function agingBucketOf(days: number, terms: ClientTerms | null): string {
  const buckets: readonly AgingBucket[] =
    terms?.agingBuckets?.map((bucket) => ({
      label: bucket.label,
      from: bucket.from ?? Number.NEGATIVE_INFINITY,
      to: bucket.to,
    })) ?? DEFAULT_AGING_BUCKETS;
  const found = buckets.find(
    (bucket) => days >= bucket.from && (bucket.to === null || days <= bucket.to),
  );
  return (found ?? buckets.at(-1))?.label ?? "";
}
