import { z } from "zod";
import { planRequestSchema } from "../plans/plan-request.js";
import { designationSchema } from "../statement/case-file-schema.js";
import { jsonFields, LIMITS, safeRecord } from "../validation/json-primitives.js";

const {
  isoDate,
  instant,
  amount,
  percent,
  signedPercent,
  id,
  name,
  optionalName,
  text,
  optionalText,
} = jsonFields;

const channel = z.enum(["post", "email", "registered-post", "hand-delivered"]);
/** The channels of automatic messages sent by the dispatcher. */
const messageChannel = z.enum(["email", "sms"]);
/**
 * Zod schema of the reminder settings of an agreed plan: the channel (`email` or `sms`, with an
 * optional fallback when the debtor has no current contact for it), the days before each
 * instalment's due date (and optionally on the day and days after it), and the debtor to remind
 * (default: the case's first debtor).
 *
 * @example
 * ```ts
 * import { planReminderSettingsSchema } from "@incasso/core";
 * planReminderSettingsSchema.parse({ channel: "sms", before: [3] });
 * ```
 */
export const planReminderSettingsSchema = z.strictObject({
  channel: messageChannel,
  fallbackChannel: messageChannel.optional(),
  before: z
    .array(
      z
        .number()
        .int({ message: "expected a whole number of days" })
        .min(1, { message: "expected 1 to 365 days before the due date" })
        .max(365, { message: "expected 1 to 365 days before the due date" }),
    )
    .max(10, { message: "expected at most 10 reminders before a due date" })
    .default([]),
  onDay: z.boolean().default(false),
  after: z
    .array(
      z
        .number()
        .int({ message: "expected a whole number of days" })
        .min(1, { message: "expected 1 to 365 days after the due date" })
        .max(365, { message: "expected 1 to 365 days after the due date" }),
    )
    .max(10, { message: "expected at most 10 reminders after a due date" })
    .default([]),
  debtorId: id.optional(),
});

/**
 * The reminder settings of an agreed plan (the input of {@link planReminderSettingsSchema}).
 *
 * @example
 * ```ts
 * import type { PlanReminderSettings } from "@incasso/core";
 * const settings: PlanReminderSettings = { channel: "email", fallbackChannel: "sms", before: [7, 2] };
 * ```
 */
export type PlanReminderSettings = z.input<typeof planReminderSettingsSchema>;

/** The channels a message can come back from undelivered. */
const returnChannel = z.enum(["post", "email", "registered-post", "hand-delivered", "sms"]);

const contact = z.strictObject({
  id,
  kind: z.enum(["address", "email", "phone"]),
  value: name,
  current: z.boolean().default(true),
  source: name,
  date: isoDate,
});

/**
 * Zod schema of a debtor: natural or legal person, language, consumer or business, contacts.
 *
 * @example
 * ```ts
 * import { debtorSchema } from "@incasso/core";
 * debtorSchema.parse({ id: "D1", kind: "legal-person", name: "Debtor BV", language: "nl", consumer: false });
 * ```
 */
export const debtorSchema = z.strictObject({
  id,
  kind: z.enum(["natural-person", "legal-person"]),
  name,
  language: z.enum(["nl", "fr", "en", "de"]),
  consumer: z.boolean(),
  enterpriseNumber: optionalName.optional(),
  /**
   * The Belgian national number (rijksregisternummer), only where the firm holds it lawfully (a
   * judgment, a registry answer); `nationalNumberBasis` says on what ground. Exports carry it only
   * when the basis is given.
   */
  nationalNumber: optionalName.optional(),
  nationalNumberBasis: optionalText.optional(),
  /** The debtor's IANA time zone for the hours of contact (the dispatcher's default when absent). */
  timeZone: optionalName.optional(),
  contacts: z.array(contact).default([]),
});

const interestOverride = z.strictObject({
  rate: z.union([z.strictObject({ table: id }), z.strictObject({ fixed: percent })]),
  margin: signedPercent.optional(),
});

const penaltyClause = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("percent"),
    percent,
    min: amount.optional(),
    max: amount.optional(),
  }),
  z.strictObject({ kind: z.literal("fixed"), amount }),
]);

/**
 * Zod schema of the contractual terms a client agreed with its debtor, which a rule pack starts
 * from: a contractual interest rate and a penalty clause, each optional.
 *
 * @example
 * ```ts
 * import { contractTermsSchema } from "@incasso/core";
 * contractTermsSchema.parse({ interest: { rate: { fixed: "12" } }, penalty: { kind: "percent", percent: "10", min: "50.00" } });
 * ```
 */
