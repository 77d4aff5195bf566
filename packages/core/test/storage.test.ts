import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as adapterKit from "../src/adapter-kit.js";
import { parseIsoDate } from "../src/dates/parse-iso-date.js";
import { STORE_CAPABILITIES, storeSupports } from "../src/ports/store-capability.js";
import { agendaEntryId } from "../src/storage/compute-daily-run-page.js";
import {
  decodeAgendaCursor,
  decodeCaseCursor,
  decodeCursor,
  encodeCursor,
} from "../src/storage/cursor.js";
import { canonicalJson, parseAppendRequest, prepareAppend } from "../src/storage/prepare-append.js";
import { agingBucketOf, projectCase } from "../src/storage/project-case.js";
import { StoreConflictError } from "../src/storage/store-conflict-error.js";

const example = (name: string) =>
  (
    JSON.parse(
      readFileSync(join(import.meta.dirname, "../../../examples/cases", name), "utf8"),
    ) as { events: { id: string; type: string }[] }
  ).events;

const noContext = { terms: null, scenarios: [] };

describe("the case row a store keeps", () => {
  it("pins the Belgian consumer example: balance, bucket, next action, last contact", () => {
    const { row } = projectCase(
      "C1",
      example("be-consumer.json"),
      parseIsoDate("2026-01-31"),
      noContext,
    );
    expect(row).toMatchObject({
      caseId: "C1",
      clientId: "C7",
      caseNumber: "2025/00042",
      status: "open",
      balance: "381.13",
      daysPastDue: 123,
      agingBucket: "91-180",
      nextActionDate: "2026-01-15",
      lastContact: "2025-12-05",
      debtorIds: ["D1"],
      problem: null,
    });
  });

  it("keeps a row without a balance, and says why, when a rate table does not reach the date", () => {
    const { row, prepared } = projectCase(
      "N1",
      example("nl-consumer.json"),
      parseIsoDate("2027-01-15"),
      noContext,
    );
    expect(prepared).toBeNull();
    expect(row.balance).toBeNull();
    expect(row.problem?.code).toBe("RATE_NOT_COVERED");
    expect(row.clientId).toBe("C9");
  });

  it("uses the client's own aging buckets, with an open lower end", () => {
    const terms = {
      agingBuckets: [
        { label: "young", from: null, to: 60 },
        { label: "old", from: 61, to: null },
      ],
    };
    expect([agingBucketOf(-5, terms), agingBucketOf(60, terms), agingBucketOf(61, terms)]).toEqual([
      "young",
      "young",
      "old",
    ]);
    expect(agingBucketOf(0, null)).toBe("current");
  });
});

describe("preparing an append", () => {
  const events = example("be-consumer.json");
  const request = (input: Record<string, unknown>) =>
    parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31", ...input });

  it("refuses a stale version with the versions in a typed error", () => {
    const planned = prepareAppend([], request({}), noContext);
    const stored = planned.events.map((e) => e.event);
    expect(() => prepareAppend(stored, request({ expectedVersion: 3 }), noContext)).toThrow(
      StoreConflictError,
    );
    try {
      prepareAppend(stored, request({ expectedVersion: 3 }), noContext);
    } catch (error) {
      expect(error).toMatchObject({ expectedVersion: 3, actualVersion: events.length });
    }
  });

  it("names the field of the request, not of the whole case, in a validation error", () => {
    const stored = prepareAppend([], request({}), noContext).events.map((e) => e.event);
    const note = (id: string) => ({
      id,
      type: "note.added",
      at: "2026-01-10",
      recordedAt: "2026-01-10T09:00:00Z",
      by: "clerk",
      text: "Called",
    });
    // The second new event reuses the id of the case's first event.
    expect(() =>
      prepareAppend(
        stored,
        request({ expectedVersion: stored.length, events: [note("n-new"), note("e1")] }),
        noContext,
      ),
    ).toThrow(/^append\.events\.1\.id: expected a unique event id/);
  });

  it("refuses two outbox messages under one key in one request", () => {
    const message = { key: "m1", kind: "send-email", payload: {} };
    expect(() => prepareAppend([], request({ outbox: [message, message] }), noContext)).toThrow(
      "append.outbox.1.key",
    );
  });
});

describe("cursors, ids and fingerprints", () => {
  it("reads back the cursor it wrote, and refuses anything else naming query.after", () => {
    expect(decodeCursor(encodeCursor([null, "C7"]), 2)).toEqual([null, "C7"]);
    for (const bad of ["x", "[1]", '["a"]', '["a", null]'])
      expect(() => decodeCursor(bad, 2)).toThrow("query.after");
  });

  it("reads a list cursor only when its value fits the sort order", () => {
    expect(decodeCaseCursor("balance", '["-12.50","C1"]')).toEqual({
      value: "-12.50",
      caseId: "C1",
    });
    expect(decodeCaseCursor("next-action", '[null,"C1"]')).toEqual({ value: null, caseId: "C1" });
    expect(decodeCaseCursor("case-id", '["C1"]')).toEqual({ value: null, caseId: "C1" });
    for (const [sort, bad] of [
      ["balance", '["lots","C1"]'],
      ["balance", '["12.5","C1"]'],
      ["next-action", '["2025-1-8","C1"]'],
      ["last-contact", '["2025-02-30","C1"]'],
      ["next-action", '["0000-01-01","C1"]'],
      ["case-id", '["C 1"]'],
    ] as const)
      expect(() => decodeCaseCursor(sort, bad)).toThrow("query.after");
    expect(decodeAgendaCursor('["2026-01-31","2026-01-31/C1/step-1"]')).toEqual({
      dueDate: "2026-01-31",
      entryId: "2026-01-31/C1/step-1",
    });
    expect(() => decodeAgendaCursor('["2026-13-01","x"]')).toThrow("query.after");
  });

  it("gives an agenda entry the same id on the same run date", () => {
    expect(agendaEntryId("2026-01-31", "C1", { step: 2, actionId: null })).toBe(
      "2026-01-31/C1/step-2",
    );
    expect(agendaEntryId("2026-01-31", "C1", { step: null, actionId: "A9" })).toBe(
      "2026-01-31/C1/action-A9",
    );
  });

  it("writes equal data as equal text whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });
});

describe("the ports and the adapter kit", () => {
  it("keeps the former names of the adapter kit as the same functions", () => {
    expect(adapterKit.planAppend).toBe(adapterKit.prepareAppend);
    expect(adapterKit.planDisposal).toBe(adapterKit.prepareDisposal);
  });

  it("says a store without capabilities implements every port, and a partial one only its own", () => {
    const complete = {};
    const partial = { capabilities: new Set(["relations", "events", "case-lists"] as const) };
    for (const capability of STORE_CAPABILITIES) {
      expect(storeSupports(complete, capability)).toBe(true);
      expect(storeSupports(partial, capability)).toBe(
        partial.capabilities.has(capability as never),
      );
    }
    expect(STORE_CAPABILITIES).toEqual([
      "events",
      "case-lists",
      "relations",
      "agenda",
      "outbox",
      "import-batches",
    ]);
  });
});
