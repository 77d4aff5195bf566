import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { CaseStore } from "@incasso/core";
import { reminderScenario, sampleCase } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, fromPg, migrate } from "../../src/index.js";
import type { ChildScript } from "../support/child.js";
import { startScript } from "../support/child.js";
import type { TestDatabase } from "../support/server.js";
import { createTestDatabase } from "../support/server.js";
import { onServer } from "../support/server-suite.js";

const VICTIM = join(import.meta.dirname, "victim.mjs");

type Mode = "append" | "daily" | "claim" | "rebuild";
type Fault = "terminate" | "timeout";

describe.skipIf(!onServer("the lost-connection fault tests"))(
  "a session the server ends inside a store transaction (host processes on PostgreSQL 15)",
  () => {
    let db: TestDatabase;
    let store: CaseStore;
    beforeAll(async () => {
      db = await createTestDatabase();
      await migrate(fromPg(db.pool));
      store = createPostgresStore({ client: fromPg(db.pool) });
    });
    afterAll(async () => {
      await db?.dispose();
    });

    const rows = async <Row>(sql: string, params: unknown[]): Promise<Row[]> =>
      (await db.pool.query(sql, params)).rows as Row[];

    /** The victim's backends still inside a transaction. */
    const inTransaction = async (applicationName: string) =>
      rows<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
         AND application_name = $1 AND state LIKE 'idle in transaction%'`,
        [applicationName],
      );

    /**
     * Starts the victim, waits until it holds its transaction, ends its session (terminated from
     * here, or by the server's idle-in-transaction timeout), and waits until the server has
     * ended it: no sleeps, only the server's own state.
     */
    const strike = async (
      mode: Mode,
      fault: Fault,
      tenantId: string,
      extra: Record<string, unknown> = {},
    ): Promise<ChildScript> => {
      const applicationName = `incasso-victim-${randomBytes(4).toString("hex")}`;
      const victim = startScript(VICTIM, {
        url: db.url,
        tenantId,
        mode,
        fault,
        applicationName,
        ...extra,
      });
      await victim.waitFor(/^HOLDING$/);
      const held = await inTransaction(applicationName);
      if (fault === "terminate") {
        expect(held).toHaveLength(1);
        await db.pool.query("SELECT pg_terminate_backend($1)", [held[0]?.pid]);
      }
      for (let tries = 0; (await inTransaction(applicationName)).length > 0; tries++) {
        if (tries > 400) throw new Error(`the server never ended ${applicationName}'s session`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      victim.send("go");
      return victim;
    };

    /** The victim's call was refused with the typed, retryable error, and the process lives. */
    const expectRefused = async (victim: ChildScript, operation: string) => {
      const line = await victim.waitFor(/^(REJECTED|RESOLVED|UNCAUGHT)/);
      expect(line).toBe(`REJECTED STORE_UNAVAILABLE true ${operation} StoreUnavailableError`);
      expect(await victim.waitFor(/^MESSAGE /)).toMatch(
        new RegExp(`^MESSAGE ${operation}: the database connection was lost`),
      );
    };

    /** The retry succeeded, the process ended normally, and nothing reached Node's last resort. */
    const expectRetried = async (victim: ChildScript): Promise<unknown> => {
      victim.send("go");
      await victim.waitFor(/^(DONE|UNCAUGHT)/);
      expect(victim.lines.filter((line) => line.startsWith("UNCAUGHT"))).toEqual([]);
      expect(await victim.exited).toBe(0);
      expect(victim.stderr()).toBe("");
      const retried = victim.lines.find((line) => line.startsWith("RETRIED "));
      return JSON.parse(retried?.slice("RETRIED ".length) ?? "null");
    };

    const setUp = async (tenantId: string, cases: number, outbox = 0) => {
      const scope = { tenantId };
      await store.putClient(scope, { id: "acme", name: "Acme NV" });
      await store.putScenario(scope, "acme", reminderScenario());
      await store.putTerms(scope, "acme", { defaultScenario: "be-reminders" });
      for (let i = 0; i < cases; i++) {
        await store.append(scope, {
          caseId: i === 0 && cases === 1 ? "C1" : `C${String(i).padStart(3, "0")}`,
          expectedVersion: 0,
          events: sampleCase(i + 2),
          outbox: Array.from({ length: outbox }, (_, n) => ({
            key: `letter-${i}-${n}`,
            kind: "send-letter",
            payload: { n },
          })),
          asOf: "2026-01-31",
        });
      }
      return scope;
    };

    it.each<[Fault, boolean]>([
      ["terminate", false],
      ["timeout", true],
    ])("append: %s (pool listener: %s)", async (fault, poolListener) => {
      const tenantId = `append-${fault}`;
      const scope = await setUp(tenantId, 1);
      const v = sampleCase(2).length;
      const victim = await strike("append", fault, tenantId, {
        expectedVersion: v,
        poolListener,
      });
      await expectRefused(victim, "append");
      // Nothing of the append: no event, no row change, no key, no message.
      expect((await store.readEvents(scope, "C1")).length).toBe(v);
      expect((await store.getCase(scope, "C1"))?.version).toBe(v);
      expect(await rows("SELECT 1 FROM idempotency_keys WHERE tenant_id = $1", [tenantId])).toEqual(
        [],
      );
      expect(await store.listOutbox(scope)).toEqual([]);

      expect(await expectRetried(victim)).toEqual({
        caseId: "C1",
        previousVersion: v,
        version: v + 2,
        replayed: false,
      });
      const events = await store.readEvents(scope, "C1");
      expect(events.map((stored) => stored.version)).toEqual(
        Array.from({ length: v + 2 }, (_, i) => i + 1),
      );
      expect(events.slice(v).map((stored) => stored.event.id)).toEqual(["payment-V1", "note-V1"]);
      expect((await store.getCase(scope, "C1"))?.version).toBe(v + 2);
      expect((await store.listOutbox(scope)).map((message) => message.id)).toEqual(["receipt-V1"]);
    });

    it.each<Fault>(["terminate", "timeout"])("daily run: %s", async (fault) => {
      const tenantId = `daily-${fault}`;
      const scope = await setUp(tenantId, 10);
      // Stops in the second page's transaction, after its agenda entries were written.
      const victim = await strike("daily", fault, tenantId, { pauseAt: 2, poolListener: true });
      await expectRefused(victim, "saveDailyRun");
      const ran = await rows<{ case_id: string; ran: boolean }>(
        `SELECT case_id, agenda_run_date IS NOT NULL AS ran FROM cases
         WHERE tenant_id = $1 ORDER BY case_id`,
        [tenantId],
      );
      // The first page is stored whole, the second not at all.
      expect(ran.map((row) => row.ran)).toEqual([...Array(5).fill(true), ...Array(5).fill(false)]);
      const entries = await rows<{ case_id: string }>(
        "SELECT DISTINCT case_id FROM agenda_entries WHERE tenant_id = $1 ORDER BY case_id",
        [tenantId],
      );
      expect(entries.map((row) => row.case_id)).toEqual(["C000", "C001", "C002", "C003", "C004"]);

      const report = (await expectRetried(victim)) as { cases: number; entries: number };
      expect(report).toMatchObject({ pages: 2, cases: 10, skipped: 0 });
      const agenda = await store.listAgenda(scope, { runDate: "2026-02-15", limit: 500 });
      expect(agenda.items).toHaveLength(report.entries);
      expect(new Set(agenda.items.map((entry) => entry.caseId)).size).toBe(10);
    });

    it.each<Fault>(["terminate", "timeout"])("outbox claim: %s", async (fault) => {
      const tenantId = `claim-${fault}`;
      const scope = await setUp(tenantId, 1, 3);
      const victim = await strike("claim", fault, tenantId, { poolListener: fault === "timeout" });
      await expectRefused(victim, "claimOutbox");
      expect(
        (await store.listOutbox(scope)).map((m) => [m.status, m.attempts, m.claimedBy ?? null]),
      ).toEqual(Array(3).fill(["pending", 0, null]));

      const claimed = (await expectRetried(victim)) as { id: string; attempts: number }[];
      expect(claimed.map((message) => [message.id, message.attempts])).toEqual([
        ["letter-0-0", 1],
        ["letter-0-1", 1],
        ["letter-0-2", 1],
      ]);
      expect((await store.listOutbox(scope)).map((m) => m.status)).toEqual(
        Array(3).fill("claimed"),
      );
    });

    it.each<Fault>(["terminate", "timeout"])("projection rebuild: %s", async (fault) => {
      const tenantId = `rebuild-${fault}`;
      const scope = await setUp(tenantId, 10);
      const before = (await store.listCases(scope, { limit: 100 })).items;
      await rows("DELETE FROM cases WHERE tenant_id = $1", [tenantId]);
      // Stops in the second page's transaction, after its rows were written.
      const victim = await strike("rebuild", fault, tenantId, { pauseAt: 2, poolListener: true });
      await expectRefused(victim, "rebuildProjections");
      expect((await store.listCases(scope, { limit: 100 })).items).toEqual(before.slice(0, 5));

      expect(await expectRetried(victim)).toEqual({ cases: 10, pages: 2, deleted: 0 });
      expect((await store.listCases(scope, { limit: 100 })).items).toEqual(before);
    });
  },
);
