// A 120-instalment plan followed with 120 payments: `planState` and `planReminders` against the
// floor of their own arithmetic (the same payments allocated to the same instalments in bare
// BigInt cents on prepared arrays, the reminder days as bare integers) and against proposing the
// plan, measured in the same run. Target: 120 × 120 under 1 ms.
// Run: pnpm --filter @incasso/core bench
import { it } from "vitest";
import type { PlanPayment, PlanProposal } from "../src/index.js";
import { MoneyDecimal, parseIsoDate, planReminders, planState, proposePlan } from "../src/index.js";
import type { BenchRow } from "./support.js";
import { compare, load, printTable } from "./support.js";

const requestOf = (count: number, frequency: "monthly" | "weekly" = "monthly") =>
  ({
    amount: `${500 * count}.00`,
    agreedOn: "2016-01-01",
    firstDueDate: "2016-02-01",
    frequency,
    schedule: { count },
    interest: { kind: "running", rate: { table: "be.legal" } },
  }) as const;

const planOf = (count: number, frequency: "monthly" | "weekly" = "monthly"): PlanProposal => {
  const result = proposePlan(requestOf(count, frequency));
  if (!result.ok) throw new Error(result.code);
  return result.plan;
};

/** One payment per instalment, its amount, a few days late now and then. */
const paymentsOf = (plan: PlanProposal): PlanPayment[] =>
  plan.instalments.map((instalment, index) => ({
    id: `T${index}`,
    date: instalment.dueDate.add({ days: index % 7 }),
    amount: new MoneyDecimal(instalment.amount.toFixed(2)),
  }));

const cents = (value: { toFixed(places: number): string }) =>
  BigInt(value.toFixed(2).replace(".", ""));
const dayOf = (date: { toString(): string }) => Date.parse(`${date.toString()}T00:00:00Z`) / 864e5;

/** The floor of `planState`: the payments allocated oldest instalment first, in bare BigInt. */
function stateFloor(plan: PlanProposal, payments: readonly PlanPayment[]): () => bigint {
  const amounts = plan.instalments.map((instalment) => cents(instalment.amount));
  const paidIn = payments.map((payment) => cents(payment.amount));
  return () => {
    const paid = amounts.map(() => 0n);
    let first = 0;
    let credit = 0n;
    for (const amount of paidIn) {
      let left = amount;
      for (let index = first; index < amounts.length && left > 0n; index++) {
        const open = (amounts[index] as bigint) - (paid[index] as bigint);
        // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
        const part = open < left ? open : left;
        paid[index] = (paid[index] as bigint) + part;
        left -= part;
        if (part === open) first = index + 1;
      }
      credit += left;
    }
    return credit;
  };
}

/** The floor of `planReminders`: the reminder days of every instalment as bare integers, sorted. */
function remindersFloor(plan: PlanProposal): () => number {
  const due = plan.instalments.map((instalment) => dayOf(instalment.dueDate));
  return () => {
    const days: number[] = [];
    for (const day of due) days.push(day - 7, day - 3, day - 1, day, day + 1);
    days.sort((a, b) => a - b);
    return days.length;
  };
}

const policy = { before: [7, 3, 1], onDay: true, after: [2, 5] };

it("payment plans against the floor of their own arithmetic", () => {
  const loadAtStart = load();
  const plan = planOf(120);
  const payments = paymentsOf(plan);
  const asOf = parseIsoDate("2026-06-30");
  const rows: BenchRow[] = [
    {
      measure: "planState, 120 instalments × 120 payments",
      ...compare(() => planState(plan, payments, asOf), stateFloor(plan, payments)),
      baseline: "floor: the allocation in BigInt",
      target: "under 1 ms",
    },
    {
      measure: "planState, 120 instalments × 120 payments",
      ...compare(
        () => planState(plan, payments, asOf),
        () => proposePlan(requestOf(120)),
      ),
      baseline: "proposePlan (120 instalments, running table interest)",
      target: "under 1 ms",
    },
    {
      measure: "planReminders (3 before, on the day, 2 after), 120 instalments",
      ...compare(() => planReminders(plan, policy), remindersFloor(plan)),
      baseline: "floor: the reminder days as integers, sorted",
      target: "under 1 ms",
    },
  ];
  printTable("Payment plans", rows, loadAtStart);
});

it("payment plan growth in instalments and payments", () => {
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  for (const count of [12, 24, 60, 120, 240, 480]) {
    // Weekly, so that the largest plan stays within the rate table's years.
    const plan = planOf(count, "weekly");
    const payments = paymentsOf(plan);
    const asOf = plan.lastDueDate.add({ days: 30 });
    rows.push({
      measure: `planState, ${count} weekly instalments × ${count} payments`,
      ...compare(() => planState(plan, payments, asOf), stateFloor(plan, payments), {
        samples: 21,
      }),
      baseline: "floor: the allocation in BigInt",
    });
  }
  printTable("Payment plan growth", rows, loadAtStart);
});
