import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import type { CaseEventJson } from "../case/case-event.js";
import type { CaseOptions } from "../case/case-statement.js";
import { caseStatement } from "../case/case-statement.js";
import type { CaseState } from "../case/fold-case.js";
import { toEpochDay } from "../dates/epoch-day.js";
import type { Statement } from "../statement/statement.js";
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
  const started = [...state.events].reverse().find((event) => event.type === "scenario.started");
  const id = started?.type === "scenario.started" ? started.scenarioId : input.defaultScenario;
  const scenario = scenarios.find((candidate) => candidate.id === id);
  const startedOn = started === undefined ? Temporal.PlainDate.from(state.opened.at) : undefined;
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
  const totals = statement.totals;
  const base = {
    caseNumber: state.caseNumber,
    client: state.opened.client.name,
    owner: state.opened.owner,
    collectionGroup: state.opened.collectionGroup ?? null,
    amounts: {
      balance: totals.balance,
      principal: totals.principal,
      interest: totals.interest,
      costs: totals.costs,
    },
    lastContact: state.lastContact,
    consumer: state.debtors.some((debtor) => debtor.consumer),
  };
  const entries: AgendaEntry[] = [];
  const step = scenario?.current;
  if (scenario?.status === "action-due" && step?.plannedOn) {
    entries.push({
      ...base,
      scenarioId: scenario.scenarioId,
      step: step.step,
      actionId: null,
      activity: step.activity,
      dueDate: step.plannedOn,
      daysOverdue: toEpochDay(asOf) - toEpochDay(step.plannedOn),
      approval: step.approval,
    });
  }
  if (
    state.status !== "closed" &&
    state.status !== "written-off" &&
    state.status !== "with-bailiff"
  ) {
    const done = new Set(
      state.events.flatMap((event) => (event.type === "extra-action.done" ? [event.actionId] : [])),
    );
    const pool = poolOf(scenarios);
    for (const event of state.events) {
      if (
        event.type !== "action.ordered" ||
        done.has(event.actionId) ||
        event.dueDate > asOf.toString()
      )
        continue;
      const activity = pool.get(event.activity);
      if (activity === undefined) continue;
      const dueDate = Temporal.PlainDate.from(event.dueDate);
      entries.push({
        ...base,
        scenarioId: null,
        step: null,
        actionId: event.actionId,
        activity,
        dueDate,
        daysOverdue: dueDate.until(asOf).days,
        approval: "required",
      });
    }
  }
  return entries;
}

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

function sortAgenda(entries: AgendaEntry[], sort: NonNullable<AgendaQuery["sort"]>): AgendaEntry[] {
  const byDue = (a: AgendaEntry, b: AgendaEntry) =>
    Temporal.PlainDate.compare(a.dueDate, b.dueDate) || a.caseNumber.localeCompare(b.caseNumber);
  const compare: Record<typeof sort, (a: AgendaEntry, b: AgendaEntry) => number> = {
    "due-date": byDue,
    owner: (a, b) => a.owner.localeCompare(b.owner) || byDue(a, b),
    amount: (a, b) => b.amounts.balance.comparedTo(a.amounts.balance) || byDue(a, b),
    "last-contact": (a, b) =>
      (a.lastContact ?? "").localeCompare(b.lastContact ?? "") || byDue(a, b),
  };
  return entries.sort(compare[sort]);
}

/**
 * What a clerk decides about an agenda entry: done (with the result), rescheduled to a date (a new
 * entry; the old one is marked continued), or cancelled with a reason.
 *
 * @example
 * ```ts
 * import type { Disposition } from "@incasso/core";
 * const later: Disposition = { kind: "rescheduled", to: "2026-02-15" };
 * ```
 */
export type Disposition =
  | { readonly kind: "done"; readonly result: string }
  | { readonly kind: "rescheduled"; readonly to: string }
  | { readonly kind: "cancelled"; readonly reason: string };

/**
 * Who decides and when (an instant the host passes in), and the id of the event to create.
 *
 * @example
 * ```ts
 * import type { DispositionMeta } from "@incasso/core";
 * const meta: DispositionMeta = { id: "ev-981", at: "2026-01-31", recordedAt: "2026-01-31T09:12:00Z", by: "an.peeters" };
 * ```
 */
export interface DispositionMeta {
  readonly id: string;
  readonly at: string;
  readonly recordedAt: string;
  readonly by: string;
}

/**
 * The event to append to the case for a disposition of an agenda entry.
 *
 * @example
 * ```ts
 * import { disposeEntry, type AgendaEntry } from "@incasso/core";
 * declare const entry: AgendaEntry;
 * disposeEntry(entry, { kind: "done", result: "sent" }, { id: "e9", at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "clerk" });
 * ```
 */
export function disposeEntry(
  entry: Pick<AgendaEntry, "step" | "actionId">,
  disposition: Disposition,
  meta: DispositionMeta,
): CaseEventJson {
  if (entry.step === null) {
    if (disposition.kind !== "done") {
      return {
        ...meta,
        type: "note.added",
        text: `action ${entry.actionId} ${disposition.kind}: ${disposition.kind === "rescheduled" ? disposition.to : disposition.reason}`,
      };
    }
    return {
      ...meta,
      type: "extra-action.done",
      actionId: entry.actionId as string,
      result: disposition.result,
    };
  }
  switch (disposition.kind) {
    case "done":
      return { ...meta, type: "action.done", step: entry.step, result: disposition.result };
    case "rescheduled":
      return { ...meta, type: "action.rescheduled", step: entry.step, to: disposition.to };
    case "cancelled":
      return { ...meta, type: "action.cancelled", step: entry.step, reason: disposition.reason };
  }
}

