/**
 * `@incasso/cli`: the `incasso` command, and its commands as functions for host applications
 * and tests.
 *
 * @packageDocumentation
 */

export { AGENDA_COMMAND, agendaCommand } from "./commands/agenda-command.js";
export { BANK_COMMAND, bankCommand, bankImportLines } from "./commands/bank-command.js";
export {
  BATCHES_COMMAND,
  type BatchesCommandResult,
  batchesCommand,
} from "./commands/batches-command.js";
export {
  calendarById,
  DEADLINE_COMMAND,
  deadlineCommand,
  HOLIDAYS_COMMAND,
  holidaysCommand,
} from "./commands/calendar-commands.js";
export { CASE_COMMAND, caseCommand, caseEventsFromStore } from "./commands/case-command.js";
export { EXPORT_COMMAND, exportCommand } from "./commands/export-command.js";
export {
  IMPORT_COMMAND,
  type ImportCommandResult,
  importCommand,
  type ProgressSink,
  progressReporter,
} from "./commands/import-command.js";
export {
  ALERTS_COMMAND,
  alertsCommand,
  REMINDERS_COMMAND,
  remindersCommand,
} from "./commands/jobs-command.js";
export { LETTER_COMMAND, letterCommand, STARTER_LETTER_NAMES } from "./commands/letter-command.js";
export { OUTBOX_COMMAND, outboxCommand } from "./commands/outbox-command.js";
export { PLAN_COMMAND, planCommand } from "./commands/plan-command.js";
export { RATES_COMMAND, ratesCommand, ratesLines } from "./commands/rates-command.js";
export {
  REFERENCE_COMMAND,
  REFERENCE_CREATORS,
  REFERENCE_VALIDATORS,
  referenceCommand,
} from "./commands/reference-command.js";
export {
  describeStatement,
  STATEMENT_COMMAND,
  statementCommand,
} from "./commands/statement-command.js";
export { EXIT_CODES } from "./exit-codes.js";
export type { CliIo } from "./io.js";
export { COMMANDS, main, USAGE } from "./main.js";
export { type OpenedStore, openStore, STORE_OPTIONS } from "./open-store.js";
export {
  type ArgumentSpec,
  type CommandSpec,
  commandHelp,
  type OptionSpec,
  type OptionValues,
  type ParsedArguments,
  parseArguments,
  UsageError,
  usageLine,
} from "./options.js";
export {
  CALCULATING_OPTIONS,
  POLICY_NOTES,
  POLICY_OPTIONS,
  type PolicyInEffect,
  policiesDifferingFromDefaults,
  policyFromArguments,
  ratesFromArguments,
  readRatesFile,
} from "./policy-options.js";
export {
  AGENDA_MAX_CASE_FILES,
  AGENDA_MAX_TOTAL_BYTES,
  InputFileError,
  JSON_FILE_MAX_BYTES,
  type ReadJsonFileOptions,
  readJsonFile,
} from "./read-json-file.js";
export { compareSubset } from "./vectors/compare-subset.js";
export { runVector, type VectorFailure, type VectorResult } from "./vectors/run-vector.js";
export { runVectorFiles, type VectorRunSummary } from "./vectors/run-vector-files.js";
export {
  type CalendarVector,
  calendarVectorSchema,
  type ReferenceVector,
  referenceVectorSchema,
  type StatementVector,
  statementVectorSchema,
  vectorEnvelopeSchema,
} from "./vectors/vector-schema.js";
