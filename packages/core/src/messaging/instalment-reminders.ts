import { Temporal } from "temporal-polyfill";
import type { CaseEvent } from "../case/case-event.js";
import type { CaseState } from "../case/fold-case.js";
import { foldCase } from "../case/fold-case.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";
import type { PlanReminder } from "../plans/plan-reminders.js";
import { planReminders, reminderText } from "../plans/plan-reminders.js";
import type { PlanPayment, PlanState } from "../plans/plan-state.js";
import { planState } from "../plans/plan-state.js";
import type { PlanProposal } from "../plans/propose-plan.js";
import { proposePlan } from "../plans/propose-plan.js";
import type { RateTable } from "../rates/rate-table.js";
import { messageKey } from "./message-key.js";

type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

/**
 * Options of {@link instalmentReminders}: the case's id in the store (it is part of every message
 * key), the host's rate tables (for a plan with running interest from a table), and how many days
 * back a run catches up reminders it missed (default 0: only the run date's).
 *
 * @example
 * ```ts
 * import type { InstalmentRemindersOptions } from "@incasso/core";
 * const options: InstalmentRemindersOptions = { caseId: "2026-00042", catchUpDays: 3 };
 * ```
 */
export interface InstalmentRemindersOptions {
  readonly caseId: string;
  readonly rateTables?: ReadonlyMap<string, RateTable>;
  /**
   * Reminders dated up to this many days before the run date are still written when a run missed
   * them, as long as their instalment is unpaid and (for a reminder before or on the due date) the
   * due date has not passed. 0 to 31; default 0.
   */
  readonly catchUpDays?: number;
}

/**
 * One instalment reminder due on a run: the plan's reminder (instalment, date, kind, due date,
 * amount), the plan, the channel and the debtor's contact it goes to, and its outbox key.
 *
 * @example
 * ```ts
 * import type { DueInstalmentReminder } from "@incasso/core";
 * const line = (r: DueInstalmentReminder) => `${r.key} → ${r.to} by ${r.channel}`;
 * ```
 */
export interface DueInstalmentReminder extends PlanReminder {
  readonly planId: string;
  readonly channel: "email" | "sms";
  readonly debtorId: string;
  readonly contactId: string;
  readonly to: string;
  readonly language: "nl" | "fr" | "en";
  readonly key: string;
}

/**
 * Why a case gets no reminder (or one reminder is not written): no plan in force, a plan without
 * its request or its reminder settings, a plan that cannot be computed again, a plan paid, defaulted
 * or cancelled, a case no longer under a plan (disputed, closed...), or no current contact for the
 * channel.
 *
 * @example
 * ```ts
 * import type { InstalmentReminderSkipCode } from "@incasso/core";
 * const code: InstalmentReminderSkipCode = "NO_CURRENT_CONTACT";
 * ```
 */
export type InstalmentReminderSkipCode =
  | "NO_PLAN"
  | "NO_PLAN_REQUEST"
  | "NO_REMINDER_SETTINGS"
  | "PLAN_NOT_RECOMPUTABLE"
  | "PLAN_COMPLETED"
  | "PLAN_DEFAULTED"
  | "PLAN_CANCELLED"
  | "CASE_NOT_IN_PLAN"
  | "NO_CURRENT_CONTACT";

/**
 * A reminder not written, or a case without reminders, with the reason in words.
 *
 * @example
 * ```ts
 * import type { InstalmentReminderSkip } from "@incasso/core";
 * const line = (skip: InstalmentReminderSkip) => `${skip.code}: ${skip.message}`;
 * ```
 */
export interface InstalmentReminderSkip {
  readonly code: InstalmentReminderSkipCode;
  readonly message: string;
  /** The instalment, for a reminder that could not be addressed. */
  readonly instalment?: number;
}

/**
 * An outbox message of an instalment reminder: its key, `send-email` or `send-sms`, and the
 * payload the dispatcher sends (`sendEmailPayloadSchema`/`sendSmsPayloadSchema`: the debtor and
 * the contact chosen, language, time zone, subject and text, the template, and where it comes
 * from).
 *
 * @example
 * ```ts
 * import type { InstalmentReminderMessage } from "@incasso/core";
 * const to = (message: InstalmentReminderMessage) => message.payload.address;
 * ```
 */
