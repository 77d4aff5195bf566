// The client portal's pages (role portal only): /portal, the client's cases with the columns the
// firm chose, open or closed, searched by our reference or theirs, with the exports; /portal/cases/:id,
// a case's statement as of today, its shared history and the documents handed in; and
// /portal/cases/new, the form to hand in a new case with its invoices' PDF files. Another client's
// case is not in the user's store scope: it is answered 404, as an unknown one.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Context, Hono } from "hono";
import { html, raw } from "hono/html";
import { PORTAL_ROLES, requireRole } from "../auth/require-role.js";
import type { AppEnv } from "../context.js";
import { refuse } from "../security/refuse.js";
import type { Html } from "../web/layout.js";
import { csrfField, formatDate, formatMoney, renderPage } from "../web/layout.js";
import type { PortalListQuery } from "./portal-cases.js";
import {
  listPortalCases,
  PortalNotFound,
  portalCase,
  portalListQuerySchema,
} from "./portal-cases.js";
import { portalColumns } from "./portal-columns.js";
import { cellText } from "./portal-export.js";
import type { IntakeFile, IntakeIssue } from "./portal-intake.js";
import { handInCase, portalDocuments, uploadPath } from "./portal-intake.js";
import { columnLabel, historyLine, portalText as t } from "./portal-text.js";

/** The portal's few styles of its own, allowed by the page's CSP nonce. */
const portalStyle = (c: Context<AppEnv>): Html => html`<style nonce="${c.get("nonce")}">
.portal-tabs ul { display: flex; gap: 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.portal-tabs a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
.portal-search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: 1rem; }
.portal-form .field { display: grid; gap: .2rem; margin-bottom: .6rem; max-width: 32rem; }
.portal-form fieldset.invoice { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .5rem 1rem; }
.portal-form fieldset.invoice .field { margin: 0; }
.portal-totals { max-width: 28rem; margin-top: 1rem; }
.portal-totals tr.total th, .portal-totals tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
.portal-exports a { margin-left: .5rem; }
</style>`;

const NUMERIC = new Set(["principal", "paid", "balance", "daysPastDue"]);

const scopeOf = (c: Context<AppEnv>) => {
  const user = c.get("user");
  return { tenantId: user.tenantId, clientId: user.clientId ?? "" };
};

/** The query string of a list query (state and search), for links and exports. */
const listLink = (base: string, query: Partial<PortalListQuery>) => {
  const params = new URLSearchParams();
  if (query.state !== undefined && query.state !== "open") params.set("state", query.state);
  if (query.q !== undefined && query.q !== "") params.set("q", query.q);
  if (query.after !== undefined) params.set("after", query.after);
  const text = params.toString();
  return text === "" ? base : `${base}?${text}`;
};

