import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  agendaEntries,
  appendRequestSchema,
  caseStatement,
  caseSummary,
  clientTermsSchema,
  computeStatement,
  IncassoError,
  parseCaseFile,
  parseInput,
  parseIsoDate,
  parseRatesFile,
  parseScenario,
  prepareCase,
  proposePlan,
  resolveRateTables,
  rulePackPolicySchema,
} from "../src/index.js";

// The law of every public boundary: an input either parses into a value that every later function
// accepts, or is refused with an IncassoError; a refusal for bad input (INVALID_INPUT) names the
// field. No input reaches a raw RangeError, DecimalError or TypeError. Seeded: a failure prints
// its seed and path, and `{ seed, path }` replays it.

const NASTY: unknown[] = [
  "",
  " ",
  "abc",
  "1,00",
  "1e9",
  "-1",
  "-0.01",
  "0",
  "0.001",
  "1000000",
  "999999999999.99",
  "1000000000000.00",
  "100.0000001",
  "101",
  "NaN",
  "Infinity",
  "0000-01-01",
  "1899-12-31",
  "2200-01-01",
  "9999-12-31",
  "10000-01-01",
  "2025-02-30",
  "2025-06-30T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "a\u0000b",
  "\uD800",
  "x\uDC00y",
  "__proto__",
  "x".repeat(20_000),
  0,
  -1,
  1.5,
  1e9,
  1e15,
  -1e15,
  Number.MAX_SAFE_INTEGER,
  true,
  null,
  [],
  {},
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

/** A value nested `depth` levels deep, built without recursion. */
const deep = (depth: number): unknown => {
  let value: unknown = "leaf";
  for (let index = 0; index < depth; index++) value = { next: value };
  return value;
};

const leafMutation = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.constantFrom(deep(40), deep(5_000)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

type Json = unknown;

/** Every path to a value inside a JSON value, at most 12 levels down (iterative: values may be deep). */
function paths(value: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: (string | number)[] };
    out.push(path);
    if (path.length >= 12 || node === null || typeof node !== "object") continue;
    for (const [key, item] of Object.entries(node))
      stack.push({ node: item, path: [...path, Array.isArray(node) ? Number(key) : key] });
  }
  return out;
}

/** A copy of a JSON value; shared deep leaves are kept as they are (they are never mutated). */
function copy(value: Json, depth = 0): Json {
  if (value === null || typeof value !== "object" || depth > 12) return value;
  if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, {
      value: copy(item, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

type Mutation =
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "proto"; at: number };

/** Applies mutations to a deep copy of `seed`, at paths chosen by index. */
function mutate(seed: Json, mutations: readonly Mutation[]): Json {
  let value = copy(seed);
  for (const mutation of mutations) {
    const all = paths(value);
    const path = all[mutation.at % all.length] ?? [];
    if (path.length === 0) {
      if (mutation.kind === "replace") value = mutation.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as never)[key], value);
    const key = path.at(-1) as string | number;
    if (parent === null || typeof parent !== "object") continue;
    if (mutation.kind === "replace")
      (parent as Record<string | number, unknown>)[key] = mutation.value;
    else if (mutation.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
    } else if (!Array.isArray(parent))
      Object.defineProperty(parent, "__proto__", {
        value: { polluted: true },
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
  return value;
}

const mutations = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("replace" as const),
        at: fc.nat(),
        value: leafMutation,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("proto" as const), at: fc.nat() }) },
  ),
  { minLength: 1, maxLength: 3 },
);

