import { StoreUnavailableError } from "@incasso/core";

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
