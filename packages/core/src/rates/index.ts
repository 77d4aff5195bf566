export {
  beCommercialPre2013RateTable,
  beCommercialRateTable,
  beLegalRateTable,
  nlCommercialRateTable,
  nlLegalRateTable,
} from "./built-in-rate-tables.js";
export {
  DERIVED_RATE_RULES,
  type DerivedRateRule,
  derivedRateFor,
  deriveRateTable,
} from "./derived-rates.js";
export { ecbMainRefinancingRateTable } from "./ecb-rate-table.js";
export {
  createRateTable,
  extendRateTable,
  type RateEntry,
  type RateTable,
  type RateTableDefinition,
  rateEntryOn,
  rateTableDefinitionSchema,
} from "./rate-table.js";
export {
  BUILT_IN_RATE_TABLE_DEFINITIONS,
  builtInRateTables,
  parseRatesFile,
  type RatesFile,
  type RateTableOverview,
  ratesFileSchema,
  rateTablesOverview,
  resolveRateTables,
} from "./rates-file.js";
