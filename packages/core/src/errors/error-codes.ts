/**
 * Every code an {@link IncassoError} can carry, with the sentence that explains it.
 *
 * Codes are stable: host applications switch on them, translate them and log them. The message of
 * an error adds the details of the case at hand (the field, the value, what was expected).
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from "@incasso/core";
 * console.log(ERROR_CODES.AMBIGUOUS_AMOUNT);
 * ```
 */
export const ERROR_CODES = {
  INVALID_INPUT: "An input did not match what was expected; the message names the field.",
  INVALID_AMOUNT: "A text is not a decimal amount in a supported format.",
  AMBIGUOUS_AMOUNT:
    "An amount such as 1.234 or 1,234 can be read two ways; say which decimal separator is meant.",
  SUBUNIT_AMOUNT: "An amount has more decimals than the currency's minor unit allows.",
  UNKNOWN_CURRENCY: "A currency code is not one the money type knows.",
  CURRENCY_MISMATCH: "Two amounts in different currencies were combined.",
  INVALID_ALLOCATION:
    "An allocation was asked with no parts, negative ratios or ratios summing to zero.",
  INVALID_DATE:
    "A text is not an ISO calendar date (YYYY-MM-DD) or names a day that does not exist.",
  DATE_OUT_OF_RANGE: "A date lies outside the years the calendars support (1900 to 2200).",
  INVALID_CALENDAR: "A calendar definition is malformed.",
  NO_BUSINESS_DAY: "A calendar has no business day at all, so no business day can be found.",
  INVALID_REFERENCE: "A payment reference or identifier cannot be created from the given input.",
  RATE_NOT_COVERED:
    "A rate table has no trusted rate for a date: before its first entry or after its trustedUntil date.",
  UNKNOWN_RATE_TABLE: "A case names a rate table the calculation was not given.",
  STORE_UNAVAILABLE:
    "The database connection was lost during a store call (the server ended, timed out, restarted or failed over the session, or the network reset it), or no connection could be had; the transaction was rolled back, so retrying the call is safe.",
  AMOUNT_OUT_OF_RANGE:
    "A computed amount (a case's balance) is beyond what an amount may be (LIMITS.amount: 12 digits before the point); the events are kept, the figure is not.",
  INVALID_ALLOCATION_DESIGNATION:
    "A payment's designated allocation asks for more than is owed or more than the payment.",
  VERSION_CONFLICT:
    "An append expected a case at a version it no longer has: another writer appended first; read the case again and retry.",
  IDEMPOTENCY_KEY_REUSED:
    "An idempotency key (or import batch id) was used before for a different request; a retry must repeat the request exactly.",
  NOT_FOUND:
    "A case, client, agenda entry or outbox message does not exist in the store for this scope.",
  FORBIDDEN:
    "The scope may not do this: a client-portal scope only reads its own client's cases, and never writes.",
  OUTBOX_NOT_CLAIMED:
    "An outbox message was completed by a worker that does not hold its claim (never claimed, claimed by another worker, or the lease ran out and it was claimed again).",
  ALREADY_FINAL:
    "An outbox message or agenda entry is already sent, failed or disposed (it is marked exactly once), or an import batch is complete (a complete batch is the record of an import and is never discarded).",
  TEMPLATE_REFUSED:
    "A letter template was refused: it does not parse, names a variable or filter the letter context does not have, reaches outside its context (a prototype, a file), or exceeds a render limit (size, time, memory, output); the message names the template and what it did.",
  LETTER_CHECK_FAILED:
    "A rendered letter lacks an element the law requires of its kind (the amount due, the term, the damages, the creditor's enterprise number, ...); the issues name each element with its legal source, and nothing was produced.",
  DELIVERY_FAILED:
    "A mail or SMS provider did not take a message: `permanent` says whether retrying can help (a 5xx SMTP answer or an invalid number cannot; a refused connection, a 4xx SMTP answer or an HTTP 429/5xx can, after `retryAfterSeconds` when the provider said so).",
} as const;

/**
 * The code carried by an {@link IncassoError}: one of the keys of {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { ErrorCode } from "@incasso/core";
 * const code: ErrorCode = "INVALID_DATE";
 * ```
 */
export type ErrorCode = keyof typeof ERROR_CODES;
