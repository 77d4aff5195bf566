// The page frame every server-rendered page shares: the document head (the stylesheet; no inline
// script or style without the CSP nonce), the skip link, the navigation of the user's role, the
// language menu and the sign-out form. Pages build their content with hono/html's `html`, which
// escapes every interpolated value.
import type { Decimal } from "decimal.js";
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Temporal } from "temporal-polyfill";
import type { AppEnv, Language } from "../context.js";
import { LANGUAGES } from "../context.js";
import { defineMessages, localeOf } from "./messages.js";

/** Content as hono/html builds it. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const t = defineMessages({
  nl: {
    skip: "Naar de inhoud",
    agenda: "Agenda",
    cases: "Dossiers",
    newCase: "Nieuw dossier",
    import: "Import",
    bank: "Bankafschriften",
    bailiff: "Gerechtsdeurwaarder",
    outbox: "Uitgaande berichten",
    reports: "Rapporten",
    rates: "Rentevoeten",
    admin: "Beheer",
    portal: "Mijn dossiers",
    signOut: "Afmelden",
    language: "Taal",
    mainNav: "Hoofdmenu",
  },
  fr: {
    skip: "Aller au contenu",
    agenda: "Agenda",
    cases: "Dossiers",
    newCase: "Nouveau dossier",
    import: "Import",
    bank: "Extraits bancaires",
    bailiff: "Huissier de justice",
    outbox: "Messages sortants",
    reports: "Rapports",
    rates: "Taux d'intérêt",
    admin: "Administration",
    portal: "Mes dossiers",
    signOut: "Se déconnecter",
    language: "Langue",
    mainNav: "Menu principal",
  },
  en: {
    skip: "Skip to content",
    agenda: "Agenda",
    cases: "Cases",
    newCase: "New case",
    import: "Import",
    bank: "Bank statements",
    bailiff: "Bailiff",
    outbox: "Outbox",
    reports: "Reports",
    rates: "Rates",
    admin: "Admin",
    portal: "My cases",
    signOut: "Sign out",
    language: "Language",
    mainNav: "Main menu",
  },
});

type NavKey =
  | "agenda"
  | "cases"
  | "newCase"
  | "import"
  | "bank"
  | "bailiff"
  | "outbox"
  | "reports"
  | "rates"
  | "admin"
  | "portal";

const FIRM_NAV: readonly [NavKey, string][] = [
  ["agenda", "/agenda"],
  ["cases", "/cases"],
  ["newCase", "/cases/new"],
  ["import", "/work/import"],
  ["bank", "/work/bank"],
  ["bailiff", "/work/bailiff"],
  ["outbox", "/work/outbox"],
  ["reports", "/work/reports"],
  ["rates", "/work/rates"],
];

/** What a page passes to {@link renderPage}. */
export interface PageOptions {
  readonly title: string;
  readonly main: Html;
  /** The path of the navigation entry to mark as current. */
  readonly active?: string;
  readonly status?: 200 | 400 | 403 | 404 | 409 | 422;
}

/**
 * Answers a whole HTML page in the user's language. Without a signed-in user (the login page) the
 * navigation is left out.
 *
 * @example
 * ```ts
 * return renderPage(c, { title: "Agenda", main: html`<h1>Agenda</h1>`, active: "/agenda" });
 * ```
 */
export async function renderPage(c: Context<AppEnv>, options: PageOptions): Promise<Response> {
  const lang = c.get("lang") ?? "en";
  const user = c.get("user");
  const nav =
    user === undefined
      ? []
      : user.role === "portal"
        ? ([
            ["portal", "/portal"],
            ["newCase", "/portal/cases/new"],
          ] as [NavKey, string][])
        : user.role === "admin"
          ? [...FIRM_NAV, ["admin", "/admin"] as [NavKey, string]]
          : FIRM_NAV;
  const path = new URL(c.req.url).pathname;
  const languageLinks = LANGUAGES.map(
    (code) =>
      html`<a href="?lang=${code}" hreflang="${code}" lang="${code}"${
        code === lang ? raw(' aria-current="true"') : ""
      }>${code.toUpperCase()}</a>`,
  );
  const body = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Incasso</title>
<link rel="stylesheet" href="/static/app.css">
<script type="module" src="/static/app.js"></script>
</head>
<body>
<a class="skip" href="#main">${t(lang, "skip")}</a>
<header class="top">
<span class="brand">Incasso</span>
${
  nav.length === 0
    ? ""
    : html`<nav aria-label="${t(lang, "mainNav")}"><ul>${nav.map(
        ([key, href]) =>
          html`<li><a href="${href}"${
            (options.active ?? path) === href ? raw(' aria-current="page"') : ""
          }>${t(lang, key)}</a></li>`,
      )}</ul></nav>`
}
<div class="session">
<span class="languages" role="group" aria-label="${t(lang, "language")}">${languageLinks}</span>
${
  user === undefined
    ? ""
    : html`<span class="who">${user.name}</span>
<form method="post" action="/logout" class="inline">${csrfField(c)}<button type="submit">${t(lang, "signOut")}</button></form>`
}
</div>
</header>
<main id="main" tabindex="-1">${options.main}</main>
</body>
</html>`;
  return c.html(body, options.status ?? 200);
}

/**
 * The hidden CSRF field every form carries.
 *
 * @example
 * ```ts
 * html`<form method="post">${csrfField(c)}<button>Approve</button></form>`;
 * ```
 */
export const csrfField = (c: Context<AppEnv>): Html =>
  html`<input type="hidden" name="_csrf" value="${c.get("csrfToken")}">`;

/**
 * An amount in the page's language (`1.234,56 €` in nl, `1 234,56 €` in fr, `€1,234.56` in en).
 * Formats from the decimal's string, never through a binary float.
 *
 * @example
 * ```ts
 * formatMoney("nl", new Decimal("1234.5")); // "€ 1.234,50"
 * ```
 */
export function formatMoney(lang: Language, amount: Decimal | string | null): string {
  if (amount === null) return "—";
  const text = typeof amount === "string" ? amount : amount.toFixed(2);
  const negative = text.startsWith("-");
  const [units = "0", cents = ""] = (negative ? text.slice(1) : text).split(".");
  const cents2 = `${cents}00`.slice(0, 2);
  const group = lang === "en" ? "," : lang === "fr" ? "\u202f" : ".";
  const decimal = lang === "en" ? "." : ",";
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const number = `${grouped}${decimal}${cents2}`;
  const signed = negative ? `-${number}` : number;
  return lang === "en" ? `€${signed}` : lang === "fr" ? `${signed} €` : `€ ${signed}`;
}

/**
 * A date in the page's language (`31/01/2026` in nl and fr, `31 Jan 2026` in en).
 *
 * @example
 * ```ts
 * formatDate("nl", Temporal.PlainDate.from("2026-01-31")); // "31/01/2026"
 * ```
 */
export function formatDate(lang: Language, date: Temporal.PlainDate | string | null): string {
  if (date === null) return "—";
  const text = typeof date === "string" ? date : date.toString();
  const [y, m, d] = text.split("-");
  if (lang === "en")
    return new Intl.DateTimeFormat(localeOf(lang), {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${text}T00:00:00Z`));
  return `${d}/${m}/${y}`;
}
