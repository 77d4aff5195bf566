import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/**
 * The largest JSON file the CLI reads: 16 MiB (16,777,216 bytes), checked before the file is read.
 * The largest real input, the case file of a long-running case, is a few hundred events of about
 * 250 bytes each: under 100 KiB. 16 MiB is over a hundred times that (some 70,000 events), and
 * Node.js parses it in about half a second in tens of MB. A larger file is a mistake (the wrong
 * file, a database dump, a generated file gone wrong) and is refused with its size instead of
 * exhausting memory. The size does not bound the computation: the core's limits on counts do.
 *
 * @example
 * ```ts
 * import { JSON_FILE_MAX_BYTES } from "@incasso/cli";
 * JSON_FILE_MAX_BYTES; // 16777216
 * ```
 */
export const JSON_FILE_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The most case files `incasso agenda` reads from one directory: 10,000. The agenda keeps every
 * case it folds in memory; 10,000 cases is the whole open portfolio of a large firm, and the
 * production daily run over more goes through the store's sharded run, not the CLI.
 *
 * @example
 * ```ts
 * import { AGENDA_MAX_CASE_FILES } from "@incasso/cli";
 * AGENDA_MAX_CASE_FILES; // 10000
 * ```
 */
export const AGENDA_MAX_CASE_FILES = 10_000;

/**
 * The most bytes the case files of one `incasso agenda` directory may hold together: 256 MiB.
 * 10,000 ordinary case files are some tens of MiB; the limit keeps the parsed cases, which take
 * several times the size of their text, within a default Node.js heap.
 *
 * @example
 * ```ts
 * import { AGENDA_MAX_TOTAL_BYTES } from "@incasso/cli";
 * AGENDA_MAX_TOTAL_BYTES; // 268435456
 * ```
 */
export const AGENDA_MAX_TOTAL_BYTES = 256 * 1024 * 1024;

/**
 * A file the CLI cannot take as input: it cannot be read, is too large, is not UTF-8 or is not
 * JSON. The message names the file (or the option that gave it) and the reason; exit code 2.
 *
 * @example
 * ```ts
 * import { InputFileError } from "@incasso/cli";
 * const error = new InputFileError("case.json", "case.json", "not JSON: line 1, column 2: ...");
 * error.message; // "case.json: not JSON: line 1, column 2: ..."
 * ```
 */
export class InputFileError extends Error {
  override readonly name = "InputFileError";
  /** The path of the file. */
  readonly file: string;
  /** What is wrong with it, without the file's name. */
  readonly reason: string;

  constructor(file: string, label: string, reason: string) {
    super(`${label}: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/**
 * How {@link readJsonFile} names the file and how large it may be.
 *
 * @example
 * ```ts
 * import type { ReadJsonFileOptions } from "@incasso/cli";
 * const options: ReadJsonFileOptions = { label: "--policy-file policy.json" };
 * ```
 */
export interface ReadJsonFileOptions {
  /** How messages name the file (`--rates rates.json`); the path by default. */
  readonly label?: string;
  /** The size limit in bytes; {@link JSON_FILE_MAX_BYTES} by default. */
  readonly maxBytes?: number;
}

/**
 * Reads a JSON file: the one reader of every file the CLI takes (case files, plan requests,
 * statements, scenarios, vectors, policy and rates files). A file above the size limit is refused
 * before it is read, with its size; the bytes must be UTF-8 (a byte order mark is skipped; an
 * invalid sequence is refused with its byte offset, never replaced); a syntax error names the line
 * and column. Every refusal is an {@link InputFileError} naming the file.
 *
 * @example
 * ```ts
 * import { readJsonFile } from "@incasso/cli";
 * const events = readJsonFile("examples/cases/be-consumer.json");
 * ```
 */
export function readJsonFile(file: string, options: ReadJsonFileOptions = {}): unknown {
  const label = options.label ?? file;
  const refuse = (reason: string) => new InputFileError(file, label, reason);
  const bytes = readBytes(file, options.maxBytes ?? JSON_FILE_MAX_BYTES, refuse);
  return parseJson(decodeUtf8(bytes, refuse), refuse);
}

type Refuse = (reason: string) => InputFileError;

function readBytes(file: string, maxBytes: number, refuse: Refuse): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw refuse(`cannot read (${(error as Error).message})`);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw refuse("is a directory, expected a JSON file");
    const tooLarge = (size: string) =>
      refuse(
        `${size}, larger than the limit of ${describeSize(maxBytes)} for a JSON file; is it the right file?`,
      );
    if (info.isFile() && info.size > maxBytes) throw tooLarge(describeSize(info.size));
    // Read up to one byte past the limit, so a file that grows or a pipe is bounded too.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw refuse(`cannot read (${(error as Error).message})`);
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge(`more than ${describeSize(maxBytes)}`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** `16,777,217 bytes (16.0 MiB)`: the exact count and a readable one. */
function describeSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${bytes.toLocaleString("en")} bytes (${mib >= 0.1 ? `${mib.toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`})`;
}

function decodeUtf8(bytes: Uint8Array, refuse: Refuse): string {
  try {
    // ignoreBOM false (the default): a UTF-8 byte order mark is skipped.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
      throw refuse("is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    const offset = firstInvalidUtf8Offset(bytes);
    const shown = Array.from(bytes.subarray(offset, offset + 4), (byte) =>
      byte.toString(16).toUpperCase().padStart(2, "0"),
    ).join(" ");
    throw refuse(
      `not valid UTF-8: invalid byte sequence at byte offset ${offset} (bytes ${shown}); save it as UTF-8`,
    );
  }
}

/**
 * The offset of the first byte of the first ill-formed UTF-8 sequence (Unicode table 3-7, the
 * rules `TextDecoder` applies: no overlong forms, no surrogates, nothing above U+10FFFF), or -1
 * when every sequence is well-formed.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    if (lead < 0x80) {
      at++;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead === 0xe0) [trailing, low] = [2, 0xa0];
    else if (lead === 0xed) [trailing, high] = [2, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) trailing = 2;
    else if (lead === 0xf0) [trailing, low] = [3, 0x90];
    else if (lead === 0xf4) [trailing, high] = [3, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) trailing = 3;
    else return at;
    for (let k = 1; k <= trailing; k++) {
      const byte = bytes[at + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf))
        return at;
    }
    at += trailing + 1;
  }
  return -1;
}

function parseJson(text: string, refuse: Refuse): unknown {
  if (text.trim() === "") throw refuse("is empty, expected JSON");
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = /at position (\d+)/.exec(error.message);
    const reason = error.message
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/ in JSON at position \d+/, "")
      .replace(/\r?\n/g, "\\n");
    if (position === null) throw refuse(`not JSON: ${reason}`);
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    throw refuse(`not JSON: line ${line}, column ${column}: ${reason}`);
  }
}
