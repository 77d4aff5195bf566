import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { fromZodError } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";
import { jsonFields } from "../validation/json-primitives.js";

const { isoDate, id, name, text } = jsonFields;
const rate = jsonFields.percent;

/**
 * Zod schema of a rate table definition: dated entries (each with its rate in percent per year
 * and its legal source) and the last day the table is trusted for.
 *
 * @example
 * ```ts
 * import { rateTableDefinitionSchema } from "@incasso/core";
 * rateTableDefinitionSchema.parse({
 *   id: "firm.contract", name: "Contract rate", source: "General terms art. 7", trustedUntil: "2030-12-31",
 *   entries: [{ from: "2020-01-01", rate: "8", source: "General terms 2020" }],
 * });
 * ```
 */
export const rateTableDefinitionSchema = z
  .object({
    id,
    name,
    source: text,
    trustedUntil: isoDate,
    entries: z
      .array(
        z.object({
          from: isoDate,
          rate,
          source: text,
          status: z.enum(["confirmed", "secondary", "derived", "unconfirmed"]).default("confirmed"),
        }),
      )
      .min(1, { message: "expected at least one entry" })
      .max(5000, { message: "expected at most 5000 entries" }),
  })
  .superRefine((table, context) => {
    table.entries.forEach((entry, index) => {
      const previous = table.entries[index - 1];
      if (previous !== undefined && previous.from >= entry.from) {
        context.addIssue({
          code: "custom",
          path: ["entries", index, "from"],
          message: "expected entries in increasing date order",
        });
      }
    });
    const first = table.entries[0];
    if (first !== undefined && table.trustedUntil < first.from) {
      context.addIssue({
        code: "custom",
        path: ["trustedUntil"],
        message: "expected a date on or after the first entry",
      });
    }
  });

/**
 * A rate table definition as data (see {@link rateTableDefinitionSchema}).
 *
 * @example
 * ```ts
 * import type { RateTableDefinition } from "@incasso/core";
 * const definition: RateTableDefinition = {
 *   id: "x", name: "X", source: "s", trustedUntil: "2026-12-31",
 *   entries: [{ from: "2026-01-01", rate: "4.5", source: "BS" }],
 * };
 * ```
 */
export type RateTableDefinition = z.input<typeof rateTableDefinitionSchema>;

/**
 * One entry of a rate table: the rate in force from a date, with its legal source and how sure
 * that source is (`confirmed`, `secondary`, `derived` from a formula, `unconfirmed`).
 *
 * @example
 * ```ts
 * import { builtInRateTables, parseIsoDate, rateEntryOn, type RateEntry } from "@incasso/core";
 * const table = builtInRateTables().get("be.legal");
 * const entry: RateEntry | undefined = table && rateEntryOn(table, parseIsoDate("2024-06-01"));
 * entry?.rate.toString(); // "5.75"
 * ```
 */
export interface RateEntry {
  readonly table: string;
  readonly from: Temporal.PlainDate;
  /** Percent per year. */
  readonly rate: Decimal;
  readonly source: string;
  readonly status: "confirmed" | "secondary" | "derived" | "unconfirmed";
}

/**
 * A dated, sourced table of interest rates. A date before its first entry or after `trustedUntil`
 * is an error (`RATE_NOT_COVERED`), never a silent extension of the last rate.
 *
 * @example
 * ```ts
 * import { builtInRateTables, type RateTable } from "@incasso/core";
 * const table: RateTable | undefined = builtInRateTables().get("nl.commercial");
 * table?.trustedUntil.toString(); // "2025-06-30"
 * ```
 */
export interface RateTable {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly trustedUntil: Temporal.PlainDate;
  readonly entries: readonly RateEntry[];
  /**
   * For a table the law defines by formula from a reference rate: how its entries after the
   * published ones are derived (see `DERIVED_RATE_RULES`).
   */
  readonly derivation?: string;
}

