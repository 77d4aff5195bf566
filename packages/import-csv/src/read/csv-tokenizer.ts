/**
 * One record of a delimited file as the tokenizer cut it: its cells and the lines it spans, with
 * what went wrong while cutting it.
 *
 * @example
 * ```ts
 * import type { CsvRecord } from "@incasso/import-csv";
 * const record: CsvRecord = { cells: ["a", "b"], startLine: 1, endLine: 1, recordTooLong: false, longCells: [], unterminatedQuote: false };
 * ```
 */
export interface CsvRecord {
  readonly cells: string[];
  /** The line the record starts on, 1-based. */
  readonly startLine: number;
  /** The line it ends on (later than `startLine` when a quoted cell holds line breaks). */
  readonly endLine: number;
  /** True when the record passed the record length limit: its cells were cut. */
  readonly recordTooLong: boolean;
  /** The indexes of the cells cut at the cell length limit. */
  readonly longCells: readonly number[];
  /** True when a quoted cell was still open at the end of the file or of an over-long record. */
  readonly unterminatedQuote: boolean;
}

/**
 * The dialect and limits the tokenizer cuts by.
 *
 * @example
 * ```ts
 * import type { CsvTokenizerOptions } from "@incasso/import-csv";
 * const options: CsvTokenizerOptions = { delimiter: ";", quote: '"', cellLength: 10_000, recordLength: 100_000 };
 * ```
 */
export interface CsvTokenizerOptions {
  readonly delimiter: string;
  readonly quote: string;
  readonly cellLength: number;
  readonly recordLength: number;
}

const LF = 10;
const CR = 13;

/**
 * A streaming tokenizer for delimited text (RFC 4180 and the dialects clients' tools write): it is
 * fed decoded text in chunks of any size and hands back whole records, holding at most one record
 * in memory. Quoted cells may hold the delimiter, doubled quotes and line breaks. Line endings may
 * be mixed (`\r\n`, `\n`, `\r`), also across chunk boundaries; empty lines are skipped. A quote in
 * the middle of an unquoted cell, or text after a closing quote, is kept as data.
 *
 * Limits keep memory flat whatever the input: a cell past `cellLength` characters is cut there and
 * reported in `longCells`; a record past `recordLength` characters stops being buffered and is
 * reported as `recordTooLong`, and when it is inside a quoted cell the quote is taken to be
 * unterminated and the record ends at the next line break, so one stray quote costs one record,
 * never the rest of the file.
 *
 * @example
 * ```ts
 * import { CsvTokenizer } from "@incasso/import-csv";
 * const tokenizer = new CsvTokenizer({ delimiter: ";", quote: '"', cellLength: 100, recordLength: 1000 });
 * const records = [...tokenizer.push('a;"b;c"\r\n1;2'), ...tokenizer.end()];
 * records.map((record) => record.cells); // [["a", "b;c"], ["1", "2"]]
 * ```
 */
export class CsvTokenizer {
  readonly #delimiter: number;
  readonly #quote: number;
  readonly #cellLength: number;
  readonly #recordLength: number;
  #cells: string[] = [];
  #cell = "";
  #cellCut = false;
  #longCells: number[] = [];
  #recordChars = 0;
  #recordTooLong = false;
  #inQuotes = false;
  #quoted = false;
  #afterQuote = false;
  #line = 1;
  #startLine = 1;
  #pendingCr = false;
  #started = false;

  constructor(options: CsvTokenizerOptions) {
    if (options.delimiter.length !== 1 || options.quote.length !== 1) {
      throw new RangeError("expected a delimiter and a quote of one character each");
    }
    this.#delimiter = options.delimiter.charCodeAt(0);
    this.#quote = options.quote.charCodeAt(0);
    this.#cellLength = options.cellLength;
    this.#recordLength = options.recordLength;
  }

  /** The line the tokenizer is on (1-based). */
  get line(): number {
    return this.#line;
  }

  #append(text: string): void {
    if (text === "") return;
    this.#recordChars += text.length;
    if (this.#recordChars > this.#recordLength) this.#recordTooLong = true;
    if (this.#recordTooLong) return;
    if (this.#cellCut) return;
    const room = this.#cellLength - this.#cell.length;
    if (text.length > room) {
      this.#cell += text.slice(0, Math.max(0, room));
      this.#cellCut = true;
      this.#longCells.push(this.#cells.length);
      return;
    }
    this.#cell += text;
  }

  #endCell(): void {
    this.#cells.push(this.#cell);
    this.#cell = "";
    this.#cellCut = false;
    this.#quoted = false;
    this.#afterQuote = false;
  }

  #endRecord(out: CsvRecord[], unterminated: boolean): void {
    const empty =
      this.#cells.length === 0 && this.#cell === "" && !this.#quoted && !this.#recordTooLong;
    if (!empty) {
      this.#endCell();
      out.push({
        cells: this.#cells,
        startLine: this.#startLine,
        endLine: this.#line,
        recordTooLong: this.#recordTooLong,
        longCells: this.#longCells,
        unterminatedQuote: unterminated,
      });
    }
    this.#cells = [];
    this.#cell = "";
    this.#cellCut = false;
    this.#quoted = false;
    this.#afterQuote = false;
    this.#inQuotes = false;
    this.#longCells = [];
    this.#recordChars = 0;
    this.#recordTooLong = false;
    this.#started = false;
  }

