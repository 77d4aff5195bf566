import { z } from "zod";
import { isIsoDate } from "../dates/parse-iso-date.js";

/**
 * The limits every input boundary enforces, in one place, each with its reason (the table of
 * docs/limits.md). A value outside them is refused with `INVALID_INPUT` naming the field, never
 * accepted to fail later in the engine or in a database.
 *
 * @example
 * ```ts
 * import { LIMITS } from "@incasso/core";
 * LIMITS.amount.integerDigits; // 12: what a numeric(14,2) column holds
 * ```
 */
export const LIMITS = Object.freeze({
  /** Legal dates: far enough back for any debt still claimable, forward for any plan. */
  date: Object.freeze({ first: "1900-01-01", last: "2199-12-31" }),
  /** Amounts: at most 12 digits before the point and 2 after (PostgreSQL numeric(14,2)). */
  amount: Object.freeze({ integerDigits: 12, max: "999999999999.99" }),
  /** Rates and percentages per year: 0 to 100, at most 6 decimals. */
  percent: Object.freeze({ max: 100, decimals: 6 }),
  /** A margin on a rate: -100 to +100 percentage points. */
  margin: Object.freeze({ min: -100, max: 100 }),
  /** Day counts (waiting days, grace days, days late): at most 10 years. */
  days: 3650,
  /** Counts (instalments missed, plan months): at most 1,200 (100 years monthly). */
  count: 1200,
  /** Identifiers: 1 to 128 characters. */
  idLength: 128,
  /** Names, labels and short texts: at most 500 characters. */
  nameLength: 500,
  /** Free text (notes, descriptions, reasons): at most 10,000 characters. */
  textLength: 10_000,
  /** Nesting of a free JSON payload (an outbox message). */
  jsonDepth: 32,
  /** Size of a free JSON payload, in characters of its JSON text. */
  jsonLength: 1_000_000,
  /** Events of one case (the fold reads them all for every statement). */
  eventsPerCase: 10_000,
  /** Claims of one case. */
  claimsPerCase: 500,
  /** Payments and charges of one case, each. */
  paymentsPerCase: 2_000,
  /** Events in one append. */
  eventsPerAppend: 1_000,
} as const);

/** Keys that would reach an object's prototype when a record is copied: refused, never dropped. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

// A NUL character, or a UTF-16 surrogate without its other half: PostgreSQL cannot store either.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a text can be stored and sent as it is: no NUL character and no unpaired surrogate
 * (PostgreSQL refuses both). Every text field of the core's schemas requires it.
 *
 * @example
 * ```ts
 * import { isStorableText } from "@incasso/core";
 * isStorableText("Rue de la Loi 16"); // true
 * isStorableText("a\u0000b"); // false
 * ```
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !UNPAIRED_SURROGATE.test(text);
}

const storable = { message: "expected text without NUL characters or unpaired surrogates" };

/** Text of at most `max` characters that every store can hold. */
function boundedText(max: number, what: string) {
  return z
    .string()
    .max(max, { message: `expected ${what} of at most ${max} characters` })
    .refine(isStorableText, storable);
}

const decimalText = (integerDigits: number, decimals: number, signed: boolean) =>
  new RegExp(`^${signed ? "[+-]?" : ""}\\d{1,${integerDigits}}(\\.\\d{1,${decimals}})?$`);

/**
 * Why a free JSON value cannot be taken: too deep, too long, a forbidden key or unstorable text;
 * `undefined` when it can. Iterative, so a deeply nested value cannot overflow the stack.
 *
 * @internal
 */
export function jsonValueProblem(value: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let length = 0;
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number };
    if (item.depth > LIMITS.jsonDepth)
      return `expected JSON nested at most ${LIMITS.jsonDepth} levels deep`;
    const current = item.value;
    if (typeof current === "string") {
      length += current.length;
      if (!isStorableText(current)) return storable.message;
    } else if (Array.isArray(current)) {
      length += current.length;
      for (const element of current) stack.push({ value: element, depth: item.depth + 1 });
    } else if (current !== null && typeof current === "object") {
      for (const [key, element] of Object.entries(current)) {
        length += key.length;
        if (FORBIDDEN_KEYS.has(key)) return `expected no key named ${key}`;
        if (!isStorableText(key)) return storable.message;
        stack.push({ value: element, depth: item.depth + 1 });
      }
    } else if (typeof current === "number") {
      if (!Number.isFinite(current)) return "expected a finite number";
      length += 8;
    } else if (typeof current === "boolean" || current === null) length += 4;
    else return "expected a JSON value (text, number, true, false, null, array or object)";
    if (length > LIMITS.jsonLength)
      return `expected JSON of at most ${LIMITS.jsonLength} characters`;
  }
  return undefined;
}

/**
 * The zod building blocks every JSON boundary of the core shares, so that the same kind of field
 * is read, bounded ({@link LIMITS}) and explained the same way everywhere.
 *
 * @internal
 */
