/**
 * `@incasso/notify`: messaging for Incasso. The transports that carry the messages: e-mail over
 * SMTP (`createSmtpMailer`, on nodemailer: pooled connections, STARTTLS, AUTH, DKIM, sender
 * identities per tenant) and SMS over HTTP (`createCmSmsSender` for CM.com,
 * `createSpryngSmsSender` for Spryng, `createHttpSmsSender` for any other JSON or form API), each
 * implementing the core's `Mailer` or `SmsSender` port and answering a failure with a
 * `DeliveryError` that says whether a retry can help; the outbox dispatcher that sends the
 * outbox's messages through them; the reading of returned mail (delivery status notifications);
 * and the daily jobs that write instalment reminders and owner alerts.
 *
 * @packageDocumentation
 */
export {
  backoffSeconds,
  DEFAULT_RETRY,
  type RetryPolicy,
} from "./dispatcher/backoff.js";
export {
  createDispatcher,
  type Dispatcher,
  type DispatcherLetters,
  type DispatcherOptions,
  type DispatchReport,
  type DispatchStore,
} from "./dispatcher/create-dispatcher.js";
export { outboxKeyOfMessageId, outboxMessageId } from "./dispatcher/message-id.js";
export {
  type InstalmentReminderReport,
  type SkippedReminder,
  type WriteInstalmentRemindersOptions,
  writeInstalmentReminders,
} from "./jobs/write-instalment-reminders.js";
export {
  type OwnerAlertReport,
  type WriteOwnerAlertsOptions,
  writeOwnerAlerts,
} from "./jobs/write-owner-alerts.js";
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
  returnedMessageSchema,
} from "./returns/record-returned-message.js";
export { type CmSmsSenderOptions, createCmSmsSender } from "./sms/cm-sms-sender.js";
export {
  createHttpSmsSender,
  type HttpSmsSenderOptions,
  type SmsNumberFormat,
} from "./sms/http-sms-sender.js";
export { createSpryngSmsSender, type SpryngSmsSenderOptions } from "./sms/spryng-sms-sender.js";
export {
  createSmtpMailer,
  type DkimKey,
  type SenderIdentity,
  type SmtpMailerOptions,
} from "./smtp/smtp-mailer.js";
