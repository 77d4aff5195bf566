import { createHash } from "node:crypto";
import type { LetterContext } from "@incasso/core";
import { checkLetter, IncassoError } from "@incasso/core";

/**
 * Runs the legal checks of the letter's kind on its words and refuses a letter that lacks an
 * element the law requires: `LETTER_CHECK_FAILED`, one issue per finding, its path the finding's
 * code and its message the element, what was looked for and the legal source.
 *
 * @example
 * ```ts
 * import { assertLetterPasses } from "@incasso/documents";
 * import type { LetterContext } from "@incasso/core";
 * declare const context: LetterContext;
 * assertLetterPasses(context, "Wij verzoeken u ...", "nl/letter14");
 * ```
 */
export function assertLetterPasses(context: LetterContext, text: string, name: string): void {
  const findings = checkLetter(context, text);
  if (findings.length === 0) return;
  throw new IncassoError(
    "LETTER_CHECK_FAILED",
    `letter ${JSON.stringify(name)} (${context.kind}) refused: it lacks ${findings
      .map((finding) => `${finding.element} [${finding.code}; ${finding.source}]`)
      .join("; ")}`,
    findings.map((finding) => ({
      path: finding.code,
      message: `${finding.element}: expected ${finding.expected} (${finding.source})`,
    })),
  );
}

/** The SHA-256 of some bytes in lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
