/**
 * How a dispatcher retries a transient failure: up to `maxAttempts` tries in all, waiting
 * `baseSeconds` × 2^(try − 1), at most `maxSeconds`, scaled by a jitter between `1 − jitter` and 1
 * (so that messages that failed together do not come back together), and never less than a
 * provider's `Retry-After`.
 *
 * @example
 * ```ts
 * import type { RetryPolicy } from "@incasso/notify";
 * const retry: RetryPolicy = { maxAttempts: 6, baseSeconds: 60, maxSeconds: 3600, jitter: 0.5 };
 * ```
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseSeconds: number;
  readonly maxSeconds: number;
  readonly jitter: number;
}

/**
 * The default {@link RetryPolicy}: 8 tries, from 1 minute doubling up to 6 hours, half of it
 * jittered (the last try comes about a day after the first).
 *
 * @example
 * ```ts
 * import { DEFAULT_RETRY } from "@incasso/notify";
 * DEFAULT_RETRY.maxAttempts; // 8
 * ```
 */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 8,
  baseSeconds: 60,
  maxSeconds: 6 * 3600,
  jitter: 0.5,
});

/**
 * The seconds to wait after try `attempt` (1 for the first) failed, with `random` (a number in
 * [0, 1) from the dispatcher's injected source) for the jitter, and the provider's
 * `retryAfterSeconds` as a floor. Whole seconds, at least 1.
 *
 * @example
 * ```ts
 * import { backoffSeconds, DEFAULT_RETRY } from "@incasso/notify";
 * backoffSeconds(3, DEFAULT_RETRY, 0, null); // 120: 60 × 2², half of it jittered away
 * backoffSeconds(1, DEFAULT_RETRY, 0, 300); // 300: the provider asked for 5 minutes
 * ```
 */
export function backoffSeconds(
  attempt: number,
  policy: RetryPolicy,
  random: number,
  retryAfterSeconds: number | null,
): number {
  const exponential = Math.min(
    policy.maxSeconds,
    policy.baseSeconds * 2 ** Math.max(0, attempt - 1),
  );
  const jittered = exponential * (1 - policy.jitter * (1 - Math.min(Math.max(random, 0), 1)));
  return Math.max(1, Math.ceil(jittered), Math.ceil(retryAfterSeconds ?? 0));
}
