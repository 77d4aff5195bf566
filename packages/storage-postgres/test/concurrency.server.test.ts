import type { CaseStore } from "@incasso/core";
import { StoreConflictError } from "@incasso/core";
import { noteAdded, paymentReceived, sampleCase } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlClient } from "../src/index.js";
import { createPostgresStore, fromPg, migrate } from "../src/index.js";
import type { TestDatabase } from "./support/server.js";
import { createTestDatabase } from "./support/server.js";
import { onServer } from "./support/server-suite.js";

const AS_OF = "2026-01-31";

/**
 * A client whose first transaction to run a statement matching `pattern` stops right after it,
 * inside the transaction (holding its locks), until `release()`; with `when: "before"`, right
 * before it.
 */
function pausing(client: SqlClient, pattern: RegExp, when: "before" | "after" = "after") {
  let armed = true;
  let reached: () => void = () => {};
  let release: () => void = () => {};
  const paused = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const wrapped: SqlClient = {
    query: (text, params) => client.query(text, params),
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          query: async <Row>(text: string, params?: unknown[]) => {
            const pause = async () => {
              armed = false;
              reached();
              await released;
            };
            if (when === "before" && armed && pattern.test(text)) await pause();
            const result = await tx.query<Row>(text, params);
            if (when === "after" && armed && pattern.test(text)) await pause();
            return result;
          },
        }),
      ),
  };
  return { client: wrapped, paused, release };
}

