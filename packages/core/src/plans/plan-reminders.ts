import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import { toEpochDay } from "../dates/epoch-day.js";
import { MONTH_NAMES } from "../dates/month-names.js";
import { formatAmount } from "../money/format-amount.js";
import { Money } from "../money/money.js";
import { dateOf } from "../statement/engine/engine-state.js";
import type { PlanPayment } from "./plan-state.js";
import { defaultDelay, planState } from "./plan-state.js";
import type { PlanProposal } from "./propose-plan.js";

/**
 * When to remind the debtor of an instalment: days before its due date, on the day, days after.
 *
 * @example
 * ```ts
 * import type { ReminderPolicy } from "@incasso/core";
 * const policy: ReminderPolicy = { before: [7, 1], onDay: true, after: [3] };
 * ```
 */
export interface ReminderPolicy {
  readonly before: readonly number[];
  readonly onDay: boolean;
  readonly after: readonly number[];
}

/**
 * One reminder of an instalment, for the messaging adapter.
 *
 * @example
 * ```ts
 * import type { PlanReminder } from "@incasso/core";
 * const key = (r: PlanReminder) => `${r.instalment}-${r.kind}-${r.date}`;
 * ```
 */
export interface PlanReminder {
  readonly instalment: number;
  readonly date: Temporal.PlainDate;
  readonly kind: "before" | "on-day" | "after";
  readonly dueDate: Temporal.PlainDate;
  readonly amount: Decimal;
}

/**
 * Every reminder of a plan by a policy, in date order: for each instalment the dates N days before,
 * on the day and M days after its due date, never after the day the instalment would count against
 * the default rule.
 *
 * @example
 * ```ts
 * import { planReminders, proposePlan } from "@incasso/core";
 * const result = proposePlan({ amount: "300.00", firstDueDate: "2026-03-02", frequency: "monthly", schedule: { count: 3 } });
 * if (result.ok) planReminders(result.plan, { before: [3], onDay: true, after: [] }).length; // 6
 * ```
 */
export function planReminders(plan: PlanProposal, policy: ReminderPolicy): PlanReminder[] {
  // Epoch days: one integer per reminder, a date object only for the reminders kept.
  const delay = defaultDelay(plan);
  const before = [...policy.before].sort((a, b) => b - a);
  const after = [...policy.after].sort((a, b) => a - b);
  const planned: { day: number; reminder: PlanReminder }[] = [];
  for (const instalment of plan.instalments) {
    const due = toEpochDay(instalment.dueDate);
    const limit = due + delay;
    const add = (day: number, kind: PlanReminder["kind"]) => {
      if (day <= limit) {
        planned.push({
          day,
          reminder: {
            instalment: instalment.number,
            date: day === due ? instalment.dueDate : dateOf(day),
            kind,
            dueDate: instalment.dueDate,
            amount: instalment.amount,
          },
        });
      }
    };
    for (const days of before) add(due - days, "before");
    if (policy.onDay) add(due, "on-day");
    for (const days of after) add(due + days, "after");
  }
  planned.sort((a, b) => a.day - b.day || a.reminder.instalment - b.reminder.instalment);
  return planned.map((entry) => entry.reminder);
}

/**
 * The reminders to send on a date: those dated that day for instalments not yet paid in full, while
 * the plan is active or in arrears. A pure function of the plan, the payments and the date.
 *
 * @example
 * ```ts
 * import { parseIsoDate, proposePlan, remindersDue } from "@incasso/core";
 * const result = proposePlan({ amount: "300.00", firstDueDate: "2026-03-02", frequency: "monthly", schedule: { count: 3 } });
 * if (result.ok) remindersDue(result.plan, [], parseIsoDate("2026-02-27"), { before: [3], onDay: false, after: [] }).length; // 1
 * ```
 */
export function remindersDue(
  plan: PlanProposal,
  payments: readonly PlanPayment[],
  date: Temporal.PlainDate,
  policy: ReminderPolicy,
): PlanReminder[] {
  const state = planState(plan, payments, date);
  if (state.status !== "active" && state.status !== "in-arrears") return [];
  const unpaid = new Set(
    state.instalments.filter((i) => i.status !== "paid").map((i) => i.instalment.number),
  );
  return planReminders(plan, policy).filter(
    (reminder) => reminder.date.equals(date) && unpaid.has(reminder.instalment),
  );
}

/**
 * The text of a reminder for an SMS or e-mail, in nl, fr or en: "your instalment of 150.00 EUR is
 * due on 15 March 2026".
 *
 * @example
 * ```ts
 * import { reminderText, type PlanReminder } from "@incasso/core";
 * declare const reminder: PlanReminder;
 * reminderText(reminder, "fr");
 * ```
 */
export function reminderText(reminder: PlanReminder, language: "nl" | "fr" | "en"): string {
  const months = MONTH_NAMES[language];
  const day = `${reminder.dueDate.day} ${months[reminder.dueDate.month - 1]} ${reminder.dueDate.year}`;
  const locale = language === "fr" ? "fr-BE" : language === "nl" ? "nl-BE" : "en";
  const amount = formatAmount(Money.of(reminder.amount), { locale });
  const past = reminder.kind === "after";
  if (language === "nl")
    return past
      ? `Uw afbetaling van ${amount} was verschuldigd op ${day}.`
      : `Uw afbetaling van ${amount} vervalt op ${day}.`;
  if (language === "fr")
    return past
      ? `Votre mensualité de ${amount} était due le ${day}.`
      : `Votre mensualité de ${amount} est due le ${day}.`;
  return past
    ? `Your instalment of ${amount} was due on ${day}.`
    : `Your instalment of ${amount} is due on ${day}.`;
}
