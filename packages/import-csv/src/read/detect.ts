/**
 * The encodings a profile can name (besides `auto`).
 *
 * @example
 * ```ts
 * import type { FileEncoding } from "@incasso/import-csv";
 * const encoding: FileEncoding = "windows-1252";
 * ```
 */
export type FileEncoding = "utf-8" | "windows-1252" | "iso-8859-15" | "utf-16le";

/**
 * What {@link detectDialect} found in the first bytes of a file, with the reasons in words.
 *
 * @example
 * ```ts
 * import type { DetectedDialect } from "@incasso/import-csv";
 * function describe(dialect: DetectedDialect): string {
 *   return `${dialect.encoding}, "${dialect.delimiter}", ${dialect.reasons.join("; ")}`;
 * }
 * ```
 */
export interface DetectedDialect {
  /** `xlsx` for a workbook; `xls` for the legacy binary format, which is not read. */
  readonly format: "delimited" | "xlsx" | "xls";
  readonly encoding: FileEncoding;
  /** Whether the file starts with a byte order mark. */
  readonly bom: boolean;
  readonly delimiter: ";" | "," | "\t" | "|";
  /** The line ending of the first line: `\r\n`, `\n` or `\r` (`mixed` when the sample has several). */
  readonly lineEnding: "\r\n" | "\n" | "\r" | "mixed" | "none";
  /** The cells of the first non-empty line, as the detected dialect cuts them. */
  readonly firstRow: readonly string[];
  /** How sure the guess is: `high` (a BOM, non-ASCII UTF-8, one consistent delimiter), else `low`. */
  readonly confidence: "high" | "low";
  readonly reasons: readonly string[];
}

const SAMPLE = 64 * 1024;

/** Whether `bytes` is valid UTF-8, allowing a sequence cut at the very end of the sample. */
function utf8Status(bytes: Uint8Array): { valid: boolean; nonAscii: boolean; firstBad: number } {
  let index = 0;
  let nonAscii = false;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x80) {
      index++;
      continue;
    }
    nonAscii = true;
    let need: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return { valid: false, nonAscii, firstBad: index };
    if (index + need >= bytes.length) {
      // A sequence cut at the end of the sample: judge the bytes that are there.
      for (let k = 1; index + k < bytes.length; k++) {
        if (((bytes[index + k] ?? 0) & 0xc0) !== 0x80) {
          return { valid: false, nonAscii, firstBad: index };
        }
      }
      break;
    }
    let code = byte & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const next = bytes[index + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return { valid: false, nonAscii, firstBad: index };
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return { valid: false, nonAscii, firstBad: index };
    }
    index += need + 1;
  }
  return { valid: true, nonAscii, firstBad: -1 };
}

/**
 * Guesses the encoding of a file from its first bytes: a BOM says it (UTF-8, UTF-16 LE); UTF-16
 * without a BOM shows as a zero byte after most ASCII letters; bytes that are valid UTF-8 are
 * UTF-8; anything else is taken as windows-1252 (a superset of ISO-8859-1 for text, and what Excel
 * on Windows writes in Belgium and the Netherlands), or ISO-8859-15 when the sample has the euro
 * sign at 0xA4 and none of the bytes 0x80–0x9F windows-1252 uses.
 *
 * @example
 * ```ts
 * import { detectEncoding } from "@incasso/import-csv";
 * detectEncoding(new Uint8Array([0x43, 0x61, 0x66, 0xe9])).encoding; // "windows-1252"
 * ```
 */
export function detectEncoding(bytes: Uint8Array): {
  encoding: FileEncoding;
  bom: boolean;
  confidence: "high" | "low";
  reason: string;
} {
  const sample = bytes.subarray(0, SAMPLE);
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: "utf-8", bom: true, confidence: "high", reason: "a UTF-8 byte order mark" };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) {
    return {
      encoding: "utf-16le",
      bom: true,
      confidence: "high",
      reason: "a UTF-16 LE byte order mark",
    };
  }
  let oddZeros = 0;
  for (let index = 1; index < Math.min(sample.length, 4096); index += 2)
    if (sample[index] === 0) oddZeros++;
  if (sample.length >= 4 && oddZeros > Math.min(sample.length, 4096) / 4) {
    return {
      encoding: "utf-16le",
      bom: false,
      confidence: "low",
      reason: "a zero byte after most characters (UTF-16 LE without a BOM)",
    };
  }
  const status = utf8Status(sample);
  if (status.valid) {
    return status.nonAscii
      ? {
          encoding: "utf-8",
          bom: false,
          confidence: "high",
          reason: "valid UTF-8 with accented characters",
        }
      : { encoding: "utf-8", bom: false, confidence: "low", reason: "plain ASCII (read as UTF-8)" };
  }
  let c1 = false;
  let euroAtA4 = false;
  for (const byte of sample) {
    if (byte >= 0x80 && byte <= 0x9f) c1 = true;
    if (byte === 0xa4) euroAtA4 = true;
  }
  if (!c1 && euroAtA4) {
    return {
      encoding: "iso-8859-15",
      bom: false,
      confidence: "low",
      reason: `invalid UTF-8 at byte ${status.firstBad}, and 0xA4 (the euro sign in ISO-8859-15) with no byte 0x80–0x9F`,
    };
  }
  return {
    encoding: "windows-1252",
    bom: false,
    confidence: c1 ? "high" : "low",
    reason: `invalid UTF-8 at byte ${status.firstBad}: single-byte text, read as windows-1252`,
  };
}

const CANDIDATES = [";", ",", "\t", "|"] as const;

