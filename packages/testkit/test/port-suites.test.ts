import { parseCaseEvents } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arbitraryCaseEvents,
  describeCaseEventStoreConformance,
  describeOutboxStoreConformance,
  describeRelationsStoreConformance,
} from "../src/index.js";

// The suites of single ports, run the way an adapter of some ports runs them: the reference store
// stands in for an adapter that declares fewer ports, so the capability skips, the skip map and
// the extra tests show in this project's report.

describeRelationsStoreConformance({
  name: "in-memory, as an adapter of the relations port alone",
  create: async () => createMemoryStore(),
  capabilities: ["relations"],
  extra: ({ store, scope, capabilities }) => {
    it("runs the adapter's own tests on the suite's store, in the test's own tenant", async () => {
      expect([...capabilities]).toEqual(["relations"]);
      expect((await store().listClients(scope())).map((client) => client.id)).toEqual(["acme"]);
    });
  },
});

describeCaseEventStoreConformance({
  name: "in-memory, as an adapter without the outbox port",
  create: async () => createMemoryStore(),
  capabilities: ["relations", "events", "case-lists"],
  skip: {
    "events.storable-text": {
      kind: "wontfix",
      reason: "shown skipped here: it runs in the full suite",
    },
  },
});

describeOutboxStoreConformance({
  name: "in-memory",
  create: async () => createMemoryStore(),
});

describe("the arbitraries", () => {
  it("give cases the core takes, opened first", () => {
    fc.assert(
      fc.property(arbitraryCaseEvents(), (events) => {
        expect(parseCaseEvents(events)[0]?.type).toBe("case.opened");
      }),
      { numRuns: 20, seed: 13 },
    );
  });
});
