// The words of the client portal in nl, fr and en: the pages, the columns, the statuses and one line
// per shared history event.
import type { CaseEvent, CaseRow } from "@incasso/core";
import type { Language } from "../context.js";
import { formatDate, formatMoney } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import type { PortalColumn } from "./portal-columns.js";

/** The portal's catalogue. */
export const portalText = defineMessages({
  nl: {
    title: "Mijn dossiers",
    open: "Lopend",
    closed: "Afgesloten",
    all: "Alle",
    states: "Welke dossiers",
    search: "Zoek op onze of uw referentie",
    searchButton: "Zoeken",
    clear: "Wissen",
    export: "Lijst exporteren",
    csv: "CSV",
    xlsx: "Excel (XLSX)",
    next: "Volgende pagina",
    none: "Geen dossiers gevonden.",
    results: "{count} dossiers op deze pagina",
    caseTitle: "Dossier {number}",
    summary: "Overzicht",
    statement: "Afrekening op {date}",
    statementProblem: "De afrekening kan vandaag niet berekend worden: {reason}",
    claims: "Facturen",
    invoice: "Factuur",
    invoiceDate: "Factuurdatum",
    dueDate: "Vervaldag",
    amount: "Bedrag",
    openPrincipal: "Open hoofdsom",
    interest: "Interest",
    totals: "Totalen",
    totalPrincipal: "Hoofdsom",
    totalInterest: "Interest",
    totalCosts: "Kosten",
    totalPenalty: "Schadebeding",
    totalPaid: "Betaald",
    totalBalance: "Saldo",
    history: "Verloop",
    noHistory: "Nog niets te melden.",
    documents: "Stukken die u bezorgde",
    date: "Datum",
    what: "Wat",
    file: "Bestand",
    size: "Grootte",
    back: "Terug naar mijn dossiers",
    newTitle: "Nieuw dossier overdragen",
    newIntro:
      "Geef de schuldenaar en de onbetaalde facturen op, met de factuur als PDF (hoogstens 10 MB per bestand).",
    yourRef: "Uw referentie",
    debtor: "Schuldenaar",
    debtorName: "Naam",
    debtorKind: "Soort",
    naturalPerson: "Natuurlijke persoon",
    legalPerson: "Rechtspersoon",
    consumer: "Consument of onderneming",
    isConsumer: "Consument",
    isBusiness: "Onderneming",
    language: "Taal van de schuldenaar",
    enterpriseNumber: "Ondernemingsnummer",
    email: "E-mailadres",
    address: "Adres",
    invoices: "Facturen",
    invoiceN: "Factuur {n}",
    pdf: "Factuur (PDF)",
    remark: "Opmerking voor het kantoor",
    submit: "Dossier overdragen",
    errors: "Het dossier is niet overgedragen. Verbeter:",
    created: "Dossier {number} is overgedragen. Het kantoor neemt het op.",
    optional: "(niet verplicht)",
    firstRequired: "Minstens de eerste factuur is verplicht.",
  },
  fr: {
    title: "Mes dossiers",
    open: "En cours",
    closed: "Clôturés",
    all: "Tous",
    states: "Quels dossiers",
    search: "Rechercher par notre référence ou la vôtre",
    searchButton: "Rechercher",
    clear: "Effacer",
    export: "Exporter la liste",
    csv: "CSV",
    xlsx: "Excel (XLSX)",
    next: "Page suivante",
    none: "Aucun dossier trouvé.",
    results: "{count} dossiers sur cette page",
    caseTitle: "Dossier {number}",
    summary: "Aperçu",
    statement: "Décompte au {date}",
    statementProblem: "Le décompte ne peut être calculé aujourd'hui : {reason}",
    claims: "Factures",
    invoice: "Facture",
    invoiceDate: "Date de facture",
    dueDate: "Échéance",
    amount: "Montant",
    openPrincipal: "Principal ouvert",
    interest: "Intérêts",
    totals: "Totaux",
    totalPrincipal: "Principal",
    totalInterest: "Intérêts",
    totalCosts: "Frais",
    totalPenalty: "Clause pénale",
    totalPaid: "Payé",
    totalBalance: "Solde",
    history: "Historique",
    noHistory: "Rien à signaler pour l'instant.",
    documents: "Pièces que vous avez remises",
    date: "Date",
    what: "Quoi",
    file: "Fichier",
    size: "Taille",
    back: "Retour à mes dossiers",
    newTitle: "Confier un nouveau dossier",
    newIntro:
      "Indiquez le débiteur et les factures impayées, avec la facture en PDF (10 Mo au plus par fichier).",
    yourRef: "Votre référence",
    debtor: "Débiteur",
    debtorName: "Nom",
    debtorKind: "Type",
    naturalPerson: "Personne physique",
    legalPerson: "Personne morale",
    consumer: "Consommateur ou entreprise",
    isConsumer: "Consommateur",
    isBusiness: "Entreprise",
    language: "Langue du débiteur",
    enterpriseNumber: "Numéro d'entreprise",
    email: "Adresse e-mail",
    address: "Adresse",
    invoices: "Factures",
    invoiceN: "Facture {n}",
    pdf: "Facture (PDF)",
    remark: "Remarque pour le cabinet",
    submit: "Confier le dossier",
    errors: "Le dossier n'a pas été confié. À corriger :",
    created: "Le dossier {number} a été confié. Le cabinet le prend en charge.",
    optional: "(facultatif)",
    firstRequired: "La première facture au moins est obligatoire.",
  },
  en: {
    title: "My cases",
    open: "Open",
    closed: "Closed",
    all: "All",
    states: "Which cases",
    search: "Search by our reference or yours",
    searchButton: "Search",
    clear: "Clear",
    export: "Export the list",
    csv: "CSV",
    xlsx: "Excel (XLSX)",
    next: "Next page",
    none: "No cases found.",
    results: "{count} cases on this page",
    caseTitle: "Case {number}",
    summary: "Summary",
    statement: "Statement as of {date}",
    statementProblem: "The statement cannot be computed today: {reason}",
    claims: "Invoices",
    invoice: "Invoice",
    invoiceDate: "Invoice date",
    dueDate: "Due date",
    amount: "Amount",
    openPrincipal: "Open principal",
    interest: "Interest",
    totals: "Totals",
    totalPrincipal: "Principal",
    totalInterest: "Interest",
    totalCosts: "Costs",
    totalPenalty: "Penalty clause",
    totalPaid: "Paid",
    totalBalance: "Balance",
    history: "History",
    noHistory: "Nothing to report yet.",
    documents: "Documents you handed in",
    date: "Date",
    what: "What",
    file: "File",
    size: "Size",
    back: "Back to my cases",
    newTitle: "Hand in a new case",
    newIntro: "Give the debtor and the unpaid invoices, each with its PDF (at most 10 MB a file).",
    yourRef: "Your reference",
    debtor: "Debtor",
    debtorName: "Name",
    debtorKind: "Kind",
    naturalPerson: "Natural person",
    legalPerson: "Legal person",
    consumer: "Consumer or business",
    isConsumer: "Consumer",
    isBusiness: "Business",
    language: "Debtor's language",
    enterpriseNumber: "Enterprise number",
    email: "E-mail address",
    address: "Address",
    invoices: "Invoices",
    invoiceN: "Invoice {n}",
    pdf: "Invoice (PDF)",
    remark: "Remark for the firm",
    submit: "Hand in the case",
    errors: "The case was not handed in. Please correct:",
    created: "Case {number} was handed in. The firm takes it up.",
    optional: "(optional)",
    firstRequired: "At least the first invoice is required.",
  },
});

