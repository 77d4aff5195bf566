import { Temporal } from "temporal-polyfill";
import type { z } from "zod";
import type { CaseEventJson } from "../case/case-event.js";
import { fromZodError } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { AgendaRecord } from "../ports/agenda-store.js";
import { disposeEntry } from "../scenarios/agenda.js";
import { disposeRequestSchema } from "./store-schemas.js";

/**
 * A validated disposition request.
 *
 * @example
 * ```ts
 * import type { ParsedDisposeRequest } from "@incasso/core/adapter-kit";
 * const kind = (request: ParsedDisposeRequest) => request.disposition.kind;
 * ```
 */
export type ParsedDisposeRequest = z.output<typeof disposeRequestSchema>;

/**
 * Validates a disposition request, answering bad input with `INVALID_INPUT` naming
 * `dispose.<field>`.
 *
 * @example
 * ```ts
 * import { parseDisposeRequest } from "@incasso/core/adapter-kit";
 * parseDisposeRequest({ entryId: "2026-01-31/C1/step-1", disposition: { kind: "done", result: "sent" },
 *   event: { id: "e9", at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "clerk" }, asOf: "2026-01-31" });
 * ```
 */
export function parseDisposeRequest(input: unknown): ParsedDisposeRequest {
  const result = disposeRequestSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "dispose");
  return result.data;
}

/**
 * Prepares the disposition of a stored agenda entry without I/O, given the version its event will
 * have (the case's current version plus one): the event to append to its case
 * (`action.done`, `action.rescheduled`, `action.cancelled`, or for an extra action
 * `extra-action.done` or a note) and the entry as it will be stored. An entry already disposed is
 * `ALREADY_FINAL`, unless the request is the same one again (same event id): then `replay` is true
 * and nothing is to be stored.
 *
 * @example
 * ```ts
 * import type { AgendaRecord } from "@incasso/core";
 * import { parseDisposeRequest, prepareDisposal } from "@incasso/core/adapter-kit";
 * declare const entry: AgendaRecord;
 * declare const input: unknown;
 * const { event, entry: disposed } = prepareDisposal(entry, parseDisposeRequest(input), 8);
 * ```
 */
export function prepareDisposal(
  entry: AgendaRecord,
  request: ParsedDisposeRequest,
  version: number,
): { readonly event: CaseEventJson; readonly entry: AgendaRecord; readonly replay: boolean } {
  const event = disposeEntry(entry, request.disposition, request.event);
  if (entry.status !== "open") {
    if (entry.disposition?.eventId === request.event.id) return { event, entry, replay: true };
    throw new IncassoError(
      "ALREADY_FINAL",
      `dispose.entryId: expected an open agenda entry (${entry.id} is ${entry.status})`,
      [{ path: "dispose.entryId", message: "expected an open agenda entry" }],
    );
  }
  const disposition = request.disposition;
  const detail =
    disposition.kind === "done"
      ? disposition.result
      : disposition.kind === "rescheduled"
        ? disposition.to
        : disposition.reason;
  return {
    event,
    replay: false,
    entry: {
      ...entry,
      status: disposition.kind,
      disposition: {
        by: request.event.by,
        recordedAt: Temporal.Instant.from(request.event.recordedAt).toString(),
        eventId: request.event.id,
        version,
        detail,
      },
    },
  };
}

/**
 * The former name of {@link prepareDisposal}.
 *
 * @deprecated Use {@link prepareDisposal}; this alias goes in the next release.
 * @example
 * ```ts
 * import type { AgendaRecord } from "@incasso/core";
 * import { parseDisposeRequest, prepareDisposal } from "@incasso/core/adapter-kit";
 * declare const entry: AgendaRecord;
 * declare const input: unknown;
 * prepareDisposal(entry, parseDisposeRequest(input), 8);
 * ```
 */
export const planDisposal: typeof prepareDisposal = prepareDisposal;
