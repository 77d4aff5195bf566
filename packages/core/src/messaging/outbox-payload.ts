import { z } from "zod";
import type { CaseEventJson } from "../case/case-event.js";
import { foldCase } from "../case/fold-case.js";
import { parseIsoDate } from "../dates/index.js";
import { parseInput } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { OutboxMessageInput } from "../ports/outbox-store.js";
import type { ActionCommand } from "../scenarios/approve-entries.js";
import { storeIdSchema } from "../storage/store-schemas.js";
import { jsonFields } from "../validation/json-primitives.js";
import { messageKey } from "./message-key.js";

const language = z.enum(["nl", "fr", "en", "de"]);
const shortText = z.string().min(1).max(998);
const body = z.string().min(1).max(100_000);

/** Who a message goes to: a debtor (its current contact is looked up at dispatch) or an address. */
const recipient = {
  /** The debtor whose current contact of the message's kind receives it. */
  debtorId: storeIdSchema.optional(),
  /** The contact chosen when the message was written; used at dispatch only while it is current. */
  contactId: jsonFields.id.optional(),
  /** For a message without a debtor (an owner's alert): the address or number itself. */
  to: jsonFields.name.optional(),
  language: language.optional(),
  /** The IANA time zone the hours of contact are read in (default: the debtor's, then the dispatcher's). */
  timeZone: jsonFields.name.optional(),
  /** The case's number, for subjects and texts. */
  caseNumber: jsonFields.name.optional(),
};
const addressed = (payload: { debtorId?: string | undefined; to?: string | undefined }) =>
  payload.debtorId !== undefined || payload.to !== undefined;
const needsRecipient = { message: "expected a debtorId or a to address", path: ["debtorId"] };

/**
 * Zod schema of the payload of a `send-email` outbox message: the recipient (a debtor, whose
 * current e-mail contact is taken at dispatch, or an address), and either the text (and HTML) to
 * send or a template the dispatcher renders from the case through the document port. Other fields
 * (a job's own) are kept as they are.
 *
 * @example
 * ```ts
 * import { sendEmailPayloadSchema } from "@incasso/core";
 * sendEmailPayloadSchema.parse({ debtorId: "D1", subject: "Your file 2026/0042", text: "Dear ...", template: "note" });
 * ```
 */
export const sendEmailPayloadSchema = z
  .looseObject({
    ...recipient,
    subject: shortText.optional(),
    text: body.optional(),
    html: body.optional(),
    /** The template: recorded with the message; rendered when no text is given. */
    template: jsonFields.name.optional(),
  })
  .refine(addressed, needsRecipient)
  .refine((payload) => payload.text !== undefined || payload.template !== undefined, {
    message: "expected a text or a template",
    path: ["text"],
  });

/**
 * Zod schema of the payload of a `send-sms` outbox message: the recipient (a debtor, whose current
 * telephone contact is taken at dispatch, or a number) and the text, or a template rendered to
 * text through the document port.
 *
 * @example
 * ```ts
 * import { sendSmsPayloadSchema } from "@incasso/core";
 * sendSmsPayloadSchema.parse({ debtorId: "D1", text: "Your instalment of EUR 50.00 is due on 31/03." });
 * ```
 */
export const sendSmsPayloadSchema = z
  .looseObject({
    ...recipient,
    text: z.string().min(1).max(1600).optional(),
    template: jsonFields.name.optional(),
  })
  .refine(addressed, needsRecipient)
  .refine((payload) => payload.text !== undefined || payload.template !== undefined, {
    message: "expected a text or a template",
    path: ["text"],
  });

/**
 * Zod schema of the payload of a `send-letter-email` outbox message: a letter of the case, made
 * at dispatch from the case's events through the document port as a PDF (dated the day it is
 * sent, in the debtor's time zone), attached to an e-mail to the debtor's current e-mail contact.
 * `template` names the letter (`"reminder"`, `"nl/letter14"`: the host's templates resolve it);
 * `subject` and `text` are the covering e-mail's (a default in the debtor's language otherwise).
 *
 * @example
 * ```ts
 * import { sendLetterEmailPayloadSchema } from "@incasso/core";
 * sendLetterEmailPayloadSchema.parse({ debtorId: "D1", template: "nl/reminder" });
 * ```
 */
export const sendLetterEmailPayloadSchema = z.looseObject({
  ...recipient,
  debtorId: storeIdSchema,
  template: jsonFields.name,
  subject: shortText.optional(),
  text: body.optional(),
});

/**
 * The outbox message kinds the dispatcher sends: an e-mail, an SMS, and a letter as a PDF
 * attached to an e-mail.
 *
 * @example
 * ```ts
 * import { OUTBOX_KINDS } from "@incasso/core";
 * OUTBOX_KINDS.includes("send-sms"); // true
 * ```
 */
