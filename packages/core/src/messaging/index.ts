/**
 * Messaging rules of the core: when an automatic message may go (quiet hours in the debtor's time
 * zone, holidays, contact caps), the outbox payloads, instalment reminders and owner alerts.
 *
 * @module
 */

export { checkOutgoingSms } from "./check-outgoing-sms.js";
export {
  type ContactHoursPolicy,
  type ContactSituation,
  contactBlock,
  contactHoursPolicy,
  contactHoursPolicySchema,
  DEFAULT_CONTACT_HOURS,
  type LawfulMoment,
  nextLawfulMoment,
} from "./contact-hours.js";
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
export {
  approvalAppends,
  type CommandCase,
  type CommandOutbox,
  commandOutbox,
  OUTBOX_KINDS,
  type OutboxPayload,
  parseOutboxPayload,
  sendEmailPayloadSchema,
  sendLetterEmailPayloadSchema,
  sendSmsPayloadSchema,
} from "./outbox-payload.js";
export {
  type MassActionResult,
  massReasonText,
  type OwnerAlertMessage,
  type OwnerAlerts,
  type OwnerAlertsInput,
  type OwnerMailbox,
  ownerAlerts,
  type UndeliveredMessage,
  undeliveredFromEvents,
  undeliveredFromOutbox,
} from "./owner-alerts.js";
export { fitSms, isGsm7Text, type SmsSegments, smsSegments } from "./sms-segments.js";
