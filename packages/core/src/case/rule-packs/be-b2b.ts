import { parseIsoDate } from "../../dates/parse-iso-date.js";
import { toPenalty } from "../../statement/case-file-schema.js";
import type { PackDefinition } from "./pack-context.js";
import { d } from "./pack-context.js";

const constants = {
  /** The fixed compensation per late invoice, in EUR (Law of 2 August 2002 art. 6; Directive 2011/7/EU art. 6). */
  compensationEur: 40,
  /** The rate without a contractual rate (Law of 2 August 2002 art. 5). */
  interestTable: "be.commercial",
} as const;

/**
 * `be.b2b`, Belgium, business to business (Law of 2 August 2002): commercial interest from the day
 * after each due date, 40 EUR compensation per claim, the penalty clause fixed on the formal notice,
 * capitalisation only on demanded dates.
 *
 * @internal
 */
export const beB2b = {
  pack: {
    id: "be.b2b",
    name: {
      nl: "België, tussen ondernemingen",
      fr: "Belgique, entre entreprises",
      en: "Belgium, business to business",
    },
    jurisdiction: "be",
    debtor: "business",
    rules: [
      {
        topic: "interest",
        rule: "be.commercial from the day after the due date, without notice; a contractual rate replaces it",
        source: "Law of 2 August 2002 art. 5 and 4",
      },
      {
        topic: "compensation",
        rule: "40 EUR per late invoice, due from the day after its due date",
        source: "Law of 2 August 2002 art. 6; Directive 2011/7/EU art. 6",
      },
      {
        topic: "penalty",
        rule: "the contractual penalty clause, fixed on the formal notice (or the statement date)",
        source: "old Civil Code art. 1226-1233; new BW art. 5.88",
      },
      {
        topic: "compounding",
        rule: "only from a dated judicial demand or agreement (anatocism)",
        source: "old Civil Code art. 1154",
      },
      {
        topic: "imputation",
        rule: "costs, interest, principal; oldest due first",
        source: "old Civil Code art. 1254, 1256; practice",
      },
    ],
  },
  constants,
  resolve(context) {
    const { state } = context;
    const claims = state.claims.map((claim) => ({
      ...context.baseClaim(claim),
      interest: context.interest(
        context.contractOf(claim.terms),
        constants.interestTable,
        { kind: "day-after-due" },
        "none",
        context.anatocismDates,
      ),
    }));
    const compensations = state.claims.map((claim) => ({
      id: `b2b40-${claim.id}`,
      kind: "cost" as const,
      date: parseIsoDate(claim.dueDate).add({ days: 1 }),
      amount: d(constants.compensationEur),
    }));
    const charges = [...context.charges, ...compensations];
    const clause = state.terms.penalty;
    if (clause === undefined) return { claims, charges };
    const notice = state.notices[0];
    context.report({
      code: "B2B_COMPENSATION_WITH_CLAUSE",
      source: "Law of 2 August 2002 art. 6 (reasonable compensation)",
    });
    return {
      claims,
      charges,
      penalty: {
        clause: toPenalty(clause),
        date: notice === undefined ? null : parseIsoDate(notice.at),
      },
    };
  },
} satisfies PackDefinition;
