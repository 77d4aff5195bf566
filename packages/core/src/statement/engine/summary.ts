// The summary: the statement as a letter shows it, from the engine's state in cents (the contract
// spec/case-file.md of the shared folder; docs/calculations.md).
//
// - Interest lines list by start date, then by the claim's position; each keeps the table entries
//   in force during it with their sources, so a letter can cite them.
// - A claim's interest is what it accrued, less what was paid, plus what was capitalised and is
//   still owed; the totals add the interest charges to it.
// - Balance = principal + interest + costs - credit; `paid` counts the payments through the date.
// - Every allocation is listed, so a letter can show where every euro went.
//
// The one place where cents become decimals: exact, no rounding happens here.
import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import { toEpochDay } from "../../dates/epoch-day.js";
import type { InterestTerms } from "../case-file.js";
import { fromCents as centsToDecimal, toCents } from "../cents.js";
import type { InterestLine, Statement, StatementCharge, StatementClaim } from "../statement.js";
import type { EngineState } from "./engine-state.js";
import { dateOf } from "./engine-state.js";

/**
 * Builds the statement as of `asOf` from the state the rules left, every claim advanced through
 * the date and its last line closed.
 *
 * @internal
 */
export function summarise(engine: EngineState, asOf: Temporal.PlainDate): Statement {
  const { file, claims, charges, allocations, credit } = engine;
  // Decimals are immutable, so one instance per distinct amount serves every field that shows it.
  const decimals = new Map<bigint, Decimal>();
  const fromCents = (cents: bigint): Decimal => {
    let value = decimals.get(cents);
    if (value === undefined) {
      value = centsToDecimal(cents);
      decimals.set(cents, value);
    }
    return value;
  };
  const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);
  const claimInterest = claims.map(
    (state) =>
      state.closedSum -
      state.capitalisedTotal -
      state.paidUncapitalised +
      state.capitalisedOutstanding,
  );
  const statementClaims: StatementClaim[] = claims.map((state, index) => ({
    id: state.claim.id,
    dueDate: state.claim.dueDate,
    originalPrincipal: state.claim.principal,
    principal: fromCents(state.principal),
    interest: fromCents(claimInterest[index] ?? 0n),
    capitalisedInterest: fromCents(state.capitalisedOutstanding),
    interestAccrued: fromCents(state.closedSum),
  }));
  const statementCharges: StatementCharge[] = charges.map((state) => ({
    id: state.charge.id,
    kind: state.charge.kind,
    date: state.charge.date,
    amount: fromCents(state.amount),
    outstanding: fromCents(state.outstanding),
    penalty: state.penalty,
  }));
  const principal = sum(claims.map((state) => state.principal));
  const interest =
    sum(claimInterest) +
    sum(
      charges.filter((state) => state.charge.kind === "interest").map((state) => state.outstanding),
    );
  const costs = sum(
    charges.filter((state) => state.charge.kind === "cost").map((state) => state.outstanding),
  );
  const creditTotal = sum(credit.map((entry) => entry.amount));
  const asOfDay = toEpochDay(asOf);
  const paid = sum(
    file.payments
      .filter((payment) => toEpochDay(payment.date) <= asOfDay)
      .map((payment) => toCents(payment.amount, "payment")),
  );
  const lines: InterestLine[] = claims
    .flatMap((state) => state.lines.map((line) => ({ line, state })))
    .sort((a, b) => a.line.from - b.line.from || a.state.index - b.state.index)
    .map(({ line, state }) => ({
      claim: state.claim.id,
      from: dateOf(engine, line.from),
      to: dateOf(engine, line.to),
      days: line.to - line.from + 1,
      base: fromCents(line.base),
      rate: line.rate.decimal,
      margin: (state.terms as InterestTerms).margin,
      divisor: line.divisor,
      amount: fromCents(line.amount ?? 0n),
      rateEntries: line.entries,
    }));
  return {
    asOf,
    currency: file.currency,
    totals: {
      principal: fromCents(principal),
      interest: fromCents(interest),
      costs: fromCents(costs),
      interestAccrued: fromCents(sum(claims.map((state) => state.closedSum))),
      penalty: fromCents(
        sum(charges.filter((state) => state.penalty).map((state) => state.amount)),
      ),
      paid: fromCents(paid),
      credit: fromCents(creditTotal),
      balance: fromCents(principal + interest + costs - creditTotal),
    },
    claims: statementClaims,
    interestLines: lines,
    charges: statementCharges,
    allocations: allocations.map((allocation) => ({
      payment: allocation.payment,
      date: dateOf(engine, allocation.day),
      bucket: allocation.bucket,
      target: allocation.target,
      capitalised: allocation.capitalised,
      designated: allocation.designated,
      amount: fromCents(allocation.amount),
    })),
  };
}
