import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { CaseStore } from "@incasso/core";
import { sampleCase } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, fromPg, migrate } from "../../src/index.js";
import type { TestDatabase } from "../support/server.js";
import { createTestDatabase, serverUrl } from "../support/server.js";

const WRITER = join(import.meta.dirname, "writer.mjs");

/** A writer process and the lines it printed so far, with a wait for a line that matches. */
function startWriter(config: Record<string, unknown>) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [WRITER, JSON.stringify(config)],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const waiter of [...waiters])
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no line ${pattern} from the writer; it said: ${lines.join(" | ")} ${stderr}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}

const skip = serverUrl() === undefined;
if (skip) {
  console.warn(
    "\n*** storage-postgres fault tests SKIPPED: DATABASE_URL is not set, so there is no PostgreSQL server for writer processes to share. .ci/run sets it. ***\n",
  );
}

describe.skipIf(skip)(
  "faults on the PostgreSQL server: killed and concurrent writer processes",
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

    /** A tenant with its client and one open case C1, for writers to append to. */
    const openCase = async (tenantId: string) => {
      const scope = { tenantId };
      await store.putClient(scope, { id: "acme", name: "Acme NV" });
      const opening = sampleCase(2);
      await store.append(scope, {
        caseId: "C1",
        expectedVersion: 0,
        events: opening,
        asOf: "2026-01-31",
      });
      return { scope, opening };
    };

    it("shows nothing of a writer killed inside a transaction, and a rerun completes the batch once", async () => {
      const scope = { tenantId: "killed-writer" };
      await store.putClient(scope, { id: "acme", name: "Acme NV" });
      const writer = startWriter({
        url: db.url,
        tenantId: scope.tenantId,
        mode: "batch",
        pauseAt: 5,
      });
      await writer.waitFor(/^PAUSED C005$/);

      // While the writer sits inside its transaction, with C005's events inserted:
      expect(await store.getCase(scope, "C005")).toBeNull();
      expect(await store.readEvents(scope, "C005")).toEqual([]);
      expect((await store.listCases(scope)).items.map((row) => row.caseId)).toEqual([
        "C000",
        "C001",
        "C002",
        "C003",
        "C004",
      ]);

      writer.child.kill("SIGKILL");
      expect(await writer.exited).toBeNull();

      expect(await store.readEvents(scope, "C005")).toEqual([]);
      expect(await store.getCase(scope, "C005")).toBeNull();
      expect((await store.listOutbox(scope)).map((message) => message.caseId)).toEqual([
        "C000",
        "C001",
        "C002",
        "C003",
        "C004",
      ]);
      // The server ends the killed writer's session (and rolls its transaction back) once the
      // kernel has closed its socket: no session is left inside a transaction.
      let open = -1;
      for (let tries = 0; tries < 200 && open !== 0; tries++) {
        const { rows } = await db.pool.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
        );
        open = rows[0].n;
        if (open !== 0) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(open).toBe(0);

      const rerun = startWriter({ url: db.url, tenantId: scope.tenantId, mode: "batch" });
      await rerun.waitFor(/^DONE /);
      expect(await rerun.exited).toBe(0);
      expect(rerun.lines.at(-1)).toBe("DONE replayed=5");
      for (let i = 0; i < 10; i++) {
        const caseId = `C${String(i).padStart(3, "0")}`;
        const events = await store.readEvents(scope, caseId);
        expect(events.map((stored) => stored.version)).toEqual(sampleCase(i).map((_, n) => n + 1));
        expect((await store.getCase(scope, caseId))?.version).toBe(events.length);
      }
      const outbox = await store.listOutbox(scope);
      expect(outbox.map((message) => message.id)).toEqual(
        Array.from({ length: 10 }, (_, i) => `welcome-C${String(i).padStart(3, "0")}`),
      );
    });

    it("lets one of two writer processes win the same version; the other gets the conflict and retries", async () => {
      const { scope, opening } = await openCase("two-writers");
      const v = opening.length;

      const a = startWriter({
        url: db.url,
        tenantId: scope.tenantId,
        mode: "append",
        caseId: "C1",
        payments: ["A1"],
        hold: true,
      });
      await a.waitFor(/^HOLDING$/);
      const b = startWriter({
        url: db.url,
        tenantId: scope.tenantId,
        mode: "append",
        caseId: "C1",
        payments: ["B1"],
      });
      await b.waitFor(new RegExp(`^APPENDING B1 at ${v}$`));
      // B reads version v too (A has not committed) and now waits for A's lock on the case.
      for (let tries = 0; ; tries++) {
        const { rows } = await db.pool.query(
          "SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid WHERE NOT l.granted AND s.datname = current_database()",
        );
        if (rows[0].n > 0) break;
        if (tries > 200) throw new Error("writer B never waited for writer A's lock");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      a.child.stdin.write("go\n");
      await a.waitFor(/^DONE /);
      await b.waitFor(/^DONE /);
      expect(a.lines).toContain("DONE conflicts=0");
      expect(b.lines).toContain(`CONFLICT B1 expected ${v} actual ${v + 2}`);
      expect(b.lines).toContain(`APPENDING B1 at ${v + 2}`);
      expect(b.lines.at(-1)).toBe("DONE conflicts=1");
      expect([await a.exited, await b.exited]).toEqual([0, 0]);

      const events = await store.readEvents(scope, "C1");
      expect(events.map((stored) => stored.version)).toEqual(
        Array.from({ length: v + 4 }, (_, i) => i + 1),
      );
      expect(events.slice(v).map((stored) => stored.event.id)).toEqual([
        "payment-A1",
        "note-A1",
        "payment-B1",
        "note-B1",
      ]);
    });

    it("stores every append of two busy writer processes on one case exactly once, in contiguous versions", async () => {
      const { scope, opening } = await openCase("busy-writers");
      const payments = (prefix: string) => Array.from({ length: 15 }, (_, i) => `${prefix}${i}`);
      const a = startWriter({
        url: db.url,
        tenantId: scope.tenantId,
        mode: "append",
        caseId: "C1",
        payments: payments("A"),
      });
      const b = startWriter({
        url: db.url,
        tenantId: scope.tenantId,
        mode: "append",
        caseId: "C1",
        payments: payments("B"),
      });
      await Promise.all([a.waitFor(/^DONE /, 60_000), b.waitFor(/^DONE /, 60_000)]);
      expect([await a.exited, await b.exited]).toEqual([0, 0]);
      const events = await store.readEvents(scope, "C1");
      expect(events.map((stored) => stored.version)).toEqual(
        Array.from({ length: opening.length + 60 }, (_, i) => i + 1),
      );
      const paid = events.flatMap((stored) =>
        stored.event.type === "payment.received" ? [stored.event.paymentId] : [],
      );
      expect(paid.filter((id) => id !== "P1").sort()).toEqual(
        [...payments("A"), ...payments("B")].sort(),
      );
      // Each payment's note follows it directly: no append was interleaved with another.
      events.slice(opening.length).forEach((stored, index, list) => {
        if (stored.event.type === "payment.received")
          expect(list[index + 1]?.event.id).toBe(`note-${stored.event.paymentId}`);
      });
    });
  },
);
