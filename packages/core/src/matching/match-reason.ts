import type { matchWeightsSchema } from "./match-policy.js";

/**
 * The code of a reason a candidate scored what it did (the keys of the policy's weights):
 * - `structured-reference`: the structured reference of the transfer is the case's payment reference;
 * - `reference-in-text`: that reference stands in the free communication (typed with spaces, slashes or without `+++`);
 * - `reference-near`: a reference whose check digits fail is one typing slip from the case's;
 * - `reference-check-failed`: the reference given has wrong check digits (a penalty);
 * - `case-number`, `client-reference`, `invoice-number`: the communication names the case number, the client's reference for the case, an invoice of the case;
 * - `known-iban`: the account that paid has paid a case of this debtor before;
 * - `amount-equals-balance`, `amount-equals-instalment`, `amount-equals-promise`: the amount is exactly what is open, an instalment or a promise;
 * - `debtor-name`: the payer's name is the debtor's;
 * - `case-not-open`: the case is closed, paid or written off (a penalty);
 * - `same-payment-seen`: the case already has a payment of this amount, date and payer from another entry (a penalty: perhaps the same transfer in another file);
 * - for a debit: `returns-amount`, `returns-iban`, `returns-reference`, `reversal-indicator` (the bank marks it a reversal or return), `return-too-late` (a penalty).
 *
 * @example
 * ```ts
 * import type { MatchReasonCode } from "@incasso/core";
 * const code: MatchReasonCode = "known-iban";
 * ```
 */
export type MatchReasonCode = keyof typeof matchWeightsSchema.shape;

/**
 * One reason in a candidate's score: its code, the points it gave under the policy, and what it
 * matched on (the reference, number, IBAN or amount), for the words of {@link describeMatchReason}.
 *
 * @example
 * ```ts
 * import type { MatchReason } from "@incasso/core";
 * const reason: MatchReason = { code: "case-number", points: 60, detail: "2026/00042" };
 * ```
 */
export interface MatchReason {
  readonly code: MatchReasonCode;
  readonly points: number;
  readonly detail: string;
}