/** Runs `use`; passes if it returns, or throws an IncassoError that names a field when the input was bad. */
function acceptsOrRefuses(use: () => unknown): void {
  try {
    use();
  } catch (error) {
    if (!(error instanceof IncassoError))
      throw new Error(`a raw ${(error as Error)?.name ?? typeof error} escaped: ${String(error)}`);
    if (error.code === "INVALID_INPUT") {
      expect(error.issues.length).toBeGreaterThan(0);
      for (const issue of error.issues) expect(issue.path).not.toBe("");
    }
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

const AS_OF = parseIsoDate("2025-06-30");
const meta = { recordedAt: "2025-01-02T09:00:00Z", by: "clerk" };
const EVENTS = [
  {
    id: "e1",
    type: "case.opened",
    at: "2024-01-02",
    ...meta,
    caseNumber: "F-1",
    client: { id: "C1", name: "Client NV" },
    debtors: [
      { id: "D1", kind: "natural-person", name: "J. Peeters", language: "nl", consumer: false },
    ],
    owner: "owner",
    lawyer: "lawyer",
    rulePack: "be.b2b",
    terms: {
      interest: { rate: { fixed: "8" }, margin: "1" },
      penalty: { kind: "percent", percent: "10", min: "50.00", max: "500.00" },
    },
  },
  {
    id: "e2",
    type: "claim.added",
    at: "2024-01-02",
    ...meta,
    claim: {
      id: "F1",
      invoiceNumber: "2024-1",
      invoiceDate: "2024-01-02",
      dueDate: "2024-02-01",
      amount: "1200.00",
      description: "works",
    },
  },
  {
    id: "e3",
    type: "payment.received",
    at: "2024-03-01",
    ...meta,
    paymentId: "P1",
    amount: "200.00",
    designation: [{ bucket: "principal", claim: "F1", amount: "100.00" }],
  },
  { id: "e4", type: "notice.sent", at: "2024-03-10", ...meta, channel: "registered-post" },
  {
    id: "e5",
    type: "charge.added",
    at: "2024-03-11",
    ...meta,
    chargeId: "K1",
    kind: "cost",
    amount: "15.00",
    description: "file",
  },
  {
    id: "e6",
    type: "promise.recorded",
    at: "2024-04-01",
    ...meta,
    promiseId: "PR1",
    amount: "300.00",
    dueDate: "2024-05-01",
  },
  {
    id: "e7",
    type: "fields.set",
    at: "2024-04-02",
    ...meta,
    values: { segment: "retail", score: 3 },
  },
  { id: "e8", type: "action.done", at: "2024-04-03", ...meta, step: 1, result: "sent" },
];
const CASE_FILE = {
  asOf: "2025-06-30",
  terms: {
    interest: {
      rate: { table: "be.legal" },
      margin: "2",
      compounding: "yearly",
      capitalisationDates: ["2025-01-01"],
    },
    penalty: { kind: "percent", percent: "10", min: "50.00", max: "400.00" },
    penaltyDate: "2024-06-01",
  },
  claims: [
    { id: "F1", principal: "1000.00", dueDate: "2024-01-31" },
    { id: "F2", principal: "250.50", dueDate: "2024-03-31", interest: { rate: { fixed: "12" } } },
  ],
  payments: [
    {
      id: "P1",
      date: "2024-05-01",
      amount: "300.00",
      allocation: [{ bucket: "principal", claim: "F2", amount: "50.00" }],
    },
  ],
  charges: [{ id: "K1", kind: "cost", date: "2024-02-15", amount: "25.00" }],
};
const PLAN = {
  amount: "1200.00",
  firstDueDate: "2025-07-01",
  schedule: { count: 6 },
  frequency: "monthly",
  interest: { kind: "running", rate: { fixed: "5" }, margin: "1" },
  limits: { minInstalment: "50.00", maxMonths: 24 },
  default: { kind: "missed-instalments", count: 2, graceDays: 5 },
};
const SCENARIO = {
  id: "s1",
  version: 1,
  name: "Standard",
  calendar: "be",
  activities: [
    {
      code: "L1",
      description: { nl: "Brief", fr: "Lettre", en: "Letter" },
      kind: "letter",
      channel: "post",
    },
    {
      code: "E1",
      description: { nl: "Mail", fr: "Mail", en: "Mail" },
      kind: "email",
      channel: "email",
      cost: "5.00",
    },
  ],
  steps: [
    { activity: "L1", wait: { days: 10 } },
    { activity: "E1", wait: { days: 5, unit: "business" }, threshold: "100.00" },
  ],
};
const RATES = {
  tables: {
    "nl.legal": {
      trustedUntil: "2027-06-30",
      entries: [{ from: "2027-01-01", rate: "4", source: "Stb. test", status: "confirmed" }],
    },
  },
};
const TERMS = {
  business: { interest: { rate: { fixed: "8" } } },
  policy: { receiptDays: 2, book19AboveCap: "capped" },
  fields: [{ name: "segment", type: "choice", choices: ["retail", "wholesale"] }],
  agingBuckets: [
    { label: "young", from: null, to: 60 },
    { label: "old", from: 61, to: null },
  ],
};
const APPEND = {
  caseId: "C-1",
  expectedVersion: 0,
  events: EVENTS,
  idempotencyKey: "k-1",
  outbox: [{ key: "m-1", kind: "send-email", payload: { to: "a@b.c", lines: ["x"] } }],
  asOf: "2025-06-30",
};

const runs = { numRuns: 150 };

describe("every boundary accepts an input whole or refuses it naming the field", () => {
  test.prop([mutations], runs)(
    "a case file either computes a statement or is refused with its field named",
    (changes) => {
      acceptsOrRefuses(() => computeStatement(parseCaseFile(mutate(CASE_FILE, changes))));
    },
  );

  test.prop([mutations], runs)(
    "case events either give a statement, a summary and an agenda, or are refused with their field named",
    (changes) => {
      const events = mutate(EVENTS, changes);
      acceptsOrRefuses(() => {
        caseStatement(events, AS_OF);
        caseSummary(events, AS_OF);
        const scenario = parseScenario(SCENARIO);
        agendaEntries(
          prepareCase({ events, defaultScenario: "s1" }, [scenario], AS_OF),
          [scenario],
          AS_OF,
        );
      });
    },
  );

  test.prop([mutations], runs)(
    "a plan request is proposed, answered with a reason, or refused with its field named",
    (changes) => {
      acceptsOrRefuses(() => proposePlan(mutate(PLAN, changes)));
    },
  );

  test.prop([mutations], runs)(
    "a scenario is read whole or refused with its field named",
    (changes) => {
      acceptsOrRefuses(() => parseScenario(mutate(SCENARIO, changes)));
    },
  );

  test.prop([mutations], runs)(
    "a rates file extends the tables or is refused with its field named",
    (changes) => {
      acceptsOrRefuses(() => resolveRateTables(parseRatesFile(mutate(RATES, changes))));
    },
  );

  test.prop([mutations], runs)(
    "a client's terms and policy are read whole or refused with their field named",
    (changes) => {
      const terms = mutate(TERMS, changes);
      acceptsOrRefuses(() => {
        const parsed = parseInput(clientTermsSchema, terms, "terms");
        if (parsed.policy !== undefined) parseInput(rulePackPolicySchema, parsed.policy, "policy");
      });
    },
  );

  test.prop([mutations], runs)(
    "an append request is read whole or refused with its field named",
    (changes) => {
      acceptsOrRefuses(() => parseInput(appendRequestSchema, mutate(APPEND, changes), "append"));
    },
  );

  test.prop([fc.integer({ min: 1, max: 3 })], { numRuns: 3 })(
    "a payload nested a hundred thousand levels deep is refused, not a stack overflow",
    (copies) => {
      const payload = { nested: deep(100_000 * copies) };
      const append = { ...APPEND, outbox: [{ key: "m-1", kind: "send-email", payload }] };
      expect(() => parseInput(appendRequestSchema, append, "append")).toThrow(
        /append\.outbox\.0\.payload\.nested: expected JSON nested at most 32 levels deep/,
      );
    },
  );
});
