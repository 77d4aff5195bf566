// Exact integer amounts for payment plans: every amount of one computation as a bigint count of
// units of its finest decimal place (cents, unless an amount has more places), so sums and
// comparisons are integer operations and converting back is exact.
import type { Decimal } from "decimal.js";
import { MoneyDecimal } from "../money/decimal.js";
import { fromCents, toCents } from "../statement/cents.js";

/**
 * The number of decimal places that holds every amount of a plan computation exactly: two, or
 * more when an instalment, a payment or the total has more.
 *
 * @internal
 */
export function unitScale(
  instalments: readonly { readonly amount: Decimal }[],
  payments: readonly { readonly amount: Decimal }[],
  total: Decimal,
): number {
  let scale = Math.max(2, total.decimalPlaces());
  for (const instalment of instalments) scale = Math.max(scale, instalment.amount.decimalPlaces());
  for (const payment of payments) scale = Math.max(scale, payment.amount.decimalPlaces());
  return scale;
}

/**
 * An amount as a bigint count of units of `scale` decimal places (exact: `scale` is at least the
 * amount's places).
 *
 * @internal
 */
export function toUnits(value: Decimal, scale: number): bigint {
  if (scale === 2) return toCents(value, "amount");
  return BigInt(value.toFixed(scale).replace(".", ""));
}

/**
 * A bigint count of units of `scale` decimal places as a decimal, exactly.
 *
 * @internal
 */
export function fromUnits(units: bigint, scale: number): Decimal {
  if (scale === 2) return fromCents(units);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  return new MoneyDecimal(
    `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`,
  );
}
