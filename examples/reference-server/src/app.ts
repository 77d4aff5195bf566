// The HTTP application: the middleware every request passes (security headers, session,
// language, CSRF, the sign-in wall and the role partition, the audit trail), the public routes
// (sign-in, health, static files), then every page and API module, then 404.
import { IncassoError } from "@incasso/core";
import { Hono } from "hono";
import { ZodError } from "zod";
import { openApiDocument } from "./api/api-route.js";
import { fieldErrors, problem } from "./api/problem.js";
import { auditTrail } from "./auth/audit.js";
import { FIRM_ROLES } from "./auth/require-role.js";
import { sessionMiddleware } from "./auth/session-middleware.js";
import type { AppEnv, ServerServices } from "./context.js";
import { registerMail } from "./mail/mail-routes.js";
import { registerAdmin } from "./pages/admin.js";
import { homeOf, registerLogin } from "./pages/login.js";
import { ROUTE_MODULES } from "./routes.js";
import { csrfProtection } from "./security/csrf.js";
import { securityHeaders } from "./security/headers.js";
import type { LoginLimit } from "./security/login-limit.js";
import { isApiPath, refuse } from "./security/refuse.js";
import { registerStatic } from "./static/static-routes.js";
import { languageMiddleware } from "./web/language.js";

/** The version the OpenAPI document states. */
export const API_VERSION = "0.1.0";

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Cookies with `Secure` (default true; false only for plain http on a loopback address). */
  readonly secureCookies?: boolean;
  /** How long a session lasts (default 12 hours). */
  readonly sessionHours?: number;
  /** The sign-in rate limit (default 5 failures per 15 minutes per account and per address). */
  readonly loginLimit?: LoginLimit;
}

/** Paths any signed-in user may open, whatever the role. */
const SHARED_PATHS = new Set(["/", "/api/me", "/api/openapi.json", "/logout"]);

const isPortalPath = (path: string) =>
  path === "/portal" ||
  path.startsWith("/portal/") ||
  path === "/api/portal" ||
  path.startsWith("/api/portal/");

const STATUS_OF: Partial<Record<string, 400 | 403 | 404 | 409 | 422 | 503>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  ALREADY_FINAL: 409,
  OUTBOX_NOT_CLAIMED: 409,
  STORE_UNAVAILABLE: 503,
  LETTER_CHECK_FAILED: 422,
  TEMPLATE_REFUSED: 422,
};

/**
 * Builds the application on the services of the composition root.
 *
 * @example
 * ```ts
 * const app = createApp(await createServices(loadConfig()), { secureCookies: false });
 * const response = await app.request("/healthz");
 * ```
 */
export function createApp(services: ServerServices, options: AppOptions = {}): Hono<AppEnv> {
  const secureCookies = options.secureCookies ?? true;
  const sessionHours = options.sessionHours ?? 12;
  const app = new Hono<AppEnv>();

  app.use("*", securityHeaders({ hsts: secureCookies }));
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });

  app.get("/healthz", async (c) => {
    await services.sql.query("SELECT 1");
    return c.json({ status: "ok", time: services.now().toString() });
  });
  registerStatic(app);

  app.use("*", sessionMiddleware({ secureCookies }));
  app.use("*", languageMiddleware({ secureCookies }));
  app.use("*", csrfProtection());
  registerLogin(app, {
    secureCookies,
    sessionHours,
    ...(options.loginLimit === undefined ? {} : { loginLimit: options.loginLimit }),
  });

  // The sign-in wall and the partition of the firm's pages and the client portal.
  app.use("*", async (c, next) => {
    const user = c.get("user");
    const path = c.req.path;
    if (user === undefined) {
      if (isApiPath(path)) return refuse(c, 401, "Sign in first: this route needs a session.");
      const target =
        c.req.method === "GET"
          ? `?next=${encodeURIComponent(path + new URL(c.req.url).search)}`
          : "";
      return c.redirect(`/login${target}`, 303);
    }
    if (!SHARED_PATHS.has(path)) {
      if (user.role === "portal" && !isPortalPath(path))
        return refuse(c, 403, "A client's user sees only the client portal.");
      if (user.role !== "portal" && isPortalPath(path))
        return refuse(c, 403, "The client portal is for the clients' users.");
    }
    return next();
  });
  app.use("*", auditTrail());

  app.get("/", (c) => c.redirect(homeOf(c.get("user").role), 303));
  app.get("/api/me", (c) => {
    const user = c.get("user");
    return c.json({ ...user, scope: c.get("scope"), csrfToken: c.get("csrfToken") });
  });
  app.get("/api/openapi.json", (c) => c.json(openApiDocument(app, API_VERSION)));
  registerMail(app, FIRM_ROLES);
  registerAdmin(app);
  for (const register of ROUTE_MODULES) register(app);

  app.notFound((c) => refuse(c, 404, `Nothing at ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof IncassoError) {
      const status = STATUS_OF[error.code] ?? 400;
      if (isApiPath(c.req.path) || status === 503)
        return problem(
          c,
          status,
          error.code,
          error.message,
          error.issues.map((issue) => ({
            path: issue.path === "" ? "(body)" : issue.path,
            message: issue.message,
          })),
        );
      return refuse(c, status, error.message);
    }
    if (error instanceof ZodError) {
      if (isApiPath(c.req.path))
        return problem(c, 400, "Invalid input", undefined, fieldErrors(error));
      return refuse(
        c,
        400,
        fieldErrors(error)
          .map((e) => `${e.path}: ${e.message}`)
          .join("; "),
      );
    }
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return refuse(c, 500, "Something went wrong on the server; the error is in its log.");
  });
  return app;
}
