import { DeliveryError } from "@incasso/core";

/** The fields of a nodemailer error this adapter reads. */
interface NodemailerError {
  readonly message?: string;
  readonly code?: string;
  readonly originalCode?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
}

/** Failures of the connection itself: nothing was delivered, so trying again is safe. */
const CONNECTION_CODES = new Set([
  "ECONNECTION",
  "ESOCKET",
  "ETIMEDOUT",
  "EDNS",
  "EPROXY",
  "EMAXLIMIT",
  "ETLS",
  "EREQUIRETLS",
]);

/**
 * Maps what nodemailer reports to a `DeliveryError`:
 *
 * - an SMTP answer (RCPT TO, MAIL FROM, DATA): 5xx is permanent, 4xx transient, and the code is
 *   the `providerCode` (with every recipient refused, nodemailer reports a deferral (4xx) first,
 *   so a mix of 4xx and 5xx is transient);
 * - the connection refused, dropped (also in the middle of DATA), timed out, or TLS failing
 *   (a server that offers no STARTTLS while TLS is required): transient, whatever the server
 *   answered, with its code or the system code (`ECONNREFUSED`, `ETIMEDOUT`...) as
 *   `providerCode`: nothing was sent, and the fault is the connection's, not the message's;
 * - a refused login (`EAUTH`, 535) or no credentials (`ENOAUTH`): transient, whatever the code: it
 *   is the sender's configuration that is wrong, not the message, so the messages wait for the
 *   fix (and the dispatcher's attempt limit) instead of being failed one by one;
 * - an envelope nodemailer refuses before talking to the server: permanent.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = (typeof error === "object" && error !== null ? error : {}) as NodemailerError;
  const code = failure.code ?? "";
  const message = `SMTP: ${failure.message ?? String(error)}`;
  const responseCode = typeof failure.responseCode === "number" ? failure.responseCode : null;
  if (code === "EAUTH" || code === "ENOAUTH")
    return new DeliveryError(message, {
      permanent: false,
      providerCode: responseCode === null ? code : String(responseCode),
      cause: error,
    });
  if (CONNECTION_CODES.has(code))
    return new DeliveryError(message, {
      permanent: false,
      providerCode: responseCode === null ? (failure.originalCode ?? code) : String(responseCode),
      cause: error,
    });
  if (responseCode !== null)
    return new DeliveryError(message, {
      permanent: responseCode >= 500,
      providerCode: String(responseCode),
      cause: error,
    });
  if (code === "EENVELOPE" || code === "EMESSAGE")
    return new DeliveryError(message, { permanent: true, providerCode: code, cause: error });
  return new DeliveryError(message, {
    permanent: false,
    providerCode: code === "" ? null : code,
    cause: error,
  });
}
