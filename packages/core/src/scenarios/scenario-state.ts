import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import { beCalendar } from "../calendar/be-calendar.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { nlCalendar } from "../calendar/nl-calendar.js";
import type { CaseEvent } from "../case/case-event.js";
import type { CaseState } from "../case/fold-case.js";
import { MoneyDecimal } from "../money/decimal.js";
import { dateOf, dayOf } from "../statement/engine/engine-state.js";
import { businessDaysLater, isoDay, shiftedDay } from "./planner-days.js";
import type { Activity, Scenario, ScenarioStep } from "./scenario-definition.js";

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
 * suspended (with the reasons), completed (paid in full) or stopped (handed over to a bailiff
 * until the office returns it, or closed); every step's state and the next action.
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
  "case.owner-assigned",
] as const satisfies readonly CaseEvent["type"][];
const PASSIVE: ReadonlySet<string> = new Set(PASSIVE_TYPES);

const NO_OPTIONS: { readonly startedOn?: Temporal.PlainDate } = {};

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
  options: { readonly startedOn?: Temporal.PlainDate } = NO_OPTIONS,
): ScenarioState {
  if (calendars === undefined) calendars = { be: beCalendar(), nl: nlCalendar() };
  const planner = plannerOf(scenario);
  const steps: ScenarioStepState[] = [];
  for (let index = 0; index < planner.length; index++) {
    const step = planner[index] as PlannerStep;
    steps.push({
      step: index + 1,
      activity: step.activity,
      approval: step.approval,
      plannedOn: null,
      status: "not-yet-planned",
      continuedFrom: [],
    });
  }
  let started: CaseEvent | undefined;
  for (const event of state.events)
    if (event.type === "scenario.started" && event.scenarioId === scenario.id) {
      started = event;
      break;
    }
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
  const asOfDay = dayOf(asOf);
  const run = new PlanRun(planner, state, calendars[scenario.calendar], balance, isoDay(startedAt));
  // The reasons the scenario is suspended, in the order they arose (a set of a few names).
  const reasons: string[] = [];
  let stopped = false;
  // Closed for good, or with a bailiff (the id of the handover) until the office returns the case.
  let closed = false;
  let handedOver: string | null = null;
  // The day the case last came back from a bailiff: nothing of the scenario is due before it.
  let returnedOn: number | null = null;
  // The day a `case.suspended` with an until-date lifts by itself, while that suspension holds.
  let suspendedUntil: number | null = null;

  for (const event of state.events) {
    if (event.at < startedAt || event === started || PASSIVE.has(event.type)) continue;
    const today = isoDay(event.at);
    if (suspendedUntil !== null && today >= suspendedUntil) {
      // The suspension ended on its until-day, before this event: the scenario resumed then.
      if (lift(reasons, SUSPENDED) && !stopped) run.resumeNoEarlier(suspendedUntil);
      suspendedUntil = null;
    }
    // With a bailiff, steps whose conditions fail are still skipped on their days, as they
    // would have been without the handover: a return finds the scenario where it would be.
    if (!closed && reasons.length === 0 && run.current < planner.length)
      run.skipIfNotApplicable(steps, today - 1);
    switch (event.type) {
      case "action.done": {
        // Events number steps from 1, as the clerk reads them; the arrays here index from 0.
        const at = event.step - 1;
        const stepState = steps[at];
        const plannedBefore = run.planned(at);
        run.changed();
        if (stepState === undefined || stepState.status === "done") break;
        stepState.plannedOn = dateOf(plannedBefore ?? today);
        stepState.status = "done";
        stepState.doneOn = dateOf(today);
        stepState.note = event.result;
        if (at >= run.current) {
          for (let index = run.current; index < at; index++) {
            const skipped = steps[index] as ScenarioStepState;
            skipped.status = "skipped";
            skipped.note = `step ${event.step} was done first`;
          }
          run.current = at + 1;
          run.anchor = today;
          run.lastDone = today;
          run.resumedOn = null;
        }
        break;
      }
      case "action.cancelled": {
        const at = event.step - 1;
        const stepState = steps[at];
        const plannedBefore = run.planned(at);
        run.changed();
        if (stepState === undefined || stepState.status === "done") break;
        stepState.plannedOn = dateOf(plannedBefore ?? today);
        stepState.status = "cancelled";
        stepState.note = event.reason;
        if (at === run.current) {
          run.current++;
          run.anchor = today;
          run.resumedOn = null;
        }
        break;
      }
      case "action.rescheduled": {
        const at = event.step - 1;
        const stepState = steps[at];
        const before = run.planned(at);
        if (stepState && before !== null) stepState.continuedFrom.push(dateOf(before));
        run.overrides ??= new Map();
        run.overrides.set(at, isoDay(event.to));
        run.changed();
        break;
      }
      case "notice.sent":
        if (run.notice === null) {
          run.notice = today;
          run.changed();
        }
        break;
      case "mail.returned":
        if (run.lastReturned === null || today > run.lastReturned) run.lastReturned = today;
        break;
      case "plan.agreed":
        suspend(reasons, "payment plan");
        break;
      case "plan.defaulted":
      case "plan.cancelled":
        if (lift(reasons, "payment plan") && !stopped) run.resume(today);
        break;
      case "dispute.opened":
        suspend(reasons, "dispute");
        break;
      case "dispute.closed":
        if (lift(reasons, "dispute") && !stopped) run.resume(today);
        break;
      case "insolvency.registered":
        suspend(reasons, "insolvency");
        break;
      case "promise.recorded":
        suspend(reasons, "promise to pay");
        break;
      case "promise.kept":
      case "promise.broken":
        if (lift(reasons, "promise to pay") && !stopped) run.resume(today);
        break;
      case "bailiff.handover":
        handedOver = event.id;
        stopped = true;
        break;
      case "bailiff.returned":
        // The return of the handover the case is with (not of an earlier one) gives the scenario
        // back: the next step falls due on the return day, or on its planned day when that is
        // later, as after a resumption; other suspensions still hold.
        if (handedOver !== null && (event.handoverId ?? handedOver) === handedOver) {
          handedOver = null;
          stopped = closed;
          returnedOn = today;
          if (!stopped && reasons.length === 0) run.resumeNoEarlier(today);
        }
        break;
      case "case.closed":
        closed = true;
        stopped = true;
        break;
      case "case.written-off":
        suspend(reasons, "written off");
        break;
      case "case.reinstated":
        if (lift(reasons, "written off") && !stopped) run.resume(today);
        break;
      case "case.suspended":
        suspend(reasons, SUSPENDED);
        suspendedUntil = event.until === undefined ? null : isoDay(event.until);
        break;
      case "case.resumed":
        suspendedUntil = null;
        if (lift(reasons, SUSPENDED) && !stopped) run.resumeNoEarlier(today);
        break;
      default:
        // Every other event type is passive (skipped above); the compiler checks the list.
        passive(event.type);
    }
  }
  // A suspension whose until-day has come, and a promise whose due date passed without being
  // kept, no longer suspend; when nothing else does, the scenario resumed on the later of the days
  // they ended.
  let resumedOn: number | null = null;
  if (suspendedUntil !== null && asOfDay >= suspendedUntil) {
    const at = reasons.indexOf(SUSPENDED);
    if (at >= 0) {
      reasons.splice(at, 1);
      resumedOn = run.noEarlier(suspendedUntil);
    }
  }
  const promised = reasons.indexOf("promise to pay");
  if (promised >= 0 && !hasOpenPromise(state, asOfDay)) {
    reasons.splice(promised, 1);
    let lapsed: string | undefined;
    for (const promise of state.promises)
      if (promise.state === "open" && (lapsed === undefined || promise.dueDate > lapsed))
        lapsed = promise.dueDate;
    const day = lapsed ? isoDay(lapsed) + 1 : asOfDay;
    if (resumedOn === null || day > resumedOn) resumedOn = day;
  }
  // A pause that ended while the case was with a bailiff resumes it no earlier than its return.
  if (resumedOn !== null && returnedOn !== null && resumedOn < returnedOn) resumedOn = returnedOn;
  if (resumedOn !== null && reasons.length === 0 && !stopped) run.resume(resumedOn);
  if (!stopped && reasons.length === 0) run.skipIfNotApplicable(steps, asOfDay);

  const next = steps[run.current];
  if (next !== undefined && next.status !== "done") {
    const day = run.planned(run.current);
    next.plannedOn = day === null ? null : dateOf(day);
    next.status = day === null ? "not-yet-planned" : day <= asOfDay ? "due" : "planned";
  }
  // `balance <= 0` without making a decimal of the zero.
  const paid = balance.isNegative() || balance.isZero();
  const status: ScenarioState["status"] = stopped
    ? "stopped"
    : paid
      ? "completed"
      : reasons.length > 0
        ? "suspended"
        : next?.status === "due"
          ? "action-due"
          : "waiting";
  return {
    scenarioId: scenario.id,
    status,
    suspendedBy: reasons,
    steps,
    current: next && status !== "stopped" && status !== "completed" ? next : null,
  };
}

