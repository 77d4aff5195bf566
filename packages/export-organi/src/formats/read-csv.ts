import { IncassoError } from "@incasso/core";

/**
 * Reads CSV text (RFC 4180: cells quoted with `"`, a doubled quote inside, line breaks inside
 * quotes; CRLF or LF between rows; a leading byte order mark dropped) into rows of cells. Blank
 * lines are skipped. An unterminated quote is `INVALID_INPUT` naming the line.
 *
 * @example
 * ```ts
 * import { readCsv } from "@incasso/export-organi";
 * readCsv('a;b\r\n"x;1";2\r\n', ";"); // [["a", "b"], ["x;1", "2"]]
 * ```
 */
export function readCsv(text: string, separator: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let started = line;
  for (let index = 0; index < body.length; index++) {
    const char = body[index] as string;
    if (quoted) {
      if (char === '"') {
        if (body[index + 1] === '"') {
          cell += '"';
          index++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === "") {
      quoted = true;
      started = line;
    } else if (char === separator) {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && body[index + 1] === "\n") {
    } else if (char === "\n") {
      row.push(cell);
      if (!(row.length === 1 && row[0] === "")) rows.push(row);
      row = [];
      cell = "";
      line++;
    } else cell += char;
  }
  if (quoted)
    throw new IncassoError("INVALID_INPUT", `csv: line ${started}: a quote is never closed`, [
      { path: `csv.line${started}`, message: "expected a closing quote" },
    ]);
  row.push(cell);
  if (!(row.length === 1 && row[0] === "")) rows.push(row);
  return rows;
}
