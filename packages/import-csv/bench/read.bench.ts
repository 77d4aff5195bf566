// Benchmark of reading a client's file: a million-row cases CSV (about 190 MB, windows-1252, `;`,
// decimal comma, dd/mm/yyyy, OGM and enterprise numbers checked) streamed from disk through
// readImportRows, against two baselines measured in the same run on the same file:
//   1. the raw stream: the bytes read from disk and decoded (iconv-lite), nothing else;
//   2. csv-parse 7.0.3 cutting the same decoded text into records, with no value read at all.
// It reports rows per second, the ratios, and memory: the peak RSS of the process and the live
// heap after a collection at every 100,000 rows (flat when the read holds one chunk and one row).
//
// Run: pnpm --filter @incasso/import-csv bench:read   (BENCH_ROWS=200000 for a quick try)
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { expect, test } from "vitest";
import { readImportRows } from "../src/index.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const HEADER =
  "Dossier;Klantnummer;Naam;Taal;Ondernemingsnummer;Straat;Postcode;Gemeente;E-mail;Factuur;Factuurdatum;Vervaldag;Openstaand;Mededeling";

const profile = {
  version: 1,
  id: "bench",
  clientId: "bench",
  kind: "cases",
  encoding: "windows-1252",
  delimiter: ";",
  decimalSeparator: ",",
  thousandsSeparator: ".",
  dateFormats: ["dd/mm/yyyy"],
  grouping: "client-reference",
  newCases: { rulePack: "be.b2b" },
  columns: {
    clientReference: { name: "Dossier" },
    debtorId: { name: "Klantnummer" },
    debtorName: { name: "Naam", transforms: ["collapse-spaces"] },
    debtorLanguage: { name: "Taal" },
    enterpriseNumber: { name: "Ondernemingsnummer" },
    street: { name: "Straat" },
    postalCode: { name: "Postcode" },
    city: { name: "Gemeente" },
    email: { name: "E-mail" },
    invoiceNumber: { name: "Factuur" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldag" },
    amount: { name: "Openstaand" },
    paymentReference: { name: "Mededeling" },
  },
};

async function writeFile(path: string): Promise<void> {
  async function* lines() {
    yield iconv.encode(`${HEADER}\r\n`, "windows-1252");
    let batch = "";
    for (let index = 0; index < ROWS; index++) {
      const day = String(1 + (index % 28)).padStart(2, "0");
      batch += `D${index >> 2};K${index % 50_000};Brasserie Léonie ${index} BV;${index % 3 === 0 ? "F" : "N"};BE 0403.170.701;Kerkstraat ${index % 300};9000;Gent;info${index}@leonie.be;F${index};${day}/01/2026;${day}/02/2026;${1 + (index % 999)}.${String(index % 997).padStart(3, "0")},${String(index % 100).padStart(2, "0")};+++090/9337/55493+++\r\n`;
      if ((index & 1023) === 1023) {
        yield iconv.encode(batch, "windows-1252");
        batch = "";
      }
    }
    yield iconv.encode(batch, "windows-1252");
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
}

async function timed(run: () => Promise<number>): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const rows = await run();
  return { rows, seconds: (performance.now() - started) / 1000 };
}

test(`reading ${ROWS.toLocaleString("en")} rows`, async () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const folder = mkdtempSync(join(tmpdir(), "incasso-read-bench-"));
  const path = join(folder, "cases.csv");
  try {
    await writeFile(path);
    const size = statSync(path).size;
    console.log(
      `file: ${(size / 1024 / 1024).toFixed(1)} MiB, ${ROWS} rows; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`,
    );

    const raw = await timed(async () => {
      const decoder = iconv.getDecoder("windows-1252");
      let lines = 0;
      for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
        const text = decoder.write(chunk as Buffer);
        for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1))
          lines++;
      }
      return lines - 1;
    });

    const csvParse = await timed(async () => {
      let records = 0;
      const parser = createReadStream(path, { highWaterMark: 64 * 1024 })
        .pipe(iconv.decodeStream("windows-1252"))
        .pipe(parse({ delimiter: ";", relax_column_count: true }));
      for await (const _record of parser) records++;
      return records - 1;
    });

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = process.memoryUsage().rss;
    const heapSamples: number[] = [];
    let good = 0;
    const ours = await timed(async () => {
      let rows = 0;
      for await (const row of readImportRows(profile, path, {
        onProgress: (progress) => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          if (!progress.done) {
            console.log(
              `  ${progress.rows} rows, ${Math.round(progress.rowsPerSecond)} rows/s, ${((100 * progress.bytesRead) / (progress.totalBytes ?? 1)).toFixed(0)}%, ${((progress.etaMs ?? 0) / 1000).toFixed(0)} s left`,
            );
          }
        },
        progressIntervalMs: 10_000,
      })) {
        rows++;
        if (row.record !== null) good++;
        if (rows % 100_000 === 0) {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          gc();
          heapSamples.push(process.memoryUsage().heapUsed);
        }
      }
      return rows;
    });

    expect(ours.rows).toBe(ROWS);
    expect(good).toBe(ROWS);
    const rate = (result: { rows: number; seconds: number }) =>
      Math.round(result.rows / result.seconds);
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    console.log("");
    console.log("| read | rows/s | seconds | ratio to readImportRows |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const [name, result] of [
      ["bytes decoded, lines counted (baseline)", raw],
      ["csv-parse records, no values (baseline)", csvParse],
      ["readImportRows: records validated", ours],
    ] as const) {
      console.log(
        `| ${name} | ${rate(result)} | ${result.seconds.toFixed(1)} | ${(ours.seconds / result.seconds).toFixed(2)} |`,
      );
    }
    console.log("");
    console.log(
      `peak RSS during the read: ${mib(peakRss)}; live heap before: ${mib(heapBefore)}; after a collection every 100,000 rows: ${heapSamples.map(mib).join(", ")}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
