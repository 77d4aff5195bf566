import type { LocalizedName } from "../../calendar/calendar-definition.js";
import type { FindingCode } from "./finding-code.js";

/**
 * What a rule pack found when it checked a case: an error (something is not due or not allowed, and
 * was left out), a warning (a court may see it differently) or information, with a stable code, a
 * message in nl/fr/en and the legal source.
 *
 * @example
 * ```ts
 * import type { Finding } from "@incasso/core";
 * const blocking = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "error");
 * ```
 */
export interface Finding {
  readonly severity: "error" | "warning" | "info";
  readonly code: FindingCode;
  readonly message: LocalizedName;
  readonly source: string;
  readonly eventId?: string;
}
