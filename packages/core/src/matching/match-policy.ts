import { z } from "zod";
import { parseInput } from "../errors/from-zod-error.js";

const points = z
  .number()
  .int({ message: "expected whole points" })
  .min(-100, { message: "expected points from -100 to 100" })
  .max(100, { message: "expected points from -100 to 100" });
const score = z
  .number()
  .int({ message: "expected a whole score" })
  .min(0, { message: "expected a score from 0 to 100" })
  .max(101, { message: "expected a score from 0 to 101 (101: never)" });

/**
 * The points each reason adds to (or takes from) a candidate's score, by reason code. Defaults in
 * {@link DEFAULT_MATCH_POLICY}; see `docs/bank-statements.md` for why each weighs what it does.
 *
 * @example
 * ```ts
 * import { matchWeightsSchema } from "@incasso/core";
 * matchWeightsSchema.parse({ "known-iban": 40 });
 * ```
 */
export const matchWeightsSchema = z.strictObject({
  "structured-reference": points.default(100),
  "reference-in-text": points.default(90),
  "reference-near": points.default(45),
  "reference-check-failed": points.default(-20),
  "case-number": points.default(60),
  "client-reference": points.default(50),
  "invoice-number": points.default(50),
  "known-iban": points.default(35),
  "amount-equals-balance": points.default(30),
  "amount-equals-instalment": points.default(30),
  "amount-equals-promise": points.default(30),
  "debtor-name": points.default(15),
  "case-not-open": points.default(-30),
  "same-payment-seen": points.default(-60),
  "returns-amount": points.default(25),
  "returns-iban": points.default(35),
  "returns-reference": points.default(40),
  "reversal-indicator": points.default(40),
  "return-too-late": points.default(-40),
});

/**
 * Zod schema of a matching policy: the weights, the score at and above which a payment is applied
 * without review (`applyAt`, 101 to never apply without review), the score from which it is
 * proposed for review (`proposeAt`; below it is left unmatched), how far the best candidate must
 * stand above the next one to be applied (`ambiguityMargin`), how a payment larger than the case's
 * balance is split over the debtor's other open cases (`split`), how many candidates a review shows,
 * how short a word of the communication may be to be looked up as a case or invoice number, and
 * how many days after a payment a debit can still be its return.
 *
 * @example
 * ```ts
 * import { matchPolicySchema } from "@incasso/core";
 * matchPolicySchema.parse({ applyAt: 90, split: { order: "largest-balance-first" } });
 * ```
 */
export const matchPolicySchema = z.strictObject({
  weights: matchWeightsSchema.default(matchWeightsSchema.parse({})),
  applyAt: score.default(85),
  proposeAt: score.default(30),
  ambiguityMargin: z.number().int().min(0).max(100).default(15),
  split: z
    .strictObject({
      /** Whether a payment larger than the balance of the cases it names pays the debtor's other open cases. */
      acrossDebtorCases: z.boolean().default(true),
      /**
       * The order of the other cases: `oldest-due-first` (the claim due longest ago first, the
       * order of art. 1256 old Civil Code and 6:43 BW for debts equally burdensome),
       * `largest-balance-first`, or `case-number`.
       */
      order: z
        .enum(["oldest-due-first", "largest-balance-first", "case-number"])
        .default("oldest-due-first"),
    })
    .default({ acrossDebtorCases: true, order: "oldest-due-first" }),
  maxCandidates: z.number().int().min(1).max(20).default(5),
  minWordLength: z.number().int().min(1).max(20).default(4),
  returnWindowDays: z.number().int().min(1).max(3650).default(400),
});

/**
 * A matching policy as given (see {@link matchPolicySchema}); every field has a default.
 *
 * @example
 * ```ts
 * import type { MatchPolicyInput } from "@incasso/core";
 * const policy: MatchPolicyInput = { applyAt: 101 }; // review everything
 * ```
 */
export type MatchPolicyInput = z.input<typeof matchPolicySchema>;

/**
 * A validated matching policy with every default filled in.
 *
 * @example
 * ```ts
 * import type { MatchPolicy } from "@incasso/core";
 * const strict = (policy: MatchPolicy) => policy.applyAt > 90;
 * ```
 */
export type MatchPolicy = z.output<typeof matchPolicySchema>;

/**
 * The default matching policy: a structured reference of ours (100) or one found in the text (90)
 * applies a payment; a case number (60) with the amount of the balance (30) does too; weaker
 * evidence is proposed for review from 30 points; a payment is split over the debtor's other open
 * cases oldest due first.
 *
 * @example
 * ```ts
 * import { DEFAULT_MATCH_POLICY } from "@incasso/core";
 * DEFAULT_MATCH_POLICY.applyAt; // 85
 * ```
 */
export const DEFAULT_MATCH_POLICY: MatchPolicy = Object.freeze(matchPolicySchema.parse({}));

/**
 * Validates a matching policy, filling in the defaults; bad input is `INVALID_INPUT` naming
 * `policy.<field>`. A `proposeAt` above `applyAt` is refused.
 *
 * @example
 * ```ts
 * import { resolveMatchPolicy } from "@incasso/core";
 * resolveMatchPolicy({ weights: { "known-iban": 50 } }).weights["known-iban"]; // 50
 * ```
 */
export function resolveMatchPolicy(input: MatchPolicyInput = {}): MatchPolicy {
  return parseInput(
    matchPolicySchema.refine((policy) => policy.proposeAt <= policy.applyAt, {
      path: ["proposeAt"],
      message: "expected proposeAt at or below applyAt",
    }),
    input,
    "policy",
  );
}
