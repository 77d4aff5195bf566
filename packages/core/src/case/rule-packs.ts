import { z } from "zod";
import type { LocalizedName } from "../calendar/calendar-definition.js";

/**
 * The rule packs: jurisdiction presets that turn a case's events into interest start dates,
 * penalties and cost charges.
 *
 * @example
 * ```ts
 * import type { RulePackId } from "@incasso/core";
 * const pack: RulePackId = "nl.consumer";
 * ```
 */
export type RulePackId = "be.b2b" | "be.civil" | "be.consumer" | "nl.b2b" | "nl.consumer";

/**
 * One rule of a pack, as documentation and letters cite it.
 *
 * @example
 * ```ts
 * import { RULE_PACKS, type PackRule } from "@incasso/core";
 * const rules: readonly PackRule[] = RULE_PACKS["be.consumer"].rules;
 * ```
 */
export interface PackRule {
  readonly topic: string;
  readonly rule: string;
  readonly source: string;
}

/**
 * A rule pack as data: its name, the debtor it is for, and its rules with their sources.
 *
 * @example
 * ```ts
 * import { RULE_PACKS, type RulePack } from "@incasso/core";
 * const pack: RulePack = RULE_PACKS["nl.b2b"];
 * ```
 */
export interface RulePack {
  readonly id: RulePackId;
  readonly name: LocalizedName;
  readonly jurisdiction: "be" | "nl";
  readonly debtor: "business" | "consumer" | "any";
  readonly rules: readonly PackRule[];
}

/**
 * Zod schema of the rule-pack policies (see {@link RulePackPolicy}): every key optional, every value
 * checked, unknown keys refused, so a policy file or a `--policy key=value` option that names a key
 * that does not exist is an error naming it.
 *
 * @example
 * ```ts
 * import { rulePackPolicySchema } from "@incasso/core";
 * rulePackPolicySchema.parse({ receiptDays: 3, book19AboveCap: "nothing" });
 * ```
 */
export const rulePackPolicySchema = z.strictObject({
  beCivilImputation: z.enum(["costs-interest-principal", "interest-costs-principal"]).optional(),
  book19AboveCap: z.enum(["capped", "legal-interest-only", "nothing"]).optional(),
  receiptDays: z
    .number()
    .int({ message: "expected a whole number of days" })
    .min(0, { message: "expected 0 to 14 days" })
    .max(14, { message: "expected 0 to 14 days" })
    .optional(),
  nlConsumerDefault: z.enum(["day-after-due", "notice"]).optional(),
  bikVatPercent: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, { message: "expected a VAT percentage such as 21" })
    .optional(),
});

/**
 * The default of every rule-pack policy: what a case gets when its firm sets nothing. Output shows
 * a policy only where it differs from these.
 *
 * @example
 * ```ts
 * import { RULE_PACK_POLICY_DEFAULTS } from "@incasso/core";
 * RULE_PACK_POLICY_DEFAULTS.receiptDays; // 2
 * ```
 */
export const RULE_PACK_POLICY_DEFAULTS = Object.freeze({
  beCivilImputation: "costs-interest-principal",
  book19AboveCap: "capped",
  receiptDays: 2,
  nlConsumerDefault: "day-after-due",
  bikVatPercent: undefined,
} as const satisfies Record<keyof RulePackPolicy, unknown>);

/**
 * Choices the law leaves open, per firm or client; every one has a documented default
 * ({@link RULE_PACK_POLICY_DEFAULTS}) and is validated by {@link rulePackPolicySchema}.
 *
 * @example
 * ```ts
 * import type { RulePackPolicy } from "@incasso/core";
 * const policy: RulePackPolicy = { book19AboveCap: "legal-interest-only", receiptDays: 3 };
 * ```
 */
export interface RulePackPolicy {
  /** be.civil: costs first by practice (default) or interest first (old art. 1254 BW). */
  readonly beCivilImputation?: "costs-interest-principal" | "interest-costs-principal";
  /**
   * be.consumer: what a clause above the Book XIX caps yields. Sources differ (deemed unwritten:
   * reduced to the cap, only legal interest, or nothing). Default `capped`.
   */
  readonly book19AboveCap?: "capped" | "legal-interest-only" | "nothing";
  /**
   * nl.consumer: the working days after posting on which a letter sent by post or registered post
   * is presumed received, not counting Sundays, Mondays and holidays (the presumption of
   * HR 25-11-2016, ECLI:NL:HR:2016:2704). Default 2. E-mail and hand delivery are not presumed:
   * they reach the debtor on the day (art. 3:37 lid 3 BW).
   */
  readonly receiptDays?: number;
  /** nl.consumer: when verzuim starts without a notice: the day after the due date (a fatal term, default) or only after a formal notice. */
  readonly nlConsumerDefault?: "day-after-due" | "notice";
  /** nl.consumer: the VAT percentage added to the BIK when the creditor cannot deduct VAT and declares so. */
  readonly bikVatPercent?: string;
}

/**
 * The five rule packs, each with its rules and sources (the table of docs/rule-packs.md).
 *
 * @example
 * ```ts
 * import { RULE_PACKS } from "@incasso/core";
 * RULE_PACKS["be.civil"].rules.map((rule) => rule.source);
 * ```
 */
export const RULE_PACKS: Readonly<Record<RulePackId, RulePack>> = {
  "be.b2b": {
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
  "be.civil": {
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
  "be.consumer": {
    id: "be.consumer",
    name: {
      nl: "België, consument (Boek XIX)",
      fr: "Belgique, consommateur (Livre XIX)",
      en: "Belgium, consumer (Book XIX)",
    },
    jurisdiction: "be",
    debtor: "consumer",
    rules: [
      {
        topic: "first reminder",
        rule: "a free first reminder is required; nothing is chargeable before it",
        source: "WER art. XIX.2",
      },
      {
        topic: "waiting period",
        rule: "14 days, from the day after an e-mail or the third working day after posting; nothing dated inside it is charged",
        source: "WER art. XIX.2",
      },
      {
        topic: "interest",
        rule: "only if the contract stipulates it, from the end of the waiting period, capped at the be.commercial rate",
        source: "WER art. XIX.4; law of 2 August 2002 art. 5",
      },
      {
        topic: "damages",
        rule: "only if stipulated, capped by the scale 20 / 30 + 10 % / 65 + 5 % (max 2,000), fixed at the end of the waiting period",
        source: "WER art. XIX.4",
      },
      {
        topic: "clause above the caps",
        rule: "deemed unwritten; policy: capped (default), legal interest only, or nothing",
        source: "WER art. XIX.4; sources differ",
      },
      {
        topic: "extra reminders",
        rule: "at most 7.50 EUR plus postage, never before the waiting period ends",
        source: "WER art. XIX.4",
      },
      {
        topic: "recurring supply",
        rule: "reminders free for the first 3 defaults of a year; a fee only from the 4th",
        source: "WER art. XIX.3",
      },
    ],
  },
  "nl.b2b": {
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
  "nl.consumer": {
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
};