/**
 * Builds a {@link RateTable} from its definition, validated with zod (`INVALID_INPUT` naming the
 * field).
 *
 * @example
 * ```ts
 * import { createRateTable } from "@incasso/core";
 * const contract = createRateTable({
 *   id: "contract", name: "Contract rate", source: "General terms art. 7", trustedUntil: "2030-12-31",
 *   entries: [{ from: "2020-01-01", rate: "8", source: "General terms 2020" }],
 * });
 * ```
 */
export function createRateTable(definition: RateTableDefinition): RateTable {
  const parsed = rateTableDefinitionSchema.safeParse(definition);
  if (!parsed.success) throw fromZodError(parsed.error, "rateTable");
  const table = parsed.data;
  return Object.freeze({
    id: table.id,
    name: table.name,
    source: table.source,
    trustedUntil: parseIsoDate(table.trustedUntil),
    entries: Object.freeze(
      table.entries.map((entry) =>
        Object.freeze({
          table: table.id,
          from: parseIsoDate(entry.from),
          rate: new MoneyDecimal(entry.rate),
          source: entry.source,
          status: entry.status,
        }),
      ),
    ),
  });
}

/**
 * A new table: `table` with more entries (later than its last one) and a new `trustedUntil`. This
 * is how a host application adds a rate that was published after this release.
 *
 * @example
 * ```ts
 * import { builtInRateTables, extendRateTable } from "@incasso/core";
 * const nlLegal = builtInRateTables().get("nl.legal");
 * if (nlLegal) {
 *   extendRateTable(nlLegal, [{ from: "2025-07-01", rate: "5", source: "Stb. 2025, ..." }], "2025-12-31");
 * }
 * ```
 */
export function extendRateTable(
  table: RateTable,
  entries: RateTableDefinition["entries"],
  trustedUntil: string,
): RateTable {
  return createRateTable({
    id: table.id,
    name: table.name,
    source: table.source,
    trustedUntil,
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
}

/**
 * The entry in force on a date: the last entry whose start is on or before it. Throws
 * `RATE_NOT_COVERED` for a date before the first entry or after `trustedUntil`, saying which table
 * and how to add entries.
 *
 * @example
 * ```ts
 * import { builtInRateTables, parseIsoDate, rateEntryOn } from "@incasso/core";
 * const table = builtInRateTables().get("be.commercial");
 * if (table) rateEntryOn(table, parseIsoDate("2024-03-01")).rate.toString(); // "12.5"
 * ```
 */
export function rateEntryOn(table: RateTable, date: Temporal.PlainDate): RateEntry {
  const first = table.entries[0];
  if (
    first === undefined ||
    date.until(first.from).days > 0 ||
    table.trustedUntil.until(date).days > 0
  ) {
    throw new IncassoError("RATE_NOT_COVERED", rateNotCoveredMessage(table, date));
  }
  let low = 0;
  let high = table.entries.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const entry = table.entries[middle];
    if (entry !== undefined && entry.from.until(date).days >= 0) low = middle;
    else high = middle - 1;
  }
  return table.entries[low] ?? first;
}

function rateNotCoveredMessage(table: RateTable, date: Temporal.PlainDate): string {
  const first = table.entries[0];
  const covers = `rate table ${table.id} covers ${first?.from.toString() ?? "nothing"} to ${table.trustedUntil.toString()}`;
  if (first !== undefined && date.until(first.from).days > 0)
    return `${covers}: it has no rate for ${date.toString()}, before its first entry; pass a table that starts earlier in the rateTables option`;
  const derived =
    table.derivation === undefined
      ? ""
      : ` This table is ${table.derivation}: adding the ECB rate to ecb.mro is enough.`;
  return (
    `${covers}: it has no rate for ${date.toString()} yet. Add the rate published for that date, with its source.${derived} ` +
    `API: resolveRateTables(parseRatesFile(json)) (or extendRateTable) passed in the rateTables option. ` +
    `CLI: write it in a rates file and pass --rates file.json; incasso rates lists every table and its last entry.`
  );
}
