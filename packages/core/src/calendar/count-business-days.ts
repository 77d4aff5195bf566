import { Temporal } from "temporal-polyfill";
import type { BusinessCalendar } from "./business-calendar.js";
import { assertSupported } from "./business-calendar.js";

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
  for (let day = first; Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
    if (calendar.isBusinessDay(day)) count++;
  }
  return order <= 0 ? count : 0 - count;
}
