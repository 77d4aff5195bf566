// The PostgreSQL store's import batches in parts beyond the conformance suite: batches stored
// before migration 6 become batches of one part, the row limit of a whole batch on a batch whose
// progress says it is nearly full, each part's rows written in one statement, and twins of a part
// saved at once on the server, and a discard racing the last part.
import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import type { CaseStore, ImportRowResult, StoreScope } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import { canonicalJson } from "@incasso/core/adapter-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlClient } from "../src/index.js";
import { createPostgresStore, fromPg, fromPglite, MIGRATIONS, migrate } from "../src/index.js";
import { freshPglite } from "./support/pglite.js";
import type { TestDatabase } from "./support/server.js";
import { createTestDatabase } from "./support/server.js";
import { onServer } from "./support/server-suite.js";

const header = (id = "B1") => ({
  id,
  clientId: "acme",
  source: "cases.csv",
  contentHash: "sha256:01",
  importedAt: "2026-01-31T09:00:00Z",
});
const rowsOf = (numbers: readonly number[]): ImportRowResult[] =>
  numbers.map((row) => ({ row, outcome: "imported", caseId: `C${row}`, errors: [] }));

async function failure(promise: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IncassoError)
      return { code: error.code, paths: error.issues.map((issue) => issue.path) };
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("import batches in parts on PGlite", () => {
  let db: PGlite;
  let statements: string[] = [];
  let store: CaseStore;
  const scope: StoreScope = { tenantId: "firm-1" };

  beforeAll(async () => {
    db = await freshPglite();
    // The database as version 5 left it, with a batch saved in one call and its rows.
    await migrate(fromPglite(db), MIGRATIONS.slice(0, 5));
    const client = fromPglite(db);
    const counted: SqlClient = {
      query: (text, params) => client.query(text, params),
      transaction: (work) =>
        client.transaction((tx) =>
          work({
            query: (text, params) => {
              statements.push(text);
              return tx.query(text, params);
            },
          }),
        ),
    };
    store = createPostgresStore({ client: counted });
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    const legacy = { ...header("OLD"), rows: rowsOf([3, 2]) };
    await db.query(
      `INSERT INTO import_batches (tenant_id, batch_id, client_id, source, content_hash,
         imported_at, imported_at_text, fingerprint)
       VALUES ('firm-1', 'OLD', 'acme', 'cases.csv', 'sha256:01', '2026-01-31T09:00:00Z',
         '2026-01-31T09:00:00Z', $1)`,
      [createHash("sha256").update(canonicalJson(legacy), "utf8").digest("hex")],
    );
    await db.query(
      `INSERT INTO import_rows (tenant_id, batch_id, position, row_number, outcome, case_id, errors)
       VALUES ('firm-1', 'OLD', 0, 3, 'imported', 'C3', '[]'), ('firm-1', 'OLD', 1, 2, 'imported', 'C2', '[]')`,
    );
    expect((await migrate(fromPglite(db))).applied).toEqual(
      MIGRATIONS.slice(5).map((m) => m.version),
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it("turns a batch stored before version 6 into a complete batch of one part", async () => {
    const legacy = { ...header("OLD"), rows: rowsOf([3, 2]) };
    expect(await store.getImportBatch(scope, "OLD")).toEqual(legacy);
    expect(await store.saveImportBatch(scope, legacy)).toEqual({ batch: legacy, replayed: true });
    expect(
      await store.saveImportBatchPart(scope, {
        batch: header("OLD"),
        part: 0,
        last: true,
        rows: rowsOf([3, 2]),
      }),
    ).toEqual({
      batchId: "OLD",
      part: 0,
      savedParts: 1,
      savedRows: 2,
      complete: true,
      replayed: true,
    });
    expect(
      await failure(
        store.saveImportBatchPart(scope, { batch: header("OLD"), part: 1, last: true, rows: [] }),
      ),
    ).toEqual({ code: "INVALID_INPUT", paths: ["part.part"] });
    expect((await store.readImportBatchRows(scope, "OLD"))?.items).toEqual(rowsOf([2, 3]));
  });

  it("refuses the rows that would take a batch past 1,000,000, counted over its parts", async () => {
    await store.saveImportBatchPart(scope, {
      batch: header("BIG"),
      part: 0,
      last: false,
      rows: rowsOf([1]),
    });
    // As if parts 1 … 99 had saved 999,998 rows more (writing them would take minutes).
    await db.query(
      "UPDATE import_batches SET parts = 100, row_count = 999999 WHERE batch_id = 'BIG'",
    );
    const part = { batch: header("BIG"), part: 100, last: true, rows: rowsOf([2, 3]) };
    const error = await store.saveImportBatchPart(scope, part).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as IncassoError).issues).toEqual([
      {
        path: "part.rows",
        message:
          "expected at most 1000000 rows in one batch (999999 are saved in its earlier parts, this part has 2)",
      },
    ]);
    expect(await store.saveImportBatchPart(scope, { ...part, rows: rowsOf([2]) })).toMatchObject({
      savedParts: 101,
      savedRows: 1_000_000,
      complete: true,
      replayed: false,
    });
  });

  it("writes a part of 10,000 rows in a handful of statements, whatever its size", async () => {
    const rows = rowsOf(Array.from({ length: 10_000 }, (_, i) => i + 1));
    statements = [];
    await store.saveImportBatchPart(scope, { batch: header("BULK"), part: 0, last: false, rows });
    const first = statements.length;
    statements = [];
    await store.saveImportBatchPart(scope, {
      batch: header("BULK"),
      part: 1,
      last: true,
      rows: rowsOf(Array.from({ length: 10_000 }, (_, i) => 20_000 + i)),
    });
    expect(first).toBeLessThanOrEqual(8);
    expect(statements.length).toBeLessThanOrEqual(8);
    expect(statements.filter((text) => text.includes("INSERT INTO import_rows"))).toHaveLength(1);
    statements = [];
    const page = await store.readImportBatchRows(scope, "BULK", { limit: 10_000 });
    expect(page?.items).toHaveLength(10_000);
    expect(statements.length).toBeLessThanOrEqual(3);
  });
});

if (onServer("import batches in parts under concurrency")) {
  describe("import batches in parts on the PostgreSQL server", () => {
    let database: TestDatabase;
    let store: CaseStore;
    const scope: StoreScope = { tenantId: "firm-1" };
    beforeAll(async () => {
      database = await createTestDatabase();
      await migrate(fromPg(database.pool));
      store = createPostgresStore({ client: fromPg(database.pool) });
      await store.putClient(scope, { id: "acme", name: "Acme NV" });
    });
    afterAll(async () => {
      await database.dispose();
    });

    it("answers eight twins of a part saved at once: one saves it, seven are replays, the rows are there once", async () => {
      const rows = rowsOf(Array.from({ length: 2000 }, (_, i) => i + 1));
      for (const part of [0, 1]) {
        const twin = {
          batch: header(),
          part,
          last: part === 1,
          rows: rows.slice(part * 1000, (part + 1) * 1000),
        };
        const receipts = await Promise.all(
          Array.from({ length: 8 }, () => store.saveImportBatchPart(scope, twin)),
        );
        expect(receipts.filter((receipt) => !receipt.replayed)).toHaveLength(1);
      }
      expect((await store.getImportBatch(scope, "B1"))?.rows).toEqual(rows);
    });

    it("answers a batch in one call and its part 0 saved at once as one save and one replay", async () => {
      const rows = rowsOf([2, 3, 4]);
      const [whole, part] = await Promise.all([
        store.saveImportBatch(scope, { ...header("B2"), rows }),
        store.saveImportBatchPart(scope, { batch: header("B2"), part: 0, last: true, rows }),
      ]);
      expect([whole.replayed, part.replayed].sort()).toEqual([false, true]);
      const rivals = await Promise.allSettled([
        store.saveImportBatch(scope, { ...header("B3"), rows }),
        store.saveImportBatchPart(scope, {
          batch: header("B3"),
          part: 0,
          last: false,
          rows,
        }),
      ]);
      const refused = rivals.filter((outcome) => outcome.status === "rejected");
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
        code: "IDEMPOTENCY_KEY_REUSED",
      });
    });

    it("takes a discard and the last part saved at once in turns: the batch is either gone whole or complete", async () => {
      // A transaction holds the batch's row; the two calls queue behind it in a chosen order, and
      // the first in the queue goes first once it is released.
      const waiting = async (count: number) => {
        for (let tries = 0; tries < 500; tries++) {
          const { rows } = await database.pool.query<{ n: number }>(
            `SELECT count(*)::integer AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if ((rows[0]?.n ?? 0) >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`expected ${count} statements waiting for a lock`);
      };
      const rows = rowsOf(Array.from({ length: 500 }, (_, i) => i + 1));
      for (const first of ["discard", "last part"] as const) {
        const id = first === "discard" ? "D1" : "D2";
        await store.saveImportBatchPart(scope, {
          batch: header(id),
          part: 0,
          last: false,
          rows: rows.slice(0, 250),
        });
        const holder = await database.pool.connect();
        try {
          await holder.query("BEGIN");
          await holder.query(
            "SELECT 1 FROM import_batches WHERE tenant_id = $1 AND batch_id = $2 FOR UPDATE",
            [scope.tenantId, id],
          );
          const discard = () => store.discardIncompleteImportBatch(scope, id);
          const last = () =>
            store.saveImportBatchPart(scope, {
              batch: header(id),
              part: 1,
              last: true,
              rows: rows.slice(250),
            });
          const one = first === "discard" ? discard() : last();
          const settledOne = Promise.allSettled([one]);
          await waiting(1);
          const two = first === "discard" ? last() : discard();
          const settledTwo = Promise.allSettled([two]);
          await waiting(2);
          await holder.query("COMMIT");
          const [[a], [b]] = await Promise.all([settledOne, settledTwo]);
          const batch = await store.getImportBatch(scope, id);
          if (first === "discard") {
            // Discarded whole: the last part finds no batch to end (part 0 is expected).
            expect(a).toEqual({ status: "fulfilled", value: true });
            expect(b).toMatchObject({ status: "rejected", reason: { code: "INVALID_INPUT" } });
            expect(batch).toBeNull();
            // (B3 of the test before may be listed: which of its rivals won is left to the race.)
            const incomplete = await store.listIncompleteImportBatches(scope);
            expect(incomplete.map((left) => left.batch.id)).not.toContain(id);
          } else {
            // Completed first: the record of the import stays whole.
            expect(a).toMatchObject({ status: "fulfilled", value: { complete: true } });
            expect(b).toMatchObject({ status: "rejected", reason: { code: "ALREADY_FINAL" } });
            expect(batch?.rows).toEqual(rows);
          }
        } finally {
          holder.release();
        }
      }
    });
  });
}
