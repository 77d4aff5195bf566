// The reports page: accounts receivable aging by client, owner or collection group (a table and
// an inline SVG bar chart), the portfolio's KPIs, and the aging as CSV.
import { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import type { Context, Hono } from "hono";
import { html, raw } from "hono/html";
import { FIRM_ROLES, requireRole } from "../auth/require-role.js";
import type { AppEnv, Language } from "../context.js";
import { formatDate, formatMoney, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import { barChart } from "../work/bar-chart.js";
import type { AgingReport, AgingRequest } from "../work/reports-work.js";
import { agingCsv, agingReport } from "../work/reports-work.js";
import { errorList } from "../work/ui.js";

const t = defineMessages({
  nl: {
    title: "Rapporten",
    aging: "Ouderdom van de openstaande bedragen",
    groupBy: "Groeperen per",
    "g.client": "klant",
    "g.owner": "dossierbeheerder",
    "g.collection-group": "invorderingsgroep",
    by: "Ouderdom vanaf",
    "b.due-date": "vervaldag",
    "b.invoice-date": "factuurdatum",
    asOf: "Op datum",
    show: "Tonen",
    csv: "Ouderdom als CSV",
    caption: "Openstaand per {group} en ouderdom (dagen na {by}), op {date}",
    group: "Groep",
    cases: "Dossiers",
    total: "Totaal",
    bucket: "{label} dagen",
    current: "niet vervallen",
    over: "meer dan 180 dagen",
    chartTitle: "Openstaande bedragen per ouderdom",
    chartDesc:
      "Staafdiagram van het totaal openstaande bedrag per ouderdomsklasse; dezelfde cijfers staan in de tabel.",
    kpis: "Kerncijfers",
    dso: "DSO (saldogewogen dagen sinds factuurdatum)",
    conversion: "Dossiers met een betaling",
    firstPayment: "Gemiddeld aantal dagen tot de eerste betaling",
    recovery: "Invorderingsgraad (betaald / gevorderd)",
    promises: "Nagekomen beloften",
    days: "{n} dagen",
    none: "—",
    notComputable: "Niet berekend",
    notComputableCaption: "Dossiers waarvan de afrekening niet kon worden berekend",
    reason: "Reden",
    errors: "Fouten",
    badDate: "verwacht een datum JJJJ-MM-DD",
  },
  fr: {
    title: "Rapports",
    aging: "Ancienneté des montants ouverts",
    groupBy: "Grouper par",
    "g.client": "client",
    "g.owner": "gestionnaire",
    "g.collection-group": "groupe de recouvrement",
    by: "Ancienneté depuis",
    "b.due-date": "l'échéance",
    "b.invoice-date": "la date de facture",
    asOf: "À la date du",
    show: "Afficher",
    csv: "Ancienneté en CSV",
    caption: "Ouvert par {group} et ancienneté (jours après {by}), au {date}",
    group: "Groupe",
    cases: "Dossiers",
    total: "Total",
    bucket: "{label} jours",
    current: "non échu",
    over: "plus de 180 jours",
    chartTitle: "Montants ouverts par ancienneté",
    chartDesc:
      "Diagramme en barres du total ouvert par tranche d'ancienneté ; les mêmes chiffres figurent dans le tableau.",
    kpis: "Indicateurs",
    dso: "DSO (jours depuis la facture, pondérés par le solde)",
    conversion: "Dossiers avec un paiement",
    firstPayment: "Jours en moyenne jusqu'au premier paiement",
    recovery: "Taux de recouvrement (payé / réclamé)",
    promises: "Promesses tenues",
    days: "{n} jours",
    none: "—",
    notComputable: "Non calculés",
    notComputableCaption: "Dossiers dont le décompte n'a pas pu être calculé",
    reason: "Motif",
    errors: "Erreurs",
    badDate: "date attendue AAAA-MM-JJ",
  },
  en: {
    title: "Reports",
    aging: "Aging of the open amounts",
    groupBy: "Group by",
    "g.client": "client",
    "g.owner": "owner",
    "g.collection-group": "collection group",
    by: "Age from",
    "b.due-date": "due date",
    "b.invoice-date": "invoice date",
    asOf: "As of",
    show: "Show",
    csv: "Aging as CSV",
    caption: "Open per {group} and age (days past {by}), as of {date}",
    group: "Group",
    cases: "Cases",
    total: "Total",
    bucket: "{label} days",
    current: "not yet due",
    over: "over 180 days",
    chartTitle: "Open amounts by age",
    chartDesc:
      "Bar chart of the total open amount per aging bucket; the table holds the same figures.",
    kpis: "Key figures",
    dso: "DSO (balance-weighted days since the invoice date)",
    conversion: "Cases with a payment",
    firstPayment: "Average days to the first payment",
    recovery: "Recovery rate (paid / claimed)",
    promises: "Promises kept",
    days: "{n} days",
    none: "—",
    notComputable: "Not computed",
    notComputableCaption: "Cases whose statement could not be computed",
    reason: "Reason",
    errors: "Errors",
    badDate: "expected a date YYYY-MM-DD",
  },
});

const GROUPS = ["client", "owner", "collection-group"] as const;
const BYS = ["due-date", "invoice-date"] as const;

/**
 * Reads the report's query (`groupBy`, `by`, `asOf`), with today as the default date. Answers
 * the request, or the field errors.
 *
 * @example
 * ```ts
 * const request = agingRequestOf({ groupBy: "owner" }, Temporal.PlainDate.from("2026-11-27"));
 * ```
 */
export function agingRequestOf(
  query: Record<string, string | undefined>,
  today: Temporal.PlainDate,
): AgingRequest | { errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const groupBy = (query.groupBy ?? "client") as AgingRequest["groupBy"];
  if (!GROUPS.includes(groupBy))
    errors.push({ path: "groupBy", message: `expected one of ${GROUPS.join(", ")}` });
  const by = (query.by ?? "due-date") as AgingRequest["by"];
  if (!BYS.includes(by)) errors.push({ path: "by", message: `expected one of ${BYS.join(", ")}` });
  let asOf = today;
  if (query.asOf !== undefined && query.asOf !== "") {
    try {
      asOf = Temporal.PlainDate.from(query.asOf, { overflow: "reject" });
    } catch {
      errors.push({ path: "asOf", message: "expected a date YYYY-MM-DD" });
    }
  }
  return errors.length > 0 ? { errors } : { groupBy, by, asOf };
}

function bucketName(lang: Language, label: string): string {
  if (label === "current") return t(lang, "current");
  if (label === "over 180") return t(lang, "over");
  return t(lang, "bucket", { label });
}

const percent = (lang: Language, share: number | null) =>
  share === null
    ? t(lang, "none")
    : new Intl.NumberFormat(lang === "en" ? "en-GB" : `${lang}-BE`, {
        style: "percent",
        maximumFractionDigits: 1,
      }).format(share);

function reportSection(lang: Language, report: AgingReport, query: string) {
  const zero = new Decimal(0);
  const k = report.kpis;
  return html`<table id="aging-table">
<caption>${t(lang, "caption", {
    group: t(lang, `g.${report.groupBy}`),
    by: t(lang, `b.${report.by}`),
    date: formatDate(lang, report.asOf),
  })}</caption>
<thead><tr><th scope="col">${t(lang, "group")}</th><th scope="col">${t(lang, "cases")}</th>${report.buckets.map(
    (label) => html`<th scope="col">${bucketName(lang, label)}</th>`,
  )}<th scope="col">${t(lang, "total")}</th></tr></thead>
<tbody>${report.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.group}</th><td>${row.cases}</td>${report.buckets.map(
        (label) => html`<td class="amount">${formatMoney(lang, row.buckets[label] ?? zero)}</td>`,
      )}<td class="amount">${formatMoney(lang, row.total)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">${t(lang, "total")}</th><td>${report.cases}</td>${report.buckets.map(
    (label) =>
      html`<td class="amount" data-bucket="${label}">${formatMoney(lang, report.totals.buckets[label] ?? zero)}</td>`,
  )}<td class="amount" id="aging-total" data-total="${report.totals.total.toFixed(2)}">${formatMoney(lang, report.totals.total)}</td></tr></tfoot>
</table>
<p><a id="aging-csv" href="/work/reports/aging.csv?${query}" download>${t(lang, "csv")}</a></p>
<figure>
${barChart({
  id: "aging-chart",
  title: t(lang, "chartTitle"),
  description: t(lang, "chartDesc"),
  bars: report.buckets.map((label) => {
    const value = report.totals.buckets[label] ?? zero;
    return { label: bucketName(lang, label), value, text: formatMoney(lang, value) };
  }),
})}
</figure>
<h2>${t(lang, "kpis")}</h2>
<dl id="kpis" class="totals">
<div><dt>${t(lang, "dso")}</dt><dd data-kpi="dso">${t(lang, "days", { n: k.dso })}</dd></div>
<div><dt>${t(lang, "conversion")}</dt><dd data-kpi="conversionRate">${percent(lang, k.conversionRate)}</dd></div>
<div><dt>${t(lang, "firstPayment")}</dt><dd data-kpi="averageDaysToFirstPayment">${
    k.averageDaysToFirstPayment === null
      ? t(lang, "none")
      : t(lang, "days", { n: Math.round(k.averageDaysToFirstPayment * 10) / 10 })
  }</dd></div>
<div><dt>${t(lang, "recovery")}</dt><dd data-kpi="recoveryRate">${percent(lang, k.recoveryRate)}</dd></div>
<div><dt>${t(lang, "promises")}</dt><dd data-kpi="promisesKeptRate">${percent(lang, k.promisesKeptRate)}</dd></div>
</dl>
${
  report.notComputable.length === 0
    ? ""
    : html`<table id="aging-not-computable"><caption>${t(lang, "notComputableCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "cases")}</th><th scope="col">${t(lang, "reason")}</th></tr></thead>
<tbody>${report.notComputable.map(
        (item) =>
          html`<tr><th scope="row"><a href="/cases/${encodeURIComponent(item.caseId)}">${item.caseNumber}</a></th><td>${item.reason}</td></tr>`,
      )}</tbody></table>`
}`;
}

async function reportsPage(c: Context<AppEnv>) {
  const lang = c.get("lang");
  const services = c.get("services");
  const request = agingRequestOf(c.req.query(), services.today());
  const chosen =
    "errors" in request
      ? { groupBy: c.req.query("groupBy"), by: c.req.query("by"), asOf: c.req.query("asOf") }
      : { groupBy: request.groupBy, by: request.by, asOf: request.asOf.toString() };
  const form = html`<form method="get" action="/work/reports" id="aging-form" class="inline">
<p><label for="aging-group-by">${t(lang, "groupBy")}</label>
<select id="aging-group-by" name="groupBy">${GROUPS.map(
    (value) =>
      html`<option value="${value}"${value === chosen.groupBy ? raw(" selected") : ""}>${t(lang, `g.${value}`)}</option>`,
  )}</select></p>
<p><label for="aging-by">${t(lang, "by")}</label>
<select id="aging-by" name="by">${BYS.map(
    (value) =>
      html`<option value="${value}"${value === chosen.by ? raw(" selected") : ""}>${t(lang, `b.${value}`)}</option>`,
  )}</select></p>
<p><label for="aging-as-of">${t(lang, "asOf")}</label>
<input type="date" id="aging-as-of" name="asOf" value="${chosen.asOf ?? ""}"></p>
<p><button type="submit">${t(lang, "show")}</button></p>
</form>`;
  if ("errors" in request)
    return renderPage(c, {
      title: t(lang, "title"),
      active: "/work/reports",
      status: 400,
      main: html`<h1>${t(lang, "title")}</h1>${errorList(t(lang, "errors"), request.errors)}${form}`,
    });
  const report = await agingReport(services, c.get("scope"), request);
  const query = new URLSearchParams({
    groupBy: request.groupBy,
    by: request.by,
    asOf: request.asOf.toString(),
  }).toString();
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/work/reports",
    main: html`<h1>${t(lang, "title")}</h1>
<h2>${t(lang, "aging")}</h2>
${form}
${reportSection(lang, report, query)}`,
  });
}

/**
 * The reports page's routes: `GET /work/reports?groupBy=client|owner|collection-group&by=due-date|invoice-date&asOf=YYYY-MM-DD`
 * and `GET /work/reports/aging.csv` with the same query. Firm roles only.
 *
 * @example
 * ```ts
 * workReportsPages(app);
 * ```
 */
export function workReportsPages(app: Hono<AppEnv>): void {
  app.use("/work/reports", requireRole(FIRM_ROLES));
  app.use("/work/reports/*", requireRole(FIRM_ROLES));

  app.get("/work/reports", (c) => reportsPage(c));

  app.get("/work/reports/aging.csv", async (c) => {
    const services = c.get("services");
    const request = agingRequestOf(c.req.query(), services.today());
    if ("errors" in request)
      return c.text(
        request.errors.map((error) => `${error.path}: ${error.message}`).join("\n"),
        400,
      );
    const report = await agingReport(services, c.get("scope"), request);
    await c.get("audit")("report.aging.csv", request.groupBy);
    return c.body(agingCsv(report), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="aging-${request.groupBy}-${request.asOf.toString()}.csv"`,
    });
  });
}
