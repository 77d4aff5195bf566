// Security headers on every response: a strict Content-Security-Policy with a nonce of its own
// per response (for the rare inline script or style; the pages load /static/app.js and
// /static/app.css), no sniffing, no framing, no referrer beyond the origin, and HSTS when the
// cookies are Secure (the server is behind https).
import { randomBytes } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";

/**
 * The Content-Security-Policy of a response with its nonce.
 *
 * @example
 * ```ts
 * contentSecurityPolicy("abc"); // "default-src 'none'; script-src 'self' 'nonce-abc'; …"
 * ```
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * The middleware that sets the nonce on the context and the headers on the response.
 *
 * @example
 * ```ts
 * app.use("*", securityHeaders({ hsts: true }));
 * ```
 */
export function securityHeaders(options: { readonly hsts: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nonce = randomBytes(18).toString("base64");
    c.set("nonce", nonce);
    await next();
    const headers = c.res.headers;
    // A PDF or a kept e-mail opened inline still gets the policy: nothing in it may run.
    headers.set("content-security-policy", contentSecurityPolicy(nonce));
    headers.set("x-content-type-options", "nosniff");
    headers.set("x-frame-options", "DENY");
    headers.set("referrer-policy", "same-origin");
    headers.set("cross-origin-opener-policy", "same-origin");
    headers.set("cross-origin-resource-policy", "same-origin");
    headers.set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (options.hsts)
      headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (!headers.has("cache-control") && !c.req.path.startsWith("/static/"))
      headers.set("cache-control", "no-store");
  };
}
