// The cases list (search by our reference, the client's reference or the debtor; filters), the
// new-case form, and the payment form of a case. Errors are shown next to each field.
//
// Stable hooks for browser tests: form#case-search, table#cases, form#new-case with fields named
// by their body path (`debtor.name`, `claims.0.amount`) and the button "Open the case"
// (nl "Dossier openen", fr "Ouvrir le dossier"); form#payment-form with the button "Register the
// payment" (nl "Betaling registreren", fr "Enregistrer le paiement").
import type { CaseQuery, CaseRow } from "@incasso/core";
import { caseQuerySchema, IncassoError, normalizeMatchKey } from "@incasso/core";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { requireRole } from "../auth/require-role.js";
import { userDirectory } from "../auth/users.js";
import type { AppEnv, Language } from "../context.js";
import { csrfField, formatDate, formatMoney, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import type { NewCase } from "./case-actions.js";
import { newCaseSchema, openCase, paymentSchema, registerPayment } from "./case-actions.js";
import { errorFields, FIRM_ROLES, loadCase } from "./case-data.js";
import type { FormErrors } from "./case-ui.js";
import { errorSummary, field, formErrors, readForm, select } from "./case-ui.js";
import { statusLabel } from "./portal-text.js";

const t = defineMessages({
  nl: {
    title: "Dossiers",
    search: "Zoeken",
    q: "Onze referentie, referentie van de klant of schuldenaar (id, ondernemingsnummer)",
    client: "Klant",
    owner: "Dossierbeheerder",
    ownerAmbiguous: "“{owner}” noemt meer dan één gebruiker: {users}. Geef de gebruikers-id.",
    status: "Status",
    group: "Incassogroep",
    sort: "Sortering",
    all: "Alle",
    find: "Zoeken",
    caption: "Dossiers ({count})",
    case: "Dossier",
    balance: "Saldo",
    daysPastDue: "Dagen achterstand",
    nextAction: "Volgende actie",
    lastContact: "Laatste contact",
    more: "Volgende pagina",
    none: "Geen dossiers gevonden.",
    newCase: "Nieuw dossier",
    "sort.case-id": "Dossier-id",
    "sort.next-action": "Volgende actie",
    "sort.balance": "Saldo (hoogste eerst)",
    "sort.last-contact": "Laatste contact",
    newTitle: "Nieuw dossier",
    caseSection: "Het dossier",
    clientReference: "Referentie van de klant",
    rulePack: "Regelpakket",
    paymentReference: "Gestructureerde mededeling (optioneel)",
    debtorSection: "De schuldenaar",
    debtorKind: "Soort",
    "kind.legal-person": "Rechtspersoon",
    "kind.natural-person": "Natuurlijke persoon",
    debtorName: "Naam",
    language: "Taal",
    consumer: "Consument",
    enterpriseNumber: "Ondernemingsnummer",
    email: "E-mailadres",
    phone: "Telefoon",
    address: "Adres",
    claimSection: "Vordering {n}",
    claimOptional: "Vordering {n} (optioneel)",
    invoiceNumber: "Factuurnummer",
    invoiceDate: "Factuurdatum",
    dueDate: "Vervaldag",
    amount: "Bedrag",
    description: "Omschrijving",
    open: "Dossier openen",
    errors: "Er zijn fouten",
    paymentTitle: "Betaling registreren: {case}",
    date: "Valutadatum",
    reference: "Mededeling",
    imputation: "Aanrekening",
    "imputation.pack": "Volgens het regelpakket",
    "imputation.costs-interest-principal": "Kosten, interest, hoofdsom",
    "imputation.interest-costs-principal": "Interest, kosten, hoofdsom",
    "imputation.principal-interest-costs": "Hoofdsom, interest, kosten",
    register: "Betaling registreren",
    back: "Terug naar het dossier",
    amountHint: "Bijvoorbeeld 1234,50",
  },
  fr: {
    title: "Dossiers",
    search: "Recherche",
    q: "Notre référence, référence du client ou débiteur (id, numéro d'entreprise)",
    client: "Client",
    owner: "Gestionnaire",
    ownerAmbiguous:
      "«\u00a0{owner}\u00a0» désigne plusieurs utilisateurs\u00a0: {users}. Indiquez l'identifiant.",
    status: "Statut",
    group: "Groupe de recouvrement",
    sort: "Tri",
    all: "Tous",
    find: "Rechercher",
    caption: "Dossiers ({count})",
    case: "Dossier",
    balance: "Solde",
    daysPastDue: "Jours de retard",
    nextAction: "Prochaine action",
    lastContact: "Dernier contact",
    more: "Page suivante",
    none: "Aucun dossier trouvé.",
    newCase: "Nouveau dossier",
    "sort.case-id": "Id du dossier",
    "sort.next-action": "Prochaine action",
    "sort.balance": "Solde (le plus élevé d'abord)",
    "sort.last-contact": "Dernier contact",
    newTitle: "Nouveau dossier",
    caseSection: "Le dossier",
    clientReference: "Référence du client",
    rulePack: "Règles applicables",
    paymentReference: "Communication structurée (facultatif)",
    debtorSection: "Le débiteur",
    debtorKind: "Type",
    "kind.legal-person": "Personne morale",
    "kind.natural-person": "Personne physique",
    debtorName: "Nom",
    language: "Langue",
    consumer: "Consommateur",
    enterpriseNumber: "Numéro d'entreprise",
    email: "Adresse e-mail",
    phone: "Téléphone",
    address: "Adresse",
    claimSection: "Créance {n}",
    claimOptional: "Créance {n} (facultatif)",
    invoiceNumber: "Numéro de facture",
    invoiceDate: "Date de facture",
    dueDate: "Échéance",
    amount: "Montant",
    description: "Description",
    open: "Ouvrir le dossier",
    errors: "Il y a des erreurs",
    paymentTitle: "Enregistrer un paiement : {case}",
    date: "Date de valeur",
    reference: "Communication",
    imputation: "Imputation",
    "imputation.pack": "Selon les règles du dossier",
    "imputation.costs-interest-principal": "Frais, intérêts, principal",
    "imputation.interest-costs-principal": "Intérêts, frais, principal",
    "imputation.principal-interest-costs": "Principal, intérêts, frais",
    register: "Enregistrer le paiement",
    back: "Retour au dossier",
    amountHint: "Par exemple 1234,50",
  },
  en: {
    title: "Cases",
    search: "Search",
    q: "Our reference, the client's reference or the debtor (id, enterprise number)",
    client: "Client",
    owner: "Case owner",
    ownerAmbiguous: "“{owner}” names more than one user: {users}. Give the user id.",
    status: "Status",
    group: "Collection group",
    sort: "Sort",
    all: "All",
    find: "Search",
    caption: "Cases ({count})",
    case: "Case",
    balance: "Balance",
    daysPastDue: "Days past due",
    nextAction: "Next action",
    lastContact: "Last contact",
    more: "Next page",
    none: "No cases found.",
    newCase: "New case",
    "sort.case-id": "Case id",
    "sort.next-action": "Next action",
    "sort.balance": "Balance (highest first)",
    "sort.last-contact": "Last contact",
    newTitle: "New case",
    caseSection: "The case",
    clientReference: "The client's reference",
    rulePack: "Rule pack",
    paymentReference: "Structured payment reference (optional)",
    debtorSection: "The debtor",
    debtorKind: "Kind",
    "kind.legal-person": "Legal person",
    "kind.natural-person": "Natural person",
    debtorName: "Name",
    language: "Language",
    consumer: "Consumer",
    enterpriseNumber: "Enterprise number",
    email: "E-mail address",
    phone: "Phone",
    address: "Address",
    claimSection: "Claim {n}",
    claimOptional: "Claim {n} (optional)",
    invoiceNumber: "Invoice number",
    invoiceDate: "Invoice date",
    dueDate: "Due date",
    amount: "Amount",
    description: "Description",
    open: "Open the case",
    errors: "There are errors",
    paymentTitle: "Register a payment: {case}",
    date: "Value date",
    reference: "Reference",
    imputation: "Imputation",
    "imputation.pack": "As the rule pack says",
    "imputation.costs-interest-principal": "Costs, interest, principal",
    "imputation.interest-costs-principal": "Interest, costs, principal",
    "imputation.principal-interest-costs": "Principal, interest, costs",
    register: "Register the payment",
    back: "Back to the case",
    amountHint: "For example 1234.50",
  },
});

/** The cases pages' catalogue. */
export const casesText = t;

const STATUSES = [
  "open",
  "disputed",
  "payment-plan",
  "insolvent",
  "with-bailiff",
  "written-off",
  "closed",
  "paid",
  "suspended",
] as const;

/**
 * Reads an amount as a clerk types it (`1.234,50`, `1234,5`, `1234.50`) into the core's form
 * (`1234.50`); anything else is left for the schema to refuse.
 *
 * @example
 * ```ts
 * amountOfInput("1.234,50"); // "1234.50"
 * ```
 */
export function amountOfInput(text: string): string {
  const trimmed = text.trim().replace(/[\s\u202f€]/g, "");
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(trimmed))
    return trimmed.replace(/\./g, "").replace(",", ".");
  if (/^\d+,\d{1,2}$/.test(trimmed)) return trimmed.replace(",", ".");
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(trimmed)) return trimmed.replace(/,/g, "");
  return trimmed;
}

