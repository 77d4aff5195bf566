import { z } from "zod";
import type { PenaltyClause } from "../charges/penalty-clause.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { fromZodError } from "../errors/from-zod-error.js";
import type { CurrencyCode } from "../money/currency.js";
import { CURRENCIES } from "../money/currency.js";
import { MoneyDecimal } from "../money/decimal.js";
import { isAmountText, jsonFields, LIMITS } from "../validation/json-primitives.js";
import type { CaseFile, Designation, InterestTerms } from "./case-file.js";

const { isoDate, amount, percent, signedPercent, id } = jsonFields;

const imputationSchema = z.enum([
  "costs-interest-principal",
  "interest-costs-principal",
  "principal-interest-costs",
]);

const interestSchema = z.strictObject({
  rate: z.union([z.strictObject({ table: id }), z.strictObject({ fixed: percent })]),
  margin: signedPercent.default("0"),
  compounding: z.enum(["none", "yearly"]).default("none"),
  dayCount: z.enum(["act/365", "act/act", "act/360"]).default("act/365"),
  start: z
    .union([z.enum(["day-after-due", "due-date"]), z.strictObject({ date: isoDate })])
    .default("day-after-due"),
  capitalisationDates: z
    .array(isoDate)
    .max(300, { message: "expected at most 300 capitalisation dates" })
    .optional(),
});

const penaltySchema = z.discriminatedUnion("kind", [
  z
    .strictObject({
      kind: z.literal("percent"),
      percent,
      min: amount.optional(),
      max: amount.optional(),
    })
    .refine(
      // Compared only when both are amounts: a malformed one has its own error.
      (p) => !isAmountText(p.min) || !isAmountText(p.max) || new MoneyDecimal(p.min).lte(p.max),
      {
        message: "expected min at most max",
        path: ["max"],
      },
    ),
  z.strictObject({ kind: z.literal("fixed"), amount }),
  z.strictObject({ kind: z.literal("nl.bik"), vatPercent: percent.optional() }),
  z.strictObject({ kind: z.literal("be.book19") }),
]);

/** @internal Zod schema of a payment designation, shared with the case events. */
export const designationSchema = z.union([
  z.strictObject({ bucket: z.literal("costs"), charge: id, amount }),
  z.strictObject({ bucket: z.literal("interest"), charge: id, amount }),
  z.strictObject({ bucket: z.literal("interest"), claim: id, amount }),
  z.strictObject({ bucket: z.literal("principal"), claim: id, amount }),
]);

const uniqueIds = (what: string) => (list: readonly { id: string }[], context: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    if (seen.has(item.id))
      context.addIssue({
        code: "custom",
        path: [index, "id"],
        message: `expected a unique ${what} id (${item.id} repeats)`,
      });
    seen.add(item.id);
  });
};

/**
 * Zod schema of a case file in the JSON contract (`spec/case-file.md`): amounts as decimal strings,
 * dates as `YYYY-MM-DD`, rates in percent per year. Unknown fields are errors (a typo is never
 * ignored). Two documented extensions: a claim's own `interest` (or `null`), and a payment's
 * `allocation` (the debtor's designation).
 *
 * @example
 * ```ts
 * import { caseFileSchema } from "@incasso/core";
 * caseFileSchema.safeParse({ asOf: "2024-06-30", claims: [] }).success; // false: claims expected
 * ```
 */
export const caseFileSchema = z.strictObject({
  asOf: isoDate,
  currency: z.enum(Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]]).default("EUR"),
  terms: z
    .strictObject({
      interest: interestSchema.nullable().optional(),
      penalty: penaltySchema.nullable().optional(),
      penaltyDate: isoDate.optional(),
      imputation: imputationSchema.default("costs-interest-principal"),
    })
    .default({ imputation: "costs-interest-principal" }),
  claims: z
    .array(
      z.strictObject({
        id,
        principal: amount,
        dueDate: isoDate,
        interest: interestSchema.nullable().optional(),
      }),
    )
    .min(1, { message: "expected at least one claim" })
    .max(LIMITS.claimsPerCase, { message: `expected at most ${LIMITS.claimsPerCase} claims` })
    .superRefine(uniqueIds("claim")),
  payments: z
    .array(
      z
        .strictObject({
          id,
          date: isoDate,
          amount,
          allocation: z
            .array(designationSchema)
            .max(2 * LIMITS.claimsPerCase, {
              message: "expected at most one designation per claim and bucket",
            })
            .optional(),
          imputation: imputationSchema.optional(),
        })
        .refine(
          (p) =>
            !isAmountText(p.amount) ||
            (p.allocation ?? []).some((d) => !isAmountText(d.amount)) ||
            (p.allocation ?? [])
              .reduce((sum, d) => sum.plus(d.amount), new MoneyDecimal(0))
              .lte(p.amount),
          {
            message: "expected an allocation of at most the payment's amount",
            path: ["allocation"],
          },
        ),
    )
    .max(LIMITS.paymentsPerCase, { message: `expected at most ${LIMITS.paymentsPerCase} payments` })
    .default([])
    .superRefine(uniqueIds("payment")),
  charges: z
    .array(z.strictObject({ id, kind: z.enum(["cost", "interest"]), date: isoDate, amount }))
    .max(LIMITS.paymentsPerCase, { message: `expected at most ${LIMITS.paymentsPerCase} charges` })
    .default([])
    .superRefine(uniqueIds("charge"))
    .superRefine((charges, context) => {
      charges.forEach((charge, index) => {
        if (charge.id === "penalty") {
          context.addIssue({
            code: "custom",
            path: [index, "id"],
            message: 'expected an id other than "penalty", which the penalty charge uses',
          });
        }
      });
    }),
});

