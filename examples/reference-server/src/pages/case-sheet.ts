// The case sheet: summary, the rule pack's findings, the statement of today with each interest
// line and its legal source, the history in words, the letters (each opens as PDF), the payments
// with their imputation, the payment plan and its state (propose, agree, print the agreement),
// promises, notes and user fields, and a "what if the debtor pays X on D" box that stores nothing.
//
// Stable hooks for browser tests: section ids summary, findings, statement, history, letters,
// payments, plan, promises, notes, what-if; table#interest-lines; a.letter-pdf per letter;
// form#plan-form ("Propose a plan"), form#plan-agree ("Agree this plan"), form#note-form
// ("Add the note"), form#what-if-form ("Compute"), output#what-if-result.
import type { HistoryEntry, PlanProposal, Statement } from "@incasso/core";
import {
  describeCaseEvent,
  IncassoError,
  parseCaseEvents,
  planState,
  Temporal,
} from "@incasso/core";
import { Decimal } from "decimal.js";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { requireRole } from "../auth/require-role.js";
import { userDirectory } from "../auth/users.js";
import type { AppEnv, Language } from "../context.js";
import type { Html } from "../web/layout.js";
import { csrfField, formatDate, formatMoney, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import {
  addNote,
  agreeCasePlan,
  agreedPlan,
  planBodySchema,
  proposeCasePlan,
  whatIfSchema,
  whatIfStatement,
} from "./case-actions.js";
import type { LoadedCase } from "./case-data.js";
import {
  caseLetters,
  creditorOf,
  errorFields,
  FIRM_ROLES,
  loadCase,
  renderCaseLetter,
  statementOf,
} from "./case-data.js";
import type { FormErrors } from "./case-ui.js";
import { errorSummary, field, formErrors, readForm, select } from "./case-ui.js";
import { amountOfInput, authorOf } from "./cases.js";
import { statusLabel } from "./portal-text.js";

const t = defineMessages({
  nl: {
    title: "Dossier {case}",
    summary: "Samenvatting",
    client: "Klant",
    clientReference: "Referentie van de klant",
    debtor: "Schuldenaar",
    owner: "Dossierbeheerder",
    lawyer: "Advocaat",
    rulePack: "Regelpakket",
    status: "Status",
    balance: "Saldo",
    daysPastDue: "Dagen achterstand",
    nextAction: "Volgende actie",
    registerPayment: "Betaling registreren",
    findings: "Bevindingen van het regelpakket",
    noFindings: "Geen bevindingen.",
    severity: "Ernst",
    finding: "Bevinding",
    source: "Bron",
    statement: "Afrekening op {date}",
    statementError: "De afrekening kon niet worden berekend: {message}",
    totals: "Totalen",
    principal: "Hoofdsom",
    interest: "Interest",
    costs: "Kosten",
    paid: "Betaald",
    claims: "Vorderingen",
    claim: "Vordering",
    dueDate: "Vervaldag",
    original: "Oorspronkelijk",
    open: "Open",
    interestLines: "Interestlijnen",
    from: "Van",
    to: "Tot",
    days: "Dagen",
    base: "Basis",
    rate: "Rentevoet (%)",
    amount: "Bedrag",
    charges: "Kosten en schadebedingen",
    charge: "Post",
    date: "Datum",
    outstanding: "Open",
    history: "Historiek",
    at: "Datum",
    by: "Door",
    what: "Wat",
    letters: "Brieven",
    letter: "Brief",
    openPdf: "Open de PDF",
    channel: "Kanaal",
    payments: "Betalingen en hun aanrekening",
    noPayments: "Nog geen betalingen.",
    payment: "Betaling",
    imputation: "Aanrekening",
    packImputation: "Aanrekening volgens het regelpakket: {order}",
    plan: "Afbetalingsplan",
    noPlan: "Geen afbetalingsplan.",
    planStatus: "Toestand van het plan: {status}",
    "plan.active": "lopend",
    "plan.in-arrears": "achterstallig",
    "plan.defaulted": "niet nageleefd",
    "plan.completed": "volledig betaald",
    "plan.cancelled": "stopgezet",
    "inst.paid": "betaald",
    "inst.partly-paid": "deels betaald",
    "inst.due": "vervalt vandaag",
    "inst.overdue": "achterstallig",
    "inst.upcoming": "nog te vervallen",
    instalment: "Termijn",
    propose: "Plan voorstellen",
    firstDueDate: "Eerste vervaldag",
    count: "Aantal termijnen",
    frequency: "Frequentie",
    "f.monthly": "maandelijks",
    "f.weekly": "wekelijks",
    "f.biweekly": "tweewekelijks",
    "f.quarterly": "per kwartaal",
    proposal: "Voorstel: {count} termijnen, totaal {total}",
    agree: "Dit plan akkoord",
    printAgreement: "Druk de overeenkomst af (PDF)",
    promises: "Betaalbeloften",
    noPromises: "Geen betaalbeloften.",
    state: "Toestand",
    notes: "Notities en eigen velden",
    noNotes: "Geen notities.",
    note: "Notitie",
    addNote: "Notitie toevoegen",
    fields: "Eigen velden",
    whatIf: "Wat als de schuldenaar X betaalt op D?",
    whatIfAmount: "Bedrag X",
    whatIfDate: "Datum D",
    compute: "Berekenen",
    whatIfResult:
      "Saldo op {date} na een betaling van {amount} op {day}: {balance} (nu {now}). Niets werd opgeslagen.",
    errors: "Er zijn fouten",
  },
  fr: {
    title: "Dossier {case}",
    summary: "Résumé",
    client: "Client",
    clientReference: "Référence du client",
    debtor: "Débiteur",
    owner: "Gestionnaire",
    lawyer: "Avocat",
    rulePack: "Règles applicables",
    status: "Statut",
    balance: "Solde",
    daysPastDue: "Jours de retard",
    nextAction: "Prochaine action",
    registerPayment: "Enregistrer un paiement",
    findings: "Constats des règles applicables",
    noFindings: "Aucun constat.",
    severity: "Gravité",
    finding: "Constat",
    source: "Source",
    statement: "Décompte au {date}",
    statementError: "Le décompte n'a pas pu être calculé : {message}",
    totals: "Totaux",
    principal: "Principal",
    interest: "Intérêts",
    costs: "Frais",
    paid: "Payé",
    claims: "Créances",
    claim: "Créance",
    dueDate: "Échéance",
    original: "Initial",
    open: "Ouvert",
    interestLines: "Lignes d'intérêts",
    from: "Du",
    to: "Au",
    days: "Jours",
    base: "Base",
    rate: "Taux (%)",
    amount: "Montant",
    charges: "Frais et clauses pénales",
    charge: "Poste",
    date: "Date",
    outstanding: "Ouvert",
    history: "Historique",
    at: "Date",
    by: "Par",
    what: "Quoi",
    letters: "Lettres",
    letter: "Lettre",
    openPdf: "Ouvrir le PDF",
    channel: "Canal",
    payments: "Paiements et leur imputation",
    noPayments: "Pas encore de paiements.",
    payment: "Paiement",
    imputation: "Imputation",
    packImputation: "Imputation selon les règles du dossier : {order}",
    plan: "Plan de paiement",
    noPlan: "Pas de plan de paiement.",
    planStatus: "État du plan : {status}",
    "plan.active": "en cours",
    "plan.in-arrears": "en retard",
    "plan.defaulted": "non respecté",
    "plan.completed": "entièrement payé",
    "plan.cancelled": "annulé",
    "inst.paid": "payée",
    "inst.partly-paid": "payée en partie",
    "inst.due": "échoit aujourd'hui",
    "inst.overdue": "en retard",
    "inst.upcoming": "à échoir",
    instalment: "Échéance",
    propose: "Proposer un plan",
    firstDueDate: "Première échéance",
    count: "Nombre d'échéances",
    frequency: "Fréquence",
    "f.monthly": "mensuelle",
    "f.weekly": "hebdomadaire",
    "f.biweekly": "bimensuelle",
    "f.quarterly": "trimestrielle",
    proposal: "Proposition : {count} échéances, total {total}",
    agree: "Accepter ce plan",
    printAgreement: "Imprimer l'accord (PDF)",
    promises: "Promesses de paiement",
    noPromises: "Pas de promesses de paiement.",
    state: "État",
    notes: "Notes et champs propres",
    noNotes: "Pas de notes.",
    note: "Note",
    addNote: "Ajouter la note",
    fields: "Champs propres",
    whatIf: "Et si le débiteur paie X le D ?",
    whatIfAmount: "Montant X",
    whatIfDate: "Date D",
    compute: "Calculer",
    whatIfResult:
      "Solde au {date} après un paiement de {amount} le {day} : {balance} (maintenant {now}). Rien n'a été enregistré.",
    errors: "Il y a des erreurs",
  },
  en: {
    title: "Case {case}",
    summary: "Summary",
    client: "Client",
    clientReference: "The client's reference",
    debtor: "Debtor",
    owner: "Case owner",
    lawyer: "Lawyer",
    rulePack: "Rule pack",
    status: "Status",
    balance: "Balance",
    daysPastDue: "Days past due",
    nextAction: "Next action",
    registerPayment: "Register a payment",
    findings: "Findings of the rule pack",
    noFindings: "No findings.",
    severity: "Severity",
    finding: "Finding",
    source: "Source",
    statement: "Statement as of {date}",
    statementError: "The statement could not be computed: {message}",
    totals: "Totals",
    principal: "Principal",
    interest: "Interest",
    costs: "Costs",
    paid: "Paid",
    claims: "Claims",
    claim: "Claim",
    dueDate: "Due date",
    original: "Original",
    open: "Open",
    interestLines: "Interest lines",
    from: "From",
    to: "To",
    days: "Days",
    base: "Base",
    rate: "Rate (%)",
    amount: "Amount",
    charges: "Costs and penalty clauses",
    charge: "Item",
    date: "Date",
    outstanding: "Outstanding",
    history: "History",
    at: "Date",
    by: "By",
    what: "What",
    letters: "Letters",
    letter: "Letter",
    openPdf: "Open the PDF",
    channel: "Channel",
    payments: "Payments and their imputation",
    noPayments: "No payments yet.",
    payment: "Payment",
    imputation: "Imputation",
    packImputation: "Imputation as the rule pack says: {order}",
    plan: "Payment plan",
    noPlan: "No payment plan.",
    planStatus: "State of the plan: {status}",
    "plan.active": "active",
    "plan.in-arrears": "in arrears",
    "plan.defaulted": "defaulted",
    "plan.completed": "completed",
    "plan.cancelled": "cancelled",
    "inst.paid": "paid",
    "inst.partly-paid": "partly paid",
    "inst.due": "due today",
    "inst.overdue": "overdue",
    "inst.upcoming": "upcoming",
    instalment: "Instalment",
    propose: "Propose a plan",
    firstDueDate: "First due date",
    count: "Number of instalments",
    frequency: "Frequency",
    "f.monthly": "monthly",
    "f.weekly": "weekly",
    "f.biweekly": "every two weeks",
    "f.quarterly": "quarterly",
    proposal: "Proposal: {count} instalments, total {total}",
    agree: "Agree this plan",
    printAgreement: "Print the agreement (PDF)",
    promises: "Promises to pay",
    noPromises: "No promises to pay.",
    state: "State",
    notes: "Notes and user fields",
    noNotes: "No notes.",
    note: "Note",
    addNote: "Add the note",
    fields: "User fields",
    whatIf: "What if the debtor pays X on D?",
    whatIfAmount: "Amount X",
    whatIfDate: "Date D",
    compute: "Compute",
    whatIfResult:
      "Balance on {date} after a payment of {amount} on {day}: {balance} (now {now}). Nothing was stored.",
    errors: "There are errors",
  },
});

/** The case sheet's catalogue. */
export const caseSheetText = t;

const money = (lang: Language, value: { toFixed(n: number): string }) =>
  formatMoney(lang, value.toFixed(2));

/** What the sheet shows besides the case: a plan proposal, a what-if answer, form errors. */
interface SheetExtras {
  readonly proposal?: { readonly plan: PlanProposal; readonly values: Record<string, string> };
  readonly whatIf?: {
    readonly amount: string;
    readonly date: string;
    readonly statement: Statement;
  };
  readonly errors?: FormErrors;
  readonly values?: Record<string, string>;
  readonly status?: 200 | 400;
}

function statementSection(lang: Language, statement: Statement, prefix = ""): Html {
  const totals = statement.totals;
  return html`<table id="${prefix}statement-totals"><caption>${t(lang, "totals")}</caption>
<tbody>
<tr><th scope="row">${t(lang, "principal")}</th><td class="num">${money(lang, totals.principal)}</td></tr>
<tr><th scope="row">${t(lang, "interest")}</th><td class="num">${money(lang, totals.interest)}</td></tr>
<tr><th scope="row">${t(lang, "costs")}</th><td class="num">${money(lang, totals.costs)}</td></tr>
<tr><th scope="row">${t(lang, "paid")}</th><td class="num">${money(lang, totals.paid)}</td></tr>
<tr><th scope="row">${t(lang, "balance")}</th><td class="num"><strong id="${prefix}statement-balance">${money(lang, totals.balance)}</strong></td></tr>
</tbody></table>
<div class="table-wrap"><table id="${prefix}statement-claims"><caption>${t(lang, "claims")}</caption>
<thead><tr><th scope="col">${t(lang, "claim")}</th><th scope="col">${t(lang, "dueDate")}</th><th scope="col" class="num">${t(lang, "original")}</th><th scope="col" class="num">${t(lang, "principal")}</th><th scope="col" class="num">${t(lang, "interest")}</th></tr></thead>
<tbody>${statement.claims.map(
    (claim) =>
      html`<tr><th scope="row">${claim.id}</th><td>${formatDate(lang, claim.dueDate)}</td><td class="num">${money(lang, claim.originalPrincipal)}</td><td class="num">${money(lang, claim.principal)}</td><td class="num">${money(lang, claim.interest)}</td></tr>`,
  )}</tbody></table></div>
<div class="table-wrap"><table id="${prefix}interest-lines"><caption>${t(lang, "interestLines")}</caption>
<thead><tr><th scope="col">${t(lang, "claim")}</th><th scope="col">${t(lang, "from")}</th><th scope="col">${t(lang, "to")}</th><th scope="col" class="num">${t(lang, "days")}</th><th scope="col" class="num">${t(lang, "base")}</th><th scope="col" class="num">${t(lang, "rate")}</th><th scope="col" class="num">${t(lang, "amount")}</th><th scope="col">${t(lang, "source")}</th></tr></thead>
<tbody>${statement.interestLines.map(
    (
      line,
    ) => html`<tr><th scope="row">${line.claim}</th><td>${formatDate(lang, line.from)}</td><td>${formatDate(lang, line.to)}</td><td class="num">${String(line.days)}</td><td class="num">${money(lang, line.base)}</td><td class="num">${line.rate.toString()}</td><td class="num">${money(lang, line.amount)}</td>
<td>${line.rateEntries.map((entry) => html`<span class="source">${entry.table} ${formatDate(lang, entry.from)}: ${entry.source}</span> `)}</td></tr>`,
  )}</tbody></table></div>
${
  statement.charges.length === 0
    ? ""
    : html`<div class="table-wrap"><table id="${prefix}statement-charges"><caption>${t(lang, "charges")}</caption>
<thead><tr><th scope="col">${t(lang, "charge")}</th><th scope="col">${t(lang, "date")}</th><th scope="col" class="num">${t(lang, "amount")}</th><th scope="col" class="num">${t(lang, "outstanding")}</th></tr></thead>
<tbody>${statement.charges.map(
        (charge) =>
          html`<tr><th scope="row">${charge.id}</th><td>${formatDate(lang, charge.date)}</td><td class="num">${money(lang, charge.amount)}</td><td class="num">${money(lang, charge.outstanding)}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

async function sheetPage(c: Context<AppEnv>, extras: SheetExtras = {}): Promise<Response> {
  const lang = c.get("lang");
  const services = c.get("services");
  const caseId = c.req.param("caseId") ?? "";
  const loaded = await loadCase(services, c.get("scope"), caseId);
  if (loaded === null) return c.notFound();
  const today = services.today();
  const resolved = statementOf(loaded, today);
  const errors = extras.errors ?? new Map<string, string>();
  const values = extras.values ?? {};
  const base = `/cases/${encodeURIComponent(caseId)}`;
  const row = loaded.row;
  let whatIf = extras.whatIf;
  const whatIfAmount = c.req.query("amount");
  const whatIfDate = c.req.query("date");
  if (whatIf === undefined && whatIfAmount !== undefined && whatIfDate !== undefined) {
    const parsed = whatIfSchema.safeParse({
      amount: amountOfInput(whatIfAmount),
      date: whatIfDate,
    });
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        (errors as Map<string, string>).set(`whatIf.${String(issue.path[0])}`, issue.message);
    else {
      try {
        whatIf = {
          ...parsed.data,
          statement: whatIfStatement(loaded, today.toString(), parsed.data).statement,
        };
      } catch (error) {
        if (!(error instanceof IncassoError)) throw error;
        (errors as Map<string, string>).set("whatIf.amount", error.message);
      }
    }
  }
  if (!resolved.ok) {
    const main = html`<h1>${t(lang, "title", { case: row.caseNumber })}</h1>
<p class="notice error" role="alert">${t(lang, "statementError", { message: resolved.error.message })}</p>`;
    return renderPage(c, {
      title: t(lang, "title", { case: row.caseNumber }),
      main,
      active: "/cases",
    });
  }
  const { state, statement, findings, caseFile } = resolved.value;
  const debtor = state.debtors[0];
  const allocationsOf = (paymentId: string) =>
    statement.allocations.filter((item) => item.payment === paymentId);
  const agreed = agreedPlan(loaded.events);
  const planNow =
    agreed?.plan === null || agreed === null
      ? null
      : planState(
          agreed.plan,
          state.payments
            .filter((payment) => payment.at >= (agreed.plan?.request.agreedOn ?? agreed.event.at))
            .map((payment) => ({
              id: payment.paymentId,
              date: Temporal.PlainDate.from(payment.at),
              amount: new Decimal(payment.amount),
            })),
          today,
        );
  const letters = caseLetters(loaded.events, today.toString());
  // Users by name (the owner, who recorded each event and note), and the history in the page's
  // language: each line as the core words its event.
  const { nameOf } = await userDirectory(services, c.get("scope").tenantId);
  const eventsById = new Map(parseCaseEvents([...loaded.events]).map((event) => [event.id, event]));
  const historyText = (entry: HistoryEntry) => {
    const event = eventsById.get(entry.eventId);
    return event === undefined ? entry.text : describeCaseEvent(event, lang, { nameOf });
  };
  const fieldDefinitions = loaded.terms?.fields ?? [];
  const main = html`<h1>${t(lang, "title", { case: row.caseNumber })}</h1>
${errorSummary(t(lang, "errors"), errors)}
<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">${t(lang, "summary")}</h2>
<dl class="facts">
<dt>${t(lang, "client")}</dt><dd>${state.opened.client.name}</dd>
<dt>${t(lang, "clientReference")}</dt><dd>${state.opened.client.reference ?? "—"}</dd>
<dt>${t(lang, "debtor")}</dt><dd>${debtor?.name ?? "—"}${debtor?.enterpriseNumber ? ` (${debtor.enterpriseNumber})` : ""}</dd>
<dt>${t(lang, "owner")}</dt><dd>${nameOf(state.owner)}</dd>
<dt>${t(lang, "lawyer")}</dt><dd>${state.opened.lawyer}</dd>
<dt>${t(lang, "rulePack")}</dt><dd>${state.rulePack}</dd>
<dt>${t(lang, "status")}</dt><dd>${statusLabel(lang, row.status)}</dd>
<dt>${t(lang, "balance")}</dt><dd id="case-balance">${money(lang, statement.totals.balance)}</dd>
<dt>${t(lang, "daysPastDue")}</dt><dd>${String(row.daysPastDue)}</dd>
<dt>${t(lang, "nextAction")}</dt><dd>${formatDate(lang, row.nextActionDate)}</dd>
</dl>
<p><a class="button" href="${base}/payments">${t(lang, "registerPayment")}</a></p>
</section>
<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">${t(lang, "findings")}</h2>
${
  findings.length === 0
    ? html`<p>${t(lang, "noFindings")}</p>`
    : html`<ul>${findings.map(
        (finding) =>
          html`<li class="${finding.severity === "error" ? "error" : finding.severity === "warning" ? "warn" : ""}"><strong>${finding.severity}</strong>: ${finding.message[lang]} <span class="muted">(${finding.source})</span></li>`,
      )}</ul>`
}
</section>
<section id="statement" aria-labelledby="h-statement"><h2 id="h-statement">${t(lang, "statement", { date: formatDate(lang, today) })}</h2>
${statementSection(lang, statement)}
</section>
<section id="history" aria-labelledby="h-history"><h2 id="h-history">${t(lang, "history")}</h2>
<div class="table-wrap"><table id="history-table"><caption>${t(lang, "history")}</caption>
<thead><tr><th scope="col">${t(lang, "at")}</th><th scope="col">${t(lang, "by")}</th><th scope="col">${t(lang, "what")}</th></tr></thead>
<tbody>${state.history.map((entry) => html`<tr><th scope="row">${formatDate(lang, entry.at)}</th><td>${nameOf(entry.by)}</td><td>${historyText(entry)}</td></tr>`)}</tbody>
</table></div>
</section>
<section id="letters" aria-labelledby="h-letters"><h2 id="h-letters">${t(lang, "letters")}</h2>
<ul>${letters.map(
    (letter) =>
      html`<li>${formatDate(lang, letter.date)} · ${letter.kind} · ${letter.channel}: <a class="letter-pdf" href="${base}/letters/${encodeURIComponent(letter.id)}.pdf">${t(lang, "openPdf")}<span class="visually-hidden"> ${letter.kind} ${letter.date}</span></a></li>`,
  )}</ul>
</section>
<section id="payments" aria-labelledby="h-payments"><h2 id="h-payments">${t(lang, "payments")}</h2>
<p>${t(lang, "packImputation", { order: caseFile.terms.imputation })}</p>
${
  state.payments.length === 0
    ? html`<p>${t(lang, "noPayments")}</p>`
    : html`<div class="table-wrap"><table id="payments-table"><caption>${t(lang, "payments")}</caption>
<thead><tr><th scope="col">${t(lang, "payment")}</th><th scope="col">${t(lang, "date")}</th><th scope="col" class="num">${t(lang, "amount")}</th><th scope="col">${t(lang, "imputation")}</th></tr></thead>
<tbody>${state.payments.map(
        (
          payment,
        ) => html`<tr><th scope="row">${payment.reference ?? payment.paymentId}</th><td>${formatDate(lang, payment.at)}</td><td class="num">${formatMoney(lang, payment.amount)}</td>
<td><ul>${allocationsOf(payment.paymentId).map((item) => html`<li>${item.bucket} ${item.target.id}: ${money(lang, item.amount)}</li>`)}</ul></td></tr>`,
      )}</tbody></table></div>`
}
<p><a href="${base}/payments">${t(lang, "registerPayment")}</a></p>
</section>
<section id="plan" aria-labelledby="h-plan"><h2 id="h-plan">${t(lang, "plan")}</h2>
${agreed === null ? html`<p>${t(lang, "noPlan")}</p>` : html`<p>${agreed.event.description}</p>`}
${
  planNow === null
    ? ""
    : html`<p id="plan-status">${t(lang, "planStatus", { status: t(lang, `plan.${planNow.status}`) })}</p>
<div class="table-wrap"><table id="plan-instalments"><caption>${t(lang, "plan")}</caption>
<thead><tr><th scope="col">${t(lang, "instalment")}</th><th scope="col">${t(lang, "dueDate")}</th><th scope="col" class="num">${t(lang, "amount")}</th><th scope="col" class="num">${t(lang, "paid")}</th><th scope="col">${t(lang, "state")}</th></tr></thead>
<tbody>${planNow.instalments.map((item) => html`<tr><th scope="row">${String(item.instalment.number)}</th><td>${formatDate(lang, item.instalment.dueDate)}</td><td class="num">${money(lang, item.instalment.amount)}</td><td class="num">${money(lang, item.paid)}</td><td>${t(lang, `inst.${item.status}`)}</td></tr>`)}</tbody></table></div>`
}
${
  extras.proposal === undefined
    ? ""
    : html`<div class="table-wrap"><table id="plan-proposal"><caption>${t(lang, "proposal", { count: extras.proposal.plan.instalments.length, total: money(lang, extras.proposal.plan.totals.total) })}</caption>
<thead><tr><th scope="col">${t(lang, "instalment")}</th><th scope="col">${t(lang, "dueDate")}</th><th scope="col" class="num">${t(lang, "amount")}</th></tr></thead>
<tbody>${extras.proposal.plan.instalments.map((item) => html`<tr><th scope="row">${String(item.number)}</th><td>${formatDate(lang, item.dueDate)}</td><td class="num">${money(lang, item.amount)}</td></tr>`)}</tbody></table></div>
<form id="plan-agree" method="post" action="${base}/plan">${csrfField(c)}<input type="hidden" name="action" value="agree">
${Object.entries(extras.proposal.values).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button type="submit">${t(lang, "agree")}</button></form>`
}
<form id="plan-form" method="post" action="${base}/plan" novalidate>${csrfField(c)}<input type="hidden" name="action" value="propose">
<fieldset><legend>${t(lang, "propose")}</legend>
${field({ name: "firstDueDate", label: t(lang, "firstDueDate"), type: "date", value: values.firstDueDate ?? today.add({ months: 1 }).toString(), required: true, errors, errorPath: "request.firstDueDate" })}
${field({ name: "count", label: t(lang, "count"), type: "number", value: values.count ?? "6", required: true, errors, errorPath: "request.schedule.count" })}
${select({ name: "frequency", label: t(lang, "frequency"), options: (["monthly", "weekly", "biweekly", "quarterly"] as const).map((item) => [item, t(lang, `f.${item}`)] as const), value: values.frequency ?? "monthly", errors })}
<button type="submit">${t(lang, "propose")}</button></fieldset></form>
${errors.get("request") === undefined ? "" : html`<p class="error" role="alert">${errors.get("request")}</p>`}
${letters.filter((letter) => letter.kind === "plan-agreement").map((letter) => html`<p><a class="letter-pdf" href="${base}/letters/${encodeURIComponent(letter.id)}.pdf">${t(lang, "printAgreement")}</a></p>`)}
</section>
<section id="promises" aria-labelledby="h-promises"><h2 id="h-promises">${t(lang, "promises")}</h2>
${
  state.promises.length === 0
    ? html`<p>${t(lang, "noPromises")}</p>`
    : html`<ul>${state.promises.map((promise) => html`<li>${formatDate(lang, promise.dueDate)}: ${formatMoney(lang, promise.amount)} (${promise.state})</li>`)}</ul>`
}
</section>
<section id="notes" aria-labelledby="h-notes"><h2 id="h-notes">${t(lang, "notes")}</h2>
${state.notes.length === 0 ? html`<p>${t(lang, "noNotes")}</p>` : html`<ul>${state.notes.map((note) => html`<li>${formatDate(lang, note.at)} · ${nameOf(note.by)}: ${note.text}</li>`)}</ul>`}
${
  Object.keys(state.fields).length === 0
    ? ""
    : html`<dl class="facts" id="user-fields">${Object.entries(state.fields).map(([name, value]) => html`<dt>${name}</dt><dd>${String(value)}</dd>`)}</dl>`
}
<form id="note-form" method="post" action="${base}/notes" novalidate>${csrfField(c)}
${field({ name: "text", label: t(lang, "note"), type: "textarea", value: values.text ?? "", errors })}
${
  fieldDefinitions.length === 0
    ? ""
    : html`<fieldset><legend>${t(lang, "fields")}</legend>${fieldDefinitions.map((definition) =>
        definition.type === "choice" && definition.choices !== undefined
          ? select({
              name: `fields.${definition.name}`,
              label: definition.name,
              options: definition.choices.map((choice) => [choice, choice] as const),
              value:
                values[`fields.${definition.name}`] ?? String(state.fields[definition.name] ?? ""),
              empty: "—",
              errors,
            })
          : field({
              name: `fields.${definition.name}`,
              label: definition.name,
              type:
                definition.type === "date"
                  ? "date"
                  : definition.type === "number"
                    ? "number"
                    : "text",
              value:
                values[`fields.${definition.name}`] ?? String(state.fields[definition.name] ?? ""),
              errors,
            }),
      )}</fieldset>`
}
<button type="submit">${t(lang, "addNote")}</button></form>
</section>
<section id="what-if" aria-labelledby="h-what-if"><h2 id="h-what-if">${t(lang, "whatIf")}</h2>
<form id="what-if-form" method="get" action="${base}#what-if" novalidate>
${field({ name: "amount", label: t(lang, "whatIfAmount"), value: whatIfAmount ?? "", inputMode: "decimal", required: true, errors, errorPath: "whatIf.amount" })}
${field({ name: "date", label: t(lang, "whatIfDate"), type: "date", value: whatIfDate ?? today.toString(), required: true, errors, errorPath: "whatIf.date" })}
<button type="submit">${t(lang, "compute")}</button></form>
${
  whatIf === undefined
    ? ""
    : html`<p><output id="what-if-result" for="f-amount f-date">${t(lang, "whatIfResult", {
        date: formatDate(lang, whatIf.statement.asOf),
        amount: formatMoney(lang, whatIf.amount),
        day: formatDate(lang, whatIf.date),
        balance: money(lang, whatIf.statement.totals.balance),
        now: money(lang, statement.totals.balance),
      })}</output></p>
${statementSection(lang, whatIf.statement, "what-if-")}`
}
</section>`;
  return renderPage(c, {
    title: t(lang, "title", { case: row.caseNumber }),
    main,
    active: "/cases",
    status: extras.status ?? (errors.size > 0 ? 400 : 200),
  });
}

/**
 * The PDF of a letter of a case (`statement` for the statement of today), rendered through the
 * document port; null when the case or letter is not found in the scope.
 *
 * @example
 * ```ts
 * const pdf = await letterPdf(c, loaded, "statement");
 * ```
 */
export async function letterPdf(
  c: Context<AppEnv>,
  loaded: LoadedCase,
  letterId: string,
): Promise<Uint8Array | null> {
  const services = c.get("services");
  const letter = caseLetters(loaded.events, services.today().toString()).find(
    (item) => item.id === letterId,
  );
  if (letter === undefined) return null;
  const creditor = await creditorOf(services, c.get("scope"), loaded.row.clientId);
  const plan =
    letter.kind === "plan-agreement"
      ? (agreedPlan(loaded.events, letter.id)?.plan ?? undefined)
      : undefined;
  const document = await renderCaseLetter(services, loaded, letter, creditor, plan);
  return document.bytes;
}

/**
 * Registers the case sheet: `/cases/:caseId`, its letters as PDF, and the note and plan forms.
 *
 * @example
 * ```ts
 * ROUTE_MODULES.push(registerCaseSheet);
 * ```
 */
export function registerCaseSheet(app: Hono<AppEnv>): void {
  const firm = requireRole(FIRM_ROLES);
  app.get("/cases/:caseId", firm, (c) => sheetPage(c));

  app.get("/cases/:caseId/letters/:file", firm, async (c) => {
    const file = c.req.param("file");
    if (!file.endsWith(".pdf")) return c.notFound();
    const loaded = await loadCase(c.get("services"), c.get("scope"), c.req.param("caseId"));
    if (loaded === null) return c.notFound();
    const bytes = await letterPdf(c, loaded, decodeURIComponent(file.slice(0, -4)));
    if (bytes === null) return c.notFound();
    await c.get("audit")("case.letter", loaded.row.caseId, { letter: file });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${loaded.row.caseNumber.replace(/[^A-Za-z0-9._-]/g, "_")}-${file.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    });
  });

  app.post("/cases/:caseId/notes", firm, async (c) => {
    const loaded = await loadCase(c.get("services"), c.get("scope"), c.req.param("caseId"));
    if (loaded === null) return c.notFound();
    const form = await readForm(c);
    const fields: Record<string, string | number | boolean> = {};
    const values: Record<string, string> = { text: form.one("text") };
    for (const definition of loaded.terms?.fields ?? []) {
      const value = form.one(`fields.${definition.name}`);
      values[`fields.${definition.name}`] = value;
      if (value === "") continue;
      fields[definition.name] =
        definition.type === "number" && Number.isFinite(Number(value))
          ? Number(value)
          : definition.type === "boolean"
            ? value === "true" || value === "on"
            : value;
    }
    try {
      await addNote(c.get("services"), c.get("scope"), authorOf(c), loaded, {
        ...(values.text ? { text: values.text } : {}),
        ...(Object.keys(fields).length === 0 ? {} : { fields }),
      });
    } catch (error) {
      if (!(error instanceof IncassoError) || error.code === "STORE_UNAVAILABLE") throw error;
      return sheetPage(c, { errors: formErrors(errorFields(error, "text")), values, status: 400 });
    }
    await c.get("audit")("case.note", loaded.row.caseId);
    return c.redirect(`/cases/${encodeURIComponent(loaded.row.caseId)}#notes`, 303);
  });

  app.post("/cases/:caseId/plan", firm, async (c) => {
    const loaded = await loadCase(c.get("services"), c.get("scope"), c.req.param("caseId"));
    if (loaded === null) return c.notFound();
    const form = await readForm(c);
    const values = {
      firstDueDate: form.one("firstDueDate"),
      count: form.one("count"),
      frequency: form.one("frequency"),
    };
    const parsed = planBodySchema.safeParse({
      action: form.one("action"),
      request: {
        firstDueDate: values.firstDueDate,
        schedule: { count: Number(values.count) },
        frequency: values.frequency,
      },
    });
    if (!parsed.success)
      return sheetPage(c, {
        errors: formErrors(
          parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join("."),
            message: issue.message,
          })),
        ),
        values,
        status: 400,
      });
    const today = c.get("services").today().toString();
    if (parsed.data.action === "propose") {
      const result = proposeCasePlan(loaded, today, parsed.data.request);
      if (!result.ok)
        return sheetPage(c, {
          errors: new Map([["request", `${result.code}: ${result.message}`]]),
          values,
          status: 400,
        });
      return sheetPage(c, { proposal: { plan: result.plan, values }, values });
    }
    try {
      await agreeCasePlan(
        c.get("services"),
        c.get("scope"),
        authorOf(c),
        loaded,
        parsed.data.request,
      );
    } catch (error) {
      if (!(error instanceof IncassoError) || error.code === "STORE_UNAVAILABLE") throw error;
      return sheetPage(c, {
        errors: formErrors(errorFields(error, "request")),
        values,
        status: 400,
      });
    }
    await c.get("audit")("case.plan.agree", loaded.row.caseId);
    return c.redirect(`/cases/${encodeURIComponent(loaded.row.caseId)}#plan`, 303);
  });
}
