import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import type { CaseEvent } from "../case/case-event.js";
import type { CaseOptions } from "../case/case-statement.js";
import { caseStatement } from "../case/case-statement.js";
import type { CaseState } from "../case/fold-case.js";
import { dateOf, dayOf } from "../statement/engine/engine-state.js";
import type { Statement } from "../statement/statement.js";
import { isoDay } from "./planner-days.js";
import type { Activity, Scenario } from "./scenario-definition.js";
import type { ScenarioState } from "./scenario-state.js";
import { scenarioState } from "./scenario-state.js";

/**
 * A case as the agenda reads it: its events and the scenarios it may run (by id).
 *
 * @example
 * ```ts
 * import type { AgendaCase } from "@incasso/core";
 * declare const events: unknown[];
 * const input: AgendaCase = { events };
 * ```
 */
export interface AgendaCase {
  readonly events: unknown;
  readonly options?: CaseOptions;
  /**
   * The client's default scenario (by id), used from the day the case was opened when the case has
   * no `scenario.started` event.
   */
  readonly defaultScenario?: string;
}

/**
 * One action on the daily agenda: the case, client, owner, the step and activity, its due date and
 * days overdue, whether it needs approval, and the amounts the letter will contain.
 *
 * @example
 * ```ts
 * import type { AgendaEntry } from "@incasso/core";
 * const label = (entry: AgendaEntry) => `${entry.caseNumber} ${entry.activity.code} ${entry.dueDate}`;
 * ```
 */
export interface AgendaEntry {
  readonly caseNumber: string;
  readonly client: string;
  readonly owner: string;
  readonly collectionGroup: string | null;
  readonly scenarioId: string | null;
  /** The scenario step, numbered from 1 as in the events, or null for an extra action ordered on the case. */
  readonly step: number | null;
  readonly actionId: string | null;
  readonly activity: Activity;
  readonly dueDate: Temporal.PlainDate;
  readonly daysOverdue: number;
  readonly approval: "required" | "automatic";
  readonly amounts: {
    readonly balance: Decimal;
    readonly principal: Decimal;
    readonly interest: Decimal;
    readonly costs: Decimal;
  };
  readonly lastContact: string | null;
  readonly consumer: boolean;
}

/**
 * Filters and sort order of the agenda.
 *
 * @example
 * ```ts
 * import type { AgendaQuery } from "@incasso/core";
 * const query: AgendaQuery = { owner: "an.peeters", sort: "amount" };
 * ```
 */
export interface AgendaQuery {
  readonly client?: string;
  readonly owner?: string;
  readonly kind?: Activity["kind"];
  readonly collectionGroup?: string;
  readonly sort?: "owner" | "amount" | "last-contact" | "due-date";
}

/**
 * The computed state of one case for the agenda: the fold, the statement and its scenario.
 *
 * @example
 * ```ts
 * import type { CaseOnAgenda } from "@incasso/core";
 * const balanceOf = (c: CaseOnAgenda) => c.statement.totals.balance;
 * ```
 */
export interface CaseOnAgenda {
  readonly state: CaseState;
  readonly statement: Statement;
  readonly scenario: ScenarioState | null;
}

/**
 * Computes a case for the agenda as of a date: its statement, and the scenario its
 * `scenario.started` event names.
 *
 * @example
 * ```ts
 * import { parseIsoDate, prepareCase, type Scenario } from "@incasso/core";
 * declare const events: unknown[];
 * declare const scenarios: Scenario[];
 * prepareCase({ events }, scenarios, parseIsoDate("2026-01-31")).scenario?.status;
 * ```
 */
