import { Decimal } from "decimal.js";

/**
 * How an amount is rounded to a number of decimals.
 *
 * - `half-up`: ties away from zero (2.345 → 2.35, -2.345 → -2.35); the default for money.
 * - `half-even`: ties to the even digit (banker's rounding: 2.345 → 2.34, 2.355 → 2.36).
 * - `half-down`: ties toward zero.
 * - `up` / `down`: away from / toward zero.
 * - `ceiling` / `floor`: toward +∞ / −∞.
 *
 * @example
 * ```ts
 * import { Money, type RoundingMode } from "@incasso/core";
 * const mode: RoundingMode = "half-even";
 * Money.of("2.345").round(mode).toString(); // "2.34 EUR"
 * ```
 */
export type RoundingMode =
  | "half-up"
  | "half-even"
  | "half-down"
  | "up"
  | "down"
  | "ceiling"
  | "floor";

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  "half-up": Decimal.ROUND_HALF_UP,
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/**
 * Rounds a decimal to `places` decimals with the given {@link RoundingMode}.
 *
 * @example
 * ```ts
 * import { roundDecimal, toDecimal } from "@incasso/core";
 * roundDecimal(toDecimal("2.345"), 2, "half-up").toFixed(2); // "2.35"
 * ```
 */
export function roundDecimal(
  value: Decimal,
  places: number,
  mode: RoundingMode = "half-up",
): Decimal {
  return value.toDecimalPlaces(places, MODES[mode]);
}
