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
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
  } catch {
    throw fieldError("INVALID_DATE", field, "expected a day that exists in the calendar", text);
  }
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
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}
