import type { CaseEventJson } from "../case/case-event.js";

/**
 * What a case can be found by when a bank payment names it: the structured payment reference we
 * issued, the case number, the client's reference for the case (`client.reference` or the external
 * file number of `case.opened`), an invoice number of a claim, an IBAN that paid the case before,
 * or one of its debtors.
 *
 * @example
 * ```ts
 * import type { CaseKeyKind } from "@incasso/core";
 * const kind: CaseKeyKind = "payment-reference";
 * ```
 */
export type CaseKeyKind =
  | "payment-reference"
  | "case-number"
  | "client-reference"
  | "invoice-number"
  | "counterparty-iban"
  | "debtor";

/**
 * The kinds of {@link CaseKeyKind}, in a fixed order.
 *
 * @example
 * ```ts
 * import { CASE_KEY_KINDS } from "@incasso/core";
 * CASE_KEY_KINDS.includes("case-number"); // true
 * ```
 */
export const CASE_KEY_KINDS: readonly CaseKeyKind[] = Object.freeze([
  "payment-reference",
  "case-number",
  "client-reference",
  "invoice-number",
  "counterparty-iban",
  "debtor",
]);

/**
 * One key of a case: its kind and the key, normalised by {@link normalizeMatchKey} (a debtor key
 * is the debtor's id as stored).
 *
 * @example
 * ```ts
 * import type { CaseKey } from "@incasso/core";
 * const key: CaseKey = { kind: "payment-reference", key: "123456789002" };
 * ```
 */
export interface CaseKey {
  readonly kind: CaseKeyKind;
  readonly key: string;
}

/**
 * A reference, case number or IBAN as matching compares it: the letters and digits only, upper
 * case. `+++123/4567/89002+++`, `123 4567 89002` and `123456789002` are one key; so are
 * `2026/00042` and `2026-00042`. Every store computes keys the same way (the PostgreSQL store as
 * `upper(regexp_replace(value, '[^A-Za-z0-9]', '', 'g'))`).
 *
 * @example
 * ```ts
 * import { normalizeMatchKey } from "@incasso/core";
 * normalizeMatchKey("+++123/4567/89002+++"); // "123456789002"
 * normalizeMatchKey("rf18 5390 0754 7034"); // "RF18539007547034"
 * ```
 */
export function normalizeMatchKey(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
}

/**
 * The keys a case is found by, from its stored events: `case.opened` gives the payment reference,
 * the case number, the client's reference and external file number, and the debtors; `claim.added`
 * the invoice numbers; `payment.received` with bank details the IBAN that paid. Keys that normalise
 * to nothing are left out; each key once, in the order first met.
 *
 * @example
 * ```ts
 * import { caseKeysOf } from "@incasso/core";
 * declare const events: Parameters<typeof caseKeysOf>[0];
 * caseKeysOf(events).filter((key) => key.kind === "invoice-number");
 * ```
 */
export function caseKeysOf(events: readonly CaseEventJson[]): CaseKey[] {
  const keys: CaseKey[] = [];
  const seen = new Set<string>();
  const add = (kind: CaseKeyKind, value: string | undefined | null, raw = false) => {
    if (value === undefined || value === null) return;
    const key = raw ? value : normalizeMatchKey(value);
    if (key === "") return;
    const id = `${kind}\u0000${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    keys.push({ kind, key });
  };
  for (const event of events) {
    if (event.type === "case.opened") {
      add("payment-reference", event.paymentReference);
      add("case-number", event.caseNumber);
      add("client-reference", event.client.reference);
      add("client-reference", event.externalFileNumber);
      for (const debtor of event.debtors) add("debtor", debtor.id, true);
    } else if (event.type === "claim.added") {
      add("invoice-number", event.claim.invoiceNumber);
    } else if (event.type === "payment.received") {
      add("counterparty-iban", event.bank?.counterpartyIban);
    }
  }
  return keys;
}
