import { Temporal } from "temporal-polyfill";
import { fieldError } from "../errors/incasso-error.js";
import { addBusinessDays } from "./add-business-days.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { assertSupported } from "./business-calendar.js";
import type { Holiday } from "./holiday.js";
import { step } from "./shift-date.js";

/**
 * A day a deadline was moved over, and why it is not a business day.
 *
 * @example
 * ```ts
 * import { beCalendar, judicialCodeDeadline, parseIsoDate, type SkippedDay } from "@incasso/core";
 * const skipped: readonly SkippedDay[] = judicialCodeDeadline(beCalendar(), parseIsoDate("2026-07-06"), 15).skipped;
 * skipped[0]?.holidays[0]?.names.nl; // "Nationale feestdag"
 * ```
 */
export interface SkippedDay {
  readonly date: Temporal.PlainDate;
  /** Whether the day is a weekend day of the calendar. */
  readonly weekend: boolean;
  /** The holidays on the day, if any. */
  readonly holidays: readonly Holiday[];
}

/**
 * A computed deadline with its explanation: which rule applied, when the period started, when it
 * would have expired, which days it was extended over, and notes on the data used.
 *
 * @example
 * ```ts
 * import { beCalendar, judicialCodeDeadline, parseIsoDate, type Deadline } from "@incasso/core";
 * const deadline: Deadline = judicialCodeDeadline(beCalendar(), parseIsoDate("2026-07-06"), 15);
 * deadline.expiry.toString(); // "2026-07-22"
 * ```
 */
export interface Deadline {
  /** The legal rule applied, citable in a letter. */
  readonly rule: string;
  /** The act, event or (deemed) notification the period runs from. */
  readonly trigger: Temporal.PlainDate;
  /** The first day of the period: the day after the trigger. */
  readonly start: Temporal.PlainDate;
  /** The length of the period in days. */
  readonly days: number;
  /** The expiry day before any extension: trigger + days. */
  readonly nominalExpiry: Temporal.PlainDate;
  /** The last day of the period, the expiry day included. */
  readonly expiry: Temporal.PlainDate;
  /** The days the expiry was moved over. */
  readonly skipped: readonly SkippedDay[];
  /** Remarks a clerk should see (for example the limit of the known decree days). */
  readonly notes: readonly string[];
}

/**
 * Options of {@link termijnenwetDeadline}.
 *
 * @example
 * ```ts
 * import type { TermijnenwetOptions } from "@incasso/core";
 * const options: TermijnenwetOptions = { longPeriodLimit: 90 };
 * ```
 */
export interface TermijnenwetOptions {
  /**
   * ATW art. 4 excludes long periods from the extension; secondary sources put the limit at
   * periods longer than 90 days (see docs/business-days.md). When set, a period of more days than
   * this is not extended. Not set by default: every period is extended.
   */
  readonly longPeriodLimit?: number;
}

/**
 * A Belgian procedural deadline under Judicial Code art. 52 and 53: the period runs from the day
 * after the act, the expiry day is included, and an expiry on a Saturday, Sunday or legal holiday
 * moves to the next working day. (Art. 53 applies to procedural acts, not to limitation periods.)
 *
 * @param act - the day of the act or event that starts the period
 * @param days - the length of the period in days
 * @example
 * ```ts
 * import { beCalendar, judicialCodeDeadline, parseIsoDate } from "@incasso/core";
 * // 15 days from 6 July 2026 end on 21 July, the National Day, so on 22 July.
 * judicialCodeDeadline(beCalendar(), parseIsoDate("2026-07-06"), 15).expiry.toString(); // "2026-07-22"
 * ```
 */
export function judicialCodeDeadline(
  calendar: BusinessCalendar,
  act: Temporal.PlainDate,
  days: number,
): Deadline {
  const nominal = nominalExpiry(act, days);
  const expiry = step(calendar, nominal, 1);
  return explain(calendar, "BE Judicial Code art. 52 and 53", act, days, nominal, expiry, []);
}

/**
 * The day a letter counts as notified under Judicial Code art. 53bis: the third working day after
 * the day it was handed to the postal services (Saturdays, Sundays and legal holidays are not
 * working days).
 *
 * @example
 * ```ts
 * import { beCalendar, parseIsoDate, postalNotificationDate } from "@incasso/core";
 * // Posted on Thursday 2 April 2026: Friday 3, Tuesday 7 (after Easter Monday), Wednesday 8.
 * postalNotificationDate(beCalendar(), parseIsoDate("2026-04-02")).toString(); // "2026-04-08"
 * ```
 */
export function postalNotificationDate(
  calendar: BusinessCalendar,
  posted: Temporal.PlainDate,
): Temporal.PlainDate {
  return addBusinessDays(calendar, posted, 3);
}

/**
 * A Belgian deadline for a period notified by letter: it runs from the third working day after
 * posting (Judicial Code art. 53bis), then as {@link judicialCodeDeadline}.
 *
 * @example
 * ```ts
 * import { beCalendar, judicialCodeDeadlineAfterPosting, parseIsoDate } from "@incasso/core";
 * const deadline = judicialCodeDeadlineAfterPosting(beCalendar(), parseIsoDate("2026-04-02"), 15);
 * deadline.trigger.toString(); // "2026-04-08"
 * deadline.expiry.toString(); // "2026-04-23"
 * ```
 */
