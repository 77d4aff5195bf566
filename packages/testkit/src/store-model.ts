import type { AppendRequest, CaseEventJson, CaseStore, StoreScope } from "@incasso/core";
import { IncassoError, runDailyShard } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  noteAdded,
  paymentReceived,
  promiseRecorded,
  reminderScenario,
  sampleCase,
} from "./store-fixtures.js";

interface Side {
  readonly store: CaseStore;
  readonly scope: StoreScope;
  /** The cases opened so far (kept on the model's side, for the operations' preconditions). */
  readonly opened: Set<string>;
  /** The last append request sent, which the `retry` operation sends again. */
  readonly last: { request: AppendRequest | null };
}

/** Sends an append and remembers it, for a retry. */
function send(side: Side, request: AppendRequest): Promise<unknown> {
  side.last.request = request;
  return side.store.append(side.scope, request);
}

/** What a store call gave: its value, or its error's code and field paths. */
type Outcome = { readonly ok: unknown } | { readonly error: string; readonly paths: string[] };

async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await call() };
  } catch (error) {
    if (error instanceof IncassoError)
      return { error: error.code, paths: error.issues.map((issue) => issue.path) };
    throw error;
  }
}

/** One operation, run on the reference store (the model) and the adapter, compared. */
class Operation implements fc.AsyncCommand<Side, Side> {
  constructor(
    readonly label: string,
    readonly call: (side: Side) => Promise<unknown>,
    readonly caseId: { readonly opens?: string; readonly needs?: string } = {},
  ) {}
  check(model: Readonly<Side>): boolean {
    return this.caseId.needs === undefined || model.opened.has(this.caseId.needs);
  }
  async run(model: Side, real: Side): Promise<void> {
    const expected = await outcome(() => this.call(model));
    if (this.caseId.opens !== undefined && "ok" in expected) model.opened.add(this.caseId.opens);
    const actual = await outcome(() => this.call(real));
    expect(actual, this.label).toEqual(expected);
  }
  toString(): string {
    return this.label;
  }
}

const caseIds = ["C0", "C1", "C2", "K7", "Z9"];
const keys = ["k0", "k1", "k2", "k3", "k4", "k5"];
const instants = ["2026-01-31T09:00:00Z", "2026-01-31T09:04:00Z", "2026-01-31T10:00:00Z"];
const asOfs = ["2025-11-20", "2026-01-31"];

/** Null three times out of four, else one of the values. */
const rarely = <T>(...values: T[]) =>
  fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    { arbitrary: fc.constantFrom(...values), weight: 1 },
  );

const versionOf = async (side: Side, caseId: string) =>
  (await side.store.readEvents(side.scope, caseId)).length;

function moreEvents(kind: number, n: number): CaseEventJson[] {
  switch (kind % 3) {
    case 0:
      return [paymentReceived(`P${n}`, `${(n % 90) + 10}.00`, "2025-11-02")];
    case 1:
      return [
        promiseRecorded(
          `R${n}`,
          "25.00",
          `2025-12-${String((n % 28) + 1).padStart(2, "0")}`,
          "2025-11-01",
        ),
      ];
    default:
      return [noteAdded(`note-${n}`, "2025-11-03")];
  }
}

const openCase = fc
  .record({
    caseId: fc.constantFrom(...caseIds),
    seed: fc.nat(40),
    key: rarely(...keys),
  })
  .map(
    ({ caseId, seed, key }) =>
      new Operation(
        `open ${caseId} seed ${seed} key ${key}`,
        (side) =>
          send(side, {
            caseId,
            expectedVersion: 0,
            events: sampleCase(seed),
            ...(key === null ? {} : { idempotencyKey: key }),
            outbox: [{ key: `welcome-${caseId}`, kind: "send-email", payload: { seed } }],
            asOf: "2025-11-01",
          }),
        { opens: caseId },
      ),
  );

// The same request again, as a client that did not hear the answer sends it: with a key, a replay.
const retry = fc.constant(
  new Operation("retry the last append", async (side) =>
    side.last.request === null ? null : side.store.append(side.scope, side.last.request),
  ),
);

