import type { Finding } from "./finding.js";

/**
 * Every finding code a rule pack can report, with the data its message is made from (amounts and
 * dates already formatted as they appear in the message). The messages themselves are in one
 * catalogue per language (`messages.en.ts`, `messages.nl.ts`, `messages.fr.ts`), kept apart from
 * the data. A code whose message is the same every time carries no data
 * (`Readonly<Record<string, never>>`).
 *
 * @example
 * ```ts
 * import type { FindingParams } from "@incasso/core";
 * const params: FindingParams["REMINDER_FEE_ABOVE_CAP"] = { fee: "12.00" };
 * ```
 */
export interface FindingParams {
  /** be.b2b: the 40 EUR compensation is charged besides a penalty clause. */
  readonly B2B_COMPENSATION_WITH_CLAUSE: Readonly<Record<string, never>>;
  /** be.civil: no formal notice yet, so no interest and no penalty. */
  readonly NO_FORMAL_NOTICE: Readonly<Record<string, never>>;
  /** be.civil: a capitalisation demanded before interest was due a whole year. */
  readonly ANATOCISM_TOO_EARLY: Readonly<Record<string, never>>;
  /** be.consumer: no free first reminder yet, so nothing is chargeable. */
  readonly NO_FIRST_REMINDER: Readonly<Record<string, never>>;
  /** be.consumer: the first reminder had a cost. */
  readonly FIRST_REMINDER_NOT_FREE: Readonly<Record<string, never>>;
  /** be.consumer: the first reminder predates Book XIX. */
  readonly BOOK19_NOT_IN_FORCE: Readonly<Record<string, never>>;
  /** be.consumer: a charge dated inside the waiting period. */
  readonly CHARGE_IN_WAITING_PERIOD: { readonly chargeId: string };
  /** be.consumer: a contractual rate above the commercial rate, and the policy applied. */
  readonly INTEREST_ABOVE_CAP: { readonly rate: string; readonly policy: string };
  /** be.consumer: a reminder fee inside the waiting period. */
  readonly REMINDER_FEE_IN_WAITING_PERIOD: Readonly<Record<string, never>>;
  /** be.consumer: a reminder fee for one of the first 3 defaults of a year of a recurring supply contract. */
  readonly RECURRING_FREE_REMINDER: Readonly<Record<string, never>>;
  /** be.consumer: a reminder fee above the cap (the fee asked, two decimals). */
  readonly REMINDER_FEE_ABOVE_CAP: { readonly fee: string };
  /** be.consumer: a penalty clause above the Book XIX scale (both amounts two decimals), and the policy applied. */
  readonly DAMAGES_ABOVE_CAP: {
    readonly agreed: string;
    readonly cap: string;
    readonly policy: string;
  };
  /** nl.consumer: a cost charged besides the BIK. */
  readonly COST_BESIDES_BIK: { readonly chargeId: string };
  /** nl.consumer: no 14-day letter yet, so no collection costs. */
  readonly NO_14_DAY_LETTER: Readonly<Record<string, never>>;
  /** nl.consumer: a 14-day letter sent (on `sent`) before the debtor was in default. */
  readonly LETTER_BEFORE_DEFAULT: { readonly sent: string };
  /** nl.consumer: a 14-day letter stating a last day (`stated`) before the end of its term (`termExpiry`). */
  readonly LETTER_TERM_TOO_SHORT: { readonly stated: string; readonly termExpiry: string };
  /** nl.consumer: a 14-day letter sent before the default of some claims (their ids, comma-separated). */
  readonly LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS: {
    readonly sent: string;
    readonly claims: string;
  };
}

/**
 * The stable code of a finding, one of a closed set (see {@link FindingParams}): hosts can switch
 * over it, and every code has a message in every language.
 *
 * @example
 * ```ts
 * import type { Finding, FindingCode } from "@incasso/core";
 * const isLetterProblem = (code: FindingCode) => code.startsWith("LETTER_");
 * const letterProblems = (findings: readonly Finding[]) => findings.filter((f) => isLetterProblem(f.code));
 * ```
 */
export type FindingCode = keyof FindingParams;

/**
 * The severity of every finding code: the mapped type makes the table name every code and no
 * other, so {@link FINDING_CODES} is the whole closed set.
 *
 * @internal
 */
export const FINDING_SEVERITY: { readonly [C in FindingCode]: Finding["severity"] } = {
  B2B_COMPENSATION_WITH_CLAUSE: "warning",
  NO_FORMAL_NOTICE: "info",
  ANATOCISM_TOO_EARLY: "error",
  NO_FIRST_REMINDER: "info",
  FIRST_REMINDER_NOT_FREE: "error",
  BOOK19_NOT_IN_FORCE: "warning",
  CHARGE_IN_WAITING_PERIOD: "error",
  INTEREST_ABOVE_CAP: "warning",
  REMINDER_FEE_IN_WAITING_PERIOD: "error",
  RECURRING_FREE_REMINDER: "error",
  REMINDER_FEE_ABOVE_CAP: "error",
  DAMAGES_ABOVE_CAP: "warning",
  COST_BESIDES_BIK: "warning",
  NO_14_DAY_LETTER: "info",
  LETTER_BEFORE_DEFAULT: "error",
  LETTER_TERM_TOO_SHORT: "error",
  LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS: "warning",
};

/**
 * Every finding code, in the order of the packs that report them.
 *
 * @internal
 */
export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as readonly FindingCode[];
