import { isValidOgm } from "../references/be-structured-communication.js";
import { isValidNlPaymentReference } from "../references/nl-payment-reference.js";
import { isValidRfReference } from "../references/rf-creditor-reference.js";

/**
 * A structured reference found in a free text: its kind, its letters and digits (as
 * {@link normalizeMatchKey} writes them), whether its check digits hold, and the text as the payer
 * typed it. A reference whose check fails is found all the same and flagged: the matcher never
 * treats it as exact.
 *
 * @example
 * ```ts
 * import type { FoundReference } from "@incasso/core";
 * const found: FoundReference = { kind: "ogm", value: "123456789002", valid: true, text: "123/4567/89002" };
 * ```
 */
export interface FoundReference {
  readonly kind: "ogm" | "rf" | "nl-payment-reference";
  readonly value: string;
  readonly valid: boolean;
  readonly text: string;
}

// An OGM typed as 3-4-5 digits with any of space, slash, dot or dash between the groups, with or
// without +++/*** (one to three of them, unbalanced too), or as 12 digits in a row; the CODA form
// 101 + 12 digits.
const OGM =
  /(?<![0-9])(?:[+*]{1,3}\s*)?(\d{3})[\s/.-]{0,3}(\d{4})[\s/.-]{0,3}(\d{5})(?:\s*[+*]{1,3})?(?![0-9])/g;
const CODA_OGM = /(?<![0-9])101(\d{12})(?![0-9])/g;
// An RF creditor reference: RF, two check digits, then letters and digits in groups (spaces
// between groups of four as printed, or none).
const RF = /(?<![A-Za-z0-9])RF\s?(\d{2})((?:\s?[A-Za-z0-9]{1,4}){1,6})/gi;
// A Dutch payment reference in free text: 16 digits, in groups of four or in a row.
const NL = /(?<![0-9])(\d{4})[\s.-]?(\d{4})[\s.-]?(\d{4})[\s.-]?(\d{4})(?![0-9])/g;

/**
 * Every structured reference in a free text as payers type them: a Belgian OGM with `+++`, `***`,
 * slashes, spaces, dots or dashes between its groups or none (`123/4567/89002`, `123 4567 89002`,
 * `+++123456789002`, `123456789002`, the CODA form `101123456789002`), an RF creditor reference
 * (`RF18 5390 0754 7034`, `rf18539007547034`), a 16-digit Dutch payment reference
 * (`5000 0567 8901 2345`). Each once, in the order found, valid or not (`valid` says); an RF
 * reference followed by words is cut after the longest part whose check holds.
 *
 * @example
 * ```ts
 * import { findReferences } from "@incasso/core";
 * findReferences("factuur 17 - 123 4567 89002 dank u").map((found) => found.value); // ["123456789002"]
 * findReferences("+++123/4567/89003+++")[0]?.valid; // false
 * ```
 */
export function findReferences(text: string): FoundReference[] {
  const found: FoundReference[] = [];
  const seen = new Set<string>();
  const add = (reference: FoundReference, at: number) => {
    const id = `${reference.kind}:${reference.value}`;
    if (seen.has(id)) return;
    seen.add(id);
    positions.push(at);
    found.push(reference);
  };
  const positions: number[] = [];
  for (const match of text.matchAll(CODA_OGM)) {
    const value = match[1] as string;
    add({ kind: "ogm", value, valid: isValidOgm(value), text: match[0] }, match.index);
  }
  for (const match of text.matchAll(OGM)) {
    const value = `${match[1]}${match[2]}${match[3]}`;
    add({ kind: "ogm", value, valid: isValidOgm(value), text: match[0].trim() }, match.index);
  }
  for (const match of text.matchAll(NL)) {
    const value = `${match[1]}${match[2]}${match[3]}${match[4]}`;
    add(
      {
        kind: "nl-payment-reference",
        value,
        valid: isValidNlPaymentReference(value),
        text: match[0],
      },
      match.index,
    );
  }
  for (const match of text.matchAll(RF)) {
    const check = match[1] as string;
    const groups = (match[2] as string).trim().split(/\s+/);
    // The longest run of groups whose check holds; else the digit groups, flagged.
    let best: string | undefined;
    for (let count = groups.length; count >= 1 && best === undefined; count--) {
      const body = groups.slice(0, count).join("").toUpperCase();
      if (body.length <= 21 && isValidRfReference(`RF${check}${body}`)) best = body;
    }
    if (best !== undefined) {
      add({ kind: "rf", value: `RF${check}${best}`, valid: true, text: match[0] }, match.index);
      continue;
    }
    const digits: string[] = [];
    for (const group of groups) {
      if (!/^\d+$/.test(group)) break;
      digits.push(group);
    }
    const body = digits.join("");
    if (body !== "" && body.length <= 21)
      add({ kind: "rf", value: `RF${check}${body}`, valid: false, text: match[0] }, match.index);
  }
  return found
    .map((reference, index) => ({ reference, at: positions[index] ?? 0, index }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ reference }) => reference);
}

/**
 * The valid references one typing slip away from a reference whose check digits fail: every
 * reference that differs by one digit or by two neighbouring digits swapped, and whose check holds
 * (for an OGM or a Dutch reference; an RF reference's digits after `RF`). These are the cases a
 * payer most likely meant; the matcher proposes them, never applies them on that ground alone.
 *
 * @example
 * ```ts
 * import { nearReferences } from "@incasso/core";
 * nearReferences({ kind: "ogm", value: "123456789003", valid: false, text: "" }).includes("123456789002"); // true
 * ```
 */
export function nearReferences(reference: FoundReference): string[] {
  const isValid =
    reference.kind === "ogm"
      ? isValidOgm
      : reference.kind === "rf"
        ? isValidRfReference
        : isValidNlPaymentReference;
  const start = reference.kind === "rf" ? 2 : 0;
  const value = reference.value;
  const out = new Set<string>();
  const consider = (candidate: string) => {
    if (candidate !== value && isValid(candidate)) out.add(candidate);
  };
  for (let index = start; index < value.length; index++) {
    const char = value[index] as string;
    if (!/\d/.test(char)) continue;
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) === char) continue;
      consider(`${value.slice(0, index)}${digit}${value.slice(index + 1)}`);
    }
    const next = value[index + 1];
    if (next !== undefined && next !== char && /\d/.test(next))
      consider(`${value.slice(0, index)}${next}${char}${value.slice(index + 2)}`);
  }
  return [...out];
}
