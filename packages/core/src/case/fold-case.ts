import type { Temporal } from "temporal-polyfill";
import { fromZodError } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import { LIMITS } from "../validation/json-primitives.js";
import type { CaseClaim, CaseEvent, ContractTerms, Debtor } from "./case-event.js";
import { caseEventSchema } from "./case-event.js";
import { describeCaseEvent } from "./history-text.js";
import type { FieldDefinition } from "./user-fields.js";
import { validateFields } from "./user-fields.js";

type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

/**
 * The status of a case as of a date, derived from its events and balance.
 *
 * @example
 * ```ts
 * import type { CaseStatus } from "@incasso/core";
 * const active = (status: CaseStatus) => status === "open" || status === "payment-plan";
 * ```
 */
export type CaseStatus =
  | "open"
  | "disputed"
  | "payment-plan"
  | "insolvent"
  | "with-bailiff"
  | "written-off"
  | "closed"
  | "suspended";

/**
 * The suspension of a case's collection (a `case.suspended` not yet resumed and whose `until`
 * has not come): since when, until when it lasts by itself (null: until resumed), and why.
 *
 * @example
 * ```ts
 * import type { CaseSuspension } from "@incasso/core";
 * const label = (s: CaseSuspension) => `suspended since ${s.since}${s.until ? ` until ${s.until}` : ""}: ${s.reason}`;
 * ```
 */
export interface CaseSuspension {
  /** The date of the `case.suspended` event. */
  readonly since: string;
  /** The day collection resumes by itself (no longer suspended on and after it), or null. */
  readonly until: string | null;
  readonly reason: string;
  /** The id of the `case.suspended` event. */
  readonly eventId: string;
}

/**
 * One line of a case's history: the event, when it happened and was recorded, by whom, and a
 * one-line description in English ({@link describeCaseEvent} words it in Dutch or French).
 *
 * @example
 * ```ts
 * import type { HistoryEntry } from "@incasso/core";
 * const line = (entry: HistoryEntry) => `${entry.at} ${entry.by}: ${entry.text}`;
 * ```
 */
export interface HistoryEntry {
  readonly eventId: string;
  readonly type: CaseEvent["type"];
  readonly at: string;
  readonly recordedAt: string;
  readonly by: string;
  readonly text: string;
}

/**
 * A promise to pay and what became of it.
 *
 * @example
 * ```ts
 * import type { PaymentPromise } from "@incasso/core";
 * const open = (promise: PaymentPromise) => promise.state === "open";
 * ```
 */
export interface PaymentPromise {
  readonly id: string;
  readonly amount: string;
  readonly dueDate: string;
  readonly recordedOn: string;
  state: "open" | "kept" | "broken";
}

/**
 * A case folded from its events as of a date: who and what it is about, its claims (after
 * corrections), the payments that stand (reversed ones removed), charges, letters, promises,
 * status, user fields and its history. The statement comes from {@link caseStatement}.
 *
 * @example
 * ```ts
 * import { foldCase, parseIsoDate, type CaseState } from "@incasso/core";
 * declare const events: unknown[];
 * const state: CaseState = foldCase(events, parseIsoDate("2026-06-30"));
 * ```
 */
export interface CaseState {
  readonly asOf: Temporal.PlainDate;
  readonly opened: EventOf<"case.opened">;
  readonly caseNumber: string;
  readonly rulePack: EventOf<"case.opened">["rulePack"];
  readonly debtors: readonly (Debtor & {
    readonly contacts: readonly Debtor["contacts"][number][];
  })[];
  readonly terms: ContractTerms;
  readonly claims: readonly CaseClaim[];
  readonly payments: readonly EventOf<"payment.received">[];
  readonly reversedPayments: readonly string[];
  readonly charges: readonly EventOf<"charge.added">[];
  readonly reminders: readonly EventOf<"reminder.sent">[];
  readonly notices: readonly EventOf<"notice.sent">[];
  readonly letters14: readonly EventOf<"letter14.sent">[];
  readonly anatocism: readonly EventOf<"anatocism.demanded">[];
  readonly promises: readonly PaymentPromise[];
  readonly fields: Readonly<Record<string, string | number | boolean>>;
  readonly notes: readonly EventOf<"note.added">[];
  readonly status: CaseStatus;
  /** Whether the case was written off and not reinstated. */
  readonly writtenOff: boolean;
  /**
   * The case's owner as of the date: the last `case.owner-assigned`, else `case.opened`'s owner.
   */
  readonly owner: string;
  /**
   * The suspension in force on the date, or null (never suspended, resumed, or its `until` came).
   * A suspended case gets no scenario actions on the agenda; its interest runs on.
   */
  readonly suspension: CaseSuspension | null;
  readonly history: readonly HistoryEntry[];
  /** The events up to the date, in the order they were folded (by date, then as listed). */
  readonly events: readonly CaseEvent[];
  /** The last day the debtor was contacted or answered (letters, reminders, payments, promises). */
  readonly lastContact: string | null;
}

