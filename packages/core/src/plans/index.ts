export { proposePlanForCase } from "./plan-for-case.js";
export {
  type PlanReminder,
  planReminders,
  type ReminderPolicy,
  remindersDue,
  reminderText,
} from "./plan-reminders.js";
export { type PlanRequest, type PlanRequestJson, planRequestSchema } from "./plan-request.js";
export {
  type InstalmentState,
  instalmentDefaultDate,
  type PlanPayment,
  type PlanState,
  planState,
  promiseState,
} from "./plan-state.js";
export {
  type Instalment,
  type PlanOptions,
  type PlanProposal,
  type PlanRefusalCode,
  type PlanResult,
  proposePlan,
} from "./propose-plan.js";
