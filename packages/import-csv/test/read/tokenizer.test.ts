import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CsvRecord } from "../../src/index.js";
import { CsvTokenizer } from "../../src/index.js";

const options = { delimiter: ";", quote: '"', cellLength: 1000, recordLength: 10_000 };

function tokenize(chunks: readonly string[], opts = options): CsvRecord[] {
  const tokenizer = new CsvTokenizer(opts);
  return [...chunks.flatMap((chunk) => tokenizer.push(chunk)), ...tokenizer.end()];
}

function write(rows: readonly (readonly string[])[], endings: readonly string[]): string {
  return rows
    .map(
      (row, index) =>
        row
          .map((cell) =>
            /[;"\r\n]/.test(cell) || cell === "" ? `"${cell.replace(/"/g, '""')}"` : cell,
          )
          .join(";") + (endings[index % endings.length] ?? "\n"),
    )
    .join("");
}

function cutAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const point of points) {
    pieces.push(text.slice(last, point));
    last = point;
  }
  pieces.push(text.slice(last));
  return pieces;
}

const cellArbitrary = fc.string({
  unit: fc.constantFrom("a", "é", ";", '"', "\n", "\r", " ", "1", ","),
  maxLength: 8,
});
const rowsArbitrary = fc.array(fc.array(cellArbitrary, { minLength: 1, maxLength: 5 }), {
  minLength: 1,
  maxLength: 8,
});

describe("the streaming tokenizer", () => {
  test.prop([
    rowsArbitrary,
    fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 1, maxLength: 3 }),
    fc.array(fc.nat(), { maxLength: 6 }),
  ])(
    "any rows, written with quoting and any mix of line endings, read back as the same cells however the text is cut into chunks",
    (rows, endings, cuts) => {
      const text = write(rows, endings);
      const records = tokenize(cutAt(text, cuts));
      // Inside quoted cells, line breaks read back as \n.
      const expected = rows.map((row) => row.map((cell) => cell.replace(/\r\n|\r/g, "\n")));
      expect(records.map((record) => record.cells)).toEqual(expected);
      expect(records.every((record) => !record.recordTooLong && !record.unterminatedQuote)).toBe(
        true,
      );
    },
  );

  test("line numbers count every line ending, the lines inside quoted cells and the empty lines skipped", () => {
    const records = tokenize(['a;b\r\n\r\n"x\r\ny";2\n\n\n3;4\r5;6']);
    expect(records.map((record) => [record.startLine, record.endLine, record.cells])).toEqual([
      [1, 1, ["a", "b"]],
      [3, 4, ["x\ny", "2"]],
      [7, 7, ["3", "4"]],
      [8, 8, ["5", "6"]],
    ]);
  });

  test("a quote inside an unquoted cell and text after a closing quote are data", () => {
    expect(tokenize(['12" monitor;"a"b;c\n'])[0]?.cells).toEqual(['12" monitor', "ab", "c"]);
  });

  test("a doubled quote cut between two chunks is one literal quote", () => {
    expect(tokenize(['"say "', '"hi"""\n'])[0]?.cells).toEqual(['say "hi"']);
    expect(tokenize(['"a"', ";b\n"])[0]?.cells).toEqual(["a", "b"]);
  });

  test("a CR at the end of a chunk and an LF at the start of the next are one line ending", () => {
    const records = tokenize(["a;b\r", "\nc;d\r", "e;f"]);
    expect(records.map((record) => [record.startLine, record.cells])).toEqual([
      [1, ["a", "b"]],
      [2, ["c", "d"]],
      [3, ["e", "f"]],
    ]);
  });

  test("a cell past the cell limit is cut and reported, and the row goes on", () => {
    const records = tokenize([`a;${"x".repeat(50)};c\nd;e\n`], { ...options, cellLength: 10 });
    expect(records[0]?.cells).toEqual(["a", "x".repeat(10), "c"]);
    expect(records[0]?.longCells).toEqual([1]);
    expect(records[1]?.cells).toEqual(["d", "e"]);
  });

  test("a record past the record limit is reported and the next line reads normally", () => {
    const records = tokenize([`1;${"z".repeat(300)}\n2;3\n`], { ...options, recordLength: 100 });
    expect(records.map((record) => [record.startLine, record.recordTooLong])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(records[1]?.cells).toEqual(["2", "3"]);
  });

  test("a quote never closed costs one over-long record, not the rest of the file", () => {
    const lines = ['9;"unterminated', ...Array.from({ length: 40 }, (_, i) => `${i};value ${i}`)];
    const records = tokenize([`${lines.join("\n")}\n`], { ...options, recordLength: 100 });
    expect(records[0]?.recordTooLong).toBe(true);
    expect(records[0]?.unterminatedQuote).toBe(true);
    const after = records.slice(1);
    expect(after.length).toBeGreaterThan(30);
    expect(after.at(-1)?.cells).toEqual(["39", "value 39"]);
  });

  test("a quote open at the end of the file is reported", () => {
    const records = tokenize(['a;b\n1;"open']);
    expect(records[1]?.unterminatedQuote).toBe(true);
    expect(records[1]?.cells).toEqual(["1", "open"]);
  });

  test("a file with only empty lines has no records", () => {
    expect(tokenize(["\r\n\n\r\n"])).toEqual([]);
  });
});
