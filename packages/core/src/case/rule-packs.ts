import { z } from "zod";
import type { LocalizedName } from "../calendar/calendar-definition.js";
import { beB2b } from "./rule-packs/be-b2b.js";
import { beCivil } from "./rule-packs/be-civil.js";
import { beConsumer } from "./rule-packs/be-consumer.js";
import { nlB2b } from "./rule-packs/nl-b2b.js";
import { nlConsumer } from "./rule-packs/nl-consumer.js";
import type { PackDefinition } from "./rule-packs/pack-context.js";

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
  beCivilImputation: beCivil.constants.imputation,
  book19AboveCap: beConsumer.constants.aboveCap,
  receiptDays: nlConsumer.constants.receiptDays,
  nlConsumerDefault: nlConsumer.constants.defaultFrom,
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
 * The five rule packs, each with its resolution, the amounts and periods it applies and its rules
 * with their sources, one file per pack under `rule-packs/`.
 *
 * @internal
 */
export const RULE_PACK_DEFINITIONS: Readonly<Record<RulePackId, PackDefinition>> = {
  "be.b2b": beB2b,
  "be.civil": beCivil,
  "be.consumer": beConsumer,
  "nl.b2b": nlB2b,
  "nl.consumer": nlConsumer,
};

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
  "be.b2b": beB2b.pack,
  "be.civil": beCivil.pack,
  "be.consumer": beConsumer.pack,
  "nl.b2b": nlB2b.pack,
  "nl.consumer": nlConsumer.pack,
};