/**
 * Finds cases by text: our case number, the client's reference, an invoice number, the payment
 * reference, or the debtor (its id, enterprise or national number), through the store's keys.
 *
 * @example
 * ```ts
 * const ids = await searchCases(services, scope, "2026/00042");
 * ```
 */
export async function searchCases(c: Context<AppEnv>, text: string): Promise<string[]> {
  const services = c.get("services");
  const scope = c.get("scope");
  const key = normalizeMatchKey(text);
  if (key === "") return [];
  const debtors = await services.store.findDebtors(scope, {
    ...(/^[A-Za-z0-9._:/-]{1,120}$/.test(text) ? { ids: [text] } : {}),
    enterpriseNumbers: [text],
    nationalNumbers: [text],
  });
  const hits = await services.store.findCasesByKeys(scope, {
    keys: [
      { kind: "case-number", key },
      { kind: "client-reference", key },
      { kind: "invoice-number", key },
      { kind: "payment-reference", key },
      ...debtors.map((debtor) => ({ kind: "debtor" as const, key: debtor.id })),
    ],
  });
  return [...new Set(hits.map((hit) => hit.caseId))];
}

async function listPage(c: Context<AppEnv>): Promise<Response> {
  const lang = c.get("lang");
  const services = c.get("services");
  const scope = c.get("scope");
  const q = (c.req.query("q") ?? "").trim();
  const raw: Record<string, unknown> = {};
  for (const key of ["clientId", "owner", "collectionGroup", "sort", "after"] as const) {
    const value = c.req.query(key);
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const status = c.req.query("status");
  if (status !== undefined && status !== "") raw.status = [status];
  raw.limit = 50;
  const parsed = caseQuerySchema.safeParse(raw);
  const queryErrors = parsed.success
    ? new Map<string, string>()
    : formErrors(
        parsed.error.issues.map((issue) => ({
          path: String(issue.path[0] ?? "q"),
          message: issue.message,
        })),
      );
  // Owners by name: the list shows users' names, and the owner filter takes a name, an e-mail
  // address or an id; a name of two users is answered with both instead of a guess.
  const users = await userDirectory(services, scope.tenantId);
  const nameOf = users.nameOf;
  const typed =
    parsed.success && parsed.data.owner !== undefined ? users.idOf(parsed.data.owner) : undefined;
  const errors =
    typed !== undefined && "ambiguous" in typed
      ? new Map([
          ...queryErrors,
          [
            "owner",
            t(lang, "ownerAmbiguous", {
              owner: c.req.query("owner") ?? "",
              users: typed.ambiguous.map((user) => `${user.name} (${user.userId})`).join(", "),
            }),
          ],
        ])
      : queryErrors;
  const query: CaseQuery = parsed.success
    ? { ...parsed.data, ...(typed !== undefined && "id" in typed ? { owner: typed.id } : {}) }
    : { limit: 50 };
  let rows: CaseRow[] = [];
  let next: string | null = null;
  if (q !== "") {
    const ids = await searchCases(c, q);
    const found = await Promise.all(
      ids.slice(0, 200).map((id) => services.store.getCase(scope, id)),
    );
    rows = found.filter((row): row is CaseRow => row !== null);
  } else {
    const page = await services.store.listCases(scope, query);
    rows = [...page.items];
    next = page.nextCursor;
  }
  const clients = await services.store.listClients(scope);
  const clientName = new Map(clients.map((client) => [client.id, client.name]));
  const nextUrl =
    next === null
      ? null
      : `/cases?${new URLSearchParams({
          ...Object.fromEntries(Object.entries(c.req.query()).filter(([key]) => key !== "after")),
          after: next,
        }).toString()}`;
  const main = html`<h1>${t(lang, "title")}</h1>
<p><a href="/cases/new">${t(lang, "newCase")}</a></p>
${errorSummary(t(lang, "errors"), errors)}
<form id="case-search" method="get" action="/cases" class="filters" role="search" aria-label="${t(lang, "search")}">
${field({ name: "q", label: t(lang, "q"), value: q })}
${select({ name: "clientId", label: t(lang, "client"), options: clients.map((client) => [client.id, client.name] as const), value: c.req.query("clientId") ?? "", empty: t(lang, "all"), errors })}
${field({ name: "owner", label: t(lang, "owner"), value: c.req.query("owner") ?? "", errors })}
${select({ name: "status", label: t(lang, "status"), options: STATUSES.map((item) => [item, item] as const), value: status ?? "", empty: t(lang, "all"), errors })}
${field({ name: "collectionGroup", label: t(lang, "group"), value: c.req.query("collectionGroup") ?? "", errors })}
${select({ name: "sort", label: t(lang, "sort"), options: (["case-id", "next-action", "balance", "last-contact"] as const).map((item) => [item, t(lang, `sort.${item}`)] as const), value: c.req.query("sort") ?? "case-id", errors })}
<button type="submit">${t(lang, "find")}</button>
</form>
<div class="table-wrap"><table id="cases">
<caption>${t(lang, "caption", { count: rows.length })}</caption>
<thead><tr>
<th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "client")}</th><th scope="col">${t(lang, "owner")}</th>
<th scope="col">${t(lang, "status")}</th><th scope="col" class="num">${t(lang, "balance")}</th><th scope="col" class="num">${t(lang, "daysPastDue")}</th>
<th scope="col">${t(lang, "nextAction")}</th><th scope="col">${t(lang, "lastContact")}</th>
</tr></thead>
<tbody>${
    rows.length === 0
      ? html`<tr><td colspan="8">${t(lang, "none")}</td></tr>`
      : rows.map(
          (row) => html`<tr>
<th scope="row"><a href="/cases/${encodeURIComponent(row.caseId)}">${row.caseNumber}</a></th>
<td>${clientName.get(row.clientId) ?? row.clientId}</td><td>${nameOf(row.owner)}</td><td>${statusLabel(lang, row.status)}</td>
<td class="num">${formatMoney(lang, row.balance)}</td><td class="num">${String(row.daysPastDue)}</td>
<td>${formatDate(lang, row.nextActionDate)}</td><td>${formatDate(lang, row.lastContact)}</td>
</tr>`,
        )
  }</tbody></table></div>
${nextUrl === null ? "" : html`<p><a href="${nextUrl}" rel="next">${t(lang, "more")}</a></p>`}`;
  return renderPage(c, {
    title: t(lang, "title"),
    main,
    active: "/cases",
    status: errors.size > 0 ? 400 : 200,
  });
}

/** The new-case form's values by field name (the body paths). */
type FormValues = Record<string, string>;

const CLAIM_FIELDS = ["invoiceNumber", "invoiceDate", "dueDate", "amount", "description"] as const;
const FORM_FIELDS = [
  "client",
  "clientReference",
  "owner",
  "collectionGroup",
  "rulePack",
  "paymentReference",
  "debtor.kind",
  "debtor.name",
  "debtor.language",
  "debtor.consumer",
  "debtor.enterpriseNumber",
  "debtor.email",
  "debtor.phone",
  "debtor.address",
  ...[0, 1, 2].flatMap((n) => CLAIM_FIELDS.map((name) => `claims.${n}.${name}`)),
];

/**
 * The body of a new case from the form's values: empty optional fields left out, claim rows with
 * nothing in them left out, the debtor's e-mail, phone and address as its contacts.
 *
 * @example
 * ```ts
 * const body = newCaseBodyOfForm({ client: "acme", "debtor.name": "X BV", ... }, "2026-03-02");
 * ```
 */
export function newCaseBodyOfForm(values: FormValues, today: string): Record<string, unknown> {
  const optional = (name: string) =>
    values[name] ? { [name.split(".").at(-1) ?? name]: values[name] } : {};
  const contacts = (["email", "phone", "address"] as const).flatMap((kind) =>
    values[`debtor.${kind}`]
      ? [{ id: kind, kind, value: values[`debtor.${kind}`], source: "client", date: today }]
      : [],
  );
  const claims = [0, 1, 2]
    .filter(
      (n) => n === 0 || CLAIM_FIELDS.some((name) => (values[`claims.${n}.${name}`] ?? "") !== ""),
    )
    .map((n) => ({
      invoiceNumber: values[`claims.${n}.invoiceNumber`] ?? "",
      invoiceDate: values[`claims.${n}.invoiceDate`] ?? "",
      dueDate: values[`claims.${n}.dueDate`] ?? "",
      amount: amountOfInput(values[`claims.${n}.amount`] ?? ""),
      ...optional(`claims.${n}.description`),
    }));
  return {
    client: values.client ?? "",
    ...optional("clientReference"),
    ...optional("owner"),
    ...optional("collectionGroup"),
    rulePack: values.rulePack ?? "",
    ...optional("paymentReference"),
    debtor: {
      kind: values["debtor.kind"] ?? "",
      name: values["debtor.name"] ?? "",
      language: values["debtor.language"] ?? "",
      consumer: values["debtor.consumer"] === "on",
      ...optional("debtor.enterpriseNumber"),
      contacts,
    },
    claims,
  };
}

async function newCasePage(
  c: Context<AppEnv>,
  values: FormValues = {},
  errors: FormErrors = new Map(),
): Promise<Response> {
  const lang = c.get("lang");
  const clients = await c.get("services").store.listClients(c.get("scope"));
  const v = (name: string) => values[name] ?? "";
  const claim = (n: number) => html`<fieldset>
<legend>${n === 0 ? t(lang, "claimSection", { n: n + 1 }) : t(lang, "claimOptional", { n: n + 1 })}</legend>
${field({ name: `claims.${n}.invoiceNumber`, label: t(lang, "invoiceNumber"), value: v(`claims.${n}.invoiceNumber`), required: n === 0, errors })}
${field({ name: `claims.${n}.invoiceDate`, label: t(lang, "invoiceDate"), type: "date", value: v(`claims.${n}.invoiceDate`), required: n === 0, errors })}
${field({ name: `claims.${n}.dueDate`, label: t(lang, "dueDate"), type: "date", value: v(`claims.${n}.dueDate`), required: n === 0, errors })}
${field({ name: `claims.${n}.amount`, label: t(lang, "amount"), value: v(`claims.${n}.amount`), required: n === 0, inputMode: "decimal", hint: t(lang, "amountHint"), errors })}
${field({ name: `claims.${n}.description`, label: t(lang, "description"), value: v(`claims.${n}.description`), errors })}
</fieldset>`;
  const main = html`<h1>${t(lang, "newTitle")}</h1>
${errorSummary(t(lang, "errors"), errors)}
<form id="new-case" method="post" action="/cases/new" novalidate>
${csrfField(c)}
<fieldset><legend>${t(lang, "caseSection")}</legend>
${select({ name: "client", label: t(lang, "client"), options: clients.map((client) => [client.id, client.name] as const), value: v("client"), empty: "—", errors })}
${field({ name: "clientReference", label: t(lang, "clientReference"), value: v("clientReference"), errors })}
${field({ name: "owner", label: t(lang, "owner"), value: v("owner") || c.get("user").userId, errors })}
${field({ name: "collectionGroup", label: t(lang, "group"), value: v("collectionGroup"), errors })}
${select({ name: "rulePack", label: t(lang, "rulePack"), options: (["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"] as const).map((pack) => [pack, pack] as const), value: v("rulePack") || "be.b2b", errors })}
${field({ name: "paymentReference", label: t(lang, "paymentReference"), value: v("paymentReference"), errors })}
</fieldset>
<fieldset><legend>${t(lang, "debtorSection")}</legend>
${select({ name: "debtor.kind", label: t(lang, "debtorKind"), options: (["legal-person", "natural-person"] as const).map((kind) => [kind, t(lang, `kind.${kind}`)] as const), value: v("debtor.kind") || "legal-person", errors })}
${field({ name: "debtor.name", label: t(lang, "debtorName"), value: v("debtor.name"), required: true, errors })}
${select({
  name: "debtor.language",
  label: t(lang, "language"),
  options: [
    ["nl", "Nederlands"],
    ["fr", "Français"],
    ["en", "English"],
    ["de", "Deutsch"],
  ] as const,
  value: v("debtor.language") || lang,
  errors,
})}
${field({ name: "debtor.consumer", label: t(lang, "consumer"), type: "checkbox", checked: v("debtor.consumer") === "on", errors })}
${field({ name: "debtor.enterpriseNumber", label: t(lang, "enterpriseNumber"), value: v("debtor.enterpriseNumber"), errors })}
${field({ name: "debtor.email", label: t(lang, "email"), type: "email", value: v("debtor.email"), errors, errorPath: "debtor.contacts.0.value" })}
${field({ name: "debtor.phone", label: t(lang, "phone"), value: v("debtor.phone"), errors })}
${field({ name: "debtor.address", label: t(lang, "address"), value: v("debtor.address"), errors })}
</fieldset>
${claim(0)}${claim(1)}${claim(2)}
<button type="submit">${t(lang, "open")}</button>
</form>`;
  return renderPage(c, {
    title: t(lang, "newTitle"),
    main,
    active: "/cases/new",
    status: errors.size > 0 ? 400 : 200,
  });
}

/** The author of the events a request records. */
export const authorOf = (c: Context<AppEnv>) => ({
  by: c.get("user").userId,
  recordedAt: c.get("services").now().toString(),
  today: c.get("services").today().toString(),
});

async function paymentPage(
  c: Context<AppEnv>,
  values: FormValues = {},
  errors: FormErrors = new Map(),
): Promise<Response> {
  const lang = c.get("lang");
  const caseId = c.req.param("caseId") ?? "";
  const loaded = await loadCase(c.get("services"), c.get("scope"), caseId);
  if (loaded === null) return c.notFound();
  const title = t(lang, "paymentTitle", { case: loaded.row.caseNumber });
  const main = html`<h1>${title}</h1>
<p>${t(lang, "balance")}: ${formatMoney(lang, loaded.row.balance)}</p>
${errorSummary(t(lang, "errors"), errors)}
<form id="payment-form" method="post" action="/cases/${encodeURIComponent(caseId)}/payments" novalidate>
${csrfField(c)}
${paymentFields(lang, values, errors, c.get("services").today().toString())}
<button type="submit">${t(lang, "register")}</button>
</form>
<p><a href="/cases/${encodeURIComponent(caseId)}">${t(lang, "back")}</a></p>`;
  return renderPage(c, { title, main, active: "/cases", status: errors.size > 0 ? 400 : 200 });
}

/**
 * The fields of the payment form (amount, value date, reference, imputation).
 *
 * @example
 * ```ts
 * html`<form>${paymentFields("nl", {}, new Map(), "2026-03-02")}</form>`;
 * ```
 */
export function paymentFields(
  lang: Language,
  values: FormValues,
  errors: FormErrors,
  today: string,
) {
  return html`${field({ name: "amount", label: t(lang, "amount"), value: values.amount ?? "", required: true, inputMode: "decimal", hint: t(lang, "amountHint"), errors })}
${field({ name: "date", label: t(lang, "date"), type: "date", value: values.date ?? today, required: true, errors })}
${field({ name: "reference", label: t(lang, "reference"), value: values.reference ?? "", errors })}
${select({ name: "imputation", label: t(lang, "imputation"), options: [["", t(lang, "imputation.pack")], ...(["costs-interest-principal", "interest-costs-principal", "principal-interest-costs"] as const).map((order) => [order, t(lang, `imputation.${order}`)] as const)], value: values.imputation ?? "", errors })}`;
}

/**
 * Registers the cases pages: `/cases`, `/cases/new` and `/cases/:caseId/payments`.
 *
 * @example
 * ```ts
 * ROUTE_MODULES.push(registerCasesPages);
 * ```
 */
export function registerCasesPages(app: Hono<AppEnv>): void {
  const firm = requireRole(FIRM_ROLES);
  app.get("/cases", firm, listPage);
  app.get("/cases/new", firm, (c) => newCasePage(c));
  app.post("/cases/new", firm, async (c) => {
    const form = await readForm(c);
    const values: FormValues = Object.fromEntries(
      FORM_FIELDS.map((name) => [name, form.one(name)]),
    );
    const body = newCaseBodyOfForm(values, c.get("services").today().toString());
    const parsed = newCaseSchema.safeParse(body);
    if (!parsed.success)
      return newCasePage(
        c,
        values,
        formErrors(
          parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join("."),
            message: issue.message,
          })),
        ),
      );
    let opened: { caseId: string };
    try {
      opened = await openCase(
        c.get("services"),
        c.get("scope"),
        authorOf(c),
        parsed.data as NewCase,
      );
    } catch (error) {
      if (!(error instanceof IncassoError) || error.code === "STORE_UNAVAILABLE") throw error;
      return newCasePage(c, values, formErrors(errorFields(error, "client")));
    }
    await c.get("audit")("case.open", opened.caseId);
    return c.redirect(`/cases/${encodeURIComponent(opened.caseId)}`, 303);
  });

  app.get("/cases/:caseId/payments", firm, (c) => paymentPage(c));
  app.post("/cases/:caseId/payments", firm, async (c) => {
    const form = await readForm(c);
    const values: FormValues = {
      amount: form.one("amount"),
      date: form.one("date"),
      reference: form.one("reference"),
      imputation: form.one("imputation"),
    };
    const loaded = await loadCase(c.get("services"), c.get("scope"), c.req.param("caseId"));
    if (loaded === null) return c.notFound();
    const parsed = paymentSchema.safeParse({
      amount: amountOfInput(values.amount ?? ""),
      date: values.date,
      ...(values.reference ? { reference: values.reference } : {}),
      ...(values.imputation ? { imputation: values.imputation } : {}),
    });
    if (!parsed.success)
      return paymentPage(
        c,
        values,
        formErrors(
          parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join("."),
            message: issue.message,
          })),
        ),
      );
    try {
      await registerPayment(c.get("services"), c.get("scope"), authorOf(c), loaded, parsed.data);
    } catch (error) {
      if (!(error instanceof IncassoError) || error.code === "STORE_UNAVAILABLE") throw error;
      return paymentPage(c, values, formErrors(errorFields(error, "amount")));
    }
    await c.get("audit")("case.payment", loaded.row.caseId);
    return c.redirect(`/cases/${encodeURIComponent(loaded.row.caseId)}#payments`, 303);
  });
}
