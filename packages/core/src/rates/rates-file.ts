import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { parseInput } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";
import { jsonFields } from "../validation/json-primitives.js";
import {
  beCommercialPre2013RateTable,
  beCommercialRateTable,
  beLegalRateTable,
  nlCommercialRateTable,
  nlLegalRateTable,
} from "./built-in-rate-tables.js";
import { DERIVED_RATE_RULES, deriveRateTable } from "./derived-rates.js";
import { ecbMainRefinancingRateTable } from "./ecb-rate-table.js";
import type { RateEntry, RateTable, RateTableDefinition } from "./rate-table.js";
import { createRateTable } from "./rate-table.js";

const { isoDate } = jsonFields;

const ratesFileEntrySchema = z.strictObject({
  from: isoDate,
  rate: jsonFields.percent,
  source: jsonFields.text,
  status: z.enum(["confirmed", "secondary", "unconfirmed"], {
    message: "expected confirmed, secondary or unconfirmed (how sure the source is)",
  }),
});

const ratesFileTableSchema = z.strictObject({
  /** Only for a table that is not built in. */
  name: jsonFields.name.optional(),
  /** Only for a table that is not built in. */
  source: jsonFields.text.optional(),
  trustedUntil: isoDate,
  entries: z.array(ratesFileEntrySchema).max(5000, { message: "expected at most 5000 entries" }),
});

/**
 * Zod schema of a rates file: per table id, the entries published after this release (from, rate
 * in percent per year, source, status) and the last day the table is trusted for. A table that is
 * not built in (a firm's contractual rate table) also gives its `name` and `source`.
 *
 * @example
 * ```ts
 * import { ratesFileSchema } from "@incasso/core";
 * ratesFileSchema.parse({
 *   tables: {
 *     "ecb.mro": {
 *       trustedUntil: "2027-02-03",
 *       entries: [{ from: "2026-12-23", rate: "2.40", source: "ECB press release 17-12-2026", status: "confirmed" }],
 *     },
 *   },
 * });
 * ```
 */
export const ratesFileSchema = z.strictObject({
  $schema: jsonFields.optionalName.optional(),
  tables: z.record(z.string(), ratesFileTableSchema).superRefine((tables, context) => {
    for (const id of Object.keys(tables)) {
      if (!/^[a-z0-9][a-z0-9.-]{0,63}$/.test(id))
        context.addIssue({
          code: "custom",
          path: [id],
          message: "expected a table id such as nl.legal (lower case, digits, dots and dashes)",
        });
    }
  }),
});

/**
 * A rates file, parsed (see {@link ratesFileSchema}).
 *
 * @example
 * ```ts
 * import type { RatesFile } from "@incasso/core";
 * const file: RatesFile = { tables: {} };
 * ```
 */
export type RatesFile = z.output<typeof ratesFileSchema>;

/**
 * Parses a rates file (the JSON value), answering bad input with `INVALID_INPUT` naming the field
 * (`rates.tables.nl.legal.entries.0.rate`).
 *
 * @example
 * ```ts
 * import { parseRatesFile } from "@incasso/core";
 * parseRatesFile({ tables: {} }).tables; // {}
 * ```
 */
export function parseRatesFile(input: unknown): RatesFile {
  return parseInput(ratesFileSchema, input, "rates");
}

/**
 * The definitions of the built-in tables as published (no derived entries): `be.legal`,
 * `be.commercial`, `be.commercial.pre-2013`, `nl.legal`, `nl.commercial` and `ecb.mro`.
 *
 * @example
 * ```ts
 * import { BUILT_IN_RATE_TABLE_DEFINITIONS } from "@incasso/core";
 * BUILT_IN_RATE_TABLE_DEFINITIONS.map((table) => table.id);
 * ```
 */
export const BUILT_IN_RATE_TABLE_DEFINITIONS: readonly RateTableDefinition[] = Object.freeze([
  beLegalRateTable,
  beCommercialRateTable,
  beCommercialPre2013RateTable,
  nlLegalRateTable,
  nlCommercialRateTable,
  ecbMainRefinancingRateTable,
]);

/**
 * The rate tables to calculate with: the built-in tables, extended with the entries of a rates
 * file, then every table the law defines by formula ({@link DERIVED_RATE_RULES}) extended from its
 * reference table as far as that one reaches, each derived entry marked `derived`. So a rates file
 * that adds one ECB rate extends both commercial tables. Entries of the file that the built-in
 * tables already hold (same date and rate) are skipped, so a rates file keeps working after an
 * upgrade; one that contradicts a built-in entry, or comes before its last entry, is refused.
 *
 * @example
 * ```ts
 * import { caseStatement, parseIsoDate, parseRatesFile, resolveRateTables } from "@incasso/core";
 * declare const events: unknown[];
 * const rateTables = resolveRateTables(parseRatesFile({ tables: {} }));
 * caseStatement(events, parseIsoDate("2026-11-27"), { rateTables });
 * ```
 */
