import { z } from "zod";

// Written as a string: the characters this class names are the point of it.
const UNSAFE_CLASS =
  "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069";

/**
 * The characters no text of a handover package carries: C0 and C1 control characters other than
 * tab, line feed and carriage return (NUL included; XML 1.0 cannot hold most of them) and the
 * Unicode bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to
 * U+2069), which can make a file name or an amount read backwards on screen. {@link cleanText}
 * removes them; the JSON Schema and the XSD refuse them.
 *
 * @example
 * ```ts
 * import { UNSAFE_TEXT } from "@incasso/export-organi";
 * UNSAFE_TEXT.test("Acme\u202Efdp.exe"); // true
 * ```
 */
export const UNSAFE_TEXT = new RegExp(`[${UNSAFE_CLASS}]`, "u");

const UNSAFE_GLOBAL = new RegExp(`[${UNSAFE_CLASS}]`, "gu");
const SAFE_TEXT_PATTERN = new RegExp(`^[^${UNSAFE_CLASS}]*$`, "u");

/**
 * A text as a handover package carries it: the characters of {@link UNSAFE_TEXT} removed, and an
 * unpaired UTF-16 surrogate replaced by U+FFFD. The letters of a name stay as they are.
 *
 * @example
 * ```ts
 * import { cleanText } from "@incasso/export-organi";
 * cleanText("Debtor\u202E BV\u0007"); // "Debtor BV"
 * ```
 */
export function cleanText(text: string): string {
  return text
    .replace(UNSAFE_GLOBAL, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

const safe = (max: number) =>
  z.string().max(max).regex(SAFE_TEXT_PATTERN, {
    message: "expected text without control or bidirectional override characters",
  });

/**
 * The field types of the handover model, shared by its parts: texts, names, ids, dates, instants,
 * amounts, rates, SHA-256s and file names, each refusing what the model never carries.
 *
 * @example
 * ```ts
 * // inside the package
 * fields.amount.parse("1234.50");
 * ```
 */
export const fields = {
  /** A free text, possibly empty. */
  text: safe(10_000),
  /** A non-empty name or label. */
  name: safe(500).min(1),
  /** An identifier. */
  id: safe(128).min(1),
  /** A calendar date, `YYYY-MM-DD`. */
  date: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "expected YYYY-MM-DD" }),
  /** An instant in UTC, `YYYY-MM-DDTHH:MM:SS(.sss)Z`. */
  instant: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, {
    message: "expected an instant in UTC such as 2026-11-27T09:00:00Z",
  }),
  /** An amount in euro with two decimals, a point as decimal separator, `-` when negative. */
  amount: z
    .string()
    .regex(/^-?\d{1,13}\.\d{2}$/, { message: "expected an amount such as 1234.50" }),
  /** A rate or percentage as a plain decimal. */
  rate: z.string().regex(/^-?\d{1,3}(\.\d{1,12})?$/, { message: "expected a rate such as 10.5" }),
  /** A SHA-256 in 64 lowercase hex digits. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected a SHA-256 in 64 hex digits" }),
  /** A file name inside the package: a path of safe segments (see `safeFileName`). */
  fileName: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, {
      message: "expected a file name of letters, digits, . _ - and / between folders",
    }),
} as const;
