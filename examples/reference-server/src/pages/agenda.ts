// The agenda: today's actions across all cases of the firm from the stored daily run, with the
// core's filters and sorts, bulk approval (letters rendered, e-mails and SMS queued in the outbox),
// a disposition per entry (done, rescheduled, cancelled) and mass actions from a client's file.
//
// Stable hooks for browser tests: form#agenda-filters, form#approve-form with one checkbox
// `entry` per open entry and the button "Approve selected" (nl "Geselecteerde goedkeuren",
// fr "Approuver la sélection"); table#agenda; a#outbox-link; form#dispose-done,
// form#dispose-rescheduled, form#dispose-cancelled on /agenda/entry; form#mass-action-form,
// a#result-csv and a#result-json on the mass-action pages.
import type { AgendaRecord } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { requireRole } from "../auth/require-role.js";
import { userDirectory } from "../auth/users.js";
import type { AppEnv, Language } from "../context.js";
import type { Html } from "../web/layout.js";
import { csrfField, formatDate, formatMoney, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import type { AgendaFilter, AgendaLine, ApprovalOutcome } from "./agenda-actions.js";
import {
  ACTIVITY_KINDS,
  AGENDA_SORTS,
  agendaFilterSchema,
  approveAgendaEntries,
  disposeEntryNow,
  dispositionSchema,
  loadAgenda,
  massActionResult,
  runMassAction,
} from "./agenda-actions.js";
import { errorFields, FIRM_ROLES } from "./case-data.js";
import type { FormErrors } from "./case-ui.js";
import { errorSummary, field, formErrors, readForm, select } from "./case-ui.js";

const t = defineMessages({
  nl: {
    title: "Agenda van {date}",
    filters: "Filters",
    client: "Klant",
    owner: "Dossierbeheerder",
    ownerAmbiguous: "“{owner}” noemt meer dan één gebruiker: {users}. Geef de gebruikers-id.",
    kind: "Soort activiteit",
    group: "Incassogroep",
    status: "Status",
    sort: "Sortering",
    all: "Alle",
    apply: "Filteren",
    "sort.due-date": "Vervaldag",
    "sort.owner": "Beheerder",
    "sort.amount": "Bedrag (hoogste eerst)",
    "sort.last-contact": "Laatste contact",
    "status.open": "Open",
    "status.done": "Uitgevoerd",
    "status.rescheduled": "Verplaatst (voortgezet)",
    "status.cancelled": "Geannuleerd",
    "status.all": "Alle",
    caption: "Acties van vandaag ({count})",
    select: "Selecteer",
    selectAll: "Alles selecteren",
    selectEntry: "Selecteer {case}",
    case: "Dossier",
    activity: "Activiteit",
    due: "Vervaldag",
    overdue: "Dagen te laat",
    approval: "Goedkeuring",
    "approval.required": "vereist",
    "approval.automatic": "automatisch",
    balance: "Saldo",
    principal: "Hoofdsom",
    interest: "Interest",
    costs: "Kosten",
    actions: "Acties",
    dispose: "Afhandelen",
    approve: "Geselecteerde goedkeuren",
    none: "Geen acties voor deze filters.",
    outbox: "Naar de uitgaande berichten",
    massAction: "Massa-actie uit een bestand",
    capped: "Alleen de eerste {count} acties worden getoond.",
    approvedTitle: "Goedkeuring",
    outcome: "Resultaat",
    queued: "In de wachtrij",
    letters: "Brieven gemaakt",
    reason: "Reden",
    "o.approved": "goedgekeurd",
    "o.skipped": "overgeslagen",
    "o.failed": "mislukt",
    back: "Terug naar de agenda",
    nothingSelected: "Selecteer minstens één actie.",
    entryTitle: "Actie {case}: {activity}",
    done: "Uitgevoerd",
    result: "Resultaat",
    markDone: "Markeer als uitgevoerd",
    reschedule: "Verplaatsen",
    to: "Nieuwe datum",
    doReschedule: "Verplaats",
    cancel: "Annuleren",
    cancelReason: "Reden van annulering",
    doCancel: "Annuleer de actie",
    disposed: "Deze actie is al afgehandeld: {status}.",
    errors: "Er zijn fouten",
    massTitle: "Massa-actie",
    massIntro:
      "Een CSV- of Excelbestand met kolommen caseNumber (of dossier), activity (of actie), en optioneel dueDate (datum) en note (opmerking). Elke rij bestelt de activiteit op het dossier; het resultaatbestand meldt per rij wat er gebeurde.",
    file: "Bestand",
    run: "Uitvoeren",
    rows: "Rijen",
    row: "Rij",
    messages: "Meldingen",
    resultCsv: "Resultaatbestand (CSV)",
    resultJson: "Resultaatbestand (JSON)",
    totals: "{rows} rijen: {ordered} besteld, {notExecuted} niet uitgevoerd, {errors} fouten",
    fileRequired: "Kies een bestand",
    clientRequired: "Kies een klant",
    noEntry: "Geen actie {id} op de agenda van vandaag.",
    page: "pagina {page} van {pages}",
    pages: "Pagina's",
    previous: "Vorige pagina",
    next: "Volgende pagina",
  },
  fr: {
    title: "Agenda du {date}",
    filters: "Filtres",
    client: "Client",
    owner: "Gestionnaire",
    ownerAmbiguous:
      "«\u00a0{owner}\u00a0» désigne plusieurs utilisateurs\u00a0: {users}. Indiquez l'identifiant.",
    kind: "Type d'activité",
    group: "Groupe de recouvrement",
    status: "Statut",
    sort: "Tri",
    all: "Tous",
    apply: "Filtrer",
    "sort.due-date": "Échéance",
    "sort.owner": "Gestionnaire",
    "sort.amount": "Montant (le plus élevé d'abord)",
    "sort.last-contact": "Dernier contact",
    "status.open": "Ouverte",
    "status.done": "Exécutée",
    "status.rescheduled": "Reportée (poursuivie)",
    "status.cancelled": "Annulée",
    "status.all": "Toutes",
    caption: "Actions du jour ({count})",
    select: "Sélection",
    selectAll: "Tout sélectionner",
    selectEntry: "Sélectionner {case}",
    case: "Dossier",
    activity: "Activité",
    due: "Échéance",
    overdue: "Jours de retard",
    approval: "Approbation",
    "approval.required": "requise",
    "approval.automatic": "automatique",
    balance: "Solde",
    principal: "Principal",
    interest: "Intérêts",
    costs: "Frais",
    actions: "Actions",
    dispose: "Traiter",
    approve: "Approuver la sélection",
    none: "Aucune action pour ces filtres.",
    outbox: "Vers les messages sortants",
    massAction: "Action de masse depuis un fichier",
    capped: "Seules les {count} premières actions sont affichées.",
    approvedTitle: "Approbation",
    outcome: "Résultat",
    queued: "En file d'attente",
    letters: "Lettres produites",
    reason: "Motif",
    "o.approved": "approuvée",
    "o.skipped": "ignorée",
    "o.failed": "échec",
    back: "Retour à l'agenda",
    nothingSelected: "Sélectionnez au moins une action.",
    entryTitle: "Action {case} : {activity}",
    done: "Exécutée",
    result: "Résultat",
    markDone: "Marquer comme exécutée",
    reschedule: "Reporter",
    to: "Nouvelle date",
    doReschedule: "Reporter",
    cancel: "Annuler",
    cancelReason: "Motif de l'annulation",
    doCancel: "Annuler l'action",
    disposed: "Cette action est déjà traitée : {status}.",
    errors: "Il y a des erreurs",
    massTitle: "Action de masse",
    massIntro:
      "Un fichier CSV ou Excel avec les colonnes caseNumber (ou dossier), activity (ou action), et en option dueDate (date) et note (remarque). Chaque ligne commande l'activité sur le dossier ; le fichier de résultat dit ce qu'il advint de chaque ligne.",
    file: "Fichier",
    run: "Exécuter",
    rows: "Lignes",
    row: "Ligne",
    messages: "Messages",
    resultCsv: "Fichier de résultat (CSV)",
    resultJson: "Fichier de résultat (JSON)",
    totals: "{rows} lignes : {ordered} commandées, {notExecuted} non exécutées, {errors} erreurs",
    fileRequired: "Choisissez un fichier",
    clientRequired: "Choisissez un client",
    noEntry: "Pas d'action {id} à l'agenda du jour.",
    page: "page {page} sur {pages}",
    pages: "Pages",
    previous: "Page précédente",
    next: "Page suivante",
  },
  en: {
    title: "Agenda of {date}",
    filters: "Filters",
    client: "Client",
    owner: "Case owner",
    ownerAmbiguous: "“{owner}” names more than one user: {users}. Give the user id.",
    kind: "Activity kind",
    group: "Collection group",
    status: "Status",
    sort: "Sort",
    all: "All",
    apply: "Filter",
    "sort.due-date": "Due date",
    "sort.owner": "Owner",
    "sort.amount": "Amount (highest first)",
    "sort.last-contact": "Last contact",
    "status.open": "Open",
    "status.done": "Done",
    "status.rescheduled": "Rescheduled (continued)",
    "status.cancelled": "Cancelled",
    "status.all": "All",
    caption: "Today's actions ({count})",
    select: "Select",
    selectAll: "Select all",
    selectEntry: "Select {case}",
    case: "Case",
    activity: "Activity",
    due: "Due",
    overdue: "Days overdue",
    approval: "Approval",
    "approval.required": "required",
    "approval.automatic": "automatic",
    balance: "Balance",
    principal: "Principal",
    interest: "Interest",
    costs: "Costs",
    actions: "Actions",
    dispose: "Dispose",
    approve: "Approve selected",
    none: "No actions for these filters.",
    outbox: "Go to the outbox",
    massAction: "Mass action from a file",
    capped: "Only the first {count} actions are shown.",
    approvedTitle: "Approval",
    outcome: "Outcome",
    queued: "Queued",
    letters: "Letters made",
    reason: "Reason",
    "o.approved": "approved",
    "o.skipped": "skipped",
    "o.failed": "failed",
    back: "Back to the agenda",
    nothingSelected: "Select at least one action.",
    entryTitle: "Action {case}: {activity}",
    done: "Done",
    result: "Result",
    markDone: "Mark as done",
    reschedule: "Reschedule",
    to: "New date",
    doReschedule: "Reschedule",
    cancel: "Cancel",
    cancelReason: "Reason for cancelling",
    doCancel: "Cancel the action",
    disposed: "This action is already disposed of: {status}.",
    errors: "There are errors",
    massTitle: "Mass action",
    massIntro:
      "A CSV or Excel file with the columns caseNumber (or dossier), activity (or action), and optionally dueDate (date) and note. Each row orders the activity on the case; the result file says what became of each row.",
    file: "File",
    run: "Run",
    rows: "Rows",
    row: "Row",
    messages: "Messages",
    resultCsv: "Result file (CSV)",
    resultJson: "Result file (JSON)",
    totals: "{rows} rows: {ordered} ordered, {notExecuted} not executed, {errors} errors",
    fileRequired: "Choose a file",
    clientRequired: "Choose a client",
    noEntry: "No action {id} on today's agenda.",
    page: "page {page} of {pages}",
    pages: "Pages",
    previous: "Previous page",
    next: "Next page",
  },
});

/** The agenda's catalogue (for tests and for the other pages that link to it). */
export const agendaText = t;

const activityName = (lang: Language, record: AgendaRecord) =>
  `${record.activity.code}: ${record.activity.description[lang]}`;

function filterQuery(c: Context<AppEnv>): { filter: AgendaFilter; errors: FormErrors } {
  const raw = Object.fromEntries(
    Object.entries(c.req.query()).filter(
      ([key, value]) =>
        value !== "" &&
        ["client", "owner", "kind", "group", "status", "sort", "page"].includes(key),
    ),
  );
  const parsed = agendaFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data, errors: new Map() };
  return {
    filter: agendaFilterSchema.parse({}),
    errors: formErrors(
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    ),
  };
}

