import type {
  CaseStore,
  ImportBatch,
  ImportBatchHeader,
  ImportRowResult,
  StoreScope,
} from "@incasso/core";
import fc from "fast-check";
import { beforeEach, expect } from "vitest";
import type { PortTests } from "./port-suite.js";
import { describePortSuite, failure } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the import-batch port. */
export const importBatchStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });

  test(
    "import-batches.saved-once",
    ["import-batches"],
    "stores import batches with their row results, once",
    async () => {
      const batch = {
        id: "B1",
        clientId: "acme",
        source: "cases.csv",
        contentHash: "sha256:01",
        importedAt: "2026-01-31T09:00:00Z",
        rows: [
          { row: 2, outcome: "imported" as const, caseId: "C1" },
          {
            row: 3,
            outcome: "error" as const,
            errors: [{ field: "amount", message: "expected an amount" }],
          },
        ],
      };
      const first = await store.saveImportBatch(scope, batch);
      expect(first.replayed).toBe(false);
      expect(first.batch.rows[0]?.errors).toEqual([]);
      const again = await store.saveImportBatch(scope, batch);
      expect(again).toEqual({ batch: first.batch, replayed: true });
      expect(await store.getImportBatch(scope, "B1")).toEqual(first.batch);
      expect(await store.listImportBatches(scope, { clientId: "acme" })).toEqual([first.batch]);
      expect(
        await failure(store.saveImportBatch(scope, { ...batch, contentHash: "sha256:02" })),
      ).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["batch.id"] });
    },
  );

  const header = (id = "B1"): ImportBatchHeader => ({
    id,
    clientId: "acme",
    source: "cases.csv",
    contentHash: "sha256:01",
    importedAt: "2026-01-31T09:00:00Z",
  });
  /** Row results for these row numbers: every seventh an error, the others imported cases. */
  const rowsOf = (numbers: readonly number[]): ImportRowResult[] =>
    numbers.map((row) =>
      row % 7 === 0
        ? { row, outcome: "error", errors: [{ field: "amount", message: "expected an amount" }] }
        : { row, outcome: "imported", caseId: `C${row}`, errors: [] },
    );
  /** Every row of a batch, read page by page. */
  const readAll = async (
    readScope: StoreScope,
    batchId: string,
    limit: number,
  ): Promise<{ rows: ImportRowResult[]; pages: number }> => {
    const rows: ImportRowResult[] = [];
    let pages = 0;
    let after: string | null = null;
    do {
      const page = await store.readImportBatchRows(readScope, batchId, {
        limit,
        ...(after === null ? {} : { after }),
      });
      if (page === null) throw new Error(`expected the rows of batch ${batchId}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      rows.push(...page.items);
      pages++;
      after = page.nextCursor;
    } while (after !== null);
    return { rows, pages };
  };

  test(
    "import-batches.saved-in-parts",
    ["import-batches"],
    "saves a batch in parts, shows it only once its last part is saved, and the same as saved in one call",
    async () => {
      expect(
        await store.saveImportBatchPart(scope, {
          batch: header(),
          part: 0,
          last: false,
          rows: rowsOf([2, 3]),
        }),
      ).toEqual({
        batchId: "B1",
        part: 0,
        savedParts: 1,
        savedRows: 2,
        complete: false,
        replayed: false,
      });
      expect(await store.getImportBatch(scope, "B1")).toBeNull();
      expect(await store.listImportBatches(scope)).toEqual([]);
      expect(await store.readImportBatchRows(scope, "B1")).toBeNull();
      expect(
        await store.saveImportBatchPart(scope, {
          batch: header(),
          part: 1,
          last: false,
          rows: rowsOf([4]),
        }),
      ).toMatchObject({ savedParts: 2, savedRows: 3, complete: false, replayed: false });
      expect(await store.getImportBatch(scope, "B1")).toBeNull();
      expect(
        await store.saveImportBatchPart(scope, { batch: header(), part: 2, last: true, rows: [] }),
      ).toEqual({
        batchId: "B1",
        part: 2,
        savedParts: 3,
        savedRows: 3,
        complete: true,
        replayed: false,
      });
      const whole = await store.saveImportBatch(scope, {
        ...header("B2"),
        rows: rowsOf([2, 3, 4]),
      });
      const inParts = await store.getImportBatch(scope, "B1");
      expect(inParts).toEqual({ ...whole.batch, id: "B1" });
      expect(await store.listImportBatches(scope)).toEqual([inParts, whole.batch]);
      // The whole batch in one call is a replay of the batch saved in parts, and the reverse.
      expect(await store.saveImportBatch(scope, { ...header(), rows: rowsOf([2, 3, 4]) })).toEqual({
        batch: inParts,
        replayed: true,
      });
      expect(
        await failure(store.saveImportBatch(scope, { ...header(), rows: rowsOf([2, 3, 5]) })),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["batch.id"] });
      expect(
        await store.saveImportBatchPart(scope, {
          batch: header("B2"),
          part: 0,
          last: true,
          rows: rowsOf([2, 3, 4]),
        }),
      ).toEqual({
        batchId: "B2",
        part: 0,
        savedParts: 1,
        savedRows: 3,
        complete: true,
        replayed: true,
      });
      expect(
        await failure(
          store.saveImportBatchPart(scope, {
            batch: header("B2"),
            part: 0,
            last: false,
            rows: rowsOf([2, 3, 4]),
          }),
        ),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["part.part"] });
    },
  );

  test(
    "import-batches.part-replayed",
    ["import-batches"],
    "answers the same part again as a replay, and another part, header or last flag under it as a reused key",
    async () => {
      const part0 = { batch: header(), part: 0, last: false, rows: rowsOf([2, 3]) };
      await store.saveImportBatchPart(scope, part0);
      expect(await store.saveImportBatchPart(scope, part0)).toMatchObject({
        savedParts: 1,
        savedRows: 2,
        complete: false,
        replayed: true,
      });
      for (const other of [
        { ...part0, rows: rowsOf([2, 4]) },
        { ...part0, rows: rowsOf([3, 2]) },
        { ...part0, last: true },
      ])
        expect(await failure(store.saveImportBatchPart(scope, other))).toEqual({
          code: "IDEMPOTENCY_KEY_REUSED",
          paths: ["part.part"],
        });
      await store.putClient(scope, { id: "beta", name: "Beta BV" });
      for (const batch of [
        { ...header(), contentHash: "sha256:02" },
        { ...header(), clientId: "beta" },
        { ...header(), source: "other.csv" },
        { ...header(), importedAt: "2026-01-31T09:00:01Z" },
      ]) {
        for (const part of [0, 1])
          expect(
            await failure(
              store.saveImportBatchPart(scope, { batch, part, last: true, rows: rowsOf([9]) }),
            ),
          ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["part.batch.id"] });
      }
      // A batch whose last part is not saved is not the whole batch, whatever its rows.
      expect(
        await failure(store.saveImportBatch(scope, { ...header(), rows: rowsOf([2, 3]) })),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["batch.id"] });
      // The same instant written with an offset is the same header.
      await store.saveImportBatchPart(scope, {
        batch: { ...header(), importedAt: "2026-01-31T10:00:00+01:00" },
        part: 1,
        last: true,
        rows: rowsOf([4]),
      });
      expect(await store.saveImportBatchPart(scope, part0)).toMatchObject({
        savedParts: 2,
        savedRows: 3,
        complete: true,
        replayed: true,
      });
      expect((await store.getImportBatch(scope, "B1"))?.rows).toEqual(rowsOf([2, 3, 4]));
      // A batch saved in one call is its part 0: another header under its id is refused too.
      await store.saveImportBatch(scope, { ...header("B2"), rows: [] });
      expect(
        await failure(
          store.saveImportBatchPart(scope, {
            batch: { ...header("B2"), source: "other.csv" },
            part: 0,
            last: true,
            rows: [],
          }),
        ),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["part.batch.id"] });
    },
  );

  test(
    "import-batches.part-order",
    ["import-batches"],
    "takes parts 0, 1, 2 … in order and none after the last, naming the part expected",
    async () => {
      const part = (n: number, last = false, rows = rowsOf([10 + n])) => ({
        batch: header(),
        part: n,
        last,
        rows,
      });
      const refused = async (n: number, last = false) => {
        const error = await failure(store.saveImportBatchPart(scope, part(n, last)));
        expect(error).toEqual({ code: "INVALID_INPUT", paths: ["part.part"] });
      };
      await refused(1);
      await refused(3, true);
      await store.saveImportBatchPart(scope, part(0));
      await refused(2);
      await refused(2, true);
      await store.saveImportBatchPart(scope, part(1, true));
      await refused(2);
      await refused(7, true);
      expect((await store.getImportBatch(scope, "B1"))?.rows).toEqual(rowsOf([10, 11]));
      await store.saveImportBatch(scope, { ...header("B2"), rows: rowsOf([2]) });
      expect(
        await failure(store.saveImportBatchPart(scope, { ...part(1, true), batch: header("B2") })),
      ).toEqual({ code: "INVALID_INPUT", paths: ["part.part"] });
      expect((await store.getImportBatch(scope, "B2"))?.rows).toEqual(rowsOf([2]));
    },
  );

  test(
    "import-batches.part-rows",
    ["import-batches"],
    "refuses a row number twice in a batch, a part of more than 10,000 rows and bad input, naming the field",
    async () => {
      await store.saveImportBatchPart(scope, {
        batch: header(),
        part: 0,
        last: false,
        rows: rowsOf([2, 3]),
      });
      expect(
        await failure(
          store.saveImportBatchPart(scope, {
            batch: header(),
            part: 1,
            last: true,
            rows: rowsOf([4, 3]),
          }),
        ),
      ).toEqual({ code: "INVALID_INPUT", paths: ["part.rows.1.row"] });
      expect(
        await failure(
          store.saveImportBatchPart(scope, {
            batch: header(),
            part: 1,
            last: true,
            rows: rowsOf([5, 6, 5]),
          }),
        ),
      ).toEqual({ code: "INVALID_INPUT", paths: ["part.rows.2.row"] });
      expect(
        await failure(
          store.saveImportBatchPart(scope, {
            batch: header(),
            part: 1,
            last: true,
            rows: rowsOf(Array.from({ length: 10_001 }, (_, i) => 100 + i)),
          }),
        ),
      ).toEqual({ code: "INVALID_INPUT", paths: ["part.rows"] });
      const good = { batch: header(), part: 1, last: true, rows: rowsOf([4]) };
      for (const [bad, path] of [
        [{ ...good, part: -1 }, "part.part"],
        [{ ...good, part: 1.5 }, "part.part"],
        [{ ...good, last: undefined }, "part.last"],
        [{ ...good, batch: { ...header(), id: "bad id" } }, "part.batch.id"],
        [{ ...good, batch: { ...header(), importedAt: "yesterday" } }, "part.batch.importedAt"],
        [{ ...good, rows: [{ row: 4, outcome: "lost" }] }, "part.rows.0.outcome"],
        [{ ...good, rows: [{ row: 0, outcome: "imported" }] }, "part.rows.0.row"],
        [{ ...good, extra: true }, "part"],
      ] as const) {
        const { code, paths } = await failure(store.saveImportBatchPart(scope, bad as never));
        expect({ code, paths: [...new Set(paths)] }).toEqual({
          code: "INVALID_INPUT",
          paths: [path],
        });
      }
      expect(
        await failure(
          store.saveImportBatchPart(scope, { ...good, batch: { ...header(), clientId: "ghost" } }),
        ),
      ).toEqual({ code: "NOT_FOUND", paths: ["part.batch.clientId"] });
      expect(
        (await failure(store.saveImportBatchPart({ ...scope, clientId: "acme" }, good))).code,
      ).toBe("FORBIDDEN");
      // Nothing refused was written: the part the batch expects is still part 1.
      expect(await store.saveImportBatchPart(scope, good)).toMatchObject({
        savedParts: 2,
        savedRows: 3,
        complete: true,
        replayed: false,
      });
      expect((await store.getImportBatch(scope, "B1"))?.rows).toEqual(rowsOf([2, 3, 4]));
    },
  );

  test(
    "import-batches.read-pages",
    ["import-batches"],
    "reads a batch of 25,000 rows saved in parts of 10,000 page by page, in the order of the row numbers",
    async () => {
      // Row numbers 2 … 25001, saved out of order: each part holds numbers from the whole range.
      const numbers = Array.from({ length: 25_000 }, (_, i) => 2 + ((i * 7919) % 25_000));
      const rows = rowsOf(numbers);
      for (let part = 0; part * 10_000 < rows.length; part++)
        await store.saveImportBatchPart(scope, {
          batch: header(),
          part,
          last: (part + 1) * 10_000 >= rows.length,
          rows: rows.slice(part * 10_000, (part + 1) * 10_000),
        });
      const read = await readAll(scope, "B1", 1000);
      expect(read.pages).toBe(25);
      expect(read.rows).toEqual([...rows].sort((a, b) => a.row - b.row));
      expect((await store.readImportBatchRows(scope, "B1"))?.items.length).toBe(1000);
      expect((await store.getImportBatch(scope, "B1"))?.rows).toEqual(rows);
      // Equal row numbers (a batch saved in one call may have them) keep the order saved.
      const twice: ImportRowResult[] = [
        { row: 5, outcome: "imported", caseId: "C1", errors: [] },
        { row: 3, outcome: "skipped", errors: [] },
        { row: 5, outcome: "updated", caseId: "C2", errors: [] },
      ];
      await store.saveImportBatch(scope, { ...header("B2"), rows: twice });
      expect((await readAll(scope, "B2", 1)).rows).toEqual([twice[1], twice[0], twice[2]]);
      expect(await store.readImportBatchRows(scope, "B2", { limit: 3 })).toEqual({
        items: [twice[1], twice[0], twice[2]],
        nextCursor: null,
      });
      for (const [query, path] of [
        [{ limit: 10_001 }, "query.limit"],
        [{ limit: 0 }, "query.limit"],
        [{ after: "nonsense" }, "query.after"],
        [{ after: '["5"]' }, "query.after"],
        [{ after: '["0","1"]' }, "query.after"],
        [{ after: '["5","-1"]' }, "query.after"],
        [{ other: 1 }, "query"],
      ] as const)
        expect(await failure(store.readImportBatchRows(scope, "B2", query as never))).toEqual({
          code: "INVALID_INPUT",
          paths: [path],
        });
      expect(await store.readImportBatchRows(scope, "B9")).toBeNull();
      expect(await store.readImportBatchRows(scope, "bad id")).toBeNull();
    },
  );

  test(
    "import-batches.part-scopes",
    ["import-batches"],
    "keeps a batch's parts in its tenant, and shows its rows to its own client's portal only",
    async () => {
      const other = { tenantId: `${scope.tenantId}-other` };
      await store.putClient(other, { id: "acme", name: "Acme NV" });
      await store.putClient(scope, { id: "beta", name: "Beta BV" });
      await store.saveImportBatchPart(scope, {
        batch: header(),
        part: 0,
        last: false,
        rows: rowsOf([2]),
      });
      // The other tenant has no part 0 of B1, and saves a B1 of its own.
      expect(
        await failure(
          store.saveImportBatchPart(other, {
            batch: header(),
            part: 1,
            last: true,
            rows: rowsOf([3]),
          }),
        ),
      ).toEqual({ code: "INVALID_INPUT", paths: ["part.part"] });
      await store.saveImportBatchPart(other, {
        batch: { ...header(), contentHash: "sha256:99" },
        part: 0,
        last: true,
        rows: rowsOf([7]),
      });
      await store.saveImportBatchPart(scope, {
        batch: header(),
        part: 1,
        last: true,
        rows: rowsOf([3]),
      });
      expect((await store.readImportBatchRows(scope, "B1"))?.items).toEqual(rowsOf([2, 3]));
      expect((await store.readImportBatchRows(other, "B1"))?.items).toEqual(rowsOf([7]));
      expect((await store.getImportBatch(other, "B1"))?.contentHash).toBe("sha256:99");
      expect(
        (await store.readImportBatchRows({ ...scope, clientId: "acme" }, "B1"))?.items,
      ).toEqual(rowsOf([2, 3]));
      expect(await store.readImportBatchRows({ ...scope, clientId: "beta" }, "B1")).toBeNull();
      expect(
        (await failure(store.readImportBatchRows({ tenantId: "bad tenant" }, "B1"))).code,
      ).toBe("INVALID_INPUT");
    },
  );

  test(
    "import-batches.concurrent-parts",
    ["import-batches"],
    "answers a part saved twice at the same time once as saved and once as a replay, and another content under it as a reused key",
    async () => {
      const part0 = { batch: header(), part: 0, last: false, rows: rowsOf([2, 3]) };
      const twins = await Promise.all([
        store.saveImportBatchPart(scope, part0),
        store.saveImportBatchPart(scope, part0),
      ]);
      expect(twins.map((receipt) => receipt.replayed).sort()).toEqual([false, true]);
      const part1 = { batch: header(), part: 1, last: true, rows: rowsOf([4]) };
      const rivals = await Promise.allSettled([
        store.saveImportBatchPart(scope, part1),
        store.saveImportBatchPart(scope, { ...part1, rows: rowsOf([5]) }),
      ]);
      expect(rivals.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      const rejected = rivals.find((outcome) => outcome.status === "rejected");
      expect(await failure(Promise.reject((rejected as PromiseRejectedResult).reason))).toEqual({
        code: "IDEMPOTENCY_KEY_REUSED",
        paths: ["part.part"],
      });
      const headers = await Promise.allSettled([
        store.saveImportBatchPart(scope, { ...part0, batch: header("B2") }),
        store.saveImportBatchPart(scope, {
          ...part0,
          batch: { ...header("B2"), source: "other.csv" },
        }),
      ]);
      const lost = headers.find((outcome) => outcome.status === "rejected");
      expect(await failure(Promise.reject((lost as PromiseRejectedResult).reason))).toEqual({
        code: "IDEMPOTENCY_KEY_REUSED",
        paths: ["part.batch.id"],
      });
      expect((await store.getImportBatch(scope, "B1"))?.rows.length).toBe(3);
    },
  );

  test(
    "import-batches.incomplete-listed",
    ["import-batches"],
    "lists the batches whose last part is not saved yet, with how far each got, and no other",
    async () => {
      await store.putClient(scope, { id: "beta", name: "Beta BV" });
      expect(await store.listIncompleteImportBatches(scope)).toEqual([]);
      await store.saveImportBatchPart(scope, {
        batch: header("B2"),
        part: 0,
        last: false,
        rows: rowsOf([2, 3]),
      });
      await store.saveImportBatchPart(scope, {
        batch: header("B2"),
        part: 1,
        last: false,
        rows: rowsOf([4]),
      });
      await store.saveImportBatchPart(scope, {
        batch: { ...header("B1"), clientId: "beta" },
        part: 0,
        last: false,
        rows: rowsOf([2]),
      });
      // Complete batches are not listed: one saved in parts, one in one call.
      await store.saveImportBatchPart(scope, {
        batch: header("B3"),
        part: 0,
        last: true,
        rows: rowsOf([2]),
      });
      await store.saveImportBatch(scope, { ...header("B4"), rows: rowsOf([2]) });
      expect(await store.listIncompleteImportBatches(scope)).toEqual([
        { batch: { ...header("B1"), clientId: "beta" }, savedParts: 1, savedRows: 1 },
        { batch: header("B2"), savedParts: 2, savedRows: 3 },
      ]);
      expect(await store.listIncompleteImportBatches(scope, { clientId: "acme" })).toEqual([
        { batch: header("B2"), savedParts: 2, savedRows: 3 },
      ]);
      // A client's scope sees its own client's only; another tenant sees none.
      expect(
        (await store.listIncompleteImportBatches({ ...scope, clientId: "beta" })).map(
          (item) => item.batch.id,
        ),
      ).toEqual(["B1"]);
      expect(
        await store.listIncompleteImportBatches({ tenantId: `${scope.tenantId}-other` }),
      ).toEqual([]);
      // Its last part saved, a batch leaves the list.
      await store.saveImportBatchPart(scope, {
        batch: header("B2"),
        part: 2,
        last: true,
        rows: [],
      });
      expect((await store.listIncompleteImportBatches(scope)).map((item) => item.batch.id)).toEqual(
        ["B1"],
      );
    },
  );

  test(
    "import-batches.incomplete-discarded",
    ["import-batches"],
    "discards an incomplete batch with everything saved of it, frees its id, and never a complete batch",
    async () => {
      await store.saveImportBatchPart(scope, {
        batch: header("B1"),
        part: 0,
        last: false,
        rows: rowsOf([2, 3]),
      });
      await store.saveImportBatch(scope, { ...header("B2"), rows: rowsOf([2]) });
      expect(
        (await failure(store.discardIncompleteImportBatch({ ...scope, clientId: "acme" }, "B1")))
          .code,
      ).toBe("FORBIDDEN");
      expect(await store.discardIncompleteImportBatch(scope, "B1")).toBe(true);
      expect(await store.listIncompleteImportBatches(scope)).toEqual([]);
      expect(await store.discardIncompleteImportBatch(scope, "B1")).toBe(false);
      expect(await store.discardIncompleteImportBatch(scope, "unknown")).toBe(false);
      // The id is free: another batch under it starts from part 0, its earlier rows forgotten.
      const other = { ...header("B1"), source: "corrected.csv", contentHash: "sha256:02" };
      expect(
        await store.saveImportBatchPart(scope, {
          batch: other,
          part: 0,
          last: true,
          rows: rowsOf([2, 5]),
        }),
      ).toMatchObject({ savedParts: 1, savedRows: 2, complete: true, replayed: false });
      expect(await store.getImportBatch(scope, "B1")).toEqual({ ...other, rows: rowsOf([2, 5]) });
      // A complete batch is the record of an import: never discarded.
      expect(await failure(store.discardIncompleteImportBatch(scope, "B2"))).toEqual({
        code: "ALREADY_FINAL",
        paths: ["batchId"],
      });
      expect(await failure(store.discardIncompleteImportBatch(scope, "B1"))).toEqual({
        code: "ALREADY_FINAL",
        paths: ["batchId"],
      });
      expect((await store.getImportBatch(scope, "B2"))?.rows).toEqual(rowsOf([2]));
    },
  );

  test(
    "import-batches.any-split",
    ["import-batches"],
    "a batch saved in any split into parts reads back the same as the batch saved in one call",
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 30 }),
          fc.array(fc.nat({ max: 30 }), { maxLength: 6 }),
          fc.integer({ min: 4, max: 12 }),
          async (numbers, cuts, limit) => {
            run++;
            const rows = rowsOf(numbers);
            const ends = [...new Set([...cuts.map((cut) => Math.min(cut, rows.length))])]
              .sort((a, b) => a - b)
              .concat(rows.length);
            const whole = await store.saveImportBatch(scope, {
              ...header(`W${run}`),
              rows,
            });
            let start = 0;
            for (const [part, end] of ends.entries()) {
              await store.saveImportBatchPart(scope, {
                batch: header(`P${run}`),
                part,
                last: part === ends.length - 1,
                rows: rows.slice(start, end),
              });
              start = end;
            }
            const inParts = (await store.getImportBatch(scope, `P${run}`)) as ImportBatch;
            expect(inParts).toEqual({ ...whole.batch, id: `P${run}` });
            expect(await readAll(scope, `P${run}`, limit)).toEqual(
              await readAll(scope, `W${run}`, limit),
            );
            expect(
              (await store.saveImportBatch(scope, { ...header(`P${run}`), rows })).replayed,
            ).toBe(true);
          },
        ),
        { numRuns: 12, seed: 20261128 },
      );
    },
  );
};

/**
 * Registers the conformance tests of the import-batch port (`ImportBatchStore`): a batch
 * stored with its row results once, a replay answered, another batch under the id refused; a
 * batch saved in parts (in order, each part once, none after the last, no row number twice,
 * invisible until complete, the same as saved in one call, read back page by page in row order,
 * in its tenant only, with concurrent twins answered as replays).
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeImportBatchStoreConformance } from "@incasso/testkit";
 * describeImportBatchStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeImportBatchStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("import-batch port", options, importBatchStoreTests);
}
