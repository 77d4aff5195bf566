// Capitalisation (anatocism): unpaid interest added to the base (docs/calculations.md, "Yearly
// compounding" and Traps 2).
//
// Sources:
// - NL: statutory interest compounds yearly by law, art. 6:119 lid 2 and art. 6:119a lid 3 BW: at
//   the end of each year the interest due is added to the principal.
// - BE: never automatically; old art. 1154 BW allows it on a judicial demand or by agreement, on
//   interest due for a whole year. The firm records the day as a capitalisation date of the terms.
//
// Year k ends the day before the k-th anniversary of the first interest day (a 29 February
// anniversary falls on 28 February); the interest is capitalised at the end of that day, after its
// payments. Capitalised interest stays interest for imputation and reporting.
import { addYearsToEpochDay } from "../../dates/epoch-day.js";
import type { ClaimState } from "./engine-state.js";
import { dayOf } from "./engine-state.js";
import { advance, uncapitalisedOwed } from "./interest-accrual.js";

/**
 * The days on which claims capitalise, through `asOf`: each claim's capitalisation dates and, under
 * yearly compounding, the last day of each full year of interest.
 *
 * @internal
 */
export function capitalisationDays(
  claims: readonly ClaimState[],
  asOf: number,
): Map<number, ClaimState[]> {
  const yearEnds = new Map<number, ClaimState[]>();
  const add = (end: number, state: ClaimState) => {
    const list = yearEnds.get(end);
    if (list === undefined) yearEnds.set(end, [state]);
    else if (!list.includes(state)) list.push(state);
  };
  for (const state of claims) {
    for (const date of state.terms?.capitalisationDates ?? []) {
      const day = dayOf(date);
      if (day >= state.firstDay && day <= asOf) add(day, state);
    }
    if (state.terms?.compounding !== "yearly") continue;
    for (let year = 1; ; year++) {
      const end = addYearsToEpochDay(state.firstDay, year) - 1;
      if (end > asOf) break;
      add(end, state);
    }
  }
  return yearEnds;
}

/**
 * Adds the claim's unpaid interest through `day` to its base, at the end of the day.
 *
 * @internal
 */
export function capitalise(state: ClaimState, day: number): void {
  advance(state, day);
  const unpaid = uncapitalisedOwed(state);
  if (unpaid > 0n) {
    state.capitalisedTotal += unpaid;
    state.capitalisedOutstanding += unpaid;
  }
}
