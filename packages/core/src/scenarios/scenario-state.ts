import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { addBusinessDays } from "../calendar/add-business-days.js";
import { beCalendar } from "../calendar/be-calendar.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { nlCalendar } from "../calendar/nl-calendar.js";
import { shiftDate } from "../calendar/shift-date.js";
import type { CaseEvent } from "../case/case-event.js";
import type { CaseState } from "../case/fold-case.js";
import { toEpochDay } from "../dates/epoch-day.js";
import { dateOf } from "../statement/engine/engine-state.js";
import type { Activity, Scenario } from "./scenario-definition.js";

/**
 * A step of a case's scenario as of a date: when it is (or was) planned, and whether it is done,
 * cancelled, skipped (a threshold or condition not met), due, planned or not yet planned.
 *
 * @example
 * ```ts
 * import type { ScenarioStepState } from "@incasso/core";
 * const open = (step: ScenarioStepState) => step.status === "due";
 * ```
 */
export interface ScenarioStepState {
  /** The step's number as a clerk reads it and as events name it: the first step is 1. */
  readonly step: number;
  readonly activity: Activity;
  readonly approval: "required" | "automatic";
  plannedOn: Temporal.PlainDate | null;
  status: "done" | "cancelled" | "skipped" | "due" | "planned" | "not-yet-planned";
  /** Dates the step was planned on before a reschedule (the old agenda entries, now continued). */
  readonly continuedFrom: Temporal.PlainDate[];
  doneOn?: Temporal.PlainDate;
  note?: string;
}

/**
 * The scenario of a case as of a date: not started, waiting for the next step, an action due,
 * suspended (with the reasons), completed (paid in full) or stopped (handed over, written off,
 * closed); every step's state and the next action.
 *
 * @example
 * ```ts
 * import type { ScenarioState } from "@incasso/core";
 * const onAgenda = (state: ScenarioState) => state.status === "action-due";
 * ```
 */
export interface ScenarioState {
  readonly scenarioId: string;
  readonly status: "not-started" | "waiting" | "action-due" | "suspended" | "completed" | "stopped";
  readonly suspendedBy: readonly string[];
  readonly steps: readonly ScenarioStepState[];
  /** The step that comes next (due or planned), if any. */
  readonly current: ScenarioStepState | null;
}

let calendars: { be: BusinessCalendar; nl: BusinessCalendar } | undefined;

/** Event types that never change a scenario; they are matched below too, for exhaustiveness. */
const PASSIVE_TYPES = [
  "case.opened",
  "claim.added",
  "claim.corrected",
  "payment.received",
  "payment.reversed",
  "charge.added",
  "reminder.sent",
  "letter14.sent",
  "anatocism.demanded",
  "note.added",
  "document.produced",
  "contact.added",
  "contact.retired",
  "fields.set",
  "scenario.started",
  "action.ordered",
  "extra-action.done",
  "message.sent",
  "message.failed",
] as const satisfies readonly CaseEvent["type"][];
const PASSIVE: ReadonlySet<string> = new Set(PASSIVE_TYPES);

/**
 * Computes a case's scenario as of a date from its events, its balance and the scenario template:
 * the state machine of `docs/scenarios.md`. Every planned date is derived from the events and the
 * date, so recomputing always gives the same result; a step is never planned twice; a step missed
 * on its day stays due until it is done, rescheduled or cancelled (catch-up never skips a step).
 *
 * @param balance - the case's balance as of the date (a paid-in-full case completes its scenario)
 * @param options - `startedOn`: the start of a client's default scenario when the case has no
 *   `scenario.started` event
 * @example
 * ```ts
 * import { caseStatement, parseIsoDate, scenarioState, type Scenario } from "@incasso/core";
 * declare const events: unknown[];
 * declare const scenario: Scenario;
 * const asOf = Temporal.PlainDate.from("2026-01-31");
 * const { state, statement } = caseStatement(events, asOf);
 * scenarioState(scenario, state, statement.totals.balance, asOf).current?.plannedOn;
 * ```
 */
