// Sessions: a random 32-byte token in the `incasso_session` cookie (HTTP-only, SameSite=Lax,
// Secure), stored only as its SHA-256 in the `sessions` table of the user's tenant, with its own
// CSRF token and an expiry. The cookie carries the tenant next to the token so the lookup runs
// under the tenant's row-level security: `<tenant, base64url>.<token>`.
import { createHash, randomBytes } from "node:crypto";
import { Temporal } from "temporal-polyfill";
import type { ServerServices } from "../context.js";
import type { UserRecord } from "./users.js";
import { getUser } from "./users.js";

/** The name of the session cookie. */
export const SESSION_COOKIE = "incasso_session";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A session as the middleware reads it. */
export interface Session {
  readonly user: UserRecord;
  readonly csrfToken: string;
  readonly expiresAt: Temporal.Instant;
}

/**
 * Opens a session for a user: answers the cookie value and the session's CSRF token.
 *
 * @example
 * ```ts
 * const { cookie } = await createSession(services, user, 12);
 * ```
 */
export async function createSession(
  services: ServerServices,
  user: { readonly tenantId: string; readonly userId: string },
  hours: number,
): Promise<{ cookie: string; csrfToken: string; expiresAt: Temporal.Instant }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const now = services.now();
  const expiresAt = now.add({ hours });
  await services.inTenant(user.tenantId, (tx) =>
    tx.query(
      `INSERT INTO sessions (tenant_id, session_hash, user_id, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [user.tenantId, hashOf(token), user.userId, csrfToken, now.toString(), expiresAt.toString()],
    ),
  );
  return {
    cookie: `${Buffer.from(user.tenantId).toString("base64url")}.${token}`,
    csrfToken,
    expiresAt,
  };
}

function split(cookie: string): { tenantId: string; token: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (match === null) return undefined;
  return {
    tenantId: Buffer.from(match[1] ?? "", "base64url").toString("utf8"),
    token: match[2] ?? "",
  };
}

/**
 * The live session of a cookie value, or undefined (unknown, expired, or the user deactivated).
 *
 * @example
 * ```ts
 * const session = await readSession(services, getCookie(c, SESSION_COOKIE) ?? "");
 * ```
 */
export async function readSession(
  services: ServerServices,
  cookie: string,
): Promise<Session | undefined> {
  const parts = split(cookie);
  if (parts === undefined) return undefined;
  return services.inTenant(parts.tenantId, async (tx) => {
    const row = (
      await tx.query<{ user_id: string; csrf_token: string; expires_at: string }>(
        `SELECT user_id, csrf_token, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS expires_at
         FROM sessions WHERE tenant_id = $1 AND session_hash = $2`,
        [parts.tenantId, hashOf(parts.token)],
      )
    ).rows[0];
    if (row === undefined) return undefined;
    const expiresAt = Temporal.Instant.from(row.expires_at);
    if (Temporal.Instant.compare(expiresAt, services.now()) <= 0) {
      await tx.query("DELETE FROM sessions WHERE tenant_id = $1 AND session_hash = $2", [
        parts.tenantId,
        hashOf(parts.token),
      ]);
      return undefined;
    }
    const user = await getUser(services, parts.tenantId, row.user_id, tx);
    if (user === undefined || !user.active) return undefined;
    return { user, csrfToken: row.csrf_token, expiresAt };
  });
}

/**
 * Ends the session of a cookie value (sign-out).
 *
 * @example
 * ```ts
 * await deleteSession(services, cookieValue);
 * ```
 */
export async function deleteSession(services: ServerServices, cookie: string): Promise<void> {
  const parts = split(cookie);
  if (parts === undefined) return;
  await services.inTenant(parts.tenantId, (tx) =>
    tx.query("DELETE FROM sessions WHERE tenant_id = $1 AND session_hash = $2", [
      parts.tenantId,
      hashOf(parts.token),
    ]),
  );
}
