import { createMemoryStore } from "@incasso/memory";
import { describe, expect, it } from "vitest";
import { exportToBailiff } from "../src/index.js";
import { exportInput, sampleEvents, seedCase } from "./support/sample.js";

describe("a suspended case and the bailiff", () => {
  it("is refused with the reason while its collection is suspended, and handed over once it resumes", async () => {
    const store = createMemoryStore();
    const scope = { tenantId: "firm" };
    const letters = new Map<string, Uint8Array>();
    await seedCase(store, scope, "C42", sampleEvents(), letters);
    const append = async (event: Record<string, unknown>) =>
      store.append(scope, {
        caseId: "C42",
        expectedVersion: (await store.readEvents(scope, "C42")).length,
        events: [{ recordedAt: `${String(event.at)}T09:00:00Z`, by: "clerk", ...event } as never],
        asOf: String(event.at),
      });
    await append({
      id: "sus",
      type: "case.suspended",
      at: "2026-10-01",
      reason: "client negotiates a settlement",
    });
    const refused = await exportToBailiff(exportInput(store, scope, letters));
    expect(refused.package).toBeNull();
    expect(refused.refused).toMatchObject([
      {
        caseNumber: "2026/00042",
        code: "suspended",
        reason: "collection of the case is suspended: resume it first",
      },
    ]);
    await append({ id: "res", type: "case.resumed", at: "2026-10-15", reason: "talks failed" });
    const handed = await exportToBailiff(exportInput(store, scope, letters));
    expect(handed.refused).toEqual([]);
    expect(handed.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00042"]);
  });
});
