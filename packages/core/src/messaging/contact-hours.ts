import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { parseInput } from "../errors/from-zod-error.js";

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "expected a time of day as HH:MM (24 hours)" });

/**
 * Zod schema of a {@link ContactHoursPolicy}, every field optional with the default named there.
 *
 * @example
 * ```ts
 * import { contactHoursPolicySchema } from "@incasso/core";
 * contactHoursPolicySchema.parse({ quietFrom: "21:00", saturdays: false }).quietUntil; // "07:00"
 * ```
 */
export const contactHoursPolicySchema = z.strictObject({
  quietFrom: clock.default("20:00"),
  quietUntil: clock.default("07:00"),
  sundays: z.boolean().default(false),
  saturdays: z.boolean().default(true),
  holidays: z.boolean().default(false),
  cap: z
    .strictObject({
      contacts: z.number().int().min(1, { message: "expected at least 1 contact" }).max(100),
      days: z.number().int().min(1, { message: "expected a period of at least 1 day" }).max(366),
    })
    .nullable()
    .default({ contacts: 3, days: 7 }),
});

/**
 * When automatic messages (e-mail, SMS) may reach a debtor, in the debtor's own time zone. Each
 * value is a policy the firm sets; the defaults and where they come from:
 *
 * - `quietFrom` / `quietUntil` (default `20:00` to `07:00`): no message in between. The Dutch
 *   Besluit kwaliteit incassodienstverlening (Stb. 2024, 44, in force 1 April 2024, under art. 13
 *   of the Wet kwaliteit incassodienstverlening) sets the standards of conduct towards debtors
 *   (its paragraph on the treatment of debtors, art. 4.2); Dutch collection software applies
 *   it as a block on automatic e-mail and SMS from 20:00 to 07:00 and on holidays (Praclox
 *   OthoMatic, in the project's domain notes). The exact hours were not verified against the
 *   article's text here: set them to what the firm's counsel reads there. Belgium has no
 *   statutory hours for amicable collection by e-mail (the Wet van 20 december 2002 / Book XIX
 *   of the Code of Economic Law forbids misleading and harassing collection, not hours);
 *   the same hours are used as the firm's practice.
 * - `sundays` (default `false`: none on Sundays) and `holidays` (default `false`: none on the
 *   holidays of the business calendar, statutory or a firm's closures): the same sources.
 * - `saturdays` (default `true`): Saturdays are allowed unless the firm says otherwise.
 * - `cap` (default 3 contacts in a rolling 7 days, `null` for none): no statutory number was
 *   found; harassment is what the Wki and Book XIX (art. XIX.2-XIX.4) forbid. The default follows
 *   collection practice (lago-dunning caps at 2 a week with a 48-hour cool-down); an instalment
 *   plan's reminders before, on and after a due date fit in 3.
 *
 * @example
 * ```ts
 * import type { ContactHoursPolicy } from "@incasso/core";
 * const policy: ContactHoursPolicy = { quietFrom: "20:00", quietUntil: "07:00", sundays: false, saturdays: true, holidays: false, cap: { contacts: 3, days: 7 } };
 * ```
 */
export type ContactHoursPolicy = z.output<typeof contactHoursPolicySchema>;

/**
 * The default {@link ContactHoursPolicy}: quiet from 20:00 to 07:00, none on Sundays or holidays,
 * Saturdays allowed, at most 3 contacts in a rolling 7 days.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONTACT_HOURS } from "@incasso/core";
 * DEFAULT_CONTACT_HOURS.quietFrom; // "20:00"
 * ```
 */
export const DEFAULT_CONTACT_HOURS: ContactHoursPolicy = Object.freeze(
  contactHoursPolicySchema.parse({}),
);

/**
 * A {@link ContactHoursPolicy} from a partial one, validated (`INVALID_INPUT` naming
 * `policy.<field>`), the rest from the defaults.
 *
 * @example
 * ```ts
 * import { contactHoursPolicy } from "@incasso/core";
 * contactHoursPolicy({ saturdays: false, cap: { contacts: 2, days: 7 } }).quietFrom; // "20:00"
 * ```
 */
export function contactHoursPolicy(input: unknown = {}): ContactHoursPolicy {
  return parseInput(contactHoursPolicySchema, input, "policy");
}