export const contractTermsSchema = z.strictObject({
  interest: interestOverride.optional(),
  penalty: penaltyClause.optional(),
  recurringSupply: z.boolean().default(false),
});

/**
 * Contractual terms (see {@link contractTermsSchema}).
 *
 * @example
 * ```ts
 * import type { ContractTerms } from "@incasso/core";
 * const terms: ContractTerms = { penalty: { kind: "fixed", amount: "75.00" } };
 * ```
 */
export type ContractTerms = z.input<typeof contractTermsSchema>;

/** The document that carried a letter: its SHA-256, the template and the format it was made in. */
const document = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected a SHA-256 in 64 hex digits" }),
  template: name,
  format: z.enum(["html", "pdf", "docx", "text"]),
});

const envelope = {
  id,
  /** The legal date of what happened (the payment's value date, the letter's posting date). */
  at: isoDate,
  /** When it was recorded, as an ISO instant passed in by the host (never read from a clock). */
  recordedAt: instant,
  /** Who recorded it. */
  by: name,
};

/**
 * Zod schema of a claim of a case: invoice number, invoice and due date, amount, description and
 * the claim's own contract terms.
 *
 * @example
 * ```ts
 * import { caseClaimSchema } from "@incasso/core";
 * caseClaimSchema.parse({ id: "F1", invoiceNumber: "2026-001", invoiceDate: "2026-01-02", dueDate: "2026-02-01", amount: "100.00" });
 * ```
 */
export const caseClaimSchema = z.strictObject({
  id,
  invoiceNumber: name,
  invoiceDate: isoDate,
  dueDate: isoDate,
  amount,
  description: optionalText.optional(),
  terms: contractTermsSchema.optional(),
});

/**
 * Zod schema of one case event. Every event has an `id`, the legal date `at`, `recordedAt` and
 * `by`, and a `type`:
 * `case.opened`, `claim.added`, `claim.corrected`, `payment.received`, `payment.reversed`,
 * `charge.added`, `reminder.sent`, `notice.sent`, `letter14.sent`, `anatocism.demanded`,
 * `promise.recorded`, `promise.kept`, `promise.broken`, `dispute.opened`, `dispute.closed`,
 * `insolvency.registered`, `plan.agreed`, `plan.defaulted`, `plan.cancelled`, `scenario.started`, `action.done`, `action.rescheduled`, `action.cancelled`, `action.ordered`, `extra-action.done`, `message.sent`, `message.failed`, `mail.returned`, `bailiff.handover`, `bailiff.returned`, `case.written-off`,
 * `case.reinstated`, `case.closed`, `case.suspended`, `case.resumed`, `case.owner-assigned`,
 * `note.added`, `contact.added`, `contact.retired`, `fields.set`.
 *
 * @example
 * ```ts
 * import { caseEventSchema } from "@incasso/core";
 * caseEventSchema.parse({
 *   id: "e2", type: "payment.received", at: "2026-03-05", recordedAt: "2026-03-06T09:00:00Z", by: "clerk",
 *   paymentId: "P1", amount: "250.00",
 * });
 * ```
 */
