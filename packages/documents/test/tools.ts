import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The Chromium the PDF tests run (Debian's, installed by .ci/run). */
export const CHROMIUM = process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium";

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/**
 * Whether the real components of the PDF tests are here: Chromium, poppler-utils (pdftotext,
 * pdffonts, pdftoppm) and zbar-tools (zbarimg). In CI (.ci/run installs them) a missing one fails
 * the run; elsewhere the tests are skipped, loudly.
 */
export function realComponents(suite: string): boolean {
  const missing = [
    existsSync(CHROMIUM) ? null : `chromium (${CHROMIUM})`,
    ...["pdftotext", "pdffonts", "pdftoppm", "zbarimg"].map((tool) => (onPath(tool) ? null : tool)),
  ].filter((tool) => tool !== null);
  if (missing.length === 0) return true;
  const message = `${suite}: ${missing.join(", ")} not installed (Debian: apt-get install chromium poppler-utils zbar-tools; .ci/run installs them)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** documents: ${message}. These tests were SKIPPED. ***\n`);
  return false;
}