/**
 * Validates a list of case events: each against {@link caseEventSchema} (errors name
 * `events.N.field`), then as a whole: unique event ids, exactly one `case.opened` and it first,
 * and every reference to a claim, payment, promise, debtor or contact pointing at one that exists
 * in an earlier event.
 *
 * @example
 * ```ts
 * import { parseCaseEvents } from "@incasso/core";
 * declare const json: unknown;
 * const events = parseCaseEvents(json);
 * ```
 */
export function parseCaseEvents(input: unknown): CaseEvent[] {
  const list = Array.isArray(input) ? input : (input as { events?: unknown } | null)?.events;
  if (!Array.isArray(list)) {
    throw new IncassoError(
      "INVALID_INPUT",
      "events: expected an array of events, or an object with an events array",
      [{ path: "events", message: "expected an array of events" }],
    );
  }
  if (list.length === 0)
    throw new IncassoError("INVALID_INPUT", "events: expected at least the case.opened event", [
      { path: "events", message: "expected at least the case.opened event" },
    ]);
  if (list.length > LIMITS.eventsPerCase)
    throw new IncassoError(
      "INVALID_INPUT",
      `events: expected at most ${LIMITS.eventsPerCase} events in one case (got ${list.length})`,
      [{ path: "events", message: `expected at most ${LIMITS.eventsPerCase} events in one case` }],
    );
  const events = list.map((raw, index) => {
    const result = caseEventSchema.safeParse(raw);
    if (!result.success) throw fromZodError(result.error, `events.${index}`);
    return result.data;
  });
  const counted = { claims: 0, payments: 0, charges: 0 };
  for (const event of events) {
    if (event.type === "claim.added") counted.claims++;
    else if (event.type === "payment.received") counted.payments++;
    else if (event.type === "charge.added") counted.charges++;
  }
  for (const [what, count, max] of [
    ["claims", counted.claims, LIMITS.claimsPerCase],
    ["payments", counted.payments, LIMITS.paymentsPerCase],
    ["charges", counted.charges, LIMITS.paymentsPerCase],
  ] as const) {
    if (count > max)
      throw new IncassoError(
        "INVALID_INPUT",
        `events: expected at most ${max} ${what} in one case (got ${count})`,
        [{ path: "events", message: `expected at most ${max} ${what} in one case` }],
      );
  }
  const problems: { path: string; message: string }[] = [];
  const seen = {
    events: new Set<string>(),
    claims: new Set<string>(),
    payments: new Set<string>(),
    promises: new Set<string>(),
    charges: new Set<string>(),
    plans: new Set<string>(),
    actions: new Set<string>(),
    handovers: new Set<string>(),
  };
  // The date of each bailiff.handover, and the id of the latest one in the list.
  const handoverDates = new Map<string, string>();
  let latestHandover: string | undefined;
  const debtors = new Map<string, Set<string>>();
  events.forEach((event, index) => {
    const at = `events.${index}`;
    if (seen.events.has(event.id))
      problems.push({
        path: `${at}.id`,
        message: `expected a unique event id (${event.id} repeats)`,
      });
    seen.events.add(event.id);
    if ((index === 0) !== (event.type === "case.opened")) {
      problems.push({
        path: `${at}.type`,
        message: "expected case.opened as the first event, and only there",
      });
    }
    const need = (set: Set<string>, value: string, field: string, what: string) => {
      if (!set.has(value))
        problems.push({
          path: `${at}.${field}`,
          message: `expected an existing ${what} (${value})`,
        });
    };
    const fresh = (set: Set<string>, value: string, field: string, what: string) => {
      if (set.has(value))
        problems.push({
          path: `${at}.${field}`,
          message: `expected a new ${what} id (${value} exists)`,
        });
      set.add(value);
    };
    switch (event.type) {
      case "case.opened":
        for (const debtor of event.debtors)
          debtors.set(debtor.id, new Set(debtor.contacts.map((c) => c.id)));
        break;
      case "claim.added":
        fresh(seen.claims, event.claim.id, "claim.id", "claim");
        break;
      case "claim.corrected":
        need(seen.claims, event.claimId, "claimId", "claim");
        break;
      case "payment.received":
        fresh(seen.payments, event.paymentId, "paymentId", "payment");
        break;
      case "payment.reversed":
        need(seen.payments, event.paymentId, "paymentId", "payment");
        break;
      case "charge.added":
        fresh(seen.charges, event.chargeId, "chargeId", "charge");
        break;
      case "promise.recorded":
        fresh(seen.promises, event.promiseId, "promiseId", "promise");
        break;
      case "promise.kept":
      case "promise.broken":
        need(seen.promises, event.promiseId, "promiseId", "promise");
        break;
      case "plan.agreed":
        fresh(seen.plans, event.planId, "planId", "plan");
        if (event.reminders !== undefined && event.plan === undefined)
          problems.push({
            path: `${at}.plan`,
            message: "expected the plan request when reminders are set",
          });
        if (event.reminders?.debtorId !== undefined && !debtors.has(event.reminders.debtorId))
          problems.push({
            path: `${at}.reminders.debtorId`,
            message: `expected an existing debtor (${event.reminders.debtorId})`,
          });
        break;
      case "plan.defaulted":
      case "plan.cancelled":
        need(seen.plans, event.planId, "planId", "plan");
        break;
      case "action.ordered":
        fresh(seen.actions, event.actionId, "actionId", "action");
        break;
      case "case.suspended":
        if (event.until !== undefined && event.until <= event.at)
          problems.push({
            path: `${at}.until`,
            message: `expected a day after the suspension's date ${event.at} (got ${event.until})`,
          });
        break;
      case "extra-action.done":
        need(seen.actions, event.actionId, "actionId", "action");
        break;
      case "bailiff.handover":
        seen.handovers.add(event.id);
        handoverDates.set(event.id, event.at);
        latestHandover = event.id;
        break;
      case "bailiff.returned": {
        if (event.handoverId !== undefined)
          need(seen.handovers, event.handoverId, "handoverId", "bailiff.handover event");
        else if (seen.handovers.size === 0)
          problems.push({
            path: `${at}.type`,
            message: "expected a bailiff.handover before the case is returned",
          });
        const handedOn = handoverDates.get(event.handoverId ?? latestHandover ?? "");
        if (handedOn !== undefined && event.at < handedOn)
          problems.push({
            path: `${at}.at`,
            message: `expected a date on or after the handover it answers (${handedOn})`,
          });
        break;
      }
      case "contact.added":
      case "contact.retired": {
        const contacts = debtors.get(event.debtorId);
        if (contacts === undefined)
          problems.push({
            path: `${at}.debtorId`,
            message: `expected an existing debtor (${event.debtorId})`,
          });
        else if (event.type === "contact.added") contacts.add(event.contact.id);
        else if (!contacts.has(event.contactId))
          problems.push({
            path: `${at}.contactId`,
            message: `expected an existing contact (${event.contactId})`,
          });
        break;
      }
      default:
        break;
    }
  });
  if (problems.length > 0) {
    throw new IncassoError(
      "INVALID_INPUT",
      problems.map((p) => `${p.path}: ${p.message}`).join("; "),
      problems,
    );
  }
  return events;
}

