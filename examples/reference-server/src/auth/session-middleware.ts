// Reads the session cookie and puts the signed-in user, the store scope and the CSRF token on the
// context; without a valid session, the pre-session CSRF token of the login form.
import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { AppEnv } from "../context.js";
import { ensurePreSessionToken } from "../security/csrf.js";
import { readSession, SESSION_COOKIE } from "./sessions.js";

/**
 * The session middleware.
 *
 * @example
 * ```ts
 * app.use("*", sessionMiddleware({ secureCookies: true }));
 * ```
 */
export function sessionMiddleware(options: {
  readonly secureCookies: boolean;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie === undefined ? undefined : await readSession(c.get("services"), cookie);
    if (session === undefined) {
      if (cookie !== undefined)
        deleteCookie(c, SESSION_COOKIE, {
          path: "/",
          secure: options.secureCookies,
          httpOnly: true,
        });
      ensurePreSessionToken(c, options.secureCookies);
    } else {
      const { user } = session;
      c.set("user", {
        userId: user.userId,
        tenantId: user.tenantId,
        role: user.role,
        clientId: user.clientId,
        name: user.name,
        email: user.email,
        language: user.language,
      });
      c.set(
        "scope",
        user.role === "portal" && user.clientId !== null
          ? { tenantId: user.tenantId, clientId: user.clientId }
          : { tenantId: user.tenantId },
      );
      c.set("csrfToken", session.csrfToken);
    }
    await next();
  };
}
