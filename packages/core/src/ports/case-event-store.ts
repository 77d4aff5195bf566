import type { z } from "zod";
import type { CaseEventJson } from "../case/case-event.js";
import type { IncassoError } from "../errors/incasso-error.js";
import type { appendRequestSchema } from "../storage/store-schemas.js";
import type { StoreScope } from "./store-scope.js";

/**
 * What a writer asks to append (see {@link appendRequestSchema}): the case, the version the writer
 * read, the new events, the outbox messages to write with them, an optional idempotency key and the
 * date the case row is computed as of.
 *
 * @example
 * ```ts
 * import type { AppendRequest } from "@incasso/core";
 * declare const events: unknown[];
 * const request: AppendRequest = { caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" };
 * ```
 */
export type AppendRequest = z.input<typeof appendRequestSchema>;

/**
 * The answer to an append: the case's versions before and after, and whether it was a replay of an
 * earlier append with the same idempotency key (then nothing new was stored).
 *
 * @example
 * ```ts
 * import type { AppendResult } from "@incasso/core";
 * const appended = (result: AppendResult) => result.version - result.previousVersion;
 * ```
 */
export interface AppendResult {
  readonly caseId: string;
  readonly previousVersion: number;
  readonly version: number;
  readonly replayed: boolean;
}

/**
 * What became of one request of {@link CaseEventStore.appendMany}: its result, or the error
 * `append` would have thrown for it (`INVALID_INPUT`, `NOT_FOUND`, `VERSION_CONFLICT`,
 * `IDEMPOTENCY_KEY_REUSED`, or an error of the case's figures such as `AMOUNT_OUT_OF_RANGE`);
 * nothing of a request that failed was stored.
 *
 * @example
 * ```ts
 * import type { AppendOutcome } from "@incasso/core";
 * const failed = (outcomes: AppendOutcome[]) => outcomes.filter((outcome) => !outcome.ok).length;
 * ```
 */
export type AppendOutcome =
  | { readonly ok: true; readonly result: AppendResult }
  | { readonly ok: false; readonly error: IncassoError };

/**
 * A stored event: its case, its version (1 for `case.opened`, then one more per event) and the
 * event as validated (defaults filled in).
 *
 * @example
 * ```ts
 * import type { StoredEvent } from "@incasso/core";
 * const types = (events: StoredEvent[]) => events.map((stored) => stored.event.type);
 * ```
 */
export interface StoredEvent {
  readonly caseId: string;
  readonly version: number;
  readonly event: CaseEventJson;
}

/**
 * The port of the event store (capability `"events"`): each case an append-only list of events
 * under optimistic concurrency and idempotency keys. An append also writes the case's row (read
 * through {@link CaseListStore}) and its outbox messages (read through {@link OutboxStore}) in the
 * same transaction, and looks up the opening client, its terms and scenarios (kept by
 * {@link RelationsStore}): an adapter of this port implements the relations port as well.
 *
 * @example
 * ```ts
 * import type { CaseEventStore } from "@incasso/core";
 * declare const store: CaseEventStore;
 * declare const events: unknown[];
 * const scope = { tenantId: "firm-1" };
 * await store.append(scope, { caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" });
 * const stored = await store.readEvents(scope, "C1");
 * const outcomes = await store.appendMany(scope, [
 *   { caseId: "C2", expectedVersion: 0, events, asOf: "2026-01-31" },
 * ]);
 * ```
 */
export interface CaseEventStore {
  /**
   * Appends events to a case at `expectedVersion`, with the case's new row and the outbox
   * messages, in one transaction: all of it is stored, or nothing.
   *
   * - Preconditions: a tenant scope (`FORBIDDEN` at `scope.clientId` for a client-portal scope);
   *   a valid request (`INVALID_INPUT` naming `append.<field>`, the events validated against the
   *   whole case at `append.events.N.<field>`); `expectedVersion` 0 creates the case, whose first
   *   event is `case.opened` naming an existing client (`NOT_FOUND` at `append.events.0.client.id`).
   * - Concurrency: a stale `expectedVersion` throws `StoreConflictError` (`VERSION_CONFLICT`,
   *   with the actual version) and stores nothing; of two concurrent writers at one version, one
   *   wins and the other gets the conflict.
   * - Idempotency: a known `idempotencyKey` with the same request (fingerprinted by case, events and
   *   outbox; not by `expectedVersion` or `asOf`) answers the first result with `replayed: true`
   *   and stores nothing; another request under the key is `IDEMPOTENCY_KEY_REUSED` at
   *   `append.idempotencyKey`; an outbox message key used before is `IDEMPOTENCY_KEY_REUSED` at
   *   `append.outbox.N.key`. Two concurrent submissions under one key store once.
   * - Ordering: the new events get the versions `expectedVersion + 1`, `+ 2`, ... in request order.
   * - A database that cannot be reached or drops the call is `STORE_UNAVAILABLE`
   *   (`StoreUnavailableError`), safe to retry as it is.
   */
  append(scope: StoreScope, request: AppendRequest): Promise<AppendResult>;
  /**
   * Appends to many cases at once (at most `APPEND_MANY_LIMIT`, 1,000, requests a call), each
   * request answered as `append` would have answered it had the requests been appended one after
   * another in the order given: its result, or the error `append` would have thrown for it, with
   * the same code, message and field path (`append.<field>`). Each request is still all or
   * nothing: a request that fails stores nothing of itself, and the others go on. A store may write
   * many requests in one transaction (the PostgreSQL store does, a few hundred statements fewer per
   * hundred cases), which is what makes it the way to write many new cases, as an import does.
   *
   * - Preconditions: a tenant scope (`FORBIDDEN`, the whole call); an array of at most 1,000
   *   requests (`INVALID_INPUT` at `appendMany`, the whole call).
   * - A database that cannot be reached or drops the call rejects the whole call with
   *   `STORE_UNAVAILABLE`; what was stored before is answered on a retry of the call as it is
   *   (a replay under its idempotency key, or a `VERSION_CONFLICT` without one), as with `append`.
   */
  appendMany(scope: StoreScope, requests: readonly AppendRequest[]): Promise<AppendOutcome[]>;
  /**
   * The events of a case in version order (1, 2, ...), as validated (defaults filled in), from
   * `fromVersion` (default 1). Empty when the case is unknown or not visible in the scope; never
   * fails for that.
   */
  readEvents(
    scope: StoreScope,
    caseId: string,
    options?: { readonly fromVersion?: number },
  ): Promise<StoredEvent[]>;
}