export function prepareCase(
  input: AgendaCase,
  scenarios: readonly Scenario[],
  asOf: Temporal.PlainDate,
): CaseOnAgenda {
  const { state, statement } = caseStatement(input.events, asOf, input.options ?? {});
  let started: Extract<CaseEvent, { type: "scenario.started" }> | undefined;
  for (let index = state.events.length - 1; index >= 0 && started === undefined; index--) {
    const event = state.events[index] as CaseEvent;
    if (event.type === "scenario.started") started = event;
  }
  const id = started === undefined ? input.defaultScenario : started.scenarioId;
  const scenario = scenarios.find((candidate) => candidate.id === id);
  const startedOn = started === undefined ? dateOf(isoDay(state.opened.at)) : undefined;
  const options = startedOn === undefined ? {} : { startedOn };
  return {
    state,
    statement,
    scenario: scenario
      ? scenarioState(scenario, state, statement.totals.balance, asOf, options)
      : null,
  };
}

/**
 * The agenda entries of one prepared case as of a date: its due scenario step and its open extra
 * actions due by then. The step on top of the computed statement, with no further I/O.
 *
 * @example
 * ```ts
 * import { agendaEntries, parseIsoDate, prepareCase, type Scenario } from "@incasso/core";
 * declare const events: unknown[];
 * declare const scenarios: Scenario[];
 * const asOf = parseIsoDate("2026-01-31");
 * agendaEntries(prepareCase({ events }, scenarios, asOf), scenarios, asOf);
 * ```
 */
export function agendaEntries(
  prepared: CaseOnAgenda,
  scenarios: readonly Scenario[],
  asOf: Temporal.PlainDate,
): AgendaEntry[] {
  const { state, statement, scenario } = prepared;
  const entries: AgendaEntry[] = [];
  // The amounts every entry of the case shares, made when the case has an entry (most have none).
  let amounts: AgendaEntry["amounts"] | undefined;
  const step = scenario?.current;
  if (scenario?.status === "action-due" && step?.plannedOn) {
    amounts = amountsOf(statement);
    entries.push(
      entryOf(
        state,
        amounts,
        scenario.scenarioId,
        step.step,
        null,
        step.activity,
        step.plannedOn,
        dayOf(asOf) - dayOf(step.plannedOn),
        step.approval,
      ),
    );
  }
  // A suspended case's ordered actions wait, like its scenario, until the suspension ends.
  if (
    state.status !== "closed" &&
    state.status !== "written-off" &&
    state.status !== "with-bailiff" &&
    state.status !== "suspended"
  ) {
    // One pass finds the ordered actions; most cases have none, and then nothing is made.
    let ordered: Extract<CaseEvent, { type: "action.ordered" }>[] | undefined;
    let done: Set<string> | undefined;
    for (const event of state.events) {
      if (event.type === "action.ordered") {
        ordered ??= [];
        ordered.push(event);
      } else if (event.type === "extra-action.done") {
        done ??= new Set();
        done.add(event.actionId);
      }
    }
    if (ordered !== undefined) {
      const today = dayOf(asOf);
      const pool = poolOf(scenarios);
      for (const event of ordered) {
        if (done?.has(event.actionId)) continue;
        const dueDay = isoDay(event.dueDate);
        if (dueDay > today) continue;
        const activity = pool.get(event.activity);
        if (activity === undefined) continue;
        amounts ??= amountsOf(statement);
        entries.push(
          entryOf(
            state,
            amounts,
            null,
            null,
            event.actionId,
            activity,
            dateOf(dueDay),
            today - dueDay,
            "required",
          ),
        );
      }
    }
  }
  return entries;
}

function amountsOf(statement: Statement): AgendaEntry["amounts"] {
  const totals = statement.totals;
  return {
    balance: totals.balance,
    principal: totals.principal,
    interest: totals.interest,
    costs: totals.costs,
  };
}

/**
 * An agenda entry as one object literal of all its fields: spreading the fields a case's entries
 * share and then adding each entry's own costs V8 a map transition per added field, several
 * microseconds an entry; a literal has its shape from the start.
 */
