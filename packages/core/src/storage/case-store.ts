import type { z } from "zod";
import type { CaseEventJson } from "../case/case-event.js";
import type { Scenario } from "../scenarios/scenario-definition.js";
import type {
  agendaQuerySchema,
  agendaRecordSchema,
  appendRequestSchema,
  caseQuerySchema,
  claimRequestSchema,
  clientRecordSchema,
  clientTermsSchema,
  completeRequestSchema,
  debtorRecordSchema,
  disposeRequestSchema,
  importBatchSchema,
  outboxMessageInputSchema,
  outboxQuerySchema,
  shardRequestSchema,
  storeScopeSchema,
} from "./store-schemas.js";

/**
 * The scope of a store call: the tenant, and for a client-portal view the one client.
 *
 * @example
 * ```ts
 * import type { StoreScope } from "@incasso/core";
 * const portal: StoreScope = { tenantId: "firm-1", clientId: "acme" };
 * ```
 */
export type StoreScope = z.input<typeof storeScopeSchema>;

/**
 * What a writer asks to append (see {@link appendRequestSchema}).
 *
 * @example
 * ```ts
 * import type { AppendRequest } from "@incasso/core";
 * declare const events: unknown[];
 * const request: AppendRequest = { caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" };
 * ```
 */
export type AppendRequest = z.input<typeof appendRequestSchema>;

/**
 * The answer to an append: the case's versions before and after, and whether it was a replay of an
 * earlier append with the same idempotency key (then nothing new was stored).
 *
 * @example
 * ```ts
 * import type { AppendResult } from "@incasso/core";
 * const appended = (result: AppendResult) => result.version - result.previousVersion;
 * ```
 */
export interface AppendResult {
  readonly caseId: string;
  readonly previousVersion: number;
  readonly version: number;
  readonly replayed: boolean;
}

/**
 * A stored event: its case, its version (1 for `case.opened`, then one more per event) and the
 * event as validated (defaults filled in).
 *
 * @example
 * ```ts
 * import type { StoredEvent } from "@incasso/core";
 * const types = (events: StoredEvent[]) => events.map((stored) => stored.event.type);
 * ```
 */
export interface StoredEvent {
  readonly caseId: string;
  readonly version: number;
  readonly event: CaseEventJson;
}

/**
 * The list row of a case (its projection), computed from its events as of a date: what lists,
 * aging and the agenda filter and sort on. Amounts are decimal strings, dates ISO strings.
 *
 * @example
 * ```ts
 * import type { CaseRow } from "@incasso/core";
 * const overdue = (row: CaseRow, today: string) => row.nextActionDate !== null && row.nextActionDate <= today;
 * ```
 */
export interface CaseRow {
  readonly caseId: string;
  readonly clientId: string;
  readonly caseNumber: string;
  readonly owner: string;
  readonly collectionGroup: string | null;
  readonly status:
    | "open"
    | "disputed"
    | "payment-plan"
    | "insolvent"
    | "with-bailiff"
    | "written-off"
    | "closed"
    | "paid";
  /**
   * The balance owed as of `asOf`, a decimal string with two decimals; null when the statement
   * could not be computed (see `problem`).
   */
  readonly balance: string | null;
  /**
   * Why the statement could not be computed as of `asOf` (such as `RATE_NOT_COVERED`: a rate table
   * must be extended), or null. The events are stored all the same.
   */
  readonly problem: { readonly code: string; readonly message: string } | null;
  readonly daysPastDue: number;
  readonly agingBucket: string;
  readonly nextActionDate: string | null;
  readonly lastContact: string | null;
  readonly debtorIds: readonly string[];
  /** The version of the case this row was computed from. */
  readonly version: number;
  /** The date the row was computed as of. */
  readonly asOf: string;
}

/**
 * A case list query (see {@link caseQuerySchema}).
 *
 * @example
 * ```ts
 * import type { CaseQuery } from "@incasso/core";
 * const query: CaseQuery = { status: ["open"], sort: "balance", limit: 20 };
 * ```
 */
export type CaseQuery = z.input<typeof caseQuerySchema>;

