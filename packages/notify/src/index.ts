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
export {
  type DeliveryStatusRecipient,
  type DeliveryStatusReport,
  parseDeliveryStatus,
} from "./returns/parse-delivery-status.js";
export {
  type RecordReturnedMessageOptions,
  type RetirePolicy,
  type ReturnedMessage,
  type ReturnedMessageResult,
  recordReturnedMessage,
  returnedFromDeliveryStatus,
} from "./returns/record-returned-message.js";
export { type CmSmsSenderOptions, createCmSmsSender } from "./sms/cm-sms-sender.js";
export {
  createHttpSmsSender,
  type HttpSmsSenderOptions,
  type SmsNumberFormat,
} from "./sms/http-sms-sender.js";
export { createSpryngSmsSender, type SpryngSmsSenderOptions } from "./sms/spryng-sms-sender.js";
