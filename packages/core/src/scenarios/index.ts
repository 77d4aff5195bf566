export {
  type AgendaCase,
  type AgendaEntry,
  type AgendaQuery,
  agenda,
  agendaEntries,
  type CaseOnAgenda,
  prepareCase,
} from "./agenda.js";
export {
  type AgingBucket,
  type AgingRow,
  aging,
  bucketChanges,
  DEFAULT_AGING_BUCKETS,
} from "./aging.js";
export { type ActionCommand, type AdapterCommand, approveEntries } from "./approve-entries.js";
export { type Disposition, type DispositionMeta, disposeEntry } from "./dispose-entry.js";
export {
  type MassActionRequest,
  type MassActionRow,
  massAction,
  massActionLabel,
  massActionRefusal,
  toCsv,
} from "./mass-action.js";
export { type ContactPolicy, nextSendingTime } from "./next-sending-time.js";
export {
  actionsSummary,
  cashReceipts,
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