  /**
   * Feeds the next piece of text; returns the records it completed.
   *
   * @example
   * ```ts
   * import { CsvTokenizer } from "@incasso/import-csv";
   * const tokenizer = new CsvTokenizer({ delimiter: ",", quote: '"', cellLength: 100, recordLength: 1000 });
   * tokenizer.push("a,b\n").length; // 1
   * ```
   */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const length = chunk.length;
    let index = 0;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (length > 0 && chunk.charCodeAt(0) === LF) index = 1;
    }
    let segment = index;
    while (index < length) {
      const code = chunk.charCodeAt(index);
      if (!this.#started) {
        this.#started = true;
        this.#startLine = this.#line;
      }
      if (this.#inQuotes) {
        if (code === this.#quote) {
          this.#append(chunk.slice(segment, index));
          if (index + 1 >= length) {
            // A quote at the chunk's end: whether it is doubled shows in the next chunk.
            this.#inQuotes = false;
            this.#afterQuote = true;
            this.#quoteAtEnd = true;
            index++;
            segment = index;
            continue;
          }
          if (chunk.charCodeAt(index + 1) === this.#quote) {
            this.#append(chunk.charAt(index));
            index += 2;
            segment = index;
            continue;
          }
          this.#inQuotes = false;
          this.#afterQuote = true;
          index++;
          segment = index;
          continue;
        }
        if (code === CR || code === LF) {
          this.#append(chunk.slice(segment, index));
          if (this.#recordTooLong) {
            // An over-long quoted cell: take the quote as never closed and resynchronise here.
            if (code === CR) {
              if (index + 1 < length && chunk.charCodeAt(index + 1) === LF) index++;
              else if (index + 1 >= length) this.#pendingCr = true;
            }
            this.#endRecord(out, true);
            this.#line++;
            index++;
            segment = index;
            continue;
          }
          this.#append("\n");
          if (code === CR) {
            if (index + 1 < length && chunk.charCodeAt(index + 1) === LF) index++;
            else if (index + 1 >= length) this.#pendingCr = true;
          }
          this.#line++;
          index++;
          segment = index;
          continue;
        }
        index++;
        continue;
      }
      if (this.#quoteAtEnd) {
        this.#quoteAtEnd = false;
        if (code === this.#quote) {
          // The quote at the end of the last chunk was doubled: a literal quote, still quoted.
          this.#append(chunk.charAt(index));
          this.#inQuotes = true;
          this.#afterQuote = false;
          index++;
          segment = index;
          continue;
        }
      }
      if (code === this.#delimiter) {
        this.#append(chunk.slice(segment, index));
        this.#recordChars++;
        this.#endCell();
        index++;
        segment = index;
        continue;
      }
      if (code === CR || code === LF) {
        this.#append(chunk.slice(segment, index));
        if (code === CR) {
          if (index + 1 < length && chunk.charCodeAt(index + 1) === LF) index++;
          else if (index + 1 >= length) this.#pendingCr = true;
        }
        this.#endRecord(out, false);
        this.#line++;
        index++;
        segment = index;
        continue;
      }
      if (
        code === this.#quote &&
        this.#cell === "" &&
        !this.#quoted &&
        segment === index &&
        !this.#afterQuote &&
        this.#cellCharsBefore(chunk, segment, index)
      ) {
        this.#inQuotes = true;
        this.#quoted = true;
        index++;
        segment = index;
        continue;
      }
      index++;
    }
    this.#append(chunk.slice(segment, index));
    return out;
  }

  #quoteAtEnd = false;

  /** Whether nothing of the current cell was seen before `index` (so a quote there opens it). */
  #cellCharsBefore(_chunk: string, segment: number, index: number): boolean {
    return segment === index && !this.#cellCut && this.#cell.length === 0;
  }

  /**
   * Ends the input; returns the last record, if any (an open quoted cell is reported as
   * `unterminatedQuote`).
   *
   * @example
   * ```ts
   * import { CsvTokenizer } from "@incasso/import-csv";
   * const tokenizer = new CsvTokenizer({ delimiter: ",", quote: '"', cellLength: 100, recordLength: 1000 });
   * tokenizer.push('a,"b');
   * tokenizer.end()[0]?.unterminatedQuote; // true
   * ```
   */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.#quoteAtEnd = false;
    const unterminated = this.#inQuotes;
    if (this.#started) this.#endRecord(out, unterminated);
    return out;
  }
}
