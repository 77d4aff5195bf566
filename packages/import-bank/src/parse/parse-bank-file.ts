import { fieldError, parseInput } from "@incasso/core";
import JSZip from "jszip";
import { z } from "zod";
import { parseCamt } from "./camt.js";
import { finding } from "./checks.js";
import { parseCoda } from "./coda.js";
import { statementKey } from "./duplicates.js";
import type { BankFileFormat, BankStatement, Finding, ParsedBankFile } from "./model.js";
import { parseMt940 } from "./mt940.js";
import { decodeBytes } from "./text.js";

/**
 * The options of {@link parseBankFile}: the file's name, used in every error and finding, and the time zone in which a camt date-time with an offset (`2014-01-04T23:00:00Z`) is read as a calendar day (default `Europe/Brussels`, the same day as Amsterdam's).
 *
 * @example
 * ```ts
 * import { ParseBankFileOptionsSchema } from "@incasso/import-bank";
 * ParseBankFileOptionsSchema.parse({ fileName: "2026-03-02.cod" });
 * ```
 */
export const ParseBankFileOptionsSchema = z
  .strictObject({
    fileName: z.string().min(1, "expected a file name of 1 to 500 characters").max(500).optional(),
    timeZone: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, "expected an IANA time zone such as Europe/Brussels")
      .optional(),
  })
  .optional();

/**
 * The options of {@link parseBankFile}.
 *
 * @example
 * ```ts
 * import type { ParseBankFileOptions } from "@incasso/import-bank";
 * const options: ParseBankFileOptions = { fileName: "camt053.xml" };
 * ```
 */
export type ParseBankFileOptions = z.input<typeof ParseBankFileOptionsSchema>;

/**
 * Which format a file's bytes are in, by their content (never by the name): a ZIP archive, an
 * ISO 20022 camt.053/camt.054 document, a CODA file (record 0 of 128 characters) or MT940 (a
 * `:20:` field). `null` when none fits.
 *
 * @example
 * ```ts
 * import { detectBankFileFormat } from "@incasso/import-bank";
 * detectBankFileFormat(new TextEncoder().encode(":20:940S140102\n:25:NL34RABO0142623393\n")); // "mt940"
 * ```
 */
export function detectBankFileFormat(bytes: Uint8Array | string): BankFileFormat | "zip" | null {
  if (
    typeof bytes !== "string" &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04
  )
    return "zip";
  const head =
    typeof bytes === "string" ? bytes.slice(0, 4096) : decodeBytes(bytes.subarray(0, 4096)).text;
  return detectText(head);
}

function detectText(text: string): BankFileFormat | null {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("<")) {
    const m = /urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\./.exec(head);
    return m === null ? null : m[1] === "053" ? "camt.053" : "camt.054";
  }
  if (/^0000\d[^\r\n]{123}(\r?\n|$)/.test(head)) return "coda";
  if (/(^|\n):20:/.test(head)) return "mt940";
  return null;
}

function parseOne(
  bytes: Uint8Array | string,
  fileName: string,
  timeZone: string,
): { format: BankFileFormat; statements: BankStatement[]; findings: Finding[] } {
  const decoded =
    typeof bytes === "string"
      ? { text: bytes, encoding: "utf-8" as const, replacements: bytes.split("\uFFFD").length - 1 }
      : decodeBytes(bytes);
  const format = detectText(decoded.text.slice(0, 4096));
  if (format === null)
    throw fieldError(
      "INVALID_INPUT",
      fileName,
      "expected a CODA, camt.053, camt.054 or MT940 file (or a ZIP of them)",
    );
  const result =
    format === "coda"
      ? parseCoda(decoded.text, fileName)
      : format === "mt940"
        ? parseMt940(decoded.text, fileName)
        : parseCamt(decoded.text, fileName, timeZone);
  const findings = [...result.findings];
  if (decoded.replacements > 0)
    findings.push(
      finding(
        "replacement-characters",
        "warning",
        `the text holds ${decoded.replacements} replacement character(s) U+FFFD: characters were lost before the file reached us (a windows-1252 file saved as UTF-8?)`,
        { file: fileName, line: null, element: null },
      ),
    );
  return { format, statements: result.statements, findings };
}

