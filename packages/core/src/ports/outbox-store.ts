import type { z } from "zod";
import type {
  claimRequestSchema,
  completeRequestSchema,
  outboxMessageInputSchema,
  outboxQuerySchema,
  postponeRequestSchema,
} from "../storage/store-schemas.js";
import type { StoreScope } from "./store-scope.js";

/**
 * An outbox message to write with an append, or on its own with {@link OutboxStore.enqueueOutbox}
 * (see {@link outboxMessageInputSchema}). A payload's string `debtorId` is what
 * {@link OutboxStore.listOutbox} finds by `debtorId` (the contacts of a debtor, for contact caps).
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
  /** The case whose append wrote the message; `null` for a message enqueued without a case. */
  readonly caseId: string | null;
  /** The case version whose append wrote the message (0 without a case). */
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
 * A postponement of a claimed message by the worker holding the claim (see
 * {@link postponeRequestSchema}).
 *
 * @example
 * ```ts
 * import type { PostponeRequest } from "@incasso/core";
 * const later: PostponeRequest = { id: "C1:REM1", worker: "mailer-1", notBefore: "2026-02-02T06:00:00Z", at: "2026-01-31T21:00:00Z", detail: "quiet hours" };
 * ```
 */
export type PostponeRequest = z.input<typeof postponeRequestSchema>;

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
  /**
   * Gives a claimed message back as pending until `notBefore`, by the worker holding the claim
   * (quiet hours, a contact cap, a transient failure's backoff): never lost, never final. `detail`
   * says why; `countAttempt: false` (the default) takes back the claim's count in `attempts`.
   * Errors as {@link OutboxStore.completeOutbox}'s, at `postpone.<field>`. Answers the message.
   */
  postponeOutbox(scope: StoreScope, request: PostponeRequest): Promise<OutboxMessage>;
  /**
   * Writes messages that belong to no case (an owner's daily alert), in the order given, with
   * `caseId: null`. Keys are unique in the tenant with those appends write; enqueueing the same
   * message under its key again changes nothing, another message under a used key is
   * `IDEMPOTENCY_KEY_REUSED` at `enqueue.<index>.key` and writes none. Only a tenant scope writes
   * (`FORBIDDEN`). Answers the stored messages in the order given.
   */
  enqueueOutbox(
    scope: StoreScope,
    messages: readonly OutboxMessageInput[],
  ): Promise<OutboxMessage[]>;
  /**
   * Lists outbox messages in the order they were written, by status, case, debtor (the payload's
   * `debtorId`) and completion instant (`completedFrom`); a client's scope sees its cases'
   * messages only. The dead letters are `{ status: "failed" }`.
   */
  listOutbox(scope: StoreScope, query?: OutboxQuery): Promise<OutboxMessage[]>;
}
