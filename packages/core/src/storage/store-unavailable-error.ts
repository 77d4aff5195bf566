import { IncassoError } from "../errors/incasso-error.js";

/**
 * What became of a store call whose database connection was lost: `"not-stored"` when the
 * connection broke before `COMMIT` was sent (the server rolls the transaction back, so nothing of
 * the call is stored), `"unknown"` when it broke while `COMMIT` was on its way, so the server may
 * or may not have committed.
 *
 * @example
 * ```ts
 * import type { StoreUnavailableOutcome } from "@incasso/core";
 * const outcome: StoreUnavailableOutcome = "not-stored";
 * ```
 */
export type StoreUnavailableOutcome = "not-stored" | "unknown";

/**
 * The typed, retryable error of a store call that lost its database: the server ended the session
 * (`pg_terminate_backend`, `idle_in_transaction_session_timeout`, a restart or a failover), the
 * network reset the connection, or no connection could be made. Code `STORE_UNAVAILABLE`,
 * `retryable: true`, the store `operation` that failed, the driver's error as `cause`.
 *
 * The transaction was rolled back by the server and the broken connection was given back to the
 * pool to be discarded. With `outcome: "not-stored"` nothing of the call was stored; with
 * `"unknown"` the connection broke during `COMMIT`. Either way the call is safe to retry as it
 * is: an append with an idempotency key answers the stored result when the first try did commit
 * (without a key, a `VERSION_CONFLICT` says the case moved on: read it again), the daily run,
 * rebuilds and outbox claims are idempotent (a claim that did commit lapses with its lease).
 *
 * @example
 * ```ts
 * import { StoreUnavailableError } from "@incasso/core";
 * async function withRetry<T>(call: () => Promise<T>, tries = 3): Promise<T> {
 *   for (let attempt = 1; ; attempt++) {
 *     try {
 *       return await call();
 *     } catch (error) {
 *       if (!(error instanceof StoreUnavailableError) || attempt >= tries) throw error;
 *     }
 *   }
 * }
 * ```
 */
export class StoreUnavailableError extends IncassoError {
  /** Always true: the same call may be made again. */
  readonly retryable = true as const;
  /** The store call that failed, such as `append`, `saveDailyRun` or `rebuildProjections`. */
  readonly operation: string;
  /** Whether anything of the call can have been stored. */
  readonly outcome: StoreUnavailableOutcome;

  constructor(operation: string, cause: unknown, outcome: StoreUnavailableOutcome = "not-stored") {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      "STORE_UNAVAILABLE",
      outcome === "not-stored"
        ? `${operation}: the database connection was lost (${reason}); nothing of this call was stored, retry it`
        : `${operation}: the database connection was lost while committing (${reason}); the call may or may not have been stored, retry it`,
    );
    this.name = "StoreUnavailableError";
    this.operation = operation;
    this.outcome = outcome;
    this.cause = cause;
  }
}