const columnText = defineMessages<PortalColumn>({
  nl: {
    caseNumber: "Onze referentie",
    clientReference: "Uw referentie",
    debtor: "Schuldenaar",
    openedOn: "Geopend",
    status: "Status",
    principal: "Hoofdsom",
    paid: "Betaald",
    balance: "Saldo",
    daysPastDue: "Dagen vervallen",
    agingBucket: "Ouderdom",
    lastContact: "Laatste contact",
    nextAction: "Volgende stap",
  },
  fr: {
    caseNumber: "Notre référence",
    clientReference: "Votre référence",
    debtor: "Débiteur",
    openedOn: "Ouvert le",
    status: "Statut",
    principal: "Principal",
    paid: "Payé",
    balance: "Solde",
    daysPastDue: "Jours de retard",
    agingBucket: "Ancienneté",
    lastContact: "Dernier contact",
    nextAction: "Prochaine étape",
  },
  en: {
    caseNumber: "Our reference",
    clientReference: "Your reference",
    debtor: "Debtor",
    openedOn: "Opened",
    status: "Status",
    principal: "Principal",
    paid: "Paid",
    balance: "Balance",
    daysPastDue: "Days past due",
    agingBucket: "Age",
    lastContact: "Last contact",
    nextAction: "Next step",
  },
});

