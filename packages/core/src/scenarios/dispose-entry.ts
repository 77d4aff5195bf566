import type { CaseEventJson } from "../case/case-event.js";
import type { AgendaEntry } from "./agenda.js";

/**
 * What a clerk decides about an agenda entry: done (with the result), rescheduled to a date (a new
 * entry; the old one is marked continued), or cancelled with a reason.
 *
 * @example
 * ```ts
 * import type { Disposition } from "@incasso/core";
 * const later: Disposition = { kind: "rescheduled", to: "2026-02-15" };
 * ```
 */
export type Disposition =
  | { readonly kind: "done"; readonly result: string }
  | { readonly kind: "rescheduled"; readonly to: string }
  | { readonly kind: "cancelled"; readonly reason: string };

/**
 * Who decides and when (an instant the host passes in), and the id of the event to create.
 *
 * @example
 * ```ts
 * import type { DispositionMeta } from "@incasso/core";
 * const meta: DispositionMeta = { id: "ev-981", at: "2026-01-31", recordedAt: "2026-01-31T09:12:00Z", by: "an.peeters" };
 * ```
 */
export interface DispositionMeta {
  readonly id: string;
  readonly at: string;
  readonly recordedAt: string;
  readonly by: string;
}

/**
 * The event to append to the case for a disposition of an agenda entry.
 *
 * @example
 * ```ts
 * import { disposeEntry, type AgendaEntry } from "@incasso/core";
 * declare const entry: AgendaEntry;
 * disposeEntry(entry, { kind: "done", result: "sent" }, { id: "e9", at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "clerk" });
 * ```
 */
export function disposeEntry(
  entry: Pick<AgendaEntry, "step" | "actionId">,
  disposition: Disposition,
  meta: DispositionMeta,
): CaseEventJson {
  if (entry.step === null) {
    if (disposition.kind !== "done") {
      return {
        ...meta,
        type: "note.added",
        text: `action ${entry.actionId} ${disposition.kind}: ${disposition.kind === "rescheduled" ? disposition.to : disposition.reason}`,
      };
    }
    return {
      ...meta,
      type: "extra-action.done",
      actionId: entry.actionId as string,
      result: disposition.result,
    };
  }
  switch (disposition.kind) {
    case "done":
      return { ...meta, type: "action.done", step: entry.step, result: disposition.result };
    case "rescheduled":
      return { ...meta, type: "action.rescheduled", step: entry.step, to: disposition.to };
    case "cancelled":
      return { ...meta, type: "action.cancelled", step: entry.step, reason: disposition.reason };
  }
}