/** The reason a `case.suspended` gives the scenario's suspension. */
const SUSPENDED = "suspension";

/** Reasons a step is skipped, joined by semicolons. */
function and(why: string, reason: string): string {
  return why === "" ? reason : `${why}; ${reason}`;
}

/** Adds a reason the scenario is suspended, once. */
function suspend(reasons: string[], reason: string): void {
  if (!reasons.includes(reason)) reasons.push(reason);
}

/** Lifts a reason; true when it was the last one. */
function lift(reasons: string[], reason: string): boolean {
  const at = reasons.indexOf(reason);
  if (at < 0) return false;
  reasons.splice(at, 1);
  return reasons.length === 0;
}

/** Whether an open promise of the case falls due on or after the day. */
function hasOpenPromise(state: CaseState, asOfDay: number): boolean {
  for (const promise of state.promises)
    if (promise.state === "open" && isoDay(promise.dueDate) >= asOfDay) return true;
  return false;
}

/** A step of a scenario as the planner reads it, made once per (immutable) scenario. */
interface PlannerStep {
  readonly definition: ScenarioStep;
  readonly activity: Activity;
  readonly approval: ScenarioStep["approval"];
  /** The threshold as a decimal, made once instead of at each comparison. */
  readonly threshold: Decimal | undefined;
  /** Whether the step has a threshold or a condition, so may be skipped. */
  readonly conditional: boolean;
  readonly business: boolean;
  readonly move: Activity["move"];
}