export const caseEventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    ...envelope,
    type: z.literal("case.opened"),
    caseNumber: name,
    client: z.strictObject({ id, name, reference: optionalName.optional() }),
    debtors: z
      .array(debtorSchema)
      .min(1, { message: "expected at least one debtor" })
      .max(100, { message: "expected at most 100 debtors" }),
    owner: name,
    lawyer: name,
    externalFileNumber: optionalName.optional(),
    collectionGroup: optionalName.optional(),
    rulePack: z.enum(["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"]),
    terms: contractTermsSchema.optional(),
    paymentReference: optionalName.optional(),
  }),
  z.strictObject({ ...envelope, type: z.literal("claim.added"), claim: caseClaimSchema }),
  z.strictObject({
    ...envelope,
    type: z.literal("claim.corrected"),
    claimId: id,
    changes: z.strictObject({
      amount: amount.optional(),
      dueDate: isoDate.optional(),
      invoiceDate: isoDate.optional(),
      description: optionalText.optional(),
    }),
    reason: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("payment.received"),
    paymentId: id,
    amount,
    reference: optionalName.optional(),
    designation: z
      .array(designationSchema)
      .max(LIMITS.claimsPerCase * 2, {
        message: "expected at most one designation per claim and bucket",
      })
      .optional(),
    /** This payment's own imputation order, instead of the rule pack's. */
    imputation: z
      .enum(["costs-interest-principal", "interest-costs-principal", "principal-interest-costs"])
      .optional(),
    /** Where a payment read from a bank statement came from, and why it was matched to the case. */
    bank: z
      .strictObject({
        /** Our account (IBAN) the statement is of. */
        account: name,
        /** The bank's reference of the entry, unique per account. */
        entryReference: name,
        statement: optionalName.optional(),
        counterpartyIban: optionalName.optional(),
        counterpartyName: optionalName.optional(),
        communication: optionalText.optional(),
        /** The matcher's reasons, in words. */
        matchReasons: z.array(text).max(20, { message: "expected at most 20 reasons" }).optional(),
      })
      .optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("payment.reversed"),
    paymentId: id,
    reason: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("charge.added"),
    chargeId: id,
    kind: z.enum(["cost", "interest"]),
    amount,
    description: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("reminder.sent"),
    channel,
    /** The free first reminder of Book XIX. */
    first: z.boolean().default(false),
    cost: amount.optional(),
    postage: amount.optional(),
    document: document.optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("notice.sent"),
    channel,
    document: document.optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("letter14.sent"),
    channel,
    /** The last day to pay as the letter states it, if it states a date. */
    statedExpiry: isoDate.optional(),
    document: document.optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("document.produced"),
    /** What the document is (a statement annex, a plan agreement, a letter to the bailiff...). */
    kind: name,
    channel: z.enum(["post", "email", "registered-post", "hand-delivered", "sms", "none"]),
    document,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("anatocism.demanded"),
    basis: z.enum(["judicial-demand", "agreement"]),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("promise.recorded"),
    promiseId: id,
    amount,
    dueDate: isoDate,
  }),
  z.strictObject({ ...envelope, type: z.literal("promise.kept"), promiseId: id }),
  z.strictObject({ ...envelope, type: z.literal("promise.broken"), promiseId: id }),
  z.strictObject({ ...envelope, type: z.literal("dispute.opened"), reason: text }),
  z.strictObject({ ...envelope, type: z.literal("dispute.closed"), outcome: text }),
  z.strictObject({
    ...envelope,
    type: z.literal("insolvency.registered"),
    kind: z.enum(["bankruptcy", "collective-debt-settlement"]),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("plan.agreed"),
    planId: id,
    description: text,
    /**
     * The plan request the agreed schedule is computed from (`proposePlan` gives the instalments
     * again, `planState` follows them); absent on plans recorded only by their description.
     */
    plan: planRequestSchema.optional(),
    /** Reminders N days before each instalment, by e-mail or SMS (needs `plan`). */
    reminders: planReminderSettingsSchema.optional(),
  }),
  z.strictObject({ ...envelope, type: z.literal("plan.defaulted"), planId: id }),
  z.strictObject({
    ...envelope,
    type: z.literal("plan.cancelled"),
    planId: id,
    reason: text,
  }),
  z.strictObject({ ...envelope, type: z.literal("scenario.started"), scenarioId: id }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.done"),
    step: z
      .number()
      .int({ message: "expected the step number, counted from 1" })
      .min(1, { message: "expected the step number, counted from 1" })
      .max(LIMITS.count, { message: `expected a step number of at most ${LIMITS.count}` }),
    result: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.rescheduled"),
    step: z
      .number()
      .int({ message: "expected the step number, counted from 1" })
      .min(1, { message: "expected the step number, counted from 1" })
      .max(LIMITS.count, { message: `expected a step number of at most ${LIMITS.count}` }),
    to: isoDate,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.cancelled"),
    step: z
      .number()
      .int({ message: "expected the step number, counted from 1" })
      .min(1, { message: "expected the step number, counted from 1" })
      .max(LIMITS.count, { message: `expected a step number of at most ${LIMITS.count}` }),
    reason: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.ordered"),
    actionId: id,
    activity: id.max(10, { message: "expected a code of at most 10 characters" }),
    dueDate: isoDate,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("extra-action.done"),
    actionId: id,
    result: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("message.sent"),
    channel: messageChannel,
    /** The outbox message's key (the e-mail's Message-ID is made from it). */
    outboxKey: id,
    /** The provider's message id (SMTP Message-ID or the SMS provider's id). */
    messageId: name,
    /** The address or E.164 number it went to, and the debtor contact it was taken from. */
    to: name,
    contactId: id.optional(),
    template: optionalName.optional(),
    document: document.optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("message.failed"),
    channel: messageChannel,
    outboxKey: id,
    to: optionalName.optional(),
    contactId: id.optional(),
    /** True when retrying cannot help (a 5xx answer, an invalid number, no current contact). */
    permanent: z.boolean(),
    reason: text,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("mail.returned"),
    channel: returnChannel,
    /** Why it came back (a bounce's status and diagnostic, "unknown at this address"...). */
    reason: optionalText.optional(),
    contactId: id.optional(),
    messageId: optionalName.optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("bailiff.handover"),
    bailiff: name,
    /** The handover package's id and the SHA-256 of the file that carried it. */
    packageId: id.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: "expected a SHA-256 in 64 hex digits" })
      .optional(),
    phase: z.enum(["amicable", "summary-procedure", "enforcement"]).optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("bailiff.returned"),
    /** The office that gives the case back (refused it, or handed it back). */
    bailiff: name,
    /**
     * The id of the `bailiff.handover` event it answers; absent: the case's latest handover. A
     * return that answers an earlier handover than the latest (the case was sent to another office
     * since) is history only: the case stays with the office it was sent to last.
     */
    handoverId: id.optional(),
    /** The handover package's id, as the office's answer names it. */
    packageId: id.optional(),
    /** Why the office gives the case back (its refusal reason). */
    reason: text,
  }),
  z.strictObject({ ...envelope, type: z.literal("case.written-off"), reason: text }),
  z.strictObject({ ...envelope, type: z.literal("case.reinstated"), reason: text }),
  z.strictObject({ ...envelope, type: z.literal("case.closed"), reason: text }),
  z.strictObject({
    ...envelope,
    type: z.literal("case.suspended"),
    reason: text,
    /**
     * The day collection resumes by itself (the case is no longer suspended on and after it);
     * absent: suspended until a `case.resumed`.
     */
    until: isoDate.optional(),
  }),
  z.strictObject({ ...envelope, type: z.literal("case.resumed"), reason: text }),
  z.strictObject({
    ...envelope,
    type: z.literal("case.owner-assigned"),
    /** The user id of the case's new owner. */
    owner: name,
    reason: optionalText.optional(),
  }),
  z.strictObject({ ...envelope, type: z.literal("note.added"), text: text }),
  z.strictObject({ ...envelope, type: z.literal("contact.added"), debtorId: id, contact }),
  z.strictObject({ ...envelope, type: z.literal("contact.retired"), debtorId: id, contactId: id }),
  z.strictObject({
    ...envelope,
    type: z.literal("fields.set"),
    values: safeRecord(z.union([optionalText, z.number().finite(), z.boolean()])),
  }),
]);

