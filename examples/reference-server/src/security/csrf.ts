// CSRF protection: every POST, PUT, PATCH and DELETE carries the session's token, as the form
// field `_csrf` or the header `x-csrf-token`, compared in constant time. Before sign-in (the login
// form) the token is a random value in its own HTTP-only cookie (double submit).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context.js";
import { refuse } from "./refuse.js";

/** The cookie of the token before sign-in. */
export const PRE_SESSION_COOKIE = "incasso_csrf";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Compares two tokens in constant time (over their SHA-256, so lengths leak nothing either).
 *
 * @example
 * ```ts
 * sameToken("a", "a"); // true
 * ```
 */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length > 0 && expected.length > 0;
}

/**
 * Makes sure a request without a session has a pre-session token (cookie) and puts it on the
 * context as `csrfToken`.
 *
 * @example
 * ```ts
 * if (c.get("user") === undefined) ensurePreSessionToken(c, true);
 * ```
 */
export function ensurePreSessionToken(c: Context<AppEnv>, secure: boolean): void {
  const existing = getCookie(c, PRE_SESSION_COOKIE);
  if (existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing)) {
    c.set("csrfToken", existing);
    return;
  }
  const token = randomBytes(32).toString("base64url");
  setCookie(c, PRE_SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: "/",
  });
  c.set("csrfToken", token);
}

async function submitted(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header("x-csrf-token");
  if (header !== undefined) return header;
  const type = c.req.header("content-type") ?? "";
  if (
    type.startsWith("application/x-www-form-urlencoded") ||
    type.startsWith("multipart/form-data")
  ) {
    try {
      const body = await c.req.parseBody({ all: true });
      const value = body._csrf;
      return typeof value === "string" ? value : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Refuses an unsafe request whose token is missing or wrong: 403 (a page, or problem+json under /api).
 *
 * @example
 * ```ts
 * app.use("*", csrfProtection());
 * ```
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const expected = c.get("csrfToken");
    const given = await submitted(c);
    if (expected === undefined || given === undefined || !sameToken(given, expected))
      return refuse(
        c,
        403,
        "The request does not carry this session's CSRF token (form field _csrf or header x-csrf-token).",
      );
    return next();
  };
}
