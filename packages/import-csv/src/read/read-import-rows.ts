import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { IncassoError } from "@incasso/core";
import iconv from "iconv-lite";
import type { ImportProfile } from "../profile/import-profile.js";
import { parseImportProfile } from "../profile/import-profile.js";
import type { ImportRow } from "../records.js";
import { CsvTokenizer } from "./csv-tokenizer.js";
import type { FileEncoding } from "./detect.js";
import { decodeBytes, detectDelimiter, detectEncoding } from "./detect.js";
import { rowIssue, text } from "./messages.js";
import type { SourceCell } from "./row-mapper.js";
import { ImportHeaderError, RowMapper } from "./row-mapper.js";
import { readSheetRows } from "./xlsx.js";

/**
 * A file to read: a path, the bytes, a Node readable stream or any async iterable of byte chunks.
 *
 * @example
 * ```ts
 * import type { ImportSource } from "@incasso/import-csv";
 * const source: ImportSource = "/data/acme/2026-11-27.csv";
 * ```
 */
export type ImportSource = string | Uint8Array | AsyncIterable<Uint8Array | string>;

/**
 * How far a read has come: rows read, bytes read of the total, the pace and the time left
 * (estimated from the bytes read against the file's size; null when the size is not known).
 *
 * @example
 * ```ts
 * import type { ImportProgress } from "@incasso/import-csv";
 * const show = (progress: ImportProgress) => `${progress.rows} rows, ${Math.round(progress.rowsPerSecond)}/s`;
 * ```
 */
export interface ImportProgress {
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes: number | null;
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
  readonly etaMs: number | null;
  /** True on the last call, when the whole file is read. */
  readonly done: boolean;
}

/**
 * Options of {@link readImportRows}.
 *
 * @example
 * ```ts
 * import type { ReadImportOptions } from "@incasso/import-csv";
 * const options: ReadImportOptions = { onProgress: (p) => console.log(p.rows), progressIntervalMs: 1000 };
 * ```
 */
export interface ReadImportOptions {
  /** Called at most every `progressIntervalMs` while reading, and once at the end. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Default 500 ms. */
  readonly progressIntervalMs?: number;
  /** Stops the read: the iteration throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** The file's size in bytes when the source is a stream (a path or bytes know their own). */
  readonly totalBytes?: number;
  /** The language of a thrown {@link ImportHeaderError}'s message (row issues carry all three). */
  readonly language?: "nl" | "fr" | "en";
  /** The file's name, for messages (a path names itself). */
  readonly fileName?: string;
}

const CHUNK = 64 * 1024;

async function* chunksOf(source: ImportSource): AsyncGenerator<Uint8Array> {
  if (typeof source === "string") {
    const stream = createReadStream(source, { highWaterMark: CHUNK });
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
    } finally {
      stream.destroy();
    }
    return;
  }
  if (source instanceof Uint8Array) {
    for (let offset = 0; offset < source.length; offset += CHUNK)
      yield source.subarray(offset, offset + CHUNK);
    return;
  }
  for await (const chunk of source)
    yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The import was aborted", "AbortError");
}

/**
 * Reads a client's file by an import profile and yields one {@link ImportRow} per data row, in
 * file order, streaming: a delimited file is decoded (iconv-lite) and cut (a quote-aware streaming
 * tokenizer) chunk by chunk and never held whole, so a file of a million rows reads in flat memory;
 * a workbook (XLSX, recognised by its bytes) is read whole by `read-excel-file` (its sheet is in
 * memory, as XLSX is a compressed archive) and its rows go through the same mapping.
 *
 * `auto` encoding and delimiter are settled from the first 64 KiB ({@link detectDialect}). The
 * header row is matched to the profile's columns; a missing required column or a column named
 * twice throws an {@link ImportHeaderError} before any row is yielded. Everything wrong with a row
 * (its cells, its values, its identifiers, its length, its encoding) is a {@link RowIssue} on that
 * row, never a crash: the record is null when the row has an error. A bad profile throws
 * `INVALID_INPUT` naming its field.
 *
 * @example
 * ```ts
 * import { readImportRows } from "@incasso/import-csv";
 * const profile = {
 *   version: 1, id: "acme-actions", clientId: "acme", kind: "mass-action",
 *   decimalSeparator: ",", dateFormats: ["dd/mm/yyyy"],
 *   columns: { caseNumber: { name: "Dossier" }, activity: { name: "Actie" }, dueDate: { name: "Datum" } },
 * };
 * const bytes = new TextEncoder().encode("Dossier;Actie;Datum\n2026/0001;reminder-2;01/12/2026\n");
 * for await (const row of readImportRows(profile, bytes)) {
 *   console.log(row.row, row.record, row.issues.map((issue) => issue.message.nl));
 * }
 * ```
 */
