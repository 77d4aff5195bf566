import { z } from "zod";
import { contractTermsSchema, debtorSchema } from "../case/case-event.js";
import { rulePackPolicySchema } from "../case/rule-packs.js";
import { activitySchema } from "../scenarios/scenario-definition.js";
import { jsonFields, LIMITS, safeRecord } from "../validation/json-primitives.js";

const { isoDate, amount, name, optionalName, text, key } = jsonFields;

/**
 * An identifier a store keys rows by (tenant, client, case, debtor, batch, message key): 1 to 120
 * characters of `A-Z a-z 0-9 . _ : / -`. The narrow alphabet makes the order of ids the same in
 * JavaScript and in every database collation, so keyset pages and shard ranges agree everywhere.
 *
 * @example
 * ```ts
 * import { storeIdSchema } from "@incasso/core";
 * storeIdSchema.parse("2026/0042"); // ok
 * ```
 */
export const storeIdSchema = z.string().regex(/^[A-Za-z0-9._:/-]{1,120}$/, {
  message: "expected an id of 1 to 120 characters among A-Z a-z 0-9 . _ : / -",
});

const instant = jsonFields.instant;
const version = z
  .number()
  .int({ message: "expected a whole version number" })
  .min(0, { message: "expected a version of 0 or more" })
  .max(2_147_483_647, { message: "expected a version of at most 2147483647" });
const limit = (max: number, fallback: number) =>
  z
    .number()
    .int()
    .min(1, { message: "expected a limit of at least 1" })
    .max(max, { message: `expected a limit of at most ${max}` })
    .default(fallback);

/**
 * Zod schema of the scope every store call runs in: the tenant (a firm), and for a client-portal
 * view the one client whose cases it may read. A scope with a client never writes.
 *
 * @example
 * ```ts
 * import { storeScopeSchema } from "@incasso/core";
 * storeScopeSchema.parse({ tenantId: "firm-1", clientId: "acme" });
 * ```
 */
export const storeScopeSchema = z.strictObject({
  tenantId: storeIdSchema,
  clientId: storeIdSchema.optional(),
});

/**
 * Zod schema of a message for the outbox, written in the same transaction as the events that
 * caused it: a key unique in the tenant (the idempotency of sending), the kind (`send-email`,
 * `send-sms`, `render-letter`, ...), a JSON payload for the messaging adapter, and the instant
 * before which it must not be sent (quiet hours).
 *
 * @example
 * ```ts
 * import { outboxMessageInputSchema } from "@incasso/core";
 * outboxMessageInputSchema.parse({ key: "C1:REM1:2026-01-31", kind: "send-email", payload: { to: "a@b.be" } });
 * ```
 */
export const outboxMessageInputSchema = z.strictObject({
  key: storeIdSchema,
  kind: name,
  payload: safeRecord(jsonFields.json),
  notBefore: instant.optional(),
});

/**
 * Zod schema of an append: the case, the version the writer read (0 for a new case), the events,
 * an optional idempotency key, the outbox messages the events cause, and the date the case's
 * list row (its projection) is computed as of.
 *
 * @example
 * ```ts
 * import { appendRequestSchema } from "@incasso/core";
 * appendRequestSchema.shape.expectedVersion.parse(3);
 * ```
 */
export const appendRequestSchema = z.strictObject({
  caseId: storeIdSchema,
  expectedVersion: version,
  events: z
    .array(z.unknown())
    .min(1, { message: "expected at least one event" })
    .max(LIMITS.eventsPerAppend, {
      message: `expected at most ${LIMITS.eventsPerAppend} events in one append`,
    }),
  idempotencyKey: storeIdSchema.optional(),
  outbox: z
    .array(outboxMessageInputSchema)
    .max(100, { message: "expected at most 100 outbox messages in one append" })
    .default([]),
  asOf: isoDate,
});

/**
 * Zod schema of a client (creditor) of the tenant.
 *
 * @example
 * ```ts
 * import { clientRecordSchema } from "@incasso/core";
 * clientRecordSchema.parse({ id: "acme", name: "Acme NV" });
 * ```
 */
export const clientRecordSchema = z.strictObject({
  id: storeIdSchema,
  name,
  reference: optionalName.optional(),
});

/**
 * Zod schema of a debtor relation of the tenant with its contacts (the case file's debtor, kept
 * once for all the cases it appears in).
 *
 * @example
 * ```ts
 * import { debtorRecordSchema } from "@incasso/core";
 * debtorRecordSchema.parse({ id: "D1", kind: "legal-person", name: "Debtor BV", language: "nl", consumer: false });
 * ```
 */
