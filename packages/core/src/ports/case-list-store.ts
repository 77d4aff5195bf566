import type { z } from "zod";
import type { CaseKeyKind } from "../matching/case-keys.js";
import type { caseKeyQuerySchema, caseQuerySchema } from "../storage/store-schemas.js";
import type { Page } from "./page.js";
import type { StoreScope } from "./store-scope.js";

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
    | "paid"
    | "suspended";
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
 * A query of cases by key (see {@link caseKeyQuerySchema}).
 *
 * @example
 * ```ts
 * import type { CaseKeyQuery } from "@incasso/core";
 * const query: CaseKeyQuery = { keys: [{ kind: "case-number", key: "202600042" }] };
 * ```
 */
export type CaseKeyQuery = z.input<typeof caseKeyQuerySchema>;

/**
 * A case found by a key: the case, and the kind and key it was found by.
 *
 * @example
 * ```ts
 * import type { CaseKeyHit } from "@incasso/core";
 * const hit: CaseKeyHit = { caseId: "C1", kind: "payment-reference", key: "123456789002" };
 * ```
 */
export interface CaseKeyHit {
  readonly caseId: string;
  readonly kind: CaseKeyKind;
  readonly key: string;
}

/**
 * The port of the case lists (capability `"case-lists"`): the row of each case (its projection),
 * written by every append and by the daily run, read one case at a time or as filtered, sorted,
 * keyset-paginated lists. The rows come from {@link CaseEventStore.append}: an adapter of this
 * port implements the events port as well.
 *
 * @example
 * ```ts
 * import type { CaseListStore } from "@incasso/core";
 * declare const store: CaseListStore;
 * const page = await store.listCases({ tenantId: "firm-1" }, { owner: "an.peeters", sort: "next-action", limit: 50 });
 * ```
 */
export interface CaseListStore {
  /**
   * The row of a case as the last append or daily run computed it (equal to `projectCase` of its
   * events as of that date), or null when the case is unknown or not visible in the scope.
   */
  getCase(scope: StoreScope, caseId: string): Promise<CaseRow | null>;
  /**
   * Lists case rows by the query's filters (client, owner, status, group, bucket, dates, balance,
   * case-id range), in the query's sort order, one keyset page at a time.
   *
   * - Ordering: `case-id` ascending; `next-action` ascending, none last; `balance` descending,
   *   unknown last; `last-contact` ascending, never contacted first; ties by case id ascending
   *   (`compareKeys` of `@incasso/core/adapter-kit`), the same in every store.
   * - Paging: pages together list every matching case once; a page is stable while cases are added
   *   (nothing seen is repeated, nothing before the cursor is skipped).
   * - Errors: a bad query is `INVALID_INPUT` naming `query.<field>`; a cursor that no page answered
   *   is `INVALID_INPUT` at `query.after`. A client-portal scope lists only its client's cases.
   */
  listCases(scope: StoreScope, query?: CaseQuery): Promise<Page<CaseRow>>;
  /**
   * The cases that have any of the keys, as `caseKeysOf` of `@incasso/core` computes them from
   * each case's events (its payment reference, case number, client's reference, invoice numbers,
   * the IBANs that paid it, its debtors): what the bank matcher looks cases up by.
   *
   * - Answers one hit per case and key it has, ordered by kind, key and case id; a key no case
   *   has is absent. Cases of every status are found.
   * - A key counts from the append that recorded it, in the same transaction.
   * - A client-portal scope finds only its client's cases. A bad query is `INVALID_INPUT` naming
   *   `query.<field>`.
   */
  findCasesByKeys(scope: StoreScope, query: CaseKeyQuery): Promise<CaseKeyHit[]>;
}
