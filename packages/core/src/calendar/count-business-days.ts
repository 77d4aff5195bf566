import { Temporal } from "temporal-polyfill";
import { toEpochDay, yearOfEpochDay } from "../dates/epoch-day.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { assertSupported, builtCalendars } from "./business-calendar.js";
import { isBusinessEpochDay } from "./shift-date.js";

/**
 * The number of business days after `from` up to and including `to`; when `to` is earlier, minus
 * the number of business days from `to` up to but not including `from`. It is the inverse of
 * {@link addBusinessDays}: `countBusinessDays(c, d, addBusinessDays(c, d, n)) === n`.
 *
 * @example
 * ```ts
 * import { beCalendar, countBusinessDays, parseIsoDate } from "@incasso/core";
 * countBusinessDays(beCalendar(), parseIsoDate("2026-04-03"), parseIsoDate("2026-04-10")); // 4
 * ```
 */
export function countBusinessDays(
  calendar: BusinessCalendar,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): number {
  assertSupported(from);
  assertSupported(to);
  const order = Temporal.PlainDate.compare(from, to);
  // Forward: the business days in (from, to]. Backward: those in [to, from), negated. Both make
  // the count the inverse of addBusinessDays, which counts from the day after (or before) `from`.
  const [first, last] = order <= 0 ? [from.add({ days: 1 }), to] : [to, from.subtract({ days: 1 })];
  let count = 0;
  if (builtCalendars.has(calendar)) {
    // Integer epoch days for calendars built by createCalendar (see shift-date.ts).
    const weekend = calendar.definition.weekend;
    const end = toEpochDay(last);
    for (let day = toEpochDay(first); day <= end; day++) {
      if (isBusinessEpochDay(calendar, weekend, yearOfEpochDay(day), day)) count++;
    }
  } else {
    for (let day = first; Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
      if (calendar.isBusinessDay(day)) count++;
    }
  }

  return order <= 0 ? count : 0 - count;
}
