import type { ErrorCode } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import { UsageError } from "./options.js";
import { InputFileError } from "./read-json-file.js";

/**
 * The exit codes of `incasso`: `ok` 0; `failed` 1, a check that failed (a vector, an invalid
 * reference, a plan that cannot be met, an agenda case file that cannot be computed); `badInput`
 * 2, bad usage or bad input (the message names the option, file or field); `internalError` 70
 * (`EX_SOFTWARE` of sysexits.h), a bug in incasso.
 *
 * @example
 * ```ts
 * import { EXIT_CODES } from "@incasso/cli";
 * process.exitCode = EXIT_CODES.badInput; // 2
 * ```
 */
export const EXIT_CODES = { ok: 0, failed: 1, badInput: 2, internalError: 70 } as const;

/**
 * The codes of an `IncassoError` the CLI can only meet through a bug (exit 70): those of the
 * storage port, since the CLI uses no store. Every other code, including one the core adds later,
 * describes an input the core refused and names it (exit 2).
 */
export const BUG_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "VERSION_CONFLICT",
  "IDEMPOTENCY_KEY_REUSED",
  "NOT_FOUND",
  "FORBIDDEN",
  "OUTBOX_NOT_CLAIMED",
  "ALREADY_FINAL",
]);

/** Whether an error is the user's (bad usage, an unusable file, an input the core refused). */
export function isBadInput(error: unknown): error is Error {
  if (error instanceof UsageError || error instanceof InputFileError) return true;
  return error instanceof IncassoError && !BUG_ERROR_CODES.has(error.code);
}

/** The one line of an error the user can fix: `INVALID_INPUT: case.asOf: ...`. */
export function describeBadInput(error: Error): string {
  return error instanceof IncassoError ? `${error.code}: ${error.message}` : error.message;
}

/** Where a bug is reported: `package.json` of @incasso/cli names no issue tracker yet. */
const REPORT_TO = "report it to the maintainers of @incasso/cli with the command and the input";

/**
 * What `incasso` writes on an internal error: one short line, where to report it, and the stack
 * only with `--debug`.
 */
export function internalErrorLines(error: unknown, debug: boolean): string[] {
  const summary =
    error instanceof IncassoError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  const lines = [
    `incasso: internal error: ${summary}`,
    `This is a bug in incasso, not a problem with your input: please ${REPORT_TO}.`,
  ];
  if (!debug) lines.push("Run the command again with --debug to see where it happened.");
  else lines.push(error instanceof Error && error.stack ? error.stack : String(error));
  return lines;
}