export function judicialCodeDeadlineAfterPosting(
  calendar: BusinessCalendar,
  posted: Temporal.PlainDate,
  days: number,
): Deadline {
  const notified = postalNotificationDate(calendar, posted);
  const nominal = nominalExpiry(notified, days);
  const expiry = step(calendar, nominal, 1);
  return explain(
    calendar,
    "BE Judicial Code art. 53bis, 52 and 53",
    notified,
    days,
    nominal,
    expiry,
    [
      `posted on ${posted.toString()}; notified on the third working day after posting, ${notified.toString()}`,
    ],
  );
}

/**
 * A Dutch statutory deadline under the Algemene termijnenwet: art. 1 extends a period that ends on
 * a Saturday, Sunday or recognised holiday to the next day that is none of these; art. 2 extends a
 * period of three days or more until it contains at least two such days (the first day not
 * counted). The ATW applies to periods set by statute, not to contractual ones.
 *
 * @param start - the day the period runs from (the period starts the day after)
 * @param days - the length of the period in days
 * @example
 * ```ts
 * import { nlCalendar, parseIsoDate, termijnenwetDeadline } from "@incasso/core";
 * // 3 days from Maundy Thursday 2026: Good Friday, Saturday, Sunday; Easter Monday follows.
 * termijnenwetDeadline(nlCalendar(), parseIsoDate("2026-04-02"), 3).expiry.toString(); // "2026-04-08"
 * ```
 */
export function termijnenwetDeadline(
  calendar: BusinessCalendar,
  start: Temporal.PlainDate,
  days: number,
  options: TermijnenwetOptions = {},
): Deadline {
  const nominal = nominalExpiry(start, days);
  const notes: string[] = [];
  if (options.longPeriodLimit !== undefined && days > options.longPeriodLimit) {
    notes.push(
      `not extended: ATW art. 4 excludes periods longer than ${options.longPeriodLimit} days`,
    );
    return explain(
      calendar,
      "NL Algemene termijnenwet art. 4",
      start,
      days,
      nominal,
      nominal,
      notes,
    );
  }
  if (days > 90)
    notes.push("ATW art. 4 may exclude periods longer than 90 days from the extension");
  let expiry = step(calendar, nominal, 1);
  let rule = "NL Algemene termijnenwet art. 1";
  if (days >= 3) {
    const twoBusinessDays = addBusinessDays(calendar, start, 2);
    if (Temporal.PlainDate.compare(twoBusinessDays, expiry) > 0) {
      expiry = twoBusinessDays;
      rule = "NL Algemene termijnenwet art. 1 and 2";
    }
  }
  return explain(calendar, rule, start, days, nominal, expiry, notes);
}

/**
 * The statutory deadline of a calendar's own jurisdiction, by its `deadlineRule`: Judicial Code
 * art. 52/53 for `be`, the Algemene termijnenwet for `nl`, the next business day otherwise. This is
 * the `deadline` operation of the calendar vectors.
 *
 * @example
 * ```ts
 * import { beCalendar, parseIsoDate, statutoryDeadline } from "@incasso/core";
 * statutoryDeadline(beCalendar(), parseIsoDate("2026-07-06"), 15).expiry.toString(); // "2026-07-22"
 * ```
 */
export function statutoryDeadline(
  calendar: BusinessCalendar,
  date: Temporal.PlainDate,
  days: number,
): Deadline {
  switch (calendar.definition.deadlineRule) {
    case "be.judicial-code":
      return judicialCodeDeadline(calendar, date, days);
    case "nl.termijnenwet":
      return termijnenwetDeadline(calendar, date, days);
    case "following": {
      const nominal = nominalExpiry(date, days);
      return explain(
        calendar,
        `next business day (${calendar.id})`,
        date,
        days,
        nominal,
        step(calendar, nominal, 1),
        [],
      );
    }
  }
}

function nominalExpiry(trigger: Temporal.PlainDate, days: number): Temporal.PlainDate {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw fieldError("INVALID_INPUT", "days", "expected a period of 1 day or more", days);
  }
  assertSupported(trigger);
  const nominal = trigger.add({ days });
  assertSupported(nominal);
  return nominal;
}

function explain(
  calendar: BusinessCalendar,
  rule: string,
  trigger: Temporal.PlainDate,
  days: number,
  nominal: Temporal.PlainDate,
  expiry: Temporal.PlainDate,
  notes: string[],
): Deadline {
  const skipped: SkippedDay[] = [];
  for (let day = nominal; Temporal.PlainDate.compare(day, expiry) < 0; day = day.add({ days: 1 })) {
    if (!calendar.isBusinessDay(day)) {
      skipped.push({
        date: day,
        weekend: calendar.definition.weekend.includes(day.dayOfWeek),
        holidays: calendar.holidaysOn(day),
      });
    }
  }
  const through = calendar.definition.datedDataThrough;
  if (through !== undefined && expiry.year > through) {
    notes.push(
      `the ${calendar.id} calendar knows dated holidays (decree days) through ${through} only`,
    );
  }
  return {
    rule,
    trigger,
    start: trigger.add({ days: 1 }),
    days,
    nominalExpiry: nominal,
    expiry,
    skipped,
    notes,
  };
}
