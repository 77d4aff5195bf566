import { LIMITS, Temporal, toE164 } from "@incasso/core";
import { Decimal } from "decimal.js";
import type { CellTransform, DateFormat } from "../profile/import-profile.js";
import type { LocalizedText, RowIssueCode } from "../records.js";
import { text } from "./messages.js";

/**
 * The outcome of reading one cell as a value: the value, or the issue code and what was expected.
 *
 * @example
 * ```ts
 * import { parseAmountText, type ValueResult } from "@incasso/import-csv";
 * const result: ValueResult<unknown> = parseAmountText("12,50", { decimalSeparator: ",", thousandsSeparator: "." });
 * result.ok; // true
 * ```
 */
export type ValueResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: RowIssueCode; readonly expected: LocalizedText };

const fail = <T>(code: RowIssueCode, expected: LocalizedText): ValueResult<T> => ({
  ok: false,
  code,
  expected,
});

/** Spaces a cell may carry around or inside a number: space, no-break, narrow no-break, thin. */
const SPACES = /[ \u00a0\u202f\u2009]/g;

/**
 * The number conventions of a profile: the decimal and the thousands separator.
 *
 * @example
 * ```ts
 * import type { NumberConvention } from "@incasso/import-csv";
 * const belgian: NumberConvention = { decimalSeparator: ",", thousandsSeparator: "." };
 * ```
 */
