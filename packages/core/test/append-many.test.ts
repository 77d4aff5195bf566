import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendInTurn,
  independentOfEarlier,
  isRequestError,
  parseAppendMany,
  parseAppendRequest,
} from "../src/adapter-kit.js";
import { IncassoError, StoreConflictError, StoreUnavailableError } from "../src/index.js";

const request = (caseId: string, key?: string, messages: string[] = []) =>
  parseAppendRequest({
    caseId,
    expectedVersion: 0,
    events: [{}],
    ...(key === undefined ? {} : { idempotencyKey: key }),
    outbox: messages.map((message) => ({ key: message, kind: "send-email", payload: {} })),
    asOf: "2026-01-31",
  });

describe("appendMany's helpers", () => {
  it("marks a request dependent when an earlier one names its case, its key or one of its outbox keys", () => {
    expect(
      independentOfEarlier([
        request("C1", "k1", ["m1"]),
        request("C2", "k2"),
        request("C1"),
        request("C3", "k1"),
        request("C4", undefined, ["m2", "m1"]),
        null,
        request("C5", "k5", ["m5"]),
      ]),
    ).toEqual([true, true, false, false, false, true, true]);
  });

  it("a request marked independent shares no case, key or outbox key with any earlier request", () => {
    const pick = fc.record({
      caseId: fc.constantFrom("A", "B", "C"),
      key: fc.option(fc.constantFrom("k1", "k2"), { nil: undefined }),
      messages: fc.subarray(["m1", "m2", "m3"]),
    });
    fc.assert(
      fc.property(fc.array(pick, { maxLength: 8 }), (picks) => {
        const requests = picks.map((p) => request(p.caseId, p.key, p.messages));
        const marks = independentOfEarlier(requests);
        for (const [i, r] of requests.entries()) {
          const earlier = requests.slice(0, i);
          const shares = earlier.some(
            (e) =>
              e.caseId === r.caseId ||
              (r.idempotencyKey !== undefined && e.idempotencyKey === r.idempotencyKey) ||
              e.outbox.some((m) => r.outbox.some((n) => n.key === m.key)),
          );
          expect(marks[i]).toBe(!shares);
        }
      }),
    );
  });

  it("refuses a list that is not an array or is longer than 1,000, naming appendMany", () => {
    expect(parseAppendMany([])).toEqual([]);
    for (const input of ["C1", null, Array.from({ length: 1001 }, () => ({}))]) {
      let caught: unknown;
      try {
        parseAppendMany(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(IncassoError);
      expect(caught).toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "appendMany" }] });
    }
  });

  it("answers a request's own errors in its outcome and lets the store's errors reject the call", async () => {
    expect(isRequestError(new StoreConflictError("C1", 1, 2))).toBe(true);
    expect(isRequestError(new IncassoError("FORBIDDEN", "read-only scope"))).toBe(false);
    expect(isRequestError(new StoreUnavailableError("append", new Error("gone")))).toBe(false);
    expect(isRequestError(new Error("bug"))).toBe(false);
    const seen: string[] = [];
    const outcomes = await appendInTurn(
      [
        { caseId: "C1", expectedVersion: 0, events: [], asOf: "2026-01-31" },
        { caseId: "C2", expectedVersion: 0, events: [], asOf: "2026-01-31" },
      ],
      async (r) => {
        seen.push(r.caseId);
        if (r.caseId === "C1") throw new StoreConflictError("C1", 0, 3);
        return { caseId: r.caseId, previousVersion: 0, version: 1, replayed: false };
      },
    );
    expect(seen).toEqual(["C1", "C2"]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: "VERSION_CONFLICT" } });
    expect(outcomes[1]).toEqual({
      ok: true,
      result: { caseId: "C2", previousVersion: 0, version: 1, replayed: false },
    });
    await expect(
      appendInTurn([{ caseId: "C1", expectedVersion: 0, events: [], asOf: "2026-01-31" }], () =>
        Promise.reject(new StoreUnavailableError("append", new Error("gone"))),
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
