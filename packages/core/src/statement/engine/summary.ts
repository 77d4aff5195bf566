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
// The one place where cents become decimals: exact, no rounding happens here. Decimals are laid
// out from the cents directly (cents.ts) and dates come from a shared memo, so the output costs
// little more than its objects; the totals are summed in one pass over the state.
import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import type { InterestTerms } from "../case-file.js";
import { fromCents } from "../cents.js";
import type {
  Allocation,
  InterestLine,
  Statement,
  StatementCharge,
  StatementClaim,
} from "../statement.js";
import type { ClaimState, EngineState, OpenLine, RawAllocation } from "./engine-state.js";
import { dateOf } from "./engine-state.js";

/**
 * Lines by start date, then by the claim's position. Each claim's own lines are in date order, so
 * a few claims are merged (the earliest head first, the first claim on a tie); many are sorted.
 */
function orderedLines(claims: readonly ClaimState[]): readonly OpenLine[] {
  if (claims.length === 1) return (claims[0] as ClaimState).lines;
  const all: OpenLine[] = [];
  if (claims.length > 8) {
    for (const state of claims) for (const line of state.lines) all.push(line);
    return all.sort((a, b) => a.from - b.from || a.owner.index - b.owner.index);
  }
  const heads = new Array<number>(claims.length).fill(0);
  for (;;) {
    let next: OpenLine | undefined;
    let owner = -1;
    for (let index = 0; index < claims.length; index++) {
      const line = (claims[index] as ClaimState).lines[heads[index] as number];
      if (line !== undefined && (next === undefined || line.from < next.from)) {
        next = line;
        owner = index;
      }
    }
    if (next === undefined) return all;
    all.push(next);
    heads[owner] = (heads[owner] as number) + 1;
  }
}

/**
 * Builds the statement as of `asOf` from the state the rules left, every claim advanced through
 * the date and its last line closed.
 *
 * @internal
 */
export function summarise(engine: EngineState, asOf: Temporal.PlainDate): Statement {
  const { file, claims, charges, allocations, credit } = engine;
  let principal = 0n;
  let interest = 0n;
  let interestAccrued = 0n;
  const statementClaims: StatementClaim[] = [];
  for (const state of claims) {
    const claimInterest =
      state.closedSum -
      state.capitalisedTotal -
      state.paidUncapitalised +
      state.capitalisedOutstanding;
    principal += state.principal;
    interestAccrued += state.closedSum;
    interest += claimInterest;
    statementClaims.push({
      id: state.claim.id,
      dueDate: state.claim.dueDate,
      originalPrincipal: state.claim.principal,
      principal: fromCents(state.principal),
      interest: fromCents(claimInterest),
      capitalisedInterest: fromCents(state.capitalisedOutstanding),
      interestAccrued: fromCents(state.closedSum),
    });
  }
  let costs = 0n;
  let penalty = 0n;
  const statementCharges: StatementCharge[] = [];
  for (const state of charges) {
    if (state.charge.kind === "interest") interest += state.outstanding;
    else costs += state.outstanding;
    if (state.penalty) penalty += state.amount;
    statementCharges.push({
      id: state.charge.id,
      kind: state.charge.kind,
      date: state.charge.date,
      amount: fromCents(state.amount),
      outstanding: fromCents(state.outstanding),
      penalty: state.penalty,
    });
  }
  let creditTotal = 0n;
  for (const entry of credit) creditTotal += entry.amount;
  // A claim's consecutive lines often share their base (a rate change, a new year): one decimal.
  const ordered = orderedLines(claims);
  const lines: InterestLine[] = new Array(ordered.length);
  for (let position = 0; position < ordered.length; position++) {
    const line = ordered[position] as OpenLine;
    const state = line.owner;
    let base = state.lastBaseDecimal as Decimal;
    if (state.lastBase !== line.base) {
      base = fromCents(line.base);
      state.lastBase = line.base;
      state.lastBaseDecimal = base;
    }
    lines[position] = {
      claim: state.claim.id,
      from: dateOf(line.from),
      to: dateOf(line.to),
      days: line.to - line.from + 1,
      base,
      rate: line.rate.decimal,
      margin: (state.terms as InterestTerms).margin,
      divisor: line.divisor,
      amount: fromCents(line.amount ?? 0n),
      rateEntries: line.entries,
    };
  }
  const statementAllocations: Allocation[] = new Array(allocations.length);
  for (let position = 0; position < allocations.length; position++) {
    const allocation = allocations[position] as RawAllocation;
    statementAllocations[position] = {
      payment: allocation.payment,
      date: dateOf(allocation.day),
      bucket: allocation.bucket,
      target: allocation.target,
      capitalised: allocation.capitalised,
      designated: allocation.designated,
      amount: fromCents(allocation.amount),
    };
  }
  return {
    asOf,
    currency: file.currency,
    totals: {
      principal: fromCents(principal),
      interest: fromCents(interest),
      costs: fromCents(costs),
      interestAccrued: fromCents(interestAccrued),
      penalty: fromCents(penalty),
      paid: fromCents(engine.paid),
      credit: fromCents(creditTotal),
      balance: fromCents(principal + interest + costs - creditTotal),
    },
    claims: statementClaims,
    interestLines: lines,
    charges: statementCharges,
    allocations: statementAllocations,
  };
}