async function listPage(c: Context<AppEnv>): Promise<Response> {
  const lang = c.get("lang");
  const ids = c.req.queries("caseId");
  const parsed = portalListQuerySchema.safeParse({
    ...c.req.query(),
    ...(ids !== undefined && ids.length > 1 ? { caseId: ids } : {}),
  });
  if (!parsed.success) return refuse(c, 400, parsed.error.issues.map((i) => i.message).join("; "));
  const query = parsed.data;
  const scope = scopeOf(c);
  const services = c.get("services");
  let page: Awaited<ReturnType<typeof listPortalCases>>;
  try {
    page = await listPortalCases(services, scope, query);
  } catch (error) {
    if (error instanceof PortalNotFound) return refuse(c, 404, error.message);
    throw error;
  }
  const columns = await portalColumns(services, scope.tenantId, scope.clientId);
  await c.get("audit")("portal.list", undefined, { state: query.state, q: query.q ?? null });
  const tabs = (["open", "closed", "all"] as const).map(
    (state) =>
      html`<li><a href="${listLink("/portal", { state })}"${
        state === query.state && query.q === undefined ? raw(' aria-current="page"') : ""
      }>${t(lang, state)}</a></li>`,
  );
  const exportQuery = { state: query.state, ...(query.q === undefined ? {} : { q: query.q }) };
  const table =
    page.lines.length === 0
      ? html`<p class="muted">${t(lang, "none")}</p>`
      : html`<div class="table-wrap"><table>
<caption class="visually-hidden">${t(lang, "results", { count: page.lines.length })}</caption>
<thead><tr>${columns.map(
          (column) =>
            html`<th scope="col"${NUMERIC.has(column) ? raw(' class="num"') : ""}>${columnLabel(lang, column)}</th>`,
        )}</tr></thead>
<tbody>${page.lines.map(
          (line) =>
            html`<tr>${columns.map((column) => {
              if (column === "caseNumber")
                return html`<th scope="row"><a href="/portal/cases/${encodeURIComponent(line.row.caseId)}">${line.row.caseNumber}</a></th>`;
              const value = cellText(lang, line, column);
              if (column === "principal" || column === "paid" || column === "balance")
                return html`<td class="num">${formatMoney(lang, value === "" ? null : value)}</td>`;
              if (column === "openedOn" || column === "lastContact" || column === "nextAction")
                return html`<td>${formatDate(lang, value === "" ? null : value)}</td>`;
              return html`<td${NUMERIC.has(column) ? raw(' class="num"') : ""}>${value}</td>`;
            })}</tr>`,
        )}</tbody>
</table></div>`;
  const main = html`${portalStyle(c)}<h1>${t(lang, "title")}</h1>
<nav aria-label="${t(lang, "states")}" class="portal-tabs"><ul>${tabs}</ul></nav>
<form method="get" action="/portal" role="search" class="portal-search">
<input type="hidden" name="state" value="${query.state}">
<label for="portal-q">${t(lang, "search")}</label>
<input type="search" id="portal-q" name="q" value="${query.q ?? ""}" maxlength="120">
<button type="submit">${t(lang, "searchButton")}</button>
${query.q === undefined ? "" : html`<a href="${listLink("/portal", { state: query.state })}">${t(lang, "clear")}</a>`}
</form>
${table}
${
  page.nextCursor === null
    ? ""
    : html`<p><a rel="next" href="${listLink("/portal", { state: query.state, after: page.nextCursor })}">${t(lang, "next")}</a></p>`
}
<p class="portal-exports">${t(lang, "export")}:
<a href="${listLink("/api/portal/cases.csv", exportQuery)}" download>${t(lang, "csv")}</a>
<a href="${listLink("/api/portal/cases.xlsx", exportQuery)}" download>${t(lang, "xlsx")}</a></p>`;
  return renderPage(c, { title: t(lang, "title"), main, active: "/portal" });
}

