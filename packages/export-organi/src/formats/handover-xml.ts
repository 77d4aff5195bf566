import type { HandoverPackage } from "../model/handover-package.js";

/**
 * The XML namespace of the handover package, version 1.0 (`schema/handover-1.0.xsd`).
 *
 * @example
 * ```ts
 * import { HANDOVER_XML_NAMESPACE } from "@incasso/export-organi";
 * HANDOVER_XML_NAMESPACE; // "urn:incasso:bailiff-handover:1.0"
 * ```
 */
export const HANDOVER_XML_NAMESPACE = "urn:incasso:bailiff-handover:1.0";

/** The element of one item of each list of the model. */
const ITEM: Readonly<Record<string, string>> = {
  cases: "case",
  debtors: "debtor",
  addresses: "address",
  emails: "email",
  phones: "phone",
  addressLines: "line",
  claims: "claim",
  interest: "claimInterest",
  interestLines: "interestLine",
  sources: "rateSource",
  charges: "charge",
  findings: "finding",
  payments: "payment",
  imputation: "allocation",
  letters: "letter",
  returnedMail: "returned",
  disputes: "dispute",
  plans: "plan",
  promises: "promise",
  judgments: "judgment",
  handovers: "handover",
  documents: "document",
};

/**
 * Escapes a text for XML element content: `&`, `<`, `>` as entities, and a carriage return as a
 * character reference so that it survives a parser's line-end normalisation.
 *
 * @example
 * ```ts
 * import { escapeXml } from "@incasso/export-organi";
 * escapeXml("A & B <c>"); // "A &amp; B &lt;c&gt;"
 * ```
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

function write(lines: string[], name: string, value: unknown, depth: number): void {
  const indent = "  ".repeat(depth);
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const item = ITEM[name];
    if (item === undefined) throw new Error(`handover XML: no item element for the list ${name}`);
    if (value.length === 0) {
      lines.push(`${indent}<${name}/>`);
      return;
    }
    lines.push(`${indent}<${name}>`);
    for (const element of value) write(lines, item, element, depth + 1);
    lines.push(`${indent}</${name}>`);
    return;
  }
  if (typeof value === "object") {
    lines.push(`${indent}<${name}>`);
    for (const [key, child] of Object.entries(value)) write(lines, key, child, depth + 1);
    lines.push(`${indent}</${name}>`);
    return;
  }
  lines.push(`${indent}<${name}>${escapeXml(String(value))}</${name}>`);
}

/**
 * A handover package as XML 1.0 in UTF-8, valid against the shipped `schema/handover-1.0.xsd`:
 * the root `handover` in the namespace {@link HANDOVER_XML_NAMESPACE}, one element per field of
 * the model in the model's order, each list a wrapper holding its items (`cases/case`,
 * `debtors/debtor`, ...), a null field left out, booleans `true`/`false`.
 *
 * @example
 * ```ts
 * import { handoverToXml, type HandoverPackage } from "@incasso/export-organi";
 * declare const handover: HandoverPackage;
 * const xml = handoverToXml(handover);
 * ```
 */
export function handoverToXml(handover: HandoverPackage): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<handover xmlns="${HANDOVER_XML_NAMESPACE}">`);
  for (const [key, child] of Object.entries(handover)) write(lines, key, child, 1);
  lines.push("</handover>");
  return `${lines.join("\n")}\n`;
}
