import type { Temporal } from "temporal-polyfill";
import type { CaseOptions } from "../case/case-statement.js";
import { caseStatement } from "../case/case-statement.js";
import type { PlanRequestJson } from "./plan-request.js";
import type { PlanOptions, PlanResult } from "./propose-plan.js";
import { proposePlan } from "./propose-plan.js";

/**
 * Proposes a payment plan for what a case owes as of a date: the case's balance from its statement
 * is the amount to finance, and the case's payment reference is the plan's unless the request
 * gives one.
 *
 * @example
 * ```ts
 * import { parseIsoDate, proposePlanForCase } from "@incasso/core";
 * declare const events: unknown[];
 * proposePlanForCase(events, parseIsoDate("2026-01-31"), { firstDueDate: "2026-02-15", frequency: "monthly", schedule: { count: 6 } });
 * ```
 */
export function proposePlanForCase(
  events: unknown,
  asOf: Temporal.PlainDate,
  request: Omit<PlanRequestJson, "amount">,
  options: CaseOptions & PlanOptions = {},
): PlanResult {
  const { statement, state } = caseStatement(events, asOf, options);
  const reference = request.reference ?? state.opened.paymentReference;
  return proposePlan(
    {
      ...request,
      amount: statement.totals.balance.toFixed(2),
      agreedOn: request.agreedOn ?? asOf.toString(),
      ...(reference ? { reference } : {}),
    },
    options,
  );
}
