export {
  type AdapterCommand,
  type AgendaCase,
  type AgendaEntry,
  type AgendaQuery,
  agenda,
  agendaEntries,
  approveEntries,
  type CaseOnAgenda,
  type ContactPolicy,
  type Disposition,
  type DispositionMeta,
  disposeEntry,
  nextSendingTime,
  prepareCase,
} from "./agenda.js";
export { type MassActionRow, massAction, toCsv } from "./mass-action.js";
export {
  type AgingBucket,
  type AgingRow,
  actionsSummary,
  aging,
  bucketChanges,
  cashReceipts,
  DEFAULT_AGING_BUCKETS,
  kpis,
  type RiskFactor,
  riskScore,
} from "./reports.js";
export {
  type Activity,
  activitySchema,
  parseScenario,
  type Scenario,
  type ScenarioStep,
  scenarioSchema,
} from "./scenario-definition.js";
export { type ScenarioState, type ScenarioStepState, scenarioState } from "./scenario-state.js";