export interface NumberConvention {
  readonly decimalSeparator: "," | ".";
  readonly thousandsSeparator: "." | "," | " " | "'" | "";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether a text is a number in the scientific notation Excel shows for long numbers
 * (`1,23E+11`): the digits past the first few are lost.
 *
 * @example
 * ```ts
 * import { isScientific } from "@incasso/import-csv";
 * isScientific("1,23E+11"); // true
 * ```
 */
export function isScientific(value: string): boolean {
  return /^[+-]?\d+([.,]\d+)?E[+-]?\d+$/i.test(value.replace(SPACES, ""));
}

function amountExpected(convention: NumberConvention): LocalizedText {
  const sample =
    convention.thousandsSeparator === ""
      ? `1234${convention.decimalSeparator}56`
      : `1${convention.thousandsSeparator === " " ? " " : convention.thousandsSeparator}234${convention.decimalSeparator}56`;
  return text(
    `een bedrag zoals ${sample} (decimaalteken "${convention.decimalSeparator}")`,
    `un montant comme ${sample} (séparateur décimal « ${convention.decimalSeparator} »)`,
    `an amount such as ${sample} (decimal separator "${convention.decimalSeparator}")`,
  );
}

/**
 * Reads an amount written in a profile's convention into an exact Decimal, never a JS number.
 * Accepts a sign before or after (`-12,50`, `12,50-`), brackets (`(12,50)`), a euro sign or `EUR`
 * before or after, and spaces. The thousands separator must group digits by three; a text that
 * uses the other separator in its place is refused (`ambiguous-amount`) instead of being read wrong.
 * Scientific notation (`1,23E+11`) is `excel-scientific`. The sign is kept: whether a negative
 * amount is accepted is the field's business.
 *
 * @example
 * ```ts
 * import { parseAmountText } from "@incasso/import-csv";
 * const result = parseAmountText("-1.234,56", { decimalSeparator: ",", thousandsSeparator: "." });
 * if (result.ok) result.value.toFixed(2); // "-1234.56"
 * ```
 */
export function parseAmountText(value: string, convention: NumberConvention): ValueResult<Decimal> {
  const patterns = amountPatterns(convention);
  const refuse = (code: RowIssueCode) => fail<Decimal>(code, amountExpected(convention));
  let body = value.trim();
  if (isScientific(body)) return refuse("excel-scientific");
  let negative = false;
  if (body.charCodeAt(0) === 0x28 && body.charCodeAt(body.length - 1) === 0x29) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  body = body.replace(CURRENCY_BEFORE, "").replace(CURRENCY_AFTER, "");
  if (body.startsWith("-")) {
    if (negative) return refuse("invalid-amount");
    negative = true;
    body = body.slice(1);
  } else if (body.endsWith("-")) {
    negative = true;
    body = body.slice(0, -1);
  } else if (body.startsWith("+")) {
    body = body.slice(1);
  }
  body = body.replace(CURRENCY_BEFORE, "").trim();
  const thousands = convention.thousandsSeparator;
  body = thousands !== " " ? body.replace(SPACES, "") : body.replace(SPACES, " ");
  if (body === "") return refuse("invalid-amount");
  const match = patterns.plain.exec(body) ?? patterns.grouped?.exec(body) ?? null;
  if (!match) {
    // Readable in the other convention: say so, rather than merely "invalid".
    if (body.includes(patterns.other) && patterns.swapped.test(body))
      return refuse("ambiguous-amount");
    return refuse("invalid-amount");
  }
  const integer = thousands === "" ? (match[1] ?? "") : (match[1] ?? "").split(thousands).join("");
  const fraction = match[2];
  const digits = integer.replace(LEADING_ZEROS, "");
  if (digits.length > LIMITS.amount.integerDigits) return refuse("amount-out-of-range");
  if (fraction !== undefined && fraction.replace(TRAILING_ZEROS, "").length > 2) {
    return refuse("too-many-decimals");
  }
  const amount = new Decimal(`${negative ? "-" : ""}${digits}${fraction ? `.${fraction}` : ""}`);
  return { ok: true, value: amount };
}

const CURRENCY_BEFORE = /^(€|EUR)\s*/i;
const CURRENCY_AFTER = /\s*(€|EUR)$/i;
const LEADING_ZEROS = /^0+(?=\d)/;
const TRAILING_ZEROS = /0+$/;

interface AmountPatterns {
  readonly plain: RegExp;
  readonly grouped: RegExp | null;
  readonly swapped: RegExp;
  readonly other: string;
}

const AMOUNT_PATTERNS = new Map<string, AmountPatterns>();

function amountPatterns(convention: NumberConvention): AmountPatterns {
  const key = `${convention.decimalSeparator}${convention.thousandsSeparator}`;
  let patterns = AMOUNT_PATTERNS.get(key);
  if (patterns === undefined) {
    const decimal = escapeRegExp(convention.decimalSeparator);
    const thousands = convention.thousandsSeparator;
    const other = convention.decimalSeparator === "," ? "." : ",";
    patterns = {
      plain: new RegExp(`^(\\d+)(?:${decimal}(\\d+))?$`),
      grouped:
        thousands === ""
          ? null
          : new RegExp(`^(\\d{1,3}(?:${escapeRegExp(thousands)}\\d{3})+)(?:${decimal}(\\d+))?$`),
      swapped: new RegExp(`^(\\d{1,3}(?:${decimal}\\d{3})*|\\d+)(?:${escapeRegExp(other)}\\d+)?$`),
      other,
    };
    AMOUNT_PATTERNS.set(key, patterns);
  }
  return patterns;
}

const EXCEL_EPOCH = Temporal.PlainDate.from("1899-12-30");

/**
 * The day an Excel serial number stands for, in Excel's 1900 date system: 1 is 1900-01-01 and
 * Excel counts a 29 February 1900 that never was (serial 60), so serials from 61 on are one day
 * behind a plain count. Serial 60 and anything below 1 or past 2199 is `undefined`. A fraction
 * (the time of day) is dropped.
 *
 * @example
 * ```ts
 * import { excelSerialToDate } from "@incasso/import-csv";
 * excelSerialToDate(45658)?.toString(); // "2025-01-01"
 * excelSerialToDate(59)?.toString(); // "1900-02-28"
 * ```
 */
export function excelSerialToDate(serial: number): Temporal.PlainDate | undefined {
  const day = Math.floor(serial);
  if (!Number.isFinite(day) || day < 1 || day === 60 || day > 109_574) return undefined;
  return EXCEL_EPOCH.add({ days: day < 60 ? day + 1 : day });
}

/**
 * The Excel serial of a day (the inverse of {@link excelSerialToDate}).
 *
 * @example
 * ```ts
 * import { Temporal } from "@incasso/core";
 * import { dateToExcelSerial } from "@incasso/import-csv";
 * dateToExcelSerial(Temporal.PlainDate.from("2025-01-01")); // 45658
 * ```
 */
export function dateToExcelSerial(date: Temporal.PlainDate): number {
  const days = EXCEL_EPOCH.until(date, { largestUnit: "days" }).days;
  return days <= 60 ? days - 1 : days;
}

const FORMAT_PATTERNS: Record<Exclude<DateFormat, "excel-serial">, RegExp> = {
  "dd/mm/yyyy": /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  "dd-mm-yyyy": /^(\d{1,2})-(\d{1,2})-(\d{4})$/,
  "dd.mm.yyyy": /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
  "dd-mm-yy": /^(\d{1,2})-(\d{1,2})-(\d{2})$/,
  "dd/mm/yy": /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/,
  "yyyy-mm-dd": /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  yyyymmdd: /^(\d{4})(\d{2})(\d{2})$/,
};

function dateExpected(formats: readonly DateFormat[]): LocalizedText {
  const list = formats.map((format) => (format === "excel-serial" ? "Excel serial" : format));
  return text(
    `een datum als ${list.join(" of ")}`,
    `une date au format ${list.join(" ou ")}`,
    `a date as ${list.join(" or ")}`,
  );
}

function plainDate(year: number, month: number, day: number): Temporal.PlainDate | undefined {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
  } catch {
    return undefined;
  }
}