export const OUTBOX_KINDS = ["send-email", "send-sms", "send-letter-email"] as const;

/**
 * An outbox message's payload as the dispatcher reads it, by kind.
 *
 * @example
 * ```ts
 * import type { OutboxPayload } from "@incasso/core";
 * const channel = (payload: OutboxPayload) => (payload.kind === "send-sms" ? "sms" : "email");
 * ```
 */
export type OutboxPayload =
  | { readonly kind: "send-email"; readonly payload: z.output<typeof sendEmailPayloadSchema> }
  | { readonly kind: "send-sms"; readonly payload: z.output<typeof sendSmsPayloadSchema> }
  | {
      readonly kind: "send-letter-email";
      readonly payload: z.output<typeof sendLetterEmailPayloadSchema>;
    };

/**
 * Reads an outbox message's payload by its kind: `INVALID_INPUT` naming `payload.<field>` for a
 * payload the kind does not take, and at `kind` for a kind the dispatcher does not send.
 *
 * @example
 * ```ts
 * import { parseOutboxPayload } from "@incasso/core";
 * parseOutboxPayload("send-sms", { to: "+32470123456", text: "Reminder" }).kind; // "send-sms"
 * ```
 */
export function parseOutboxPayload(kind: string, payload: unknown): OutboxPayload {
  switch (kind) {
    case "send-email":
      return { kind, payload: parseInput(sendEmailPayloadSchema, payload, "payload") };
    case "send-sms":
      return { kind, payload: parseInput(sendSmsPayloadSchema, payload, "payload") };
    case "send-letter-email":
      return { kind, payload: parseInput(sendLetterEmailPayloadSchema, payload, "payload") };
    default:
      throw new IncassoError(
        "INVALID_INPUT",
        `kind: expected one of ${OUTBOX_KINDS.join(", ")} (got: ${kind})`,
        [{ path: "kind", message: `expected one of ${OUTBOX_KINDS.join(", ")}` }],
      );
  }
}

/**
 * A case as {@link commandOutbox} needs it: its store id and its events.
 *
 * @example
 * ```ts
 * import type { CommandCase } from "@incasso/core";
 * const byNumber = (cases: CommandCase[]) => cases.length;
 * ```
 */
export interface CommandCase {
  readonly caseId: string;
  readonly events: readonly unknown[];
}

/**
 * The outbox messages of approved commands, per case: what {@link commandOutbox} answers.
 * `skipped` holds the commands that are not messages (a call task, a letter by post, a handover)
 * or whose case has no debtor, with why.
 *
 * @example
 * ```ts
 * import type { CommandOutbox } from "@incasso/core";
 * const count = (outbox: CommandOutbox) => outbox.messages.reduce((n, c) => n + c.outbox.length, 0);
 * ```
 */
export interface CommandOutbox {
  readonly messages: readonly {
    readonly caseId: string;
    readonly caseNumber: string;
    readonly outbox: readonly OutboxMessageInput[];
  }[];
  readonly skipped: readonly { readonly command: ActionCommand; readonly reason: string }[];
}

/**
 * Turns approved {@link ActionCommand}s (from `approveEntries`) into outbox messages, per case, in
 * one pure step: `send-email` and `send-sms` commands become messages of those kinds, and a
 * `render-letter` command on the `email` channel a `send-letter-email` (the letter as a PDF
 * attachment). Each message names the case's first debtor (its current contact is chosen at
 * dispatch), the debtor's language and time zone, and the command's template. The key is
 * `messageKey(["act", caseId, activity, date, kind])` (with the command's rank among equal ones
 * of that approval), so approving the same entries again gives the same keys: the store refuses
 * or replays them, and a message is never sent twice. A case named by a command must be given
 * (`NOT_FOUND` at `commands.<index>.caseNumber` otherwise).
 *
 * @example
 * ```ts
 * import { commandOutbox, type ActionCommand } from "@incasso/core";
 * declare const commands: ActionCommand[];
 * declare const events: unknown[];
 * const { messages } = commandOutbox(commands, [{ caseId: "C1", events }], { date: "2026-01-31" });
 * ```
 */