/**
 * A page of a keyset-paginated list: the items and the cursor of the next page (null on the last).
 *
 * @example
 * ```ts
 * import type { Page, CaseRow } from "@incasso/core";
 * const more = (page: Page<CaseRow>) => page.nextCursor !== null;
 * ```
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * A client (creditor) of the tenant.
 *
 * @example
 * ```ts
 * import type { ClientRecord } from "@incasso/core";
 * const client: ClientRecord = { id: "acme", name: "Acme NV" };
 * ```
 */
export type ClientRecord = z.input<typeof clientRecordSchema>;

/**
 * A debtor relation with its contacts.
 *
 * @example
 * ```ts
 * import type { DebtorRecord } from "@incasso/core";
 * const debtor: DebtorRecord = { id: "D1", kind: "natural-person", name: "Jan Peeters", language: "nl", consumer: true };
 * ```
 */
export type DebtorRecord = z.output<typeof debtorRecordSchema>;

/**
 * A client's collection terms (see {@link clientTermsSchema}).
 *
 * @example
 * ```ts
 * import type { ClientTerms } from "@incasso/core";
 * const terms: ClientTerms = { defaultScenario: "be-b2b" };
 * ```
 */
export type ClientTerms = z.output<typeof clientTermsSchema>;

/**
 * A stored agenda entry (see {@link agendaRecordSchema}).
 *
 * @example
 * ```ts
 * import type { AgendaRecord } from "@incasso/core";
 * const open = (entries: AgendaRecord[]) => entries.filter((entry) => entry.status === "open");
 * ```
 */
export type AgendaRecord = z.output<typeof agendaRecordSchema>;

/**
 * An agenda query (see {@link agendaQuerySchema}).
 *
 * @example
 * ```ts
 * import type { AgendaRecordQuery } from "@incasso/core";
 * const query: AgendaRecordQuery = { runDate: "2026-01-31", owner: "an.peeters" };
 * ```
 */
export type AgendaRecordQuery = z.input<typeof agendaQuerySchema>;

/**
 * A disposition of a stored agenda entry (see {@link disposeRequestSchema}).
 *
 * @example
 * ```ts
 * import type { DisposeRequest } from "@incasso/core";
 * const request: DisposeRequest = { entryId: "2026-01-31/C1/step-1", disposition: { kind: "done", result: "sent" },
 *   event: { id: "e9", at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "clerk" }, asOf: "2026-01-31" };
 * ```
 */
export type DisposeRequest = z.input<typeof disposeRequestSchema>;

/**
 * An outbox message to write with an append (see {@link outboxMessageInputSchema}).
 *
 * @example
 * ```ts
 * import type { OutboxMessageInput } from "@incasso/core";
 * const message: OutboxMessageInput = { key: "C1:REM1", kind: "send-email", payload: { template: "REM1" } };
 * ```
 */
export type OutboxMessageInput = z.input<typeof outboxMessageInputSchema>;

/**
 * A message of the outbox with its state: pending, claimed by a worker until its lease runs out,
 * then sent or failed (exactly once).
 *
 * @example
 * ```ts
 * import type { OutboxMessage } from "@incasso/core";
 * const retryable = (message: OutboxMessage) => message.status === "failed";
 * ```
 */
export interface OutboxMessage {
  readonly id: string;
  readonly caseId: string;
  /** The case version whose append wrote the message. */
  readonly caseVersion: number;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly notBefore: string | null;
  readonly status: "pending" | "claimed" | "sent" | "failed";
  readonly attempts: number;
  readonly claimedBy: string | null;
  readonly leaseUntil: string | null;
  readonly completedAt: string | null;
  readonly detail: string | null;
}

/**
 * A claim on the outbox (see {@link claimRequestSchema}).
 *
 * @example
 * ```ts
 * import type { ClaimRequest } from "@incasso/core";
 * const claim: ClaimRequest = { worker: "mailer-1", limit: 10, now: "2026-01-31T09:00:00Z" };
 * ```
 */
export type ClaimRequest = z.input<typeof claimRequestSchema>;

/**
 * The outcome of sending a message (see {@link completeRequestSchema}).
 *
 * @example
 * ```ts
 * import type { CompleteRequest } from "@incasso/core";
 * const done: CompleteRequest = { id: "C1:REM1", worker: "mailer-1", outcome: "sent", at: "2026-01-31T09:00:01Z" };
 * ```
 */
