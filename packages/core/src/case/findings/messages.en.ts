import type { FindingMessages } from "./finding-messages.js";

/**
 * The finding messages in English.
 *
 * @internal
 */
export const FINDING_MESSAGES_EN: FindingMessages = {
  B2B_COMPENSATION_WITH_CLAUSE: () =>
    "The 40 EUR compensation is charged besides the penalty clause; a court may reduce the cumulation.",
  NO_FORMAL_NOTICE: () =>
    "No formal notice yet: no moratory interest runs and no penalty is fixed.",
  ANATOCISM_TOO_EARLY: () =>
    "Capitalisation needs interest due for a whole year; not applied to claims whose interest is younger.",
  NO_FIRST_REMINDER: () => "No free first reminder yet: nothing can be charged to the consumer.",
  FIRST_REMINDER_NOT_FREE: () => "The first reminder must be free; its cost is not charged.",
  BOOK19_NOT_IN_FORCE: () =>
    "Book XIX applies from 1 September 2023 (1 December 2023 for older contracts).",
  CHARGE_IN_WAITING_PERIOD: ({ chargeId }) =>
    `Charge ${chargeId} is dated inside the waiting period and is not charged.`,
  INTEREST_ABOVE_CAP: ({ rate, policy }) =>
    `The contractual rate ${rate} % exceeds the commercial rate; policy: ${policy}.`,
  REMINDER_FEE_IN_WAITING_PERIOD: () => "A reminder fee inside the waiting period is not charged.",
  RECURRING_FREE_REMINDER: () =>
    "For a recurring supply contract the reminders of the first 3 defaults of a year are free.",
  REMINDER_FEE_ABOVE_CAP: ({ fee }) =>
    `A reminder fee of ${fee} exceeds 7.50 EUR plus postage; 7.50 is charged.`,
  DAMAGES_ABOVE_CAP: ({ agreed, cap, policy }) =>
    `The penalty clause (${agreed}) exceeds the Book XIX cap (${cap}); policy: ${policy}.`,
  COST_BESIDES_BIK: ({ chargeId }) =>
    `Charge ${chargeId} is charged besides the BIK: extrajudicial collection costs above the BIK scale cannot be charged to a consumer; keep it only if it is not a collection cost.`,
  NO_14_DAY_LETTER: () => "No 14-day letter yet: collection costs are not due.",
  LETTER_BEFORE_DEFAULT: ({ sent }) =>
    `The 14-day letter of ${sent} was sent before the debtor was in default: it cannot make collection costs due; a letter sent after the default can.`,
  LETTER_TERM_TOO_SHORT: ({ stated, termExpiry }) =>
    `The letter states ${stated}, before the end of the term (${termExpiry}): collection costs are not due.`,
  LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS: ({ sent, claims }) =>
    `The 14-day letter of ${sent} was sent before the debtor was in default for ${claims}: the collection costs are computed on the other claims only.`,
};
