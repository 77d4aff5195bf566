// The language of a request: `?lang=xx` (remembered in a cookie), the cookie, the signed-in
// user's language, then the browser's Accept-Language; English when none fits.
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Language } from "../context.js";
import { LANGUAGES } from "../context.js";

/** The cookie that remembers a language chosen with `?lang=`. */
export const LANGUAGE_COOKIE = "incasso_lang";

const isLanguage = (value: string | undefined): value is Language =>
  value !== undefined && (LANGUAGES as readonly string[]).includes(value);

/**
 * The first supported language of an Accept-Language header, by quality.
 *
 * @example
 * ```ts
 * fromAcceptLanguage("fr-BE,fr;q=0.9,en;q=0.5"); // "fr"
 * ```
 */
export function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (header === undefined) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return {
        code: tag.trim().toLowerCase().split("-")[0],
        q: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.code).find(isLanguage);
}

/**
 * The language middleware (after the session middleware, which knows the user).
 *
 * @example
 * ```ts
 * app.use("*", languageMiddleware({ secureCookies: true }));
 * ```
 */
export function languageMiddleware(options: {
  readonly secureCookies: boolean;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asked = c.req.query("lang");
    let lang: Language | undefined;
    if (isLanguage(asked)) {
      lang = asked;
      setCookie(c, LANGUAGE_COOKIE, asked, {
        path: "/",
        sameSite: "Lax",
        httpOnly: true,
        secure: options.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
    }
    const cookie = getCookie(c, LANGUAGE_COOKIE);
    lang ??= isLanguage(cookie) ? cookie : undefined;
    lang ??= c.get("user")?.language;
    lang ??= fromAcceptLanguage(c.req.header("accept-language"));
    c.set("lang", lang ?? "en");
    await next();
  };
}
