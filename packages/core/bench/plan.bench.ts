// A 120-instalment plan followed with 120 payments, against proposing the same plan (the baseline)
// in the same run. Run: pnpm --filter @incasso/core bench
import { bench, describe } from "vitest";
import { MoneyDecimal, parseIsoDate, planReminders, planState, proposePlan } from "../src/index.js";

const request = {
  amount: "60000.00",
  agreedOn: "2016-01-01",
  firstDueDate: "2016-02-01",
  frequency: "monthly",
  schedule: { count: 120 },
  interest: { kind: "running", rate: { table: "be.legal" } },
} as const;
const result = proposePlan(request);
if (!result.ok) throw new Error(result.code);
const plan = result.plan;
const payments = plan.instalments.map((instalment, index) => ({
  id: `T${index}`,
  date: instalment.dueDate.add({ days: index % 7 }),
  amount: new MoneyDecimal(instalment.amount.toFixed(2)),
}));
const asOf = parseIsoDate("2026-06-30");

describe("120-instalment plan with 120 payments", () => {
  bench("baseline: proposePlan (120 instalments, running table interest)", () => {
    proposePlan(request);
  });
  bench("planState as of the end, 120 payments", () => {
    planState(plan, payments, asOf);
  });
  bench("planReminders (3 before, on the day, 2 after)", () => {
    planReminders(plan, { before: [7, 3, 1], onDay: true, after: [2, 5] });
  });
});
