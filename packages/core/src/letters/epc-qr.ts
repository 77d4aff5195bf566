import type { Decimal } from "decimal.js";
import { z } from "zod";
import { parseInput } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";
import { isValidOgm, parseOgm } from "../references/be-structured-communication.js";
import { isValidIban } from "../references/iban.js";
import { isValidNlPaymentReference } from "../references/nl-payment-reference.js";
import { isValidRfReference } from "../references/rf-creditor-reference.js";
import { isStorableText } from "../validation/json-primitives.js";
import { utf8Bytes } from "../validation/utf8-bytes.js";

/**
 * Where a Belgian structured communication (OGM/VCS) goes in an EPC QR code. EPC069-12 reserves
 * line 10 for a structured creditor reference ("ISO 11649 RF Creditor Reference may be used") and
 * says nothing of the Belgian reference; no Febelfin or bank document settles it.
 * - `structured-digits` (the default): line 10 holds the 12 digits without `+++` or `/`, line 11
 *   stays empty. This is what invoicing software in Belgium does (Odoo, letspeppol) and what the
 *   Belgian banking apps are reported to prefill into their structured-communication field.
 * - `unstructured-formatted`: line 11 holds `+++123/4567/89002+++`, line 10 stays empty, for an app
 *   that ignores line 10.
 * Scan-test a letter with the banks of your debtors before relying on either.
 *
 * @example
 * ```ts
 * import type { OgmPlacement } from "@incasso/core";
 * const placement: OgmPlacement = "structured-digits";
 * ```
 */
export type OgmPlacement = "structured-digits" | "unstructured-formatted";

const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
/** Whether every character is in ISO 8859-1, the only other character set this builder writes. */
const isLatin1 = (text: string) => [...text].every((character) => character.charCodeAt(0) <= 0xff);

/**
 * Zod schema of an EPC QR payment request (EPC069-12, "Quick Response Code: Guidelines to Enable
 * Data Capture for the Initiation of a SEPA Credit Transfer", version 3.0): version `001` (the BIC
 * required) or `002` (the BIC optional), the beneficiary's name (at most 70 characters) and IBAN,
 * an amount in euro from 0.01 to 999,999,999.99 (optional: the payer types it), a purpose code
 * (4 capital letters), the remittance information, either a structured reference (at most 35
 * characters) or an unstructured text (at most 140), never both, and an optional note to the payer
 * (at most 70).
 *
 * @example
 * ```ts
 * import { epcQrRequestSchema } from "@incasso/core";
 * epcQrRequestSchema.parse({ name: "Acme NV", iban: "BE71096123456769", amount: "381.13", reference: { kind: "be.ogm", value: "+++202/5000/42096+++" } });
 * ```
 */
export const epcQrRequestSchema = z
  .strictObject({
    version: z.enum(["001", "002"]).default("002"),
    /** 1: UTF-8 (default); 2: ISO 8859-1. */
    characterSet: z.union([z.literal(1), z.literal(2)]).default(1),
    bic: z
      .string()
      .regex(BIC, { message: "expected a BIC of 8 or 11 characters, such as GKCCBEBB" })
      .optional(),
    name: z
      .string()
      .min(1, { message: "expected the beneficiary's name" })
      .max(70, { message: "expected a name of at most 70 characters" }),
    iban: z.string().refine((text) => isValidIban(text.replace(/\s+/g, "")), {
      message: "expected a valid IBAN",
    }),
    amount: z
      .string()
      .regex(/^\d{1,9}(\.\d{1,2})?$/, {
        message: "expected an amount in euro from 0.01 to 999999999.99, such as 381.13",
      })
      .refine((text) => !/^\d{1,9}(\.\d{1,2})?$/.test(text) || Number(text) >= 0.01, {
        message: "expected an amount in euro from 0.01 to 999999999.99, such as 381.13",
      })
      .optional(),
    purpose: z
      .string()
      .regex(/^[A-Z]{4}$/, {
        message: "expected a purpose code of 4 capital letters, such as GDDS",
      })
      .optional(),
    reference: z
      .discriminatedUnion("kind", [
        z.strictObject({ kind: z.literal("be.ogm"), value: z.string() }),
        z.strictObject({ kind: z.literal("rf"), value: z.string() }),
        z.strictObject({ kind: z.literal("nl.betalingskenmerk"), value: z.string() }),
        z.strictObject({
          kind: z.literal("text"),
          value: z
            .string()
            .min(1)
            .max(140, { message: "expected a text of at most 140 characters" }),
        }),
      ])
      .optional(),
    /** Where a Belgian OGM goes (see {@link OgmPlacement}). */
    ogmPlacement: z
      .enum(["structured-digits", "unstructured-formatted"])
      .default("structured-digits"),
    /** Beneficiary to originator information (line 12), shown to the payer. */
    note: z.string().max(70, { message: "expected a note of at most 70 characters" }).optional(),
  })
  .superRefine((request, context) => {
    if (request.version === "001" && request.bic === undefined)
      context.addIssue({
        code: "custom",
        path: ["bic"],
        message: "expected a BIC: version 001 requires it (or use version 002)",
      });
    const reference = request.reference;
    if (reference !== undefined) {
      const valid =
        reference.kind === "be.ogm"
          ? isValidOgm(reference.value)
          : reference.kind === "rf"
            ? isValidRfReference(reference.value)
            : reference.kind === "nl.betalingskenmerk"
              ? isValidNlPaymentReference(reference.value)
              : true;
      if (!valid)
        context.addIssue({
          code: "custom",
          path: ["reference", "value"],
          message: `expected a valid ${reference.kind} reference`,
        });
    }
    for (const field of ["name", "note"] as const) {
      const text = request[field];
      if (text === undefined) continue;
      if (!isStorableText(text) || /[\r\n]/.test(text))
        context.addIssue({
          code: "custom",
          path: [field],
          message: "expected one line of text without control characters",
        });
      else if (request.characterSet === 2 && !isLatin1(text))
        context.addIssue({
          code: "custom",
          path: [field],
          message: "expected only ISO 8859-1 characters with characterSet 2 (or use 1, UTF-8)",
        });
    }
  });