export interface InstalmentReminderMessage {
  readonly key: string;
  readonly kind: "send-email" | "send-sms";
  readonly payload: {
    readonly caseId: string;
    readonly caseNumber: string;
    readonly debtorId: string;
    readonly contactId: string;
    /**
     * The address or number of that contact when the reminder was written, for the history; the
     * dispatcher sends to the debtor's contact while it is current (no `to`: a retired address
     * gets nothing).
     */
    readonly address: string;
    readonly language: "nl" | "fr" | "en";
    readonly timeZone?: string;
    readonly subject?: string;
    readonly text: string;
    readonly template: "instalment-reminder-email" | "instalment-reminder-sms";
    readonly planId: string;
    readonly instalment: number;
    readonly reminderKind: PlanReminder["kind"];
    readonly reminderDate: string;
    readonly dueDate: string;
    readonly amount: string;
    readonly reference?: string;
  };
}

/**
 * What {@link instalmentReminders} found for a case on a run date: the plan in force and its
 * state, the reminders due with their outbox messages, and what was skipped and why.
 *
 * @example
 * ```ts
 * import type { InstalmentRemindersResult } from "@incasso/core";
 * const count = (result: InstalmentRemindersResult) => result.messages.length;
 * ```
 */
export interface InstalmentRemindersResult {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly planId: string | null;
  readonly planStatus: PlanState["status"] | null;
  readonly reminders: readonly DueInstalmentReminder[];
  readonly messages: readonly InstalmentReminderMessage[];
  readonly skipped: readonly InstalmentReminderSkip[];
}

const SUBJECTS = {
  nl: (caseNumber: string) => `Herinnering afbetaling, dossier ${caseNumber}`,
  fr: (caseNumber: string) => `Rappel de mensualité, dossier ${caseNumber}`,
  en: (caseNumber: string) => `Instalment reminder, file ${caseNumber}`,
} as const;
const REFERENCE = {
  nl: (reference: string) => `Vermeld bij uw betaling: ${reference}.`,
  fr: (reference: string) => `Mentionnez lors de votre paiement : ${reference}.`,
  en: (reference: string) => `Please quote with your payment: ${reference}.`,
} as const;
const FILE = {
  nl: (caseNumber: string) => `Dossier ${caseNumber}.`,
  fr: (caseNumber: string) => `Dossier ${caseNumber}.`,
  en: (caseNumber: string) => `File ${caseNumber}.`,
} as const;

/**
 * The instalment reminders of a case due on a run date, as outbox messages: the plan in force is
 * the last `plan.agreed` not followed by its `plan.defaulted` or `plan.cancelled`; its schedule is
 * computed again from the request the event carries (`proposePlan`) and followed with the case's
 * payments from the day it was agreed (`planState`); its reminder settings say the days before
 * (and on, and after) each due date and the channel. A reminder goes to the debtor the settings
 * name (default: the case's first debtor), to the most recently recorded current e-mail address
 * (`email`) or phone number (`sms`), else by the fallback channel; its text is in the debtor's
 * language (German-speaking debtors get English: the project has no German texts yet).
 *
 * Nothing is due once the plan is completed, defaulted (by an event or by its own rule as of the
 * run date) or cancelled, nor while the case is not under the plan (disputed, insolvent, with a
 * bailiff, written off, closed); nor for an instalment paid in full. Each message's key is made of
 * the case, the plan, the instalment, the reminder's kind and its date (see {@link messageKey}),
 * so writing the same reminder twice is refused by the outbox and a rerun adds nothing. Pure.
 *
 * @example
 * ```ts
 * import { instalmentReminders, parseIsoDate } from "@incasso/core";
 * declare const events: unknown[];
 * const { messages, skipped } = instalmentReminders(events, parseIsoDate("2026-03-27"), { caseId: "C1" });
 * ```
 */