export const debtorRecordSchema = debtorSchema.extend({ id: storeIdSchema });

/**
 * The most debtors one `putDebtors` call takes.
 *
 * @example
 * ```ts
 * import { PUT_DEBTORS_LIMIT } from "@incasso/core";
 * const calls = (debtors: number) => Math.ceil(debtors / PUT_DEBTORS_LIMIT);
 * ```
 */
export const PUT_DEBTORS_LIMIT = 1_000;

/**
 * Zod schema of the debtors of one `putDebtors` call: up to {@link PUT_DEBTORS_LIMIT} debtor
 * relations, each as {@link debtorRecordSchema} takes it.
 *
 * @example
 * ```ts
 * import { debtorListSchema } from "@incasso/core";
 * debtorListSchema.parse([{ id: "D1", kind: "legal-person", name: "Debtor BV", language: "nl", consumer: false }]);
 * ```
 */
export const debtorListSchema = z
  .array(debtorRecordSchema, { error: "expected an array of debtors" })
  .max(PUT_DEBTORS_LIMIT, {
    message: `expected at most ${PUT_DEBTORS_LIMIT} debtors in one putDebtors`,
  });

const identifierList = z
  .array(name)
  .max(1000, { message: "expected at most 1000 values in one query" })
  .optional();

/**
 * Zod schema of a debtor query: the debtors that have any of the given ids, enterprise numbers
 * (KBO/BCE, KvK) or national numbers. Numbers are compared by their digits only, so
 * `BE 0403.170.701` finds a debtor stored as `0403170701`; a number without digits finds nothing.
 *
 * @example
 * ```ts
 * import { debtorQuerySchema } from "@incasso/core";
 * debtorQuerySchema.parse({ enterpriseNumbers: ["0403170701"], nationalNumbers: ["85.07.30-033.61"] });
 * ```
 */
export const debtorQuerySchema = z.strictObject({
  ids: z
    .array(storeIdSchema)
    .max(1000, { message: "expected at most 1000 values in one query" })
    .optional(),
  enterpriseNumbers: identifierList,
  nationalNumbers: identifierList,
});

const agingBucketSchema = z.strictObject({
  label: name,
  from: z.number().int().min(-36_500).max(36_500).nullable(),
  to: z.number().int().min(-36_500).max(36_500).nullable(),
});

/**
 * Zod schema of a client's collection terms: the contract terms new business and consumer cases
 * start from, the rule-pack policy, the user-defined fields, the default scenario and the aging
 * buckets its lists use (`from` null: no lower bound).
 *
 * @example
 * ```ts
 * import { clientTermsSchema } from "@incasso/core";
 * clientTermsSchema.parse({ business: { penalty: { kind: "percent", percent: "10", min: "50.00" } }, defaultScenario: "be-b2b" });
 * ```
 */
export const clientTermsSchema = z.strictObject({
  business: contractTermsSchema.optional(),
  consumer: contractTermsSchema.optional(),
  policy: rulePackPolicySchema.optional(),
  fields: z
    .array(
      z.strictObject({
        name: key,
        type: z.enum(["text", "number", "date", "boolean", "choice"]),
        required: z.boolean().optional(),
        choices: z
          .array(name)
          .min(1)
          .max(200, { message: "expected at most 200 choices" })
          .optional(),
      }),
    )
    .max(100, { message: "expected at most 100 fields" })
    .optional(),
  defaultScenario: jsonFields.id.optional(),
  agingBuckets: z
    .array(agingBucketSchema)
    .min(1)
    .max(50, { message: "expected at most 50 buckets" })
    .optional(),
});

const sortSchema = z.enum(["case-id", "next-action", "balance", "last-contact"]);

/**
 * Zod schema of a case list query: filters (client, owner, statuses, collection group, aging
 * bucket, next action date range, balance range, last contact range, case-id range `[from, to)`),
 * a sort order, and a keyset page (`after` is the `nextCursor` of the previous page).
 *
 * Sort orders: `case-id` ascending (default); `next-action` ascending with cases that have none
 * last; `balance` descending; `last-contact` ascending with never-contacted cases first. Ties are
 * broken by case id ascending, so pages are stable.
 *
 * @example
 * ```ts
 * import { caseQuerySchema } from "@incasso/core";
 * caseQuerySchema.parse({ owner: "an.peeters", sort: "next-action", limit: 50 });
 * ```
 */
