// One way to refuse a request: a problem document under /api, an HTML page elsewhere.
import type { Context } from "hono";
import { html } from "hono/html";
import { problem } from "../api/problem.js";
import type { AppEnv } from "../context.js";
import { renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";

const t = defineMessages({
  nl: {
    400: "Ongeldige aanvraag",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    409: "Conflict",
    422: "Niet verwerkt",
    429: "Te veel pogingen",
    500: "Serverfout",
    back: "Terug naar de start",
  },
  fr: {
    400: "Requête invalide",
    401: "Non connecté",
    403: "Accès refusé",
    404: "Introuvable",
    409: "Conflit",
    422: "Non traité",
    429: "Trop de tentatives",
    500: "Erreur du serveur",
    back: "Retour à l'accueil",
  },
  en: {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    422: "Not processed",
    429: "Too many attempts",
    500: "Server error",
    back: "Back to the start",
  },
});

/** Whether a path is one of the REST API's (answered with problem documents). */
export const isApiPath = (path: string): boolean => path === "/api" || path.startsWith("/api/");

/** The statuses a refusal may have. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500;

/**
 * Refuses a request: `application/problem+json` under `/api`, a page in the user's language
 * elsewhere.
 *
 * @example
 * ```ts
 * return refuse(c, 403, "The role clerk may not open /admin");
 * ```
 */
export async function refuse(
  c: Context<AppEnv>,
  status: RefusalStatus,
  detail: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const lang = c.get("lang") ?? "en";
  const title = t(lang, String(status) as "404");
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  if (isApiPath(c.req.path)) return problem(c, status, title, detail);
  const response = await renderPage(c, {
    title,
    main: html`<h1>${title}</h1><p>${detail}</p><p><a href="/">${t(lang, "back")}</a></p>`,
    status: status === 401 || status === 429 || status === 500 ? 403 : status,
  });
  // renderPage knows a few statuses; the refusal keeps its own.
  return new Response(response.body, { status, headers: response.headers });
}
