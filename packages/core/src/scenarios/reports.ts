import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { MoneyDecimal } from "../money/decimal.js";
import type { CaseOnAgenda } from "./agenda.js";

// Kept for the importers of this path (storage/) until they import aging.js.
export { type AgingBucket, DEFAULT_AGING_BUCKETS } from "./aging.js";

const ZERO = new MoneyDecimal(0);

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
