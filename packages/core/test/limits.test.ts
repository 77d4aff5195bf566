import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectCase } from "../src/adapter-kit.js";
import type { CaseEventJson } from "../src/index.js";
import {
  caseStatement,
  computeStatement,
  IncassoError,
  LIMITS,
  parseCaseEvents,
  parseCaseFile,
  parseIsoDate,
  parseScenario,
  proposePlan,
} from "../src/index.js";

const errorOf = (run: () => unknown): IncassoError => {
  try {
    run();
  } catch (error) {
    if (error instanceof IncassoError) return error;
    throw error;
  }
  throw new Error("expected an IncassoError");
};
const caseFile = (changes: object = {}) => ({
  asOf: "2026-06-30",
  terms: { interest: { rate: { fixed: "8" } } },
  claims: [{ id: "F1", principal: "1000.00", dueDate: "2026-01-31" }],
  ...changes,
});
const meta = { recordedAt: "2026-01-02T09:00:00Z", by: "clerk" };
const opened: CaseEventJson = {
  id: "e1",
  type: "case.opened",
  at: "2026-01-02",
  ...meta,
  caseNumber: "L-1",
  client: { id: "C1", name: "Client" },
  debtors: [{ id: "D1", kind: "legal-person", name: "Debtor", language: "nl", consumer: false }],
  owner: "o",
  lawyer: "l",
  rulePack: "be.b2b",
  terms: { interest: { rate: { fixed: "100" } } },
};

describe("the limits of every boundary", () => {
  it("refuse dates outside 1900-2199, amounts beyond numeric(14,2), rates above 100 % and margins beyond 100 points, naming the field", () => {
    const cases: [object, string, RegExp][] = [
      [caseFile({ asOf: "2200-01-01" }), "case.asOf", /from 1900-01-01 to 2199-12-31/],
      [
        caseFile({ claims: [{ id: "F1", principal: "1000000000000.00", dueDate: "2026-01-31" }] }),
        "case.claims.0.principal",
        /zero to 999999999999\.99/,
      ],
      [
        caseFile({ terms: { interest: { rate: { fixed: "1000000" } } } }),
        "case.terms.interest.rate.fixed",
        /0 to 100/,
      ],
      [
        caseFile({ terms: { interest: { rate: { fixed: "8" }, margin: "-101" } } }),
        "case.terms.interest.margin",
        /-100 to 100/,
      ],
      [
        caseFile({ claims: [{ id: "x".repeat(129), principal: "1.00", dueDate: "2026-01-31" }] }),
        "case.claims.0.id",
        /at most 128 characters/,
      ],
    ];
    for (const [input, path, message] of cases) {
      const error = errorOf(() => parseCaseFile(input));
      expect([error.code, error.issues[0]?.path]).toEqual(["INVALID_INPUT", path]);
      expect(error.issues[0]?.message).toMatch(message);
    }
  });

  it("refuse a margin that makes a rate negative, naming the margin", () => {
    const file = parseCaseFile(
      caseFile({ terms: { interest: { rate: { fixed: "2" }, margin: "-3" } } }),
    );
    const error = errorOf(() => computeStatement(file));
    expect([error.code, error.issues[0]?.path]).toEqual(["INVALID_INPUT", "interest.margin"]);
    expect(error.message).toMatch(/the fixed rate 2 % \+ margin -3 = -1 %/);
  });

  it("refuse an empty event list and more events, claims or payments than one case may have", () => {
    expect(errorOf(() => parseCaseEvents([])).issues[0]?.path).toBe("events");
    const payments = Array.from({ length: LIMITS.paymentsPerCase + 1 }, (_, index) => ({
      id: `p${index}`,
      type: "payment.received",
      at: "2026-02-01",
      ...meta,
      paymentId: `P${index}`,
      amount: "1.00",
    }));
    expect(errorOf(() => parseCaseEvents([opened, ...payments])).message).toMatch(
      /at most 2000 payments in one case/,
    );
    const many = Array.from({ length: LIMITS.eventsPerCase }, (_, index) => ({
      id: `n${index}`,
      type: "note.added",
      at: "2026-02-01",
      ...meta,
      text: "x",
    }));
    expect(errorOf(() => parseCaseEvents([opened, ...many])).message).toMatch(
      /at most 10000 events in one case/,
    );
  });

  it("refuse day counts, counts and versions beyond their bounds in scenarios and plans", () => {
    const scenario = {
      id: "s",
      version: 1,
      name: "S",
      calendar: "be",
      activities: [
        { code: "L", description: { nl: "B", fr: "L", en: "L" }, kind: "letter", channel: "post" },
      ],
      steps: [{ activity: "L", wait: { days: 1e9 } }],
    };
    expect(errorOf(() => parseScenario(scenario)).issues[0]?.path).toBe(
      "scenario.steps.0.wait.days",
    );
    const plan = {
      amount: "100.00",
      firstDueDate: "2026-07-01",
      schedule: { count: 2 },
      frequency: "monthly",
      default: { kind: "missed-instalments", count: 2, graceDays: 1e15 },
    };
    expect(errorOf(() => proposePlan(plan)).issues[0]?.path).toBe("plan.default.graceDays");
  });

  it("keep a case whose balance outgrows any amount, without the figure and saying why", () => {
    // 100 % a year, compounded yearly (nl.b2b), from 1900: valid input, cheap, absurd in size.
    const events: CaseEventJson[] = [
      {
        ...opened,
        at: "1900-01-01",
        rulePack: "nl.b2b",
        terms: { interest: { rate: { fixed: "100" } } },
      } as CaseEventJson,
      {
        id: "e2",
        type: "claim.added",
        at: "1900-01-01",
        ...meta,
        claim: {
          id: "F1",
          invoiceNumber: "1",
          invoiceDate: "1900-01-01",
          dueDate: "1900-01-01",
          amount: "1000.00",
        },
      },
    ];
    const asOf = parseIsoDate("2026-06-30");
    expect(caseStatement(events, asOf).statement.totals.balance.gt(LIMITS.amount.max)).toBe(true);
    const { row, prepared } = projectCase("C1", events, asOf, { terms: null, scenarios: [] });
    expect(prepared).toBeNull();
    expect(row.balance).toBeNull();
    expect(row.problem?.code).toBe("AMOUNT_OUT_OF_RANGE");
  });

  it("are all listed in docs/limits.md", () => {
    const page = readFileSync(
      join(import.meta.dirname, "..", "..", "..", "docs", "limits.md"),
      "utf8",
    );
    for (const key of Object.keys(LIMITS)) expect(page).toContain(`\`${key}\``);
  });
});