/**
 * A command for an adapter, produced by approving agenda entries: render a letter, send an e-mail
 * or SMS, create a call task, hand over to a bailiff, change a status.
 *
 * @example
 * ```ts
 * import type { AdapterCommand } from "@incasso/core";
 * const isMail = (command: AdapterCommand) => command.kind === "send-email";
 * ```
 */
export interface AdapterCommand {
  readonly kind:
    | "render-letter"
    | "send-email"
    | "send-sms"
    | "call-task"
    | "bailiff-handover"
    | "status-change"
    | "custom-task";
  readonly caseNumber: string;
  readonly activity: string;
  readonly template: string | null;
  readonly channel: Activity["channel"];
  readonly fallbackChannel: Activity["channel"] | null;
}

/**
 * Approves agenda entries in bulk, in one pure step: the commands for the adapters and, per case,
 * the `action.done` event to append (and a `charge.added` for an activity with a cost, which the
 * rule pack then allows or leaves out). Entries to skip (or that need no approval) are the caller's
 * filter.
 *
 * @example
 * ```ts
 * import { approveEntries, type AgendaEntry } from "@incasso/core";
 * declare const entries: AgendaEntry[];
 * const { commands, events } = approveEntries(entries, { at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "an.peeters" });
 * ```
 */
export function approveEntries(
  entries: readonly AgendaEntry[],
  meta: Omit<DispositionMeta, "id">,
): { commands: AdapterCommand[]; events: { caseNumber: string; event: CaseEventJson }[] } {
  const commands: AdapterCommand[] = [];
  const events: { caseNumber: string; event: CaseEventJson }[] = [];
  entries.forEach((entry, index) => {
    const activity = entry.activity;
    const kind: AdapterCommand["kind"] =
      activity.kind === "email"
        ? "send-email"
        : activity.kind === "sms"
          ? "send-sms"
          : activity.kind === "call"
            ? "call-task"
            : activity.kind === "bailiff-handover"
              ? "bailiff-handover"
              : activity.kind === "status-change"
                ? "status-change"
                : activity.kind === "custom"
                  ? "custom-task"
                  : "render-letter";
    commands.push({
      kind,
      caseNumber: entry.caseNumber,
      activity: activity.code,
      template: activity.template ?? null,
      channel: activity.channel,
      fallbackChannel: activity.fallbackChannel ?? null,
    });
    events.push({
      caseNumber: entry.caseNumber,
      event: disposeEntry(
        entry,
        { kind: "done", result: `approved: ${kind}` },
        { ...meta, id: `${meta.by}-${meta.recordedAt}-${index}` },
      ),
    });
    if (activity.cost !== undefined) {
      // The cost the activity adds; the case's rule pack decides whether it is due.
      events.push({
        caseNumber: entry.caseNumber,
        event: {
          ...meta,
          id: `${meta.by}-${meta.recordedAt}-${index}-cost`,
          type: "charge.added",
          chargeId: `${activity.code}-${meta.at}-${index}`,
          kind: "cost",
          amount: activity.cost,
          description: `${activity.code}: ${activity.description.en}`,
        },
      });
    }
  });
  return { commands, events };
}

/**
 * When automatic e-mails and SMS may go out: not between `quietFrom` and `quietTo` (default 20:00
 * to 07:00), not on weekends or holidays of the calendar, and at most `maxPerWeek` contacts per
 * debtor in 7 days (Dutch collection practice, WKI).
 *
 * @example
 * ```ts
 * import type { ContactPolicy } from "@incasso/core";
 * const policy: ContactPolicy = { quietFrom: "20:00", quietTo: "07:00", maxPerWeek: 3 };
 * ```
 */
export interface ContactPolicy {
  readonly quietFrom?: string;
  readonly quietTo?: string;
  readonly maxPerWeek?: number;
}

/**
 * The earliest moment at or after `when` at which an automatic message may be sent under the
 * policy, or null when the debtor's contact limit for the week is reached. `contactDates` are the
 * days of the debtor's earlier contacts.
 *
 * @example
 * ```ts
 * import { beCalendar, nextSendingTime, Temporal } from "@incasso/core";
 * nextSendingTime(Temporal.PlainDateTime.from("2026-01-30T21:15"), beCalendar(), [], {})?.toString(); // "2026-02-02T07:00:00"
 * ```
 */
export function nextSendingTime(
  when: Temporal.PlainDateTime,
  calendar: BusinessCalendar,
  contactDates: readonly Temporal.PlainDate[],
  policy: ContactPolicy,
): Temporal.PlainDateTime | null {
  const from = Temporal.PlainTime.from(policy.quietFrom ?? "20:00");
  const to = Temporal.PlainTime.from(policy.quietTo ?? "07:00");
  let moment = when;
  for (let guard = 0; guard < 400; guard++) {
    const date = moment.toPlainDate();
    const time = moment.toPlainTime();
    if (!calendar.isBusinessDay(date) || Temporal.PlainTime.compare(time, from) >= 0) {
      moment = date.add({ days: 1 }).toPlainDateTime(to);
      continue;
    }
    if (Temporal.PlainTime.compare(time, to) < 0) {
      moment = date.toPlainDateTime(to);
      continue;
    }
    break;
  }
  if (policy.maxPerWeek !== undefined) {
    const day = moment.toPlainDate();
    const recent = contactDates.filter((contact) => {
      const age = contact.until(day).days;
      return age >= 0 && age < 7;
    }).length;
    if (recent >= policy.maxPerWeek) return null;
  }
  return moment;
}