export async function* readImportRows(
  profileInput: ImportProfile | unknown,
  source: ImportSource,
  options: ReadImportOptions = {},
): AsyncGenerator<ImportRow, void, undefined> {
  const profile = parseImportProfile(profileInput);
  const started = performance.now();
  const interval = options.progressIntervalMs ?? 500;
  let totalBytes: number | null = options.totalBytes ?? null;
  if (typeof source === "string") totalBytes = (await stat(source)).size;
  else if (source instanceof Uint8Array) totalBytes = source.length;
  let bytesRead = 0;
  let rows = 0;
  let lastReport = started;
  const report = (done: boolean) => {
    if (options.onProgress === undefined) return;
    const now = performance.now();
    const elapsedMs = now - started;
    const rowsPerSecond = elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
    const etaMs =
      totalBytes === null || bytesRead === 0
        ? null
        : done
          ? 0
          : Math.max(0, (elapsedMs * (totalBytes - bytesRead)) / bytesRead);
    lastReport = now;
    options.onProgress({ rows, bytesRead, totalBytes, elapsedMs, rowsPerSecond, etaMs, done });
  };
  const maybeReport = () => {
    if (
      options.onProgress !== undefined &&
      (rows & 255) === 0 &&
      performance.now() - lastReport >= interval
    )
      report(false);
  };
  const signal = options.signal;
  if (signal?.aborted) throw abortError(signal);

  const iterator = chunksOf(source)[Symbol.asyncIterator]();
  try {
    // Read enough of the start to tell the format, the encoding and the delimiter.
    const head: Uint8Array[] = [];
    let headLength = 0;
    let ended = false;
    while (headLength < CHUNK) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headLength += next.value.length;
      bytesRead += next.value.length;
    }
    const headBytes = concat(head, headLength);
    if (isZip(headBytes)) {
      const parts = [headBytes];
      let length = headBytes.length;
      while (!ended) {
        const next = await iterator.next();
        if (next.done) break;
        parts.push(next.value);
        length += next.value.length;
        bytesRead += next.value.length;
        if (signal?.aborted) throw abortError(signal);
      }
      const sheetRows = await readSheetRows(concat(parts, length), profile.sheet);
      const mapper = new RowMapper(profile, "xlsx");
      let headerSeen = !profile.header;
      if (!profile.header) mapper.resolveHeader(null, 0);
      for (const sheetRow of sheetRows) {
        if (signal?.aborted) throw abortError(signal);
        if (sheetRow.row <= profile.skipLines) continue;
        if (sheetRow.cells.every((cell) => cell.text.trim() === "")) continue;
        if (!headerSeen) {
          headerSeen = true;
          resolveHeaderOrThrow(
            mapper,
            sheetRow.cells.map((cell) => cell.text),
            sheetRow.row,
            options.language,
          );
          continue;
        }
        const { cells, longCells } = limitCells(sheetRow.cells, profile.limits.cellLength);
        rows++;
        yield mapper.mapRow(cells, sheetRow.row, { longCells });
        maybeReport();
      }
      if (!headerSeen) throw emptyFile(options.language);
      report(true);
      return;
    }
    if (
      headBytes[0] === 0xd0 &&
      headBytes[1] === 0xcf &&
      headBytes[2] === 0x11 &&
      headBytes[3] === 0xe0
    ) {
      throw new IncassoError(
        "INVALID_INPUT",
        "file: a legacy Excel 97-2003 workbook (.xls) is not read: save it as .xlsx or CSV",
        [
          {
            path: "file",
            message: "expected a CSV file or an .xlsx workbook, not a legacy .xls workbook",
          },
        ],
      );
    }
    const encoding: FileEncoding =
      profile.encoding === "auto" ? detectEncoding(headBytes).encoding : profile.encoding;
    const delimiter =
      profile.delimiter === "auto"
        ? detectDelimiter(decodeBytes(headBytes, encoding).replace(/^\ufeff/, ""), profile.quote)
            .delimiter
        : profile.delimiter;
    const decoder = iconv.getDecoder(encoding, { stripBOM: true });
    const tokenizer = new CsvTokenizer({
      delimiter,
      quote: profile.quote,
      cellLength: profile.limits.cellLength,
      recordLength: profile.limits.recordLength,
    });
    const mapper = new RowMapper(profile, encoding);
    let headerSeen = !profile.header;
    if (!profile.header) mapper.resolveHeader(null, 0);
    const handle = function* (records: ReturnType<CsvTokenizer["push"]>): Generator<ImportRow> {
      for (const record of records) {
        if (signal?.aborted) throw abortError(signal);
        if (record.startLine <= profile.skipLines) continue;
        if (!headerSeen) {
          headerSeen = true;
          resolveHeaderOrThrow(mapper, record.cells, record.startLine, options.language);
          continue;
        }
        rows++;
        yield mapper.mapRow(
          record.cells.map((cell): SourceCell => ({ text: cell, kind: "text" })),
          record.startLine,
          record,
        );
      }
    };
    for (const chunk of head) {
      yield* handle(
        tokenizer.push(
          decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
        ),
      );
    }
    while (!ended) {
      if (signal?.aborted) throw abortError(signal);
      const next = await iterator.next();
      if (next.done) break;
      bytesRead += next.value.length;
      const decoded = decoder.write(
        Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength),
      );
      for (const row of handle(tokenizer.push(decoded))) {
        yield row;
        maybeReport();
      }
    }
    const rest = decoder.end();
    yield* handle(tokenizer.push(rest ?? ""));
    yield* handle(tokenizer.end());
    if (!headerSeen) throw emptyFile(options.language);
    report(true);
  } finally {
    await iterator.return?.(undefined);
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function limitCells(
  cells: readonly SourceCell[],
  limit: number,
): { cells: SourceCell[]; longCells: number[] } {
  const longCells: number[] = [];
  const limited = cells.map((cell, index) => {
    if (cell.text.length <= limit) return cell;
    longCells.push(index);
    return { ...cell, text: cell.text.slice(0, limit) };
  });
  return { cells: limited, longCells };
}

function resolveHeaderOrThrow(
  mapper: RowMapper,
  cells: readonly string[],
  line: number,
  language: "nl" | "fr" | "en" | undefined,
): void {
  try {
    mapper.resolveHeader(
      cells.map((cell) => cell.replace(/^\ufeff/, "")),
      line,
    );
  } catch (error) {
    if (error instanceof ImportHeaderError && language !== undefined && language !== "en") {
      const localized = new ImportHeaderError(error.rowIssues);
      localized.message = error.rowIssues.map((issue) => issue.message[language]).join(" ");
      throw localized;
    }
    throw error;
  }
}

function emptyFile(language: "nl" | "fr" | "en" | undefined): ImportHeaderError {
  const issue = rowIssue("missing-value", {
    row: 1,
    column: null,
    field: null,
    value: null,
    expected: text(
      "een kopregel met de namen van de kolommen",
      "une ligne d'en-tête avec les noms des colonnes",
      "a header row with the column names",
    ),
  });
  const error = new ImportHeaderError([issue]);
  if (language !== undefined) error.message = issue.message[language];
  return error;
}
