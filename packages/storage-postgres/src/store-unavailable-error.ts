import type { ErrorCode } from "@incasso/core";
import { IncassoError } from "@incasso/core";

/**
 * The stable code of a {@link StoreUnavailableError}. It is not (yet) among the core's
 * `ERROR_CODES`, so it is declared here and cast; once the core lists it, the cast goes.
 */
const STORE_UNAVAILABLE = "STORE_UNAVAILABLE" as ErrorCode;

/**
 * What became of a store call whose database connection was lost: `"not-stored"` when the
 * connection broke before `COMMIT` was sent (the server rolls the transaction back, so nothing of
 * the call is stored), `"unknown"` when it broke while `COMMIT` was on its way, so the server may
 * or may not have committed.
 *
 * @example
 * ```ts
 * import type { StoreUnavailableOutcome } from "@incasso/storage-postgres";
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
 * import { StoreUnavailableError } from "@incasso/storage-postgres";
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
      STORE_UNAVAILABLE,
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

/** SQLSTATEs of a session the server ended, and Node's codes of a broken or refused socket. */
const LOST_CODES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up, shutting down, in recovery
  "57P05", // idle_session_timeout
  "25P03", // idle_in_transaction_session_timeout
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** What node-postgres and pg-pool say when the connection is gone or cannot be had. */
const LOST_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/;

/**
 * Whether an error means the connection to the database was lost (or never made), rather than
 * that the statement was refused: a {@link StoreUnavailableError} already, a SQLSTATE of class 08
 * (connection exception) or of a session the server ended, a socket error, or node-postgres'
 * words for a dead connection.
 *
 * @example
 * ```ts
 * import { isConnectionLoss } from "@incasso/storage-postgres";
 * isConnectionLoss(new Error("Connection terminated unexpectedly")); // true
 * ```
 */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (error === null || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (code.startsWith("08") || LOST_CODES.has(code))) return true;
  return typeof message === "string" && LOST_MESSAGES.test(message);
}

/**
 * The error a store call answers for `error`: a {@link StoreUnavailableError} naming `operation`
 * when the connection was lost (keeping what is known of the outcome), `error` itself otherwise.
 */
export function unavailableIn(operation: string, error: unknown): unknown {
  if (error instanceof StoreUnavailableError) {
    return error.operation === operation
      ? error
      : new StoreUnavailableError(operation, error.cause, error.outcome);
  }
  // A lost connection reported by a client that does not say when it broke: maybe at COMMIT.
  return isConnectionLoss(error) ? new StoreUnavailableError(operation, error, "unknown") : error;
}