const WORDS: Record<"nl" | "fr" | "en", Record<MatchReasonCode, (detail: string) => string>> = {
  en: {
    "structured-reference": (d) => `the structured reference ${d} is the case's payment reference`,
    "reference-in-text": (d) => `the communication quotes the case's payment reference ${d}`,
    "reference-near": (d) => `the reference given is one typing slip from the case's ${d}`,
    "reference-check-failed": (d) => `the reference ${d} has wrong check digits`,
    "case-number": (d) => `the communication names the case number ${d}`,
    "client-reference": (d) => `the communication names the client's reference ${d}`,
    "invoice-number": (d) => `the communication names the invoice ${d}`,
    "known-iban": (d) => `the account ${d} paid a case of this debtor before`,
    "amount-equals-balance": (d) => `the amount ${d} is the case's open balance`,
    "amount-equals-instalment": (d) => `the amount ${d} is an instalment of the plan`,
    "amount-equals-promise": (d) => `the amount ${d} is what the debtor promised`,
    "debtor-name": (d) => `the payer ${d} bears the debtor's name`,
    "case-not-open": (d) => `the case is ${d}`,
    "same-payment-seen": (d) => `the case already has a payment of ${d} from another entry`,
    "returns-amount": (d) => `the debit returns exactly the ${d} received`,
    "returns-iban": (d) => `the debit goes back to the account ${d} that paid`,
    "returns-reference": (d) => `the debit quotes ${d} of the payment`,
    "reversal-indicator": (d) =>
      `the bank marks the entry as a reversal or return${d === "" ? "" : ` (${d})`}`,
    "return-too-late": (d) => `the payment it would return is from ${d}, long before`,
  },
  nl: {
    "structured-reference": (d) =>
      `de gestructureerde mededeling ${d} is het betalingskenmerk van het dossier`,
    "reference-in-text": (d) => `de mededeling vermeldt het betalingskenmerk ${d} van het dossier`,
    "reference-near": (d) => `het opgegeven kenmerk verschilt één tikfout van ${d} van het dossier`,
    "reference-check-failed": (d) => `het kenmerk ${d} heeft foute controlecijfers`,
    "case-number": (d) => `de mededeling vermeldt het dossiernummer ${d}`,
    "client-reference": (d) => `de mededeling vermeldt de referentie ${d} van de cliënt`,
    "invoice-number": (d) => `de mededeling vermeldt factuur ${d}`,
    "known-iban": (d) => `de rekening ${d} betaalde al eerder een dossier van deze schuldenaar`,
    "amount-equals-balance": (d) => `het bedrag ${d} is het openstaande saldo van het dossier`,
    "amount-equals-instalment": (d) => `het bedrag ${d} is een afbetaling van het plan`,
    "amount-equals-promise": (d) => `het bedrag ${d} is wat de schuldenaar beloofde`,
    "debtor-name": (d) => `de betaler ${d} draagt de naam van de schuldenaar`,
    "case-not-open": (d) => `het dossier is ${d}`,
    "same-payment-seen": (d) => `het dossier heeft al een betaling van ${d} uit een andere boeking`,
    "returns-amount": (d) => `het debet stort precies de ontvangen ${d} terug`,
    "returns-iban": (d) => `het debet gaat terug naar de rekening ${d} die betaalde`,
    "returns-reference": (d) => `het debet vermeldt ${d} van de betaling`,
    "reversal-indicator": (d) =>
      `de bank markeert de boeking als terugboeking${d === "" ? "" : ` (${d})`}`,
    "return-too-late": (d) => `de betaling die het zou terugboeken dateert van ${d}, veel eerder`,
  },
  fr: {
    "structured-reference": (d) =>
      `la communication structurée ${d} est la référence de paiement du dossier`,
    "reference-in-text": (d) => `la communication cite la référence de paiement ${d} du dossier`,
    "reference-near": (d) => `la référence donnée est à une faute de frappe de ${d} du dossier`,
    "reference-check-failed": (d) => `la référence ${d} a de mauvais chiffres de contrôle`,
    "case-number": (d) => `la communication cite le numéro de dossier ${d}`,
    "client-reference": (d) => `la communication cite la référence ${d} du client`,
    "invoice-number": (d) => `la communication cite la facture ${d}`,
    "known-iban": (d) => `le compte ${d} a déjà payé un dossier de ce débiteur`,
    "amount-equals-balance": (d) => `le montant ${d} est le solde ouvert du dossier`,
    "amount-equals-instalment": (d) => `le montant ${d} est une échéance du plan`,
    "amount-equals-promise": (d) => `le montant ${d} est ce que le débiteur a promis`,
    "debtor-name": (d) => `le payeur ${d} porte le nom du débiteur`,
    "case-not-open": (d) => `le dossier est ${d}`,
    "same-payment-seen": (d) => `le dossier a déjà un paiement de ${d} venant d'une autre écriture`,
    "returns-amount": (d) => `le débit rend exactement les ${d} reçus`,
    "returns-iban": (d) => `le débit retourne au compte ${d} qui a payé`,
    "returns-reference": (d) => `le débit cite ${d} du paiement`,
    "reversal-indicator": (d) =>
      `la banque marque l'écriture comme extourne ou retour${d === "" ? "" : ` (${d})`}`,
    "return-too-late": (d) => `le paiement qu'il rendrait date du ${d}, bien avant`,
  },
};

/**
 * A reason in words, in Dutch, French or English, with its points: `+60 the communication names
 * the case number 2026/00042`.
 *
 * @example
 * ```ts
 * import { describeMatchReason } from "@incasso/core";
 * describeMatchReason({ code: "case-number", points: 60, detail: "2026/00042" }, "nl");
 * // "+60 de mededeling vermeldt het dossiernummer 2026/00042"
 * ```
 */
export function describeMatchReason(
  reason: MatchReason,
  language: "nl" | "fr" | "en" = "en",
): string {
  const sign = reason.points >= 0 ? "+" : "";
  return `${sign}${reason.points} ${WORDS[language][reason.code](reason.detail)}`;
}