/**
 * What {@link nextLawfulMoment} needs of the debtor: the IANA time zone the hours are read in,
 * the business calendar whose holidays count, and the instants of the debtor's recent contacts
 * (for the cap; those after the moment asked about do not count).
 *
 * @example
 * ```ts
 * import { nlCalendar, type ContactSituation } from "@incasso/core";
 * const situation: ContactSituation = { timeZone: "Europe/Amsterdam", calendar: nlCalendar(), recentContacts: [] };
 * ```
 */
export interface ContactSituation {
  readonly timeZone: string;
  readonly calendar: BusinessCalendar;
  readonly recentContacts: readonly Temporal.Instant[];
}

/**
 * The answer of {@link nextLawfulMoment}: the moment, and why it is later than asked (`null` when
 * the moment asked about is lawful).
 *
 * @example
 * ```ts
 * import type { LawfulMoment } from "@incasso/core";
 * const waits = (moment: LawfulMoment) => moment.reason !== null;
 * ```
 */
export interface LawfulMoment {
  readonly at: Temporal.Instant;
  readonly reason: string | null;
}

/**
 * Why a moment is not lawful under the policy, or `null` when it is: the day (Sunday, Saturday,
 * a holiday of the calendar), the hour (quiet hours) read on the wall clock of `timeZone`, or the
 * cap (as many contacts as allowed in the rolling period ending at the moment).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONTACT_HOURS, beCalendar, contactBlock, Temporal } from "@incasso/core";
 * contactBlock(Temporal.Instant.from("2026-02-02T20:30:00Z"), { timeZone: "Europe/Brussels", calendar: beCalendar(), recentContacts: [] }, DEFAULT_CONTACT_HOURS);
 * // "quiet hours 20:00-07:00 in Europe/Brussels"
 * ```
 */
export function contactBlock(
  at: Temporal.Instant,
  situation: ContactSituation,
  policy: ContactHoursPolicy,
): string | null {
  const local = at.toZonedDateTimeISO(situation.timeZone);
  const day = dayBlock(local.toPlainDate(), situation.calendar, policy);
  if (day !== null) return day;
  if (isQuiet(local.toPlainTime(), policy))
    return `quiet hours ${policy.quietFrom}-${policy.quietUntil} in ${situation.timeZone}`;
  const capped = capRelease(at, situation.recentContacts, policy);
  if (capped !== null)
    return `cap of ${policy.cap?.contacts} contacts in ${policy.cap?.days} days reached`;
  return null;
}

/**
 * The earliest moment at or after `now` at which an automatic message may reach the debtor under
 * the policy: not in quiet hours on the wall clock of the debtor's time zone, not on a Sunday, a
 * holiday of the calendar (or a Saturday, when the policy says so), and not while the debtor had
 * as many contacts as the cap allows in the rolling period (a period of `days` × 24 hours ending
 * at the moment). Computed on `Temporal.ZonedDateTime`, so a day with a daylight-saving change
 * is read as the debtor lives it: a quiet hour's end that falls in the skipped hour (02:00-03:00
 * in late March in Europe) moves to the first instant after the gap, and the repeated hour in
 * late October is quiet both times. `reason` says what moved the moment (the first rule that
 * did), or is `null` when `now` is lawful.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONTACT_HOURS, beCalendar, nextLawfulMoment, Temporal } from "@incasso/core";
 * const { at, reason } = nextLawfulMoment(Temporal.Instant.from("2026-03-28T20:30:00Z"),
 *   { timeZone: "Europe/Brussels", calendar: beCalendar(), recentContacts: [] }, DEFAULT_CONTACT_HOURS);
 * at.toString(); // "2026-03-30T05:00:00Z": Monday 07:00 in Brussels, summer time
 * reason; // "quiet hours 20:00-07:00 in Europe/Brussels"
 * ```
 */