/**
 * An EPC QR payment request as JSON (the input of {@link epcQrRequestSchema}).
 *
 * @example
 * ```ts
 * import type { EpcQrRequest } from "@incasso/core";
 * const request: EpcQrRequest = { name: "Acme NV", iban: "BE71096123456769", amount: "10.00" };
 * ```
 */
export type EpcQrRequest = z.input<typeof epcQrRequestSchema>;

/**
 * The payload of an EPC QR code: its text (lines joined by LF, no trailing separator), the bytes
 * to encode in the code (UTF-8 or ISO 8859-1 as the character set line says) and the error
 * correction level EPC069-12 requires (M).
 *
 * @example
 * ```ts
 * import { epcQrPayload, type EpcQrPayload } from "@incasso/core";
 * const payload: EpcQrPayload = epcQrPayload({ name: "Acme NV", iban: "BE71096123456769" });
 * payload.errorCorrection; // "M"
 * ```
 */
export interface EpcQrPayload {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly characterSet: 1 | 2;
  readonly errorCorrection: "M";
  /** The twelve lines as the code holds them (trailing empty lines left out). */
  readonly lines: readonly string[];
}

/**
 * Builds and validates the payload of an EPC QR code (EPC069-12 v3.0): service tag `BCD`, version,
 * character set, `SCT`, BIC, name, IBAN, `EUR` amount, purpose, structured reference (line 10) or
 * unstructured text (line 11), never both, and the note; no trailing separator, at most 331 bytes.
 * A Belgian OGM goes where {@link OgmPlacement} says; an RF reference and a Dutch
 * betalingskenmerk go in line 10 without spaces. Bad input is `INVALID_INPUT` naming the field.
 *
 * @example
 * ```ts
 * import { epcQrPayload } from "@incasso/core";
 * epcQrPayload({
 *   name: "Acme NV", iban: "BE71 0961 2345 6769", amount: "381.13",
 *   reference: { kind: "be.ogm", value: "+++202/5000/42096+++" },
 * }).text;
 * // "BCD\n002\n1\nSCT\n\nAcme NV\nBE71096123456769\nEUR381.13\n\n202500042096"
 * ```
 */
export function epcQrPayload(input: EpcQrRequest): EpcQrPayload {
  const request = parseInput(epcQrRequestSchema, input, "epcQr");
  let structured = "";
  let unstructured = "";
  const reference = request.reference;
  if (reference !== undefined) {
    switch (reference.kind) {
      case "be.ogm": {
        const digits = parseOgm(reference.value) ?? "";
        if (request.ogmPlacement === "structured-digits") structured = digits;
        else unstructured = `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
        break;
      }
      case "rf":
      case "nl.betalingskenmerk":
        structured = reference.value.replace(/[\s.-]+/g, "").toUpperCase();
        break;
      case "text":
        unstructured = reference.value;
        break;
    }
  }
  const lines = [
    "BCD",
    request.version,
    String(request.characterSet),
    "SCT",
    request.bic ?? "",
    request.name,
    request.iban.replace(/\s+/g, "").toUpperCase(),
    request.amount === undefined ? "" : `EUR${epcAmount(new MoneyDecimal(request.amount))}`,
    request.purpose ?? "",
    structured,
    unstructured,
    request.note ?? "",
  ];
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  const text = lines.join("\n");
  const bytes =
    request.characterSet === 1
      ? utf8Bytes(text)
      : Uint8Array.from(text, (character) => character.charCodeAt(0));
  if (bytes.length > 331)
    throw new IncassoError(
      "INVALID_INPUT",
      `epcQr: expected a payload of at most 331 bytes (got ${bytes.length}); shorten the name, text or note`,
      [{ path: "epcQr", message: "expected a payload of at most 331 bytes" }],
    );
  return Object.freeze({
    text,
    bytes,
    characterSet: request.characterSet,
    errorCorrection: "M" as const,
    lines: Object.freeze(lines),
  });
}

/** The amount as the code writes it: whole euros without decimals, otherwise with two. */
function epcAmount(amount: Decimal): string {
  return amount.isInteger() ? amount.toFixed(0) : amount.toFixed(2);
}
