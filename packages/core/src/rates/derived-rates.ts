import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { MoneyDecimal } from "../money/decimal.js";
import type { RateEntry, RateTable } from "./rate-table.js";
import { createRateTable, rateEntryOn } from "./rate-table.js";

/**
 * How a statutory rate follows from a reference rate: per half-year, the reference rate on the
 * half-year's reference day plus a margin, rounded or not. Only rates the law defines by such a
 * formula have a rule; rates set by publication (NL wettelijke rente, BE legal rate) never do.
 *
 * @example
 * ```ts
 * import { DERIVED_RATE_RULES, type DerivedRateRule } from "@incasso/core";
 * const rule: DerivedRateRule | undefined = DERIVED_RATE_RULES.find((r) => r.table === "nl.commercial");
 * rule?.margin; // "8"
 * ```
 */
export interface DerivedRateRule {
  /** The table the rule extends. */
  readonly table: string;
  /** The table of the reference rate. */
  readonly reference: string;
  /** Points added to the reference rate. */
  readonly margin: string;
  /** `none`: the sum as it is; `up-to-half-point`: rounded up to the next half point. */
  readonly rounding: "none" | "up-to-half-point";
  /**
   * Which reference rate a half-year takes: the rate `in-force-on` its first day (1 January or
   * 1 July), or that of the most recent change taking effect `before` that day.
   */
  readonly referenceDay: "in-force-on" | "before";
  /** The formula in words. */
  readonly formula: string;
  /** The legal source of the formula. */
  readonly source: string;
}

/**
 * The statutory rates defined by a formula from the ECB main refinancing rate (`ecb.mro`):
 * - `nl.commercial`: the ECB rate of the most recent main refinancing operation before 1 January
 *   or 1 July, plus 8 points, not rounded (NL BW art. 6:120 lid 2 with art. 6:119a; every published
 *   rate from 2013 to 2026 follows it);
 * - `be.commercial` (and `be.commercial.pre-2013`, identical since 16 March 2015): the ECB rate
 *   that applies on 1 January or 1 July plus 8 points, "afgerond tot het hogere halve procentpunt"
 *   (BE law of 2 August 2002 art. 2, 4° and art. 5).
 * A derived entry is only ever added after a table's published entries, marked `derived`, with
 * the formula and both sources; a published entry always wins.
 *
 * @example
 * ```ts
 * import { DERIVED_RATE_RULES } from "@incasso/core";
 * DERIVED_RATE_RULES.map((rule) => rule.table); // ["nl.commercial", "be.commercial", "be.commercial.pre-2013"]
 * ```
 */
export const DERIVED_RATE_RULES: readonly DerivedRateRule[] = Object.freeze([
  {
    table: "nl.commercial",
    reference: "ecb.mro",
    margin: "8",
    rounding: "none",
    referenceDay: "before",
    formula: "ECB main refinancing rate before the first day of the half-year + 8 points",
    source: "NL BW art. 6:119a and 6:120 lid 2",
  },
  {
    table: "be.commercial",
    reference: "ecb.mro",
    margin: "8",
    rounding: "up-to-half-point",
    referenceDay: "in-force-on",
    formula:
      "ECB main refinancing rate on the first day of the half-year + 8 points, rounded up to the next half point",
    source: "BE law of 2 August 2002 art. 2, 4° and art. 5",
  },
  {
    table: "be.commercial.pre-2013",
    reference: "ecb.mro",
    margin: "8",
    rounding: "up-to-half-point",
    referenceDay: "in-force-on",
    formula:
      "ECB main refinancing rate on the first day of the half-year + 8 points, rounded up to the next half point (all contracts since 16 March 2015)",
    source: "BE law of 2 August 2002 art. 2, 4° and art. 5",
  },
]);

/**
 * The rate a rule gives for the half-year starting on `start` (1 January or 1 July), with the
 * reference entry it used; `undefined` when the reference table does not cover that day.
 *
 * @example
 * ```ts
 * import { builtInRateTables, DERIVED_RATE_RULES, derivedRateFor, parseIsoDate } from "@incasso/core";
 * const ecb = builtInRateTables().get("ecb.mro");
 * const rule = DERIVED_RATE_RULES[1];
 * if (ecb && rule) derivedRateFor(rule, ecb, parseIsoDate("2026-07-01"))?.rate.toString(); // "10.5"
 * ```
 */
export function derivedRateFor(
  rule: DerivedRateRule,
  reference: RateTable,
  start: Temporal.PlainDate,
): { readonly rate: Decimal; readonly reference: RateEntry } | undefined {
  const day = rule.referenceDay === "before" ? start.subtract({ days: 1 }) : start;
  const first = reference.entries[0];
  if (
    first === undefined ||
    Temporal.PlainDate.compare(day, first.from) < 0 ||
    Temporal.PlainDate.compare(day, reference.trustedUntil) > 0
  )
    return undefined;
  const entry = rateEntryOn(reference, day);
  const sum = entry.rate.plus(rule.margin);
  const rate = rule.rounding === "none" ? sum : sum.times(2).ceil().dividedBy(2);
  return { rate: new MoneyDecimal(rate), reference: entry };
}

/**
 * A table extended by its rule: one `derived` entry per half-year after its trusted-until date for
 * which the reference table has a rate on the reference day, and a trusted-until date at the end
 * of the last such half-year. A table the reference does not reach further is returned as it is.
 *
 * @example
 * ```ts
 * import { builtInRateTables, DERIVED_RATE_RULES, deriveRateTable } from "@incasso/core";
 * const tables = builtInRateTables();
 * const [rule] = DERIVED_RATE_RULES;
 * const nl = tables.get("nl.commercial");
 * const ecb = tables.get("ecb.mro");
 * if (rule && nl && ecb) deriveRateTable(nl, rule, ecb).trustedUntil.toString();
 * ```
 */
export function deriveRateTable(
  table: RateTable,
  rule: DerivedRateRule,
  reference: RateTable,
): RateTable {
  const entries: { from: string; rate: string; source: string; status: "derived" }[] = [];
  let trustedUntil = table.trustedUntil;
  for (let from = trustedUntil.add({ days: 1 }); ; ) {
    const start = halfYearStart(from);
    const derived = derivedRateFor(rule, reference, start);
    if (derived === undefined) break;
    entries.push({
      from: from.toString(),
      rate: derived.rate.toString(),
      source:
        `derived: ${rule.formula} (${rule.source}): ECB rate ${derived.reference.rate.toString()} % ` +
        `${rule.referenceDay === "before" ? "before" : "on"} ${start.toString()} ` +
        `(with effect from ${derived.reference.from.toString()}; ${derived.reference.source}) ` +
        `+ ${rule.margin} points = ${derived.rate.toString()} %`,
      status: "derived",
    });
    from = start.add({ months: 6 });
    trustedUntil = from.subtract({ days: 1 });
  }
  const derivation = `derived from ${rule.reference} after its published entries: ${rule.formula} (${rule.source})`;
  if (entries.length === 0) return { ...table, derivation };
  const extended = createRateTable({
    id: table.id,
    name: table.name,
    source: table.source,
    trustedUntil: trustedUntil.toString(),
    entries: [
      ...table.entries.map((entry) => ({
        from: entry.from.toString(),
        rate: entry.rate.toString(),
        source: entry.source,
        status: entry.status,
      })),
      ...entries,
    ],
  });
  return Object.freeze({ ...extended, derivation });
}

/** The first day (1 January or 1 July) of the half-year containing `day`. */
function halfYearStart(day: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.from({ year: day.year, month: day.month < 7 ? 1 : 7, day: 1 });
}