export function scenarioState(
  scenario: Scenario,
  state: CaseState,
  balance: Decimal,
  asOf: Temporal.PlainDate,
  options: { readonly startedOn?: Temporal.PlainDate } = {},
): ScenarioState {
  if (calendars === undefined) calendars = { be: beCalendar(), nl: nlCalendar() };
  const calendar = calendars[scenario.calendar];
  const activities = activitiesOf(scenario);
  const steps: ScenarioStepState[] = scenario.steps.map((step, index) => ({
    step: index + 1,
    activity: activities.get(step.activity) as Activity,
    approval: step.approval,
    plannedOn: null,
    status: "not-yet-planned",
    continuedFrom: [],
  }));
  const started = state.events.find(
    (event): event is Extract<CaseEvent, { type: "scenario.started" }> =>
      event.type === "scenario.started" && event.scenarioId === scenario.id,
  );
  const startedAt = started?.at ?? options.startedOn?.toString();
  if (startedAt === undefined) {
    return {
      scenarioId: scenario.id,
      status: "not-started",
      suspendedBy: [],
      steps,
      current: null,
    };
  }

  // The planner works on epoch days (integers); dates are made only for the steps' fields.
  const asOfDay = toEpochDay(asOf);
  let firstDue: string | undefined;
  for (const claim of state.claims)
    if (firstDue === undefined || claim.dueDate < firstDue) firstDue = claim.dueDate;
  const consumer = state.debtors.some((debtor) => debtor.consumer);
  const hasEmail = state.debtors.some((debtor) =>
    debtor.contacts.some((contact) => contact.kind === "email" && contact.current),
  );
  const overrides = new Map<number, number>();
  const reasons = new Set<string>();
  let stopped = false;
  let current = 0;
  let anchor = isoDay(startedAt);
  let lastDone: number | null = null;
  let resumedOn: number | null = null;
  let notice: number | null = null;
  const returned: number[] = [];

  // Planned days only change when the scenario's state does; every mutation clears this cache.
  const plannedCache = new Map<number, number | null>();
  const planned = (index: number): number | null => {
    const known = plannedCache.get(index);
    if (known !== undefined) return known;
    const day = plan(index);
    plannedCache.set(index, day);
    return day;
  };
  const plan = (index: number): number | null => {
    const step = scenario.steps[index];
    if (step === undefined) return null;
    const override = overrides.get(index);
    if (override !== undefined) return override;
    if (resumedOn !== null) return resumedOn;
    let from: number | null;
    switch (step.after) {
      case "previous":
        from = anchor;
        break;
      case "case-start":
        from = isoDay(state.opened.at);
        break;
      case "due-date":
        from = firstDue ? isoDay(firstDue) : null;
        break;
      case "notice":
        from = notice;
        break;
    }
    if (from === null) return null;
    const base =
      step.wait.unit === "business"
        ? businessDaysLater(calendar, from, step.wait.days)
        : from + step.wait.days;
    const move = (activities.get(step.activity) as Activity).move;
    return move === "none" ? base : shiftedDay(calendar, base, move === "before");
  };

  // Steps whose threshold or conditions are not met are skipped on their planned day.
  const skipIfNotApplicable = (untilDay: () => number) => {
    for (;;) {
      const step = scenario.steps[current];
      const stepState = steps[current];
      const conditional =
        step !== undefined &&
        (step.threshold !== undefined ||
          step.conditions.consumer !== undefined ||
          step.conditions.noEmail !== undefined ||
          step.conditions.previousLetterReturned !== undefined);
      if (!conditional) return;
      const until = untilDay();
      const day = planned(current);
      if (step === undefined || stepState === undefined || day === null || day > until) return;
      const why: string[] = [];
      if (step.threshold !== undefined && balance.lt(step.threshold))
        why.push(`balance below ${step.threshold}`);
      if (step.conditions.consumer !== undefined && step.conditions.consumer !== consumer)
        why.push(step.conditions.consumer ? "debtor is not a consumer" : "debtor is a consumer");
      if (step.conditions.noEmail !== undefined && step.conditions.noEmail === hasEmail)
        why.push(hasEmail ? "an e-mail address is known" : "no e-mail address is known");
      if (step.conditions.previousLetterReturned !== undefined) {
        const done = lastDone;
        const wasReturned = done !== null && returned.some((returnedOn) => returnedOn >= done);
        if (wasReturned !== step.conditions.previousLetterReturned)
          why.push(
            wasReturned
              ? "the previous letter was returned"
              : "the previous letter was not returned",
          );
      }
      if (why.length === 0) return;
      stepState.plannedOn = dateOf(day);
      stepState.status = "skipped";
      stepState.note = why.join("; ");
      anchor = day;
      resumedOn = null;
      current++;
      plannedCache.clear();
    }
  };

  for (const event of state.events) {
    if (event.at < startedAt || event === started || PASSIVE.has(event.type)) continue;
    // The event's day, computed only when a handler needs it.
    let eventDay: number | undefined;
    const today = () => {
      eventDay ??= isoDay(event.at);
      return eventDay;
    };
    if (!stopped && reasons.size === 0 && scenario.steps[current] !== undefined)
      skipIfNotApplicable(() => today() - 1);
    const suspend = (reason: string) => reasons.add(reason);
    const lift = (reason: string) => {
      if (reasons.delete(reason) && reasons.size === 0 && !stopped) {
        resumedOn = today();
        plannedCache.clear();
      }
    };
    switch (event.type) {
      case "action.done": {
        // Events number steps from 1, as the clerk reads them; the arrays here index from 0.
        const at = event.step - 1;
        const stepState = steps[at];
        const plannedBefore = planned(at);
        plannedCache.clear();
        if (stepState === undefined || stepState.status === "done") break;
        stepState.plannedOn = dateOf(plannedBefore ?? today());
        stepState.status = "done";
        stepState.doneOn = dateOf(today());
        stepState.note = event.result;
        if (at >= current) {
          for (let index = current; index < at; index++) {
            const skipped = steps[index] as ScenarioStepState;
            skipped.status = "skipped";
            skipped.note = `step ${event.step} was done first`;
          }
          current = at + 1;
          anchor = today();
          lastDone = today();
          resumedOn = null;
        }
        break;
      }
      case "action.cancelled": {
        const at = event.step - 1;
        const stepState = steps[at];
        const plannedBefore = planned(at);
        plannedCache.clear();
        if (stepState === undefined || stepState.status === "done") break;
        stepState.plannedOn = dateOf(plannedBefore ?? today());
        stepState.status = "cancelled";
        stepState.note = event.reason;
        if (at === current) {
          current++;
          anchor = today();
          resumedOn = null;
        }
        break;
      }
      case "action.rescheduled": {
        const at = event.step - 1;
        const stepState = steps[at];
        const before = planned(at);
        if (stepState && before !== null) stepState.continuedFrom.push(dateOf(before));
        overrides.set(at, isoDay(event.to));
        plannedCache.clear();
        break;
      }
      case "notice.sent":
        if (notice === null) {
          notice = today();
          plannedCache.clear();
        }
        break;
      case "mail.returned":
        returned.push(today());
        break;
      case "plan.agreed":
        suspend("payment plan");
        break;
      case "plan.defaulted":
      case "plan.cancelled":
        lift("payment plan");
        break;
      case "dispute.opened":
        suspend("dispute");
        break;
      case "dispute.closed":
        lift("dispute");
        break;
      case "insolvency.registered":
        suspend("insolvency");
        break;
      case "promise.recorded":
        suspend("promise to pay");
        break;
      case "promise.kept":
      case "promise.broken":
        lift("promise to pay");
        break;
      case "bailiff.handover":
      case "case.closed":
        stopped = true;
        break;
      case "case.written-off":
        suspend("written off");
        break;
      case "case.reinstated":
        lift("written off");
        break;
      default:
        // Every other event type is passive (skipped above); the compiler checks the list.
        passive(event.type);
    }
  }
  // A promise whose due date passed without being kept no longer suspends.
  const openPromise = state.promises.some(
    (promise) => promise.state === "open" && isoDay(promise.dueDate) >= asOfDay,
  );
  if (reasons.has("promise to pay") && !openPromise) {
    reasons.delete("promise to pay");
    if (reasons.size === 0) {
      let lapsed: string | undefined;
      for (const promise of state.promises)
        if (promise.state === "open" && (lapsed === undefined || promise.dueDate > lapsed))
          lapsed = promise.dueDate;
      resumedOn = lapsed ? isoDay(lapsed) + 1 : asOfDay;
    }
  }
  plannedCache.clear();
  if (!stopped && reasons.size === 0) skipIfNotApplicable(() => asOfDay);

  const next = steps[current];
  if (next !== undefined && next.status !== "done") {
    const day = planned(current);
    next.plannedOn = day === null ? null : dateOf(day);
    next.status = day === null ? "not-yet-planned" : day <= asOfDay ? "due" : "planned";
  }
  const status: ScenarioState["status"] = stopped
    ? "stopped"
    : balance.lte(0)
      ? "completed"
      : reasons.size > 0
        ? "suspended"
        : next?.status === "due"
          ? "action-due"
          : "waiting";
  return {
    scenarioId: scenario.id,
    status,
    suspendedBy: [...reasons],
    steps,
    current: next && status !== "stopped" && status !== "completed" ? next : null,
  };
}

