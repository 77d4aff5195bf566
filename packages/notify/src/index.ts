/**
 * @module
 */
export {
  type InstalmentReminderReport,
  type SkippedReminder,
  type WriteInstalmentRemindersOptions,
  writeInstalmentReminders,
} from "./jobs/write-instalment-reminders.js";