function withinFileDuplicates(statements: readonly BankStatement[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, BankStatement>();
  const entries = new Map<string, BankStatement>();
  for (const s of statements) {
    const key = statementKey(s);
    const first = seen.get(key);
    if (first !== undefined) {
      out.push(
        finding(
          "duplicate-statement",
          "error",
          `statement ${s.number ?? "(no number)"} of account ${s.account.id} dated ${s.date.toString()} was already given by ${first.location.file}${first.location.element === null ? "" : ` ${first.location.element}`}${first.location.line === null ? "" : `:${first.location.line}`}`,
          s.location,
        ),
      );
      continue;
    }
    seen.set(key, s);
    for (const e of s.entries) {
      const k = `${s.account.id}|${e.entryReference}`;
      const firstEntry = entries.get(k);
      if (firstEntry !== undefined && firstEntry !== s)
        out.push(
          finding(
            "duplicate-entry",
            "error",
            `entry ${e.entryReference} of account ${s.account.id} is also on statement ${firstEntry.number ?? "(no number)"}`,
            e.location,
          ),
        );
      entries.set(k, s);
    }
  }
  return out;
}

function assemble(
  fileName: string,
  container: "zip" | null,
  parts: readonly { format: BankFileFormat; statements: BankStatement[]; findings: Finding[] }[],
): ParsedBankFile {
  const statements = parts.flatMap((p) => p.statements);
  const formats = [...new Set(parts.map((p) => p.format))];
  return {
    fileName,
    container,
    formats,
    statements,
    findings: [...parts.flatMap((p) => p.findings), ...withinFileDuplicates(statements)],
  };
}

/**
 * Reads a bank file: detects its format (CODA 2.x, camt.053, camt.054, MT940, or a ZIP holding
 * such files), parses every statement, and checks it (trailer counts and totals, balances, sequence
 * numbers, statements or entries given twice, structured references' check digits). What the checks
 * find is reported in `findings`, never "fixed"; a file that cannot be read at all is refused with
 * an `IncassoError` whose issues name the file, the line or element, and what was expected.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { parseBankFile, toBankTransactions } from "@incasso/import-bank";
 * const parsed = await parseBankFile(await readFile("2026-03-02.cod"), { fileName: "2026-03-02.cod" });
 * for (const statement of parsed.statements) {
 *   for (const f of statement.findings) console.warn(f.code, f.message);
 *   const transactions = toBankTransactions(statement);
 * }
 * ```
 */
export async function parseBankFile(
  bytes: Uint8Array | string,
  options?: ParseBankFileOptions,
): Promise<ParsedBankFile> {
  const parsedOptions = parseInput(ParseBankFileOptionsSchema, options, "options");
  const fileName = parsedOptions?.fileName ?? "(bank file)";
  const timeZone = parsedOptions?.timeZone ?? "Europe/Brussels";
  if (
    detectBankFileFormat(typeof bytes === "string" ? bytes.slice(0, 16) : bytes.subarray(0, 16)) !==
      "zip" ||
    typeof bytes === "string"
  )
    return assemble(fileName, null, [parseOne(bytes, fileName, timeZone)]);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw fieldError(
      "INVALID_INPUT",
      fileName,
      `expected a readable ZIP archive (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const names = Object.values(zip.files)
    .filter((f) => !f.dir && !/(^|\/)(__MACOSX\/|\.)/.test(f.name))
    .map((f) => f.name)
    .sort();
  if (names.length === 0)
    throw fieldError(
      "INVALID_INPUT",
      fileName,
      "expected at least one bank file in the ZIP archive",
    );
  const parts = [];
  for (const name of names) {
    const file = zip.file(name);
    if (file === null) continue;
    parts.push(parseOne(await file.async("uint8array"), `${fileName}/${name}`, timeZone));
  }
  return assemble(fileName, "zip", parts);
}

/**
 * The synchronous form of {@link parseBankFile} for a file that is not a ZIP archive (a ZIP is
 * refused: unpacking it is asynchronous).
 *
 * @example
 * ```ts
 * import { parseBankFileSync } from "@incasso/import-bank";
 * declare const text: string;
 * const parsed = parseBankFileSync(text, { fileName: "statement.sta" });
 * ```
 */
export function parseBankFileSync(
  bytes: Uint8Array | string,
  options?: ParseBankFileOptions,
): ParsedBankFile {
  const parsedOptions = parseInput(ParseBankFileOptionsSchema, options, "options");
  const fileName = parsedOptions?.fileName ?? "(bank file)";
  const timeZone = parsedOptions?.timeZone ?? "Europe/Brussels";
  if (typeof bytes !== "string" && detectBankFileFormat(bytes.subarray(0, 16)) === "zip")
    throw fieldError(
      "INVALID_INPUT",
      fileName,
      "expected a single bank file; use parseBankFile for a ZIP archive",
    );
  return assemble(fileName, null, [parseOne(bytes, fileName, timeZone)]);
}
