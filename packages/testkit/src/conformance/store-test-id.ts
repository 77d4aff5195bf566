/**
 * The stable id of a test of the storage suites: the port it belongs to and what it shows. Ids do
 * not change when a test's wording does; a skip map is keyed by them, and each test's title ends
 * with its id in brackets, so `vitest -t outbox.completed-once` runs one.
 *
 * @example
 * ```ts
 * import type { StoreTestId } from "@incasso/testkit";
 * const id: StoreTestId = "outbox.concurrent-claimers";
 * ```
 */
export type StoreTestId =
  | "events.read-back"
  | "events.append-at-version"
  | "events.stale-writer"
  | "events.concurrent-writers"
  | "events.concurrent-create"
  | "events.idempotent-retry"
  | "events.concurrent-submissions"
  | "events.invalid-input"
  | "events.unstorable-values"
  | "events.storable-text"
  | "events.append-many"
  | "events.append-many-in-turn"
  | "events.append-many-races"
  | "case-lists.row-is-projection"
  | "case-lists.owner-and-suspension"
  | "case-lists.every-order"
  | "case-lists.filters"
  | "case-lists.stable-pages"
  | "case-lists.find-by-keys"
  | "relations.round-trip"
  | "relations.find-debtors"
  | "relations.put-many"
  | "agenda.run-idempotent"
  | "agenda.rerun-drops-stale"
  | "agenda.shards-cover-once"
  | "agenda.disposition"
  | "agenda.pages"
  | "outbox.written-with-events"
  | "outbox.concurrent-claimers"
  | "outbox.not-before-and-leases"
  | "outbox.completed-once"
  | "outbox.postponed"
  | "outbox.enqueued-without-case"
  | "outbox.by-debtor"
  | "outbox.key-reused"
  | "import-batches.saved-once"
  | "import-batches.saved-in-parts"
  | "import-batches.part-replayed"
  | "import-batches.part-order"
  | "import-batches.part-rows"
  | "import-batches.read-pages"
  | "import-batches.part-scopes"
  | "import-batches.concurrent-parts"
  | "import-batches.any-split"
  | "import-batches.incomplete-listed"
  | "import-batches.incomplete-discarded"
  | "scopes.tenant-isolation"
  | "scopes.client-portal"
  | "store.declared-capabilities"
  | "model.random-sequences";
