// The sign-in rate limit: at most `maxFailures` failed attempts per account and per network
// address in a sliding window; the next attempt is refused with 429 and Retry-After until the
// oldest failure leaves the window. Kept in the `login_attempts` table, so a restart does not reset it.
import { Temporal } from "temporal-polyfill";
import type { ServerServices } from "../context.js";

/** The limit's settings. */
export interface LoginLimit {
  readonly maxFailures: number;
  readonly windowMinutes: number;
}

/** Five failures per fifteen minutes, per account and per address. */
export const DEFAULT_LOGIN_LIMIT: LoginLimit = { maxFailures: 5, windowMinutes: 15 };

const keysOf = (email: string, address: string) => [
  `account:${email.trim().toLowerCase()}`,
  `address:${address}`,
];

/**
 * The seconds to wait before another attempt, or 0 when an attempt is allowed now.
 *
 * @example
 * ```ts
 * const wait = await loginRetryAfter(services, "an@firm.example", "203.0.113.9");
 * if (wait > 0) return c.text("Too many attempts", 429, { "retry-after": String(wait) });
 * ```
 */
export async function loginRetryAfter(
  services: ServerServices,
  email: string,
  address: string,
  limit: LoginLimit = DEFAULT_LOGIN_LIMIT,
): Promise<number> {
  const now = services.now();
  const since = now.subtract({ minutes: limit.windowMinutes });
  let wait = 0;
  for (const key of keysOf(email, address)) {
    const rows = (
      await services.sql.query<{ at: string }>(
        `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
         FROM login_attempts WHERE attempt_key = $1 AND at > $2 ORDER BY at DESC LIMIT $3`,
        [key, since.toString(), limit.maxFailures],
      )
    ).rows;
    if (rows.length < limit.maxFailures) continue;
    // The attempt that brought the count to the limit leaves the window last among those counted.
    const oldest = Temporal.Instant.from(rows[rows.length - 1]?.at ?? now.toString());
    const free = oldest.add({ minutes: limit.windowMinutes });
    wait = Math.max(wait, Math.ceil(now.until(free).total("seconds")));
  }
  return Math.max(wait, 0);
}

/**
 * Records a failed attempt for the account and the address (and forgets failures older than a day).
 *
 * @example
 * ```ts
 * await recordLoginFailure(services, "an@firm.example", "203.0.113.9");
 * ```
 */
export async function recordLoginFailure(
  services: ServerServices,
  email: string,
  address: string,
): Promise<void> {
  const now = services.now();
  await services.transaction(async (tx) => {
    for (const key of keysOf(email, address))
      await tx.query("INSERT INTO login_attempts (attempt_key, at) VALUES ($1, $2)", [
        key,
        now.toString(),
      ]);
    await tx.query("DELETE FROM login_attempts WHERE at < $1", [
      now.subtract({ hours: 24 }).toString(),
    ]);
  });
}

/**
 * Forgets an account's failures after it signed in (the address keeps its count).
 *
 * @example
 * ```ts
 * await clearLoginFailures(services, "an@firm.example");
 * ```
 */
export async function clearLoginFailures(services: ServerServices, email: string): Promise<void> {
  await services.sql.query("DELETE FROM login_attempts WHERE attempt_key = $1", [
    `account:${email.trim().toLowerCase()}`,
  ]);
}
