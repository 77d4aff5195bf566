import {
  isValidIban,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
  mod97,
} from "@incasso/core";
import type { ParsedReference } from "./model.js";

/** A 12-digit Belgian structured communication, kept as written and checked with mod 97. */
export function ogmReference(raw: string, scheme: string | null): ParsedReference {
  const value = raw.replace(/[+*/\s]/g, "");
  return { kind: "ogm", value, valid: /^\d{12}$/.test(value) && isValidOgm(value), scheme, raw };
}

/**
 * Reads a creditor reference from a structured field by what it looks like and the issuer the
 * file named: `BBA` (Febelfin) or 12 digits is an OGM, `RF` + check digits an ISO 11649 reference,
 * `CUR` or 7-16 digits in a Dutch account's file a Dutch payment reference; anything else is
 * `other`, kept with its scheme. The check digits decide `valid`; nothing is dropped.
 */
export function classifyReference(
  raw: string,
  scheme: string | null,
  country: string | null,
): ParsedReference {
  const compact = raw.replace(/\s+/g, "").toUpperCase();
  const issuer = scheme?.toUpperCase() ?? null;
  if (
    issuer === "BBA" ||
    (issuer !== "CUR" &&
      /^(\+{3}|\*{3})?\d{3}\/?\d{4}\/?\d{5}(\+{3}|\*{3})?$/.test(compact) &&
      country !== "NL")
  )
    return ogmReference(raw.trim(), scheme);
  if (issuer === "ISO" || /^RF\d{2}/.test(compact))
    return { kind: "rf", value: compact, valid: isValidRfReference(compact), scheme, raw };
  if (issuer === "CUR" || (country === "NL" && /^\d{7,16}$/.test(compact)))
    return {
      kind: "nl-payment-reference",
      value: compact,
      valid: isValidNlPaymentReference(compact),
      scheme,
      raw,
    };
  return { kind: "other", value: raw.trim(), valid: true, scheme, raw };
}

/** Removes spaces and upper-cases an IBAN; null when what is left is not a valid IBAN. */
export function ibanOrNull(text: string | null): string | null {
  if (text === null) return null;
  const compact = text.replace(/\s+/g, "").toUpperCase();
  return /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact) && isValidIban(compact) ? compact : null;
}

/** The IBAN of a 12-digit Belgian account number (BBAN): `BE` + mod-97 check digits + the 12 digits. */
export function belgianBbanToIban(bban: string): string | null {
  const digits = bban.replace(/[\s-]/g, "");
  if (!/^\d{12}$/.test(digits)) return null;
  const check = 98 - mod97(`${digits}111400`);
  return `BE${String(check).padStart(2, "0")}${digits}`;
}
