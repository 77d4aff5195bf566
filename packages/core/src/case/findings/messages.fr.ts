import type { FindingMessages } from "./finding-messages.js";

/**
 * The finding messages in French.
 *
 * @internal
 */
export const FINDING_MESSAGES_FR: FindingMessages = {
  B2B_COMPENSATION_WITH_CLAUSE: () =>
    "L'indemnité de 40 EUR est réclamée en plus de la clause pénale; le juge peut réduire le cumul.",
  NO_FORMAL_NOTICE: () =>
    "Pas encore de mise en demeure: aucun intérêt moratoire ne court et aucune clause pénale n'est fixée.",
  ANATOCISM_TOO_EARLY: () =>
    "La capitalisation exige des intérêts dus pour une année entière; non appliquée aux intérêts plus récents.",
  NO_FIRST_REMINDER: () =>
    "Pas encore de premier rappel gratuit: rien ne peut être réclamé au consommateur.",
  FIRST_REMINDER_NOT_FREE: () => "Le premier rappel doit être gratuit; son coût n'est pas réclamé.",
  BOOK19_NOT_IN_FORCE: () =>
    "Le Livre XIX s'applique à partir du 1er septembre 2023 (1er décembre 2023 pour les contrats antérieurs).",
  CHARGE_IN_WAITING_PERIOD: ({ chargeId }) =>
    `Le frais ${chargeId} tombe dans le délai d'attente et n'est pas réclamé.`,
  INTEREST_ABOVE_CAP: ({ rate, policy }) =>
    `Le taux contractuel ${rate} % dépasse le taux commercial; politique: ${policy}.`,
  REMINDER_FEE_IN_WAITING_PERIOD: () =>
    "Des frais de rappel pendant le délai d'attente ne sont pas réclamés.",
  RECURRING_FREE_REMINDER: () =>
    "Pour un contrat à exécution successive, les rappels des 3 premiers retards de l'année sont gratuits.",
  REMINDER_FEE_ABOVE_CAP: ({ fee }) =>
    `Des frais de rappel de ${fee} dépassent 7,50 EUR plus le port; 7,50 est réclamé.`,
  DAMAGES_ABOVE_CAP: ({ agreed, cap, policy }) =>
    `La clause pénale (${agreed}) dépasse le plafond du Livre XIX (${cap}); politique: ${policy}.`,
  COST_BESIDES_BIK: ({ chargeId }) =>
    `Le frais ${chargeId} est réclamé en plus de la BIK: des frais de recouvrement extrajudiciaires au-delà du barème BIK ne peuvent être réclamés à un consommateur; ne le garder que s'il ne s'agit pas de frais de recouvrement.`,
  NO_14_DAY_LETTER: () =>
    "Pas encore de lettre de 14 jours: les frais de recouvrement ne sont pas dus.",
  LETTER_BEFORE_DEFAULT: ({ sent }) =>
    `La lettre de 14 jours du ${sent} a été envoyée avant la demeure du débiteur: elle ne rend pas les frais de recouvrement dus; une lettre envoyée après la demeure le peut.`,
  LETTER_TERM_TOO_SHORT: ({ stated, termExpiry }) =>
    `La lettre indique ${stated}, avant la fin du délai (${termExpiry}): les frais ne sont pas dus.`,
  LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS: ({ sent, claims }) =>
    `La lettre de 14 jours du ${sent} a été envoyée avant la demeure pour ${claims}: les frais de recouvrement sont calculés sur les autres créances seulement.`,
};