// Opening is listed twice, so that most sequences have cases to work on.
const operations = [
  openCase,
  openCase,
  retry,
  fc
    .record({
      caseId: fc.constantFrom(...caseIds),
      kind: fc.nat(2),
      n: fc.nat(6),
      stale: rarely(true),
      key: fc.option(fc.constantFrom(...keys)),
      message: fc.option(fc.constantFrom("m0", "m1", "m2", "m3")),
      asOf: fc.constantFrom(...asOfs),
    })
    .map(
      (op) =>
        new Operation(
          `append ${JSON.stringify(op)}`,
          async (side) =>
            send(side, {
              caseId: op.caseId,
              expectedVersion: Math.max(
                0,
                (await versionOf(side, op.caseId)) - (op.stale === null ? 0 : 1),
              ),
              events: moreEvents(op.kind, op.n),
              ...(op.key === null ? {} : { idempotencyKey: op.key }),
              ...(op.message === null
                ? {}
                : { outbox: [{ key: op.message, kind: "send-email", payload: { n: op.n } }] }),
              asOf: op.asOf,
            }),
          // Appends go to cases that exist; appends to unknown cases are the `open` operation's.
          { needs: op.caseId },
        ),
    ),
  // Several requests in one appendMany, at the versions read before the call: a case named twice
  // has its second request stale, a key named twice its second a replay or a reuse.
  fc
    .array(
      fc.record({
        caseId: fc.constantFrom(...caseIds),
        open: fc.boolean(),
        n: fc.nat(40),
        key: rarely(...keys),
        message: rarely("m0", "m1", "m2", "m3"),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map(
      (requests) =>
        new Operation(`appendMany ${JSON.stringify(requests)}`, async (side) => {
          const appends: AppendRequest[] = [];
          for (const r of requests) {
            appends.push({
              caseId: r.caseId,
              expectedVersion: r.open ? 0 : await versionOf(side, r.caseId),
              events: r.open ? sampleCase(r.n) : moreEvents(r.n, r.n),
              ...(r.key === null ? {} : { idempotencyKey: r.key }),
              ...(r.message === null
                ? {}
                : { outbox: [{ key: r.message, kind: "send-email", payload: { n: r.n } }] }),
              asOf: "2025-11-01",
            });
          }
          const outcomes = await side.store.appendMany(side.scope, appends);
          for (const [i, outcome] of outcomes.entries()) {
            const request = appends[i];
            if (outcome.ok && request !== undefined) side.opened.add(request.caseId);
          }
          return outcomes.map((outcome) =>
            outcome.ok
              ? outcome.result
              : { error: outcome.error.code, paths: outcome.error.issues.map((i) => i.path) },
          );
        }),
    ),
  fc
    .record({
      sort: fc.constantFrom("case-id", "next-action", "balance", "last-contact"),
      limit: fc.integer({ min: 1, max: 3 }),
      owner: fc.option(fc.constant("an.peeters")),
      bucket: fc.option(fc.constantFrom("current", "31-60", "61-90", "91-180", "over 180")),
      balanceMin: fc.option(fc.constantFrom("100.00", "400.00")),
    })
    .map(
      (query) =>
        new Operation(`list ${JSON.stringify(query)}`, async (side) => {
          const pages = [];
          let after: string | null = null;
          do {
            const page: { items: readonly unknown[]; nextCursor: string | null } =
              await side.store.listCases(side.scope, {
                sort: query.sort,
                limit: query.limit,
                ...(query.owner === null ? {} : { owner: query.owner }),
                ...(query.bucket === null ? {} : { agingBucket: query.bucket }),
                ...(query.balanceMin === null ? {} : { balanceMin: query.balanceMin }),
                ...(after === null ? {} : { after }),
              });
            pages.push(page.items);
            after = page.nextCursor;
          } while (after !== null && pages.length < 20);
          return pages;
        }),
    ),
  fc
    .constantFrom(...caseIds)
    .map(
      (caseId) =>
        new Operation(`read ${caseId}`, async (side) => [
          await side.store.readEvents(side.scope, caseId),
          await side.store.getCase(side.scope, caseId),
        ]),
    ),
  fc
    .record({
      worker: fc.constantFrom("w1", "w2"),
      limit: fc.integer({ min: 1, max: 3 }),
      now: fc.constantFrom(...instants),
    })
    .map(
      (claim) =>
        new Operation(`claim ${JSON.stringify(claim)}`, (side) =>
          side.store.claimOutbox(side.scope, { ...claim, leaseSeconds: 300 }),
        ),
    ),
  fc
    .record({
      pick: fc.nat(3),
      worker: fc.constantFrom("w1", "w2"),
      outcome: fc.constantFrom("sent" as const, "failed" as const),
    })
    .map(
      ({ pick, ...complete }) =>
        new Operation(`complete ${pick} ${JSON.stringify(complete)}`, async (side) => {
          // Mostly a claimed message (the worker may or may not hold it), else any message.
          const messages = await side.store.listOutbox(side.scope);
          const claimed = messages.filter((message) => message.status === "claimed");
          const from = pick === 3 || claimed.length === 0 ? messages : claimed;
          const id = from[pick % Math.max(1, from.length)]?.id ?? "m0";
          return [
            await side.store.completeOutbox(side.scope, {
              id,
              ...complete,
              at: "2026-01-31T11:00:00Z",
            }),
            await side.store.listOutbox(side.scope),
          ];
        }),
    ),
  fc.record({ withScenario: fc.boolean(), withBuckets: fc.boolean() }).map(
    (terms) =>
      new Operation(`terms ${JSON.stringify(terms)}`, async (side) => {
        if (terms.withScenario)
          await side.store.putScenario(side.scope, "acme", reminderScenario());
        await side.store.putTerms(side.scope, "acme", {
          ...(terms.withScenario ? { defaultScenario: "be-reminders" } : {}),
          ...(terms.withBuckets
            ? {
                agingBuckets: [
                  { label: "young", from: null, to: 60 },
                  { label: "old", from: 61, to: null },
                ],
              }
            : {}),
        });
        return side.store.getTerms(side.scope, "acme");
      }),
  ),
  fc
    .constantFrom(...asOfs)
    .map(
      (runDate) =>
        new Operation(`daily run ${runDate}`, async (side) => [
          await runDailyShard(side.store, side.scope, { runDate, batchSize: 2 }),
          await side.store.listAgenda(side.scope, { runDate, limit: 1000 }),
        ]),
    ),
];

let runCounter = 0;

/**
 * Registers the model-based test of the conformance suite: random sequences of operations (new
 * cases, appends at current or stale versions with and without idempotency keys and outbox
 * messages, several of them in one `appendMany`, list pages in every order, reads, outbox claims and completions, terms, daily runs)
 * applied to the adapter and to the in-memory reference store must give equal answers and equal
 * errors, step by step.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeStoreModel } from "@incasso/testkit";
 * const store = createMemoryStore();
 * describeStoreModel(() => store, 10);
 * ```
 */
export function describeStoreModel(real: () => CaseStore, runs: number): void {
  it("answers every random sequence of operations as the in-memory reference store does [model.random-sequences]", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(operations, { maxCommands: 30, size: "medium" }),
        async (commands) => {
          runCounter++;
          const tenantId = `model-${runCounter}-${Math.random().toString(36).slice(2, 8)}`;
          const side = (store: CaseStore): Side => ({
            store,
            scope: { tenantId },
            opened: new Set<string>(),
            last: { request: null },
          });
          const model = side(createMemoryStore());
          const adapter = side(real());
          for (const each of [model, adapter])
            await each.store.putClient(each.scope, { id: "acme", name: "Acme NV" });
          await fc.asyncModelRun(() => ({ model, real: adapter }), commands);
        },
      ),
      { numRuns: runs },
    );
  });
}
