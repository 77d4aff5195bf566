import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { match, P } from "ts-pattern";
import { addBusinessDays } from "../calendar/add-business-days.js";
import { beCalendar } from "../calendar/be-calendar.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { nlCalendar } from "../calendar/nl-calendar.js";
import { shiftDate } from "../calendar/shift-date.js";
import type { CaseEvent } from "../case/case-event.js";
import type { CaseState } from "../case/fold-case.js";
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
  const activities = new Map(scenario.activities.map((activity) => [activity.code, activity]));
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

  const dueDates = state.claims.map((claim) => claim.dueDate).sort();
  const consumer = state.debtors.some((debtor) => debtor.consumer);
  const hasEmail = state.debtors.some((debtor) =>
    debtor.contacts.some((contact) => contact.kind === "email" && contact.current),
  );
  const overrides = new Map<number, Temporal.PlainDate>();
  const reasons = new Set<string>();
  let stopped = false;
  let current = 0;
  let anchor = Temporal.PlainDate.from(startedAt);
  let lastDone: Temporal.PlainDate | null = null;
  let resumedOn: Temporal.PlainDate | null = null;
  let notice: Temporal.PlainDate | null = null;
  const returned: Temporal.PlainDate[] = [];

  // Planned dates only change when the scenario's state does; every mutation clears this cache.
  const plannedCache = new Map<number, Temporal.PlainDate | null>();
  const planned = (index: number): Temporal.PlainDate | null => {
    if (plannedCache.has(index)) return plannedCache.get(index) ?? null;
    const date = plan(index);
    plannedCache.set(index, date);
    return date;
  };
  const plan = (index: number): Temporal.PlainDate | null => {
    const step = scenario.steps[index];
    if (step === undefined) return null;
    const override = overrides.get(index);
    if (override) return override;
    if (resumedOn !== null) return resumedOn;
    const from = match(step.after)
      .with("previous", () => anchor)
      .with("case-start", () => Temporal.PlainDate.from(state.opened.at))
      .with("due-date", () => (dueDates[0] ? Temporal.PlainDate.from(dueDates[0]) : null))
      .with("notice", () => notice)
      .exhaustive();
    if (from === null) return null;
    const base =
      step.wait.unit === "business"
        ? addBusinessDays(calendar, from, step.wait.days)
        : from.add({ days: step.wait.days });
    const move = (activities.get(step.activity) as Activity).move;
    return move === "none"
      ? base
      : shiftDate(calendar, base, move === "before" ? "preceding" : "following");
  };

  // Steps whose threshold or conditions are not met are skipped on their planned day.
  const skipIfNotApplicable = (untilDay: () => Temporal.PlainDate) => {
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
      const date = planned(current);
      if (
        step === undefined ||
        stepState === undefined ||
        date === null ||
        Temporal.PlainDate.compare(date, until) > 0
      )
        return;
      const why: string[] = [];
      if (step.threshold !== undefined && balance.lt(step.threshold))
        why.push(`balance below ${step.threshold}`);
      if (step.conditions.consumer !== undefined && step.conditions.consumer !== consumer)
        why.push(step.conditions.consumer ? "debtor is not a consumer" : "debtor is a consumer");
      if (step.conditions.noEmail !== undefined && step.conditions.noEmail === hasEmail)
        why.push(hasEmail ? "an e-mail address is known" : "no e-mail address is known");
      if (step.conditions.previousLetterReturned !== undefined) {
        const wasReturned =
          lastDone !== null &&
          returned.some(
            (day) => Temporal.PlainDate.compare(day, lastDone as Temporal.PlainDate) >= 0,
          );
        if (wasReturned !== step.conditions.previousLetterReturned)
          why.push(
            wasReturned
              ? "the previous letter was returned"
              : "the previous letter was not returned",
          );
      }
      if (why.length === 0) return;
      stepState.plannedOn = date;
      stepState.status = "skipped";
      stepState.note = why.join("; ");
      anchor = date;
      resumedOn = null;
      current++;
      plannedCache.clear();
    }
  };

  const events = state.events.filter((event) => event.at >= startedAt && event !== started);
  for (const event of events) {
    if (PASSIVE.has(event.type)) continue;
    // The event's date as a PlainDate, made only when a handler needs it.
    let date: Temporal.PlainDate | undefined;
    const today = () => {
      date ??= Temporal.PlainDate.from(event.at);
      return date;
    };
    if (!stopped && reasons.size === 0 && scenario.steps[current] !== undefined)
      skipIfNotApplicable(() => today().subtract({ days: 1 }));
    const suspend = (reason: string) => reasons.add(reason);
    const lift = (reason: string) => {
      if (reasons.delete(reason) && reasons.size === 0 && !stopped) {
        resumedOn = today();
        plannedCache.clear();
      }
    };
    match(event)
      .with({ type: "action.done" }, (e) => {
        // Events number steps from 1, as the clerk reads them; the arrays here index from 0.
        const at = e.step - 1;
        const stepState = steps[at];
        const plannedBefore = planned(at);
        plannedCache.clear();
        if (stepState === undefined || stepState.status === "done") return;
        stepState.plannedOn = plannedBefore ?? today();
        stepState.status = "done";
        stepState.doneOn = today();
        stepState.note = e.result;
        if (at >= current) {
          for (let index = current; index < at; index++) {
            const skipped = steps[index] as ScenarioStepState;
            skipped.status = "skipped";
            skipped.note = `step ${e.step} was done first`;
          }
          current = at + 1;
          anchor = today();
          lastDone = today();
          resumedOn = null;
        }
      })
      .with({ type: "action.cancelled" }, (e) => {
        const at = e.step - 1;
        const stepState = steps[at];
        const plannedBefore = planned(at);
        plannedCache.clear();
        if (stepState === undefined || stepState.status === "done") return;
        stepState.plannedOn = plannedBefore ?? today();
        stepState.status = "cancelled";
        stepState.note = e.reason;
        if (at === current) {
          current++;
          anchor = today();
          resumedOn = null;
        }
      })
      .with({ type: "action.rescheduled" }, (e) => {
        const at = e.step - 1;
        const stepState = steps[at];
        const before = planned(at);
        if (stepState && before) stepState.continuedFrom.push(before);
        overrides.set(at, Temporal.PlainDate.from(e.to));
        plannedCache.clear();
      })
      .with({ type: "notice.sent" }, () => {
        if (notice === null) {
          notice = today();
          plannedCache.clear();
        }
      })
      .with({ type: "mail.returned" }, () => {
        returned.push(today());
      })
      .with({ type: "plan.agreed" }, () => suspend("payment plan"))
      .with({ type: P.union("plan.defaulted", "plan.cancelled") }, () => lift("payment plan"))
      .with({ type: "dispute.opened" }, () => suspend("dispute"))
      .with({ type: "dispute.closed" }, () => lift("dispute"))
      .with({ type: "insolvency.registered" }, () => suspend("insolvency"))
      .with({ type: "promise.recorded" }, () => suspend("promise to pay"))
      .with({ type: P.union("promise.kept", "promise.broken") }, () => lift("promise to pay"))
      .with({ type: P.union("bailiff.handover", "case.closed") }, () => {
        stopped = true;
      })
      .with({ type: "case.written-off" }, () => suspend("written off"))
      .with({ type: "case.reinstated" }, () => lift("written off"))
      .with({ type: P.union(...PASSIVE_TYPES) }, () => undefined)
      .exhaustive();
  }
  // A promise whose due date passed without being kept no longer suspends.
  const openPromise = state.promises.some(
    (promise) => promise.state === "open" && promise.dueDate >= asOf.toString(),
  );
  if (reasons.has("promise to pay") && !openPromise) {
    reasons.delete("promise to pay");
    if (reasons.size === 0) {
      const lapsed = state.promises
        .filter((promise) => promise.state === "open")
        .map((promise) => promise.dueDate)
        .sort()
        .at(-1);
      resumedOn = lapsed ? Temporal.PlainDate.from(lapsed).add({ days: 1 }) : asOf;
    }
  }
  plannedCache.clear();
  if (!stopped && reasons.size === 0) skipIfNotApplicable(() => asOf);

  const next = steps[current];
  if (next !== undefined && next.status !== "done") {
    next.plannedOn = planned(current);
    next.status =
      next.plannedOn === null
        ? "not-yet-planned"
        : Temporal.PlainDate.compare(next.plannedOn, asOf) <= 0
          ? "due"
          : "planned";
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