async function agendaPage(c: Context<AppEnv>): Promise<Response> {
  const lang = c.get("lang");
  const services = c.get("services");
  const scope = c.get("scope");
  const { filter, errors: queryErrors } = filterQuery(c);
  // Owners by name: the rows show users' names, and the owner filter takes a name, an e-mail
  // address or an id; a name of two users is answered with both instead of a guess.
  const users = await userDirectory(services, scope.tenantId);
  const nameOf = users.nameOf;
  const typed = filter.owner === undefined ? undefined : users.idOf(filter.owner);
  const errors =
    typed !== undefined && "ambiguous" in typed
      ? new Map([
          ...queryErrors,
          [
            "owner",
            t(lang, "ownerAmbiguous", {
              owner: filter.owner ?? "",
              users: typed.ambiguous.map((user) => `${user.name} (${user.userId})`).join(", "),
            }),
          ],
        ])
      : queryErrors;
  const ownerFilter =
    typed !== undefined && "id" in typed ? { ...filter, owner: typed.id } : filter;
  const [{ runDate, lines, capped, total, page, pages }, clients] = await Promise.all([
    loadAgenda(services, scope, ownerFilter),
    services.store.listClients(scope),
  ]);
  const main = html`<h1>${t(lang, "title", { date: formatDate(lang, runDate) })}</h1>
<p><a id="outbox-link" href="/work/outbox">${t(lang, "outbox")}</a> · <a href="/agenda/mass-action">${t(lang, "massAction")}</a></p>
${errorSummary(t(lang, "errors"), errors)}
<form id="agenda-filters" method="get" action="/agenda" class="filters" aria-label="${t(lang, "filters")}">
${select({ name: "client", label: t(lang, "client"), options: clients.map((client) => [client.id, client.name] as const), value: filter.client ?? "", empty: t(lang, "all"), errors })}
${field({ name: "owner", label: t(lang, "owner"), value: filter.owner ?? "", errors })}
${select({ name: "kind", label: t(lang, "kind"), options: ACTIVITY_KINDS.map((kind) => [kind, kind] as const), value: filter.kind ?? "", empty: t(lang, "all"), errors })}
${field({ name: "group", label: t(lang, "group"), value: filter.group ?? "", errors })}
${select({ name: "status", label: t(lang, "status"), options: (["open", "done", "rescheduled", "cancelled", "all"] as const).map((status) => [status, t(lang, `status.${status}`)] as const), value: filter.status, errors })}
${select({ name: "sort", label: t(lang, "sort"), options: AGENDA_SORTS.map((sort) => [sort, t(lang, `sort.${sort}`)] as const), value: filter.sort, errors })}
<button type="submit">${t(lang, "apply")}</button>
</form>
${capped ? html`<p class="notice warn">${t(lang, "capped", { count: lines.length })}</p>` : ""}
<form id="approve-form" method="post" action="/agenda/approve">
${csrfField(c)}
<div class="table-wrap">
<table id="agenda">
<caption>${t(lang, "caption", { count: total })}${pages > 1 ? ` · ${t(lang, "page", { page, pages })}` : ""}</caption>
<thead><tr>
<th scope="col"><input type="checkbox" id="select-all" data-select-all="entry" aria-label="${t(lang, "selectAll")}"></th>
<th scope="col">${t(lang, "case")}</th>
<th scope="col">${t(lang, "client")}</th>
<th scope="col">${t(lang, "owner")}</th>
<th scope="col">${t(lang, "activity")}</th>
<th scope="col">${t(lang, "due")}</th>
<th scope="col" class="num">${t(lang, "overdue")}</th>
<th scope="col">${t(lang, "approval")}</th>
<th scope="col" class="num">${t(lang, "principal")}</th>
<th scope="col" class="num">${t(lang, "interest")}</th>
<th scope="col" class="num">${t(lang, "costs")}</th>
<th scope="col" class="num">${t(lang, "balance")}</th>
<th scope="col">${t(lang, "status")}</th>
<th scope="col">${t(lang, "actions")}</th>
</tr></thead>
<tbody>
${lines.length === 0 ? html`<tr><td colspan="14">${t(lang, "none")}</td></tr>` : lines.map((line) => agendaRow(c, line, clients, nameOf))}
</tbody>
</table>
</div>
<button type="submit">${t(lang, "approve")}</button>
</form>
${pages > 1 ? pager(c, lang, page, pages) : ""}`;
  return renderPage(c, {
    title: t(lang, "title", { date: formatDate(lang, runDate) }),
    main,
    active: "/agenda",
  });
}

