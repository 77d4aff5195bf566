import type { Decimal } from "decimal.js";
import { MoneyDecimal } from "../money/decimal.js";
import { roundDecimal } from "../money/rounding-mode.js";

/**
 * A penalty clause (schadebeding / clause pénale) or statutory collection-cost scale:
 * - `percent`: a percentage of the outstanding principal, raised to `min` and capped at `max`;
 * - `fixed`: a fixed amount (the B2B 40 EUR compensation is `{ kind: "fixed", amount: 40 }`);
 * - `nl.bik`: the Dutch BIK scale (Besluit vergoeding voor buitengerechtelijke incassokosten art. 2),
 *   raised by `vatPercent` when the creditor cannot deduct VAT and declares so;
 * - `be.book19`: the Belgian consumer damages cap (WER art. XIX.4).
 *
 * @example
 * ```ts
 * import { MoneyDecimal, type PenaltyClause } from "@incasso/core";
 * const clause: PenaltyClause = { kind: "percent", percent: new MoneyDecimal(10), min: new MoneyDecimal(50) };
 * ```
 */
export type PenaltyClause =
  | {
      readonly kind: "percent";
      readonly percent: Decimal;
      readonly min?: Decimal;
      readonly max?: Decimal;
    }
  | { readonly kind: "fixed"; readonly amount: Decimal }
  | { readonly kind: "nl.bik"; readonly vatPercent?: Decimal }
  | { readonly kind: "be.book19" };

const d = (value: string | number) => new MoneyDecimal(value);
const BIK_TIERS: readonly (readonly [Decimal, Decimal])[] = [
  [d(2500), d("0.15")],
  [d(2500), d("0.10")],
  [d(5000), d("0.05")],
  [d(190000), d("0.01")],
];

/**
 * The Dutch BIK amount on a principal (hoofdsom): 15 % of the first 2,500; 10 % of the next 2,500;
 * 5 % of the next 5,000; 1 % of the next 190,000; 0.5 % above; rounded half-up to the cent, at least
 * 40 and at most 6,775; then, with `vatPercent`, raised by that VAT and rounded again
 * (Besluit BIK art. 2, Stb. 2012, 141).
 *
 * @example
 * ```ts
 * import { MoneyDecimal, nlBikAmount } from "@incasso/core";
 * nlBikAmount(new MoneyDecimal("6000")).toFixed(2); // "675.00"
 * nlBikAmount(new MoneyDecimal("1000"), new MoneyDecimal("21")).toFixed(2); // "181.50"
 * ```
 */
export function nlBikAmount(principal: Decimal, vatPercent?: Decimal): Decimal {
  let rest = principal;
  let fee = d(0);
  for (const [size, rate] of BIK_TIERS) {
    const part = MoneyDecimal.min(rest, size);
    if (part.lte(0)) break;
    fee = fee.plus(part.times(rate));
    rest = rest.minus(part);
  }
  if (rest.gt(0)) fee = fee.plus(rest.times("0.005"));
  let amount = MoneyDecimal.min(MoneyDecimal.max(roundDecimal(fee, 2), d(40)), d(6775));
  if (vatPercent !== undefined)
    amount = roundDecimal(amount.times(vatPercent.dividedBy(100).plus(1)), 2);
  return amount;
}

/**
 * The Belgian consumer damages cap of Book XIX WER (art. XIX.4) on the amount outstanding: 20 up to
 * 150; 30 + 10 % of the part above 150 up to 500; 65 + 5 % of the part above 500, at most 2,000;
 * rounded half-up to the cent. Note the jump of 10 at 150.01.
 *
 * @example
 * ```ts
 * import { beBook19Damages, MoneyDecimal } from "@incasso/core";
 * beBook19Damages(new MoneyDecimal("420")).toFixed(2); // "57.00"
 * beBook19Damages(new MoneyDecimal("150.01")).toFixed(2); // "30.00"
 * ```
 */
export function beBook19Damages(outstanding: Decimal): Decimal {
  if (outstanding.lte(150)) return d(20);
  if (outstanding.lte(500)) return roundDecimal(d(30).plus(outstanding.minus(150).times("0.1")), 2);
  return MoneyDecimal.min(
    roundDecimal(d(65).plus(outstanding.minus(500).times("0.05")), 2),
    d(2000),
  );
}

/**
 * The amount of a {@link PenaltyClause} on a base (the outstanding principal), rounded half-up to
 * the cent. A base of zero or less gives zero: nothing is owed to compensate.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, penaltyAmount } from "@incasso/core";
 * penaltyAmount({ kind: "percent", percent: new MoneyDecimal(10), min: new MoneyDecimal(50) }, new MoneyDecimal(320)).toFixed(2); // "50.00"
 * ```
 */
export function penaltyAmount(clause: PenaltyClause, base: Decimal): Decimal {
  if (base.lte(0)) return d(0);
  switch (clause.kind) {
    case "fixed":
      return clause.amount;
    case "nl.bik":
      return nlBikAmount(base, clause.vatPercent);
    case "be.book19":
      return beBook19Damages(base);
    case "percent": {
      let amount = roundDecimal(base.times(clause.percent).dividedBy(100), 2);
      if (clause.min !== undefined) amount = MoneyDecimal.max(amount, clause.min);
      if (clause.max !== undefined) amount = MoneyDecimal.min(amount, clause.max);
      return amount;
    }
  }
}

