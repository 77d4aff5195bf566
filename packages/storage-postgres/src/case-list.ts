import type { CaseQuery, CaseRow } from "@incasso/core";
import { decodeCaseCursor, encodeCursor } from "@incasso/core/adapter-kit";
import { CASE_COLUMNS } from "./rows.js";

type Sort = NonNullable<CaseQuery["sort"]>;

/** A parsed case list query (zod output: sort and limit filled in). */
export interface ParsedCaseQuery extends Omit<CaseQuery, "sort" | "limit"> {
  readonly sort: Sort;
  readonly limit: number;
}

/** Collects the parameters of a statement and answers their `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * How a list order is one ascending index key: the generated column the migration indexes (a plain
 * column, so the keyset condition is an index condition under row-level security too), and what a
 * case without a value has in it.
 */
const ORDERS: Record<
  Exclude<Sort, "case-id">,
  {
    readonly key: string;
    readonly none: string;
    readonly type: "date" | "numeric";
  }
> = {
  "next-action": {
    key: "c.next_action_key",
    none: "'infinity'::date",
    type: "date",
  },
  balance: {
    key: "c.balance_key",
    none: "'Infinity'::numeric",
    type: "numeric",
  },
  "last-contact": {
    key: "c.last_contact_key",
    none: "'-infinity'::date",
    type: "date",
  },
};

/**
 * The one statement of a page of `listCases`: the filters of the query, the order as an ascending
 * key `(sort key, case_id)` matching an index, the keyset condition of the cursor as a row
 * comparison on that key, and `LIMIT limit + 1` (the extra row says whether there is a next page).
 */
export function caseListStatement(
  tenantId: string,
  scopeClientId: string | undefined,
  query: ParsedCaseQuery,
): { readonly text: string; readonly values: unknown[] } {
  const params = new Params();
  const where = [`c.tenant_id = ${params.add(tenantId)}`];
  if (scopeClientId !== undefined) where.push(`c.client_id = ${params.add(scopeClientId)}`);
  if (query.clientId !== undefined) where.push(`c.client_id = ${params.add(query.clientId)}`);
  if (query.owner !== undefined) where.push(`c.owner = ${params.add(query.owner)}`);
  if (query.status !== undefined) {
    where.push(
      `c.status IN (SELECT jsonb_array_elements_text(${params.add(JSON.stringify(query.status))}::jsonb))`,
    );
  }
  if (query.collectionGroup !== undefined) {
    where.push(`c.collection_group = ${params.add(query.collectionGroup)}`);
  }
  if (query.agingBucket !== undefined) {
    where.push(`c.aging_bucket = ${params.add(query.agingBucket)}`);
  }
  const range = (column: string, type: string, from?: string, to?: string) => {
    // PostgreSQL has no year 0 (it is 1 BC), so no stored date is as early as 0000-MM-DD.
    const yearZero = (date: string) => type === "date" && date.startsWith("0000");
    if (from !== undefined) {
      where.push(
        yearZero(from) ? `${column} IS NOT NULL` : `${column} >= ${params.add(from)}::${type}`,
      );
    }
    if (to !== undefined) {
      where.push(yearZero(to) ? "false" : `${column} <= ${params.add(to)}::${type}`);
    }
  };
  range("c.next_action_date", "date", query.nextActionFrom, query.nextActionTo);
  range("c.last_contact", "date", query.lastContactFrom, query.lastContactTo);
  range("c.balance", "numeric", query.balanceMin, query.balanceMax);
  if (query.caseIdFrom !== undefined) where.push(`c.case_id >= ${params.add(query.caseIdFrom)}`);
  if (query.caseIdTo !== undefined) where.push(`c.case_id < ${params.add(query.caseIdTo)}`);
  if (query.caseNumbers !== undefined) {
    where.push(`c.case_number = ANY(${params.add(query.caseNumbers)}::text[])`);
  }
  if (query.debtorIds !== undefined) {
    // An array overlap: the GIN index on debtor_ids answers it.
    where.push(`c.debtor_ids && ${params.add(query.debtorIds)}::text[]`);
  }

  let orderBy: string;
  const after = query.after === undefined ? null : decodeCaseCursor(query.sort, query.after);
  if (query.sort === "case-id") {
    orderBy = "c.case_id";
    if (after !== null) where.push(`c.case_id > ${params.add(after.caseId)}::text`);
  } else {
    const order = ORDERS[query.sort];
    orderBy = `${order.key}, c.case_id`;
    if (after !== null) {
      const id = `${params.add(after.caseId)}::text`;
      const value =
        after.value === null
          ? order.none
          : order.type === "numeric"
            ? `-(${params.add(after.value)}::numeric)`
            : `${params.add(after.value)}::date`;
      where.push(`(${order.key}, c.case_id) > (${value}, ${id})`);
    }
  }
  const limit = params.add(query.limit + 1);
  return {
    text: `SELECT ${CASE_COLUMNS} FROM cases c WHERE ${where.join(" AND ")} ORDER BY ${orderBy} LIMIT ${limit}`,
    values: params.values,
  };
}

/** The cursor after a row in a list order: `[value, caseId]`, or `[caseId]` for `case-id`. */
export function cursorOf(sort: Sort, row: CaseRow): string {
  switch (sort) {
    case "case-id":
      return encodeCursor([row.caseId]);
    case "next-action":
      return encodeCursor([row.nextActionDate, row.caseId]);
    case "balance":
      return encodeCursor([row.balance, row.caseId]);
    case "last-contact":
      return encodeCursor([row.lastContact, row.caseId]);
  }
}