function pager(c: Context<AppEnv>, lang: Language, page: number, pages: number): Html {
  const link = (to: number) => {
    const query = new URLSearchParams(c.req.query());
    query.set("page", String(to));
    return `/agenda?${query.toString()}`;
  };
  return html`<nav aria-label="${t(lang, "pages")}"><p>
${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">${t(lang, "previous")}</a> ` : ""}${t(lang, "page", { page, pages })}${page < pages ? html` <a href="${link(page + 1)}" rel="next">${t(lang, "next")}</a>` : ""}
</p></nav>`;
}

function agendaRow(
  c: Context<AppEnv>,
  line: AgendaLine,
  clients: readonly { readonly id: string; readonly name: string }[],
  nameOf: (idOrEmail: string) => string,
): Html {
  const lang = c.get("lang");
  const { record, entry } = line;
  const client = clients.find((item) => item.id === record.clientId)?.name ?? record.clientId;
  const money = (value: { toFixed(n: number): string } | undefined) =>
    value === undefined ? "—" : formatMoney(lang, value.toFixed(2));
  const status =
    record.status === "rescheduled" && record.disposition !== null
      ? `${t(lang, "status.rescheduled")} → ${formatDate(lang, record.disposition.detail)}`
      : t(lang, `status.${record.status}`);
  const checkboxId = `entry-${record.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return html`<tr>
<td>${
    record.status === "open"
      ? html`<input type="checkbox" name="entry" value="${record.id}" id="${checkboxId}" aria-label="${t(lang, "selectEntry", { case: line.caseNumber })}">`
      : ""
  }</td>
<th scope="row"><a href="/cases/${encodeURIComponent(record.caseId)}">${line.caseNumber}</a></th>
<td>${client}</td>
<td>${nameOf(record.owner)}</td>
<td>${activityName(lang, record)}</td>
<td>${formatDate(lang, record.dueDate)}</td>
<td class="num">${entry === null ? "—" : String(entry.daysOverdue)}</td>
<td>${t(lang, `approval.${record.approval}`)}</td>
<td class="num">${money(entry?.amounts.principal)}</td>
<td class="num">${money(entry?.amounts.interest)}</td>
<td class="num">${money(entry?.amounts.costs)}</td>
<td class="num">${formatMoney(lang, record.balance)}</td>
<td>${status}</td>
<td>${
    record.status === "open"
      ? html`<a href="/agenda/entry?id=${encodeURIComponent(record.id)}">${t(lang, "dispose")}<span class="visually-hidden"> ${line.caseNumber}</span></a>`
      : ""
  }</td>
</tr>`;
}