export const caseQuerySchema = z.strictObject({
  clientId: storeIdSchema.optional(),
  owner: name.optional(),
  status: z
    .array(
      z.enum([
        "open",
        "disputed",
        "payment-plan",
        "insolvent",
        "with-bailiff",
        "written-off",
        "closed",
        "paid",
        "suspended",
      ]),
    )
    .min(1)
    .optional(),
  collectionGroup: name.optional(),
  agingBucket: name.optional(),
  nextActionFrom: isoDate.optional(),
  nextActionTo: isoDate.optional(),
  balanceMin: amount.optional(),
  balanceMax: amount.optional(),
  lastContactFrom: isoDate.optional(),
  lastContactTo: isoDate.optional(),
  caseIdFrom: storeIdSchema.optional(),
  caseIdTo: storeIdSchema.optional(),
  /** Cases whose case number is one of these (exactly as stored). */
  caseNumbers: z
    .array(name)
    .min(1)
    .max(1000, { message: "expected at most 1000 case numbers in one query" })
    .optional(),
  /** Cases that name one of these debtors (their list row's `debtorIds`). */
  debtorIds: z
    .array(storeIdSchema)
    .min(1)
    .max(1000, { message: "expected at most 1000 debtor ids in one query" })
    .optional(),
  sort: sortSchema.default("case-id"),
  limit: limit(1000, 100),
  after: z
    .string()
    .min(1)
    .max(1000, { message: "expected a cursor of at most 1000 characters" })
    .optional(),
});

/**
 * Zod schema of a query of cases by key (what a bank payment can name a case by): up to 5,000
 * keys, each a kind (`payment-reference`, `case-number`, `client-reference`, `invoice-number`,
 * `counterparty-iban`, `debtor`) and a key normalised as `normalizeMatchKey` writes it (a debtor
 * key is the debtor's id).
 *
 * @example
 * ```ts
 * import { caseKeyQuerySchema } from "@incasso/core";
 * caseKeyQuerySchema.parse({ keys: [{ kind: "payment-reference", key: "123456789002" }] });
 * ```
 */
export const caseKeyQuerySchema = z.strictObject({
  keys: z
    .array(
      z.strictObject({
        kind: z.enum([
          "payment-reference",
          "case-number",
          "client-reference",
          "invoice-number",
          "counterparty-iban",
          "debtor",
        ]),
        key: name,
      }),
    )
    .max(5000, { message: "expected at most 5000 keys in one query" }),
});

/**
 * Zod schema of one stored agenda entry: the entry of the daily run for a case on a run date, with
 * what the clerk decided about it.
 *
 * @example
 * ```ts
 * import { agendaRecordSchema } from "@incasso/core";
 * agendaRecordSchema.shape.status.parse("open");
 * ```
 */
export const agendaRecordSchema = z.strictObject({
  id: z.string().min(1),
  runDate: isoDate,
  caseId: storeIdSchema,
  clientId: storeIdSchema,
  owner: z.string().min(1),
  collectionGroup: z.string().nullable(),
  scenarioId: z.string().nullable(),
  step: z.number().int().min(1).nullable(),
  actionId: z.string().nullable(),
  activity: activitySchema,
  dueDate: isoDate,
  approval: z.enum(["required", "automatic"]),
  balance: z.string(),
  status: z.enum(["open", "done", "rescheduled", "cancelled"]),
  disposition: z
    .strictObject({
      by: z.string().min(1),
      recordedAt: instant,
      eventId: z.string().min(1),
      /** The case version of the appended event. */
      version: z.number().int().min(1),
      detail: z.string(),
    })
    .nullable(),
});

/**
 * Zod schema of an agenda query: the run date, optional filters, and a keyset page.
 *
 * @example
 * ```ts
 * import { agendaQuerySchema } from "@incasso/core";
 * agendaQuerySchema.parse({ runDate: "2026-01-31", owner: "an.peeters", status: "open" });
 * ```
 */
export const agendaQuerySchema = z.strictObject({
  runDate: isoDate,
  clientId: storeIdSchema.optional(),
  owner: name.optional(),
  status: z.enum(["open", "done", "rescheduled", "cancelled"]).optional(),
  limit: limit(1000, 100),
  after: z
    .string()
    .min(1)
    .max(1000, { message: "expected a cursor of at most 1000 characters" })
    .optional(),
});

/**
 * Zod schema of a disposition of an agenda entry: the entry, what was decided, and the event it
 * appends to the case (its id, legal date, instant and author).
 *
 * @example
 * ```ts
 * import { disposeRequestSchema } from "@incasso/core";
 * disposeRequestSchema.shape.disposition.parse({ kind: "done", result: "sent" });
 * ```
 */
