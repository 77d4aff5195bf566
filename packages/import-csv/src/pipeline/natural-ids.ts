import { createHash } from "node:crypto";

/** A SHA-256 of the parts (joined by NUL, which no cell holds), in hex. */
export function digest(...parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000"), "utf8").digest("hex");
}

const READABLE_CLIENT = /^[A-Za-z0-9._/-]+$/;
const READABLE_KEY = /^[A-Za-z0-9._/-]{1,80}$/;

/**
 * A store id made of a client id, a kind letter and a natural key: `acme:r:2026-001` when both read
 * as they are (no `:`), else `acme:rh:<32 hex>` (a hash of the key), else `imp:<40 hex>`. The forms
 * never collide: the middle part tells them apart.
 */
function naturalStoreId(clientId: string, kind: string, key: string): string {
  if (READABLE_CLIENT.test(clientId)) {
    const readable = `${clientId}:${kind}:${key}`;
    if (READABLE_KEY.test(key) && readable.length <= 120) return readable;
    const hashed = `${clientId}:${kind}h:${digest(key).slice(0, 32)}`;
    if (hashed.length <= 120) return hashed;
  }
  return `imp:${digest(clientId, kind, key).slice(0, 40)}`;
}

/** The grouping letter of a case id: client reference, invoice number or debtor id. */
const GROUP_LETTER = { "client-reference": "r", "invoice-number": "i", "debtor-id": "d" } as const;

/**
 * The id of the case a group of rows forms: the same for the same client, grouping and key in every
 * import, so a re-import finds the case it opened.
 */
export function caseIdOf(
  clientId: string,
  grouping: keyof typeof GROUP_LETTER,
  groupKey: string,
): string {
  return naturalStoreId(clientId, GROUP_LETTER[grouping], groupKey);
}

/** The id of a debtor the client knows by its own id (its customer number). */
export function debtorIdOf(clientId: string, clientDebtorId: string): string {
  return naturalStoreId(clientId, "debtor", clientDebtorId);
}

/** An event or record id of at most 128 characters: `prefix:key`, or `prefix#hash` when long. */
export function localId(prefix: string, key: string): string {
  const plain = `${prefix}:${key}`;
  return plain.length <= 100 ? plain : `${prefix}#${digest(key).slice(0, 40)}`;
}
