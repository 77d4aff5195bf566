import type {
  CaseEvent,
  CaseEventJson,
  CaseEventStore,
  OutboxMessage,
  OutboxStore,
  StoreScope,
} from "@incasso/core";
import { foldCase, messageKey, parseIsoDate, storeIdSchema, Temporal } from "@incasso/core";
import { z } from "zod";
import { outboxKeyOfMessageId } from "../dispatcher/message-id.js";
import {
  incassoErrorOf,
  jobActorSchema,
  jobDateSchema,
  jobInstantSchema,
  parseJobOptions,
} from "../jobs/job-input.js";
import type { DeliveryStatusReport } from "./parse-delivery-status.js";

const text = (max: number) =>
  z.string().max(max, { message: `expected a text of at most ${max} characters` });
const id = z
  .string()
  .min(1, { message: "expected a non-empty id" })
  .max(128, { message: "expected an id of at most 128 characters" });

/**
 * Zod schema of a returned message as a host reports it to {@link recordReturnedMessage}: an
 * e-mail bounce (by `Message-ID` or outbox key), an SMS the provider could not deliver, or a letter
 * returned by post. Hosts may use it to validate a webhook body before passing it on.
 *
 * @example
 * ```ts
 * import { returnedMessageSchema } from "@incasso/notify";
 * returnedMessageSchema.parse({ kind: "letter-returned", caseId: "C1" }).kind; // "letter-returned"
 * ```
 */
export const returnedMessageSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("email-bounce"),
    /** The bounced message's `Message-ID` (made by the dispatcher from the outbox key, `outboxMessageId`). */
    messageId: text(500).min(3).optional(),
    outboxKey: storeIdSchema.optional(),
    caseId: storeIdSchema.optional(),
    /** The DSN's `Action` (`failed`, `delayed`...); only `failed` (or none given) is a return. */
    action: text(40).optional(),
    /** The DSN status code, such as `5.1.1`. */
    status: z
      .string()
      .regex(/^[245]\.\d{1,3}\.\d{1,3}$/, { message: "expected a status code such as 5.1.1" })
      .optional(),
    diagnostic: text(2000).optional(),
    recipient: text(500).optional(),
    /** Whether retrying cannot help; default: a status of class 5. */
    permanent: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("sms-failure"),
    outboxKey: storeIdSchema.optional(),
    /** The provider's message id, as the `message.sent` event recorded it. */
    providerMessageId: text(500).min(1).optional(),
    caseId: storeIdSchema.optional(),
    /** The provider's status or error code and text. */
    reason: text(2000).optional(),
    permanent: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal("letter-returned"),
    caseId: storeIdSchema,
    channel: z.enum(["post", "registered-post"]).default("post"),
    /** The address contact it was sent to, when known. */
    contactId: id.optional(),
    /** Which letter came back (the id of its `reminder.sent`, `notice.sent`... event), when known. */
    letterId: id.optional(),
    /** What the postal service wrote on it (`unknown at this address`, `moved`, `refused`). */
    reason: text(2000).optional(),
    /** Whether the address is wrong for good; default false (a refused letter says nothing of the address). */
    permanent: z.boolean().default(false),
  }),
]);

/**
 * What came back undelivered: an e-mail bounce (by our `Message-ID` or outbox key, with the DSN
 * status and diagnostic), an SMS the provider could not deliver (by outbox key or the provider's
 * id), or a letter returned by post (by case).
 *
 * @example
 * ```ts
 * import type { ReturnedMessage } from "@incasso/notify";
 * const bounce: ReturnedMessage = { kind: "email-bounce", messageId: "<rem+C1+plan-1+1+before+2026-02-27@firm.example>", status: "5.1.1", diagnostic: "smtp; 550 5.1.1 user unknown" };
 * ```
 */
export type ReturnedMessage = z.input<typeof returnedMessageSchema>;

/**
 * When a return retires the contact it went to (`contact.retired`): `permanent` (default) on a
 * permanent failure (a DSN status of class 5, an SMS the provider calls permanent, a letter the
 * host marks permanent), `always`, or `never`.
 *
 * @example
 * ```ts
 * import type { RetirePolicy } from "@incasso/notify";
 * const policy: RetirePolicy = "permanent";
 * ```
 */
export type RetirePolicy = "permanent" | "always" | "never";

