import type { z } from "zod";
import type {
  claimRequestSchema,
  completeRequestSchema,
  outboxMessageInputSchema,
  outboxQuerySchema,
} from "../storage/store-schemas.js";
import type { StoreScope } from "./store-scope.js";

/**
 * An outbox message to write with an append (see {@link outboxMessageInputSchema}).
 *
 * @example
 * ```ts
 * import type { OutboxMessageInput } from "@incasso/core";
 * const message: OutboxMessageInput = { key: "C1:REM1", kind: "send-email", payload: { template: "REM1" } };
 * ```
 */
export type OutboxMessageInput = z.input<typeof outboxMessageInputSchema>;

/**
 * A message of the outbox with its state: pending, claimed by a worker until its lease runs out,
 * then sent or failed (exactly once).
 *
 * @example
 * ```ts
 * import type { OutboxMessage } from "@incasso/core";
 * const retryable = (message: OutboxMessage) => message.status === "failed";
 * ```
 */
export interface OutboxMessage {
  readonly id: string;
  readonly caseId: string;
  /** The case version whose append wrote the message. */
  readonly caseVersion: number;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly notBefore: string | null;
  readonly status: "pending" | "claimed" | "sent" | "failed";
  readonly attempts: number;
  readonly claimedBy: string | null;
  readonly leaseUntil: string | null;
  readonly completedAt: string | null;
  readonly detail: string | null;
}

/**
 * A claim on the outbox (see {@link claimRequestSchema}).
 *
 * @example
 * ```ts
 * import type { ClaimRequest } from "@incasso/core";
 * const claim: ClaimRequest = { worker: "mailer-1", limit: 10, now: "2026-01-31T09:00:00Z" };
 * ```
 */
export type ClaimRequest = z.input<typeof claimRequestSchema>;

/**
 * The outcome of sending a message (see {@link completeRequestSchema}).
 *
 * @example
 * ```ts
 * import type { CompleteRequest } from "@incasso/core";
 * const done: CompleteRequest = { id: "C1:REM1", worker: "mailer-1", outcome: "sent", at: "2026-01-31T09:00:01Z" };
 * ```
 */
export type CompleteRequest = z.input<typeof completeRequestSchema>;

/**
 * An outbox query (see {@link outboxQuerySchema}).
 *
 * @example
 * ```ts
 * import type { OutboxQuery } from "@incasso/core";
 * const failed: OutboxQuery = { status: "failed" };
 * ```
 */
export type OutboxQuery = z.input<typeof outboxQuerySchema>;

/**
 * The port of the transactional outbox (capability `"outbox"`): the commands for the messaging
 * adapters, written by {@link CaseEventStore.append} in the transaction of the events that cause
 * them (so a message exists exactly when its event does), then claimed, sent and completed by
 * dispatchers. An adapter of this port implements the events port as well.
 *
 * @example
 * ```ts
 * import type { OutboxStore } from "@incasso/core";
 * declare const store: OutboxStore;
 * const scope = { tenantId: "firm-1" };
 * for (const message of await store.claimOutbox(scope, { worker: "mailer-1", now: "2026-01-31T09:00:00Z" })) {
 *   await store.completeOutbox(scope, { id: message.id, worker: "mailer-1", outcome: "sent", at: "2026-01-31T09:00:01Z" });
 * }
 * ```
 */
export interface OutboxStore {
  /**
   * Claims up to `limit` sendable messages for `worker` until `now` plus the lease: pending ones
   * whose `notBefore` has passed, and claimed ones whose lease lapsed (another worker takes them
   * over; `attempts` counts the tries).
   *
   * - Ordering: in the order the messages were written (FIFO per tenant).
   * - Concurrency: two concurrent claimers never get the same message.
   * - Errors: a tenant scope only (`FORBIDDEN`); bad input is `INVALID_INPUT` naming
   *   `claim.<field>`.
   */
  claimOutbox(scope: StoreScope, request: ClaimRequest): Promise<OutboxMessage[]>;
  /**
   * Marks a claimed message sent or failed, exactly once, by the worker holding the claim:
   * `NOT_FOUND` at `complete.id` for an unknown message, `ALREADY_FINAL` for one completed before,
   * `OUTBOX_NOT_CLAIMED` at `complete.worker` when another worker (or none) holds the claim.
   * Answers the completed message.
   */
  completeOutbox(scope: StoreScope, request: CompleteRequest): Promise<OutboxMessage>;
  /** Lists outbox messages in the order they were written, by status or case. */
  listOutbox(scope: StoreScope, query?: OutboxQuery): Promise<OutboxMessage[]>;
}
