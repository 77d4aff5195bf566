import { daysBetween } from "../../dates/day-arithmetic.js";
import { parseIsoDate } from "../../dates/parse-iso-date.js";
import { toPenalty } from "../../statement/case-file-schema.js";
import type { PackDefinition } from "./pack-context.js";
import { laterOf } from "./pack-context.js";

const constants = {
  /** Capitalisation only of interest due for a whole year, in days (old Civil Code art. 1154). */
  anatocismDays: 365,
  /** The rate without a contractual rate (new BW art. 5.240, old art. 1153). */
  interestTable: "be.legal",
  /** The imputation order by default (policy `beCivilImputation`): costs first by practice. */
  imputation: "costs-interest-principal",
} as const;

/**
 * `be.civil`, Belgium, civil: legal interest from the formal notice, capitalisation of interest due
 * a whole year on demanded dates, the penalty clause fixed on the notice.
 *
 * @internal
 */
export const beCivil = {
  pack: {
    id: "be.civil",
    name: { nl: "België, burgerlijk", fr: "Belgique, civil", en: "Belgium, civil" },
    jurisdiction: "be",
    debtor: "any",
    rules: [
      {
        topic: "interest",
        rule: "be.legal (or a contractual rate) from the day of the formal notice; none without it",
        source: "new BW art. 5.240 (old art. 1153)",
      },
      {
        topic: "compounding",
        rule: "no automatic compounding: capitalisation only on a dated judicial demand or agreement, for interest due a whole year",
        source: "old Civil Code art. 1154",
      },
      {
        topic: "penalty",
        rule: "the contractual penalty clause, fixed on the formal notice",
        source: "old Civil Code art. 1226-1233",
      },
      {
        topic: "imputation",
        rule: "costs first by practice, then interest before principal; interest first configurable",
        source: "old Civil Code art. 1254",
      },
    ],
  },
  constants,
  resolve(context) {
    const { state } = context;
    const notice = state.notices[0];
    const imputation = context.policy.beCivilImputation ?? constants.imputation;
    if (notice === undefined) {
      context.report({ code: "NO_FORMAL_NOTICE", source: "new BW art. 5.240 (old art. 1153)" });
      return {
        claims: state.claims.map((claim) => ({ ...context.baseClaim(claim), interest: null })),
        charges: context.charges,
        imputation,
      };
    }
    const noticeDate = parseIsoDate(notice.at);
    const interestFrom = (dueDate: string) =>
      laterOf(noticeDate, parseIsoDate(dueDate).add({ days: 1 }));
    const claims = state.claims.map((claim) => {
      const start = interestFrom(claim.dueDate);
      const valid = context.anatocismDates.filter(
        (when) => daysBetween(start, when) >= constants.anatocismDays,
      );
      return {
        ...context.baseClaim(claim),
        interest: context.interest(
          context.contractOf(claim.terms),
          constants.interestTable,
          { kind: "date", date: noticeDate },
          "none",
          valid,
        ),
      };
    });
    for (const event of state.anatocism) {
      const tooEarly = state.claims.some(
        (claim) =>
          daysBetween(interestFrom(claim.dueDate), parseIsoDate(event.at)) <
          constants.anatocismDays,
      );
      if (tooEarly)
        context.report({
          code: "ANATOCISM_TOO_EARLY",
          source: "old Civil Code art. 1154",
          eventId: event.id,
        });
    }
    const clause = state.terms.penalty;
    return {
      claims,
      charges: context.charges,
      imputation,
      ...(clause === undefined ? {} : { penalty: { clause: toPenalty(clause), date: noticeDate } }),
    };
  },
} satisfies PackDefinition;
