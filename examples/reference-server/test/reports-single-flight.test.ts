// The aging report reads every open case of its scope. These tests check how a server shares that
// work: requests for the same report at the same moment get one computation, different reports
// are computed one after the other, and a report asked after another was answered is computed
// anew (nothing is kept).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseStore, StoreScope } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { paymentReceived, sampleCase } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerServices } from "../src/context.js";
import { agingReport } from "../src/work/reports-work.js";

const scope: StoreScope = { tenantId: "firm" };
const asOf = Temporal.PlainDate.from("2026-01-31");
const request = { groupBy: "client", by: "due-date", asOf } as const;

let dataDir: string;
let store: CaseStore;
let shardReads = 0;
let services: ServerServices;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "incasso-reports-"));
  store = createMemoryStore();
  await store.putClient(scope, { id: "acme", name: "Acme NV" });
  for (let seed = 1; seed <= 12; seed++) {
    await store.append(scope, {
      caseId: `c-${String(seed).padStart(3, "0")}`,
      expectedVersion: 0,
      events: sampleCase(seed),
      asOf: "2025-12-01",
    });
  }
  // Only the store and the data directory (for the rates file) are read by the report.
  const counted: CaseStore = Object.create(store);
  counted.readShard = (...args) => {
    shardReads++;
    return store.readShard(...args);
  };
  services = { store: counted, dataDir } as unknown as ServerServices;
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("the aging report on a busy server", () => {
  it("answers requests for the same report at the same moment with one computation", async () => {
    shardReads = 0;
    const reports = await Promise.all([
      agingReport(services, scope, request),
      agingReport(services, scope, request),
      agingReport(services, scope, request),
    ]);
    expect(shardReads).toBe(1);
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
    expect(reports[0]?.cases).toBe(12);
  });

  it("computes different reports one after the other, each with its own figures", async () => {
    shardReads = 0;
    const order: string[] = [];
    const [byClient, byOwner] = await Promise.all([
      agingReport(services, scope, request).then((report) => {
        order.push("client");
        return report;
      }),
      agingReport(services, scope, { ...request, groupBy: "owner" }).then((report) => {
        order.push("owner");
        return report;
      }),
    ]);
    expect(order).toEqual(["client", "owner"]);
    expect(shardReads).toBe(2);
    expect(byOwner.groupBy).toBe("owner");
    expect(byOwner.totals.total.toFixed(2)).toBe(byClient.totals.total.toFixed(2));
  });

  it("computes a report asked after the last one was answered anew, with a payment made since", async () => {
    const before = await agingReport(services, scope, request);
    await store.append(scope, {
      caseId: "c-001",
      expectedVersion: (await store.readEvents(scope, "c-001")).length,
      events: [paymentReceived("P-late", "25.00", "2026-01-15")],
      asOf: "2026-01-15",
    });
    const after = await agingReport(services, scope, request);
    expect(after).not.toBe(before);
    expect(before.totals.total.minus(after.totals.total).toFixed(2)).toBe("25.00");
  });

  it("still answers the next report when the one before it failed", async () => {
    const failing: CaseStore = Object.create(store);
    failing.listCases = () => Promise.reject(new Error("store down"));
    const down = { store: failing, dataDir } as unknown as ServerServices;
    const broken = agingReport(down, scope, request);
    await expect(broken).rejects.toThrow("store down");
    const next = await agingReport(down, scope, { ...request, groupBy: "owner" }).catch(
      (error: Error) => error.message,
    );
    expect(next).toBe("store down");
    await expect(agingReport(services, scope, request)).resolves.toMatchObject({ cases: 12 });
  });
});
