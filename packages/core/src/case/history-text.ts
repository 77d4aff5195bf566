import { Temporal } from "temporal-polyfill";
import { MONTH_NAMES } from "../dates/month-names.js";
import { formatAmount } from "../money/format-amount.js";
import { Money } from "../money/money.js";
import type { CaseEvent } from "./case-event.js";

/**
 * A language a case's history is written in: Dutch, French or English.
 *
 * @example
 * ```ts
 * import type { HistoryLanguage } from "@incasso/core";
 * const language: HistoryLanguage = "nl";
 * ```
 */
export type HistoryLanguage = "nl" | "fr" | "en";

type Words = Readonly<Record<string, string>>;

/** The words of the fixed values events carry (channels, kinds, bases), per language. */
const WORDS: Record<"nl" | "fr", Words> = {
  nl: {
    post: "gewone post",
    email: "e-mail",
    "registered-post": "aangetekende post",
    "hand-delivered": "afgifte in handen",
    sms: "sms",
    none: "geen verzending",
    cost: "kosten",
    interest: "interest",
    bankruptcy: "faillissement",
    "collective-debt-settlement": "collectieve schuldenregeling",
    "judicial-demand": "gerechtelijke aanmaning",
    agreement: "bijzondere overeenkomst",
    address: "adres",
    phone: "telefoonnummer",
    amount: "bedrag",
    dueDate: "vervaldag",
    invoiceDate: "factuurdatum",
    description: "omschrijving",
  },
  fr: {
    post: "courrier ordinaire",
    email: "e-mail",
    "registered-post": "recommandé",
    "hand-delivered": "remise en mains propres",
    sms: "SMS",
    none: "sans envoi",
    cost: "frais",
    interest: "intérêts",
    bankruptcy: "faillite",
    "collective-debt-settlement": "règlement collectif de dettes",
    "judicial-demand": "demande judiciaire",
    agreement: "convention spéciale",
    address: "adresse",
    phone: "numéro de téléphone",
    amount: "montant",
    dueDate: "échéance",
    invoiceDate: "date de facture",
    description: "description",
  },
};

/**
 * One line of a case's history in words, in Dutch, French or English: what the event did, with its
 * amounts and dates written as a clerk reads them in that language ("betaling P1 van € 250,00
 * ontvangen", "paiement P1 de 250,00 € reçu"). The free texts an event carries (a reason, a note,
 * a result) are quoted as they were recorded. The English line is {@link HistoryEntry.text}, with
 * amounts and ISO dates as stored.
 *
 * @example
 * ```ts
 * import { caseEventSchema, describeCaseEvent } from "@incasso/core";
 * const envelope = { at: "2026-03-05", recordedAt: "2026-03-06T09:00:00Z", by: "clerk" };
 * const payment = caseEventSchema.parse({
 *   ...envelope, id: "e2", type: "payment.received", paymentId: "P1", amount: "1250.00",
 * });
 * describeCaseEvent(payment, "nl"); // "betaling P1 van € 1.250,00 ontvangen"
 * describeCaseEvent(payment, "fr"); // "paiement P1 de 1 250,00 € reçu" (narrow and plain no-break spaces)
 * describeCaseEvent(payment, "en"); // "payment P1 of 1250.00 received"
 * // With the names of the users, for the owner of `case.opened` and `case.owner-assigned`:
 * const assigned = caseEventSchema.parse({
 *   ...envelope, id: "e3", type: "case.owner-assigned", owner: "be-lawyer",
 * });
 * describeCaseEvent(assigned, "nl", { nameOf: (id) => (id === "be-lawyer" ? "Marc Dubois" : id) });
 * // "beheerder nu Marc Dubois"
 * ```
 */
export function describeCaseEvent(
  event: CaseEvent,
  language: HistoryLanguage,
  options: DescribeOptions = {},
): string {
  const named =
    options.nameOf === undefined
      ? event
      : event.type === "case.opened" || event.type === "case.owner-assigned"
        ? { ...event, owner: options.nameOf(event.owner) }
        : event;
  if (language === "nl") return dutch(named);
  if (language === "fr") return french(named);
  return english(named);
}

