import { MoneyDecimal } from "@incasso/core";
import type { VectorFailure } from "./run-vector.js";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Compares what a vector expects with what was computed, by the contract's rules: only the fields
 * present in `expected` are compared; amounts compare as decimals (`"12.5"` equals `"12.50"` and
 * `"1E+1"` equals `"10"`); dates, ids and other strings as strings; numbers as numbers; arrays
 * element by element in order, with the same length. Returns one failure per difference, with its
 * field path.
 *
 * @example
 * ```ts
 * import { compareSubset } from "@incasso/cli";
 * compareSubset({ totals: { interest: "12.5" } }, { totals: { interest: "12.50", costs: "0.00" } }); // []
 * ```
 */
export function compareSubset(expected: unknown, actual: unknown, path = ""): VectorFailure[] {
  const here = path === "" ? "expect" : path;
  const differ = (): VectorFailure[] => [
    { path: here, expected: JSON.stringify(expected), actual: JSON.stringify(actual) },
  ];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differ();
    const failures = expected.flatMap((item, index) =>
      compareSubset(item, actual[index], join(path, String(index))),
    );
    if (actual.length !== expected.length) {
      failures.push({
        path: `${here}.length`,
        expected: String(expected.length),
        actual: String(actual.length),
      });
    }
    return failures;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return differ();
    return Object.entries(expected).flatMap(([key, value]) =>
      compareSubset(value, (actual as Record<string, unknown>)[key], join(path, key)),
    );
  }
  if (
    typeof expected === "string" &&
    typeof actual === "string" &&
    DECIMAL.test(expected) &&
    DECIMAL.test(actual)
  ) {
    return new MoneyDecimal(expected).equals(new MoneyDecimal(actual)) ? [] : differ();
  }
  return Object.is(expected, actual) ? [] : differ();
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
