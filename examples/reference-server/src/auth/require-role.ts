// The role check of a page or API route: signed in, and one of the roles given.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Role } from "../context.js";
import { refuse } from "../security/refuse.js";

/** The roles of a firm's users. */
export const FIRM_ROLES: readonly Role[] = ["clerk", "lawyer", "admin"];

/** The role of a client's users. */
export const PORTAL_ROLES: readonly Role[] = ["portal"];

/**
 * Lets the request through only for a signed-in user with one of `roles`: 401 without a session,
 * 403 for another role (a page, or problem+json under /api).
 *
 * @example
 * ```ts
 * app.get("/admin", requireRole(["admin"]), (c) => renderPage(c, { title: "Admin", main: html`…` }));
 * ```
 */
export function requireRole(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get("user");
    if (user === undefined) return refuse(c, 401, "Sign in first.");
    if (!roles.includes(user.role))
      return refuse(c, 403, `The role ${user.role} may not open ${c.req.path}.`);
    return next();
  };
}
