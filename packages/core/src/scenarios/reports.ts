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
        ? state.opened.owner
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
 * Payments received per month (cash receipts history), from the cases' statements.
 *
 * @example
 * ```ts
 * import { cashReceipts, type CaseOnAgenda } from "@incasso/core";
 * declare const cases: CaseOnAgenda[];
 * cashReceipts(cases).map((row) => `${row.month} ${row.amount.toFixed(2)}`);
 * ```
 */
export function cashReceipts(
  cases: readonly CaseOnAgenda[],
): { month: string; amount: Decimal; payments: number }[] {
  const months = new Map<string, { amount: Decimal; payments: number }>();
  for (const { state } of cases) {
    for (const payment of state.payments) {
      const month = payment.at.slice(0, 7);
      const row = months.get(month) ?? { amount: ZERO, payments: 0 };
      months.set(month, { amount: row.amount.plus(payment.amount), payments: row.payments + 1 });
    }
  }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, row]) => ({ month, ...row }));
}

/**
 * The collection actions done, per activity and result (summary of collection actions).
 *
 * @example
 * ```ts
 * import { actionsSummary, type CaseOnAgenda } from "@incasso/core";
 * declare const cases: CaseOnAgenda[];
 * actionsSummary(cases);
 * ```
 */
export function actionsSummary(
  cases: readonly CaseOnAgenda[],
): { activity: string; result: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { scenario } of cases) {
    for (const step of scenario?.steps ?? []) {
      if (step.status !== "done" && step.status !== "cancelled" && step.status !== "skipped")
        continue;
      const key = `${step.activity.code}\u0000${step.status === "done" ? (step.note ?? "done") : step.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, count]) => {
    const [activity = "", result = ""] = key.split("\u0000");
    return { activity, result, count };
  });
}

/**
 * The portfolio's KPIs as of the date the cases were prepared:
 * - `dso`: balance-weighted average days since the invoice date of the open claims;
 * - `conversionRate`: the share of cases with at least one payment;
 * - `averageDaysToFirstPayment`: from opening to the first payment, over cases with a payment;
 * - `recoveryRate`: paid / (principal claimed + interest accrued + charges);
 * - `promisesKeptRate`: kept / (kept + broken).
 *
 * @example
 * ```ts
 * import { kpis, type CaseOnAgenda } from "@incasso/core";
 * declare const cases: CaseOnAgenda[];
 * kpis(cases).recoveryRate;
 * ```
 */
export function kpis(cases: readonly CaseOnAgenda[]): {
  dso: number;
  conversionRate: number;
  averageDaysToFirstPayment: number | null;
  recoveryRate: number;
  promisesKeptRate: number | null;
} {
  let weighted = ZERO;
  let open = ZERO;
  let paid = ZERO;
  let claimed = ZERO;
  let converted = 0;
  const daysToFirst: number[] = [];
  let kept = 0;
  let broken = 0;
  for (const { state, statement } of cases) {
    for (const claim of statement.claims) {
      const source = state.claims.find((c) => c.id === claim.id);
      const owed = claim.principal.plus(claim.interest);
      if (source && owed.gt(0)) {
        weighted = weighted.plus(
          owed.times(Temporal.PlainDate.from(source.invoiceDate).until(statement.asOf).days),
        );
        open = open.plus(owed);
      }
    }
    paid = paid.plus(statement.totals.paid);
    claimed = claimed
      .plus(statement.claims.reduce((sum, claim) => sum.plus(claim.originalPrincipal), ZERO))
      .plus(statement.totals.interestAccrued)
      .plus(statement.charges.reduce((sum, charge) => sum.plus(charge.amount), ZERO));
    const first = state.payments.map((payment) => payment.at).sort()[0];
    if (first !== undefined) {
      converted++;
      daysToFirst.push(
        Temporal.PlainDate.from(state.opened.at).until(Temporal.PlainDate.from(first)).days,
      );
    }
    kept += state.promises.filter((promise) => promise.state === "kept").length;
    broken += state.promises.filter((promise) => promise.state === "broken").length;
  }
  const ratio = (a: Decimal, b: Decimal) =>
    b.isZero() ? 0 : a.dividedBy(b).toDecimalPlaces(4).toNumber();
  return {
    dso: open.isZero() ? 0 : weighted.dividedBy(open).toDecimalPlaces(1).toNumber(),
    conversionRate: cases.length === 0 ? 0 : converted / cases.length,
    averageDaysToFirstPayment:
      daysToFirst.length === 0 ? null : daysToFirst.reduce((a, b) => a + b, 0) / daysToFirst.length,
    recoveryRate: ratio(paid, claimed),
    promisesKeptRate: kept + broken === 0 ? null : kept / (kept + broken),
  };
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
      ? [{ caseNumber: prepared.state.caseNumber, owner: prepared.state.opened.owner, from, to }]
      : [];
  });
}

/**
 * One factor of a risk score: its points out of its maximum, and why.
 *
 * @example
 * ```ts
 * import type { RiskFactor } from "@incasso/core";
 * const line = (f: RiskFactor) => `${f.factor}: ${f.points}/${f.max} (${f.explanation})`;
 * ```
 */
export interface RiskFactor {
  readonly factor:
    | "days-past-due"
    | "amount"
    | "broken-promises"
    | "payment-history"
    | "returned-mail";
  readonly points: number;
  readonly max: number;
  readonly explanation: string;
}

/**
 * A transparent risk score from 0 (low) to 100 (high), explained factor by factor: days past due
 * (up to 30 points, 1 per 12 days), amount (up to 20, by balance band), broken promises (up to 25,
 * 12.5 each), payment history (up to 15, less for each euro already paid) and returned mail (up to
 * 10, 5 each).
 *
 * @example
 * ```ts
 * import { riskScore, type CaseOnAgenda } from "@incasso/core";
 * declare const prepared: CaseOnAgenda;
 * riskScore(prepared).factors.map((f) => f.explanation);
 * ```
 */
export function riskScore(prepared: CaseOnAgenda): { score: number; factors: RiskFactor[] } {
  const { state, statement } = prepared;
  const open = statement.claims.filter((claim) => claim.principal.gt(0));
  const days = Math.max(0, ...open.map((claim) => claim.dueDate.until(statement.asOf).days));
  const balance = statement.totals.balance;
  const amountPoints = balance.lte(500) ? 5 : balance.lte(2500) ? 10 : balance.lte(10000) ? 15 : 20;
  const broken = state.promises.filter((promise) => promise.state === "broken").length;
  const claimed = statement.claims.reduce((sum, claim) => sum.plus(claim.originalPrincipal), ZERO);
  const paidShare = claimed.isZero()
    ? 1
    : Math.min(1, statement.totals.paid.dividedBy(claimed).toNumber());
  const returned = state.events.filter((event) => event.type === "mail.returned").length;
  const factors: RiskFactor[] = [
    {
      factor: "days-past-due",
      points: Math.min(30, Math.floor(days / 12)),
      max: 30,
      explanation: `${days} days past due`,
    },
    {
      factor: "amount",
      points: amountPoints,
      max: 20,
      explanation: `balance ${balance.toFixed(2)}`,
    },
    {
      factor: "broken-promises",
      points: Math.min(25, broken * 12.5),
      max: 25,
      explanation: `${broken} broken promise(s)`,
    },
    {
      factor: "payment-history",
      points: Math.round(15 * (1 - paidShare)),
      max: 15,
      explanation: `${Math.round(paidShare * 100)} % of the principal paid`,
    },
    {
      factor: "returned-mail",
      points: Math.min(10, returned * 5),
      max: 10,
      explanation: `${returned} letter(s) returned`,
    },
  ];
  return { score: factors.reduce((sum, factor) => sum + factor.points, 0), factors };
}