/**
 * Options of {@link foldCase}.
 *
 * @example
 * ```ts
 * import type { FoldOptions } from "@incasso/core";
 * const options: FoldOptions = { fields: [{ name: "segment", type: "choice", choices: ["retail"] }] };
 * ```
 */
export interface FoldOptions {
  /** The client's user-defined field definitions; `fields.set` events are validated against them. */
  readonly fields?: readonly FieldDefinition[];
}

/**
 * Folds a case's events as of a date (events whose legal date `at` is on or before it, in the
 * order of their dates and then of the list). Pure: the same events give the same case.
 *
 * @param input - the events (JSON or already parsed)
 * @example
 * ```ts
 * import { foldCase, parseIsoDate } from "@incasso/core";
 * declare const events: unknown[];
 * foldCase(events, parseIsoDate("2026-06-30")).status; // "open"
 * ```
 */
export function foldCase(
  input: unknown,
  asOf: Temporal.PlainDate,
  options: FoldOptions = {},
): CaseState {
  const all = parseCaseEvents(input);
  const limit = asOf.toString();
  const events = inOrderUpTo(all, limit);
  const opened = all[0] as EventOf<"case.opened">;
  // The opened event's debtors, copied only when a contact event changes them (most cases have
  // none): a prepared case holds what it reads, not copies of it.
  let debtors: MutableDebtor[] = opened.debtors;
  let debtorsCopied = false;
  const debtorsToChange = () => {
    if (!debtorsCopied) {
      debtors = opened.debtors.map((debtor) => ({ ...debtor, contacts: [...debtor.contacts] }));
      debtorsCopied = true;
    }
    return debtors;
  };
  const claims = new Map<string, CaseClaim>();
  const payments = new Map<string, EventOf<"payment.received">>();
  const reversed: string[] = [];
  const charges: EventOf<"charge.added">[] = [];
  const reminders: EventOf<"reminder.sent">[] = [];
  const notices: EventOf<"notice.sent">[] = [];
  const letters14: EventOf<"letter14.sent">[] = [];
  const anatocism: EventOf<"anatocism.demanded">[] = [];
  const promises = new Map<string, PaymentPromise>();
  const notes: EventOf<"note.added">[] = [];
  const history: HistoryEntry[] = new Array(events.length);
  let fields: Record<string, string | number | boolean> = NO_FIELDS;
  let disputed = false;
  let insolvent = false;
  let plan = false;
  let bailiff = false;
  // The id of the latest `bailiff.handover`: a return that answers an earlier one changes nothing.
  let lastHandover: string | null = null;
  let writtenOff = false;
  let closed = false;
  let owner = opened.owner;
  let suspension: CaseSuspension | null = null;
  let lastContact: string | null = null;
  const contact = (date: string) => {
    if (lastContact === null || date > lastContact) lastContact = date;
  };

  for (let index = 0; index < events.length; index++) {
    const event = events[index] as CaseEvent;
    history[index] = {
      eventId: event.id,
      type: event.type,
      at: event.at,
      recordedAt: event.recordedAt,
      by: event.by,
      text: describeCaseEvent(event, "en"),
    };
    switch (event.type) {
      case "case.opened":
        break;
      case "claim.added":
        claims.set(event.claim.id, event.claim);
        break;
      case "claim.corrected": {
        const claim = claims.get(event.claimId);
        if (claim)
          claims.set(event.claimId, {
            ...claim,
            ...(definedOnly(event.changes) as Partial<CaseClaim>),
          });
        break;
      }
      case "payment.received":
        payments.set(event.paymentId, event);
        contact(event.at);
        break;
      case "payment.reversed":
        payments.delete(event.paymentId);
        reversed.push(event.paymentId);
        break;
      case "charge.added":
        charges.push(event);
        break;
      case "reminder.sent":
        reminders.push(event);
        contact(event.at);
        break;
      case "notice.sent":
        notices.push(event);
        contact(event.at);
        break;
      case "letter14.sent":
        letters14.push(event);
        contact(event.at);
        break;
      case "anatocism.demanded":
        anatocism.push(event);
        break;
      case "promise.recorded":
        promises.set(event.promiseId, {
          id: event.promiseId,
          amount: event.amount,
          dueDate: event.dueDate,
          recordedOn: event.at,
          state: "open",
        });
        contact(event.at);
        break;
      case "promise.kept":
      case "promise.broken": {
        const promise = promises.get(event.promiseId);
        if (promise) promise.state = event.type === "promise.kept" ? "kept" : "broken";
        break;
      }
      case "dispute.opened":
        disputed = true;
        contact(event.at);
        break;
      case "dispute.closed":
        disputed = false;
        break;
      case "insolvency.registered":
        insolvent = true;
        break;
      case "plan.agreed":
        plan = true;
        contact(event.at);
        break;
      case "plan.defaulted":
      case "plan.cancelled":
        plan = false;
        break;
      case "scenario.started":
      case "action.done":
      case "action.rescheduled":
      case "action.cancelled":
      case "action.ordered":
      case "extra-action.done":
      case "mail.returned":
      case "message.failed":
        break;
      case "message.sent":
        contact(event.at);
        break;
      case "bailiff.handover":
        bailiff = true;
        lastHandover = event.id;
        break;
      case "bailiff.returned":
        // The case is the firm's again: its status is what it would be without the handover.
        if (event.handoverId === undefined || event.handoverId === lastHandover) bailiff = false;
        break;
      case "case.written-off":
        writtenOff = true;
        break;
      case "case.reinstated":
        writtenOff = false;
        break;
      case "case.closed":
        closed = true;
        break;
      case "case.suspended":
        suspension = {
          since: event.at,
          until: event.until ?? null,
          reason: event.reason,
          eventId: event.id,
        };
        break;
      case "case.resumed":
        suspension = null;
        break;
      case "case.owner-assigned":
        owner = event.owner;
        break;
      case "note.added":
        notes.push(event);
        break;
      case "document.produced":
        break;
      case "contact.added": {
        const debtor = debtorsToChange().find((candidate) => candidate.id === event.debtorId);
        debtor?.contacts.push(event.contact);
        break;
      }
      case "contact.retired": {
        const debtor = debtorsToChange().find((candidate) => candidate.id === event.debtorId);
        if (debtor)
          debtor.contacts = debtor.contacts.map((c) =>
            c.id === event.contactId ? { ...c, current: false } : c,
          );
        break;
      }
      case "fields.set":
        fields = { ...fields, ...event.values };
        if (options.fields) validateFields(options.fields, fields);
        break;
    }
  }
  // A suspension whose until-day has come is over: the case is not suspended on and after it.
  const suspended = suspension as CaseSuspension | null;
  const inForce =
    suspended !== null && (suspended.until === null || suspended.until > limit) ? suspended : null;
  const status: CaseStatus = closed
    ? "closed"
    : writtenOff
      ? "written-off"
      : bailiff
        ? "with-bailiff"
        : insolvent
          ? "insolvent"
          : inForce !== null
            ? "suspended"
            : disputed
              ? "disputed"
              : plan
                ? "payment-plan"
                : "open";
  return {
    asOf,
    opened,
    caseNumber: opened.caseNumber,
    rulePack: opened.rulePack,
    debtors,
    terms: opened.terms ?? NO_TERMS,
    claims: valuesOf(claims),
    payments: valuesOf(payments),
    reversedPayments: held(reversed),
    charges: held(charges),
    reminders: held(reminders),
    notices: held(notices),
    letters14: held(letters14),
    anatocism: held(anatocism),
    promises: valuesOf(promises),
    fields,
    notes: held(notes),
    status,
    writtenOff,
    owner,
    suspension: inForce,
    history,
    events,
    lastContact,
  };
}

