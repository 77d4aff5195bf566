import { Temporal } from "temporal-polyfill";
import { fieldError } from "../errors/incasso-error.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a calendar date written `YYYY-MM-DD`, strictly: no time, no time zone, no week dates, and
 * no day that does not exist (`2026-02-30` is an error, never 2 March). The error names the field.
 *
 * @param text - the date text
 * @param field - the field name used in the error message
 * @example
 * ```ts
 * import { parseIsoDate } from "@incasso/core";
 * parseIsoDate("2026-04-06").dayOfWeek; // 1 (a Monday)
 * ```
 */
export function parseIsoDate(text: string, field = "date"): Temporal.PlainDate {
  const match = ISO_DATE.exec(text);
  if (!match) throw fieldError("INVALID_DATE", field, "expected a date written YYYY-MM-DD", text);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  if (!dayExists(year, month, day))
    throw fieldError("INVALID_DATE", field, "expected a day that exists in the calendar", text);
  return new Temporal.PlainDate(year, month, day);
}

/** Days of each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether a day of the proleptic Gregorian (ISO) calendar exists, for years 0 to 9999. */
function dayExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number));
}

/**
 * Whether a text is a valid `YYYY-MM-DD` date, for schemas and quick checks.
 *
 * @example
 * ```ts
 * import { isIsoDate } from "@incasso/core";
 * isIsoDate("2024-02-29"); // true
 * isIsoDate("2023-02-29"); // false
 * ```
 */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  return dayExists(Number(match[1]), Number(match[2]), Number(match[3]));
}
