import type { Temporal } from "temporal-polyfill";
import { fieldError } from "../errors/incasso-error.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { step } from "./shift-date.js";

/**
 * Moves `days` business days forward (backward when negative). Counting starts after the date:
 * the result is the `days`-th business day after it, whether or not the date itself is a business
 * day. Zero returns the date unchanged.
 *
 * @example
 * ```ts
 * import { addBusinessDays, beCalendar, parseIsoDate } from "@incasso/core";
 * // Good Friday is a working day in Belgium; the weekend and Easter Monday are not.
 * addBusinessDays(beCalendar(), parseIsoDate("2026-04-03"), 1).toString(); // "2026-04-07"
 * ```
 */
export function addBusinessDays(
  calendar: BusinessCalendar,
  date: Temporal.PlainDate,
  days: number,
): Temporal.PlainDate {
  if (!Number.isSafeInteger(days))
    throw fieldError("INVALID_INPUT", "days", "expected a whole number", days);
  const direction = days < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(days); left > 0; left--)
    day = step(calendar, day.add({ days: direction }), direction);
  return day;
}
