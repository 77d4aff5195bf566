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