/** Checks at compile time that an event type left to the default branch is a passive one. */
function passive(_type: (typeof PASSIVE_TYPES)[number]): void {}

const activityMaps = new WeakMap<Scenario, ReadonlyMap<string, Activity>>();
/** A scenario's activities by code, memoised per (immutable) scenario. */
function activitiesOf(scenario: Scenario): ReadonlyMap<string, Activity> {
  let map = activityMaps.get(scenario);
  if (map === undefined) {
    map = new Map(scenario.activities.map((activity) => [activity.code, activity]));
    activityMaps.set(scenario, map);
  }
  return map;
}

/**
 * The epoch day of an ISO date (`YYYY-MM-DD`, as events carry them), read digit by digit; any
 * other form goes through Temporal.
 */
function isoDay(text: string): number {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const digit = (at: number) => text.charCodeAt(at) - 48;
    const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    const month = digit(5) * 10 + digit(6);
    const day = digit(8) * 10 + digit(9);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return toEpochDay({ year, month, day });
  }
  return toEpochDay(Temporal.PlainDate.from(text));
}

/** Business-day arithmetic of the calendars, memoised per calendar on epoch days. */
const calendarMemo = new WeakMap<BusinessCalendar, Map<number, number>>();
const MEMO_LIMIT = 100_000;
function memoOf(calendar: BusinessCalendar): Map<number, number> {
  let memo = calendarMemo.get(calendar);
  if (memo === undefined) {
    memo = new Map();
    calendarMemo.set(calendar, memo);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  return memo;
}

/** `addBusinessDays` on an epoch day. */
function businessDaysLater(calendar: BusinessCalendar, day: number, days: number): number {
  if (days < 0 || days >= 1024) return toEpochDay(addBusinessDays(calendar, dateOf(day), days));
  const memo = memoOf(calendar);
  const key = day * 2048 + days;
  let result = memo.get(key);
  if (result === undefined) {
    result = toEpochDay(addBusinessDays(calendar, dateOf(day), days));
    memo.set(key, result);
  }
  return result;
}

/** `shiftDate` to the preceding or following business day, on an epoch day. */
function shiftedDay(calendar: BusinessCalendar, day: number, preceding: boolean): number {
  const memo = memoOf(calendar);
  const key = day * 2048 + (preceding ? 2046 : 2047);
  let result = memo.get(key);
  if (result === undefined) {
    result = toEpochDay(shiftDate(calendar, dateOf(day), preceding ? "preceding" : "following"));
    memo.set(key, result);
  }
  return result;
}