export function nextLawfulMoment(
  now: Temporal.Instant,
  situation: ContactSituation,
  policy: ContactHoursPolicy = DEFAULT_CONTACT_HOURS,
): LawfulMoment {
  const { timeZone, calendar } = situation;
  const start =
    policy.quietUntil === policy.quietFrom ? null : Temporal.PlainTime.from(policy.quietUntil);
  let at = now;
  let reason: string | null = null;
  // Each turn moves forward to the next day's start, the quiet hours' end, or the cap's release;
  // a policy that allows no day at all (a calendar of holidays only) ends in the guard.
  for (let turn = 0; turn < 3000; turn++) {
    const local = at.toZonedDateTimeISO(timeZone);
    const date = local.toPlainDate();
    const day = dayBlock(date, calendar, policy);
    if (day !== null) {
      reason ??= day;
      // The next day's first instant; its quiet hours, if any, are the next turn's.
      at = date.add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant();
      continue;
    }
    const time = local.toPlainTime();
    if (start !== null && isQuiet(time, policy)) {
      reason ??= `quiet hours ${policy.quietFrom}-${policy.quietUntil} in ${timeZone}`;
      // Quiet until quietUntil: later today when it is still ahead, else tomorrow.
      const endDate = Temporal.PlainTime.compare(time, start) < 0 ? date : date.add({ days: 1 });
      at = wallClockStart(endDate, start, timeZone);
      continue;
    }
    const release = capRelease(at, situation.recentContacts, policy);
    if (release !== null) {
      reason ??= `cap of ${policy.cap?.contacts} contacts in ${policy.cap?.days} days reached`;
      at = release;
      continue;
    }
    return { at, reason };
  }
  throw new RangeError(
    `no lawful moment within 3000 steps of ${now.toString()} in ${timeZone}: the policy and calendar allow no day`,
  );
}

/**
 * The first instant of a date whose wall-clock time is at or after `time`: that time itself (the
 * first of the two in a repeated hour), or, when it falls in a skipped hour, the end of the gap.
 */
function wallClockStart(
  date: Temporal.PlainDate,
  time: Temporal.PlainTime,
  timeZone: string,
): Temporal.Instant {
  const wall = date.toPlainDateTime(time);
  // "compatible": the first of a repeated hour's two instants, or one past a gap.
  const compatible = wall.toZonedDateTime(timeZone);
  if (compatible.toPlainDateTime().equals(wall)) return compatible.toInstant();
  // In a gap the wall clock jumps over `time`: the first instant at or after it ends the gap.
  const beforeGap = wall.toZonedDateTime(timeZone, { disambiguation: "earlier" });
  return (beforeGap.getTimeZoneTransition("next") ?? compatible).toInstant();
}

/** Whether a wall-clock time lies in the quiet hours (from quietFrom up to, not including, quietUntil). */
function isQuiet(time: Temporal.PlainTime, policy: ContactHoursPolicy): boolean {
  const from = Temporal.PlainTime.from(policy.quietFrom);
  const until = Temporal.PlainTime.from(policy.quietUntil);
  const order = Temporal.PlainTime.compare(from, until);
  if (order === 0) return false;
  const afterFrom = Temporal.PlainTime.compare(time, from) >= 0;
  const beforeUntil = Temporal.PlainTime.compare(time, until) < 0;
  // Over midnight (20:00-07:00) or within one day (12:00-14:00).
  return order > 0 ? afterFrom || beforeUntil : afterFrom && beforeUntil;
}

/** Why a whole day is closed to contact, or null. */
function dayBlock(
  date: Temporal.PlainDate,
  calendar: BusinessCalendar,
  policy: ContactHoursPolicy,
): string | null {
  if (date.dayOfWeek === 7 && !policy.sundays) return `no contact on Sunday ${date.toString()}`;
  if (date.dayOfWeek === 6 && !policy.saturdays) return `no contact on Saturday ${date.toString()}`;
  if (!policy.holidays) {
    const [holiday] = calendar.holidaysOn(date);
    if (holiday !== undefined)
      return `no contact on ${holiday.names.en} ${date.toString()} (${calendar.id})`;
  }
  return null;
}

/**
 * When the cap is reached at `at`, the instant it is released (the oldest contact that has to
 * leave the rolling period has left it); null when a contact is allowed at `at`.
 */
function capRelease(
  at: Temporal.Instant,
  contacts: readonly Temporal.Instant[],
  policy: ContactHoursPolicy,
): Temporal.Instant | null {
  const cap = policy.cap;
  if (cap === null) return null;
  const period = { hours: cap.days * 24 };
  const windowStart = at.subtract(period);
  const inWindow = contacts
    .filter(
      (contact) =>
        Temporal.Instant.compare(contact, windowStart) > 0 &&
        Temporal.Instant.compare(contact, at) <= 0,
    )
    .sort(Temporal.Instant.compare);
  if (inWindow.length < cap.contacts) return null;
  // At release the oldest `inWindow.length - cap.contacts + 1` contacts have left the period.
  const leaving = inWindow[inWindow.length - cap.contacts] as Temporal.Instant;
  return leaving.add(period);
}