const planners = new WeakMap<Scenario, readonly PlannerStep[]>();
function plannerOf(scenario: Scenario): readonly PlannerStep[] {
  let planner = planners.get(scenario);
  if (planner === undefined) {
    const activities = new Map(scenario.activities.map((activity) => [activity.code, activity]));
    planner = scenario.steps.map((step) => {
      const activity = activities.get(step.activity) as Activity;
      return {
        definition: step,
        activity,
        approval: step.approval,
        threshold: step.threshold === undefined ? undefined : new MoneyDecimal(step.threshold),
        conditional:
          step.threshold !== undefined ||
          step.conditions.consumer !== undefined ||
          step.conditions.noEmail !== undefined ||
          step.conditions.previousLetterReturned !== undefined,
        business: step.wait.unit === "business",
        move: activity.move,
      };
    });
    planners.set(scenario, planner);
  }
  return planner;
}

/**
 * The planner's state while it reads a case's events: where the scenario stands and what its next
 * planned day depends on, all in epoch days. One object per computation, no closures.
 */
class PlanRun {
  /** The index (from 0) of the step that comes next. */
  current = 0;
  /** The day the previous step was done or cancelled (the scenario's start at first). */
  anchor: number;
  lastDone: number | null = null;
  /** The day a lifted suspension resumed the scenario: the next step is due then. */
  resumedOn: number | null = null;
  /** The day of the first formal notice. */
  notice: number | null = null;
  /** The last day a letter came back. */
  lastReturned: number | null = null;
  /** Steps rescheduled to a day, by index. */
  overrides: Map<number, number> | undefined;
  /** The planned day of one step, valid until the state changes (`changed`). */
  private cachedIndex = -1;
  private cachedDay: number | null = null;
  private firstDue: number | null | undefined;
  private consumer: boolean | undefined;
  private hasEmail: boolean | undefined;

  constructor(
    private readonly planner: readonly PlannerStep[],
    private readonly state: CaseState,
    private readonly calendar: BusinessCalendar,
    private readonly balance: Decimal,
    startedOn: number,
  ) {
    this.anchor = startedOn;
  }

  /** Planned days only change when the scenario's state does; every mutation calls this. */
  changed(): void {
    this.cachedIndex = -1;
  }

