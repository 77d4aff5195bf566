// The claims file of the import benchmarks: `rows` invoices, 5 per case, two cases per debtor,
// UTF-8, `;`, decimal comma, in the columns of the Belgian profile of the tests.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { BELGIAN_HEADER } from "../test/support/fixtures.js";

/** Invoices per case in the benchmark files. */
export const PER_CASE = 5;

/** A valid Belgian enterprise number (modulo 97) made of a number. */
export function enterpriseNumber(k: number): string {
  const base = 4_000_000 + k;
  return `${String(base).padStart(8, "0")}${String(97 - (base % 97)).padStart(2, "0")}`;
}

/** The line of invoice `i`. */
function lineOf(i: number): string {
  const ref = Math.floor(i / PER_CASE);
  const debtor = Math.floor(ref / 2);
  const cents = 1000 + ((i * 7919) % 900_000);
  return [
    `D-${String(ref).padStart(6, "0")}`,
    `K${debtor}`,
    `Klant ${debtor} BV`,
    "N",
    enterpriseNumber(debtor),
    `Kerkstraat ${1 + (debtor % 200)}`,
    "9000",
    "Gent",
    `boekhouding${debtor}@klant.be`,
    `F2026-${i}`,
    "05/01/2026",
    `${String(1 + (i % 28)).padStart(2, "0")}/02/2026`,
    `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`,
    "+++090/9337/55493+++",
  ].join(";");
}

/** Writes the claims file of `rows` invoices to `path`, streamed (CRLF line endings). */
export async function writeClaimsFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path, { encoding: "utf8" });
  let chunk = `${BELGIAN_HEADER.join(";")}\r\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${lineOf(i)}\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}