/**
 * The fixed compensation for recovery costs in commercial transactions: 40 EUR, due without a
 * reminder (BE law of 2 August 2002 art. 6; NL art. 6:96 lid 4 BW; Directive 2011/7/EU art. 6).
 *
 * @example
 * ```ts
 * import { B2B_COMPENSATION, MoneyDecimal, penaltyAmount } from "@incasso/core";
 * penaltyAmount(B2B_COMPENSATION, new MoneyDecimal("1200")).toFixed(2); // "40.00"
 * ```
 */
export const B2B_COMPENSATION: PenaltyClause = Object.freeze({
  kind: "fixed",
  amount: new MoneyDecimal(40),
});

/** A decimal as the exact fraction `num / den`, `den` a power of ten, read from its plain text. */
function fractionOf(value: Decimal): { readonly num: bigint; readonly den: bigint } {
  const text = value.toFixed();
  const point = text.indexOf(".");
  if (point < 0) return { num: BigInt(text), den: 1n };
  return {
    num: BigInt(text.slice(0, point) + text.slice(point + 1)),
    den: 10n ** BigInt(text.length - point - 1),
  };
}

/** `num / den` (den > 0) rounded half-up, ties away from zero (decimal.js's ROUND_HALF_UP). */
function roundHalfUp(num: bigint, den: bigint): bigint {
  const magnitude = num < 0n ? -num : num;
  const rounded = (magnitude * 2n + den) / (den * 2n);
  return num < 0n ? -rounded : rounded;
}

/** Cents of a decimal with at most two decimal places, or null. */
function centsOf(value: Decimal): bigint | null {
  // An infinite bound (no cap, set in code) has no cents: the decimal path takes it.
  if (!value.isFinite()) return null;
  const { num, den } = fractionOf(value);
  return den > 100n ? null : (num * 100n) / den;
}

/**
 * Whether decimal arithmetic (40 significant digits) computes a clause's product with this factor
 * exactly, as integers do: at most 8 decimal places and below a million. Any amount a statement
 * holds times such a factor stays far below 40 digits. Other factors are computed in decimals.
 */
const exactFactor = (value: Decimal) => value.decimalPlaces() <= 8 && value.abs().lt(1e6);

/**
 * The amount of a {@link PenaltyClause} in cents on a base in cents: {@link penaltyAmount} in
 * exact integer arithmetic, identical to it (a differential property test proves it on every
 * bracket boundary of the scales). A clause with a `min` or `max` finer than the cent, or with a
 * percentage or VAT of more than 8 decimal places or above a million, is computed by
 * {@link penaltyAmount} itself; the result must be whole cents (`SUBUNIT_AMOUNT`).
 *
 * @param clause - the penalty clause or statutory scale
 * @param base - the base (the outstanding principal) in cents
 * @param toCents - reads a decimal amount as cents, refusing fractions of a cent
 * @internal
 */
export function penaltyCents(
  clause: PenaltyClause,
  base: bigint,
  toCents: (amount: Decimal) => bigint,
): bigint {
  if (base <= 0n) return 0n;
  switch (clause.kind) {
    case "fixed":
      return toCents(clause.amount);
    case "nl.bik": {
      // In thousandths of a cent: 15 % of the first 2,500; 10 % of the next 2,500; 5 % of the
      // next 5,000; 1 % of the next 190,000; 0.5 % above.
      let rest = base;
      let fee = 0n;
      for (const [size, perMille] of BIK_TIERS_CENTS) {
        let part = size;
        if (rest < size) part = rest;
        fee += part * perMille;
        rest -= part;
        if (rest === 0n) break;
      }
      fee += rest * 5n;
      let amount = roundHalfUp(fee, 1000n);
      if (amount < 4_000n) amount = 4_000n;
      if (amount > 677_500n) amount = 677_500n;
      if (clause.vatPercent === undefined) return amount;
      if (!exactFactor(clause.vatPercent))
        return toCents(penaltyAmount(clause, centsToDecimal(base)));
      const vat = fractionOf(clause.vatPercent);
      return roundHalfUp(amount * (100n * vat.den + vat.num), 100n * vat.den);
    }
    case "be.book19":
      if (base <= 15_000n) return 2_000n;
      if (base <= 50_000n) return 3_000n + roundHalfUp(base - 15_000n, 10n);
      {
        const amount = 6_500n + roundHalfUp((base - 50_000n) * 5n, 100n);
        return amount < 200_000n ? amount : 200_000n;
      }
    case "percent": {
      const min = clause.min === undefined ? undefined : centsOf(clause.min);
      const max = clause.max === undefined ? undefined : centsOf(clause.max);
      if (min === null || max === null || !exactFactor(clause.percent))
        return toCents(penaltyAmount(clause, centsToDecimal(base)));
      const percent = fractionOf(clause.percent);
      let amount = roundHalfUp(base * percent.num, 100n * percent.den);
      if (min !== undefined && amount < min) amount = min;
      if (max !== undefined && amount > max) amount = max;
      return amount;
    }
  }
}

/** The BIK tiers in cents, with their rates in thousandths. */
const BIK_TIERS_CENTS: readonly (readonly [bigint, bigint])[] = [
  [250_000n, 150n],
  [250_000n, 100n],
  [500_000n, 50n],
  [19_000_000n, 10n],
];

/** Cents as a decimal, through text (only for the rare clauses computed in decimals). */
function centsToDecimal(cents: bigint): Decimal {
  return new MoneyDecimal(cents.toString()).dividedBy(100);
}
