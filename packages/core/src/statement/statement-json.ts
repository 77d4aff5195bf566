import type { Statement } from "./statement.js";

/**
 * The statement in the JSON of the calculation contract: amounts as decimal strings with two
 * decimals, dates as `YYYY-MM-DD`, rates as plain decimal strings.
 *
 * @example
 * ```ts
 * import { computeStatement, parseCaseFile, statementToJson } from "@incasso/core";
 * const json = statementToJson(computeStatement(parseCaseFile({
 *   asOf: "2024-05-01", terms: { penalty: { kind: "nl.bik" }, penaltyDate: "2024-05-01" },
 *   claims: [{ id: "F1", principal: "6000.00", dueDate: "2024-03-01" }],
 * })));
 * json.totals.penalty; // "675.00"
 * ```
 */
export function statementToJson(statement: Statement): StatementJson {
  const money = (value: { toFixed(places: number): string }) => value.toFixed(2);
  const t = statement.totals;
  return {
    asOf: statement.asOf.toString(),
    totals: {
      principal: money(t.principal),
      interest: money(t.interest),
      costs: money(t.costs),
      interestAccrued: money(t.interestAccrued),
      penalty: money(t.penalty),
      paid: money(t.paid),
      credit: money(t.credit),
      balance: money(t.balance),
    },
    claims: Object.fromEntries(
      statement.claims.map((claim) => [
        claim.id,
        { principal: money(claim.principal), interest: money(claim.interest) },
      ]),
    ),
    interestLines: statement.interestLines.map((line) => ({
      claim: line.claim,
      from: line.from.toString(),
      to: line.to.toString(),
      days: line.days,
      base: money(line.base),
      rate: line.rate.toString(),
      amount: money(line.amount),
    })),
  };
}

/**
 * The statement JSON of the calculation contract.
 *
 * @example
 * ```ts
 * import type { StatementJson } from "@incasso/core";
 * const balanceOf = (json: StatementJson) => json.totals.balance;
 * ```
 */
export interface StatementJson {
  readonly asOf: string;
  readonly totals: {
    readonly principal: string;
    readonly interest: string;
    readonly costs: string;
    readonly interestAccrued: string;
    readonly penalty: string;
    readonly paid: string;
    readonly credit: string;
    readonly balance: string;
  };
  readonly claims: Readonly<
    Record<string, { readonly principal: string; readonly interest: string }>
  >;
  readonly interestLines: readonly {
    readonly claim: string;
    readonly from: string;
    readonly to: string;
    readonly days: number;
    readonly base: string;
    readonly rate: string;
    readonly amount: string;
  }[];
}