async function casePage(c: Context<AppEnv>): Promise<Response> {
  const lang = c.get("lang");
  const scope = scopeOf(c);
  const services = c.get("services");
  const caseId = c.req.param("caseId") ?? "";
  const detail = await portalCase(services, scope, caseId);
  if (detail === null) return refuse(c, 404, `No case ${caseId} in your scope.`);
  await c.get("audit")("portal.case", caseId);
  const { row, facts, statement } = detail;
  const documents = await portalDocuments(services, scope.tenantId, scope.clientId, caseId);
  const claimNumbers = new Map(
    statement?.state.claims.map((claim) => [claim.id, claim] as const) ?? [],
  );
  const created = c.req.query("created") === "1";
  const summary = html`<dl class="facts">
<dt>${columnLabel(lang, "caseNumber")}</dt><dd>${row.caseNumber}</dd>
<dt>${columnLabel(lang, "clientReference")}</dt><dd>${facts.clientReference ?? "—"}</dd>
<dt>${columnLabel(lang, "debtor")}</dt><dd>${facts.debtor}</dd>
<dt>${columnLabel(lang, "status")}</dt><dd>${cellText(lang, { row, facts }, "status")}</dd>
<dt>${columnLabel(lang, "openedOn")}</dt><dd>${formatDate(lang, facts.openedOn)}</dd>
</dl>`;
  const today = services.today();
  const statementPart =
    statement === null
      ? html`<p class="notice error">${t(lang, "statementProblem", { reason: detail.statementProblem ?? "" })}</p>`
      : html`<div class="table-wrap"><table>
<caption>${t(lang, "claims")}</caption>
<thead><tr><th scope="col">${t(lang, "invoice")}</th><th scope="col">${t(lang, "invoiceDate")}</th><th scope="col">${t(lang, "dueDate")}</th><th scope="col" class="num">${t(lang, "amount")}</th><th scope="col" class="num">${t(lang, "openPrincipal")}</th><th scope="col" class="num">${t(lang, "interest")}</th></tr></thead>
<tbody>${statement.statement.claims.map((claim) => {
          const source = claimNumbers.get(claim.id);
          return html`<tr><th scope="row">${source?.invoiceNumber ?? claim.id}</th><td>${formatDate(lang, source?.invoiceDate ?? null)}</td><td>${formatDate(lang, claim.dueDate)}</td><td class="num">${formatMoney(lang, claim.originalPrincipal)}</td><td class="num">${formatMoney(lang, claim.principal)}</td><td class="num">${formatMoney(lang, claim.interest)}</td></tr>`;
        })}</tbody>
</table></div>
<table class="portal-totals">
<caption>${t(lang, "totals")}</caption>
<tbody>
<tr><th scope="row">${t(lang, "totalPrincipal")}</th><td class="num">${formatMoney(lang, statement.statement.totals.principal)}</td></tr>
<tr><th scope="row">${t(lang, "totalInterest")}</th><td class="num">${formatMoney(lang, statement.statement.totals.interest)}</td></tr>
<tr><th scope="row">${t(lang, "totalCosts")}</th><td class="num">${formatMoney(lang, statement.statement.totals.costs)}</td></tr>
<tr><th scope="row">${t(lang, "totalPenalty")}</th><td class="num">${formatMoney(lang, statement.statement.totals.penalty)}</td></tr>
<tr><th scope="row">${t(lang, "totalPaid")}</th><td class="num">${formatMoney(lang, statement.statement.totals.paid)}</td></tr>
<tr class="total"><th scope="row">${t(lang, "totalBalance")}</th><td class="num">${formatMoney(lang, statement.statement.totals.balance)}</td></tr>
</tbody></table>`;
  const history = [...detail.events]
    .map((event) => ({ event, text: historyLine(lang, event) }))
    .filter(
      (entry): entry is { event: (typeof detail.events)[number]; text: string } =>
        entry.text !== null,
    )
    .reverse();
  const main = html`${portalStyle(c)}<p><a href="/portal">${t(lang, "back")}</a></p>
${created ? html`<p class="notice" role="status">${t(lang, "created", { number: row.caseNumber })}</p>` : ""}
<h1>${t(lang, "caseTitle", { number: row.caseNumber })}</h1>
<section aria-labelledby="portal-summary"><h2 id="portal-summary">${t(lang, "summary")}</h2>${summary}</section>
<section aria-labelledby="portal-statement"><h2 id="portal-statement">${t(lang, "statement", { date: formatDate(lang, today) })}</h2>${statementPart}</section>
<section aria-labelledby="portal-history"><h2 id="portal-history">${t(lang, "history")}</h2>
${
  history.length === 0
    ? html`<p>${t(lang, "noHistory")}</p>`
    : html`<table><thead><tr><th scope="col">${t(lang, "date")}</th><th scope="col">${t(lang, "what")}</th></tr></thead>
<tbody>${history.map((entry) => html`<tr><td>${formatDate(lang, entry.event.at)}</td><td>${entry.text}</td></tr>`)}</tbody></table>`
}
</section>
${
  documents.length === 0
    ? ""
    : html`<section aria-labelledby="portal-documents"><h2 id="portal-documents">${t(lang, "documents")}</h2>
<table><thead><tr><th scope="col">${t(lang, "file")}</th><th scope="col" class="num">${t(lang, "size")}</th><th scope="col">SHA-256</th></tr></thead>
<tbody>${documents.map(
        (document) =>
          html`<tr><td><a href="/portal/cases/${encodeURIComponent(caseId)}/documents/${document.sha256}">${document.fileName}</a></td><td class="num">${Math.ceil(document.size / 1024)} KB</td><td><code>${document.sha256.slice(0, 16)}…</code></td></tr>`,
      )}</tbody></table></section>`
}`;
  return renderPage(c, {
    title: t(lang, "caseTitle", { number: row.caseNumber }),
    main,
    active: "/portal",
  });
}

async function documentFile(c: Context<AppEnv>): Promise<Response> {
  const scope = scopeOf(c);
  const services = c.get("services");
  const caseId = c.req.param("caseId") ?? "";
  const hash = c.req.param("sha256") ?? "";
  const row = await services.store.getCase(scope, caseId);
  const documents =
    row === null ? [] : await portalDocuments(services, scope.tenantId, scope.clientId, caseId);
  const document = documents.find((one) => one.sha256 === hash);
  if (document === undefined) return refuse(c, 404, "No such document in your scope.");
  await c.get("audit")("portal.document", caseId, { sha256: hash });
  const bytes = await readFile(uploadPath(services, scope.tenantId, hash));
  return c.body(new Uint8Array(bytes), 200, {
    "content-type": "application/pdf",
    "content-disposition": `inline; filename="${document.fileName.replace(/[^\w.-]/g, "_")}"`,
    "x-content-type-options": "nosniff",
  });
}

const INVOICE_ROWS = 3;

/** The values a form was sent with, to show them again beside its errors. */
type FormValues = Record<string, string>;