/**
 * How {@link describeCaseEvent} names people: `nameOf` turns the user id an event records as a
 * case's owner (`case.opened`, `case.owner-assigned`) into the name a reader knows; without it the
 * id is shown.
 *
 * @example
 * ```ts
 * import type { DescribeOptions } from "@incasso/core";
 * const users = new Map([["be-lawyer", "Marc Dubois"]]);
 * const options: DescribeOptions = { nameOf: (id) => users.get(id) ?? id };
 * ```
 */
export interface DescribeOptions {
  readonly nameOf?: (userId: string) => string;
}

function definedKeys(value: object): string[] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([key]) => key);
}

function money(amount: string, language: "nl" | "fr"): string {
  return formatAmount(Money.of(amount), { locale: language === "nl" ? "nl-BE" : "fr-BE" });
}

function day(iso: string, language: "nl" | "fr"): string {
  const date = Temporal.PlainDate.from(iso);
  const number = language === "fr" && date.day === 1 ? "1er" : String(date.day);
  return `${number} ${MONTH_NAMES[language][date.month - 1]} ${date.year}`;
}

/** How a letter went: "verstuurd per gewone post", or "persoonlijk overhandigd" by hand. */
function sentNl(channel: string): string {
  return channel === "hand-delivered"
    ? "persoonlijk overhandigd"
    : `verstuurd per ${word(channel, "nl")}`;
}

/** The same in French, agreed with the letter's gender (`e` for a feminine letter). */
function sentFr(channel: string, feminine: "" | "e"): string {
  return channel === "hand-delivered"
    ? `remis${feminine} en mains propres`
    : `envoyé${feminine} par ${word(channel, "fr")}`;
}

function word(value: string, language: "nl" | "fr"): string {
  return WORDS[language][value] ?? value;
}

function english(event: CaseEvent): string {
  switch (event.type) {
    case "case.opened":
      return `case ${event.caseNumber} opened for ${event.client.name} (${event.rulePack}), owner ${event.owner}`;
    case "claim.added":
      return `claim ${event.claim.id}: invoice ${event.claim.invoiceNumber} of ${event.claim.amount}, due ${event.claim.dueDate}`;
    case "claim.corrected":
      return `claim ${event.claimId} corrected: ${definedKeys(event.changes).join(", ")} (${event.reason})`;
    case "payment.received":
      return `payment ${event.paymentId} of ${event.amount} received`;
    case "payment.reversed":
      return `payment ${event.paymentId} reversed (${event.reason})`;
    case "charge.added":
      return `${event.kind} charge ${event.chargeId} of ${event.amount}: ${event.description}`;
    case "reminder.sent":
      return `${event.first ? "first " : ""}reminder sent by ${event.channel}${event.cost ? ` (cost ${event.cost})` : ""}`;
    case "notice.sent":
      return `formal notice sent by ${event.channel}`;
    case "letter14.sent":
      return `14-day letter sent by ${event.channel}${event.statedExpiry ? `, stating ${event.statedExpiry}` : ""}`;
    case "anatocism.demanded":
      return `capitalisation of interest demanded (${event.basis})`;
    case "promise.recorded":
      return `promise ${event.promiseId} to pay ${event.amount} by ${event.dueDate}`;
    case "promise.kept":
      return `promise ${event.promiseId} kept`;
    case "promise.broken":
      return `promise ${event.promiseId} broken`;
    case "dispute.opened":
      return `dispute opened: ${event.reason}`;
    case "dispute.closed":
      return `dispute closed: ${event.outcome}`;
    case "insolvency.registered":
      return `${event.kind} registered`;
    case "plan.agreed":
      return `payment plan ${event.planId} agreed: ${event.description}${event.reminders ? ` (reminders by ${event.reminders.channel})` : ""}`;
    case "plan.defaulted":
      return `payment plan ${event.planId} defaulted`;
    case "scenario.started":
      return `scenario ${event.scenarioId} started`;
    case "action.done":
      return `step ${event.step} done: ${event.result}`;
    case "action.rescheduled":
      return `step ${event.step} rescheduled to ${event.to}`;
    case "action.cancelled":
      return `step ${event.step} cancelled: ${event.reason}`;
    case "action.ordered":
      return `action ${event.activity} ordered for ${event.dueDate}`;
    case "extra-action.done":
      return `action ${event.actionId} done: ${event.result}`;
    case "mail.returned":
      return `${event.channel} returned undelivered${event.reason ? `: ${event.reason}` : ""}`;
    case "message.sent":
      return `${event.channel === "sms" ? "SMS" : "e-mail"} sent to ${event.to}${event.template ? ` (${event.template})` : ""}`;
    case "message.failed":
      return `${event.channel === "sms" ? "SMS" : "e-mail"} ${event.permanent ? "failed" : "not sent yet"}: ${event.reason}`;
    case "plan.cancelled":
      return `payment plan ${event.planId} cancelled: ${event.reason}`;
    case "bailiff.handover":
      return `handed over to bailiff ${event.bailiff}${event.packageId ? ` (package ${event.packageId})` : ""}`;
    case "bailiff.returned":
      return `returned by bailiff ${event.bailiff}${event.packageId ? ` (package ${event.packageId})` : ""}: ${event.reason}`;
    case "case.written-off":
      return `written off: ${event.reason}`;
    case "case.reinstated":
      return `reinstated: ${event.reason}`;
    case "case.closed":
      return `closed: ${event.reason}`;
    case "case.suspended":
      return `collection suspended${event.until ? ` until ${event.until}` : ""}: ${event.reason}`;
    case "case.resumed":
      return `collection resumed: ${event.reason}`;
    case "case.owner-assigned":
      return `owner now ${event.owner}${event.reason ? ` (${event.reason})` : ""}`;
    case "note.added":
      return `note: ${event.text}`;
    case "document.produced":
      return `${event.kind} produced (${event.document.format}, ${event.document.template}, sha256 ${event.document.sha256.slice(0, 12)}…) for ${event.channel}`;
    case "contact.added":
      return `contact ${event.contact.kind} ${event.contact.value} added for ${event.debtorId}`;
    case "contact.retired":
      return `contact ${event.contactId} of ${event.debtorId} no longer current`;
    case "fields.set":
      return `fields set: ${Object.keys(event.values).join(", ")}`;
  }
}

