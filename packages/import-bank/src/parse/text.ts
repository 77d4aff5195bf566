import { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import iconv from "iconv-lite";

/**
 * The text of a file and how it was decoded: UTF-8 when the bytes are valid UTF-8 (a BOM is
 * dropped), else windows-1252, the code page Belgian banks write CODA in.
 */
export interface DecodedText {
  readonly text: string;
  readonly encoding: "utf-8" | "windows-1252";
  /** How many U+FFFD replacement characters the text holds (a file already damaged upstream). */
  readonly replacements: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeBytes(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: DecodedText["encoding"];
  try {
    text = utf8.decode(bytes);
    encoding = "utf-8";
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1252");
    encoding = "windows-1252";
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let replacements = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1))
    replacements += 1;
  return { text, encoding, replacements };
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** An exact Decimal from digits with an implied number of decimals (CODA: 15 digits, 3 decimals). */
export function impliedDecimal(digits: string, decimals: number): Decimal {
  const whole = digits.slice(0, digits.length - decimals) || "0";
  return new Decimal(`${whole}.${digits.slice(digits.length - decimals)}`);
}

/** The century rule for two-digit years: 80-99 are 1980-1999, 00-79 are 2000-2079. */
export function fullYear(twoDigits: number): number {
  return twoDigits >= 80 ? 1900 + twoDigits : 2000 + twoDigits;
}

export function plainDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
  } catch {
    return null;
  }
}

// Statements repeat a handful of dates thousands of times; a PlainDate is immutable, so each
// distinct text is read once.
const dates = new Map<string, Temporal.PlainDate | null>();

function cached(key: string, read: () => Temporal.PlainDate | null): Temporal.PlainDate | null {
  const hit = dates.get(key);
  if (hit !== undefined) return hit;
  const value = read();
  if (dates.size > 10_000) dates.clear();
  dates.set(key, value);
  return value;
}

/** `DDMMYY` (CODA); `000000` and impossible days give null. */
export function ddmmyy(text: string): Temporal.PlainDate | null {
  return cached(`d${text}`, () => readDdmmyy(text));
}

function readDdmmyy(text: string): Temporal.PlainDate | null {
  if (!/^\d{6}$/.test(text) || text === "000000") return null;
  return plainDate(
    fullYear(Number(text.slice(4, 6))),
    Number(text.slice(2, 4)),
    Number(text.slice(0, 2)),
  );
}

/** `YYMMDD` (MT940). */
export function yymmdd(text: string): Temporal.PlainDate | null {
  if (!/^\d{6}$/.test(text)) return null;
  return plainDate(
    fullYear(Number(text.slice(0, 2))),
    Number(text.slice(2, 4)),
    Number(text.slice(4, 6)),
  );
}

/**
 * An ISO date or date-time: a date, or a local date-time, is its calendar date as written; a
 * date-time with `Z` or an offset is an instant, whose calendar date is the one in `timeZone`.
 */
export function isoDateIn(text: string, timeZone: string): Temporal.PlainDate | null {
  return cached(`i${timeZone}|${text}`, () => readIsoDateIn(text, timeZone));
}

function readIsoDateIn(text: string, timeZone: string): Temporal.PlainDate | null {
  const value = text.trim();
  if (/T.*(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    try {
      return Temporal.Instant.from(value).toZonedDateTimeISO(timeZone).toPlainDate();
    } catch {
      return isoDate(value);
    }
  }
  return isoDate(value);
}

/** An ISO date or date-time (`2014-01-05`, `2014-01-05T00:00:00.000Z`): its calendar date as written. */
export function isoDate(text: string): Temporal.PlainDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (match === null) return null;
  return plainDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Trims and turns an empty text into null. */
export function nonEmpty(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}