/**
 * Options of {@link recordReturnedMessage}.
 *
 * @example
 * ```ts
 * import type { RecordReturnedMessageOptions } from "@incasso/notify";
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * const options: RecordReturnedMessageOptions = {
 *   store, scope: { tenantId: "firm-1" }, at: "2026-03-02", recordedAt: "2026-03-02T10:00:00Z", by: "bounces",
 *   returned: { kind: "letter-returned", caseId: "C1", reason: "unknown at this address", permanent: true },
 * };
 * ```
 */
export interface RecordReturnedMessageOptions {
  readonly store: Pick<CaseEventStore, "readEvents" | "append"> & Pick<OutboxStore, "listOutbox">;
  readonly scope: StoreScope;
  readonly returned: ReturnedMessage;
  /** The legal date the return became known (the bounce's or the envelope's date). */
  readonly at: string | { toString(): string };
  readonly recordedAt: string;
  readonly by: string;
  /** Default `permanent`. */
  readonly retire?: RetirePolicy;
  /** How many days back a sent message is looked up by its key when the case is not given (default 30). */
  readonly lookbackDays?: number;
}

/**
 * What {@link recordReturnedMessage} did: `recorded` (the events it appended), `already-recorded`
 * (the same return came before: nothing appended), `not-a-return` (a DSN that reports a delay or a
 * delivery), `unknown-message` (no case found for the key or Message-ID), or `no-case` (a message
 * that belongs to no case, such as an owner's alert).
 *
 * @example
 * ```ts
 * import type { ReturnedMessageResult } from "@incasso/notify";
 * const done = (result: ReturnedMessageResult) => result.outcome === "recorded" || result.outcome === "already-recorded";
 * ```
 */
export interface ReturnedMessageResult {
  readonly outcome:
    | "recorded"
    | "already-recorded"
    | "not-a-return"
    | "unknown-message"
    | "no-case";
  readonly caseId: string | null;
  readonly contactId: string | null;
  /** Whether the contact was retired by this call. */
  readonly retired: boolean;
  readonly events: readonly CaseEventJson[];
  readonly message: string;
}

const optionsSchema = z.strictObject({
  returned: returnedMessageSchema,
  at: jobDateSchema,
  recordedAt: jobInstantSchema,
  by: jobActorSchema,
  retire: z.enum(["permanent", "always", "never"]).default("permanent"),
  lookbackDays: z.number().int().min(0).max(366).default(30),
});

type Returned = z.output<typeof returnedMessageSchema>;
type SentEvent = Extract<CaseEvent, { type: "message.sent" }>;

/**
 * Records that a message came back undelivered, so that a scenario can take its "mail returned"
 * branch (`previousLetterReturned`): finds the case (given, or through the sent message's outbox
 * key, which the dispatcher's `Message-ID` carries, looked up among the messages sent or failed
 * in the last `lookbackDays`), appends `mail.returned` with the channel, the reason (the DSN status
 * and diagnostic, or the provider's or postal service's words), the contact and the message id,
 * and, by the retire policy, `contact.retired` for the contact it went to while it is still
 * current. One append under an idempotency key made of the case, the channel and the message (or,
 * for a letter, the letter, contact and date): the same return fed twice appends once.
 *
 * Bad input is `INVALID_INPUT` naming `options.<field>` (an e-mail bounce needs a Message-ID, an
 * outbox key or a case; an SMS failure an outbox key, a provider id or a case).
 *
 * @example
 * ```ts
 * import { parseDeliveryStatus, recordReturnedMessage, returnedFromDeliveryStatus } from "@incasso/notify";
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * declare const raw: string;
 * const report = parseDeliveryStatus(raw);
 * const returned = report === null ? null : returnedFromDeliveryStatus(report);
 * if (returned !== null)
 *   await recordReturnedMessage({ store, scope: { tenantId: "firm-1" }, returned, at: "2026-03-02", recordedAt: "2026-03-02T10:00:00Z", by: "bounces" });
 * ```
 */