function dutch(event: CaseEvent): string {
  const m = (amount: string) => money(amount, "nl");
  const d = (iso: string) => day(iso, "nl");
  const w = (value: string) => word(value, "nl");
  switch (event.type) {
    case "case.opened":
      return `dossier ${event.caseNumber} geopend voor ${event.client.name} (${event.rulePack}), beheerder ${event.owner}`;
    case "claim.added":
      return `vordering ${event.claim.id}: factuur ${event.claim.invoiceNumber} van ${m(event.claim.amount)}, vervallen op ${d(event.claim.dueDate)}`;
    case "claim.corrected":
      return `vordering ${event.claimId} verbeterd: ${definedKeys(event.changes).map(w).join(", ")} (${event.reason})`;
    case "payment.received":
      return `betaling ${event.paymentId} van ${m(event.amount)} ontvangen`;
    case "payment.reversed":
      return `betaling ${event.paymentId} tegengeboekt (${event.reason})`;
    case "charge.added":
      return `${event.kind === "cost" ? "kosten" : "interest"} ${event.chargeId} van ${m(event.amount)} aangerekend: ${event.description}`;
    case "reminder.sent":
      return `${event.first ? "eerste " : ""}herinnering ${sentNl(event.channel)}${event.cost ? ` (kosten ${m(event.cost)})` : ""}`;
    case "notice.sent":
      return `ingebrekestelling ${sentNl(event.channel)}`;
    case "letter14.sent":
      return `veertiendagenbrief ${sentNl(event.channel)}${event.statedExpiry ? `, met als laatste betaaldag ${d(event.statedExpiry)}` : ""}`;
    case "anatocism.demanded":
      return `kapitalisatie van de interest gevorderd (${w(event.basis)})`;
    case "promise.recorded":
      return `belofte ${event.promiseId} om uiterlijk op ${d(event.dueDate)} ${m(event.amount)} te betalen`;
    case "promise.kept":
      return `belofte ${event.promiseId} nagekomen`;
    case "promise.broken":
      return `belofte ${event.promiseId} niet nagekomen`;
    case "dispute.opened":
      return `betwisting ontvangen: ${event.reason}`;
    case "dispute.closed":
      return `betwisting afgehandeld: ${event.outcome}`;
    case "insolvency.registered":
      return `${w(event.kind)} geregistreerd`;
    case "plan.agreed":
      return `afbetalingsplan ${event.planId} afgesproken: ${event.description}${event.reminders ? ` (herinneringen per ${w(event.reminders.channel)})` : ""}`;
    case "plan.defaulted":
      return `afbetalingsplan ${event.planId} niet nageleefd`;
    case "scenario.started":
      return `scenario ${event.scenarioId} gestart`;
    case "action.done":
      return `stap ${event.step} uitgevoerd: ${event.result}`;
    case "action.rescheduled":
      return `stap ${event.step} verplaatst naar ${d(event.to)}`;
    case "action.cancelled":
      return `stap ${event.step} geannuleerd: ${event.reason}`;
    case "action.ordered":
      return `actie ${event.activity} opgedragen, uit te voeren uiterlijk op ${d(event.dueDate)}`;
    case "extra-action.done":
      return `actie ${event.actionId} uitgevoerd: ${event.result}`;
    case "mail.returned":
      return `${w(event.channel)} onbestelbaar teruggekomen${event.reason ? `: ${event.reason}` : ""}`;
    case "message.sent":
      return `${w(event.channel)} verstuurd naar ${event.to}${event.template ? ` (${event.template})` : ""}`;
    case "message.failed":
      return `${w(event.channel)} ${event.permanent ? "mislukt" : "nog niet verstuurd"}: ${event.reason}`;
    case "plan.cancelled":
      return `afbetalingsplan ${event.planId} stopgezet: ${event.reason}`;
    case "bailiff.handover":
      return `overgedragen aan gerechtsdeurwaarder ${event.bailiff}${event.packageId ? ` (pakket ${event.packageId})` : ""}`;
    case "bailiff.returned":
      return `teruggegeven door gerechtsdeurwaarder ${event.bailiff}${event.packageId ? ` (pakket ${event.packageId})` : ""}: ${event.reason}`;
    case "case.written-off":
      return `afgeschreven: ${event.reason}`;
    case "case.reinstated":
      return `heropend: ${event.reason}`;
    case "case.closed":
      return `afgesloten: ${event.reason}`;
    case "case.suspended":
      return `invordering opgeschort${event.until ? ` tot ${d(event.until)}` : ""}: ${event.reason}`;
    case "case.resumed":
      return `invordering hervat: ${event.reason}`;
    case "case.owner-assigned":
      return `beheerder nu ${event.owner}${event.reason ? ` (${event.reason})` : ""}`;
    case "note.added":
      return `notitie: ${event.text}`;
    case "document.produced":
      return `document "${event.kind}" opgemaakt (${event.document.format}, ${event.document.template}, sha256 ${event.document.sha256.slice(0, 12)}…), ${event.channel === "none" ? "niet te verzenden" : `te verzenden per ${w(event.channel)}`}`;
    case "contact.added":
      return `${w(event.contact.kind)} ${event.contact.value} toegevoegd voor ${event.debtorId}`;
    case "contact.retired":
      return `contactgegeven ${event.contactId} van ${event.debtorId} niet langer actueel`;
    case "fields.set":
      return `velden ingevuld: ${Object.keys(event.values).join(", ")}`;
  }
}

