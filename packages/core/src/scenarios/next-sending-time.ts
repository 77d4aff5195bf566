import { Temporal } from "temporal-polyfill";
import type { BusinessCalendar } from "../calendar/business-calendar.js";

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
