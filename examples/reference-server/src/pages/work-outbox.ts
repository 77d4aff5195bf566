// The outbox page: pending, claimed, sent and failed (dead-letter) messages with the reason of each
// failure, the kept e-mail of a sent message, and "send again" for a failed one.
import type { OutboxMessage } from "@incasso/core";
import type { Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { FieldError } from "../api/problem.js";
import { FIRM_ROLES, requireRole } from "../auth/require-role.js";
import type { AppEnv } from "../context.js";
import { csrfField, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import type { OutboxStatus } from "../work/outbox-work.js";
import { keptMailOf, OUTBOX_STATUSES, outboxMessages, retryMessage } from "../work/outbox-work.js";
import { errorList, textOf } from "../work/ui.js";
import { errorsOf } from "../work/work-files.js";

const t = defineMessages({
  nl: {
    title: "Uitgaande berichten",
    intro:
      "Wat de verzender nog moet sturen, wat verstuurd is en wat mislukte (met de reden). Een mislukt bericht wordt nooit vanzelf opnieuw verstuurd: stuur het opnieuw als de oorzaak is weggenomen.",
    filter: "Toestand",
    all: "alle",
    show: "Tonen",
    "s.pending": "te versturen",
    "s.claimed": "bezig",
    "s.sent": "verstuurd",
    "s.failed": "mislukt (dode brieven)",
    caption: "Berichten: {status}",
    id: "Bericht",
    kind: "Soort",
    case: "Dossier",
    status: "Toestand",
    attempts: "Pogingen",
    when: "Niet voor / afgehandeld",
    reason: "Reden of antwoord",
    actions: "Acties",
    openMail: "E-mail openen",
    retry: "Opnieuw versturen",
    retryLabel: "Opnieuw versturen: bericht {id}",
    queued: "Bericht {id} staat opnieuw klaar als {key}.",
    none: "Geen berichten.",
    errors: "Fouten",
  },
  fr: {
    title: "Messages sortants",
    intro:
      "Ce que l'expéditeur doit encore envoyer, ce qui est parti et ce qui a échoué (avec le motif). Un message échoué n'est jamais renvoyé de lui-même : renvoyez-le une fois la cause levée.",
    filter: "État",
    all: "tous",
    show: "Afficher",
    "s.pending": "à envoyer",
    "s.claimed": "en cours",
    "s.sent": "envoyés",
    "s.failed": "échoués (lettres mortes)",
    caption: "Messages : {status}",
    id: "Message",
    kind: "Type",
    case: "Dossier",
    status: "État",
    attempts: "Essais",
    when: "Pas avant / traité",
    reason: "Motif ou réponse",
    actions: "Actions",
    openMail: "Ouvrir l'e-mail",
    retry: "Renvoyer",
    retryLabel: "Renvoyer : message {id}",
    queued: "Le message {id} est de nouveau en file sous {key}.",
    none: "Aucun message.",
    errors: "Erreurs",
  },
  en: {
    title: "Outbox",
    intro:
      "What the dispatcher has still to send, what went out, and what failed (with the reason). A failed message is never sent again by itself: send it again once the cause is removed.",
    filter: "Status",
    all: "all",
    show: "Show",
    "s.pending": "pending",
    "s.claimed": "being sent",
    "s.sent": "sent",
    "s.failed": "failed (dead letters)",
    caption: "Messages: {status}",
    id: "Message",
    kind: "Kind",
    case: "Case",
    status: "Status",
    attempts: "Tries",
    when: "Not before / completed",
    reason: "Reason or answer",
    actions: "Actions",
    openMail: "Open the e-mail",
    retry: "Send again",
    retryLabel: "Send again: message {id}",
    queued: "Message {id} is queued again as {key}.",
    none: "No messages.",
    errors: "Errors",
  },
});

const statusOf = (text: string): OutboxStatus | undefined =>
  (OUTBOX_STATUSES as readonly string[]).includes(text) ? (text as OutboxStatus) : undefined;

function messageRow(c: Context<AppEnv>, message: OutboxMessage, index: number) {
  const lang = c.get("lang");
  const mail = keptMailOf(message);
  return html`<tr id="message-${index}" class="status-${message.status}">
<th scope="row"><code>${message.id}</code></th><td>${message.kind}</td>
<td>${message.caseId === null ? "—" : html`<a href="/cases/${encodeURIComponent(message.caseId)}">${message.caseId}</a>`}</td>
<td data-status="${message.status}">${t(lang, `s.${message.status}`)}</td><td>${message.attempts}</td>
<td>${message.completedAt ?? message.notBefore ?? ""}</td>
<td class="reason">${message.detail ?? ""}</td>
<td>${mail === null ? "" : html`<a href="/mail/${mail}">${t(lang, "openMail")}</a>`}
${
  message.status === "failed"
    ? html`<form method="post" action="/work/outbox/retry" class="inline">${csrfField(c)}<input type="hidden" name="id" value="${message.id}"><button type="submit" aria-label="${t(lang, "retryLabel", { id: message.id })}">${t(lang, "retry")}</button></form>`
    : ""
}</td></tr>`;
}

async function outboxPage(
  c: Context<AppEnv>,
  options: { notice?: string; errors?: FieldError[]; status?: 200 | 400 | 404 } = {},
) {
  const lang = c.get("lang");
  const status = statusOf(c.req.query("status") ?? "");
  const messages = await outboxMessages(c.get("services"), c.get("scope"), status);
  const label = status === undefined ? t(lang, "all") : t(lang, `s.${status}`);
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/work/outbox",
    status: options.status ?? 200,
    main: html`<h1>${t(lang, "title")}</h1>
<p>${t(lang, "intro")}</p>
${options.notice === undefined ? "" : html`<p class="notice" role="status" id="outbox-notice">${options.notice}</p>`}
${options.errors === undefined ? "" : errorList(t(lang, "errors"), options.errors)}
<form method="get" action="/work/outbox" id="outbox-filter" class="inline">
<label for="outbox-status">${t(lang, "filter")}</label>
<select id="outbox-status" name="status"><option value="">${t(lang, "all")}</option>${OUTBOX_STATUSES.map(
      (value) =>
        html`<option value="${value}"${value === status ? raw(" selected") : ""}>${t(lang, `s.${value}`)}</option>`,
    )}</select>
<button type="submit">${t(lang, "show")}</button>
</form>
${
  messages.length === 0
    ? html`<p id="outbox-empty">${t(lang, "none")}</p>`
    : html`<table id="outbox-messages"><caption>${t(lang, "caption", { status: label })}</caption>
<thead><tr><th scope="col">${t(lang, "id")}</th><th scope="col">${t(lang, "kind")}</th><th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "status")}</th><th scope="col">${t(lang, "attempts")}</th><th scope="col">${t(lang, "when")}</th><th scope="col">${t(lang, "reason")}</th><th scope="col">${t(lang, "actions")}</th></tr></thead>
<tbody>${messages.map((message, index) => messageRow(c, message, index))}</tbody></table>`
}`,
  });
}

/**
 * The outbox page's routes: `GET /work/outbox[?status=failed]` and `POST /work/outbox/retry`.
 * Firm roles only.
 *
 * @example
 * ```ts
 * workOutboxPages(app);
 * ```
 */
export function workOutboxPages(app: Hono<AppEnv>): void {
  app.use("/work/outbox", requireRole(FIRM_ROLES));
  app.use("/work/outbox/*", requireRole(FIRM_ROLES));

  app.get("/work/outbox", (c) => outboxPage(c));

  app.post("/work/outbox/retry", async (c) => {
    const lang = c.get("lang");
    const id = textOf((await c.req.parseBody()).id);
    try {
      const queued = await retryMessage(c.get("services"), c.get("scope"), c.get("user"), id);
      await c.get("audit")("outbox.retry", id, { queued: queued.id });
      return outboxPage(c, { notice: t(lang, "queued", { id, key: queued.id }) });
    } catch (error) {
      return outboxPage(c, { status: 400, errors: errorsOf(error, "id") });
    }
  });
}