  resume(day: number): void {
    this.resumedOn = day;
    this.cachedIndex = -1;
  }

  /**
   * The day the next step is due when a suspension ends on `day`: that day, or the day the step
   * was planned on when that is later (a pause never brings a step forward).
   */
  noEarlier(day: number): number {
    const planned = this.current < this.planner.length ? this.planned(this.current) : null;
    return planned !== null && planned > day ? planned : day;
  }

  /** Resumes after a suspension (`case.suspended`) on `day`, or on the step's planned day if later. */
  resumeNoEarlier(day: number): void {
    this.resume(this.noEarlier(day));
  }

  planned(index: number): number | null {
    if (index !== this.cachedIndex) {
      this.cachedDay = this.plan(index);
      this.cachedIndex = index;
    }
    return this.cachedDay;
  }

  private plan(index: number): number | null {
    const step = this.planner[index];
    if (step === undefined) return null;
    const override = this.overrides?.get(index);
    if (override !== undefined) return override;
    if (this.resumedOn !== null) return this.resumedOn;
    let from: number | null;
    switch (step.definition.after) {
      case "previous":
        from = this.anchor;
        break;
      case "case-start":
        from = isoDay(this.state.opened.at);
        break;
      case "due-date":
        from = this.firstDueDay();
        break;
      case "notice":
        from = this.notice;
        break;
    }
    if (from === null) return null;
    const days = step.definition.wait.days;
    const base = step.business ? businessDaysLater(this.calendar, from, days) : from + days;
    return step.move === "none" ? base : shiftedDay(this.calendar, base, step.move === "before");
  }

  /** The day of the earliest due date of the case's claims. */
  private firstDueDay(): number | null {
    if (this.firstDue === undefined) {
      let first: string | undefined;
      for (const claim of this.state.claims)
        if (first === undefined || claim.dueDate < first) first = claim.dueDate;
      this.firstDue = first ? isoDay(first) : null;
    }
    return this.firstDue;
  }

  private isConsumer(): boolean {
    if (this.consumer === undefined) {
      this.consumer = false;
      for (const debtor of this.state.debtors) if (debtor.consumer) this.consumer = true;
    }
    return this.consumer;
  }

  private emailKnown(): boolean {
    if (this.hasEmail === undefined) {
      this.hasEmail = false;
      for (const debtor of this.state.debtors)
        for (const contact of debtor.contacts)
          if (contact.kind === "email" && contact.current) this.hasEmail = true;
    }
    return this.hasEmail;
  }

  /** Steps whose threshold or conditions are not met are skipped on their planned day. */
  skipIfNotApplicable(steps: readonly ScenarioStepState[], until: number): void {
    for (;;) {
      const step = this.planner[this.current];
      const stepState = steps[this.current];
      if (step === undefined || stepState === undefined || !step.conditional) return;
      const day = this.planned(this.current);
      if (day === null || day > until) return;
      const conditions = step.definition.conditions;
      let why = "";
      if (step.threshold !== undefined && this.balance.lt(step.threshold))
        why = and(why, `balance below ${step.definition.threshold}`);
      if (conditions.consumer !== undefined && conditions.consumer !== this.isConsumer())
        why = and(why, conditions.consumer ? "debtor is not a consumer" : "debtor is a consumer");
      if (conditions.noEmail !== undefined && conditions.noEmail === this.emailKnown())
        why = and(
          why,
          this.emailKnown() ? "an e-mail address is known" : "no e-mail address is known",
        );
      if (conditions.previousLetterReturned !== undefined) {
        const done = this.lastDone;
        const wasReturned =
          done !== null && this.lastReturned !== null && this.lastReturned >= done;
        if (wasReturned !== conditions.previousLetterReturned)
          why = and(
            why,
            wasReturned
              ? "the previous letter was returned"
              : "the previous letter was not returned",
          );
      }
      if (why === "") return;
      stepState.plannedOn = dateOf(day);
      stepState.status = "skipped";
      stepState.note = why;
      this.anchor = day;
      this.resumedOn = null;
      this.current++;
      this.cachedIndex = -1;
    }
  }
}

/** Checks at compile time that an event type left to the default branch is a passive one. */
function passive(_type: (typeof PASSIVE_TYPES)[number]): void {}