function outcomeTable(lang: Language, outcomes: readonly ApprovalOutcome[]): Html {
  return html`<div class="table-wrap"><table id="approval-outcomes">
<caption>${t(lang, "approvedTitle")}</caption>
<thead><tr><th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "outcome")}</th><th scope="col">${t(lang, "queued")}</th><th scope="col">${t(lang, "letters")}</th><th scope="col">${t(lang, "reason")}</th></tr></thead>
<tbody>${outcomes.map(
    (outcome) => html`<tr>
<th scope="row">${
      outcome.caseId === null
        ? outcome.entryId
        : html`<a href="/cases/${encodeURIComponent(outcome.caseId)}">${outcome.entryId}</a>`
    }</th>
<td>${t(lang, `o.${outcome.status}`)}</td>
<td>${outcome.queued.join(", ")}</td>
<td>${
      outcome.caseId === null
        ? ""
        : outcome.letters.map(
            (id) =>
              html`<a href="/cases/${encodeURIComponent(outcome.caseId ?? "")}/letters/${encodeURIComponent(id)}.pdf">${id}</a> `,
          )
    }</td>
<td>${outcome.reason ?? ""}</td>
</tr>`,
  )}</tbody></table></div>`;
}

async function findEntry(c: Context<AppEnv>, entryId: string): Promise<AgendaRecord | null> {
  const services = c.get("services");
  const runDate = services.today().toString();
  const match = /^\d{4}-\d{2}-\d{2}\/(.+)\/(?:step-\d+|action-.+)$/.exec(entryId);
  if (match === null || !entryId.startsWith(`${runDate}/`)) return null;
  const row = await services.store.getCase(c.get("scope"), match[1] ?? "");
  if (row === null) return null;
  let after: string | undefined;
  for (;;) {
    const page = await services.store.listAgenda(c.get("scope"), {
      runDate,
      clientId: row.clientId,
      owner: row.owner,
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    const found = page.items.find((item) => item.id === entryId);
    if (found !== undefined) return found;
    if (page.nextCursor === null) return null;
    after = page.nextCursor;
  }
}

async function entryPage(
  c: Context<AppEnv>,
  entryId: string,
  errors: FormErrors = new Map(),
  values: Record<string, string> = {},
): Promise<Response> {
  const lang = c.get("lang");
  const record = await findEntry(c, entryId);
  if (record === null)
    return renderPage(c, {
      title: t(lang, "noEntry", { id: entryId }),
      main: html`<h1>${t(lang, "noEntry", { id: entryId })}</h1><p><a href="/agenda">${t(lang, "back")}</a></p>`,
      status: 404,
    });
  const row = await c.get("services").store.getCase(c.get("scope"), record.caseId);
  const title = t(lang, "entryTitle", {
    case: row?.caseNumber ?? record.caseId,
    activity: activityName(lang, record),
  });
  const hidden = html`${csrfField(c)}<input type="hidden" name="entryId" value="${record.id}">`;
  const ownerName = (await userDirectory(c.get("services"), c.get("scope").tenantId)).nameOf(
    record.owner,
  );
  const main = html`<h1>${title}</h1>
<dl class="facts">
<dt>${t(lang, "due")}</dt><dd>${formatDate(lang, record.dueDate)}</dd>
<dt>${t(lang, "balance")}</dt><dd>${formatMoney(lang, record.balance)}</dd>
<dt>${t(lang, "owner")}</dt><dd>${ownerName}</dd>
<dt>${t(lang, "status")}</dt><dd>${t(lang, `status.${record.status}`)}</dd>
</dl>
${errorSummary(t(lang, "errors"), errors)}
${
  record.status !== "open"
    ? html`<p class="notice">${t(lang, "disposed", { status: t(lang, `status.${record.status}`) })}</p>`
    : html`<div class="stack">
<form id="dispose-done" method="post" action="/agenda/dispose">${hidden}<input type="hidden" name="kind" value="done">
<fieldset><legend>${t(lang, "done")}</legend>
${field({ name: "result", label: t(lang, "result"), value: values.result ?? "", required: true, errors })}
<button type="submit">${t(lang, "markDone")}</button></fieldset></form>
<form id="dispose-rescheduled" method="post" action="/agenda/dispose">${hidden}<input type="hidden" name="kind" value="rescheduled">
<fieldset><legend>${t(lang, "reschedule")}</legend>
${field({ name: "to", label: t(lang, "to"), type: "date", value: values.to ?? "", required: true, errors })}
<button type="submit">${t(lang, "doReschedule")}</button></fieldset></form>
<form id="dispose-cancelled" method="post" action="/agenda/dispose">${hidden}<input type="hidden" name="kind" value="cancelled">
<fieldset><legend>${t(lang, "cancel")}</legend>
${field({ name: "reason", label: t(lang, "cancelReason"), value: values.reason ?? "", required: true, errors })}
<button type="submit" class="danger">${t(lang, "doCancel")}</button></fieldset></form>
</div>`
}
<p><a href="/agenda">${t(lang, "back")}</a></p>`;
  return renderPage(c, { title, main, active: "/agenda", status: errors.size > 0 ? 400 : 200 });
}

async function massActionPage(
  c: Context<AppEnv>,
  errors: FormErrors = new Map(),
  client = "",
): Promise<Response> {
  const lang = c.get("lang");
  const clients = await c.get("services").store.listClients(c.get("scope"));
  const main = html`<h1>${t(lang, "massTitle")}</h1>
<p>${t(lang, "massIntro")}</p>
${errorSummary(t(lang, "errors"), errors)}
<form id="mass-action-form" method="post" action="/agenda/mass-action" enctype="multipart/form-data">
${csrfField(c)}
${select({ name: "client", label: t(lang, "client"), options: clients.map((item) => [item.id, item.name] as const), value: client, empty: "—", errors })}
${field({ name: "file", label: t(lang, "file"), type: "file", accept: ".csv,.txt,.xlsx", required: true, errors })}
<button type="submit">${t(lang, "run")}</button>
</form>
<p><a href="/agenda">${t(lang, "back")}</a></p>`;
  return renderPage(c, {
    title: t(lang, "massTitle"),
    main,
    active: "/agenda",
    status: errors.size > 0 ? 400 : 200,
  });
}

/**
 * Registers the agenda pages: `/agenda`, `/agenda/approve`, `/agenda/entry`, `/agenda/dispose`,
 * `/agenda/mass-action` and the result files of mass actions.
 *
 * @example
 * ```ts
 * ROUTE_MODULES.push(registerAgendaPages);
 * ```
 */
export function registerAgendaPages(app: Hono<AppEnv>): void {
  const firm = requireRole(FIRM_ROLES);
  app.get("/agenda", firm, agendaPage);

  app.post("/agenda/approve", firm, async (c) => {
    const lang = c.get("lang");
    const form = await readForm(c);
    const ids = form.all("entry");
    if (ids.length === 0)
      return renderPage(c, {
        title: t(lang, "approvedTitle"),
        main: html`<h1>${t(lang, "approvedTitle")}</h1><p class="notice error" role="alert">${t(lang, "nothingSelected")}</p><p><a href="/agenda">${t(lang, "back")}</a></p>`,
        active: "/agenda",
        status: 400,
      });
    const outcomes = await approveAgendaEntries(
      c.get("services"),
      c.get("scope"),
      c.get("user").userId,
      ids,
    );
    await c.get("audit")("agenda.approve", undefined, {
      entries: ids,
      approved: outcomes.filter((outcome) => outcome.status === "approved").length,
    });
    return renderPage(c, {
      title: t(lang, "approvedTitle"),
      main: html`<h1>${t(lang, "approvedTitle")}</h1>
${outcomeTable(lang, outcomes)}
<p><a id="outbox-link" href="/work/outbox">${t(lang, "outbox")}</a> · <a href="/agenda">${t(lang, "back")}</a></p>`,
      active: "/agenda",
    });
  });

  app.get("/agenda/entry", firm, (c) => entryPage(c, c.req.query("id") ?? ""));

  app.post("/agenda/dispose", firm, async (c) => {
    const form = await readForm(c);
    const values = {
      entryId: form.one("entryId"),
      kind: form.one("kind"),
      result: form.one("result"),
      to: form.one("to"),
      reason: form.one("reason"),
    };
    const input =
      values.kind === "done"
        ? { entryId: values.entryId, kind: "done", result: values.result }
        : values.kind === "rescheduled"
          ? { entryId: values.entryId, kind: "rescheduled", to: values.to }
          : { entryId: values.entryId, kind: values.kind, reason: values.reason };
    const parsed = dispositionSchema.safeParse(input);
    if (!parsed.success)
      return entryPage(
        c,
        values.entryId,
        formErrors(
          parsed.error.issues.map((issue) => ({
            path: issue.path.join("."),
            message: issue.message,
          })),
        ),
        values,
      );
    try {
      await disposeEntryNow(c.get("services"), c.get("scope"), c.get("user").userId, parsed.data);
    } catch (error) {
      if (!(error instanceof IncassoError) || error.code === "STORE_UNAVAILABLE") throw error;
      return entryPage(c, values.entryId, formErrors(errorFields(error, "entryId")), values);
    }
    return c.redirect("/agenda", 303);
  });

  app.get("/agenda/mass-action", firm, (c) => massActionPage(c));

  app.post("/agenda/mass-action", firm, async (c) => {
    const lang = c.get("lang");
    const form = await readForm(c);
    const client = form.one("client");
    const file = form.file("file");
    const errors = new Map<string, string>();
    const clients = await c.get("services").store.listClients(c.get("scope"));
    if (!clients.some((item) => item.id === client))
      errors.set("client", t(lang, "clientRequired"));
    if (file === null) errors.set("file", t(lang, "fileRequired"));
    if (errors.size > 0 || file === null) return massActionPage(c, errors, client);
    let report: Awaited<ReturnType<typeof runMassAction>>;
    try {
      report = await runMassAction(c.get("services"), c.get("scope"), {
        clientId: client,
        bytes: new Uint8Array(await file.arrayBuffer()),
        fileName: file.name,
        by: c.get("user").userId,
        language: lang,
      });
    } catch (error) {
      if (!(error instanceof IncassoError) || error.code === "STORE_UNAVAILABLE") throw error;
      return massActionPage(c, formErrors(errorFields(error, "file")), client);
    }
    await c.get("audit")("agenda.mass-action", report.batchId, { rows: report.rows.length });
    const count = (outcome: string) => report.rows.filter((row) => row.outcome === outcome).length;
    const base = `/agenda/mass-action/${encodeURIComponent(report.batchId)}`;
    return renderPage(c, {
      title: t(lang, "massTitle"),
      active: "/agenda",
      main: html`<h1>${t(lang, "massTitle")}</h1>
<p class="notice" role="status">${t(lang, "totals", {
        rows: report.rows.length,
        ordered: count("ordered"),
        notExecuted: count("not-executed"),
        errors: count("error"),
      })}</p>
<p><a id="result-csv" href="${base}/result.csv" download>${t(lang, "resultCsv")}</a> · <a id="result-json" href="${base}/result.json" download>${t(lang, "resultJson")}</a></p>
<div class="table-wrap"><table id="mass-action-rows">
<caption>${t(lang, "rows")}</caption>
<thead><tr><th scope="col">${t(lang, "row")}</th><th scope="col">${t(lang, "outcome")}</th><th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "messages")}</th></tr></thead>
<tbody>${report.rows.map(
        (row) =>
          html`<tr><th scope="row">${String(row.row)}</th><td>${row.outcome}</td><td>${row.caseNumber ?? ""}</td><td>${row.messages.map((message) => message[lang]).join(" ")}</td></tr>`,
      )}</tbody>
</table></div>
<p><a href="/agenda">${t(lang, "back")}</a></p>`,
    });
  });

  for (const format of ["csv", "json"] as const)
    app.get(`/agenda/mass-action/:batchId/result.${format}`, firm, async (c) => {
      const batchId = c.req.param("batchId");
      const text = await massActionResult(
        c.get("services"),
        c.get("scope").tenantId,
        batchId,
        format,
      );
      if (text === null) return c.notFound();
      const name = `mass-action-${batchId.replace(/[^A-Za-z0-9._-]/g, "_")}.${format}`;
      return c.body(text, 200, {
        "content-type":
          format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
      });
    });
}
