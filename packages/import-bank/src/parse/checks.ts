import { Decimal } from "decimal.js";
import type { Balance, FileLocation, Finding, FindingCode } from "./model.js";

const Wide = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_EVEN });

/** The exact sum of amounts (no rounding, whatever the count). */
export function exactSum(amounts: Iterable<Decimal>): Decimal {
  let sum = new Wide(0);
  for (const amount of amounts) sum = sum.plus(amount.toString());
  return new Decimal(sum.toString());
}

export function finding(
  code: FindingCode,
  severity: Finding["severity"],
  message: string,
  location: FileLocation,
): Finding {
  return { code, severity, message, location };
}

/**
 * Reports when opening balance + movements differs from the closing balance. It never changes
 * either figure: the file is read as written.
 */
export function balanceFinding(
  opening: Balance | null,
  closing: Balance | null,
  movements: Decimal,
  location: FileLocation,
): Finding | null {
  if (opening === null || closing === null)
    return finding(
      "missing-balance",
      "warning",
      `the statement gives no ${opening === null ? "opening" : "closing"} balance, so its movements cannot be reconciled`,
      location,
    );
  const expected = exactSum([opening.amount, movements]);
  if (expected.equals(closing.amount)) return null;
  return finding(
    "balance-mismatch",
    "error",
    `opening balance ${opening.amount.toString()} + movements ${movements.toString()} = ${expected.toString()}, but the closing balance is ${closing.amount.toString()} (difference ${closing.amount.minus(expected).toString()})`,
    location,
  );
}

/** Reports each jump in a list of sequence numbers that should count up by one. */
export function sequenceFindings(
  numbers: readonly { readonly value: number; readonly location: FileLocation }[],
  what: string,
): Finding[] {
  const out: Finding[] = [];
  for (let i = 1; i < numbers.length; i += 1) {
    const previous = numbers[i - 1];
    const current = numbers[i];
    if (previous === undefined || current === undefined) continue;
    if (current.value !== previous.value + 1)
      out.push(
        finding(
          "sequence-gap",
          "warning",
          `${what} ${current.value} follows ${previous.value}: expected ${previous.value + 1}`,
          current.location,
        ),
      );
  }
  return out;
}
