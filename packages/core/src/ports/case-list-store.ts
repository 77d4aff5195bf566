import type { z } from "zod";
import type { caseQuerySchema } from "../storage/store-schemas.js";
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
}