/**
 * The heading of a portal column.
 *
 * @example
 * ```ts
 * columnLabel("fr", "clientReference"); // "Votre référence"
 * ```
 */
export const columnLabel = (lang: Language, column: PortalColumn): string =>
  columnText(lang, column);

const statusText = defineMessages<CaseRow["status"]>({
  nl: {
    open: "Lopend",
    disputed: "Betwist",
    "payment-plan": "Afbetalingsplan",
    insolvent: "Insolventie",
    "with-bailiff": "Bij de gerechtsdeurwaarder",
    "written-off": "Afgeschreven",
    closed: "Afgesloten",
    paid: "Betaald",
    suspended: "Opgeschort",
  },
  fr: {
    open: "En cours",
    disputed: "Contesté",
    "payment-plan": "Plan de paiement",
    insolvent: "Insolvabilité",
    "with-bailiff": "Chez l'huissier",
    "written-off": "Passé en perte",
    closed: "Clôturé",
    paid: "Payé",
    suspended: "Suspendu",
  },
  en: {
    open: "Open",
    disputed: "Disputed",
    "payment-plan": "Payment plan",
    insolvent: "Insolvency",
    "with-bailiff": "With the bailiff",
    "written-off": "Written off",
    closed: "Closed",
    paid: "Paid",
    suspended: "Suspended",
  },
});

/**
 * The name of a case status in a language.
 *
 * @example
 * ```ts
 * statusLabel("nl", "payment-plan"); // "Afbetalingsplan"
 * ```
 */
export const statusLabel = (lang: Language, status: CaseRow["status"]): string =>
  statusText(lang, status);

