import type { BankTransaction } from "./bank-transaction.js";
import { normalizeMatchKey } from "./case-keys.js";

/**
 * The identity of a bank entry across files and formats: its fingerprint (the account, booking and
 * value date, signed amount and currency, and the structured reference, else the first 40 letters
 * and digits of the communication, plus the count of earlier entries with the same fingerprint in
 * the same list), the short key hashed from it, and the payment id and idempotency key of each part
 * of the payment the entry makes.
 *
 * The same transfer read from the camt.053 and the CODA file of one account and day has the same
 * fingerprint, whatever entry references each format gives it; two equal transfers on one day are
 * told apart by their count. What cannot be recognised: a file that gives no structured reference
 * where the other does and a different communication, another booking date for the same entry
 * (an intraday report booked the next day), or an account written as a BBAN in one file and as a
 * foreign IBAN in the other. The matcher's `same-payment-seen` reason catches most of those for
 * review.
 *
 * @example
 * ```ts
 * import type { BankEntryKey } from "@incasso/core";
 * const first = (key: BankEntryKey) => key.paymentId(0);
 * ```
 */
export interface BankEntryKey {
  readonly fingerprint: string;
  /** 26 hex digits hashed from the fingerprint. */
  readonly key: string;
  /** The payment id of the n-th part (0 first) of the payment the entry makes. */
  paymentId(part: number): string;
  /** The append's idempotency key of the n-th part. */
  idempotencyKey(part: number): string;
}

/**
 * Our account as a key: letters and digits upper-cased, and a Belgian account number of 12 digits
 * (as an older CODA file gives it) written as its IBAN, so both spellings of one account agree.
 *
 * @example
 * ```ts
 * import { accountKey } from "@incasso/core";
 * accountKey("539-0075470-34"); // "BE68539007547034"
 * ```
 */
export function accountKey(account: string): string {
  const compact = normalizeMatchKey(account);
  if (!/^\d{12}$/.test(compact)) return compact;
  const check = 98 - mod97(`${compact}111400`);
  return `BE${String(check).padStart(2, "0")}${compact}`;
}

/**
 * The {@link BankEntryKey} of every entry of a list (a statement, or the files of one import), in
 * order: equal fingerprints are numbered by their order in the list, so the second of two equal
 * transfers never counts as a repeat of the first.
 *
 * @example
 * ```ts
 * import { bankEntryKeys, type BankTransaction } from "@incasso/core";
 * declare const transactions: BankTransaction[];
 * const keys = bankEntryKeys(transactions).map((key) => key.key);
 * ```
 */
export function bankEntryKeys(transactions: readonly BankTransaction[]): BankEntryKey[] {
  const counts = new Map<string, number>();
  return transactions.map((transaction) => {
    const reference =
      transaction.structuredReference !== null && transaction.structuredReference.value !== ""
        ? `R${normalizeMatchKey(transaction.structuredReference.value)}`
        : `T${normalizeMatchKey(transaction.communication ?? "").slice(0, 40)}`;
    const base = [
      accountKey(transaction.account),
      transaction.bookingDate.toString(),
      transaction.valueDate.toString(),
      transaction.amount.toFixed(2),
      transaction.currency.toUpperCase(),
      reference,
    ].join("|");
    const count = counts.get(base) ?? 0;
    counts.set(base, count + 1);
    const fingerprint = `${base}|${count}`;
    const key = hash128(fingerprint);
    return {
      fingerprint,
      key,
      paymentId: (part) => `bank-${key}-${part}`,
      idempotencyKey: (part) => `bank:${key}:${part}`,
    };
  });
}

function mod97(digits: string): number {
  let remainder = 0;
  for (let index = 0; index < digits.length; index += 7)
    remainder = Number(`${remainder}${digits.slice(index, index + 7)}`) % 97;
  return remainder;
}

/**
 * 104 bits of a text as 26 hex digits: two 53-bit cyrb53 hashes (public domain, by bryc) with
 * seeds 1 and 2, each kept to 52 bits. Not a cryptographic hash: a key for idempotency, where a
 * collision needs two of some 10^15 entries to meet.
 */
function hash128(text: string): string {
  return `${cyrb53(text, 1)}${cyrb53(text, 2)}`;
}

function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const high = (h2 >>> 0) & 0xfffff;
  return `${high.toString(16).padStart(5, "0")}${(h1 >>> 0).toString(16).padStart(8, "0")}`;
}
