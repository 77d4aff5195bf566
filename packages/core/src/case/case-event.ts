import { z } from "zod";
import { designationSchema } from "../statement/case-file-schema.js";
import { jsonFields } from "../validation/json-primitives.js";

const { isoDate, amount, id } = jsonFields;

const channel = z.enum(["post", "email", "registered-post", "hand-delivered"]);

const contact = z.strictObject({
  id,
  kind: z.enum(["address", "email", "phone"]),
  value: z.string().min(1),
  current: z.boolean().default(true),
  source: z.string().min(1),
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
  name: z.string().min(1),
  language: z.enum(["nl", "fr", "en", "de"]),
  consumer: z.boolean(),
  enterpriseNumber: z.string().optional(),
  contacts: z.array(contact).default([]),
});

const interestOverride = z.strictObject({
  rate: z.union([z.strictObject({ table: z.string().min(1) }), z.strictObject({ fixed: amount })]),
  margin: z
    .string()
    .regex(/^[+-]?\d+(\.\d+)?$/)
    .optional(),
});

const penaltyClause = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("percent"),
    percent: amount,
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

const envelope = {
  id,
  /** The legal date of what happened (the payment's value date, the letter's posting date). */
  at: isoDate,
  /** When it was recorded, as an ISO instant passed in by the host (never read from a clock). */
  recordedAt: z.iso.datetime({ offset: true }),
  /** Who recorded it. */
  by: z.string().min(1),
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
  invoiceNumber: z.string().min(1),
  invoiceDate: isoDate,
  dueDate: isoDate,
  amount,
  description: z.string().optional(),
  terms: contractTermsSchema.optional(),
});

/**
 * Zod schema of one case event. Every event has an `id`, the legal date `at`, `recordedAt` and
 * `by`, and a `type`:
 * `case.opened`, `claim.added`, `claim.corrected`, `payment.received`, `payment.reversed`,
 * `charge.added`, `reminder.sent`, `notice.sent`, `letter14.sent`, `anatocism.demanded`,
 * `promise.recorded`, `promise.kept`, `promise.broken`, `dispute.opened`, `dispute.closed`,
 * `insolvency.registered`, `plan.agreed`, `plan.defaulted`, `plan.cancelled`, `scenario.started`, `action.done`, `action.rescheduled`, `action.cancelled`, `action.ordered`, `extra-action.done`, `mail.returned`, `bailiff.handover`, `case.written-off`,
 * `case.reinstated`, `case.closed`, `note.added`, `contact.added`, `contact.retired`, `fields.set`.
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
    caseNumber: z.string().min(1),
    client: z.strictObject({ id, name: z.string().min(1), reference: z.string().optional() }),
    debtors: z.array(debtorSchema).min(1, { message: "expected at least one debtor" }),
    owner: z.string().min(1),
    lawyer: z.string().min(1),
    externalFileNumber: z.string().optional(),
    collectionGroup: z.string().optional(),
    rulePack: z.enum(["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"]),
    terms: contractTermsSchema.optional(),
    paymentReference: z.string().optional(),
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
      description: z.string().optional(),
    }),
    reason: z.string().min(1),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("payment.received"),
    paymentId: id,
    amount,
    reference: z.string().optional(),
    designation: z.array(designationSchema).optional(),
    /** This payment's own imputation order, instead of the rule pack's. */
    imputation: z
      .enum(["costs-interest-principal", "interest-costs-principal", "principal-interest-costs"])
      .optional(),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("payment.reversed"),
    paymentId: id,
    reason: z.string().min(1),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("charge.added"),
    chargeId: id,
    kind: z.enum(["cost", "interest"]),
    amount,
    description: z.string().min(1),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("reminder.sent"),
    channel,
    /** The free first reminder of Book XIX. */
    first: z.boolean().default(false),
    cost: amount.optional(),
    postage: amount.optional(),
  }),
  z.strictObject({ ...envelope, type: z.literal("notice.sent"), channel }),
  z.strictObject({
    ...envelope,
    type: z.literal("letter14.sent"),
    channel,
    /** The last day to pay as the letter states it, if it states a date. */
    statedExpiry: isoDate.optional(),
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
  z.strictObject({ ...envelope, type: z.literal("dispute.opened"), reason: z.string().min(1) }),
  z.strictObject({ ...envelope, type: z.literal("dispute.closed"), outcome: z.string().min(1) }),
  z.strictObject({
    ...envelope,
    type: z.literal("insolvency.registered"),
    kind: z.enum(["bankruptcy", "collective-debt-settlement"]),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("plan.agreed"),
    planId: id,
    description: z.string().min(1),
  }),
  z.strictObject({ ...envelope, type: z.literal("plan.defaulted"), planId: id }),
  z.strictObject({
    ...envelope,
    type: z.literal("plan.cancelled"),
    planId: id,
    reason: z.string().min(1),
  }),
  z.strictObject({ ...envelope, type: z.literal("scenario.started"), scenarioId: id }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.done"),
    step: z.number().int().min(1, { message: "expected the step number, counted from 1" }),
    result: z.string().min(1),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.rescheduled"),
    step: z.number().int().min(1, { message: "expected the step number, counted from 1" }),
    to: isoDate,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.cancelled"),
    step: z.number().int().min(1, { message: "expected the step number, counted from 1" }),
    reason: z.string().min(1),
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("action.ordered"),
    actionId: id,
    activity: z.string().min(1).max(10),
    dueDate: isoDate,
  }),
  z.strictObject({
    ...envelope,
    type: z.literal("extra-action.done"),
    actionId: id,
    result: z.string().min(1),
  }),
  z.strictObject({ ...envelope, type: z.literal("mail.returned"), channel }),
  z.strictObject({ ...envelope, type: z.literal("bailiff.handover"), bailiff: z.string().min(1) }),
  z.strictObject({ ...envelope, type: z.literal("case.written-off"), reason: z.string().min(1) }),
  z.strictObject({ ...envelope, type: z.literal("case.reinstated"), reason: z.string().min(1) }),
  z.strictObject({ ...envelope, type: z.literal("case.closed"), reason: z.string().min(1) }),
  z.strictObject({ ...envelope, type: z.literal("note.added"), text: z.string().min(1) }),
  z.strictObject({ ...envelope, type: z.literal("contact.added"), debtorId: id, contact }),
  z.strictObject({ ...envelope, type: z.literal("contact.retired"), debtorId: id, contactId: id }),
  z.strictObject({
    ...envelope,
    type: z.literal("fields.set"),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
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
