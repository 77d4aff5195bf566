import type { Temporal } from "temporal-polyfill";
import { fromEpochDay, toEpochDay, yearOfEpochDay } from "../dates/epoch-day.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { assertSupported, builtCalendars } from "./business-calendar.js";
import { CALENDAR_YEARS } from "./calendar-definition.js";

/**
 * The ISDA business-day conventions, and `none`:
 * - `following`: the next business day;
 * - `preceding`: the previous business day;
 * - `modified-following`: the next business day, unless that is in the next month, then the
 *   previous one;
 * - `modified-preceding`: the previous business day, unless that is in the previous month, then
 *   the next one;
 * - `none`: the date as it is.
 * A business day never moves.
 *
 * @example
 * ```ts
 * import type { ShiftRule } from "@incasso/core";
 * const rule: ShiftRule = "modified-following";
 * ```
 */
export type ShiftRule =
  | "following"
  | "preceding"
  | "modified-following"
  | "modified-preceding"
  | "none";

/**
 * Every {@link ShiftRule}, for schemas and menus.
 *
 * @example
 * ```ts
 * import { SHIFT_RULES } from "@incasso/core";
 * SHIFT_RULES.includes("following"); // true
 * ```
 */
export const SHIFT_RULES: readonly ShiftRule[] = [
  "following",
  "preceding",
  "modified-following",
  "modified-preceding",
  "none",
];

/**
 * Moves a date to a business day of the calendar by a {@link ShiftRule}.
 *
 * @example
 * ```ts
 * import { beCalendar, parseIsoDate, shiftDate } from "@incasso/core";
 * const sunday = parseIsoDate("2026-05-31");
 * shiftDate(beCalendar(), sunday, "following").toString(); // "2026-06-01"
 * shiftDate(beCalendar(), sunday, "modified-following").toString(); // "2026-05-29"
 * ```
 */
export function shiftDate(
  calendar: BusinessCalendar,
  date: Temporal.PlainDate,
  rule: ShiftRule,
): Temporal.PlainDate {
  switch (rule) {
    case "none":
      return date;
    case "following":
      return step(calendar, date, 1);
    case "preceding":
      return step(calendar, date, -1);
    case "modified-following": {
      const next = step(calendar, date, 1);
      return next.month === date.month ? next : step(calendar, date, -1);
    }
    case "modified-preceding": {
      const previous = step(calendar, date, -1);
      return previous.month === date.month ? previous : step(calendar, date, 1);
    }
  }
}

/**
 * The nearest business day on or after (`direction` 1) or on or before (-1) a date.
 *
 * @internal
 */
export function step(
  calendar: BusinessCalendar,
  date: Temporal.PlainDate,
  direction: 1 | -1,
): Temporal.PlainDate {
  if (builtCalendars.has(calendar)) return stepByEpochDay(calendar, date, direction);
  let day = date;
  // Every loop ends: the weekend has at most six days, and holidays are finite within the
  // supported years, whose bounds `isBusinessDay` enforces.
  for (let guard = 0; guard < 200_000; guard++) {
    assertSupported(day);
    if (calendar.isBusinessDay(day)) return day;
    day = day.add({ days: direction });
  }
  throw new IncassoError(
    "NO_BUSINESS_DAY",
    `calendar ${calendar.id}: no business day near ${date.toString()}`,
  );
}

const holidayDays = new WeakMap<BusinessCalendar, Map<number, ReadonlySet<number>>>();

/** The epoch days of a calendar's holidays in a year, memoised per (immutable) calendar. */
function holidaysOfYear(calendar: BusinessCalendar, year: number): ReadonlySet<number> {
  let years = holidayDays.get(calendar);
  if (years === undefined) {
    years = new Map();
    holidayDays.set(calendar, years);
  }
  let days = years.get(year);
  if (days === undefined) {
    days = new Set(calendar.holidaysOf(year).map((holiday) => toEpochDay(holiday.date)));
    years.set(year, days);
  }
  return days;
}

/**
 * Whether an epoch day is a business day of a calendar built by `createCalendar`.
 *
 * @internal
 */
export function isBusinessEpochDay(
  calendar: BusinessCalendar,
  weekend: readonly number[],
  year: number,
  day: number,
): boolean {
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
  return !weekend.includes(weekday) && !holidaysOfYear(calendar, year).has(day);
}

/**
 * The same walk as {@link step} in integer epoch days, for calendars built by `createCalendar`
 * (whose business days are exactly: not a weekend day, not a holiday of the year).
 */
function stepByEpochDay(
  calendar: BusinessCalendar,
  date: Temporal.PlainDate,
  direction: 1 | -1,
): Temporal.PlainDate {
  const weekend = calendar.definition.weekend;
  let day = toEpochDay(date);
  for (let guard = 0; guard < 200_000; guard++) {
    const year = yearOfEpochDay(day);
    if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last)
      assertSupported(fromEpochDay(day));
    if (isBusinessEpochDay(calendar, weekend, year, day)) {
      return day === toEpochDay(date) ? date : fromEpochDay(day);
    }
    day += direction;
  }
  throw new IncassoError(
    "NO_BUSINESS_DAY",
    `calendar ${calendar.id}: no business day near ${date.toString()}`,
  );
}
