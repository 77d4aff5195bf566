import { STORE_CAPABILITIES } from "@incasso/core";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../src/index.js";

// The conformance suites of every port run against this store in @incasso/testkit's own tests
// (it is their model); these tests pin what is particular to the reference store.
const scope = { tenantId: "firm-1" };

describe("the in-memory store", () => {
  it("declares every storage port", () => {
    expect([...createMemoryStore().capabilities]).toEqual([...STORE_CAPABILITIES]);
  });

  it("answers copies: changing an answer changes nothing stored", async () => {
    const store = createMemoryStore();
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    const client = await store.getClient(scope, "acme");
    if (client === null) throw new Error("expected the client");
    (client as { name: string }).name = "Changed";
    expect((await store.getClient(scope, "acme"))?.name).toBe("Acme NV");
  });

  it("forgets everything on clear", async () => {
    const store = createMemoryStore();
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    store.clear();
    expect(await store.listClients(scope)).toEqual([]);
  });
});