/** Splits one line by a delimiter, minding quotes (a quick cut for counting, not the tokenizer). */
function splitLine(line: string, delimiter: string, quote: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  for (let index = 0; index < line.length; index++) {
    const character = line.charAt(index);
    if (inQuotes) {
      if (character === quote) {
        if (line.charAt(index + 1) === quote) {
          cell += quote;
          index++;
        } else inQuotes = false;
      } else cell += character;
    } else if (character === quote && cell === "") inQuotes = true;
    else if (character === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += character;
  }
  cells.push(cell);
  return cells;
}

/**
 * Guesses the delimiter of decoded text from its first lines: the candidate (`;`, `,`, tab, `|`)
 * that cuts the most lines into the same number of cells, more than one; ties go to `;`, the
 * delimiter of Excel with a decimal comma (Belgium, the Netherlands).
 *
 * @example
 * ```ts
 * import { detectDelimiter } from "@incasso/import-csv";
 * detectDelimiter("naam;bedrag\nPeeters;1.234,56\n").delimiter; // ";"
 * ```
 */
export function detectDelimiter(
  text: string,
  quote = '"',
): { delimiter: ";" | "," | "\t" | "|"; confidence: "high" | "low"; reason: string } {
  const lines = text
    .split(/\r\n|\n|\r/)
    .slice(0, 50)
    .filter((line) => line.trim() !== "");
  if (text.length >= SAMPLE && lines.length > 1) lines.pop();
  let best: { delimiter: (typeof CANDIDATES)[number]; score: number; cells: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => splitLine(line, delimiter, quote).length);
    const first = counts[0] ?? 1;
    if (first < 2) continue;
    const same = counts.filter((count) => count === first).length;
    const score = same * 1000 + first;
    if (best === null || score > best.score) best = { delimiter, score, cells: first };
  }
  if (best === null) {
    return {
      delimiter: ";",
      confidence: "low",
      reason: "no candidate splits the first line; `;` assumed",
    };
  }
  const consistent = Math.floor(best.score / 1000) === lines.length;
  return {
    delimiter: best.delimiter,
    confidence: consistent && lines.length > 1 ? "high" : "low",
    reason: `"${best.delimiter === "\t" ? "\\t" : best.delimiter}" cuts ${Math.floor(best.score / 1000)} of the first ${lines.length} lines into ${best.cells} cells`,
  };
}

/**
 * Decodes bytes in an encoding of {@link FileEncoding}, dropping a byte order mark. Invalid UTF-8
 * becomes U+FFFD, which the reader reports as an `encoding` issue.
 *
 * @example
 * ```ts
 * import { decodeBytes } from "@incasso/import-csv";
 * decodeBytes(new Uint8Array([0x80]), "windows-1252"); // "€"
 * ```
 */
export function decodeBytes(bytes: Uint8Array, encoding: FileEncoding): string {
  return new TextDecoder(encoding === "iso-8859-15" ? "iso-8859-15" : encoding, {
    ignoreBOM: false,
  }).decode(bytes);
}

/**
 * Guesses how a file is written from its first bytes (up to 64 KiB are looked at): a workbook
 * (`xlsx`, or the unsupported legacy `xls`), else the encoding ({@link detectEncoding}), the
 * delimiter ({@link detectDelimiter}), the line ending and the first row, with the reasons, for a
 * dry run to show before anything is read or for a profile's `auto` settings.
 *
 * @example
 * ```ts
 * import { detectDialect } from "@incasso/import-csv";
 * const bytes = new TextEncoder().encode("Klant;Bedrag\r\nPeeters;12,50\r\n");
 * const dialect = detectDialect(bytes);
 * dialect.delimiter; // ";"
 * dialect.lineEnding; // "\r\n"
 * ```
 */
export function detectDialect(
  bytes: Uint8Array,
  options: { quote?: '"' | "'" } = {},
): DetectedDialect {
  const quote = options.quote ?? '"';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      format: "xlsx",
      encoding: "utf-8",
      bom: false,
      delimiter: ";",
      lineEnding: "none",
      firstRow: [],
      confidence: "high",
      reasons: ["a ZIP archive: an Excel workbook (xlsx)"],
    };
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return {
      format: "xls",
      encoding: "utf-8",
      bom: false,
      delimiter: ";",
      lineEnding: "none",
      firstRow: [],
      confidence: "high",
      reasons: ["a legacy Excel 97-2003 workbook (xls): save it as xlsx or CSV"],
    };
  }
  const encoding = detectEncoding(bytes);
  const sample = bytes.subarray(0, SAMPLE);
  const text = decodeBytes(sample, encoding.encoding).replace(/^\ufeff/, "");
  const delimiter = detectDelimiter(text, quote);
  const endings = new Set<string>();
  for (const match of text.matchAll(/\r\n|\n|\r/g)) {
    endings.add(match[0]);
    if (endings.size > 1) break;
  }
  const lineEnding: DetectedDialect["lineEnding"] =
    endings.size === 0
      ? "none"
      : endings.size > 1
        ? "mixed"
        : ([...endings][0] as "\r\n" | "\n" | "\r");
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  return {
    format: "delimited",
    encoding: encoding.encoding,
    bom: encoding.bom,
    delimiter: delimiter.delimiter,
    lineEnding,
    firstRow: splitLine(firstLine, delimiter.delimiter, quote),
    confidence: encoding.confidence === "high" && delimiter.confidence === "high" ? "high" : "low",
    reasons: [encoding.reason, delimiter.reason],
  };
}

/**
 * The same as {@link detectDialect}: what a dry run shows about a file before reading it.
 *
 * @example
 * ```ts
 * import { dryRunDetect } from "@incasso/import-csv";
 * dryRunDetect(new TextEncoder().encode("a,b\n1,2\n")).delimiter; // ","
 * ```
 */
export function dryRunDetect(bytes: Uint8Array): DetectedDialect {
  return detectDialect(bytes);
}