const eventText = defineMessages({
  nl: {
    "case.opened": "Dossier geopend",
    "claim.added": "Factuur {invoice} van {amount} opgenomen",
    "claim.corrected": "Factuur gecorrigeerd",
    "payment.received": "Betaling van {amount} ontvangen",
    "payment.reversed": "Betaling tegengeboekt",
    "charge.added": "Kosten aangerekend: {amount}",
    "reminder.sent": "Herinnering verstuurd ({channel})",
    "notice.sent": "Ingebrekestelling verstuurd ({channel})",
    "letter14.sent": "Veertiendagenbrief verstuurd ({channel})",
    "message.sent": "Bericht verstuurd ({channel})",
    "promise.recorded": "Betalingsbelofte van {amount} tegen {date}",
    "promise.kept": "Betalingsbelofte nagekomen",
    "promise.broken": "Betalingsbelofte niet nagekomen",
    "dispute.opened": "Betwisting ontvangen",
    "dispute.closed": "Betwisting afgehandeld",
    "insolvency.registered": "Insolventie geregistreerd",
    "plan.agreed": "Afbetalingsplan afgesproken",
    "plan.defaulted": "Afbetalingsplan niet nageleefd",
    "plan.cancelled": "Afbetalingsplan stopgezet",
    "bailiff.handover": "Overgedragen aan de gerechtsdeurwaarder",
    "bailiff.returned": "Teruggekomen van de gerechtsdeurwaarder",
    "case.written-off": "Dossier afgeschreven",
    "case.reinstated": "Dossier heropend",
    "case.closed": "Dossier afgesloten",
    "case.suspended": "Invordering opgeschort",
    "case.resumed": "Invordering hervat",
  },
  fr: {
    "case.opened": "Dossier ouvert",
    "claim.added": "Facture {invoice} de {amount} reprise",
    "claim.corrected": "Facture corrigée",
    "payment.received": "Paiement de {amount} reçu",
    "payment.reversed": "Paiement extourné",
    "charge.added": "Frais portés en compte : {amount}",
    "reminder.sent": "Rappel envoyé ({channel})",
    "notice.sent": "Mise en demeure envoyée ({channel})",
    "letter14.sent": "Lettre de quatorze jours envoyée ({channel})",
    "message.sent": "Message envoyé ({channel})",
    "promise.recorded": "Promesse de paiement de {amount} pour le {date}",
    "promise.kept": "Promesse de paiement tenue",
    "promise.broken": "Promesse de paiement non tenue",
    "dispute.opened": "Contestation reçue",
    "dispute.closed": "Contestation réglée",
    "insolvency.registered": "Insolvabilité enregistrée",
    "plan.agreed": "Plan de paiement convenu",
    "plan.defaulted": "Plan de paiement non respecté",
    "plan.cancelled": "Plan de paiement annulé",
    "bailiff.handover": "Confié à l'huissier de justice",
    "bailiff.returned": "Revenu de l'huissier de justice",
    "case.written-off": "Dossier passé en perte",
    "case.reinstated": "Dossier rouvert",
    "case.closed": "Dossier clôturé",
    "case.suspended": "Recouvrement suspendu",
    "case.resumed": "Recouvrement repris",
  },
  en: {
    "case.opened": "Case opened",
    "claim.added": "Invoice {invoice} of {amount} taken up",
    "claim.corrected": "Invoice corrected",
    "payment.received": "Payment of {amount} received",
    "payment.reversed": "Payment reversed",
    "charge.added": "Costs charged: {amount}",
    "reminder.sent": "Reminder sent ({channel})",
    "notice.sent": "Formal notice sent ({channel})",
    "letter14.sent": "Fourteen-day letter sent ({channel})",
    "message.sent": "Message sent ({channel})",
    "promise.recorded": "Promise to pay {amount} by {date}",
    "promise.kept": "Promise to pay kept",
    "promise.broken": "Promise to pay broken",
    "dispute.opened": "Dispute received",
    "dispute.closed": "Dispute settled",
    "insolvency.registered": "Insolvency registered",
    "plan.agreed": "Payment plan agreed",
    "plan.defaulted": "Payment plan not kept",
    "plan.cancelled": "Payment plan stopped",
    "bailiff.handover": "Handed to the bailiff",
    "bailiff.returned": "Returned by the bailiff",
    "case.written-off": "Case written off",
    "case.reinstated": "Case reopened",
    "case.closed": "Case closed",
    "case.suspended": "Collection suspended",
    "case.resumed": "Collection resumed",
  },
});

type SharedType = Parameters<typeof eventText>[1];

const channelText = defineMessages({
  nl: {
    post: "post",
    email: "e-mail",
    "registered-post": "aangetekend",
    "hand-delivered": "afgegeven",
    sms: "sms",
  },
  fr: {
    post: "poste",
    email: "e-mail",
    "registered-post": "recommandé",
    "hand-delivered": "remis en main propre",
    sms: "SMS",
  },
  en: {
    post: "post",
    email: "e-mail",
    "registered-post": "registered post",
    "hand-delivered": "by hand",
    sms: "SMS",
  },
});

/**
 * One line of the history a client sees for a shared event (in the page's language), or null for
 * an event the portal does not share.
 *
 * @example
 * ```ts
 * historyLine("en", paymentEvent); // "Payment of €250.00 received"
 * ```
 */
export function historyLine(lang: Language, event: CaseEvent): string | null {
  const params: Record<string, string> = {};
  if ("amount" in event && typeof event.amount === "string")
    params.amount = formatMoney(lang, event.amount);
  if ("channel" in event && typeof event.channel === "string")
    params.channel = channelText(lang, event.channel as "post");
  if (event.type === "claim.added") {
    params.invoice = event.claim.invoiceNumber;
    params.amount = formatMoney(lang, event.claim.amount);
  }
  if (event.type === "promise.recorded") params.date = formatDate(lang, event.dueDate);
  const key = event.type as SharedType;
  try {
    return eventText(lang, key, params) ?? null;
  } catch {
    return null;
  }
}
