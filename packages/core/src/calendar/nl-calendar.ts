import type { BusinessCalendar } from "./business-calendar.js";
import { createCalendar } from "./business-calendar.js";
import type { CalendarDefinition, HolidayRule } from "./calendar-definition.js";

const ATW = "NL Algemene termijnenwet art. 3 lid 1";
const ATW_GOOD_FRIDAY = "NL Algemene termijnenwet art. 3 lid 2 (Goede Vrijdag gelijkgesteld)";
const KINGS_DAY =
  "NL Besluit van 30 januari 2013, Stcrt. 2013, 4075 (27 april Koningsdag, behoudens zondagen)";
const QUEENS_DAY_1980 =
  "NL KB 24 april 1980, nr. 11, BWBR0031338 (30 april Koninginnedag, behoudens zondagen)";
const QUEENS_DAY_1949 =
  "NL Koninginnedag 30 april since 1949 (Nota van toelichting, Stcrt. 2013, 4075); the Sunday move to 1 May before 1980 is UNCONFIRMED";
const DECREE_2016 = "NL Besluit van 24 oktober 2016, BWBR0038666 (ATW art. 3 lid 3)";
const DECREE_2023_2028 =
  "NL besluiten gelijkstelling ATW art. 3 lid 3 (2023-2028), see docs/business-days.md";

const decreeNames = {
  nl: "Met een feestdag gelijkgestelde dag",
  fr: "Jour assimilé à un jour férié",
  en: "Day made equal to a public holiday",
};

const decreeDays = (dates: readonly string[], source: string): HolidayRule[] =>
  dates.map((date) => ({ type: "dated", date, kind: "assimilated", source, names: decreeNames }));

/**
 * The Dutch calendar as data: Saturday, Sunday and the days of the Algemene termijnenwet
 * (New Year's Day, Good Friday, Easter Monday, King's Day on 27 April or 26 April when the 27th is
 * a Sunday, 5 May every year, Ascension, Whit Monday, 25 and 26 December), plus the days made
 * equal to holidays by decree as dated entries (known through 2028). Deadlines follow the
 * Algemene termijnenwet.
 *
 * @example
 * ```ts
 * import { nlCalendarDefinition } from "@incasso/core";
 * nlCalendarDefinition.datedDataThrough; // 2028
 * ```
 */
export const nlCalendarDefinition: CalendarDefinition = {
  id: "nl",
  names: { nl: "Nederland", fr: "Pays-Bas", en: "The Netherlands" },
  weekend: [6, 7],
  source: "NL Algemene termijnenwet (Wet van 25 juli 1964, Stb. 1964, 314), art. 1-4",
  deadlineRule: "nl.termijnenwet",
  datedDataThrough: 2028,
  rules: [
    {
      type: "fixed",
      month: 1,
      day: 1,
      source: ATW,
      names: { nl: "Nieuwjaarsdag", fr: "Jour de l'An", en: "New Year's Day" },
    },
    {
      type: "easter",
      offset: -2,
      source: ATW_GOOD_FRIDAY,
      names: { nl: "Goede Vrijdag", fr: "Vendredi saint", en: "Good Friday" },
    },
    {
      type: "easter",
      offset: 1,
      source: ATW,
      names: { nl: "Tweede Paasdag", fr: "Lundi de Pâques", en: "Easter Monday" },
    },
    {
      type: "fixed",
      month: 4,
      day: 27,
      ifSunday: -1,
      from: 2014,
      source: KINGS_DAY,
      names: { nl: "Koningsdag", fr: "Fête du Roi", en: "King's Day" },
    },
    {
      type: "fixed",
      month: 4,
      day: 30,
      ifSunday: -1,
      from: 1980,
      until: 2013,
      source: QUEENS_DAY_1980,
      names: { nl: "Koninginnedag", fr: "Fête de la Reine", en: "Queen's Day" },
    },
    {
      type: "fixed",
      month: 4,
      day: 30,
      ifSunday: 1,
      from: 1949,
      until: 1979,
      source: QUEENS_DAY_1949,
      names: { nl: "Koninginnedag", fr: "Fête de la Reine", en: "Queen's Day" },
    },
    {
      type: "fixed",
      month: 5,
      day: 5,
      source: ATW,
      names: { nl: "Bevrijdingsdag", fr: "Jour de la Libération", en: "Liberation Day" },
    },
    {
      type: "easter",
      offset: 39,
      source: ATW,
      names: { nl: "Hemelvaartsdag", fr: "Ascension", en: "Ascension Day" },
    },
    {
      type: "easter",
      offset: 50,
      source: ATW,
      names: { nl: "Tweede Pinksterdag", fr: "Lundi de Pentecôte", en: "Whit Monday" },
    },
    {
      type: "fixed",
      month: 12,
      day: 25,
      source: ATW,
      names: { nl: "Eerste Kerstdag", fr: "Noël", en: "Christmas Day" },
    },
    {
      type: "fixed",
      month: 12,
      day: 26,
      source: ATW,
      names: { nl: "Tweede Kerstdag", fr: "Lendemain de Noël", en: "Boxing Day" },
    },
    ...decreeDays(
      [
        "2017-04-28",
        "2017-05-26",
        "2018-05-11",
        "2018-12-24",
        "2018-12-31",
        "2019-05-31",
        "2019-12-27",
      ],
      DECREE_2016,
    ),
    ...decreeDays(
      [
        "2023-04-28",
        "2023-05-19",
        "2024-05-10",
        "2024-12-27",
        "2025-05-30",
        "2026-01-02",
        "2026-05-15",
        "2027-05-07",
        "2028-04-28",
        "2028-05-26",
      ],
      DECREE_2023_2028,
    ),
  ],
};

/**
 * A new Dutch business-day calendar (see {@link nlCalendarDefinition}).
 *
 * @example
 * ```ts
 * import { nlCalendar, parseIsoDate } from "@incasso/core";
 * nlCalendar().isBusinessDay(parseIsoDate("2026-04-03")); // false: Good Friday
 * ```
 */
export function nlCalendar(): BusinessCalendar {
  return createCalendar(nlCalendarDefinition);
}