export function commandOutbox(
  commands: readonly ActionCommand[],
  cases: readonly CommandCase[],
  options: { readonly date: string },
): CommandOutbox {
  const date = parseIsoDate(options.date);
  const byNumber = new Map<string, { caseId: string; events: readonly unknown[] }>();
  for (const item of cases) {
    const state = foldCase(item.events, date);
    byNumber.set(state.caseNumber, item);
  }
  const groups = new Map<
    string,
    { caseId: string; caseNumber: string; outbox: OutboxMessageInput[] }
  >();
  const skipped: { command: ActionCommand; reason: string }[] = [];
  const seen = new Map<string, number>();
  commands.forEach((command, index) => {
    const kind =
      command.kind === "send-email" || command.kind === "send-sms"
        ? command.kind
        : command.kind === "render-letter" && command.channel === "email"
          ? "send-letter-email"
          : null;
    if (kind === null) {
      skipped.push({
        command,
        reason:
          command.kind === "render-letter"
            ? `a letter by ${command.channel} is printed, not sent by the dispatcher`
            : `a ${command.kind} is not a message`,
      });
      return;
    }
    const item = byNumber.get(command.caseNumber);
    if (item === undefined)
      throw new IncassoError(
        "NOT_FOUND",
        `commands.${index}.caseNumber: expected a case given with the commands (${command.caseNumber})`,
        [
          {
            path: `commands.${index}.caseNumber`,
            message: "expected a case given with the commands",
          },
        ],
      );
    const state = foldCase(item.events, date);
    const debtor = state.debtors[0];
    if (debtor === undefined) {
      skipped.push({ command, reason: `case ${command.caseNumber} has no debtor` });
      return;
    }
    if (kind === "send-letter-email" && command.template === null) {
      skipped.push({
        command,
        reason: `a letter by e-mail needs a template (${command.activity})`,
      });
      return;
    }
    const parts = ["act", item.caseId, command.activity, options.date, kind] as const;
    const base = parts.join("\u0000");
    const rank = (seen.get(base) ?? 0) + 1;
    seen.set(base, rank);
    const key = messageKey(rank === 1 ? [...parts] : [...parts, String(rank)]);
    const payload: Record<string, string> = {
      caseId: item.caseId,
      caseNumber: state.caseNumber,
      debtorId: debtor.id,
      language: debtor.language,
      activity: command.activity,
      ...(debtor.timeZone ? { timeZone: debtor.timeZone } : {}),
      ...(command.template === null
        ? { template: command.activity }
        : { template: command.template }),
    };
    const group = groups.get(item.caseId) ?? {
      caseId: item.caseId,
      caseNumber: state.caseNumber,
      outbox: [],
    };
    group.outbox.push({ key, kind, payload });
    groups.set(item.caseId, group);
  });
  return { messages: [...groups.values()], skipped };
}

/**
 * The appends of an agenda approval: per case, the events `approveEntries` gave it and the outbox
 * messages of its commands ({@link commandOutbox}), so that one append per case writes both (the
 * store writes the messages in the events' transaction: a message exists exactly when its
 * approval does). The caller adds `expectedVersion` and `asOf`.
 *
 * @example
 * ```ts
 * import { approvalAppends, approveEntries, type AgendaEntry } from "@incasso/core";
 * declare const entries: AgendaEntry[];
 * declare const events: unknown[];
 * const approval = approveEntries(entries, { at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "an.peeters" });
 * const appends = approvalAppends(approval, [{ caseId: "C1", events }], { date: "2026-01-31" });
 * ```
 */
export function approvalAppends(
  approval: {
    readonly commands: readonly ActionCommand[];
    readonly events: readonly { readonly caseNumber: string; readonly event: CaseEventJson }[];
  },
  cases: readonly CommandCase[],
  options: { readonly date: string },
): {
  readonly appends: readonly {
    readonly caseId: string;
    readonly events: readonly CaseEventJson[];
    readonly outbox: readonly OutboxMessageInput[];
  }[];
  readonly skipped: CommandOutbox["skipped"];
} {
  const outbox = commandOutbox(approval.commands, cases, options);
  const date = parseIsoDate(options.date);
  const idOf = new Map(cases.map((item) => [foldCase(item.events, date).caseNumber, item.caseId]));
  const appends = new Map<
    string,
    { caseId: string; events: CaseEventJson[]; outbox: OutboxMessageInput[] }
  >();
  approval.events.forEach(({ caseNumber, event }, index) => {
    const caseId = idOf.get(caseNumber);
    if (caseId === undefined)
      throw new IncassoError(
        "NOT_FOUND",
        `events.${index}.caseNumber: expected a case given with the approval (${caseNumber})`,
        [
          {
            path: `events.${index}.caseNumber`,
            message: "expected a case given with the approval",
          },
        ],
      );
    const entry = appends.get(caseId) ?? { caseId, events: [], outbox: [] };
    entry.events.push(event);
    appends.set(caseId, entry);
  });
  for (const group of outbox.messages) {
    const entry = appends.get(group.caseId);
    // A command always comes with its case's action.done event.
    if (entry === undefined)
      appends.set(group.caseId, { caseId: group.caseId, events: [], outbox: [...group.outbox] });
    else entry.outbox.push(...group.outbox);
  }
  return { appends: [...appends.values()], skipped: outbox.skipped };
}