export async function recordReturnedMessage(
  options: RecordReturnedMessageOptions,
): Promise<ReturnedMessageResult> {
  const { store, scope, ...rest } = options;
  const parsed = parseJobOptions(
    optionsSchema.superRefine((value, context) => {
      const returned = value.returned;
      if (
        returned.kind === "email-bounce" &&
        returned.messageId === undefined &&
        returned.outboxKey === undefined &&
        returned.caseId === undefined
      )
        context.addIssue({
          code: "custom",
          path: ["returned", "messageId"],
          message: "expected the bounced message's Message-ID, its outbox key or its case",
        });
      if (
        returned.kind === "sms-failure" &&
        returned.outboxKey === undefined &&
        returned.providerMessageId === undefined &&
        returned.caseId === undefined
      )
        context.addIssue({
          code: "custom",
          path: ["returned", "outboxKey"],
          message: "expected the SMS's outbox key, the provider's message id or its case",
        });
    }),
    { ...rest, at: typeof rest.at === "string" ? rest.at : rest.at?.toString() },
  );
  const returned = parsed.returned;
  const nothing = (
    outcome: ReturnedMessageResult["outcome"],
    message: string,
    caseId: string | null = null,
  ): ReturnedMessageResult => ({
    outcome,
    caseId,
    contactId: null,
    retired: false,
    events: [],
    message,
  });

  if (
    returned.kind === "email-bounce" &&
    returned.action !== undefined &&
    returned.action.toLowerCase() !== "failed"
  )
    return nothing("not-a-return", `the report says ${returned.action}, not failed`);

  const key = outboxKeyOf(returned);
  let caseId = returned.caseId ?? null;
  let outboxMessage: OutboxMessage | null = null;
  if (key !== null) {
    outboxMessage = await findOutboxMessage(key);
    if (caseId === null && outboxMessage !== null) {
      if (outboxMessage.caseId === null)
        return nothing("no-case", `message ${key} belongs to no case`);
      caseId = outboxMessage.caseId;
    }
  }
  if (caseId === null)
    return nothing(
      "unknown-message",
      `no message ${key ?? (returned.kind === "sms-failure" ? returned.providerMessageId : "")} was found among those sent in the last ${parsed.lookbackDays} days; give its case`,
    );

  for (let attempt = 1; ; attempt++) {
    const stored = await store.readEvents(scope, caseId);
    if (stored.length === 0)
      return nothing("unknown-message", `case ${caseId} is not in the store`, caseId);
    const version = stored.at(-1)?.version ?? 0;
    const state = foldCase(
      stored.map((entry) => entry.event),
      // Every event recorded so far counts, whatever its legal date.
      Temporal.PlainDate.from("2199-12-31"),
    );
    const sent = state.events.find(
      (event): event is SentEvent =>
        event.type === "message.sent" &&
        ((key !== null && event.outboxKey === key) ||
          (returned.kind === "email-bounce" &&
            returned.messageId !== undefined &&
            sameMessageId(event.messageId, returned.messageId)) ||
          (returned.kind === "sms-failure" &&
            returned.providerMessageId !== undefined &&
            event.messageId === returned.providerMessageId)),
    );
    const contactId =
      (returned.kind === "letter-returned" ? returned.contactId : undefined) ??
      sent?.contactId ??
      stringField(outboxMessage?.payload.contactId) ??
      null;
    const messageId =
      returned.kind === "email-bounce"
        ? (returned.messageId ?? sent?.messageId ?? key ?? undefined)
        : returned.kind === "sms-failure"
          ? (returned.providerMessageId ?? sent?.messageId ?? key ?? undefined)
          : undefined;
    const channel =
      returned.kind === "email-bounce"
        ? "email"
        : returned.kind === "sms-failure"
          ? "sms"
          : returned.channel;
    const permanent =
      returned.kind === "email-bounce"
        ? (returned.permanent ?? returned.status?.startsWith("5.") ?? false)
        : returned.permanent;
    const identity = messageKey([
      "returned",
      caseId,
      channel,
      ...(returned.kind === "letter-returned"
        ? [parsed.at, returned.letterId ?? "-", contactId ?? "-"]
        : [key ?? messageId ?? parsed.at]),
    ]);
    const owner =
      contactId === null
        ? undefined
        : state.debtors.find((debtor) =>
            debtor.contacts.some((contact) => contact.id === contactId),
          );
    const stillCurrent =
      owner?.contacts.some((contact) => contact.id === contactId && contact.current) ?? false;
    const retire =
      stillCurrent && (parsed.retire === "always" || (parsed.retire === "permanent" && permanent));
    const envelope = { at: parsed.at, recordedAt: parsed.recordedAt, by: parsed.by };
    const events: CaseEventJson[] = [
      {
        id: identity,
        type: "mail.returned",
        ...envelope,
        channel,
        ...(reasonOf(returned) ? { reason: reasonOf(returned) } : {}),
        ...(contactId === null ? {} : { contactId }),
        ...(messageId === undefined ? {} : { messageId: messageId.slice(0, 500) }),
      },
      ...(retire && owner !== undefined && contactId !== null
        ? [
            {
              id: `${identity}/retired`,
              type: "contact.retired" as const,
              ...envelope,
              debtorId: owner.id,
              contactId,
            },
          ]
        : []),
    ];
    try {
      const answer = await store.append(scope, {
        caseId,
        expectedVersion: version,
        events,
        idempotencyKey: identity,
        asOf: parsed.at,
      });
      return {
        outcome: answer.replayed ? "already-recorded" : "recorded",
        caseId,
        contactId,
        retired: retire && !answer.replayed,
        events: answer.replayed ? [] : events,
        message: answer.replayed
          ? "the same return was recorded before"
          : `${channel} return recorded${retire ? ` and contact ${contactId} retired` : ""}`,
      };
    } catch (error) {
      const known = incassoErrorOf(error);
      if (known?.code === "VERSION_CONFLICT" && attempt < 5) continue;
      if (known?.code === "IDEMPOTENCY_KEY_REUSED")
        return {
          ...nothing("already-recorded", "the same return was recorded before", caseId),
          contactId,
        };
      // The event id is unique in its case: a return recorded before under another request.
      if (
        known?.code === "INVALID_INPUT" &&
        known.issues.some((issue) => /expected a unique event id/.test(issue.message))
      )
        return {
          ...nothing("already-recorded", "the same return was recorded before", caseId),
          contactId,
        };
      throw error;
    }
  }

  async function findOutboxMessage(key: string): Promise<OutboxMessage | null> {
    const since = parseIsoDate(parsed.at)
      .subtract({ days: parsed.lookbackDays })
      .toZonedDateTime({ timeZone: "UTC" })
      .toInstant()
      .toString();
    for (const status of ["sent", "failed", "claimed", "pending"] as const) {
      const messages = await store.listOutbox(scope, {
        status,
        limit: 1000,
        ...(status === "sent" || status === "failed" ? { completedFrom: since } : {}),
      });
      const found = messages.find((message) => message.id === key);
      if (found !== undefined) return found;
    }
    return null;
  }
}

