import { Temporal } from "temporal-polyfill";

/**
 * Day of the week in ISO numbering: 1 = Monday … 7 = Sunday.
 *
 * @example
 * ```ts
 * import type { IsoWeekday } from "@incasso/core";
 * const saturday: IsoWeekday = 6;
 * ```
 */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * The date `days` days later (earlier when negative).
 *
 * @example
 * ```ts
 * import { addDays, parseIsoDate } from "@incasso/core";
 * addDays(parseIsoDate("2024-02-28"), 1).toString(); // "2024-02-29"
 * ```
 */
export function addDays(date: Temporal.PlainDate, days: number): Temporal.PlainDate {
  return date.add({ days });
}

/**
 * The number of days from `from` to `to`: positive when `to` is later, zero on the same day.
 * `daysBetween(a, addDays(a, n)) === n`.
 *
 * @example
 * ```ts
 * import { daysBetween, parseIsoDate } from "@incasso/core";
 * daysBetween(parseIsoDate("2024-01-01"), parseIsoDate("2025-01-01")); // 366
 * ```
 */
export function daysBetween(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return from.until(to, { largestUnit: "days" }).days;
}

/**
 * Compares two dates: -1 if `a` is earlier, 0 if the same day, 1 if later. Usable as a sort
 * comparator.
 *
 * @example
 * ```ts
 * import { compareDates, parseIsoDate } from "@incasso/core";
 * ["2026-03-01", "2026-01-15"].map((d) => parseIsoDate(d)).sort(compareDates)[0]?.toString(); // "2026-01-15"
 * ```
 */
export function compareDates(a: Temporal.PlainDate, b: Temporal.PlainDate): -1 | 0 | 1 {
  return Temporal.PlainDate.compare(a, b) as -1 | 0 | 1;
}

/**
 * The later of two dates.
 *
 * @example
 * ```ts
 * import { laterOf, parseIsoDate } from "@incasso/core";
 * laterOf(parseIsoDate("2026-01-01"), parseIsoDate("2025-12-31")).toString(); // "2026-01-01"
 * ```
 */
export function laterOf(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/**
 * The earlier of two dates.
 *
 * @example
 * ```ts
 * import { earlierOf, parseIsoDate } from "@incasso/core";
 * earlierOf(parseIsoDate("2026-01-01"), parseIsoDate("2025-12-31")).toString(); // "2025-12-31"
 * ```
 */
export function earlierOf(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/**
 * Whether the date falls on a Saturday or a Sunday.
 *
 * @example
 * ```ts
 * import { isWeekend, parseIsoDate } from "@incasso/core";
 * isWeekend(parseIsoDate("2026-05-31")); // true
 * ```
 */
export function isWeekend(date: Temporal.PlainDate): boolean {
  return date.dayOfWeek >= 6;
}

/**
 * The number of days of the date's calendar year: 365, or 366 in a leap year (the `act/act`
 * divisor).
 *
 * @example
 * ```ts
 * import { daysInYearOf, parseIsoDate } from "@incasso/core";
 * daysInYearOf(parseIsoDate("2024-07-01")); // 366
 * ```
 */
export function daysInYearOf(date: Temporal.PlainDate): number {
  return date.daysInYear;
}

/**
 * The date `years` years later, with 29 February becoming 28 February in a common year (the
 * anniversary rule used for yearly capitalisation).
 *
 * @example
 * ```ts
 * import { addYears, parseIsoDate } from "@incasso/core";
 * addYears(parseIsoDate("2024-02-29"), 1).toString(); // "2025-02-28"
 * ```
 */
export function addYears(date: Temporal.PlainDate, years: number): Temporal.PlainDate {
  return date.add({ years }, { overflow: "constrain" });
}

/**
 * The date `months` months later, clamped to the last day of a shorter month (31 January plus one
 * month is 28 or 29 February).
 *
 * @example
 * ```ts
 * import { addMonths, parseIsoDate } from "@incasso/core";
 * addMonths(parseIsoDate("2026-01-31"), 1).toString(); // "2026-02-28"
 * ```
 */
export function addMonths(date: Temporal.PlainDate, months: number): Temporal.PlainDate {
  return date.add({ months }, { overflow: "constrain" });
}

/**
 * Every date from `from` through `to`, both included; nothing when `to` is earlier.
 *
 * @example
 * ```ts
 * import { eachDay, parseIsoDate } from "@incasso/core";
 * [...eachDay(parseIsoDate("2026-01-30"), parseIsoDate("2026-02-01"))].length; // 3
 * ```
 */
export function* eachDay(
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): Generator<Temporal.PlainDate, void, undefined> {
  for (let day = from; compareDates(day, to) <= 0; day = day.add({ days: 1 })) yield day;
}
