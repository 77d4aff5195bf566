import { IncassoError } from "../errors/incasso-error.js";
import type { DecimalInput } from "./decimal.js";
import { MoneyDecimal, toDecimal } from "./decimal.js";
import { Money } from "./money.js";

/**
 * Where the cents go that proportional shares leave over.
 *
 * - `largest-remainder`: one cent each to the parts whose exact share lost the most in rounding
 *   down, ties to the earlier part (the fairest split; Hamilton's method).
 * - `first` / `last`: all leftover cents to the first / last part with a non-zero ratio (payment
 *   plans put the rounding difference on the first or the last instalment).
 *
 * @example
 * ```ts
 * import type { RemainderPolicy } from "@incasso/core";
 * const policy: RemainderPolicy = "last";
 * ```
 */
export type RemainderPolicy = "largest-remainder" | "first" | "last";

/**
 * Options of {@link allocate}.
 *
 * @example
 * ```ts
 * import type { AllocateOptions } from "@incasso/core";
 * const options: AllocateOptions = { remainder: "first" };
 * ```
 */
export interface AllocateOptions {
  /** Where leftover cents go; `largest-remainder` by default. */
  readonly remainder?: RemainderPolicy;
}

/**
 * Splits an amount into parts proportional to `ratios`, each a whole number of cents, that add up
 * to exactly the amount: no cent is lost and none is invented. A negative amount is split as its
 * absolute value and every part negated. Parts with ratio zero get zero.
 *
 * Throws `SUBUNIT_AMOUNT` when the amount is not a whole number of cents, and
 * `INVALID_ALLOCATION` when there are no ratios, a ratio is negative, or all ratios are zero.
 *
 * @example
 * ```ts
 * import { allocate, Money } from "@incasso/core";
 * allocate(Money.of("100.00"), ["1", "1", "1"]).map(String); // ["33.34 EUR", "33.33 EUR", "33.33 EUR"]
 * allocate(Money.of("100.00"), ["1", "1", "1"], { remainder: "last" }).map(String);
 * // ["33.33 EUR", "33.33 EUR", "33.34 EUR"]
 * ```
 */
export function allocate(
  amount: Money,
  ratios: readonly DecimalInput[],
  options: AllocateOptions = {},
): Money[] {
  if (!amount.isRounded()) {
    throw new IncassoError(
      "SUBUNIT_AMOUNT",
      `amount: expected a whole number of cents to allocate (got: ${amount.toFixed()})`,
    );
  }
  if (ratios.length === 0) {
    throw new IncassoError("INVALID_ALLOCATION", "ratios: expected at least one ratio");
  }
  const decimals = ratios.map((ratio, index) => toDecimal(ratio, `ratios.${index}`));
  decimals.forEach((ratio, index) => {
    if (ratio.isNegative() && !ratio.isZero()) {
      throw new IncassoError(
        "INVALID_ALLOCATION",
        `ratios.${index}: expected a ratio of zero or more`,
      );
    }
  });
  // Exact integer arithmetic: ratios scaled to integers, the amount in minor units.
  const scale = Math.max(...decimals.map((ratio) => ratio.decimalPlaces()));
  const weights = decimals.map((ratio) =>
    BigInt(ratio.times(new MoneyDecimal(10).pow(scale)).toFixed(0)),
  );
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
  if (totalWeight === 0n) {
    throw new IncassoError("INVALID_ALLOCATION", "ratios: expected at least one ratio above zero");
  }
  const unit = new MoneyDecimal(10).pow(amount.minorUnits);
  const units = BigInt(amount.amount.abs().times(unit).toFixed(0));
  const shares = weights.map((weight) => (units * weight) / totalWeight);
  let leftover = units - shares.reduce((sum, share) => sum + share, 0n);
  const receivers = leftoverReceivers(
    weights,
    units,
    totalWeight,
    options.remainder ?? "largest-remainder",
  );
  for (const index of receivers) {
    if (leftover === 0n) break;
    const give = options.remainder === "first" || options.remainder === "last" ? leftover : 1n;
    shares[index] = (shares[index] ?? 0n) + give;
    leftover -= give;
  }
  const sign = amount.isNegative() ? -1 : 1;
  return shares.map((share) =>
    Money.of(new MoneyDecimal(share.toString()).dividedBy(unit).times(sign), amount.currency),
  );
}

/**
 * Splits an amount into `parts` equal shares to the cent; see {@link allocate} for the leftover
 * cents.
 *
 * @example
 * ```ts
 * import { Money, splitEvenly } from "@incasso/core";
 * splitEvenly(Money.of("10.00"), 3).map((part) => part.toFixed()); // ["3.34", "3.33", "3.33"]
 * ```
 */
export function splitEvenly(amount: Money, parts: number, options: AllocateOptions = {}): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new IncassoError(
      "INVALID_ALLOCATION",
      `parts: expected a whole number of 1 or more (got: ${parts})`,
    );
  }
  return allocate(
    amount,
    Array.from({ length: parts }, () => "1"),
    options,
  );
}

function leftoverReceivers(
  weights: readonly bigint[],
  units: bigint,
  totalWeight: bigint,
  policy: RemainderPolicy,
): number[] {
  const positive = weights.flatMap((weight, index) => (weight > 0n ? [index] : []));
  if (policy === "first") return positive.slice(0, 1);
  if (policy === "last") return positive.slice(-1);
  return positive
    .map((index) => ({ index, lost: (units * (weights[index] ?? 0n)) % totalWeight }))
    .sort((a, b) => (a.lost === b.lost ? a.index - b.index : a.lost > b.lost ? -1 : 1))
    .map((entry) => entry.index);
}
