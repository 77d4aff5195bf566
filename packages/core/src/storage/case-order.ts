import { Decimal } from "decimal.js";
import type { CaseQuery, CaseRow } from "../ports/case-list-store.js";
import { decodeCaseCursor, encodeCursor } from "./cursor.js";

/**
 * A sort order of case lists.
 *
 * @example
 * ```ts
 * import type { CaseSort } from "@incasso/core/adapter-kit";
 * const sort: CaseSort = "next-action";
 * ```
 */
export type CaseSort = NonNullable<CaseQuery["sort"]>;

/**
 * The sort key of a case row: its sort value (or null) and its id; for `case-id` the id alone.
 *
 * @example
 * ```ts
 * import type { SortKey } from "@incasso/core/adapter-kit";
 * const key: SortKey = ["2026-02-01", "C7"];
 * ```
 */
export type SortKey = readonly (string | null)[];

/**
 * The sort key of a case row in a list order: its sort value (absent for `case-id`) and its id.
 *
 * @example
 * ```ts
 * import type { CaseRow } from "@incasso/core";
 * import { sortKey } from "@incasso/core/adapter-kit";
 * declare const row: CaseRow;
 * sortKey("next-action", row); // [row.nextActionDate, row.caseId]
 * ```
 */
export function sortKey(sort: CaseSort, row: CaseRow): SortKey {
  switch (sort) {
    case "case-id":
      return [row.caseId];
    case "next-action":
      return [row.nextActionDate, row.caseId];
    case "balance":
      return [row.balance, row.caseId];
    case "last-contact":
      return [row.lastContact, row.caseId];
  }
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares two sort keys in a list order, the contract every adapter's `listCases` follows:
 * `case-id` ascending; `next-action` ascending, none last; `balance` descending, unknown last;
 * `last-contact` ascending, never contacted first; ties by case id ascending.
 *
 * @example
 * ```ts
 * import { compareKeys } from "@incasso/core/adapter-kit";
 * compareKeys("balance", ["10.00", "C1"], ["9.00", "C2"]); // -1: the larger balance first
 * ```
 */
export function compareKeys(sort: CaseSort, a: SortKey, b: SortKey): number {
  const idOrder = text(a.at(-1) ?? "", b.at(-1) ?? "");
  if (sort === "case-id") return idOrder;
  const x = a[0] ?? null;
  const y = b[0] ?? null;
  if (x === null || y === null) {
    if (x === y) return idOrder;
    const nullFirst = sort === "last-contact";
    return (x === null) === nullFirst ? -1 : 1;
  }
  const value = sort === "balance" ? new Decimal(y).comparedTo(x) : text(x, y);
  return value || idOrder;
}

/**
 * Compares two case rows in a list order (see {@link compareKeys}).
 *
 * @example
 * ```ts
 * import type { CaseRow } from "@incasso/core";
 * import { compareRows } from "@incasso/core/adapter-kit";
 * declare const rows: CaseRow[];
 * rows.sort((a, b) => compareRows("next-action", a, b));
 * ```
 */
export function compareRows(sort: CaseSort, a: CaseRow, b: CaseRow): number {
  return compareKeys(sort, sortKey(sort, a), sortKey(sort, b));
}

/**
 * The cursor after a row in a list order.
 *
 * @example
 * ```ts
 * import type { CaseRow } from "@incasso/core";
 * import { cursorAfter } from "@incasso/core/adapter-kit";
 * declare const row: CaseRow;
 * cursorAfter("balance", row);
 * ```
 */
export function cursorAfter(sort: CaseSort, row: CaseRow): string {
  return encodeCursor(sortKey(sort, row));
}

/**
 * Reads a cursor of a list order back into its sort key.
 *
 * @example
 * ```ts
 * import { cursorKey } from "@incasso/core/adapter-kit";
 * cursorKey("case-id", '["C1"]'); // ["C1"]
 * ```
 */
export function cursorKey(sort: CaseSort, cursor: string): SortKey {
  const { value, caseId } = decodeCaseCursor(sort, cursor);
  return sort === "case-id" ? [caseId] : [value, caseId];
}

/**
 * Whether a case row passes the filters of a list query (dates and amounts inclusive, the case-id
 * range `[from, to)`, a filter on a value excludes rows that have none).
 *
 * @example
 * ```ts
 * import type { CaseRow } from "@incasso/core";
 * import { matchesQuery } from "@incasso/core/adapter-kit";
 * declare const row: CaseRow;
 * matchesQuery(row, { owner: "an.peeters" });
 * ```
 */
export function matchesQuery(row: CaseRow, query: CaseQuery): boolean {
  const within = (value: string | null, from?: string, to?: string) =>
    (from === undefined && to === undefined) ||
    (value !== null && (from === undefined || value >= from) && (to === undefined || value <= to));
  const amount = (value: string | null) =>
    (query.balanceMin === undefined && query.balanceMax === undefined) ||
    (value !== null &&
      (query.balanceMin === undefined || new Decimal(value).gte(query.balanceMin)) &&
      (query.balanceMax === undefined || new Decimal(value).lte(query.balanceMax)));
  return (
    (query.clientId === undefined || row.clientId === query.clientId) &&
    (query.owner === undefined || row.owner === query.owner) &&
    (query.status === undefined || query.status.includes(row.status)) &&
    (query.collectionGroup === undefined || row.collectionGroup === query.collectionGroup) &&
    (query.agingBucket === undefined || row.agingBucket === query.agingBucket) &&
    within(row.nextActionDate, query.nextActionFrom, query.nextActionTo) &&
    within(row.lastContact, query.lastContactFrom, query.lastContactTo) &&
    amount(row.balance) &&
    (query.caseIdFrom === undefined || row.caseId >= query.caseIdFrom) &&
    (query.caseIdTo === undefined || row.caseId < query.caseIdTo) &&
    (query.caseNumbers === undefined || query.caseNumbers.includes(row.caseNumber)) &&
    (query.debtorIds === undefined || row.debtorIds.some((id) => query.debtorIds?.includes(id)))
  );
}