export type CompleteRequest = z.input<typeof completeRequestSchema>;

/**
 * An outbox query (see {@link outboxQuerySchema}).
 *
 * @example
 * ```ts
 * import type { OutboxQuery } from "@incasso/core";
 * const failed: OutboxQuery = { status: "failed" };
 * ```
 */
export type OutboxQuery = z.input<typeof outboxQuerySchema>;

/**
 * An import batch with its row results, as given (see {@link importBatchSchema}).
 *
 * @example
 * ```ts
 * import type { ImportBatchInput } from "@incasso/core";
 * const batch: ImportBatchInput = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z", rows: [] };
 * ```
 */
export type ImportBatchInput = z.input<typeof importBatchSchema>;

/**
 * A stored import batch.
 *
 * @example
 * ```ts
 * import type { ImportBatch } from "@incasso/core";
 * const errors = (batch: ImportBatch) => batch.rows.filter((row) => row.outcome === "error").length;
 * ```
 */
export type ImportBatch = z.output<typeof importBatchSchema>;

/**
 * A shard of the daily run (see {@link shardRequestSchema}).
 *
 * @example
 * ```ts
 * import type { ShardRequest } from "@incasso/core";
 * const shard: ShardRequest = { runDate: "2026-01-31", caseIdFrom: "C0", caseIdTo: "C5" };
 * ```
 */
export type ShardRequest = z.input<typeof shardRequestSchema>;

/**
 * The cases of a shard page as the daily run reads them: each case's id, client, version and
 * events, in case-id order.
 *
 * @example
 * ```ts
 * import type { ShardCase } from "@incasso/core";
 * const size = (cases: ShardCase[]) => cases.reduce((n, c) => n + c.events.length, 0);
 * ```
 */
export interface ShardCase {
  readonly caseId: string;
  readonly clientId: string;
  readonly version: number;
  readonly events: readonly CaseEventJson[];
}

/**
 * What the daily run stores for a page of cases: their recomputed rows and their agenda entries
 * for the run date. A row whose case moved on since it was read (another version) is skipped, and
 * so are its entries; entries already disposed are kept as they are.
 *
 * @example
 * ```ts
 * import type { DailyRunPage } from "@incasso/core";
 * const count = (page: DailyRunPage) => page.entries.length;
 * ```
 */
export interface DailyRunPage {
  readonly runDate: string;
  readonly rows: readonly CaseRow[];
  readonly entries: readonly AgendaRecord[];
}

/**
 * The port every storage adapter implements: an append-only event store per case under optimistic
 * concurrency and idempotency keys, the case rows (projections) updated in the same transaction,
 * clients, debtors, collection terms and scenarios per client, the stored agenda with its
 * dispositions, a transactional outbox, and import batches. Every call runs in a
 * {@link StoreScope}: nothing of another tenant is ever returned, and a client-portal scope sees
 * only its client's cases and never writes (`FORBIDDEN`).
 *
 * Inputs are validated with the zod schemas of the port (bad input is `INVALID_INPUT` naming the
 * field); each call is atomic. `@incasso/testkit`'s `describeStoreConformance` states the contract
 * as tests.
 *
 * @example
 * ```ts
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * declare const events: unknown[];
 * const scope = { tenantId: "firm-1" };
 * const result = await store.append(scope, { caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" });
 * const page = await store.listCases(scope, { sort: "next-action" });
 * ```
 */
export interface CaseStore {
  /**
   * Appends events to a case at `expectedVersion` (0 creates it; its first event is
   * `case.opened`), with the case's new row and the outbox messages, in one transaction. A stale
   * version throws {@link StoreConflictError}; a known idempotency key answers the first result
   * with `replayed: true` (a different request under the same key is `IDEMPOTENCY_KEY_REUSED`).
   */
  append(scope: StoreScope, request: AppendRequest): Promise<AppendResult>;
  /** The events of a case in version order, from `fromVersion` (default 1); empty when unknown. */
  readEvents(
    scope: StoreScope,
    caseId: string,
    options?: { readonly fromVersion?: number },
  ): Promise<StoredEvent[]>;
  /** The row of a case, or null. */
  getCase(scope: StoreScope, caseId: string): Promise<CaseRow | null>;
  /** Lists case rows by filters, in a stable order, one keyset page at a time. */
  listCases(scope: StoreScope, query?: CaseQuery): Promise<Page<CaseRow>>;