export const disposeRequestSchema = z.strictObject({
  entryId: name,
  disposition: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("done"), result: text }),
    z.strictObject({ kind: z.literal("rescheduled"), to: isoDate }),
    z.strictObject({ kind: z.literal("cancelled"), reason: text }),
  ]),
  event: z.strictObject({
    id: jsonFields.id,
    at: isoDate,
    recordedAt: instant,
    by: name,
  }),
  asOf: isoDate,
});

/**
 * Zod schema of a claim on the outbox: the worker's name, how many messages at most, the instant
 * now (messages with a later `notBefore` wait), and how long the claim holds before another worker
 * may take the message over.
 *
 * @example
 * ```ts
 * import { claimRequestSchema } from "@incasso/core";
 * claimRequestSchema.parse({ worker: "mailer-1", limit: 20, now: "2026-01-31T09:00:00Z", leaseSeconds: 60 });
 * ```
 */
export const claimRequestSchema = z.strictObject({
  worker: name,
  limit: limit(1000, 50),
  now: instant,
  leaseSeconds: z.number().int().min(1).max(86_400).default(300),
});

/**
 * Zod schema of the outcome of sending an outbox message, reported by the worker that holds its
 * claim: sent (with the provider's id) or failed (with the error), at an instant.
 *
 * @example
 * ```ts
 * import { completeRequestSchema } from "@incasso/core";
 * completeRequestSchema.parse({ id: "C1:REM1", worker: "mailer-1", outcome: "sent", at: "2026-01-31T09:00:01Z" });
 * ```
 */
export const completeRequestSchema = z.strictObject({
  id: storeIdSchema,
  worker: name,
  outcome: z.enum(["sent", "failed"]),
  at: instant,
  detail: jsonFields.optionalText.optional(),
});

/**
 * Zod schema of an outbox query: status and case filters.
 *
 * @example
 * ```ts
 * import { outboxQuerySchema } from "@incasso/core";
 * outboxQuerySchema.parse({ status: "failed" });
 * ```
 */
export const outboxQuerySchema = z.strictObject({
  status: z.enum(["pending", "claimed", "sent", "failed"]).optional(),
  caseId: storeIdSchema.optional(),
  /** Messages whose payload names this debtor (`payload.debtorId`): the contacts of a debtor. */
  debtorId: storeIdSchema.optional(),
  /** Messages completed (sent or failed) at or after this instant. */
  completedFrom: instant.optional(),
  limit: limit(1000, 100),
});

/**
 * Zod schema of a postponement: the worker holding the claim gives the message back as pending
 * until `notBefore` (quiet hours, a contact cap, a transient failure's backoff), with the reason
 * in `detail`. `countAttempt` keeps the claim in `attempts` (a failed try); without it the claim
 * is not counted (the message was never tried).
 *
 * @example
 * ```ts
 * import { postponeRequestSchema } from "@incasso/core";
 * postponeRequestSchema.parse({ id: "C1:REM1", worker: "mailer-1", notBefore: "2026-02-02T06:00:00Z", at: "2026-01-31T21:00:00Z", detail: "quiet hours" });
 * ```
 */
export const postponeRequestSchema = z.strictObject({
  id: storeIdSchema,
  worker: name,
  notBefore: instant,
  at: instant,
  detail: jsonFields.optionalText.optional(),
  countAttempt: z.boolean().default(false),
});

/**
 * Zod schema of messages enqueued without a case (an owner's daily alert): 1 to 100 messages,
 * keys unique in the tenant together with the messages appends write.
 *
 * @example
 * ```ts
 * import { enqueueRequestSchema } from "@incasso/core";
 * enqueueRequestSchema.parse([{ key: "alert:owner-1:2026-01-31", kind: "send-email", payload: { to: "owner@firm.be" } }]);
 * ```
 */
export const enqueueRequestSchema = z
  .array(outboxMessageInputSchema)
  .min(1, { message: "expected at least one message" })
  .max(100, { message: "expected at most 100 messages in one call" });

/**
 * The limits of import batches: rows in one batch (however it is saved) and rows in one part of a
 * batch saved in parts.
 *
 * @example
 * ```ts
 * import { IMPORT_BATCH_LIMITS } from "@incasso/core";
 * const parts = Math.ceil(25_000 / IMPORT_BATCH_LIMITS.partRows); // 3
 * ```
 */
export const IMPORT_BATCH_LIMITS = { batchRows: 1_000_000, partRows: 10_000 } as const;

