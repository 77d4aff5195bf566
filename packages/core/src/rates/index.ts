export {
  beCommercialPre2013RateTable,
  beCommercialRateTable,
  beLegalRateTable,
  builtInRateTables,
  nlCommercialRateTable,
  nlLegalRateTable,
} from "./built-in-rate-tables.js";
export {
  createRateTable,
  extendRateTable,
  type RateEntry,
  type RateTable,
  type RateTableDefinition,
  rateEntryOn,
  rateTableDefinitionSchema,
} from "./rate-table.js";
