// Imputation: how payments are allocated, with designations, in the case's order, and what is
// left as a credit (docs/calculations.md, "Imputation").
//
// Sources:
// - Order: NL art. 6:44 BW (costs, then interest, then principal; BIK counts as costs,
//   HR 10-07-2015); BE old art. 1253-1256 BW (art. 1254: interest before principal) and practice;
//   the case (or a payment) chooses one of the orders of `ImputationOrder`.
// - Within a bucket: charges oldest first; each claim's interest not yet capitalised before the
//   capitalised; claims oldest due date first, ties by position (NL art. 6:43 BW: among due debts
//   the oldest, when equally burdensome).
// - Designation: the debtor's (or the firm's) designation of what a payment pays is applied first
//   and never beyond what is owed that day or the payment (old art. 1253 BW; NL art. 6:43 lid 1
//   BW, and art. 6:44 lid 2 lets the creditor refuse one in another order: recording it is the
//   firm's decision).
// - What a payment leaves is a credit that pays charges arising later (a penalty fixed after an
//   overpayment, a later cost).
import { IncassoError } from "../../errors/incasso-error.js";
import type { Charge, Designation, ImputationOrder, Payment } from "../case-file.js";
import { fromCents, toCents } from "../cents.js";
import type { Allocation } from "../statement.js";
import type { Bucket, ChargeState, ClaimState, Credit, EngineState } from "./engine-state.js";
import { dateOf } from "./engine-state.js";
import { advance, uncapitalisedOwed } from "./interest-accrual.js";

const BUCKETS: Record<ImputationOrder, readonly Bucket[]> = {
  "costs-interest-principal": ["costs", "interest", "principal"],
  "interest-costs-principal": ["interest", "costs", "principal"],
  "principal-interest-costs": ["principal", "interest", "costs"],
};

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Records one imputation. */
function allocate(
  engine: EngineState,
  payment: string,
  day: number,
  bucket: Bucket,
  target: Allocation["target"],
  amount: bigint,
  capitalised: boolean,
  designated: boolean,
): void {
  engine.allocations.push({ payment, day, bucket, target, capitalised, designated, amount });
}

/** Pays a charge that has just arisen from the credit left by earlier payments, oldest first. */
function useCredit(engine: EngineState, state: ChargeState, day: number): void {
  const credit = engine.credit;
  while (state.outstanding > 0n && credit.length > 0) {
    const source = credit[0] as Credit;
    const paid = min(source.amount, state.outstanding);
    state.outstanding -= paid;
    source.amount -= paid;
    if (source.amount <= 0n) credit.shift();
    allocate(
      engine,
      source.payment,
      day,
      state.charge.kind === "cost" ? "costs" : "interest",
      state.target,
      paid,
      false,
      false,
    );
  }
}

/**
 * Adds a charge of `amount` cents on `day` (a manual charge, or the penalty), paid at once from
 * any credit.
 *
 * @internal
 */
export function addCharge(
  engine: EngineState,
  charge: Charge,
  isPenalty: boolean,
  amount: bigint,
  day: number,
): void {
  const state: ChargeState = {
    charge,
    target: { kind: "charge", id: charge.id },
    penalty: isPenalty,
    amount,
    outstanding: amount,
  };
  engine.charges.push(state);
  useCredit(engine, state, day);
}

/** Pays up to `left` of a claim's interest, uncapitalised first; returns what is left. */
function payClaimInterest(
  engine: EngineState,
  state: ClaimState,
  day: number,
  left: bigint,
  payment: string,
  designated: boolean,
): bigint {
  advance(state, day);
  let rest = left;
  const fromUncapitalised = min(rest, uncapitalisedOwed(state));
  if (fromUncapitalised > 0n) {
    state.paidUncapitalised += fromUncapitalised;
    rest -= fromUncapitalised;
    allocate(engine, payment, day, "interest", state.target, fromUncapitalised, false, designated);
  }
  const fromCapitalised = min(rest, state.capitalisedOutstanding);
  if (fromCapitalised > 0n) {
    state.capitalisedOutstanding -= fromCapitalised;
    rest -= fromCapitalised;
    allocate(engine, payment, day, "interest", state.target, fromCapitalised, true, designated);
  }
  return rest;
}

/** Pays `amount` of a claim's principal, after accruing its interest through the day. */
function payPrincipal(
  engine: EngineState,
  state: ClaimState,
  day: number,
  amount: bigint,
  payment: string,
  designated: boolean,
): void {
  advance(state, day);
  state.principal -= amount;
  allocate(engine, payment, day, "principal", state.target, amount, false, designated);
}