function inRange(date: Temporal.PlainDate): boolean {
  const text = date.toString();
  return text >= LIMITS.date.first && text <= LIMITS.date.last;
}

/**
 * Reads a date written in one of a profile's formats (tried in order; see the profile's
 * `dateFormats`). A time after the date (`05/01/2026 00:00`, as exports often add) is ignored. A
 * number that looks like an Excel serial (10000–99999) when `excel-serial` is not among the
 * formats is refused as `excel-serial-date`; a day that does not exist is `invalid-date`; a year
 * before 1900 or after 2199 is `date-out-of-range`.
 *
 * @example
 * ```ts
 * import { parseDateText } from "@incasso/import-csv";
 * const result = parseDateText("31/01/2026", ["dd/mm/yyyy"]);
 * if (result.ok) result.value.toString(); // "2026-01-31"
 * ```
 */
export function parseDateText(
  value: string,
  formats: readonly DateFormat[],
): ValueResult<Temporal.PlainDate> {
  const cacheKey = `${formats.join("|")}\u0000${value}`;
  const cached = DATE_CACHE.get(cacheKey);
  if (cached !== undefined) return cached;
  const result = readDate(value, formats);
  if (DATE_CACHE.size >= 20_000) DATE_CACHE.clear();
  DATE_CACHE.set(cacheKey, result);
  return result;
}

/** Dates repeat in a file (every invoice of a day): what a text read as, per formats, kept a while. */
const DATE_CACHE = new Map<string, ValueResult<Temporal.PlainDate>>();

function readDate(value: string, formats: readonly DateFormat[]): ValueResult<Temporal.PlainDate> {
  const expected = dateExpected(formats);
  const body = value
    .trim()
    .replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, "")
    .trim();
  let matched = false;
  for (const format of formats) {
    if (format === "excel-serial") {
      if (!/^\d{1,6}([.,]\d+)?$/.test(body)) continue;
      if (/^\d{8}$/.test(body) && formats.includes("yyyymmdd")) continue;
      matched = true;
      const date = excelSerialToDate(Number(body.replace(",", ".")));
      if (date !== undefined && inRange(date)) return { ok: true, value: date };
      continue;
    }
    const match = FORMAT_PATTERNS[format].exec(body);
    if (!match) continue;
    matched = true;
    const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
    let date: Temporal.PlainDate | undefined;
    if (format === "yyyy-mm-dd" || format === "yyyymmdd") date = plainDate(a, b, c);
    else if (format === "dd-mm-yy" || format === "dd/mm/yy")
      date = plainDate(c < 70 ? 2000 + c : 1900 + c, b, a);
    else date = plainDate(c, b, a);
    if (date === undefined) continue;
    if (!inRange(date)) return fail("date-out-of-range", expected);
    return { ok: true, value: date };
  }
  if (!matched && !formats.includes("excel-serial") && /^\d{5}([.,]\d+)?$/.test(body)) {
    return fail("excel-serial-date", expected);
  }
  return fail("invalid-date", expected);
}

/**
 * Folds a text for matching header names and values: no accents, lower case, letters and digits
 * only.
 *
 * @example
 * ```ts
 * import { foldText } from "@incasso/import-csv";
 * foldText("N° Client"); // "nclient"
 * ```
 */