function french(event: CaseEvent): string {
  const m = (amount: string) => money(amount, "fr");
  const d = (iso: string) => day(iso, "fr");
  const w = (value: string) => word(value, "fr");
  switch (event.type) {
    case "case.opened":
      return `dossier ${event.caseNumber} ouvert pour ${event.client.name} (${event.rulePack}), gestionnaire ${event.owner}`;
    case "claim.added":
      return `créance ${event.claim.id}\u00a0: facture ${event.claim.invoiceNumber} de ${m(event.claim.amount)}, échue le ${d(event.claim.dueDate)}`;
    case "claim.corrected":
      return `créance ${event.claimId} corrigée\u00a0: ${definedKeys(event.changes).map(w).join(", ")} (${event.reason})`;
    case "payment.received":
      return `paiement ${event.paymentId} de ${m(event.amount)} reçu`;
    case "payment.reversed":
      return `paiement ${event.paymentId} extourné (${event.reason})`;
    case "charge.added":
      return `${event.kind === "cost" ? "frais" : "intérêts"} ${event.chargeId} de ${m(event.amount)} portés en compte\u00a0: ${event.description}`;
    case "reminder.sent":
      return `${event.first ? "premier " : ""}rappel ${sentFr(event.channel, "")}${event.cost ? ` (frais ${m(event.cost)})` : ""}`;
    case "notice.sent":
      return `mise en demeure ${sentFr(event.channel, "e")}`;
    case "letter14.sent":
      return `lettre de quatorze jours ${sentFr(event.channel, "e")}${event.statedExpiry ? `, avec pour échéance le ${d(event.statedExpiry)}` : ""}`;
    case "anatocism.demanded":
      return `capitalisation des intérêts demandée (${w(event.basis)})`;
    case "promise.recorded":
      return `promesse ${event.promiseId} de payer ${m(event.amount)} au plus tard le ${d(event.dueDate)}`;
    case "promise.kept":
      return `promesse ${event.promiseId} tenue`;
    case "promise.broken":
      return `promesse ${event.promiseId} non tenue`;
    case "dispute.opened":
      return `contestation reçue\u00a0: ${event.reason}`;
    case "dispute.closed":
      return `contestation clôturée\u00a0: ${event.outcome}`;
    case "insolvency.registered":
      return `${w(event.kind)} enregistré${event.kind === "bankruptcy" ? "e" : ""}`;
    case "plan.agreed":
      return `plan de paiement ${event.planId} convenu\u00a0: ${event.description}${event.reminders ? ` (rappels par ${w(event.reminders.channel)})` : ""}`;
    case "plan.defaulted":
      return `plan de paiement ${event.planId} non respecté`;
    case "scenario.started":
      return `scénario ${event.scenarioId} démarré`;
    case "action.done":
      return `étape ${event.step} exécutée\u00a0: ${event.result}`;
    case "action.rescheduled":
      return `étape ${event.step} reprogrammée au ${d(event.to)}`;
    case "action.cancelled":
      return `étape ${event.step} annulée\u00a0: ${event.reason}`;
    case "action.ordered":
      return `action ${event.activity} demandée pour le ${d(event.dueDate)}`;
    case "extra-action.done":
      return `action ${event.actionId} exécutée\u00a0: ${event.result}`;
    case "mail.returned":
      return `${w(event.channel)} ${event.channel === "hand-delivered" ? "revenue non distribuée" : "revenu non distribué"}${event.reason ? `\u00a0: ${event.reason}` : ""}`;
    case "message.sent":
      return `${w(event.channel)} envoyé à ${event.to}${event.template ? ` (${event.template})` : ""}`;
    case "message.failed":
      return `${w(event.channel)} ${event.permanent ? "en échec" : "pas encore envoyé"}\u00a0: ${event.reason}`;
    case "plan.cancelled":
      return `plan de paiement ${event.planId} annulé\u00a0: ${event.reason}`;
    case "bailiff.handover":
      return `confié à l'huissier de justice ${event.bailiff}${event.packageId ? ` (paquet ${event.packageId})` : ""}`;
    case "bailiff.returned":
      return `rendu par l'huissier de justice ${event.bailiff}${event.packageId ? ` (paquet ${event.packageId})` : ""}\u00a0: ${event.reason}`;
    case "case.written-off":
      return `passé en perte\u00a0: ${event.reason}`;
    case "case.reinstated":
      return `rouvert\u00a0: ${event.reason}`;
    case "case.closed":
      return `clôturé\u00a0: ${event.reason}`;
    case "case.suspended":
      return `recouvrement suspendu${event.until ? ` jusqu'au ${d(event.until)}` : ""}\u00a0: ${event.reason}`;
    case "case.resumed":
      return `recouvrement repris\u00a0: ${event.reason}`;
    case "case.owner-assigned":
      return `gestionnaire désormais ${event.owner}${event.reason ? ` (${event.reason})` : ""}`;
    case "note.added":
      return `note\u00a0: ${event.text}`;
    case "document.produced":
      return `document «\u00a0${event.kind}\u00a0» établi (${event.document.format}, ${event.document.template}, sha256 ${event.document.sha256.slice(0, 12)}…), ${event.channel === "none" ? "sans envoi" : `à envoyer par ${w(event.channel)}`}`;
    case "contact.added":
      return `${w(event.contact.kind)} ${event.contact.value} ajouté${event.contact.kind === "address" ? "e" : ""} pour ${event.debtorId}`;
    case "contact.retired":
      return `coordonnée ${event.contactId} de ${event.debtorId} plus d'actualité`;
    case "fields.set":
      return `champs complétés\u00a0: ${Object.keys(event.values).join(", ")}`;
  }
}