/**
 * One case event as JSON (the input of {@link caseEventSchema}).
 *
 * @example
 * ```ts
 * import type { CaseEventJson } from "@incasso/core";
 * const note: CaseEventJson = { id: "e9", type: "note.added", at: "2026-03-01", recordedAt: "2026-03-01T10:00:00Z", by: "clerk", text: "Called" };
 * ```
 */
export type CaseEventJson = z.input<typeof caseEventSchema>;

/**
 * One validated case event.
 *
 * @example
 * ```ts
 * import type { CaseEvent } from "@incasso/core";
 * const isPayment = (event: CaseEvent) => event.type === "payment.received";
 * ```
 */
export type CaseEvent = z.output<typeof caseEventSchema>;

/**
 * A debtor of a case, as `case.opened` gives it.
 *
 * @example
 * ```ts
 * import type { Debtor } from "@incasso/core";
 * const consumer = (debtor: Debtor) => debtor.consumer;
 * ```
 */
export type Debtor = z.output<typeof debtorSchema>;

/**
 * A claim of a case, as `claim.added` gives it.
 *
 * @example
 * ```ts
 * import type { CaseClaim } from "@incasso/core";
 * const label = (claim: CaseClaim) => `${claim.invoiceNumber} due ${claim.dueDate}`;
 * ```
 */
export type CaseClaim = z.output<typeof caseClaimSchema>;