export function foldText(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function titleCase(value: string): string {
  return value
    .toLowerCase()
    .replace(
      /(^|[\s\-'’(])(\p{L})/gu,
      (_all, before: string, letter: string) => `${before}${letter.toUpperCase()}`,
    );
}

function surnameLast(value: string): string {
  const trimmed = value.trim().replace(/\s+/g, " ");
  const comma = trimmed.indexOf(",");
  if (comma > 0) {
    const surname = trimmed.slice(0, comma).trim();
    const first = trimmed.slice(comma + 1).trim();
    return first === "" ? surname : `${first} ${surname}`;
  }
  const words = trimmed.split(" ");
  let count = 0;
  while (
    count < words.length &&
    /\p{Lu}/u.test(words[count] ?? "") &&
    (words[count] ?? "") === (words[count] ?? "").toUpperCase()
  )
    count++;
  if (count === 0 || count === words.length) return trimmed;
  return [...words.slice(count), ...words.slice(0, count)].join(" ");
}

/**
 * Applies a column's transforms in order (see the profile's `transforms`). `phone-e164` answers
 * `invalid-phone` when the number cannot be read; every other transform always succeeds.
 *
 * @example
 * ```ts
 * import { applyTransforms } from "@incasso/import-csv";
 * const result = applyTransforms("JANSSENS, jan", ["split-surname-first-names", "title"], "BE");
 * if (result.ok) result.value; // "Jan Janssens"
 * ```
 */
export function applyTransforms(
  value: string,
  transforms: readonly CellTransform[],
  phoneCountry: "BE" | "NL",
): ValueResult<string> {
  let current = value;
  for (const transform of transforms) {
    switch (transform) {
      case "trim":
        current = current.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, "");
        break;
      case "upper":
        current = current.toUpperCase();
        break;
      case "lower":
        current = current.toLowerCase();
        break;
      case "title":
        current = titleCase(current);
        break;
      case "collapse-spaces":
        current = current.replace(/[\s\u00a0\u202f]+/g, " ");
        break;
      case "split-surname-first-names":
        current = surnameLast(current);
        break;
      case "phone-e164":
        if (current.trim() === "") break;
        try {
          current = toE164(current, { defaultCountry: phoneCountry });
        } catch {
          return fail("invalid-phone", phoneExpected(phoneCountry));
        }
        break;
      case "iban":
        current = current.replace(/[\s.\-\u00a0]/g, "").toUpperCase();
        break;
      case "reference":
        current = current.replace(/[\s+/.\-*\u00a0]/g, "");
        break;
      case "digits-only":
        current = current.replace(/\D/g, "");
        break;
    }
  }
  return { ok: true, value: current };
}

/**
 * What a phone cell is expected to hold, in the three languages, for a profile's phone country.
 *
 * @example
 * ```ts
 * import { phoneExpected } from "@incasso/import-csv";
 * phoneExpected("NL").en; // "a phone number such as 06 12345678 or +32 2 555 12 34"
 * ```
 */
export function phoneExpected(country: "BE" | "NL"): LocalizedText {
  const sample = country === "BE" ? "0470 12 34 56" : "06 12345678";
  return text(
    `een telefoonnummer zoals ${sample} of +32 2 555 12 34`,
    `un numéro de téléphone comme ${sample} ou +32 2 555 12 34`,
    `a phone number such as ${sample} or +32 2 555 12 34`,
  );
}

const YES = new Set(["ja", "j", "yes", "y", "oui", "o", "true", "waar", "vrai", "1", "x"]);
const NO = new Set(["nee", "n", "no", "non", "false", "onwaar", "faux", "0"]);

/**
 * Reads a yes/no cell in Dutch, French or English (`ja`, `nee`, `oui`, `non`, `J`, `N`, `1`, `0`,
 * `true`, `false`, `x` for yes).
 *
 * @example
 * ```ts
 * import { parseYesNo } from "@incasso/import-csv";
 * parseYesNo("Oui"); // true
 * ```
 */
export function parseYesNo(value: string): boolean | undefined {
  const folded = foldText(value);
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return undefined;
}

const LANGUAGES: Record<string, "nl" | "fr" | "en" | "de"> = {
  nl: "nl",
  n: "nl",
  ned: "nl",
  nederlands: "nl",
  dutch: "nl",
  vlaams: "nl",
  neerlandais: "nl",
  nlbe: "nl",
  nlnl: "nl",
  fr: "fr",
  f: "fr",
  fra: "fr",
  francais: "fr",
  french: "fr",
  frans: "fr",
  frbe: "fr",
  en: "en",
  e: "en",
  eng: "en",
  english: "en",
  engels: "en",
  anglais: "en",
  de: "de",
  d: "de",
  deu: "de",
  deutsch: "de",
  german: "de",
  duits: "de",
  allemand: "de",
};

/**
 * Reads a language cell: `nl`, `fr`, `en`, `de`, their one-letter forms and their names in the
 * three languages (`Nederlands`, `Français`, `Engels`, `Duits`, ...).
 *
 * @example
 * ```ts
 * import { parseLanguage } from "@incasso/import-csv";
 * parseLanguage("Français"); // "fr"
 * ```
 */
export function parseLanguage(value: string): "nl" | "fr" | "en" | "de" | undefined {
  return LANGUAGES[foldText(value)];
}

const KINDS: Record<string, "natural-person" | "legal-person"> = {
  naturalperson: "natural-person",
  natural: "natural-person",
  person: "natural-person",
  np: "natural-person",
  particulier: "natural-person",
  prive: "natural-person",
  natuurlijkpersoon: "natural-person",
  persoon: "natural-person",
  personnephysique: "natural-person",
  pp: "natural-person",
  consument: "natural-person",
  legalperson: "legal-person",
  legal: "legal-person",
  company: "legal-person",
  bedrijf: "legal-person",
  onderneming: "legal-person",
  rechtspersoon: "legal-person",
  personnemorale: "legal-person",
  pm: "legal-person",
  rp: "legal-person",
  societe: "legal-person",
  entreprise: "legal-person",
  vennootschap: "legal-person",
};

/**
 * Reads a debtor kind cell: `natural-person` or `legal-person`, or a usual word for either in
 * Dutch, French or English (`particulier`, `rechtspersoon`, `personne morale`, `company`, ...).
 *
 * @example
 * ```ts
 * import { parseDebtorKind } from "@incasso/import-csv";
 * parseDebtorKind("Personne morale"); // "legal-person"
 * ```
 */
export function parseDebtorKind(value: string): "natural-person" | "legal-person" | undefined {
  return KINDS[foldText(value)];
}

/**
 * Whether a cell starts like a spreadsheet formula (`=`, `@`, or `+`/`-` not followed by a number
 * or a phone number, a tab or a carriage return): such a cell is data and stays text, but a result
 * file must neutralise it before a spreadsheet opens it.
 *
 * @example
 * ```ts
 * import { looksLikeFormula } from "@incasso/import-csv";
 * looksLikeFormula("=HYPERLINK(\"http://x\")"); // true
 * looksLikeFormula("+32 470 12 34 56"); // false
 * ```
 */
export function looksLikeFormula(value: string): boolean {
  const first = value.charAt(0);
  if (first === "=" || first === "@" || first === "\t" || first === "\r") return true;
  if (first === "+" || first === "-") return !/^[+-][\d\s.,/()]*$/.test(value);
  return false;
}

/**
 * Whether a cell looks like a file path that climbs or is absolute (`../`, `..\`, `/etc/`, `C:\`).
 *
 * @example
 * ```ts
 * import { looksLikePath } from "@incasso/import-csv";
 * looksLikePath("../../etc/passwd"); // true
 * ```
 */
export function looksLikePath(value: string): boolean {
  return (
    /(^|[\\/])\.\.([\\/]|$)/.test(value) ||
    /^[A-Za-z]:\\/.test(value) ||
    /^\/[a-z]+\//.test(value) ||
    /^\\\\/.test(value)
  );
}

/**
 * Whether a cell holds a control character other than tab, line feed and carriage return (NUL
 * among them), or an unpaired surrogate: such text is refused, never stored.
 *
 * @example
 * ```ts
 * import { hasControlCharacters } from "@incasso/import-csv";
 * hasControlCharacters("a\u0000b"); // true
 * ```
 */
export function hasControlCharacters(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      index++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}
