import { Temporal } from "temporal-polyfill";

/**
 * Days since 1970-01-01 of a calendar date, in integer arithmetic (the civil-from-days algorithm),
 * for hot loops that compare and subtract many dates.
 *
 * @internal
 */
export function toEpochDay(date: {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}): number {
  const year = date.year - (date.month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear =
    Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The calendar year of an epoch day.
 *
 * @internal
 */
export function yearOfEpochDay(epochDay: number): number {
  return civilOf(epochDay).year;
}

/**
 * The `Temporal.PlainDate` of an epoch day.
 *
 * @internal
 */
export function fromEpochDay(epochDay: number): Temporal.PlainDate {
  const { year, month, day } = civilOf(epochDay);
  return new Temporal.PlainDate(year, month, day);
}

function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The epoch day `years` years after an epoch day, with 29 February becoming 28 February in a common
 * year (as `addYears`), in integer arithmetic.
 *
 * @internal
 */
export function addYearsToEpochDay(epochDay: number, years: number): number {
  const { year, month, day } = civilOf(epochDay);
  const target = year + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return toEpochDay({ year: target, month, day: month === 2 && day === 29 && !leap ? 28 : day });
}