export function instalmentReminders(
  events: unknown,
  runDate: Temporal.PlainDate,
  options: InstalmentRemindersOptions,
): InstalmentRemindersResult {
  const catchUp = options.catchUpDays ?? 0;
  if (!Number.isInteger(catchUp) || catchUp < 0 || catchUp > 31)
    throw new IncassoError("INVALID_INPUT", "catchUpDays: expected a whole number of 0 to 31", [
      { path: "catchUpDays", message: "expected a whole number of 0 to 31" },
    ]);
  const state = foldCase(events, runDate);
  const base = {
    caseId: options.caseId,
    caseNumber: state.caseNumber,
    reminders: [] as DueInstalmentReminder[],
    messages: [] as InstalmentReminderMessage[],
  };
  const none = (
    code: InstalmentReminderSkipCode,
    message: string,
    planId: string | null = null,
    planStatus: PlanState["status"] | null = null,
  ): InstalmentRemindersResult => ({ ...base, planId, planStatus, skipped: [{ code, message }] });

  const { agreed, ended } = planInForce(state);
  if (agreed === null) {
    if (ended === null) return none("NO_PLAN", "the case has no payment plan");
    return ended.type === "plan.defaulted"
      ? none("PLAN_DEFAULTED", `plan ${ended.planId} defaulted on ${ended.at}`, ended.planId)
      : none(
          "PLAN_CANCELLED",
          `plan ${ended.planId} was cancelled on ${ended.at}: ${ended.reason}`,
          ended.planId,
        );
  }
  const planId = agreed.planId;
  if (state.status !== "payment-plan")
    return none("CASE_NOT_IN_PLAN", `the case is ${state.status}`, planId);
  if (agreed.plan === undefined)
    return none(
      "NO_PLAN_REQUEST",
      `plan ${planId} was recorded without its request, so its schedule is not known`,
      planId,
    );
  const settings = agreed.reminders;
  if (settings === undefined)
    return none("NO_REMINDER_SETTINGS", `plan ${planId} has no reminder settings`, planId);

  let plan: PlanProposal;
  try {
    const result = proposePlan(
      agreed.plan,
      options.rateTables === undefined ? {} : { rateTables: options.rateTables },
    );
    if (!result.ok)
      return none("PLAN_NOT_RECOMPUTABLE", `${result.code}: ${result.message}`, planId);
    plan = result.plan;
  } catch (error) {
    if (error instanceof IncassoError)
      return none("PLAN_NOT_RECOMPUTABLE", `${error.code}: ${error.message}`, planId);
    throw error;
  }

  const payments: PlanPayment[] = state.payments
    .filter((payment) => payment.at >= agreed.at)
    .map((payment) => ({
      id: payment.paymentId,
      date: Temporal.PlainDate.from(payment.at),
      amount: new MoneyDecimal(payment.amount),
    }));
  const followed = planState(plan, payments, runDate);
  if (followed.status === "completed")
    return none("PLAN_COMPLETED", `plan ${planId} is paid in full`, planId, followed.status);
  if (followed.status === "defaulted")
    return none(
      "PLAN_DEFAULTED",
      `plan ${planId} defaulted by its rule on ${followed.defaultedOn?.toString()}`,
      planId,
      followed.status,
    );

  const unpaid = new Set(
    followed.instalments
      .filter((instalment) => instalment.status !== "paid")
      .map((instalment) => instalment.instalment.number),
  );
  const from = runDate.subtract({ days: catchUp });
  const due = planReminders(plan, {
    before: settings.before,
    onDay: settings.onDay,
    after: settings.after,
  }).filter(
    (reminder) =>
      Temporal.PlainDate.compare(reminder.date, from) >= 0 &&
      Temporal.PlainDate.compare(reminder.date, runDate) <= 0 &&
      unpaid.has(reminder.instalment) &&
      (reminder.kind === "after" || Temporal.PlainDate.compare(runDate, reminder.dueDate) <= 0),
  );

  const debtor =
    settings.debtorId === undefined
      ? state.debtors[0]
      : state.debtors.find((candidate) => candidate.id === settings.debtorId);
  const skipped: InstalmentReminderSkip[] = [];
  const reminders: DueInstalmentReminder[] = [];
  const messages: InstalmentReminderMessage[] = [];
  const address = debtor === undefined ? null : addressOf(debtor, settings);
  const language = debtor === undefined || debtor.language === "de" ? "en" : debtor.language;
  const reference = plan.reference ?? state.opened.paymentReference ?? undefined;
  for (const reminder of due) {
    if (address === null || debtor === undefined) {
      skipped.push({
        code: "NO_CURRENT_CONTACT",
        message: `no current ${channelWords(settings.channel)}${settings.fallbackChannel ? ` or ${channelWords(settings.fallbackChannel)}` : ""} of debtor ${debtor?.id ?? settings.debtorId ?? "(none)"} for the reminder of instalment ${reminder.instalment} due ${reminder.dueDate.toString()}`,
        instalment: reminder.instalment,
      });
      continue;
    }
    const key = messageKey([
      "rem",
      options.caseId,
      planId,
      String(reminder.instalment),
      reminder.kind,
      reminder.date.toString(),
    ]);
    reminders.push({ ...reminder, planId, ...address, debtorId: debtor.id, language, key });
    const sentences = [
      reminderText(reminder, language),
      ...(reference ? [REFERENCE[language](reference)] : []),
      FILE[language](state.caseNumber),
    ];
    messages.push({
      key,
      kind: address.channel === "email" ? "send-email" : "send-sms",
      payload: {
        caseId: options.caseId,
        caseNumber: state.caseNumber,
        debtorId: debtor.id,
        contactId: address.contactId,
        address: address.to,
        language,
        ...(debtor.timeZone ? { timeZone: debtor.timeZone } : {}),
        ...(address.channel === "email" ? { subject: SUBJECTS[language](state.caseNumber) } : {}),
        text: sentences.join(address.channel === "email" ? "\n\n" : " "),
        template:
          address.channel === "email" ? "instalment-reminder-email" : "instalment-reminder-sms",
        planId,
        instalment: reminder.instalment,
        reminderKind: reminder.kind,
        reminderDate: reminder.date.toString(),
        dueDate: reminder.dueDate.toString(),
        amount: reminder.amount.toFixed(2),
        ...(reference ? { reference } : {}),
      },
    });
  }
  return {
    ...base,
    planId,
    planStatus: followed.status,
    reminders,
    messages,
    skipped,
  };
}

