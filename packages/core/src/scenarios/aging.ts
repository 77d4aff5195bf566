import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { MoneyDecimal } from "../money/decimal.js";
import type { CaseOnAgenda } from "./agenda.js";

const ZERO = new MoneyDecimal(0);

/**
 * An aging bucket: a label and the range of days past due it covers (`to` null: no upper bound).
 *
 * @example
 * ```ts
 * import type { AgingBucket } from "@incasso/core";
 * const bucket: AgingBucket = { label: "91-180", from: 91, to: 180 };
 * ```
 */
export interface AgingBucket {
  readonly label: string;
  readonly from: number;
  readonly to: number | null;
}

/**
 * The default buckets: current, 1-30, 31-60, 61-90, 91-180, over 180 days past due.
 *
 * @example
 * ```ts
 * import { DEFAULT_AGING_BUCKETS } from "@incasso/core";
 * DEFAULT_AGING_BUCKETS.map((b) => b.label); // ["current", "1-30", "31-60", "61-90", "91-180", "over 180"]
 * ```
 */
export const DEFAULT_AGING_BUCKETS: readonly AgingBucket[] = [
  { label: "current", from: Number.NEGATIVE_INFINITY, to: 0 },
  { label: "1-30", from: 1, to: 30 },
  { label: "31-60", from: 31, to: 60 },
  { label: "61-90", from: 61, to: 90 },
  { label: "91-180", from: 91, to: 180 },
  { label: "over 180", from: 181, to: null },
];

/**
 * One row of the aging report: a group (client, owner or collection group) and the open amount per
 * bucket, with the total.
 *
 * @example
 * ```ts
 * import type { AgingRow } from "@incasso/core";
 * const worst = (row: AgingRow) => row.buckets["over 180"];
 * ```
 */
export interface AgingRow {
  readonly group: string;
  readonly buckets: Readonly<Record<string, Decimal>>;
  readonly total: Decimal;
  readonly cases: number;
}

/**
 * Ages the open amounts of cases as of the date they were prepared: each claim's open principal and
 * interest by the days past its due date (or its invoice date), the case's costs and credit with its
 * oldest claim; grouped by client, owner or collection group. The bucket totals of a group equal the
 * sum of its cases' balances.
 *
 * @example
 * ```ts
 * import { aging, type CaseOnAgenda } from "@incasso/core";
 * declare const cases: CaseOnAgenda[];
 * aging(cases, { groupBy: "owner" })[0]?.buckets["1-30"];
 * ```
 */
export function aging(
  cases: readonly CaseOnAgenda[],
  options: {
    readonly groupBy?: "client" | "owner" | "collection-group";
    readonly by?: "due-date" | "invoice-date";
    readonly buckets?: readonly AgingBucket[];
  } = {},
): AgingRow[] {
  const buckets = options.buckets ?? DEFAULT_AGING_BUCKETS;
  const rows = new Map<string, { buckets: Map<string, Decimal>; cases: number }>();
  const bucketOf = (days: number) =>
    (
      buckets.find((b) => days >= b.from && (b.to === null || days <= b.to)) ??
      buckets.at(-1) ?? { label: "" }
    ).label;
  for (const { state, statement } of cases) {
    const group =
      options.groupBy === "owner"
        ? state.owner
        : options.groupBy === "collection-group"
          ? (state.opened.collectionGroup ?? "(none)")
          : state.opened.client.name;
    const row = rows.get(group) ?? {
      buckets: new Map(buckets.map((b) => [b.label, ZERO])),
      cases: 0,
    };
    row.cases++;
    const add = (label: string, amount: Decimal) =>
      row.buckets.set(label, (row.buckets.get(label) ?? ZERO).plus(amount));
    let oldest: number | null = null;
    for (const claim of statement.claims) {
      const source = state.claims.find((c) => c.id === claim.id);
      const reference =
        options.by === "invoice-date" && source
          ? Temporal.PlainDate.from(source.invoiceDate)
          : claim.dueDate;
      const days = reference.until(statement.asOf).days;
      oldest = oldest === null ? days : Math.max(oldest, days);
      add(bucketOf(days), claim.principal.plus(claim.interest));
    }
    const rest = statement.totals.balance.minus(
      statement.claims.reduce((sum, claim) => sum.plus(claim.principal).plus(claim.interest), ZERO),
    );
    add(bucketOf(oldest ?? 0), rest);
    rows.set(group, row);
  }
  return [...rows].map(([group, row]) => ({
    group,
    buckets: Object.fromEntries(row.buckets),
    total: [...row.buckets.values()].reduce((sum, value) => sum.plus(value), ZERO),
    cases: row.cases,
  }));
}

/**
 * The cases whose oldest open claim moved into another aging bucket between two preparations of
 * the same cases (for notifications "case X entered 61-90").
 *
 * @example
 * ```ts
 * import { bucketChanges, type CaseOnAgenda } from "@incasso/core";
 * declare const yesterday: CaseOnAgenda[];
 * declare const today: CaseOnAgenda[];
 * bucketChanges(yesterday, today).map((c) => `${c.caseNumber} entered ${c.to}`);
 * ```
 */
export function bucketChanges(
  before: readonly CaseOnAgenda[],
  after: readonly CaseOnAgenda[],
  buckets: readonly AgingBucket[] = DEFAULT_AGING_BUCKETS,
): { caseNumber: string; owner: string; from: string; to: string }[] {
  const bucketOf = (prepared: CaseOnAgenda) => {
    const days = Math.max(
      0,
      ...prepared.statement.claims
        .filter((c) => c.principal.gt(0))
        .map((c) => c.dueDate.until(prepared.statement.asOf).days),
    );
    return (buckets.find((b) => days >= b.from && (b.to === null || days <= b.to)) ?? { label: "" })
      .label;
  };
  const previous = new Map(
    before.map((prepared) => [prepared.state.caseNumber, bucketOf(prepared)]),
  );
  return after.flatMap((prepared) => {
    const from = previous.get(prepared.state.caseNumber);
    const to = bucketOf(prepared);
    return from !== undefined && from !== to
      ? [{ caseNumber: prepared.state.caseNumber, owner: prepared.state.owner, from, to }]
      : [];
  });
}
