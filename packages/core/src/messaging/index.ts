/**
 * Messaging rules of the core: when an automatic message may go (quiet hours in the debtor's time
 * zone, holidays, contact caps), the outbox payloads, instalment reminders and owner alerts.
 *
 * @module
 */
export {
  type DueInstalmentReminder,
  type InstalmentReminderMessage,
  type InstalmentReminderSkip,
  type InstalmentReminderSkipCode,
  type InstalmentRemindersOptions,
  type InstalmentRemindersResult,
  instalmentReminders,
} from "./instalment-reminders.js";
export { messageKey } from "./message-key.js";
export { fitSms, isGsm7Text, type SmsSegments, smsSegments } from "./sms-segments.js";