/** The plan in force (the last agreed one not ended), or the last plan that ended. */
function planInForce(state: CaseState): {
  agreed: EventOf<"plan.agreed"> | null;
  ended: EventOf<"plan.defaulted"> | EventOf<"plan.cancelled"> | null;
} {
  const agreed = new Map<string, EventOf<"plan.agreed">>();
  let last: EventOf<"plan.defaulted"> | EventOf<"plan.cancelled"> | null = null;
  for (const event of state.events) {
    if (event.type === "plan.agreed") agreed.set(event.planId, event);
    else if (event.type === "plan.defaulted" || event.type === "plan.cancelled") {
      agreed.delete(event.planId);
      last = event;
    }
  }
  return { agreed: [...agreed.values()].at(-1) ?? null, ended: last };
}

function channelWords(channel: "email" | "sms"): string {
  return channel === "email" ? "e-mail address" : "phone number";
}

/** The channel and contact a reminder goes to: the channel's newest current contact, else the fallback's. */
function addressOf(
  debtor: CaseState["debtors"][number],
  settings: NonNullable<EventOf<"plan.agreed">["reminders"]>,
): { channel: "email" | "sms"; contactId: string; to: string } | null {
  for (const channel of [settings.channel, settings.fallbackChannel]) {
    if (channel === undefined) continue;
    const kind = channel === "email" ? "email" : "phone";
    const contact = debtor.contacts
      .map((candidate, index) => ({ candidate, index }))
      .filter(({ candidate }) => candidate.kind === kind && candidate.current)
      .sort((a, b) =>
        a.candidate.date < b.candidate.date
          ? 1
          : a.candidate.date > b.candidate.date
            ? -1
            : b.index - a.index,
      )[0]?.candidate;
    if (contact !== undefined) return { channel, contactId: contact.id, to: contact.value };
  }
  return null;
}
