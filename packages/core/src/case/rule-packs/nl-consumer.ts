import { Temporal } from "temporal-polyfill";
import type { BusinessCalendar } from "../../calendar/business-calendar.js";
import { termijnenwetDeadline } from "../../calendar/deadline.js";
import { parseIsoDate } from "../../dates/parse-iso-date.js";
import type { LetterTerm } from "../case-statement.js";
import type { CaseState } from "../fold-case.js";
import type { PackDefinition, PackResolution } from "./pack-context.js";
import { d, laterOf } from "./pack-context.js";

const constants = {
  /** The term a 14-day letter gives the debtor, in days, from the day after receipt (BW art. 6:96 lid 6). */
  letterTermDays: 14,
  /** Post and registered post: presumed received on this working day after posting (HR 25-11-2016; policy `receiptDays`). */
  receiptDays: 2,
  /** When verzuim starts by default (policy `nlConsumerDefault`): the day after the due date, a fatal term (BW art. 6:83 sub a). */
  defaultFrom: "day-after-due",
  /** The rate without a contractual rate (BW art. 6:119). */
  interestTable: "nl.legal",
} as const;

/**
 * `nl.consumer`, Netherlands, consumer: legal interest from verzuim compounded yearly; the BIK only
 * on a 14-day letter sent once the debtor is in default, fixed at the end of its term.
 *
 * @internal
 */
export const nlConsumer = {
  pack: {
    id: "nl.consumer",
    name: { nl: "Nederland, consument", fr: "Pays-Bas, consommateur", en: "Netherlands, consumer" },
    jurisdiction: "nl",
    debtor: "consumer",
    rules: [
      {
        topic: "interest",
        rule: "nl.legal from verzuim: the day after the due date (fatal term) or after a formal notice (policy), never before the due date",
        source: "BW art. 6:119, 6:82, 6:83",
      },
      {
        topic: "compounding",
        rule: "yearly, on each anniversary of the first interest day",
        source: "BW art. 6:119 lid 2",
      },
      {
        topic: "14-day letter",
        rule: "BIK only after a 14-day letter sent once the debtor is in default; a letter sent on or before the due date makes nothing due, a later letter can",
        source: "BW art. 6:96 lid 6",
      },
      {
        topic: "receipt",
        rule: "the term runs from the day after receipt: an e-mail or a letter delivered by hand is received the day it is sent; post and registered post are presumed received the 2nd day after posting, not counting Sundays, Mondays and holidays (policy receiptDays)",
        source: "BW art. 3:37 lid 3; HR 25-11-2016 ECLI:NL:HR:2016:2704",
      },
      {
        topic: "collection costs",
        rule: "BIK scale on the principal unpaid at the end of the term of the first letter that makes it due (partial payments lower the base), over the claims in default when that letter was sent, plus VAT when declared",
        source: "Besluit BIK art. 2; BW art. 6:96 lid 6; HR 25-11-2016",
      },
      {
        topic: "term",
        rule: "a letter stating a shorter term makes the BIK not due",
        source: "HR 25-11-2016",
      },
      {
        topic: "other costs",
        rule: "a cost charged besides the BIK is flagged: collection costs above the BIK scale cannot be charged to a consumer",
        source: "BW art. 6:96 lid 5",
      },
      { topic: "imputation", rule: "costs, then interest, then principal", source: "BW art. 6:44" },
    ],
  },
  constants,
  resolve(context): PackResolution {
    const { state, policy } = context;
    const notice = state.notices[0];
    const byNotice = (policy.nlConsumerDefault ?? constants.defaultFrom) === "notice";
    // Default (verzuim) per claim: the day after the due date (a fatal term, BW art. 6:83
    // sub a), or with the "notice" policy the day after the formal notice, but never before the
    // claim is due (a notice cannot put a debtor in default on a claim not yet due, BW art.
    // 6:82); without a notice, no claim is in default under that policy.
    const defaultFrom = (claim: CaseState["claims"][number]): Temporal.PlainDate | null =>
      byNotice
        ? notice === undefined
          ? null
          : laterOf(parseIsoDate(notice.at), parseIsoDate(claim.dueDate)).add({ days: 1 })
        : parseIsoDate(claim.dueDate).add({ days: 1 });
    const claims = state.claims.map((claim) => {
      const from = defaultFrom(claim);
      if (from === null) return { ...context.baseClaim(claim), interest: null };
      const start = byNotice
        ? ({ kind: "date", date: from } as const)
        : ({ kind: "day-after-due" } as const);
      return {
        ...context.baseClaim(claim),
        interest: context.interest(
          context.contractOf(claim.terms),
          constants.interestTable,
          start,
          "yearly",
        ),
      };
    });
    for (const charge of state.charges) {
      if (charge.kind !== "cost") continue;
      context.report({
        code: "COST_BESIDES_BIK",
        params: { chargeId: charge.chargeId },
        source: "BW art. 6:96 lid 5; Besluit BIK art. 2",
        eventId: charge.id,
      });
    }
    const letters14: LetterTerm[] = [];
    const resolution = { claims, charges: context.charges, letters14 };
    if (state.letters14.length === 0) {
      context.report({ code: "NO_14_DAY_LETTER", source: "BW art. 6:96 lid 6" });
      return resolution;
    }

    // The first letter sent once the debtor is in default, stating no shorter term, founds the BIK.
    const receiptDays = policy.receiptDays ?? constants.receiptDays;
    let founding: { expiry: Temporal.PlainDate; claims: readonly string[] } | undefined;
    for (const letter of state.letters14) {
      const sent = parseIsoDate(letter.at);
      const received = letterReceipt(context.calendars.nl, sent, letter.channel, receiptDays);
      const expiry = termijnenwetDeadline(
        context.calendars.nl,
        received,
        constants.letterTermDays,
      ).expiry;
      const inDefault = state.claims.filter((claim) => {
        const from = defaultFrom(claim);
        return from !== null && Temporal.PlainDate.compare(sent, from) >= 0;
      });
      const term: LetterTerm = {
        eventId: letter.id,
        sent,
        channel: letter.channel,
        received,
        receipt: receiptRule(letter.channel, receiptDays),
        termExpiry: expiry,
        ...(letter.statedExpiry === undefined
          ? {}
          : { statedExpiry: parseIsoDate(letter.statedExpiry) }),
        claims: inDefault.map((claim) => claim.id),
        foundsBik: false,
      };
      letters14.push(term);
      if (founding !== undefined) continue;
      if (inDefault.length === 0) {
        context.report({
          code: "LETTER_BEFORE_DEFAULT",
          params: { sent: letter.at },
          source: 'BW art. 6:96 lid 6 ("na het intreden van het verzuim")',
          eventId: letter.id,
        });
        continue;
      }
      if (letter.statedExpiry !== undefined && letter.statedExpiry < expiry.toString()) {
        context.report({
          code: "LETTER_TERM_TOO_SHORT",
          params: { stated: letter.statedExpiry, termExpiry: expiry.toString() },
          source: "BW art. 6:96 lid 6; HR 25-11-2016 ECLI:NL:HR:2016:2704",
          eventId: letter.id,
        });
        continue;
      }
      const notYet = state.claims.filter((claim) => !inDefault.includes(claim));
      if (notYet.length > 0) {
        context.report({
          code: "LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS",
          params: { sent: letter.at, claims: notYet.map((claim) => claim.id).join(", ") },
          source: 'BW art. 6:96 lid 6 ("na het intreden van het verzuim")',
          eventId: letter.id,
        });
      }
      letters14[letters14.length - 1] = { ...term, foundsBik: true };
      founding = { expiry, claims: term.claims };
    }
    if (founding === undefined) return resolution;
    return {
      ...resolution,
      letterTermExpiry: founding.expiry,
      penalty: {
        clause:
          policy.bikVatPercent === undefined
            ? { kind: "nl.bik" }
            : { kind: "nl.bik", vatPercent: d(policy.bikVatPercent) },
        date: founding.expiry,
        ...(founding.claims.length < state.claims.length ? { claims: founding.claims } : {}),
      },
    };
  },
} satisfies PackDefinition;

