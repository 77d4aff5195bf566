// The penalty: fixing the penalty clause or statutory scale on its day (docs/calculations.md,
// "Penalty clauses and costs").
//
// Sources (the amounts themselves: charges/penalty-clause.ts):
// - `percent`: the contract's clause (BE: clause pénale / schadebeding, reviewable when excessive);
// - `fixed`: the B2B compensation, BE law of 2 August 2002 art. 6, NL art. 6:96 lid 4 BW;
// - `nl.bik`: Besluit BIK art. 2 (Stb. 2012, 141);
// - `be.book19`: WER art. XIX.4 (law of 4 May 2023).
//
// The penalty is fixed at the end of `penaltyDate` (the statement date when not given), after that
// day's payments, on the sum of the claims' outstanding principal (or of the claims the terms
// name), and becomes a cost charge with id `penalty`. A base of zero gives no penalty.
import type { Decimal } from "decimal.js";
import type { PenaltyClause } from "../../charges/penalty-clause.js";
import { penaltyCents } from "../../charges/penalty-clause.js";
import { fromCents, toCents } from "../cents.js";
import type { EngineState } from "./engine-state.js";
import { dateOf } from "./engine-state.js";
import { addCharge } from "./imputation.js";

const penaltyToCents = (amount: Decimal) => toCents(amount, "case.terms.penalty");

/**
 * Fixes the penalty on `day` and adds it as the cost charge `penalty`, paid at once from any
 * credit.
 *
 * @internal
 */
export function fixPenalty(engine: EngineState, penalty: PenaltyClause, day: number): void {
  const only = engine.file.terms.penaltyClaims;
  let base = 0n;
  for (const state of engine.claims)
    if (only === undefined || only.includes(state.claim.id)) base += state.principal;
  const amount = penaltyCents(penalty, base, penaltyToCents);
  if (amount > 0n)
    addCharge(
      engine,
      { id: "penalty", kind: "cost", date: dateOf(day), amount: fromCents(amount) },
      true,
      amount,
      day,
    );
}
