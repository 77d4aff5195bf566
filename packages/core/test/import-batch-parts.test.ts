import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IncassoError } from "../src/errors/incasso-error.js";
import type { ImportBatch, ImportRowResult } from "../src/ports/import-batch-store.js";
import {
  checkNextImportPart,
  encodeImportRowCursor,
  importPartContent,
  importRowSavedBefore,
  parseImportBatchPart,
  parseImportRowsQuery,
  sameImportBatchHeader,
  splitImportBatch,
} from "../src/storage/import-batch-parts.js";
import { canonicalJson } from "../src/storage/prepare-append.js";
import { IMPORT_BATCH_LIMITS } from "../src/storage/store-schemas.js";

const header = {
  id: "B1",
  clientId: "acme",
  source: "cases.csv",
  contentHash: "sha256:ab",
  importedAt: "2026-01-31T09:00:00Z",
};
const rowsOf = (numbers: readonly number[]): ImportRowResult[] =>
  numbers.map((row) => ({ row, outcome: "imported", caseId: `C${row}`, errors: [] }));

/** The code and paths of what `run` throws. */
function thrown(run: () => unknown): { code: string; paths: string[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof IncassoError)
      return { code: error.code, paths: error.issues.map((issue) => issue.path) };
    throw error;
  }
  throw new Error("expected an error");
}

describe("a part of an import batch", () => {
  it("is read with the batch's instant in UTC and its rows' defaults", () => {
    const part = parseImportBatchPart({
      batch: { ...header, importedAt: "2026-01-31T10:00:00+01:00" },
      part: 0,
      last: true,
      rows: [{ row: 2, outcome: "skipped" }],
    });
    expect(part).toEqual({
      batch: header,
      part: 0,
      last: true,
      rows: [{ row: 2, outcome: "skipped", errors: [] }],
    });
  });

  it("is refused naming the field: a row number twice, more than 10,000 rows, a part number that is not whole", () => {
    const part = { batch: header, part: 1, last: false, rows: rowsOf([2, 3]) };
    expect(thrown(() => parseImportBatchPart({ ...part, rows: rowsOf([2, 3, 2]) }))).toEqual({
      code: "INVALID_INPUT",
      paths: ["part.rows.2.row"],
    });
    const many = rowsOf(Array.from({ length: IMPORT_BATCH_LIMITS.partRows + 1 }, (_, i) => i + 1));
    expect(thrown(() => parseImportBatchPart({ ...part, rows: many }))).toEqual({
      code: "INVALID_INPUT",
      paths: ["part.rows"],
    });
    expect(
      parseImportBatchPart({ ...part, rows: many.slice(0, IMPORT_BATCH_LIMITS.partRows) }).rows,
    ).toHaveLength(10_000);
    for (const number of [-1, 0.5, Number.NaN, IMPORT_BATCH_LIMITS.batchRows + 1])
      expect(thrown(() => parseImportBatchPart({ ...part, part: number })).paths).toEqual([
        "part.part",
      ]);
    expect(thrown(() => parseImportBatchPart({ ...part, batch: { ...header, rows: [] } }))).toEqual(
      { code: "INVALID_INPUT", paths: ["part.batch"] },
    );
  });

  it("comes next: part 0 first, then each in order, none after the last", () => {
    const part = (n: number, rows = 1) =>
      parseImportBatchPart({
        batch: header,
        part: n,
        last: false,
        rows: rowsOf(Array.from({ length: rows }, (_, i) => i + 1)),
      });
    const fresh = { parts: 0, rows: 0, complete: false };
    expect(() => checkNextImportPart(fresh, part(0))).not.toThrow();
    expect(thrown(() => checkNextImportPart(fresh, part(1)))).toEqual({
      code: "INVALID_INPUT",
      paths: ["part.part"],
    });
    const two = { parts: 2, rows: 20, complete: false };
    expect(() => checkNextImportPart(two, part(2))).not.toThrow();
    for (const n of [1, 3, 9])
      expect(thrown(() => checkNextImportPart(two, part(n))).paths).toEqual(["part.part"]);
    let message = "";
    try {
      checkNextImportPart(two, part(3));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "part.part: expected part 2, the next part of batch B1 (parts 0 to 1 are saved) (got: 3)",
    );
    const done = { parts: 2, rows: 20, complete: true };
    expect(thrown(() => checkNextImportPart(done, part(2)))).toEqual({
      code: "INVALID_INPUT",
      paths: ["part.part"],
    });
  });

  it("keeps the whole batch at 1,000,000 rows at most, however it is cut", () => {
    const part = (rows: number) =>
      parseImportBatchPart({
        batch: header,
        part: 100,
        last: true,
        rows: rowsOf(Array.from({ length: rows }, (_, i) => i + 1)),
      });
    const saved = (rows: number) => ({ parts: 100, rows, complete: false });
    expect(() => checkNextImportPart(saved(999_999), part(1))).not.toThrow();
    expect(() => checkNextImportPart(saved(990_000), part(10_000))).not.toThrow();
    expect(thrown(() => checkNextImportPart(saved(999_999), part(2)))).toEqual({
      code: "INVALID_INPUT",
      paths: ["part.rows"],
    });
    expect(thrown(() => checkNextImportPart(saved(990_001), part(10_000))).paths).toEqual([
      "part.rows",
    ]);
  });

  it("names the row another part saved", () => {
    expect(importRowSavedBefore(3, 42).issues).toEqual([
      {
        path: "part.rows.3.row",
        message:
          "expected a row number no other part of the batch has (row 42 is saved in an earlier part)",
      },
    ]);
  });

  it("has the same header only when every field is the same", () => {
    expect(sameImportBatchHeader(header, { ...header })).toBe(true);
    for (const field of ["id", "clientId", "source", "contentHash", "importedAt"] as const)
      expect(sameImportBatchHeader(header, { ...header, [field]: "x" })).toBe(false);
  });
});

