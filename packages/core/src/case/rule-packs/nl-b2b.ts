import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import type { PenaltyClause } from "../../charges/penalty-clause.js";
import { parseIsoDate } from "../../dates/parse-iso-date.js";
import { MoneyDecimal } from "../../money/decimal.js";
import { toPenalty } from "../../statement/case-file-schema.js";
import type { PackDefinition } from "./pack-context.js";
import { d } from "./pack-context.js";

const constants = {
  /** The least collection costs a contractual clause yields, in EUR (BW art. 6:96 lid 4). */
  minimumCostsEur: 40,
  /** The rate without a higher contractual rate (BW art. 6:119a lid 1). */
  interestTable: "nl.commercial",
} as const;

/**
 * `nl.b2b`, Netherlands, business to business (art. 6:119a BW): commercial interest from the day
 * after each due date compounded yearly, the BIK (or the contractual clause, at least 40 EUR) fixed
 * the day after the last due date.
 *
 * @internal
 */
export const nlB2b = {
  pack: {
    id: "nl.b2b",
    name: {
      nl: "Nederland, handelsovereenkomst",
      fr: "Pays-Bas, entre entreprises",
      en: "Netherlands, business to business",
    },
    jurisdiction: "nl",
    debtor: "business",
    rules: [
      {
        topic: "interest",
        rule: "nl.commercial from the day after the due date, without notice; a higher contractual rate replaces it",
        source: "BW art. 6:119a lid 1",
      },
      {
        topic: "compounding",
        rule: "yearly, on each anniversary of the first interest day",
        source: "BW art. 6:119a lid 3",
      },
      {
        topic: "collection costs",
        rule: "BIK scale by default (a contractual clause replaces it), at least 40 EUR, due without reminder, fixed the day after the last due date",
        source: "BW art. 6:96 lid 4; Besluit BIK art. 2",
      },
      {
        topic: "imputation",
        rule: "costs (BIK included), then interest, then principal",
        source: "BW art. 6:44; HR 10-07-2015 ECLI:NL:HR:2015:1868",
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
        "yearly",
      ),
    }));
    const latestDue = state.claims.reduce<Temporal.PlainDate | null>(
      (latest, claim) =>
        latest === null || claim.dueDate > latest.toString() ? parseIsoDate(claim.dueDate) : latest,
      null,
    );
    const clause = state.terms.penalty;
    return {
      claims,
      charges: context.charges,
      penalty: {
        clause:
          clause === undefined
            ? { kind: "nl.bik" }
            : atLeast(toPenalty(clause), d(constants.minimumCostsEur)),
        date: latestDue === null ? null : latestDue.add({ days: 1 }),
      },
    };
  },
} satisfies PackDefinition;

/** A fixed or percentage clause raised to at least a minimum; a scale is left as it is. */
function atLeast(clause: PenaltyClause, minimum: Decimal): PenaltyClause {
  if (clause.kind === "fixed")
    return { kind: "fixed", amount: MoneyDecimal.max(clause.amount, minimum) };
  if (clause.kind === "percent")
    return { ...clause, min: MoneyDecimal.max(clause.min ?? d(0), minimum) };
  return clause;
}
