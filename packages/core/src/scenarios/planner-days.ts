import { Temporal } from "temporal-polyfill";
import { addBusinessDays } from "../calendar/add-business-days.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { shiftDate } from "../calendar/shift-date.js";
import { toEpochDay } from "../dates/epoch-day.js";
import { dateOf } from "../statement/engine/engine-state.js";

// The scenario planner and the agenda work on epoch days (integers): dates of events are read
// digit by digit, business-day arithmetic is memoised per calendar, and `Temporal.PlainDate`s are
// made only for the fields of the result (from the memo of dates shared with the statement).

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The epoch day of an ISO date (`YYYY-MM-DD`, as events carry them), read digit by digit; any
 * other form, or a day the month does not have, goes through Temporal (which refuses it as
 * `Temporal.PlainDate.from` always did).
 *
 * @internal
 */
export function isoDay(text: string): number {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    if (
      year >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      (day <= 28 || day <= daysInMonth(year, month))
    )
      return toEpochDay({ year, month, day });
  }
  return toEpochDay(Temporal.PlainDate.from(text));
}

/** The number written by `length` decimal digits of `text` from `at`, or -1 if one is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let index = at; index < at + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Business-day arithmetic of the calendars, memoised per calendar on epoch days. */
const calendarMemo = new WeakMap<BusinessCalendar, Map<number, number>>();
const MEMO_LIMIT = 100_000;
function memoOf(calendar: BusinessCalendar): Map<number, number> {
  let memo = calendarMemo.get(calendar);
  if (memo === undefined) {
    memo = new Map();
    calendarMemo.set(calendar, memo);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  return memo;
}

/**
 * `addBusinessDays` on an epoch day.
 *
 * @internal
 */
export function businessDaysLater(calendar: BusinessCalendar, day: number, days: number): number {
  if (days < 0 || days >= 1024) return toEpochDay(addBusinessDays(calendar, dateOf(day), days));
  const memo = memoOf(calendar);
  const key = day * 2048 + days;
  let result = memo.get(key);
  if (result === undefined) {
    result = toEpochDay(addBusinessDays(calendar, dateOf(day), days));
    memo.set(key, result);
  }
  return result;
}

/**
 * `shiftDate` to the preceding or following business day, on an epoch day.
 *
 * @internal
 */
export function shiftedDay(calendar: BusinessCalendar, day: number, preceding: boolean): number {
  const memo = memoOf(calendar);
  const key = day * 2048 + (preceding ? 2046 : 2047);
  let result = memo.get(key);
  if (result === undefined) {
    result = toEpochDay(shiftDate(calendar, dateOf(day), preceding ? "preceding" : "following"));
    memo.set(key, result);
  }
  return result;
}
