import type { BusinessCalendar } from "./business-calendar.js";
import { createCalendar } from "./business-calendar.js";
import type { CalendarDefinition } from "./calendar-definition.js";

const LAW_1974 =
  "BE Law of 4 January 1974 on public holidays (wet betreffende de feestdagen), art. 1";

/**
 * The Belgian calendar as data: Saturday, Sunday and the ten legal holidays of the law of
 * 4 January 1974. 2 November and 26 December are working days; community holidays (11 July,
 * 27 September, 15 November) are not holidays for the Judicial Code. Deadlines follow Judicial
 * Code art. 52/53.
 *
 * @example
 * ```ts
 * import { beCalendarDefinition } from "@incasso/core";
 * beCalendarDefinition.rules.length; // 10
 * ```
 */
export const beCalendarDefinition: CalendarDefinition = {
  id: "be",
  names: { nl: "België", fr: "Belgique", en: "Belgium" },
  weekend: [6, 7],
  source: `${LAW_1974}; Judicial Code (Ger.W./C.jud.) art. 52, 53 and 53bis`,
  deadlineRule: "be.judicial-code",
  rules: [
    {
      type: "fixed",
      month: 1,
      day: 1,
      source: LAW_1974,
      names: { nl: "Nieuwjaar", fr: "Jour de l'An", en: "New Year's Day" },
    },
    {
      type: "easter",
      offset: 1,
      source: LAW_1974,
      names: { nl: "Paasmaandag", fr: "Lundi de Pâques", en: "Easter Monday" },
    },
    {
      type: "fixed",
      month: 5,
      day: 1,
      source: LAW_1974,
      names: { nl: "Dag van de Arbeid", fr: "Fête du Travail", en: "Labour Day" },
    },
    {
      type: "easter",
      offset: 39,
      source: LAW_1974,
      names: { nl: "Onze-Lieve-Heer-Hemelvaart", fr: "Ascension", en: "Ascension Day" },
    },
    {
      type: "easter",
      offset: 50,
      source: LAW_1974,
      names: { nl: "Pinkstermaandag", fr: "Lundi de Pentecôte", en: "Whit Monday" },
    },
    {
      type: "fixed",
      month: 7,
      day: 21,
      source: LAW_1974,
      names: { nl: "Nationale feestdag", fr: "Fête nationale", en: "National Day" },
    },
    {
      type: "fixed",
      month: 8,
      day: 15,
      source: LAW_1974,
      names: { nl: "Onze-Lieve-Vrouw-Hemelvaart", fr: "Assomption", en: "Assumption Day" },
    },
    {
      type: "fixed",
      month: 11,
      day: 1,
      source: LAW_1974,
      names: { nl: "Allerheiligen", fr: "Toussaint", en: "All Saints' Day" },
    },
    {
      type: "fixed",
      month: 11,
      day: 11,
      source: LAW_1974,
      names: { nl: "Wapenstilstand", fr: "Armistice", en: "Armistice Day" },
    },
    {
      type: "fixed",
      month: 12,
      day: 25,
      source: LAW_1974,
      names: { nl: "Kerstmis", fr: "Noël", en: "Christmas Day" },
    },
  ],
};

/**
 * A new Belgian business-day calendar (see {@link beCalendarDefinition}).
 *
 * @example
 * ```ts
 * import { beCalendar } from "@incasso/core";
 * beCalendar().holidaysOf(2026).map((h) => h.date.toString()).slice(0, 2); // ["2026-01-01", "2026-04-06"]
 * ```
 */
export function beCalendar(): BusinessCalendar {
  return createCalendar(beCalendarDefinition);
}