function intakeForm(
  c: Context<AppEnv>,
  values: FormValues,
  issues: readonly IntakeIssue[],
  token: string,
): Html {
  const lang = c.get("lang");
  const errorOf = (path: string) =>
    issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`));
  const field = (
    name: string,
    path: string,
    label: string,
    input: (attributes: Html) => Html,
    optional = false,
  ) => {
    const errors = errorOf(path);
    const id = `f-${name.replace(/[^\w-]/g, "-")}`;
    const described =
      errors.length === 0 ? "" : raw(` aria-invalid="true" aria-describedby="${id}-error"`);
    return html`<div class="field">
<label for="${id}">${label}${optional ? html` <span class="muted">${t(lang, "optional")}</span>` : ""}</label>
${input(html`id="${id}" name="${name}"${described}`)}
${errors.length === 0 ? "" : html`<p class="error" id="${id}-error">${errors.map((error) => error.message).join("; ")}</p>`}
</div>`;
  };
  const text = (name: string, path: string, label: string, extra = "", optional = false) =>
    field(
      name,
      path,
      label,
      (attributes) =>
        html`<input type="text" ${attributes} value="${values[name] ?? ""}"${raw(extra)}>`,
      optional,
    );
  const select = (name: string, path: string, label: string, options: [string, string][]) =>
    field(
      name,
      path,
      label,
      (attributes) =>
        html`<select ${attributes}>${options.map(
          ([value, caption]) =>
            html`<option value="${value}"${values[name] === value ? raw(" selected") : ""}>${caption}</option>`,
        )}</select>`,
    );
  const invoiceRows = Array.from({ length: INVOICE_ROWS }, (_, index) => {
    const p = `invoices.${index}`;
    return html`<fieldset class="invoice">
<legend>${t(lang, "invoiceN", { n: index + 1 })}${index === 0 ? "" : html` <span class="muted">${t(lang, "optional")}</span>`}</legend>
${text(`invoiceNumber${index}`, `${p}.invoiceNumber`, t(lang, "invoice"), index === 0 ? " required" : "")}
${field(`invoiceDate${index}`, `${p}.invoiceDate`, t(lang, "invoiceDate"), (a) => html`<input type="date" ${a} value="${values[`invoiceDate${index}`] ?? ""}"${index === 0 ? raw(" required") : ""}>`)}
${field(`dueDate${index}`, `${p}.dueDate`, t(lang, "dueDate"), (a) => html`<input type="date" ${a} value="${values[`dueDate${index}`] ?? ""}"${index === 0 ? raw(" required") : ""}>`)}
${text(`amount${index}`, `${p}.amount`, t(lang, "amount"), ` inputmode="decimal"${index === 0 ? " required" : ""}`)}
${field(`file${index}`, `${p}.file`, t(lang, "pdf"), (a) => html`<input type="file" ${a} accept="application/pdf,.pdf">`, true)}
</fieldset>`;
  });
  const general = issues.filter(
    (issue) =>
      issue.path === "invoices" ||
      issue.path === "(body)" ||
      issue.path === "submission" ||
      issue.path === "(user)",
  );
  return html`${portalStyle(c)}<h1>${t(lang, "newTitle")}</h1>
<p>${t(lang, "newIntro")}</p>
${
  issues.length === 0
    ? ""
    : html`<div class="notice error" role="alert" tabindex="-1" id="form-errors"><p>${t(lang, "errors")}</p><ul>${issues.map(
        (issue) => html`<li><code>${issue.path}</code>: ${issue.message}</li>`,
      )}</ul></div>`
}
<form method="post" action="/portal/cases/new" enctype="multipart/form-data" class="portal-form">
${csrfField(c)}
<input type="hidden" name="submission" value="${token}">
${text("clientReference", "clientReference", t(lang, "yourRef"), ' maxlength="120"', true)}
<fieldset><legend>${t(lang, "debtor")}</legend>
${text("debtorName", "debtor.name", t(lang, "debtorName"), ' required maxlength="200" autocomplete="off"')}
${select("debtorKind", "debtor.kind", t(lang, "debtorKind"), [
  ["legal-person", t(lang, "legalPerson")],
  ["natural-person", t(lang, "naturalPerson")],
])}
${select("debtorConsumer", "debtor.consumer", t(lang, "consumer"), [
  ["business", t(lang, "isBusiness")],
  ["consumer", t(lang, "isConsumer")],
])}
${select("debtorLanguage", "debtor.language", t(lang, "language"), [
  ["nl", "Nederlands"],
  ["fr", "Français"],
  ["en", "English"],
  ["de", "Deutsch"],
])}
${text("enterpriseNumber", "debtor.enterpriseNumber", t(lang, "enterpriseNumber"), ' maxlength="40"', true)}
${field("debtorEmail", "debtor.email", t(lang, "email"), (a) => html`<input type="email" ${a} value="${values.debtorEmail ?? ""}" maxlength="200">`, true)}
${field("debtorAddress", "debtor.address", t(lang, "address"), (a) => html`<textarea ${a} rows="3" maxlength="300">${values.debtorAddress ?? ""}</textarea>`, true)}
</fieldset>
<fieldset><legend>${t(lang, "invoices")}</legend>
<p class="muted">${t(lang, "firstRequired")}</p>
${general.length === 0 ? "" : html`<p class="error">${general.map((issue) => issue.message).join("; ")}</p>`}
${invoiceRows}
</fieldset>
${field("remark", "remark", t(lang, "remark"), (a) => html`<textarea ${a} rows="3" maxlength="2000">${values.remark ?? ""}</textarea>`, true)}
<p><button type="submit">${t(lang, "submit")}</button></p>
</form>`;
}

const newToken = () => randomBytes(18).toString("base64url");

async function newCaseForm(c: Context<AppEnv>): Promise<Response> {
  const lang = c.get("lang");
  const values: FormValues = { debtorLanguage: lang };
  return renderPage(c, {
    title: t(lang, "newTitle"),
    main: intakeForm(c, values, [], newToken()),
    active: "/portal/cases/new",
  });
}

/** Reads the multipart form into the hand-in's shape and its files. */
function intakeFromForm(body: Record<string, unknown>): {
  input: unknown;
  uploads: { invoice: number; file: File }[];
  values: FormValues;
  token: string;
} {
  const one = (name: string): string => {
    const value = body[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : "";
  };
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body))
    if (typeof value === "string" && name !== "_csrf") values[name] = value;
  const invoices: Record<string, string>[] = [];
  const uploads: { invoice: number; file: File }[] = [];
  for (let index = 0; index < INVOICE_ROWS; index++) {
    const invoice = {
      invoiceNumber: one(`invoiceNumber${index}`),
      invoiceDate: one(`invoiceDate${index}`),
      dueDate: one(`dueDate${index}`),
      amount: one(`amount${index}`),
    };
    const file = body[`file${index}`];
    const hasFile = file instanceof File && file.size > 0;
    const empty = Object.values(invoice).every((value) => value.trim() === "");
    if (empty && !hasFile && index > 0) continue;
    invoices.push(invoice);
    if (hasFile) uploads.push({ invoice: invoices.length - 1, file });
  }
  return {
    input: {
      clientReference: one("clientReference"),
      debtor: {
        kind: one("debtorKind"),
        name: one("debtorName"),
        language: one("debtorLanguage"),
        consumer: one("debtorConsumer") === "consumer",
        enterpriseNumber: one("enterpriseNumber"),
        email: one("debtorEmail"),
        address: one("debtorAddress"),
      },
      invoices,
      remark: one("remark"),
    },
    uploads,
    values,
    token: one("submission"),
  };
}

async function submitNewCase(c: Context<AppEnv>): Promise<Response> {
  const lang = c.get("lang");
  const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  const form = intakeFromForm(body);
  const files: IntakeFile[] = await Promise.all(
    form.uploads.map(async ({ invoice, file }) => ({
      invoice,
      fileName: file.name,
      type: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  );
  const result = await handInCase(c.get("services"), c.get("user"), form.token, form.input, files);
  if (!result.ok) {
    await c.get("audit")("portal.intake.refused", undefined, { issues: result.issues.length });
    return renderPage(c, {
      title: t(lang, "newTitle"),
      main: intakeForm(
        c,
        form.values,
        result.issues,
        /^[A-Za-z0-9_-]{16,80}$/.test(form.token) ? form.token : newToken(),
      ),
      active: "/portal/cases/new",
      status: 422,
    });
  }
  await c.get("audit")("portal.intake", result.caseId, {
    caseNumber: result.caseNumber,
    replayed: result.replayed,
  });
  return c.redirect(`/portal/cases/${encodeURIComponent(result.caseId)}?created=1`, 303);
}

/**
 * Registers the client portal's pages.
 *
 * @example
 * ```ts
 * const app = new Hono<AppEnv>();
 * portalPages(app);
 * ```
 */
export function portalPages(app: Hono<AppEnv>): void {
  const portalOnly = requireRole(PORTAL_ROLES);
  app.get("/portal", portalOnly, listPage);
  app.get("/portal/cases/new", portalOnly, newCaseForm);
  app.post("/portal/cases/new", portalOnly, submitNewCase);
  app.get("/portal/cases/:caseId/documents/:sha256", portalOnly, documentFile);
  app.get("/portal/cases/:caseId", portalOnly, casePage);
}