type MutableDebtor = Debtor & { contacts: Debtor["contacts"][number][] };

// What a folded case holds is kept small: the daily run and the agenda hold many folded cases at
// once. Lists and records a case does not have are one shared, frozen empty value, not one each.
const NONE: readonly never[] = Object.freeze([]);
const NO_TERMS: ContractTerms = Object.freeze({});
const NO_FIELDS: Record<string, string | number | boolean> = Object.freeze({});

/** A list as the fold keeps it: the shared empty list, or the list itself. */
function held<T>(list: T[]): readonly T[] {
  return list.length === 0 ? NONE : list;
}

/** The values of a map in their order, as a list of exactly their number. */
function valuesOf<T>(map: ReadonlyMap<string, T>): readonly T[] {
  return map.size === 0 ? NONE : [...map.values()];
}

/**
 * The events dated on or before `limit`, in the order of their dates and then of the list: the
 * list itself when it is in that order already (as stored events are, appended day after day).
 */
function inOrderUpTo(all: CaseEvent[], limit: string): CaseEvent[] {
  let previous = "";
  let ordered = true;
  for (const event of all) {
    if (event.at > limit || event.at < previous) {
      ordered = false;
      break;
    }
    previous = event.at;
  }
  if (ordered) return all;
  return all
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.at <= limit)
    .sort((a, b) =>
      a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.index - b.index,
    )
    .map(({ event }) => event);
}

function definedOnly(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
