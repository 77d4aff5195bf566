import { IncassoError } from "./incasso-error.js";

/**
 * The typed error a messaging adapter ({@link Mailer}, {@link SmsSender}) throws when the provider
 * did not take a message. Code `DELIVERY_FAILED`; `permanent` says whether retrying can help: a
 * 5xx SMTP answer, an invalid or unreachable number, a refused recipient are permanent; a refused
 * or dropped connection, a 4xx SMTP answer, an HTTP 429 or 5xx are transient, to be retried after
 * `retryAfterSeconds` when the provider said so (`Retry-After`), else after the dispatcher's
 * backoff. `providerCode` keeps the provider's own code (`550`, `429`, `21211`...).
 *
 * @example
 * ```ts
 * import { DeliveryError } from "@incasso/core";
 * const busy = new DeliveryError("SMS provider answered 429 Too Many Requests", { permanent: false, providerCode: "429", retryAfterSeconds: 30 });
 * busy.permanent; // false
 * ```
 */
export class DeliveryError extends IncassoError {
  /** True when sending the same message again cannot succeed. */
  readonly permanent: boolean;
  /** The provider's own code for the failure, when it gave one. */
  readonly providerCode: string | null;
  /** How long the provider asked to wait before the next try, in seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(
    message: string,
    options: {
      readonly permanent: boolean;
      readonly providerCode?: string | null;
      readonly retryAfterSeconds?: number | null;
      readonly cause?: unknown;
    },
  ) {
    super("DELIVERY_FAILED", message);
    this.name = "DeliveryError";
    this.permanent = options.permanent;
    this.providerCode = options.providerCode ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
