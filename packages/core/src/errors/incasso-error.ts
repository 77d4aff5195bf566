import type { ErrorCode } from "./error-codes.js";

/**
 * One problem found in an input: the path of the field in the input, and what was expected there.
 *
 * @example
 * ```ts
 * import type { IssueDetail } from "@incasso/core";
 * const issue: IssueDetail = { path: "claims.0.dueDate", message: "expected a date YYYY-MM-DD" };
 * ```
 */
export interface IssueDetail {
  /** Dotted path of the field, such as `claims.0.dueDate`; empty for the input as a whole. */
  readonly path: string;
  /** What was expected, in words. */
  readonly message: string;
}

/**
 * The error the core throws for bad input and broken invariants. It carries a stable
 * {@link ErrorCode}, and for input errors the list of fields that were wrong.
 *
 * @example
 * ```ts
 * import { IncassoError, parseIsoDate } from "@incasso/core";
 * try {
 *   parseIsoDate("2026-02-30", "dueDate");
 * } catch (error) {
 *   if (error instanceof IncassoError) console.log(error.code, error.issues[0]?.path); // INVALID_DATE dueDate
 * }
 * ```
 */
export class IncassoError extends Error {
  /** The stable code of the problem. */
  readonly code: ErrorCode;
  /** The fields that were wrong, for input errors; empty otherwise. */
  readonly issues: readonly IssueDetail[];

  constructor(code: ErrorCode, message: string, issues: readonly IssueDetail[] = []) {
    super(message);
    this.name = "IncassoError";
    this.code = code;
    this.issues = issues;
  }
}

/**
 * Builds an {@link IncassoError} for one wrong field, with a message of the form
 * `field: what was expected (got: value)`.
 *
 * @example
 * ```ts
 * import { fieldError } from "@incasso/core";
 * throw fieldError("INVALID_DATE", "dueDate", "expected a date YYYY-MM-DD", "31/12/2026");
 * ```
 */
export function fieldError(
  code: ErrorCode,
  field: string,
  expected: string,
  received?: unknown,
): IncassoError {
  const got = received === undefined ? "" : ` (got: ${JSON.stringify(received)})`;
  const where = field === "" ? "" : `${field}: `;
  return new IncassoError(code, `${where}${expected}${got}`, [{ path: field, message: expected }]);
}
