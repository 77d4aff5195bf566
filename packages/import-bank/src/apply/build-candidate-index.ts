import type {
  BankTransaction,
  CandidateIndex,
  CaseStore,
  MatchCase,
  MatchPolicy,
  PlanProposal,
  StoreScope,
  Temporal,
} from "@incasso/core";
import { createCandidateIndex, lookupKeysOf, matchCaseOf } from "@incasso/core";

/**
 * The store ports building a candidate index reads.
 *
 * @example
 * ```ts
 * import type { IndexSource } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * const source: IndexSource = createMemoryStore();
 * ```
 */
export type IndexSource = Pick<CaseStore, "findCasesByKeys" | "readEvents" | "getCase">;

const CHUNK = 5000;

/**
 * Builds the candidate index of bank entries from a store: the cases any entry names (by
 * `findCasesByKeys` with the keys `lookupKeysOf` gives, in chunks of 5,000), then the other
 * cases of their debtors (for a split and for an IBAN that paid before), each read once (its events
 * and its row) and viewed with `matchCaseOf` as of the date. Only the cases the entries can reach
 * are read, never the whole store.
 *
 * @example
 * ```ts
 * import { buildCandidateIndex } from "@incasso/import-bank";
 * import { DEFAULT_MATCH_POLICY, Temporal } from "@incasso/core";
 * import { createMemoryStore } from "@incasso/memory";
 * const index = await buildCandidateIndex(createMemoryStore(), { tenantId: "firm-1" }, [], DEFAULT_MATCH_POLICY, Temporal.PlainDate.from("2026-03-02"));
 * index.size; // 0
 * ```
 */
export async function buildCandidateIndex(
  store: IndexSource,
  scope: StoreScope,
  transactions: readonly BankTransaction[],
  policy: MatchPolicy,
  asOf: Temporal.PlainDate,
  options: { readonly plans?: ReadonlyMap<string, readonly PlanProposal[]> } = {},
): Promise<CandidateIndex> {
  const found = new Set<string>();
  const find = async (keys: Parameters<IndexSource["findCasesByKeys"]>[1]["keys"]) => {
    for (let start = 0; start < keys.length; start += CHUNK) {
      const hits = await store.findCasesByKeys(scope, { keys: keys.slice(start, start + CHUNK) });
      for (const hit of hits) found.add(hit.caseId);
    }
  };
  await find(lookupKeysOf(transactions, policy));
  const cases = new Map<string, MatchCase>();
  const load = async (caseIds: Iterable<string>) => {
    for (const caseId of caseIds) {
      if (cases.has(caseId)) continue;
      const [events, row] = await Promise.all([
        store.readEvents(scope, caseId),
        store.getCase(scope, caseId),
      ]);
      if (events.length === 0) continue;
      cases.set(
        caseId,
        matchCaseOf({
          caseId,
          events: events.map((stored) => stored.event),
          row,
          asOf,
          plans: options.plans?.get(caseId) ?? [],
        }),
      );
    }
  };
  await load(found);
  const debtors = new Set<string>();
  for (const entry of cases.values()) for (const debtor of entry.debtorIds) debtors.add(debtor);
  found.clear();
  await find([...debtors].map((key) => ({ kind: "debtor" as const, key })));
  await load(found);
  return createCandidateIndex(cases.values());
}
