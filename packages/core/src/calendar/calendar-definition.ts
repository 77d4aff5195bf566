import { z } from "zod";
import { fromZodError } from "../errors/from-zod-error.js";
import { jsonFields } from "../validation/json-primitives.js";

/**
 * The first and last year the calendars support; every calendar operation answers dates outside
 * them with `DATE_OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * import { CALENDAR_YEARS } from "@incasso/core";
 * CALENDAR_YEARS.last; // 2200
 * ```
 */
export const CALENDAR_YEARS = { first: 1900, last: 2200 } as const;

const year = z.number().int().min(CALENDAR_YEARS.first).max(CALENDAR_YEARS.last);
const { isoDate } = jsonFields;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Zod schema of a name in the three languages of our letters.
 *
 * @example
 * ```ts
 * import { localizedNameSchema } from "@incasso/core";
 * localizedNameSchema.parse({ nl: "Kerstmis", fr: "Noël", en: "Christmas Day" });
 * ```
 */
export const localizedNameSchema = z.object({
  nl: z.string().min(1),
  fr: z.string().min(1),
  en: z.string().min(1),
});

/**
 * A name in Dutch, French and English.
 *
 * @example
 * ```ts
 * import type { LocalizedName } from "@incasso/core";
 * const name: LocalizedName = { nl: "Nieuwjaar", fr: "Jour de l'An", en: "New Year's Day" };
 * ```
 */
export type LocalizedName = z.infer<typeof localizedNameSchema>;

const common = {
  names: localizedNameSchema,
  source: z.string().min(1),
  kind: z.enum(["statutory", "assimilated", "closure"]).default("statutory"),
};
const validity = { from: year.optional(), until: year.optional() };

/**
 * Zod schema of one holiday rule:
 * - `fixed`: the same day every year (`ifSunday` moves it that many days when it falls on a Sunday);
 * - `easter`: a day at `offset` days from Easter Sunday;
 * - `dated`: one given date (a decree day, a firm closure);
 * - `range`: every day from `start` through `end` (a closure period).
 * `from`/`until` limit a yearly rule to the years it was in force.
 *
 * @example
 * ```ts
 * import { holidayRuleSchema } from "@incasso/core";
 * holidayRuleSchema.parse({
 *   type: "easter", offset: 1, source: "Law of 4 January 1974",
 *   names: { nl: "Paasmaandag", fr: "Lundi de Pâques", en: "Easter Monday" },
 * });
 * ```
 */
export const holidayRuleSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("fixed"),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      ifSunday: z.number().int().min(-6).max(6).optional(),
      ...common,
      ...validity,
    })
    .refine((rule) => rule.day <= (DAYS_IN_MONTH[rule.month - 1] ?? 31), {
      message: "expected a day that exists in that month",
      path: ["day"],
    }),
  z.object({
    type: z.literal("easter"),
    offset: z.number().int().min(-70).max(70),
    ...common,
    ...validity,
  }),
  z.object({ type: z.literal("dated"), date: isoDate, ...common }),
  z
    .object({ type: z.literal("range"), start: isoDate, end: isoDate, ...common })
    .refine((rule) => rule.start <= rule.end, {
      message: "expected end on or after start",
      path: ["end"],
    }),
]);

/**
 * One holiday rule of a calendar (see {@link holidayRuleSchema}).
 *
 * @example
 * ```ts
 * import type { HolidayRule } from "@incasso/core";
 * const firmClosure: HolidayRule = {
 *   type: "dated", date: "2026-12-24", kind: "closure", source: "Firm policy 2026",
 *   names: { nl: "Kantoor gesloten", fr: "Bureau fermé", en: "Office closed" },
 * };
 * ```
 */
export type HolidayRule = z.input<typeof holidayRuleSchema>;

/**
 * How a deadline that expires on a non-business day is extended:
 * - `be.judicial-code`: Judicial Code art. 52/53, to the next working day;
 * - `nl.termijnenwet`: Algemene termijnenwet art. 1 and 2;
 * - `following`: to the next business day, with no other rule.
 *
 * @example
 * ```ts
 * import type { DeadlineRule } from "@incasso/core";
 * const rule: DeadlineRule = "nl.termijnenwet";
 * ```
 */
export type DeadlineRule = "be.judicial-code" | "nl.termijnenwet" | "following";

/**
 * Zod schema of a calendar definition: the data a {@link BusinessCalendar} is built from.
 *
 * @example
 * ```ts
 * import { calendarDefinitionSchema } from "@incasso/core";
 * calendarDefinitionSchema.parse({
 *   id: "firm", names: { nl: "Kantoor", fr: "Bureau", en: "Office" },
 *   weekend: [6, 7], rules: [], source: "Firm policy", deadlineRule: "following",
 * });
 * ```
 */
export const calendarDefinitionSchema = z.object({
  id: z.string().min(1),
  names: localizedNameSchema,
  weekend: z
    .array(z.number().int().min(1).max(7))
    .max(6, { message: "expected at most 6 weekend days: a calendar needs a business day" })
    .refine((days) => new Set(days).size === days.length, {
      message: "expected no repeated weekday",
    }),
  rules: z.array(holidayRuleSchema),
  source: z.string().min(1),
  deadlineRule: z.enum(["be.judicial-code", "nl.termijnenwet", "following"]),
  datedDataThrough: year.optional(),
});

/**
 * The data a {@link BusinessCalendar} is built from: weekend days, holiday rules with sources,
 * the deadline rule, and `datedDataThrough`, the last year for which dated entries (decree days)
 * are known.
 *
 * @example
 * ```ts
 * import { beCalendarDefinition, type CalendarDefinition } from "@incasso/core";
 * const definition: CalendarDefinition = beCalendarDefinition;
 * ```
 */
export type CalendarDefinition = z.input<typeof calendarDefinitionSchema>;

/**
 * A calendar definition after validation, with defaults filled in (every rule has its `kind`).
 *
 * @example
 * ```ts
 * import { beCalendar, type ResolvedCalendarDefinition } from "@incasso/core";
 * const definition: ResolvedCalendarDefinition = beCalendar().definition;
 * ```
 */
export type ResolvedCalendarDefinition = z.output<typeof calendarDefinitionSchema>;

/**
 * Validates a calendar definition, answering bad input with an `INVALID_INPUT` error that names
 * every wrong field.
 *
 * @example
 * ```ts
 * import { nlCalendarDefinition, parseCalendarDefinition } from "@incasso/core";
 * parseCalendarDefinition(nlCalendarDefinition).id; // "nl"
 * ```
 */
export function parseCalendarDefinition(input: unknown): ResolvedCalendarDefinition {
  const result = calendarDefinitionSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "calendar");
  return result.data;
}