/**
 * The JSON of a case file, as the contract writes it (the input type of {@link caseFileSchema}).
 *
 * @example
 * ```ts
 * import type { CaseFileJson } from "@incasso/core";
 * const json: CaseFileJson = { asOf: "2024-06-30", claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }] };
 * ```
 */
export type CaseFileJson = z.input<typeof caseFileSchema>;

type InterestJson = z.output<typeof interestSchema>;

function toInterest(json: InterestJson): InterestTerms {
  return {
    rate:
      "table" in json.rate
        ? { table: json.rate.table }
        : { fixed: new MoneyDecimal(json.rate.fixed) },
    margin: new MoneyDecimal(json.margin),
    compounding: json.compounding,
    dayCount: json.dayCount,
    start:
      typeof json.start === "string"
        ? { kind: json.start }
        : { kind: "date", date: parseIsoDate(json.start.date) },
    ...(json.capitalisationDates === undefined
      ? {}
      : { capitalisationDates: json.capitalisationDates.map((date) => parseIsoDate(date)) }),
  };
}

/** @internal A penalty clause as JSON, as the engine reads it. */
export function toPenalty(json: z.output<typeof penaltySchema>): PenaltyClause {
  const d = (value: string) => new MoneyDecimal(value);
  switch (json.kind) {
    case "percent":
      return {
        kind: "percent",
        percent: d(json.percent),
        ...(json.min === undefined ? {} : { min: d(json.min) }),
        ...(json.max === undefined ? {} : { max: d(json.max) }),
      };
    case "fixed":
      return { kind: "fixed", amount: d(json.amount) };
    case "nl.bik":
      return json.vatPercent === undefined
        ? { kind: "nl.bik" }
        : { kind: "nl.bik", vatPercent: d(json.vatPercent) };
    case "be.book19":
      return { kind: "be.book19" };
  }
}

/** @internal A designation as JSON, as the engine reads it. */
export function toDesignation(json: z.output<typeof designationSchema>): Designation {
  const value = new MoneyDecimal(json.amount);
  if (json.bucket === "principal") return { bucket: "principal", claim: json.claim, amount: value };
  if (json.bucket === "costs") return { bucket: "costs", charge: json.charge, amount: value };
  return "claim" in json
    ? { bucket: "interest", claim: json.claim, amount: value }
    : { bucket: "interest", charge: json.charge, amount: value };
}

/**
 * Reads a case file in the JSON contract into a {@link CaseFile}, or throws `INVALID_INPUT` with
 * every wrong field named by its path (`case.claims.0.dueDate: expected a date written YYYY-MM-DD`).
 * Nothing is computed from input that does not validate.
 *
 * @example
 * ```ts
 * import { parseCaseFile } from "@incasso/core";
 * const file = parseCaseFile({
 *   asOf: "2024-06-30",
 *   terms: { interest: { rate: { table: "be.commercial" } } },
 *   claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
 * });
 * file.claims[0]?.principal.toFixed(2); // "1000.00"
 * ```
 */
export function parseCaseFile(input: unknown): CaseFile {
  const result = caseFileSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "case");
  const json = result.data;
  const interest = json.terms.interest;
  return {
    asOf: parseIsoDate(json.asOf),
    currency: json.currency,
    terms: {
      interest: interest == null ? null : toInterest(interest),
      penalty: json.terms.penalty == null ? null : toPenalty(json.terms.penalty),
      penaltyDate:
        json.terms.penaltyDate === undefined ? null : parseIsoDate(json.terms.penaltyDate),
      imputation: json.terms.imputation,
    },
    claims: json.claims.map((claim) => ({
      id: claim.id,
      principal: new MoneyDecimal(claim.principal),
      dueDate: parseIsoDate(claim.dueDate),
      ...(claim.interest === undefined
        ? {}
        : { interest: claim.interest === null ? null : toInterest(claim.interest) }),
    })),
    payments: json.payments.map((payment) => ({
      id: payment.id,
      date: parseIsoDate(payment.date),
      amount: new MoneyDecimal(payment.amount),
      ...(payment.allocation === undefined
        ? {}
        : { designation: payment.allocation.map(toDesignation) }),
      ...(payment.imputation === undefined ? {} : { imputation: payment.imputation }),
    })),
    charges: json.charges.map((charge) => ({
      id: charge.id,
      kind: charge.kind,
      date: parseIsoDate(charge.date),
      amount: new MoneyDecimal(charge.amount),
    })),
  };
}