describe.skipIf(!onServer("the concurrency tests"))(
  "concurrent writers on the PostgreSQL server, on two pool connections",
  () => {
    let db: TestDatabase;
    let store: CaseStore;
    let tenant = 0;
    const scope = () => ({ tenantId: `firm-${tenant}` });
    beforeAll(async () => {
      db = await createTestDatabase();
      await migrate(db.pool);
      store = createPostgresStore({ client: db.pool });
    });
    afterAll(async () => {
      await db?.dispose();
    });

    /** Resolves once some connection of the test database waits for a lock. */
    const someoneWaits = async () => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await db.pool.query(
          `SELECT 1 FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("no connection ever waited for a lock");
    };

    const fresh = async () => {
      tenant++;
      await store.putClient(scope(), { id: "acme", name: "Acme NV" });
    };

    it("answers a submission whose twin under the same key committed while it read the case a replay, not a conflict", async () => {
      await fresh();
      await store.append(scope(), {
        caseId: "C1",
        expectedVersion: 0,
        events: sampleCase(2),
        asOf: AS_OF,
      });
      const version = (await store.readEvents(scope(), "C1")).length;
      const request = {
        caseId: "C1",
        expectedVersion: version,
        events: [paymentReceived("P7", "99.00", "2025-12-01")],
        idempotencyKey: "double-click",
        asOf: AS_OF,
      };
      // The second submission stops just before it reads the case's events; the first runs to
      // its commit meanwhile, so the second reads the case with the first's events in it.
      const paused = pausing(fromPg(db.pool), /jsonb_agg\(body ORDER BY version\)/, "before");
      const twin = createPostgresStore({ client: paused.client });
      const second = twin.append(scope(), request);
      await paused.paused;
      const first = await store.append(scope(), request);
      paused.release();
      const answer = await second;
      expect(first).toMatchObject({ version: version + 1, replayed: false });
      expect(answer).toMatchObject({ version: version + 1, replayed: true });
      expect(await store.readEvents(scope(), "C1")).toHaveLength(version + 1);
    });

    it("makes the second writer at one version wait for the first, then answers it a conflict", async () => {
      await fresh();
      await store.append(scope(), {
        caseId: "C1",
        expectedVersion: 0,
        events: sampleCase(2),
        asOf: AS_OF,
      });
      const version = (await store.readEvents(scope(), "C1")).length;
      const first = pausing(fromPg(db.pool), /INSERT INTO events/);
      const request = (id: string) => ({
        caseId: "C1",
        expectedVersion: version,
        events: [paymentReceived(id, "10.00", "2025-12-01")],
        asOf: AS_OF,
      });
      const winner = createPostgresStore({ client: first.client }).append(scope(), request("PA"));
      await first.paused;
      const loser = store.append(scope(), request("PB")).catch((e: unknown) => e);
      await someoneWaits(); // on the case row the first writer locked
      first.release();
      expect(await winner).toMatchObject({ version: version + 1, replayed: false });
      const error = await loser;
      expect(error).toBeInstanceOf(StoreConflictError);
      expect(error).toMatchObject({ expectedVersion: version, actualVersion: version + 1 });
      const events = await store.readEvents(scope(), "C1");
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)?.event).toMatchObject({ paymentId: "PA" });
      expect((await store.getCase(scope(), "C1"))?.version).toBe(version + 1);
    });

    it("lets only the first of two creators of one case store it; the other gets a conflict", async () => {
      await fresh();
      const first = pausing(fromPg(db.pool), /INSERT INTO events/);
      const open = (s: CaseStore, seed: number) =>
        s.append(scope(), {
          caseId: "NEW",
          expectedVersion: 0,
          events: sampleCase(seed),
          asOf: AS_OF,
        });
      const winner = open(createPostgresStore({ client: first.client }), 4);
      await first.paused;
      // The loser may fail before the winner is awaited: handle its rejection from the start.
      const loser = open(store, 5).catch((e: unknown) => e);
      await someoneWaits(); // on the case row the first creator inserted
      first.release();
      const won = await winner;
      const error = await loser;
      expect(error).toBeInstanceOf(StoreConflictError);
      expect(error).toMatchObject({ expectedVersion: 0, actualVersion: won.version });
      expect(await store.readEvents(scope(), "NEW")).toHaveLength(sampleCase(4).length);
    });

    it("answers a conflict, not a lost update, even when the case row is missing (before a rebuild)", async () => {
      await fresh();
      await store.append(scope(), {
        caseId: "C1",
        expectedVersion: 0,
        events: sampleCase(1),
        asOf: AS_OF,
      });
      const version = (await store.readEvents(scope(), "C1")).length;
      await db.pool.query("DELETE FROM cases WHERE tenant_id = $1 AND case_id = 'C1'", [
        scope().tenantId,
      ]);
      const first = pausing(fromPg(db.pool), /INSERT INTO events/);
      const request = (id: string) => ({
        caseId: "C1",
        expectedVersion: version,
        events: [noteAdded(id, "2025-12-01")],
        asOf: AS_OF,
      });
      const winner = createPostgresStore({ client: first.client }).append(scope(), request("n-a"));
      await first.paused;
      const loser = store.append(scope(), request("n-b")).catch((e: unknown) => e);
      await someoneWaits();
      first.release();
      await winner;
      const error = await loser;
      expect(error).toBeInstanceOf(StoreConflictError); // from the events' primary key
      expect(error).toMatchObject({ expectedVersion: version, actualVersion: version + 1 });
      expect(await store.readEvents(scope(), "C1")).toHaveLength(version + 1);
    });

    it("answers appendMany's request a conflict when another creator of its new case commits while it writes, and stores the others", async () => {
      await fresh();
      const creator = pausing(fromPg(db.pool), /INSERT INTO events/);
      const open = (caseId: string, seed: number) => ({
        caseId,
        expectedVersion: 0,
        events: sampleCase(seed),
        asOf: AS_OF,
      });
      const winner = createPostgresStore({ client: creator.client }).append(
        scope(),
        open("NEW", 4),
      );
      await creator.paused; // its row of NEW inserted, uncommitted
      const many = store.appendMany(scope(), [open("NEW", 5), open("OTHER", 6)]);
      await someoneWaits(); // appendMany's insert of NEW's row waits on the creator's
      creator.release();
      const won = await winner;
      const [lost, other] = await many;
      expect(lost?.ok === false && lost.error).toBeInstanceOf(StoreConflictError);
      expect(lost?.ok === false && lost.error).toMatchObject({ actualVersion: won.version });
      expect(other).toEqual({
        ok: true,
        result: {
          caseId: "OTHER",
          previousVersion: 0,
          version: sampleCase(6).length,
          replayed: false,
        },
      });
      expect(await store.readEvents(scope(), "NEW")).toHaveLength(sampleCase(4).length);
      expect((await store.getCase(scope(), "OTHER"))?.version).toBe(sampleCase(6).length);
    });

    it("answers appendMany's request a conflict when its case moves on between its reads and its writes", async () => {
      await fresh();
      await store.append(scope(), {
        caseId: "C1",
        expectedVersion: 0,
        events: sampleCase(2),
        asOf: AS_OF,
      });
      const version = (await store.readEvents(scope(), "C1")).length;
      const add = (id: string) => ({
        caseId: "C1",
        expectedVersion: version,
        events: [paymentReceived(id, "10.00", "2025-12-01")],
        asOf: AS_OF,
      });
      // appendMany stops before it locks the cases, after it read and planned them.
      const paused = pausing(fromPg(db.pool), /FOR UPDATE OF c/, "before");
      const many = createPostgresStore({ client: paused.client }).appendMany(scope(), [
        add("PB"),
        { caseId: "C9", expectedVersion: 0, events: sampleCase(3), asOf: AS_OF },
      ]);
      await paused.paused;
      await store.append(scope(), add("PA"));
      paused.release();
      const [stale, opened] = await many;
      expect(stale?.ok === false && stale.error).toMatchObject({
        code: "VERSION_CONFLICT",
        expectedVersion: version,
        actualVersion: version + 1,
      });
      expect(opened?.ok).toBe(true);
      const events = await store.readEvents(scope(), "C1");
      expect(events.map((e) => e.event)).toContainEqual(
        expect.objectContaining({ paymentId: "PA" }),
      );
      expect(events.map((e) => e.event)).not.toContainEqual(
        expect.objectContaining({ paymentId: "PB" }),
      );
      expect((await store.getCase(scope(), "C9"))?.version).toBe(sampleCase(3).length);
    });

    it("creates each case once when two appendMany calls open the same cases in opposite orders", async () => {
      await fresh();
      const ids = Array.from({ length: 60 }, (_, i) => `S${String(i).padStart(2, "0")}`);
      const open = (caseId: string, seed: number) => ({
        caseId,
        expectedVersion: 0,
        events: sampleCase(seed),
        asOf: AS_OF,
      });
      const [forward, backward] = await Promise.all([
        store.appendMany(
          scope(),
          ids.map((id) => open(id, 1)),
        ),
        store.appendMany(
          scope(),
          [...ids].reverse().map((id) => open(id, 2)),
        ),
      ]);
      for (const [i, caseId] of ids.entries()) {
        const a = forward[i];
        const b = backward[ids.length - 1 - i];
        expect({ caseId, created: (a?.ok ? 1 : 0) + (b?.ok ? 1 : 0) }).toEqual({
          caseId,
          created: 1,
        });
        const lost = a?.ok ? b : a;
        expect(lost?.ok === false && lost.error).toBeInstanceOf(StoreConflictError);
        const events = await store.readEvents(scope(), caseId);
        expect(events[0]?.event).toMatchObject({ caseNumber: a?.ok ? "2025/00001" : "2025/00002" });
        expect((await store.getCase(scope(), caseId))?.version).toBe(events.length);
      }
    });

    it("never blocks a claimer on messages another claimer holds, and never hands out one twice", async () => {
      await fresh();
      await store.append(scope(), {
        caseId: "C1",
        expectedVersion: 0,
        events: sampleCase(3),
        outbox: Array.from({ length: 12 }, (_, i) => ({
          key: `M${String(i).padStart(2, "0")}`,
          kind: "send-email",
          payload: { n: i },
        })),
        asOf: AS_OF,
      });
      const now = "2026-01-31T09:00:00Z";
      const first = pausing(fromPg(db.pool), /UPDATE outbox/);
      const held = createPostgresStore({ client: first.client }).claimOutbox(scope(), {
        worker: "w1",
        limit: 5,
        now,
      });
      await first.paused; // w1 holds M00..M04, uncommitted
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the second claimer waited for the first")), 5_000),
      );
      const second = await Promise.race([
        store.claimOutbox(scope(), { worker: "w2", limit: 100, now }),
        timeout,
      ]);
      first.release();
      const firstClaim = await held;
      expect(firstClaim.map((m) => m.id)).toEqual(["M00", "M01", "M02", "M03", "M04"]);
      expect(second.map((m) => m.id)).toEqual(["M05", "M06", "M07", "M08", "M09", "M10", "M11"]);
      const listed = await store.listOutbox(scope());
      expect(listed.map((m) => m.claimedBy)).toEqual([
        ...Array(5).fill("w1"),
        ...Array(7).fill("w2"),
      ]);
    });
  },
);