export function resolveRateTables(file?: RatesFile): ReadonlyMap<string, RateTable> {
  const definitions = new Map(BUILT_IN_RATE_TABLE_DEFINITIONS.map((table) => [table.id, table]));
  for (const [id, extra] of Object.entries(file?.tables ?? {})) {
    definitions.set(id, merged(id, definitions.get(id), extra));
  }
  const tables = new Map<string, RateTable>();
  for (const [id, definition] of definitions) {
    try {
      tables.set(id, createRateTable(definition));
    } catch (error) {
      if (error instanceof IncassoError && error.code === "INVALID_INPUT")
        throw new IncassoError(
          "INVALID_INPUT",
          error.message.replaceAll("rateTable.", `rates.tables.${id}.`),
          error.issues.map((issue) => ({
            ...issue,
            path: issue.path.replace(/^rateTable\./, `rates.tables.${id}.`),
          })),
        );
      throw error;
    }
  }
  for (const rule of DERIVED_RATE_RULES) {
    const table = tables.get(rule.table);
    const reference = tables.get(rule.reference);
    if (table !== undefined && reference !== undefined)
      tables.set(rule.table, deriveRateTable(table, rule, reference));
  }
  return tables;
}

function merged(
  id: string,
  base: RateTableDefinition | undefined,
  extra: RatesFile["tables"][string],
): RateTableDefinition {
  const path = `rates.tables.${id}`;
  const invalid = (field: string, message: string) =>
    new IncassoError("INVALID_INPUT", `${path}.${field}: ${message}`, [
      { path: `${path}.${field}`, message },
    ]);
  if (base === undefined) {
    if (extra.name === undefined)
      throw invalid("name", "expected the name of a table that is not built in");
    if (extra.source === undefined)
      throw invalid("source", "expected the legal source of a table that is not built in");
    if (extra.entries.length === 0)
      throw invalid("entries", "expected at least one entry for a table that is not built in");
    return {
      id,
      name: extra.name,
      source: extra.source,
      trustedUntil: extra.trustedUntil,
      entries: extra.entries,
    };
  }
  if (extra.name !== undefined) throw invalid("name", "expected no name: the table is built in");
  if (extra.source !== undefined)
    throw invalid("source", "expected no source: the table is built in");
  if (extra.trustedUntil < base.trustedUntil)
    throw invalid(
      "trustedUntil",
      `expected a date on or after the built-in table's trusted-until date, ${base.trustedUntil}`,
    );
  const known = new Map(base.entries.map((entry) => [entry.from, entry]));
  const last = base.entries.at(-1)?.from ?? "";
  const added: RateTableDefinition["entries"] = [];
  extra.entries.forEach((entry, index) => {
    const same = known.get(entry.from);
    if (same !== undefined) {
      if (!new MoneyDecimal(same.rate).eq(entry.rate))
        throw invalid(
          `entries.${index}.rate`,
          `expected ${same.rate}, the built-in rate from ${entry.from} (${same.source}); a rates file adds rates, it does not change published ones`,
        );
      return;
    }
    if (entry.from <= last)
      throw invalid(
        `entries.${index}.from`,
        `expected a date after the table's last built-in entry, ${last}`,
      );
    added.push(entry);
  });
  return { ...base, trustedUntil: extra.trustedUntil, entries: [...base.entries, ...added] };
}

/**
 * The built-in rate tables by id: `be.legal`, `be.commercial`, `be.commercial.pre-2013`,
 * `nl.legal`, `nl.commercial` and `ecb.mro`, the commercial tables extended by derivation from
 * `ecb.mro` (see {@link resolveRateTables}). A new map on every call: the host application adds,
 * extends or replaces tables in its copy and passes it to the calculation.
 *
 * @example
 * ```ts
 * import { builtInRateTables, extendRateTable } from "@incasso/core";
 * const tables = new Map(builtInRateTables());
 * const nlLegal = tables.get("nl.legal");
 * if (nlLegal) tables.set("nl.legal", extendRateTable(nlLegal, [{ from: "2027-01-01", rate: "4", source: "..." }], "2027-06-30"));
 * ```
 */
export function builtInRateTables(): ReadonlyMap<string, RateTable> {
  return resolveRateTables();
}

/**
 * One line of the rates overview: a table, its last entry and the last day it is trusted for, and
 * whether it stops before the date asked about.
 *
 * @example
 * ```ts
 * import type { RateTableOverview } from "@incasso/core";
 * const stale = (row: RateTableOverview) => row.stopsBefore;
 * ```
 */
export interface RateTableOverview {
  readonly id: string;
  readonly name: string;
  readonly lastEntry: RateEntry | undefined;
  readonly trustedUntil: Temporal.PlainDate;
  /** True when the table has no rate for the date asked about: it stops before it. */
  readonly stopsBefore: boolean;
  /** How the table is extended from a reference rate, for derived tables. */
  readonly derivation?: string;
}

/**
 * Every table with its last entry and trusted-until date, and whether it stops before `asOf`
 * (what `incasso rates --as-of` prints).
 *
 * @example
 * ```ts
 * import { builtInRateTables, parseIsoDate, rateTablesOverview } from "@incasso/core";
 * rateTablesOverview(builtInRateTables(), parseIsoDate("2026-11-27")).filter((row) => row.stopsBefore);
 * ```
 */
export function rateTablesOverview(
  tables: ReadonlyMap<string, RateTable>,
  asOf: Temporal.PlainDate,
): RateTableOverview[] {
  return [...tables.values()]
    .map((table) => ({
      id: table.id,
      name: table.name,
      lastEntry: table.entries.at(-1),
      trustedUntil: table.trustedUntil,
      stopsBefore: Temporal.PlainDate.compare(table.trustedUntil, asOf) < 0,
      ...(table.derivation === undefined ? {} : { derivation: table.derivation }),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
