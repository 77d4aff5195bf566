import type { z } from "zod";
import type { CaseEventJson } from "../case/case-event.js";
import type {
  agendaQuerySchema,
  agendaRecordSchema,
  disposeRequestSchema,
  shardRequestSchema,
} from "../storage/store-schemas.js";
import type { AppendResult } from "./case-event-store.js";
import type { CaseRow } from "./case-list-store.js";
import type { Page } from "./page.js";
import type { StoreScope } from "./store-scope.js";

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
 * The port of the stored agenda and the daily run (capability `"agenda"`): the daily run reads the
 * cases a shard at a time with their events, and stores their recomputed rows and agenda entries
 * for the run date; clerks list the entries and dispose of them, which appends the disposition's
 * event to the case. The run reads each client's terms and scenarios and writes case rows and
 * events: an adapter of this port implements the events, case-list and relations ports as well.
 *
 * @example
 * ```ts
 * import type { AgendaStore } from "@incasso/core";
 * declare const store: AgendaStore;
 * const page = await store.listAgenda({ tenantId: "firm-1" }, { runDate: "2026-01-31", owner: "an.peeters" });
 * ```
 */
export interface AgendaStore {
  /**
   * A page of at most `batchSize` cases of a shard with their events, in case-id order within
   * `[caseIdFrom, caseIdTo)` and after `after` (exclusive; null for the first page). Bad input is
   * `INVALID_INPUT` naming `shard.<field>`.
   */
  readShard(
    scope: StoreScope,
    request: ShardRequest,
    after: string | null,
  ): Promise<readonly ShardCase[]>;
  /**
   * Stores a page of the daily run, idempotently: a row replaces the case's row only if the case
   * is still at the row's version (else the row and its entries are skipped, and counted); the open
   * entries of the stored cases for the run date are replaced by the page's; an entry already
   * disposed is never overwritten. A tenant scope only (`FORBIDDEN`).
   */
  saveDailyRun(scope: StoreScope, page: DailyRunPage): Promise<{ readonly skipped: number }>;
  /**
   * Lists the stored agenda entries of a run date, by due date then id, one keyset page at a time,
   * filtered by client, owner or status. Bad input is `INVALID_INPUT` naming `query.<field>`.
   */
  listAgenda(scope: StoreScope, query: AgendaRecordQuery): Promise<Page<AgendaRecord>>;
  /**
   * Disposes of an open agenda entry: marks it and appends the disposition's event to its case, in
   * one transaction. `NOT_FOUND` at `dispose.entryId` for an unknown entry; an entry already
   * disposed is `ALREADY_FINAL`, unless it is the same request again (same event id), which
   * answers the first result with `replayed: true`. A tenant scope only (`FORBIDDEN`).
   */
  disposeAgendaEntry(
    scope: StoreScope,
    request: DisposeRequest,
  ): Promise<{ readonly entry: AgendaRecord; readonly append: AppendResult }>;
}