  /** Creates or replaces a client. */
  putClient(scope: StoreScope, client: ClientRecord): Promise<void>;
  /** A client, or null. */
  getClient(scope: StoreScope, clientId: string): Promise<ClientRecord | null>;
  /** The clients of the tenant (a client scope: only its own), by id. */
  listClients(scope: StoreScope): Promise<ClientRecord[]>;
  /** Creates or replaces a debtor relation with its contacts. */
  putDebtor(scope: StoreScope, debtor: unknown): Promise<void>;
  /** A debtor, or null (a client scope sees only debtors of its own cases). */
  getDebtor(scope: StoreScope, debtorId: string): Promise<DebtorRecord | null>;
  /** Sets a client's collection terms (the client must exist). */
  putTerms(scope: StoreScope, clientId: string, terms: unknown): Promise<void>;
  /** A client's collection terms, or null. */
  getTerms(scope: StoreScope, clientId: string): Promise<ClientTerms | null>;
  /**
   * Stores a version of a scenario definition for a client (the client must exist); every
   * version is kept, and storing a version again with other content is `IDEMPOTENCY_KEY_REUSED`.
   */
  putScenario(scope: StoreScope, clientId: string, scenario: unknown): Promise<void>;
  /** The latest version of each of a client's scenarios, by id. */
  listScenarios(scope: StoreScope, clientId: string): Promise<Scenario[]>;

  /**
   * A page of the cases of a shard with their events, in case-id order from `after` (exclusive),
   * for the daily run.
   */
  readShard(
    scope: StoreScope,
    request: ShardRequest,
    after: string | null,
  ): Promise<readonly ShardCase[]>;
  /** Stores a page of the daily run, idempotently (see {@link DailyRunPage}). */
  saveDailyRun(scope: StoreScope, page: DailyRunPage): Promise<{ readonly skipped: number }>;
  /** Lists stored agenda entries of a run date, by due date then id, one keyset page at a time. */
  listAgenda(scope: StoreScope, query: AgendaRecordQuery): Promise<Page<AgendaRecord>>;
  /**
   * Disposes of an open agenda entry: marks it and appends the disposition's event to its case, in
   * one transaction. An entry already disposed is `ALREADY_FINAL`, unless it is the same request
   * again (same event id), which answers the first result.
   */
  disposeAgendaEntry(
    scope: StoreScope,
    request: DisposeRequest,
  ): Promise<{ readonly entry: AgendaRecord; readonly append: AppendResult }>;

  /**
   * Claims up to `limit` sendable messages (pending and due, or claimed with a lapsed lease) in
   * the order they were written; concurrent claimers never get the same message.
   */
  claimOutbox(scope: StoreScope, request: ClaimRequest): Promise<OutboxMessage[]>;
  /** Marks a claimed message sent or failed, exactly once, by the worker holding the claim. */
  completeOutbox(scope: StoreScope, request: CompleteRequest): Promise<OutboxMessage>;
  /** Lists outbox messages in the order they were written. */
  listOutbox(scope: StoreScope, query?: OutboxQuery): Promise<OutboxMessage[]>;

  /**
   * Stores an import batch with its row results; the same batch again answers the stored one with
   * `replayed: true`; another batch under the same id is `IDEMPOTENCY_KEY_REUSED`.
   */
  saveImportBatch(
    scope: StoreScope,
    batch: ImportBatchInput,
  ): Promise<{ readonly batch: ImportBatch; readonly replayed: boolean }>;
  /** An import batch with its rows, or null. */
  getImportBatch(scope: StoreScope, batchId: string): Promise<ImportBatch | null>;
  /** The import batches of the tenant (or of one client), by id. */
  listImportBatches(
    scope: StoreScope,
    query?: { readonly clientId?: string },
  ): Promise<ImportBatch[]>;
}