/**
 * The return to record from a parsed delivery status notification: an e-mail bounce for its
 * first failed recipient (the original Message-ID, the status, the diagnostic and the recipient),
 * or null when no recipient failed (a delay or a delivery report).
 *
 * @example
 * ```ts
 * import { parseDeliveryStatus, returnedFromDeliveryStatus } from "@incasso/notify";
 * declare const raw: string;
 * const report = parseDeliveryStatus(raw);
 * const returned = report && returnedFromDeliveryStatus(report);
 * ```
 */
export function returnedFromDeliveryStatus(report: DeliveryStatusReport): ReturnedMessage | null {
  const failed = report.recipients.find((recipient) => recipient.action === "failed");
  if (failed === undefined || report.originalMessageId === null) return null;
  return {
    kind: "email-bounce",
    messageId: report.originalMessageId,
    action: "failed",
    ...(failed.status === null ? {} : { status: failed.status }),
    ...(failed.diagnosticCode === null ? {} : { diagnostic: failed.diagnosticCode.slice(0, 2000) }),
    ...(failed.finalRecipient === null ? {} : { recipient: failed.finalRecipient.slice(0, 500) }),
  };
}

/**
 * The outbox key a return names: given, or read from the `Message-ID` the dispatcher made of it
 * (`outboxKeyOfMessageId`: the encoded form, or the key as it is in a `Message-ID` written before
 * the encoding).
 */
function outboxKeyOf(returned: Returned): string | null {
  if (returned.kind === "letter-returned") return null;
  if (returned.outboxKey !== undefined) return returned.outboxKey;
  if (returned.kind === "email-bounce" && returned.messageId !== undefined) {
    const key = outboxKeyOfMessageId(returned.messageId);
    return key !== null && storeIdSchema.safeParse(key).success ? key : null;
  }
  return null;
}

function sameMessageId(a: string, b: string): boolean {
  const bare = (value: string) => value.trim().replace(/^<|>$/g, "").toLowerCase();
  return bare(a) === bare(b);
}

function reasonOf(returned: Returned): string | undefined {
  const parts =
    returned.kind === "email-bounce"
      ? [returned.status, returned.diagnostic, returned.recipient && `to ${returned.recipient}`]
      : [returned.reason];
  const joined = parts.filter((part) => part !== undefined && part !== "").join(" ");
  return joined === "" ? undefined : joined.slice(0, 10_000);
}

function stringField(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
