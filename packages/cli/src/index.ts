/**
 * `@incasso/cli`: the `incasso` command, and its commands as functions for host applications
 * and tests.
 *
 * @packageDocumentation
 */

export { agendaCommand } from "./commands/agenda-command.js";
export { calendarById, deadlineCommand, holidaysCommand } from "./commands/calendar-commands.js";
export { caseCommand } from "./commands/case-command.js";
export { planCommand } from "./commands/plan-command.js";
export {
  REFERENCE_CREATORS,
  REFERENCE_VALIDATORS,
  referenceCommand,
} from "./commands/reference-command.js";
export { describeStatement, statementCommand } from "./commands/statement-command.js";
export type { CliIo } from "./io.js";
export { main, USAGE } from "./main.js";
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