/** Pays up to `left` into one bucket in its order; returns what is left. */
function payBucket(
  engine: EngineState,
  bucket: Bucket,
  payment: Payment,
  day: number,
  left: bigint,
): bigint {
  let rest = left;
  if (bucket !== "principal") {
    // Charges are added day by day, so the list is already oldest first.
    const kind = bucket === "costs" ? "cost" : "interest";
    for (const state of engine.charges) {
      if (rest <= 0n) return rest;
      if (state.charge.kind !== kind || state.outstanding <= 0n) continue;
      const paid = min(rest, state.outstanding);
      state.outstanding -= paid;
      rest -= paid;
      allocate(engine, payment.id, day, bucket, state.target, paid, false, false);
    }
    if (bucket === "costs") return rest;
  }
  for (const state of engine.byDue) {
    if (rest <= 0n) return rest;
    if (bucket === "interest") rest = payClaimInterest(engine, state, day, rest, payment.id, false);
    else if (state.principal > 0n) {
      const paid = min(rest, state.principal);
      payPrincipal(engine, state, day, paid, payment.id, false);
      rest -= paid;
    }
  }
  return rest;
}

/** The claim with an id (the last one, should a case built in code repeat an id). */
function claimById(engine: EngineState, id: string): ClaimState | undefined {
  for (let index = engine.claims.length - 1; index >= 0; index--) {
    const state = engine.claims[index] as ClaimState;
    if (state.claim.id === id) return state;
  }
  return undefined;
}

/** Applies one designation of a payment, refusing more than is owed on the day; returns its amount. */
function applyDesignation(
  engine: EngineState,
  payment: Payment,
  index: number,
  designation: Designation,
  position: number,
  day: number,
): bigint {
  const where = `case.payments.${index}.allocation.${position}`;
  const amount = toCents(designation.amount, `${where}.amount`);
  const fail = (owed: bigint, what: string): never => {
    throw new IncassoError(
      "INVALID_ALLOCATION_DESIGNATION",
      `${where}: designates ${designation.amount.toFixed(2)} to ${what}, but ${fromCents(owed).toFixed(2)} is owed on ${dateOf(day).toString()}`,
      [{ path: where, message: `expected at most ${fromCents(owed).toFixed(2)}` }],
    );
  };
  if ("claim" in designation) {
    const state = claimById(engine, designation.claim);
    if (state === undefined) return fail(0n, `unknown claim ${designation.claim}`);
    advance(state, day);
    if (designation.bucket === "principal") {
      if (amount > state.principal) fail(state.principal, `the principal of ${designation.claim}`);
      payPrincipal(engine, state, day, amount, payment.id, true);
      return amount;
    }
    const owed = uncapitalisedOwed(state) + state.capitalisedOutstanding;
    if (amount > owed) fail(owed, `the interest of ${designation.claim}`);
    payClaimInterest(engine, state, day, amount, payment.id, true);
    return amount;
  }
  const kind = designation.bucket === "costs" ? "cost" : "interest";
  const state = engine.charges.find((candidate) => candidate.charge.id === designation.charge);
  if (state === undefined || state.charge.kind !== kind)
    return fail(0n, `${kind} charge ${designation.charge}`);
  if (amount > state.outstanding) fail(state.outstanding, `charge ${designation.charge}`);
  state.outstanding -= amount;
  allocate(engine, payment.id, day, designation.bucket, state.target, amount, false, true);
  return amount;
}

/**
 * Imputes one payment on its day (the `index`-th of the case): its designations first, then bucket
 * by bucket in its order (the payment's, or the case's); what is left becomes a credit.
 *
 * @internal
 */
export function applyPayment(
  engine: EngineState,
  payment: Payment,
  index: number,
  day: number,
): void {
  let left = toCents(payment.amount, `case.payments.${index}.amount`);
  engine.paid += left;
  const designations = payment.designation;
  if (designations !== undefined) {
    for (let position = 0; position < designations.length; position++) {
      const designation = designations[position] as Designation;
      const path = `case.payments.${index}.allocation.${position}.amount`;
      if (left < toCents(designation.amount, path)) {
        throw new IncassoError(
          "INVALID_ALLOCATION_DESIGNATION",
          `case.payments.${index}.allocation: designates more than the payment of ${payment.amount.toFixed(2)}`,
          [
            {
              path: `case.payments.${index}.allocation`,
              message: "expected at most the payment's amount",
            },
          ],
        );
      }
      left -= applyDesignation(engine, payment, index, designation, position, day);
    }
  }
  for (const bucket of BUCKETS[payment.imputation ?? engine.file.terms.imputation]) {
    if (left <= 0n) break;
    left = payBucket(engine, bucket, payment, day, left);
  }
  if (left > 0n) engine.credit.push({ payment: payment.id, amount: left });
}
