import type { FindingMessages } from "./finding-messages.js";

/**
 * The finding messages in Dutch.
 *
 * @internal
 */
export const FINDING_MESSAGES_NL: FindingMessages = {
  B2B_COMPENSATION_WITH_CLAUSE: () =>
    "De vergoeding van 40 EUR wordt naast het schadebeding aangerekend; de rechter kan de cumulatie matigen.",
  NO_FORMAL_NOTICE: () =>
    "Nog geen ingebrekestelling: er loopt geen moratoire interest en er is geen schadebeding.",
  ANATOCISM_TOO_EARLY: () =>
    "Kapitalisatie vereist interest die een volledig jaar verschuldigd is; niet toegepast op jongere interest.",
  NO_FIRST_REMINDER: () =>
    "Nog geen kosteloze eerste herinnering: er mag niets aangerekend worden.",
  FIRST_REMINDER_NOT_FREE: () =>
    "De eerste herinnering moet kosteloos zijn; de kosten worden niet aangerekend.",
  BOOK19_NOT_IN_FORCE: () =>
    "Boek XIX geldt vanaf 1 september 2023 (1 december 2023 voor oudere overeenkomsten).",
  CHARGE_IN_WAITING_PERIOD: ({ chargeId }) =>
    `Kost ${chargeId} valt in de wachttermijn en wordt niet aangerekend.`,
  INTEREST_ABOVE_CAP: ({ rate, policy }) =>
    `De contractuele rentevoet ${rate} % overschrijdt de handelsrente; beleid: ${policy}.`,
  REMINDER_FEE_IN_WAITING_PERIOD: () =>
    "Herinneringskosten binnen de wachttermijn worden niet aangerekend.",
  RECURRING_FREE_REMINDER: () =>
    "Bij een overeenkomst met opeenvolgende leveringen zijn de herinneringen voor de eerste 3 achterstallen per jaar kosteloos.",
  REMINDER_FEE_ABOVE_CAP: ({ fee }) =>
    `Herinneringskosten van ${fee} overschrijden 7,50 EUR plus porto; 7,50 wordt aangerekend.`,
  DAMAGES_ABOVE_CAP: ({ agreed, cap, policy }) =>
    `Het schadebeding (${agreed}) overschrijdt het plafond van Boek XIX (${cap}); beleid: ${policy}.`,
  COST_BESIDES_BIK: ({ chargeId }) =>
    `Kost ${chargeId} wordt naast de BIK aangerekend: buitengerechtelijke incassokosten boven de BIK-staffel kunnen niet van een consument gevorderd worden; behoud ze alleen als het geen incassokosten zijn.`,
  NO_14_DAY_LETTER: () => "Nog geen veertiendagenbrief: incassokosten zijn niet verschuldigd.",
  LETTER_BEFORE_DEFAULT: ({ sent }) =>
    `De veertiendagenbrief van ${sent} werd verstuurd voordat de schuldenaar in verzuim was: hij maakt geen incassokosten verschuldigd; een brief na het intreden van het verzuim wel.`,
  LETTER_TERM_TOO_SHORT: ({ stated, termExpiry }) =>
    `De brief vermeldt ${stated}, vóór het einde van de termijn (${termExpiry}): incassokosten zijn niet verschuldigd.`,
  LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS: ({ sent, claims }) =>
    `De veertiendagenbrief van ${sent} werd verstuurd voordat de schuldenaar in verzuim was voor ${claims}: de incassokosten worden alleen over de andere vorderingen berekend.`,
};
