import { Temporal } from "temporal-polyfill";
import type { BusinessCalendar } from "./business-calendar.js";
import { assertSupported } from "./business-calendar.js";

/**
 * The number of business days after `from` up to and including `to`; negative (the count after
 * `to` up to and including `from`) when `to` is earlier. It is the inverse of
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
  if (order === 0) return 0;
  const [start, end] = order < 0 ? [from, to] : [to, from];
  let count = 0;
  for (
    let day = start.add({ days: 1 });
    Temporal.PlainDate.compare(day, end) <= 0;
    day = day.add({ days: 1 })
  ) {
    if (calendar.isBusinessDay(day)) count++;
  }
  return order < 0 ? count : -count;
}
