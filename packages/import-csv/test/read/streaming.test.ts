import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaseRowRecord, ImportProgress } from "../../src/index.js";
import { readImportRows } from "../../src/index.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  collect,
  encodeCsv,
  fixtureFolder,
} from "../support/fixtures.js";

const profile = belgianCasesProfile({ encoding: "utf-8" });
const ROWS = 60_000;

/** Writes `count` rows to a file on disk, streamed, without holding the text. */
async function writeLargeFile(count: number): Promise<string> {
  const path = join(fixtureFolder(), `large-${count}.csv`);
  async function* lines() {
    yield `${BELGIAN_HEADER.join(";")}\r\n`;
    for (let index = 0; index < count; index++) {
      yield `D${index};K${index % 5000};Brasserie Léonie ${index} BV;N;BE 0403.170.701;Kerkstraat ${index};9000;Gent;info${index}@leonie.be;F${index};05/01/2026;04/02/2026;${1 + (index % 999)}.${String(index % 997).padStart(3, "0")},${String(index % 100).padStart(2, "0")};+++090/9337/55493+++\r\n`;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
  return path;
}

describe("streaming", () => {
  test("60,000 rows stream from disk in flat memory, in order, with progress reports and a final one", async () => {
    const path = await writeLargeFile(ROWS);
    const progress: ImportProgress[] = [];
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heapAfterGc = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const samples: number[] = [];
    let count = 0;
    let total = 0n;
    let lastRow = 0;
    for await (const row of readImportRows(profile, path, {
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    })) {
      count++;
      if (row.row <= lastRow) throw new Error("rows out of order");
      lastRow = row.row;
      const record = row.record as CaseRowRecord | null;
      if (record === null) throw new Error(`row ${row.row}: ${row.issues[0]?.message.en}`);
      total += BigInt(record.claim.amount.times(100).toFixed(0));
      if (count % 15_000 === 0) samples.push(heapAfterGc());
    }
    expect(count).toBe(ROWS);
    let expected = 0n;
    for (let index = 0; index < ROWS; index++) {
      expected += BigInt(
        `${1 + (index % 999)}${String(index % 997).padStart(3, "0")}${String(index % 100).padStart(2, "0")}`,
      );
    }
    expect(total).toBe(expected);
    // The file is some 11 MB and its rows as objects far more; the live heap after a collection
    // stays flat from 15,000 rows read to 60,000 (a loose bound: one chunk, one record, caches).
    const growth = Math.max(...samples) - (samples[0] ?? 0);
    expect(samples.length).toBe(4);
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    const last = progress.at(-1);
    expect(last).toMatchObject({ rows: ROWS, done: true, etaMs: 0 });
    expect(last?.bytesRead).toBe(last?.totalBytes);
    expect(progress.length).toBeGreaterThan(2);
    const middle = progress[Math.floor(progress.length / 2)];
    expect(middle?.done).toBe(false);
    expect(middle?.etaMs).not.toBeNull();
  }, 180_000);

  test("an aborted read stops with the signal's reason", async () => {
    const rows = Array.from({ length: 2000 }, (_, index) => belgianRow({ Dossier: `D${index}` }));
    const bytes = encodeCsv([[...BELGIAN_HEADER], ...rows]);
    const stopped = (async () => {
      const aborted = new AbortController();
      aborted.abort(new Error("stopped by the user"));
      for await (const _row of readImportRows(profile, bytes, { signal: aborted.signal })) {
        throw new Error("no row may be read after an abort");
      }
    })();
    await expect(stopped).rejects.toThrow("stopped by the user");
    const midway = new AbortController();
    let count = 0;
    const partial = (async () => {
      for await (const _row of readImportRows(
        profile,
        Readable.from([bytes.subarray(0, ROWS), bytes.subarray(ROWS)]),
        { signal: midway.signal },
      )) {
        count++;
        if (count === 5) midway.abort(new Error("stopped midway"));
      }
    })();
    await expect(partial).rejects.toThrow("stopped midway");
    expect(count).toBe(5);
  });

  const rowArbitrary = fc.record({
    Dossier: fc.stringMatching(/^[A-Z0-9-]{1,10}$/),
    Naam: fc
      .string({
        unit: fc.constantFrom("a", "é", " ", ";", '"', "\n", "B"),
        minLength: 1,
        maxLength: 12,
      })
      .filter((name) => name.trim() !== ""),
    Openstaand: fc
      .integer({ min: 1, max: 99_999_999 })
      .map((cents) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`),
  });

  test.prop([fc.array(rowArbitrary, { minLength: 1, maxLength: 30 }), fc.nat()])(
    "splitting a file's rows across two files yields the same records",
    async (changes, cut) => {
      const rows = changes.map((change) => belgianRow(change));
      const at = cut % (rows.length + 1);
      const whole = await collect(
        readImportRows(profile, encodeCsv([[...BELGIAN_HEADER], ...rows])),
      );
      const first = await collect(
        readImportRows(profile, encodeCsv([[...BELGIAN_HEADER], ...rows.slice(0, at)])),
      );
      const second = await collect(
        readImportRows(profile, encodeCsv([[...BELGIAN_HEADER], ...rows.slice(at)])),
      );
      const records = (list: typeof whole) => list.map((row) => JSON.stringify(row.record));
      expect([...records(first), ...records(second)]).toEqual(records(whole));
    },
  );
});