/**
 * The day a Dutch 14-day letter reaches the debtor, by channel. A letter by e-mail or delivered by
 * hand reaches the debtor on the day it is sent (art. 3:37 lid 3 BW: a statement must reach its
 * addressee; an e-mail reaches them when it enters their mailbox). A letter by post or registered
 * post is presumed received `days` days after posting, not counting Sundays, Mondays and holidays:
 * the presumption Dutch courts apply (HR 25-11-2016, ECLI:NL:HR:2016:2704), a policy
 * (`receiptDays`).
 */
function letterReceipt(
  calendar: BusinessCalendar,
  sent: Temporal.PlainDate,
  channel: LetterTerm["channel"],
  days: number,
): Temporal.PlainDate {
  if (channel === "email" || channel === "hand-delivered") return sent;
  let day = sent;
  for (let counted = 0; counted < days; ) {
    day = day.add({ days: 1 });
    if (day.dayOfWeek !== 7 && day.dayOfWeek !== 1 && calendar.holidaysOn(day).length === 0)
      counted++;
  }
  return day;
}

/** Why a letter is received on its day, with the source: the `receipt` of a {@link LetterTerm}. */
function receiptRule(channel: LetterTerm["channel"], days: number): string {
  if (channel === "email")
    return "e-mail: received on the day it was sent, the term starts the next day (BW art. 3:37 lid 3)";
  if (channel === "hand-delivered")
    return "delivered by hand: received on the day of delivery, the term starts the next day (BW art. 3:37 lid 3)";
  return `${channel === "post" ? "post" : "registered post"}: presumed received ${days === 0 ? "on the day of posting" : `on the ${days === 1 ? "1st" : days === 2 ? "2nd" : days === 3 ? "3rd" : `${days}th`} day after posting`}, not counting Sundays, Mondays and holidays (HR 25-11-2016, ECLI:NL:HR:2016:2704; policy receiptDays)`;
}