export const jsonFields = {
  /** A calendar date written `YYYY-MM-DD` that exists, within {@link LIMITS}.date. */
  isoDate: z
    .string()
    .refine(isIsoDate, { message: "expected a date written YYYY-MM-DD" })
    .refine((text) => !isIsoDate(text) || (text >= LIMITS.date.first && text <= LIMITS.date.last), {
      message: `expected a date from ${LIMITS.date.first} to ${LIMITS.date.last}`,
    }),
  /** An instant written in ISO 8601 with its offset, in the years of {@link LIMITS}.date. */
  instant: z.iso
    .datetime({ offset: true })
    .refine(
      (text) =>
        text.slice(0, 4) >= LIMITS.date.first.slice(0, 4) &&
        text.slice(0, 4) <= LIMITS.date.last.slice(0, 4),
      { message: `expected an instant from ${LIMITS.date.first} to ${LIMITS.date.last}` },
    ),
  /** An amount of money: zero or more, at most 12 digits before the point and 2 after. */
  amount: z.string().regex(decimalText(LIMITS.amount.integerDigits, 2, false), {
    message: `expected an amount of zero to ${LIMITS.amount.max} with at most 2 decimals, such as 1234.50`,
  }),
  /** A rate in percent per year, 0 to 100. */
  percent: z
    .string()
    .regex(decimalText(3, LIMITS.percent.decimals, false), {
      message: "expected a percentage of 0 to 100, such as 10.5",
    })
    .refine((text) => !/^\d/.test(text) || Number(text) <= LIMITS.percent.max, {
      message: "expected a percentage of 0 to 100, such as 10.5",
    }),
  /** Percentage points that may be negative (a margin), -100 to +100. */
  signedPercent: z
    .string()
    .regex(decimalText(3, LIMITS.percent.decimals, true), {
      message: "expected percentage points from -100 to 100, such as 3 or -1.5",
    })
    .refine((text) => Math.abs(Number(text)) <= LIMITS.margin.max, {
      message: "expected percentage points from -100 to 100, such as 3 or -1.5",
    }),
  /** A non-empty identifier of at most 128 characters. */
  id: z
    .string()
    .min(1, { message: "expected a non-empty id" })
    .max(LIMITS.idLength, { message: `expected an id of at most ${LIMITS.idLength} characters` })
    .refine(isStorableText, storable),
  /** A non-empty name or label. */
  name: boundedText(LIMITS.nameLength, "a name").pipe(
    z.string().min(1, { message: "expected a non-empty text" }),
  ),
  /** A name or label that may be empty. */
  optionalName: boundedText(LIMITS.nameLength, "a name"),
  /** A non-empty free text (a note, a reason, a description). */
  text: boundedText(LIMITS.textLength, "a text").pipe(
    z.string().min(1, { message: "expected a non-empty text" }),
  ),
  /** A free text that may be empty. */
  optionalText: boundedText(LIMITS.textLength, "a text"),
  /** A whole number of days, 0 to 3,650. */
  days: z
    .number()
    .int({ message: "expected a whole number of days" })
    .min(0, { message: `expected 0 to ${LIMITS.days} days` })
    .max(LIMITS.days, { message: `expected 0 to ${LIMITS.days} days` }),
  /** A whole count of at least 1, at most 1,200. */
  count: z
    .number()
    .int({ message: "expected a whole number" })
    .min(1, { message: `expected 1 to ${LIMITS.count}` })
    .max(LIMITS.count, { message: `expected 1 to ${LIMITS.count}` }),
  /** A key of a record the user names (a custom field): storable, not one that reaches a prototype. */
  key: z
    .string()
    .min(1, { message: "expected a non-empty key" })
    .max(LIMITS.idLength, { message: `expected a key of at most ${LIMITS.idLength} characters` })
    .refine(isStorableText, storable)
    .refine((key) => !FORBIDDEN_KEYS.has(key), {
      message: "expected a key other than __proto__, constructor or prototype",
    }),
  /**
   * A free JSON value (an outbox payload), bounded in depth and size; checked without recursion,
   * so a deeply nested value is refused instead of overflowing the stack.
   */
  json: z.unknown().superRefine((value, context) => {
    const problem = jsonValueProblem(value);
    if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
  }) as unknown as z.ZodType<z.core.util.JSONType>,
} as const;

/**
 * A record whose keys the user names (custom fields, a payload's top level): every key checked
 * with {@link jsonFields}.key, a bad key named by its path.
 *
 * @internal
 */
export function safeRecord<T extends z.ZodType>(value: T) {
  return z
    .unknown()
    .superRefine((input, context) => {
      // Checked on the input: copying a record would drop a __proto__ key silently.
      if (input === null || typeof input !== "object" || Array.isArray(input)) return;
      for (const key of Object.keys(input)) {
        const result = jsonFields.key.safeParse(key);
        if (!result.success)
          context.addIssue({
            code: "custom",
            path: [key],
            message: result.error.issues[0]?.message ?? "expected a valid key",
          });
      }
    })
    .pipe(z.record(z.string(), value));
}

/**
 * Whether a value is an amount text (for refinements that must not run on a field that already
 * failed its format, which has its own error).
 *
 * @internal
 */
export const isAmountText = (text: unknown): text is string =>
  typeof text === "string" && decimalText(LIMITS.amount.integerDigits, 2, false).test(text);
