import { Temporal } from "temporal-polyfill";
import { IncassoError } from "../errors/incasso-error.js";
import type { OutboxMessage } from "../ports/outbox-store.js";

/**
 * The error of a request that names a client the tenant does not have (`NOT_FOUND` at `path`).
 *
 * @example
 * ```ts
 * import { missingClient } from "@incasso/core/adapter-kit";
 * missingClient("append.events.0.client.id", "acme").code; // "NOT_FOUND"
 * ```
 */
export function missingClient(path: string, clientId: string): IncassoError {
  return new IncassoError("NOT_FOUND", `${path}: expected an existing client (${clientId})`, [
    { path, message: "expected an existing client" },
  ]);
}

/**
 * The error of a key (idempotency key, message key, batch id, scenario version) used before for
 * another request (`IDEMPOTENCY_KEY_REUSED` at `path`).
 *
 * @example
 * ```ts
 * import { reusedKey } from "@incasso/core/adapter-kit";
 * reusedKey("append.idempotencyKey").code; // "IDEMPOTENCY_KEY_REUSED"
 * ```
 */
export function reusedKey(path: string): IncassoError {
  return new IncassoError(
    "IDEMPOTENCY_KEY_REUSED",
    `${path}: expected the same request as the first one under this key`,
    [{ path, message: "expected the same request as the first one under this key" }],
  );
}

/**
 * The error of discarding an import batch that is complete (`ALREADY_FINAL` at `batchId`): a
 * complete batch is the record of an import and is never discarded.
 *
 * @example
 * ```ts
 * import { completeImportBatch } from "@incasso/core/adapter-kit";
 * completeImportBatch("B1").code; // "ALREADY_FINAL"
 * ```
 */
export function completeImportBatch(batchId: string): IncassoError {
  return new IncassoError(
    "ALREADY_FINAL",
    `batchId: expected an incomplete import batch (${batchId} is complete: it is the record of an import and is kept)`,
    [{ path: "batchId", message: "expected an incomplete import batch" }],
  );
}

/**
 * The error of a disposition of an agenda entry the tenant does not have (`NOT_FOUND` at
 * `dispose.entryId`).
 *
 * @example
 * ```ts
 * import { missingAgendaEntry } from "@incasso/core/adapter-kit";
 * missingAgendaEntry("2026-01-31/C1/step-1").code; // "NOT_FOUND"
 * ```
 */
export function missingAgendaEntry(entryId: string): IncassoError {
  return new IncassoError(
    "NOT_FOUND",
    `dispose.entryId: expected an agenda entry of this tenant (${entryId})`,
    [{ path: "dispose.entryId", message: "expected an existing agenda entry" }],
  );
}

/**
 * Checks that a worker may complete an outbox message, the rule every store applies: the message
 * exists (`NOT_FOUND`), is not completed yet (`ALREADY_FINAL`: sent or failed exactly once), and is
 * claimed by this worker (`OUTBOX_NOT_CLAIMED`).
 *
 * @example
 * ```ts
 * import { checkCompletion } from "@incasso/core/adapter-kit";
 * checkCompletion({ status: "claimed", claimedBy: "w1" }, { id: "M1", worker: "w1" }); // fine
 * ```
 */
export function checkCompletion<M extends Pick<OutboxMessage, "status" | "claimedBy">>(
  message: M | undefined,
  request: { readonly id: string; readonly worker: string },
): asserts message is M {
  if (message === undefined) {
    throw new IncassoError(
      "NOT_FOUND",
      `complete.id: expected an outbox message of this tenant (${request.id})`,
      [{ path: "complete.id", message: "expected an existing outbox message" }],
    );
  }
  if (message.status === "sent" || message.status === "failed") {
    throw new IncassoError(
      "ALREADY_FINAL",
      `complete.id: expected a message not yet completed (${request.id} is ${message.status})`,
      [{ path: "complete.id", message: "expected a message not yet completed" }],
    );
  }
  if (message.status !== "claimed" || message.claimedBy !== request.worker) {
    throw new IncassoError(
      "OUTBOX_NOT_CLAIMED",
      `complete.worker: expected the worker holding the claim on ${request.id} (got: ${request.worker})`,
      [{ path: "complete.worker", message: "expected the worker holding the claim" }],
    );
  }
}

/**
 * An instant as every store answers it: UTC, written by Temporal (`2026-01-31T09:00:00Z`).
 *
 * @example
 * ```ts
 * import { storeInstant } from "@incasso/core/adapter-kit";
 * storeInstant("2026-01-31T11:00:00+01:00"); // "2026-01-31T10:00:00Z"
 * ```
 */
export function storeInstant(text: string): string {
  return Temporal.Instant.from(text).toString();
}