/**
 * Zod schema of the result of one row of an import batch: its row number in the source, the
 * outcome, the case it touched and its errors, and what the importer keeps about it.
 *
 * @example
 * ```ts
 * import { importRowSchema } from "@incasso/core";
 * importRowSchema.parse({ row: 2, outcome: "imported", caseId: "C1" }).errors; // []
 * ```
 */
export const importRowSchema = z.strictObject({
  row: z.number().int().min(1).max(10_000_000),
  /**
   * `proposed` and `unmatched`: a bank entry a clerk reviews (see `@incasso/import-bank`).
   */
  outcome: z.enum(["imported", "updated", "skipped", "error", "proposed", "unmatched"]),
  caseId: storeIdSchema.optional(),
  errors: z
    .array(z.strictObject({ field: jsonFields.optionalName, message: text }))
    .max(100, { message: "expected at most 100 errors per row" })
    .default([]),
  /** What the importer keeps about the row (a bank entry, its candidates and reasons). */
  detail: safeRecord(jsonFields.json).optional(),
});

/**
 * Zod schema of an import batch with its row results: the batch id (re-importing the same batch
 * is idempotent), the client, where the rows came from, a hash of the file's content, the instant
 * it was imported, and per row its number, outcome, the case it touched and its errors.
 *
 * @example
 * ```ts
 * import { importBatchSchema } from "@incasso/core";
 * importBatchSchema.parse({ id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z",
 *   rows: [{ row: 2, outcome: "imported", caseId: "C1" }] });
 * ```
 */
export const importBatchSchema = z.strictObject({
  id: storeIdSchema,
  clientId: storeIdSchema,
  source: name,
  contentHash: name,
  importedAt: instant,
  rows: z
    .array(importRowSchema)
    .max(IMPORT_BATCH_LIMITS.batchRows, { message: "expected at most 1000000 rows in one batch" }),
});

/**
 * Zod schema of one part of an import batch saved in parts (`saveImportBatchPart`): the batch's
 * header (the fields of {@link importBatchSchema} but its rows), the part's number (0, 1, 2 … in
 * order), whether it is the batch's last part, and up to 10,000 row results whose row numbers are
 * distinct (`rows.N.row` names the second of two equal ones).
 *
 * @example
 * ```ts
 * import { importBatchPartSchema } from "@incasso/core";
 * importBatchPartSchema.parse({
 *   batch: { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" },
 *   part: 0, last: true, rows: [{ row: 2, outcome: "imported", caseId: "C1" }],
 * });
 * ```
 */
export const importBatchPartSchema = z.strictObject({
  batch: importBatchSchema.omit({ rows: true }),
  part: z
    .number()
    .int({ message: "expected a whole part number" })
    .min(0, { message: "expected a part number of 0 or more" })
    .max(IMPORT_BATCH_LIMITS.batchRows, { message: "expected a part number of at most 1000000" }),
  last: z.boolean(),
  rows: z
    .array(importRowSchema)
    .max(IMPORT_BATCH_LIMITS.partRows, { message: "expected at most 10000 rows in one part" })
    .superRefine((rows, context) => {
      const seen = new Set<number>();
      rows.forEach((row, index) => {
        if (seen.has(row.row))
          context.addIssue({
            code: "custom",
            path: [index, "row"],
            message: `expected a row number not already in this part (row ${row.row} is twice)`,
          });
        seen.add(row.row);
      });
    }),
});

/**
 * Zod schema of a page request of an import batch's rows (`readImportBatchRows`): up to `limit`
 * rows (default 1000, at most 10,000) after the cursor `after`, the `nextCursor` of the previous
 * page.
 *
 * @example
 * ```ts
 * import { importRowsQuerySchema } from "@incasso/core";
 * importRowsQuerySchema.parse({ limit: 500 }); // { limit: 500 }
 * ```
 */
export const importRowsQuerySchema = z.strictObject({
  after: z
    .string()
    .min(1)
    .max(1000, { message: "expected a cursor of at most 1000 characters" })
    .optional(),
  limit: limit(IMPORT_BATCH_LIMITS.partRows, 1000),
});

/**
 * Zod schema of a shard of the daily run: the run date and the case-id range `[from, to)` (either
 * end open when left out), read in pages of `batchSize` cases.
 *
 * @example
 * ```ts
 * import { shardRequestSchema } from "@incasso/core";
 * shardRequestSchema.parse({ runDate: "2026-01-31", caseIdFrom: "C0", caseIdTo: "C5" });
 * ```
 */
export const shardRequestSchema = z.strictObject({
  runDate: isoDate,
  caseIdFrom: storeIdSchema.optional(),
  caseIdTo: storeIdSchema.optional(),
  batchSize: limit(5000, 500),
});