describe("a batch cut into parts", () => {
  const batchOf = (numbers: readonly number[]): ImportBatch => ({
    ...header,
    rows: rowsOf(numbers),
  });

  test.prop(
    [
      fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 40 }),
      fc.array(fc.nat({ max: 40 }), { maxLength: 8 }),
    ],
    { numRuns: 200 },
  )(
    "a batch cut in any parts is its parts' rows in order, and part 0 of a batch in one piece is the batch",
    (numbers, cuts) => {
      const batch = batchOf(numbers);
      const ends = [...new Set(cuts.map((cut) => Math.min(cut, numbers.length)))]
        .sort((a, b) => a - b)
        .concat(numbers.length);
      const counts = ends.map((end, index) => end - (index === 0 ? 0 : (ends[index - 1] ?? 0)));
      const parts = splitImportBatch(batch, counts);
      expect(parts?.flatMap((part) => part.rows)).toEqual(batch.rows);
      expect(
        parts?.every(({ rows: _rows, ...partHeader }) => sameImportBatchHeader(partHeader, header)),
      ).toBe(true);
      const [whole] = splitImportBatch(batch, [numbers.length]) ?? [];
      expect(canonicalJson(whole)).toBe(
        canonicalJson(importPartContent({ batch: header, rows: batch.rows })),
      );
      expect(splitImportBatch(batch, [...counts, 1])).toBeNull();
    },
  );
});

describe("a page request of a batch's rows", () => {
  it("defaults to 1,000 rows and takes up to 10,000", () => {
    expect(parseImportRowsQuery()).toEqual({ after: null, limit: 1000 });
    expect(parseImportRowsQuery({ limit: 10_000 })).toEqual({ after: null, limit: 10_000 });
    expect(thrown(() => parseImportRowsQuery({ limit: 10_001 }))).toEqual({
      code: "INVALID_INPUT",
      paths: ["query.limit"],
    });
  });

  test.prop([fc.integer({ min: 1, max: 10_000_000 }), fc.nat({ max: 999_999 })])(
    "a cursor reads back as the row and position it was written with",
    (row, position) => {
      expect(parseImportRowsQuery({ after: encodeImportRowCursor(row, position) }).after).toEqual({
        row,
        position,
      });
    },
  );

  it("refuses a cursor no page wrote, at query.after", () => {
    for (const after of [
      "x",
      "[]",
      '["1"]',
      '["1","2","3"]',
      "[1,2]",
      '["0","2"]',
      '["01","2"]',
      '["1","-2"]',
      '["1","1000000"]',
      '["10000001","0"]',
      '["1.5","0"]',
    ])
      expect(
        thrown(() => parseImportRowsQuery({ after })),
        after,
      ).toEqual({
        code: "INVALID_INPUT",
        paths: ["query.after"],
      });
  });
});
