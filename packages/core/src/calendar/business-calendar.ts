import { Temporal } from "temporal-polyfill";
import { fieldError, IncassoError } from "../errors/incasso-error.js";
import type {
  CalendarDefinition,
  HolidayRule,
  LocalizedName,
  ResolvedCalendarDefinition,
} from "./calendar-definition.js";
import { CALENDAR_YEARS, parseCalendarDefinition } from "./calendar-definition.js";
import { easterSunday } from "./easter-sunday.js";
import type { Holiday } from "./holiday.js";

/**
 * A business-day calendar: which days are business days, and why the others are not. Built from
 * a {@link CalendarDefinition} by {@link createCalendar}; immutable, and independent of every other
 * calendar (no global registry).
 *
 * @example
 * ```ts
 * import { beCalendar, parseIsoDate } from "@incasso/core";
 * const be = beCalendar();
 * be.isBusinessDay(parseIsoDate("2026-11-02")); // true: All Souls' Day is a working day
 * be.isBusinessDay(parseIsoDate("2026-11-11")); // false: Armistice
 * ```
 */
export interface BusinessCalendar {
  /** The calendar's id, such as `be` or `nl`. */
  readonly id: string;
  /** The calendar's name in nl, fr and en. */
  readonly names: LocalizedName;
  /** The validated definition the calendar was built from. */
  readonly definition: ResolvedCalendarDefinition;
  /** Whether the date is neither a weekend day nor a holiday. */
  isBusinessDay(date: Temporal.PlainDate): boolean;
  /** The holidays on a date (more than one when two rules fall on the same day). */
  holidaysOn(date: Temporal.PlainDate): readonly Holiday[];
  /** Every holiday of a year, in date order. */
  holidaysOf(year: number): readonly Holiday[];
}

/** @internal The calendars built by {@link createCalendar}, whose business days follow their definition exactly. */
export const builtCalendars = new WeakSet<BusinessCalendar>();

interface YearTable {
  readonly list: readonly Holiday[];
  readonly byDay: ReadonlyMap<number, readonly Holiday[]>;
}

/**
 * Builds a {@link BusinessCalendar} from a definition, validated with zod (`INVALID_INPUT` naming
 * the wrong field). Dates outside 1900–2200 are answered with `DATE_OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * import { createCalendar, parseIsoDate } from "@incasso/core";
 * const office = createCalendar({
 *   id: "office", names: { nl: "Kantoor", fr: "Bureau", en: "Office" }, weekend: [6, 7],
 *   source: "Firm policy", deadlineRule: "following",
 *   rules: [{ type: "fixed", month: 12, day: 24, kind: "closure", source: "Firm policy",
 *             names: { nl: "Kerstavond", fr: "Réveillon", en: "Christmas Eve" } }],
 * });
 * office.isBusinessDay(parseIsoDate("2026-12-24")); // false
 * ```
 */
export function createCalendar(definition: CalendarDefinition): BusinessCalendar {
  const resolved = parseCalendarDefinition(definition);
  const weekend = new Set(resolved.weekend);
  const years = new Map<number, YearTable>();
  const tableOf = (year: number): YearTable => {
    let table = years.get(year);
    if (table === undefined) {
      table = buildYear(resolved, year);
      years.set(year, table);
    }
    return table;
  };
  const holidaysOn = (date: Temporal.PlainDate): readonly Holiday[] => {
    assertSupported(date);
    return tableOf(date.year).byDay.get(date.dayOfYear) ?? [];
  };
  const calendar: BusinessCalendar = Object.freeze({
    id: resolved.id,
    names: resolved.names,
    definition: resolved,
    isBusinessDay: (date: Temporal.PlainDate) =>
      !weekend.has(date.dayOfWeek) && holidaysOn(date).length === 0,
    holidaysOn,
    holidaysOf: (year: number) => {
      if (!Number.isInteger(year) || year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
        throw fieldError(
          "DATE_OUT_OF_RANGE",
          "year",
          `expected a whole year from ${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last}`,
          year,
        );
      }
      return tableOf(year).list;
    },
  });
  builtCalendars.add(calendar);
  return calendar;
}

