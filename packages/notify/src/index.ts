/**
 * @module
 */
export {
  type InstalmentReminderReport,
  type SkippedReminder,
  type WriteInstalmentRemindersOptions,
  writeInstalmentReminders,
} from "./jobs/write-instalment-reminders.js";
export {
  createSmtpMailer,
  type DkimKey,
  type SenderIdentity,
  type SmtpMailerOptions,
} from "./smtp/smtp-mailer.js";