function entryOf(
  state: CaseState,
  amounts: AgendaEntry["amounts"],
  scenarioId: string | null,
  step: number | null,
  actionId: string | null,
  activity: Activity,
  dueDate: Temporal.PlainDate,
  daysOverdue: number,
  approval: AgendaEntry["approval"],
): AgendaEntry {
  const opened = state.opened;
  return {
    caseNumber: state.caseNumber,
    client: opened.client.name,
    owner: state.owner,
    collectionGroup: opened.collectionGroup ?? null,
    amounts,
    lastContact: state.lastContact,
    consumer: state.debtors.some(isConsumer),
    scenarioId,
    step,
    actionId,
    activity,
    dueDate,
    daysOverdue,
    approval,
  };
}

const isConsumer = (debtor: CaseState["debtors"][number]) => debtor.consumer;

const pools = new WeakMap<readonly Scenario[], ReadonlyMap<string, Activity>>();
/** The activities of a list of scenarios by code, memoised per (immutable) list. */
function poolOf(scenarios: readonly Scenario[]): ReadonlyMap<string, Activity> {
  let pool = pools.get(scenarios);
  if (pool === undefined) {
    pool = new Map(
      scenarios.flatMap((candidate) =>
        candidate.activities.map((activity) => [activity.code, activity] as const),
      ),
    );
    pools.set(scenarios, pool);
  }
  return pool;
}

/**
 * The daily agenda: every action due on or before the date across all cases, filtered and sorted
 * (by owner, amount due descending, last contact, or due date, the default).
 *
 * @example
 * ```ts
 * import { agenda, parseIsoDate, type Scenario } from "@incasso/core";
 * declare const cases: { events: unknown[] }[];
 * declare const scenarios: Scenario[];
 * agenda(cases, scenarios, parseIsoDate("2026-01-31"), { owner: "an.peeters" }).length;
 * ```
 */
export function agenda(
  cases: readonly AgendaCase[],
  scenarios: readonly Scenario[],
  asOf: Temporal.PlainDate,
  query: AgendaQuery = {},
): AgendaEntry[] {
  const entries = cases.flatMap((input) =>
    agendaEntries(prepareCase(input, scenarios, asOf), scenarios, asOf),
  );
  return sortAgenda(filterAgenda(entries, query), query.sort ?? "due-date");
}

function filterAgenda(entries: readonly AgendaEntry[], query: AgendaQuery): AgendaEntry[] {
  return entries.filter(
    (entry) =>
      (query.client === undefined || entry.client === query.client) &&
      (query.owner === undefined || entry.owner === query.owner) &&
      (query.kind === undefined || entry.activity.kind === query.kind) &&
      (query.collectionGroup === undefined || entry.collectionGroup === query.collectionGroup),
  );
}

/**
 * Text order of the agenda's sorts, the same on every host: English collation (accents and case
 * after the letters: "anna" < "Ånund" < "bert" < "Bert" < "émile"), fixed rather than the host's
 * default locale, with code-unit order breaking the ties the collation leaves.
 */
const collator = new Intl.Collator("en");
function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Sorts agenda entries in place: by owner, by balance (highest first), by last contact, or by due
 * date (the default); ties by due date, then case number.
 *
 * @internal
 */
export function sortAgenda(
  entries: AgendaEntry[],
  sort: NonNullable<AgendaQuery["sort"]>,
): AgendaEntry[] {
  const byDue = (a: AgendaEntry, b: AgendaEntry) =>
    Temporal.PlainDate.compare(a.dueDate, b.dueDate) || compareText(a.caseNumber, b.caseNumber);
  const compare: Record<typeof sort, (a: AgendaEntry, b: AgendaEntry) => number> = {
    "due-date": byDue,
    owner: (a, b) => compareText(a.owner, b.owner) || byDue(a, b),
    amount: (a, b) => b.amounts.balance.comparedTo(a.amounts.balance) || byDue(a, b),
    "last-contact": (a, b) => compareText(a.lastContact ?? "", b.lastContact ?? "") || byDue(a, b),
  };
  return entries.sort(compare[sort]);
}

// Kept for the importers of this path (storage/) until they import dispose-entry.js.
export { disposeEntry } from "./dispose-entry.js";
