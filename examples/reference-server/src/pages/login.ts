// Sign-in and sign-out. POST /login is rate limited per account and per network address; a
// success opens a new session (a new token: no fixation) and goes to the page asked for, or the
// start page of the role.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { writeAudit } from "../auth/audit.js";
import { verifyNothing, verifyPassword } from "../auth/password.js";
import { createSession, deleteSession, SESSION_COOKIE } from "../auth/sessions.js";
import { findLogin } from "../auth/users.js";
import type { AppEnv, Language, Role } from "../context.js";
import { PRE_SESSION_COOKIE } from "../security/csrf.js";
import type { LoginLimit } from "../security/login-limit.js";
import {
  clearLoginFailures,
  DEFAULT_LOGIN_LIMIT,
  loginRetryAfter,
  recordLoginFailure,
} from "../security/login-limit.js";
import { refuse } from "../security/refuse.js";
import { csrfField, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";

const t = defineMessages({
  nl: {
    title: "Aanmelden",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Aanmelden",
    failed: "E-mailadres of wachtwoord onjuist.",
    tooMany: "Te veel mislukte pogingen. Probeer opnieuw over {minutes} minuten.",
  },
  fr: {
    title: "Connexion",
    email: "Adresse e-mail",
    password: "Mot de passe",
    submit: "Se connecter",
    failed: "Adresse e-mail ou mot de passe incorrect.",
    tooMany: "Trop de tentatives échouées. Réessayez dans {minutes} minutes.",
  },
  en: {
    title: "Sign in",
    email: "E-mail address",
    password: "Password",
    submit: "Sign in",
    failed: "Wrong e-mail address or password.",
    tooMany: "Too many failed attempts. Try again in {minutes} minutes.",
  },
});

/** The start page of a role. */
export const homeOf = (role: Role): string => (role === "portal" ? "/portal" : "/agenda");

/** A `next` target kept only when it is a path of this server. */
const safeNext = (next: unknown): string | undefined =>
  typeof next === "string" && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && !next.startsWith("/login")
    ? next
    : undefined;

/** The network address of the request (the socket's peer; `local` for in-process requests). */
export function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

function loginForm(
  c: Context<AppEnv>,
  lang: Language,
  options: { email?: string; next?: string | undefined; error?: string; status?: 200 | 400 | 403 },
) {
  return renderPage(c, {
    title: t(lang, "title"),
    status: options.status ?? 200,
    main: html`<section class="login">
<h1>${t(lang, "title")}</h1>
${options.error === undefined ? "" : html`<p class="error" role="alert" id="login-error">${options.error}</p>`}
<form method="post" action="/login" class="stack">
${csrfField(c)}
${options.next === undefined ? "" : html`<input type="hidden" name="next" value="${options.next}">`}
<label for="email">${t(lang, "email")}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ""}"${
      options.error === undefined ? "" : html` aria-describedby="login-error"`
    }>
<label for="password">${t(lang, "password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t(lang, "submit")}</button>
</form>
</section>`,
  });
}

/** Options of {@link registerLogin}. */
export interface LoginOptions {
  readonly secureCookies: boolean;
  readonly sessionHours: number;
  readonly loginLimit?: LoginLimit;
}

/**
 * Registers GET and POST /login and POST /logout.
 *
 * @example
 * ```ts
 * registerLogin(app, { secureCookies: true, sessionHours: 12 });
 * ```
 */
export function registerLogin(app: Hono<AppEnv>, options: LoginOptions): void {
  const limit = options.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  app.get("/login", (c) => {
    const user = c.get("user");
    if (user !== undefined)
      return c.redirect(safeNext(c.req.query("next")) ?? homeOf(user.role), 303);
    return loginForm(c, c.get("lang"), { next: safeNext(c.req.query("next")) });
  });

  app.post("/login", async (c) => {
    const services = c.get("services");
    const lang = c.get("lang");
    const body = await c.req.parseBody();
    const email = typeof body.email === "string" ? body.email.trim().slice(0, 320) : "";
    const password = typeof body.password === "string" ? body.password.slice(0, 1000) : "";
    const next = safeNext(body.next);
    const address = clientAddress(c);
    const wait = await loginRetryAfter(services, email, address, limit);
    if (wait > 0)
      return refuse(c, 429, t(lang, "tooMany", { minutes: Math.ceil(wait / 60) }), {
        "retry-after": String(wait),
      });
    const found = email === "" ? undefined : await findLogin(services, email);
    let valid = false;
    if (found === undefined) await verifyNothing(password);
    else valid = found.user.active && (await verifyPassword(password, found.passwordHash));
    if (!valid || found === undefined) {
      await recordLoginFailure(services, email, address);
      if (found !== undefined)
        await writeAudit(services, {
          tenantId: found.user.tenantId,
          userId: found.user.userId,
          method: "POST",
          path: "/login",
          status: 400,
          action: "login-failed",
          detail: { address },
        });
      return loginForm(c, lang, { email, next, error: t(lang, "failed"), status: 400 });
    }
    await clearLoginFailures(services, email);
    const session = await createSession(services, found.user, options.sessionHours);
    setCookie(c, SESSION_COOKIE, session.cookie, {
      httpOnly: true,
      secure: options.secureCookies,
      sameSite: "Lax",
      path: "/",
      maxAge: options.sessionHours * 3600,
    });
    deleteCookie(c, PRE_SESSION_COOKIE, { path: "/", secure: options.secureCookies });
    await writeAudit(services, {
      tenantId: found.user.tenantId,
      userId: found.user.userId,
      method: "POST",
      path: "/login",
      status: 303,
      action: "login",
      detail: { address },
    });
    return c.redirect(next ?? homeOf(found.user.role), 303);
  });

  app.post("/logout", async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const user = c.get("user");
    if (cookie !== undefined) await deleteSession(c.get("services"), cookie);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: options.secureCookies, httpOnly: true });
    if (user !== undefined)
      await writeAudit(c.get("services"), {
        tenantId: user.tenantId,
        userId: user.userId,
        method: "POST",
        path: "/logout",
        status: 303,
        action: "logout",
      });
    return c.redirect("/login", 303);
  });
}