/**
 * A new calendar: `calendar` plus extra holiday rules, such as a firm's closures or a court's
 * vacation. The original calendar is not changed.
 *
 * @example
 * ```ts
 * import { beCalendar, parseIsoDate, withRules } from "@incasso/core";
 * const firm = withRules(beCalendar(), [{
 *   type: "range", start: "2026-12-24", end: "2026-12-31", kind: "closure", source: "Firm closure",
 *   names: { nl: "Kantoor gesloten", fr: "Bureau fermé", en: "Office closed" },
 * }]);
 * firm.isBusinessDay(parseIsoDate("2026-12-28")); // false
 * ```
 */
export function withRules(
  calendar: BusinessCalendar,
  rules: readonly HolidayRule[],
  id: string = calendar.id,
): BusinessCalendar {
  return createCalendar({
    ...calendar.definition,
    id,
    rules: [...calendar.definition.rules, ...rules],
  });
}

/** @internal Throws `DATE_OUT_OF_RANGE` for a date outside the supported years. */
export function assertSupported(date: Temporal.PlainDate): void {
  if (date.year < CALENDAR_YEARS.first || date.year > CALENDAR_YEARS.last) {
    throw new IncassoError(
      "DATE_OUT_OF_RANGE",
      `date: expected a date in the years ${CALENDAR_YEARS.first}-${CALENDAR_YEARS.last} (got: ${date.toString()})`,
    );
  }
}

function buildYear(definition: ResolvedCalendarDefinition, year: number): YearTable {
  const list: Holiday[] = [];
  const easter = easterSunday(year);
  for (const rule of definition.rules) {
    const base = { names: rule.names, kind: rule.kind, source: rule.source };
    switch (rule.type) {
      case "fixed":
        // A Sunday move can cross New Year, so the neighbouring years' dates are computed too.
        for (const ruleYear of [year - 1, year, year + 1]) {
          const date = fixedDate(rule, ruleYear);
          if (date !== undefined && date.year === year) list.push({ date, ...base });
        }
        break;
      case "easter":
        if (inForce(rule, year)) list.push({ date: easter.add({ days: rule.offset }), ...base });
        break;
      case "dated": {
        const date = Temporal.PlainDate.from(rule.date);
        if (date.year === year) list.push({ date, ...base });
        break;
      }
      case "range": {
        const start = Temporal.PlainDate.from(rule.start);
        const end = Temporal.PlainDate.from(rule.end);
        if (start.year > year || end.year < year) break;
        let day = start.year < year ? Temporal.PlainDate.from({ year, month: 1, day: 1 }) : start;
        while (Temporal.PlainDate.compare(day, end) <= 0 && day.year === year) {
          list.push({ date: day, ...base });
          day = day.add({ days: 1 });
        }
        break;
      }
    }
  }
  list.sort((a, b) => Temporal.PlainDate.compare(a.date, b.date));
  const byDay = new Map<number, Holiday[]>();
  for (const holiday of list) {
    const day = byDay.get(holiday.date.dayOfYear);
    if (day) day.push(holiday);
    else byDay.set(holiday.date.dayOfYear, [holiday]);
  }
  return { list, byDay };
}

function fixedDate(
  rule: {
    month: number;
    day: number;
    ifSunday?: number | undefined;
    from?: number | undefined;
    until?: number | undefined;
  },
  year: number,
): Temporal.PlainDate | undefined {
  if (!inForce(rule, year)) return undefined;
  const first = Temporal.PlainDate.from({ year, month: rule.month, day: 1 });
  if (rule.day > first.daysInMonth) return undefined; // 29 February outside leap years
  const date = first.with({ day: rule.day });
  return rule.ifSunday !== undefined && date.dayOfWeek === 7
    ? date.add({ days: rule.ifSunday })
    : date;
}

function inForce(
  rule: { from?: number | undefined; until?: number | undefined },
  year: number,
): boolean {
  return (
    (rule.from === undefined || year >= rule.from) &&
    (rule.until === undefined || year <= rule.until)
  );
}
