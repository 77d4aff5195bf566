import type { Finding } from "./finding.js";
import type { FindingCode, FindingParams } from "./finding-code.js";
import { FINDING_SEVERITY } from "./finding-code.js";
import { findingMessage } from "./finding-messages.js";

/**
 * What a rule pack reports: a code with the data of its message, the legal source and the event it
 * is about. Its severity and its message in every language follow from the code (see
 * {@link toFinding}). A code whose message needs no data takes no `params`.
 *
 * @internal
 */
export type FindingReport = {
  readonly [C in FindingCode]: {
    readonly code: C;
    readonly source: string;
    readonly eventId?: string;
  } & (FindingParams[C] extends Readonly<Record<string, never>>
    ? { readonly params?: FindingParams[C] }
    : { readonly params: FindingParams[C] });
}[FindingCode];

/**
 * The finding a report becomes: the code's severity and its message from the catalogues.
 *
 * @internal
 */
export function toFinding(report: FindingReport): Finding {
  // A report is a union over the codes; TypeScript cannot see that its params match its code,
  // which the type of FindingReport guarantees.
  const message = findingMessage(report.code, (report.params ?? {}) as never);
  return {
    severity: FINDING_SEVERITY[report.code],
    code: report.code,
    message,
    source: report.source,
    ...(report.eventId === undefined ? {} : { eventId: report.eventId }),
  };
}
