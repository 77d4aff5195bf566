import type { BusinessCalendar } from "@incasso/core";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments, UsageError } from "../options.js";

/**
 * The declaration of `incasso holidays`: its arguments and example.
 *
 * @example
 * ```ts
 * import { commandHelp, HOLIDAYS_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(HOLIDAYS_COMMAND));
 * ```
 */
export const HOLIDAYS_COMMAND: CommandSpec = {
  name: "holidays",
  summary: "the holidays of a calendar year, with their names and sources",
  arguments: [
    { name: "<be|nl>", description: "the calendar: Belgium or the Netherlands" },
    { name: "<year>", description: "the year, e.g. 2026" },
    { name: "[nl|fr|en]", description: "the language of the names (default en)" },
  ],
  options: [],
  example: "incasso holidays nl 2026 fr",
};

/**
 * The declaration of `incasso deadline`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { commandHelp, DEADLINE_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(DEADLINE_COMMAND));
 * ```
 */
export const DEADLINE_COMMAND: CommandSpec = {
  name: "deadline",
  summary:
    "a statutory deadline with its explanation (BE Judicial Code art. 52/53[/53bis], NL Algemene termijnenwet)",
  arguments: [
    { name: "<be|nl>", description: "the calendar and its law" },
    { name: "<YYYY-MM-DD>", description: "the day of the act (or of posting, with --posted)" },
    { name: "<days>", description: "the length of the term in days" },
  ],
  options: [
    {
      name: "posted",
      description: "Belgium: count from the third working day after posting (art. 53bis)",
    },
  ],
  example: "incasso deadline be 2026-04-02 15 --posted",
};

import {
  beCalendar,
  judicialCodeDeadlineAfterPosting,
  nlCalendar,
  parseIsoDate,
  statutoryDeadline,
} from "@incasso/core";

/**
 * The built-in calendar of a jurisdiction code (`be` or `nl`), or an error naming the argument.
 *
 * @example
 * ```ts
 * import { calendarById } from "@incasso/cli";
 * calendarById("nl").id; // "nl"
 * ```
 */
export function calendarById(id: string | undefined): BusinessCalendar {
  if (id === "be") return beCalendar();
  if (id === "nl") return nlCalendar();
  throw new UsageError(`calendar: expected be or nl (got: ${JSON.stringify(id ?? "")})`);
}

/**
 * The lines of `incasso holidays <be|nl> <year> [nl|fr|en]`: each holiday's date, weekday, name
 * and source.
 *
 * @example
 * ```ts
 * import { holidaysCommand } from "@incasso/cli";
 * holidaysCommand(["be", "2026", "fr"]).length; // 10
 * ```
 */
export function holidaysCommand(args: readonly string[]): string[] {
  return holidaysLines(parseArguments(HOLIDAYS_COMMAND, args));
}

/** {@link holidaysCommand} on arguments already parsed. */
export function holidaysLines(parsed: ParsedArguments): string[] {
  const [id, yearText, language = "en"] = parsed.positionals;
  const calendar = calendarById(id);
  const year = Number(yearText);
  if (language !== "nl" && language !== "fr" && language !== "en") {
    throw new UsageError(`language: expected nl, fr or en (got: ${JSON.stringify(language)})`);
  }
  const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return calendar
    .holidaysOf(yearText !== undefined && /^\d{4}$/.test(yearText) ? year : Number.NaN)
    .map(
      (holiday) =>
        `${holiday.date.toString()} ${weekdays[holiday.date.dayOfWeek - 1]}  ${holiday.names[language]}  (${holiday.source})`,
    );
}

/**
 * The lines of `incasso deadline <be|nl> <date> <days> [--posted]`: the statutory deadline of the
 * calendar's jurisdiction, with its explanation. `--posted` (Belgium) counts from the third
 * working day after posting.
 *
 * @example
 * ```ts
 * import { deadlineCommand } from "@incasso/cli";
 * deadlineCommand(["be", "2026-07-06", "15"])[0]; // "expiry 2026-07-22 (BE Judicial Code art. 52 and 53)"
 * ```
 */
export function deadlineCommand(args: readonly string[]): string[] {
  return deadlineLines(parseArguments(DEADLINE_COMMAND, args));
}

/** {@link deadlineCommand} on arguments already parsed. */
export function deadlineLines(parsed: ParsedArguments): string[] {
  const [id, dateText = "", daysText = ""] = parsed.positionals;
  const calendar = calendarById(id);
  const date = parseIsoDate(dateText, "date");
  if (!/^\d+$/.test(daysText))
    throw new UsageError(
      `days: expected a whole number of days (got: ${JSON.stringify(daysText)})`,
    );
  const days = Number(daysText);
  const deadline = parsed.flag("posted")
    ? judicialCodeDeadlineAfterPosting(calendar, date, days)
    : statutoryDeadline(calendar, date, days);
  const lines = [
    `expiry ${deadline.expiry.toString()} (${deadline.rule})`,
    `period ${deadline.start.toString()} .. ${deadline.nominalExpiry.toString()} (${days} days from ${deadline.trigger.toString()})`,
  ];
  for (const day of deadline.skipped) {
    lines.push(
      `extended over ${day.date.toString()}: ${day.holidays.map((h) => h.names.en).join(", ") || "weekend"}`,
    );
  }
  for (const note of deadline.notes) lines.push(`note: ${note}`);
  return lines;
}
