import { createHash } from "node:crypto";
import type {
  BusinessCalendar,
  CaseEventJson,
  CaseState,
  ContactHoursPolicy,
  DocumentRenderer,
  DocumentTemplate,
  EmailAttachment,
  LetterKind,
  LetterRequest,
  Mailbox,
  Mailer,
  OutboxMessage,
  OutboxPayload,
  PartialStore,
  RenderedDocument,
  SmsSender,
  StoreScope,
} from "@incasso/core";
import {
  beCalendar,
  contactHoursPolicy,
  DeliveryError,
  fieldError,
  foldCase,
  IncassoError,
  letterContext,
  messageKey,
  nextLawfulMoment,
  nlCalendar,
  parseOutboxPayload,
  StoreConflictError,
  smsSegments,
  Temporal,
  toE164,
} from "@incasso/core";
import { z } from "zod";
import { jobActorSchema, parseJobOptions } from "../jobs/job-input.js";
import type { RetryPolicy } from "./backoff.js";
import { backoffSeconds, DEFAULT_RETRY } from "./backoff.js";
import { outboxMessageId } from "./message-id.js";

/**
 * The store a dispatcher works on: the events port (to read a case and record what was sent) and
 * the outbox port.
 *
 * @example
 * ```ts
 * import type { DispatchStore } from "@incasso/notify";
 * import { createMemoryStore } from "@incasso/memory";
 * const store: DispatchStore = createMemoryStore();
 * ```
 */
export type DispatchStore = Omit<PartialStore<"events" | "outbox">, "capabilities">;

/**
 * The letters a dispatcher can make for `send-letter-email` messages and templated e-mails: the
 * creditor's details for the letterhead, and the host's templates by name and language.
 *
 * @example
 * ```ts
 * import type { DispatcherLetters } from "@incasso/notify";
 * import { STARTER_TEMPLATES, starterTemplate, type StarterTemplateName } from "@incasso/documents";
 * const letters: DispatcherLetters = {
 *   creditor: { name: "Acme NV", addressLines: ["Kerkstraat 1", "2000 Antwerpen"] },
 *   template: (name, language) => {
 *     const starter = STARTER_TEMPLATES.find((t) => t.name === name.split("/").at(-1));
 *     if (starter === undefined) throw new Error(`unknown template ${name}`);
 *     return { kind: starter.kind, template: starterTemplate(starter.name as StarterTemplateName, language) };
 *   },
 * };
 * ```
 */
export interface DispatcherLetters {
  readonly creditor: LetterRequest["creditor"];
  template(
    name: string,
    language: "nl" | "fr" | "en",
  ): { readonly kind: LetterKind; readonly template: DocumentTemplate };
}

/**
 * The options of {@link createDispatcher}.
 *
 * - `store`, `scope`: the outbox and the cases of one tenant.
 * - `mailer`, `sms`: the transports (a message of a kind whose transport is missing fails
 *   permanently); `renderer` and `letters` make templated messages and letters.
 * - `from`: the sender; `messageIdDomain` the right-hand side of every `Message-ID` (default the
 *   sender's domain); `identity` the mailer's sender identity; `smsSender` the SMS sender name.
 * - `policy`: the hours of contact (a partial `ContactHoursPolicy`, the rest default);
 *   `timeZone` the zone of debtors who have none (default `Europe/Brussels`); `calendar` the
 *   business calendar of a case (default: the Dutch one for a `nl.*` rule pack, else the Belgian).
 * - `clock` (default the system clock) and `random` (a number in [0, 1), default `Math.random`):
 *   injected so a test controls time and jitter.
 * - `workerId`: the name the dispatcher claims under (unique per process); `batchSize` (20) and
 *   `leaseSeconds` (300): how many messages a claim takes, and for how long; `retry` the
 *   transient-failure policy; `by` the author of the events it appends (`dispatcher`);
 *   `pollIntervalMs` (5000) the pause of {@link Dispatcher.run} when the outbox is empty.
 *
 * @example
 * ```ts
 * import type { DispatcherOptions } from "@incasso/notify";
 * const options: Partial<DispatcherOptions> = { workerId: "mailer-1", from: { address: "dossiers@firm.example" } };
 * ```
 */
export interface DispatcherOptions {
  readonly store: DispatchStore;
  readonly scope: StoreScope;
  readonly mailer?: Mailer;
  readonly sms?: SmsSender;
  readonly renderer?: DocumentRenderer;
  readonly letters?: DispatcherLetters;
  readonly from: Mailbox;
  readonly messageIdDomain?: string;
  readonly identity?: string;
  readonly smsSender?: string;
  readonly policy?: Partial<ContactHoursPolicy>;
  readonly timeZone?: string;
  readonly calendar?: (state: CaseState) => BusinessCalendar;
  readonly clock?: () => Temporal.Instant;
  readonly random?: () => number;
  readonly workerId: string;
  readonly batchSize?: number;
  readonly leaseSeconds?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly by?: string;
  readonly pollIntervalMs?: number;
}

/**
 * What one {@link Dispatcher.runOnce} did, message by message: sent (to whom, with which
 * `Message-ID` or provider id), postponed by the time rules (until when, why), retried after a
 * transient failure, failed for good, and errors that left a message claimed (its lease lapses
 * and it is tried again: a store that failed after the send, say).
 *
 * @example
 * ```ts
 * import type { DispatchReport } from "@incasso/notify";
 * const done = (report: DispatchReport) => report.sent.length + report.failed.length;
 * ```
 */
export interface DispatchReport {
  readonly claimed: number;
  readonly sent: { readonly id: string; readonly to: string; readonly messageId: string }[];
  readonly postponed: { readonly id: string; readonly until: string; readonly reason: string }[];
  readonly retried: {
    readonly id: string;
    readonly attempt: number;
    readonly until: string;
    readonly reason: string;
  }[];
  readonly failed: { readonly id: string; readonly permanent: boolean; readonly reason: string }[];
  readonly errors: { readonly id: string; readonly reason: string }[];
}

/**
 * The outbox dispatcher: claims messages, applies the hours of contact in the debtor's time zone
 * at the moment of sending, renders, sends, and records on the case what was sent.
 *
 * Guarantee: at least once. A message is marked sent only after its transport took it and its
 * `message.sent` event is on the case. A dispatcher that dies between the send and that record
 * leaves the message claimed; when the lease lapses another dispatcher sends it again, with the
 * same `Message-ID` (the outbox key at the domain, written by `outboxMessageId`) and, for SMS,
 * the same idempotency key, so a receiver or provider that deduplicates sees one message, and one
 * that does not sees a harmless duplicate.
 * A dispatcher that dies after the record and before the mark finds the event and does not send
 * again.
 *
 * @example
 * ```ts
 * import type { Dispatcher } from "@incasso/notify";
 * declare const dispatcher: Dispatcher;
 * const report = await dispatcher.runOnce();
 * ```
 */
export interface Dispatcher {
  /** Claims one batch and processes it. */
  runOnce(): Promise<DispatchReport>;
  /**
   * Runs batches until `signal` aborts: straight on while claims come back full, else after
   * `pollIntervalMs`. Ends after the batch under way; answers how many messages it handled.
   */
  run(options: { readonly signal: AbortSignal }): Promise<{
    readonly batches: number;
    readonly sent: number;
    readonly failed: number;
  }>;
  /** The dead letters: messages that failed for good, oldest first. */
  deadLetters(limit?: number): Promise<OutboxMessage[]>;
}

const SUBJECTS = {
  nl: (n: string) => `Uw dossier ${n}`,
  fr: (n: string) => `Votre dossier ${n}`,
  en: (n: string) => `Your file ${n}`,
} as const;
const COVER = {
  nl: (n: string) =>
    `Geachte,\n\nIn bijlage vindt u onze brief in dossier ${n}.\n\nMet vriendelijke groeten`,
  fr: (n: string) =>
    `Madame, Monsieur,\n\nVeuillez trouver en annexe notre lettre dans le dossier ${n}.\n\nSalutations distinguées`,
  en: (n: string) =>
    `Dear Sir or Madam,\n\nPlease find attached our letter in file ${n}.\n\nKind regards`,
} as const;

type Lang = "nl" | "fr" | "en";
const lang = (value: string | undefined): Lang =>
  value === "fr" || value === "en" || value === "nl" ? value : value === "de" ? "en" : "nl";

const count = (min: number, max: number) =>
  z
    .number()
    .int({ message: "expected a whole number" })
    .min(min, { message: `expected at least ${min}` })
    .max(max, { message: `expected at most ${max}` });

/** The dispatcher's settings that are data (the store, transports and functions are the host's). */
const settingsSchema = z.object({
  // The address as SMTP takes it (a local host such as dossiers@localhost too); its domain is
  // checked as the Message-ID's below.
  from: z.object({
    address: z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, { message: "expected an e-mail address" }),
  }),
  workerId: jobActorSchema,
  by: jobActorSchema.optional(),
  timeZone: z
    .string()
    .refine(
      (zone) => {
        try {
          Temporal.PlainDate.from("2026-01-01").toZonedDateTime({ timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { message: "expected an IANA time zone such as Europe/Brussels" },
    )
    .optional(),
  batchSize: count(1, 1000).optional(),
  leaseSeconds: count(1, 86_400).optional(),
  pollIntervalMs: count(0, 86_400_000).optional(),
  retry: z
    .object({
      maxAttempts: count(1, 100).optional(),
      baseSeconds: z.number().positive({ message: "expected more than 0" }).optional(),
      maxSeconds: z.number().positive({ message: "expected more than 0" }).optional(),
      jitter: z
        .number()
        .min(0, { message: "expected at least 0" })
        .max(1, { message: "expected at most 1" })
        .optional(),
    })
    .optional(),
});

class Permanent extends Error {}
/** What this dispatcher lacks to send a message (a transport, the renderer): not the message's fault. */
class NotConfigured extends Error {}

/**
 * Creates an outbox dispatcher (see {@link Dispatcher} for its guarantee). Bad settings (a
 * sender that is no e-mail address, an unknown time zone, a batch size or lease out of range, a
 * `messageIdDomain` that is no host name, a policy with a wrong hour) are `INVALID_INPUT` naming
 * `options.<field>`, before anything is claimed.
 *
 * Per message: the case's debtor and a current contact of the message's kind are looked up when
 * it is sent (none: failed for good, "no current contact"); an SMS number is written in E.164
 * (`toE164`, a national form read as Dutch on a case of an `nl.*` rule pack, else as Belgian; not
 * a number: failed for good); a moment outside the hours of contact in the debtor's time zone, on
 * a Sunday or holiday, or over the contact cap postpones the message to the next lawful moment
 * (never dropped); the e-mail (text and HTML, a letter as a PDF attachment) or SMS is rendered,
 * sent with the `Message-ID` that `outboxMessageId` makes of the outbox key or, an SMS, the
 * outbox key as its idempotency key, `message.sent` is appended to the case (with the document's
 * SHA-256, under an idempotency key of the outbox key) and the message marked sent. A transient
 * `DeliveryError` postpones it with exponential backoff and jitter (at least the provider's
 * `Retry-After`) until `retry.maxAttempts`; a permanent one, or the last try, marks it failed and
 * appends `message.failed`. Messages without a case (an owner's alert) go to their `to` address
 * at once: the hours of contact are the debtors'.
 *
 * @example
 * ```ts
 * import { createDispatcher } from "@incasso/notify";
 * import { createMemoryStore, createMemoryMailer } from "@incasso/memory";
 * const dispatcher = createDispatcher({
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, mailer: createMemoryMailer(),
 *   from: { address: "dossiers@firm.example" }, workerId: "mailer-1",
 * });
 * const report = await dispatcher.runOnce();
 * ```
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  parseJobOptions(settingsSchema, options);
  const policy = contactHoursPolicy(options.policy ?? {});
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const clock = options.clock ?? (() => Temporal.Now.instant());
  const random = options.random ?? Math.random;
  const defaultZone = options.timeZone ?? "Europe/Brussels";
  const domain = options.messageIdDomain ?? options.from.address.split("@").at(-1) ?? "localhost";
  // A domain no Message-ID can carry is refused now, not at the first e-mail.
  try {
    outboxMessageId("k", domain);
  } catch {
    throw fieldError(
      "INVALID_INPUT",
      options.messageIdDomain === undefined ? "options.from.address" : "options.messageIdDomain",
      "expected a host name (an RFC 5322 dot-atom-text) for the Message-ID",
      domain,
    );
  }
  const by = options.by ?? "dispatcher";
  const batchSize = options.batchSize ?? 20;
  const leaseSeconds = options.leaseSeconds ?? 300;
  const { store, scope, workerId: worker } = options;
  // Made once: a calendar is read-only, and building one validates its whole definition.
  const calendars = new Map<"be" | "nl", BusinessCalendar>();
  const builtIn = (country: "be" | "nl") => {
    let calendar = calendars.get(country);
    if (calendar === undefined) {
      calendar = country === "nl" ? nlCalendar() : beCalendar();
      calendars.set(country, calendar);
    }
    return calendar;
  };
  const calendarOf =
    options.calendar ??
    ((state: CaseState) => builtIn(state.rulePack.startsWith("nl") ? "nl" : "be"));

  async function caseOf(caseId: string) {
    const stored = await store.readEvents(scope, caseId);
    const events = stored.map((item) => item.event);
    return { events, version: stored.at(-1)?.version ?? 0 };
  }

  /** Appends events to a case under an idempotency key, reading again after a concurrent append. */
  async function record(
    caseId: string,
    events: CaseEventJson[],
    key: string,
    asOf: string,
    known?: number,
  ) {
    for (let attempt = 0; ; attempt++) {
      const version = attempt === 0 && known !== undefined ? known : (await caseOf(caseId)).version;
      try {
        await store.append(scope, {
          caseId,
          expectedVersion: version,
          events,
          idempotencyKey: key,
          asOf,
        });
        return;
      } catch (error) {
        // The same key with other events: an earlier try recorded it already.
        if (error instanceof IncassoError && error.code === "IDEMPOTENCY_KEY_REUSED") return;
        if (error instanceof StoreConflictError && attempt < 5) continue;
        throw error;
      }
    }
  }

  async function processMessage(message: OutboxMessage, now: Temporal.Instant, report: Report) {
    const channel = message.kind === "send-sms" ? "sms" : "email";
    const fail = async (
      permanent: boolean,
      reason: string,
      to?: string,
      contactId?: string,
      onCase = true,
    ) => {
      const at = now.toString();
      if (message.caseId !== null && onCase) {
        const asOf = now.toZonedDateTimeISO(defaultZone).toPlainDate().toString();
        await record(
          message.caseId,
          [
            {
              id: messageKey(["failed", message.id]),
              type: "message.failed",
              at: asOf,
              recordedAt: at,
              by,
              channel,
              outboxKey: message.id,
              ...(to === undefined ? {} : { to }),
              ...(contactId === undefined ? {} : { contactId }),
              permanent,
              reason: reason.slice(0, 2000),
            } as CaseEventJson,
          ],
          messageKey(["failed", message.id]),
          asOf,
        );
      }
      await store.completeOutbox(scope, {
        id: message.id,
        worker,
        outcome: "failed",
        at,
        detail: reason.slice(0, 2000),
      });
      report.failed.push({ id: message.id, permanent, reason });
    };

    let payload: OutboxPayload;
    try {
      payload = parseOutboxPayload(message.kind, message.payload);
    } catch (error) {
      return fail(true, `not a message the dispatcher sends: ${(error as Error).message}`);
    }
    const p = payload.payload;

    // The case, its debtor and a current contact, as they are now.
    let events: unknown[] = [];
    let version: number | undefined;
    let state: CaseState | null = null;
    let to = p.to;
    let contactId: string | undefined;
    let zone = p.timeZone ?? defaultZone;
    let language: Lang = lang(p.language);
    if (message.caseId !== null) {
      ({ events, version } = await caseOf(message.caseId));
      if (events.length === 0)
        return fail(true, `case ${message.caseId} has no events`, undefined, undefined, false);
      state = foldCase(events, now.toZonedDateTimeISO(defaultZone).toPlainDate());
      const sentBefore = events.some(
        (event) =>
          (event as { type?: string; outboxKey?: string }).type === "message.sent" &&
          (event as { outboxKey?: string }).outboxKey === message.id,
      );
      if (sentBefore) {
        // Recorded by a try that stopped before marking it: sent, and not sent again.
        await store.completeOutbox(scope, {
          id: message.id,
          worker,
          outcome: "sent",
          at: now.toString(),
          detail: "recorded on the case by an earlier try",
        });
        report.sent.push({ id: message.id, to: p.to ?? "", messageId: "(earlier try)" });
        return;
      }
      if (p.debtorId !== undefined || p.to === undefined) {
        const debtor =
          p.debtorId === undefined
            ? state.debtors[0]
            : state.debtors.find((candidate) => candidate.id === p.debtorId);
        if (debtor === undefined)
          return fail(true, `no debtor ${p.debtorId ?? ""} on case ${message.caseId}`);
        const kind = channel === "sms" ? "phone" : "email";
        const current = debtor.contacts.filter((c) => c.kind === kind && c.current);
        const contact =
          current.find((c) => c.id === p.contactId) ??
          [...current].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
        if (contact === undefined)
          return fail(true, `no current contact: debtor ${debtor.id} has no current ${kind}`);
        to = contact.value;
        contactId = contact.id;
        zone = p.timeZone ?? debtor.timeZone ?? defaultZone;
        language = lang(p.language ?? debtor.language);
      }
    }
    if (to === undefined) return fail(true, "no recipient: no debtor and no to address");
    if (channel === "sms") {
      // A number kept as written (0470 12 34 56, 06-12345678) is read in the case's country.
      const defaultCountry = state?.rulePack.startsWith("nl") ? "NL" : "BE";
      try {
        to = toE164(to, { defaultCountry, field: "to" });
      } catch (error) {
        if (!(error instanceof IncassoError)) throw error;
        return fail(true, `invalid number: ${error.message}`, to, contactId);
      }
    }

    // The hours of contact: a message on a case goes to its debtor, by contact or by the address
    // the payload gives.
    const debtorId = p.debtorId ?? state?.debtors[0]?.id;
    if (state !== null && debtorId !== undefined) {
      const since = policy.cap === null ? null : now.subtract({ hours: policy.cap.days * 24 });
      const recent =
        since === null
          ? []
          : await store.listOutbox(scope, {
              debtorId,
              status: "sent",
              completedFrom: since.toString(),
              limit: 1000,
            });
      const moment = nextLawfulMoment(
        now,
        {
          timeZone: zone,
          calendar: calendarOf(state),
          recentContacts: recent.flatMap((m) =>
            m.completedAt === null ? [] : [Temporal.Instant.from(m.completedAt)],
          ),
        },
        policy,
      );
      if (Temporal.Instant.compare(moment.at, now) > 0) {
        const reason = moment.reason ?? "not a lawful moment";
        await store.postponeOutbox(scope, {
          id: message.id,
          worker,
          notBefore: moment.at.toString(),
          at: now.toString(),
          detail: reason,
        });
        report.postponed.push({ id: message.id, until: moment.at.toString(), reason });
        return;
      }
    }

    const sentOn = now.toZonedDateTimeISO(zone).toPlainDate().toString();
    const caseNumber = state?.caseNumber ?? p.caseNumber ?? message.id;
    let extraEvents: CaseEventJson[] = [];
    let document: { sha256: string; template: string; format: RenderedDocument["format"] };
    let providerId: string;
    let detail: string;
    try {
      const render = async (name: string, format: RenderedDocument["format"]) => {
        if (state === null) throw new Permanent(`template ${name} needs a case`);
        if (options.renderer === undefined || options.letters === undefined)
          throw new NotConfigured(`template ${name} needs a renderer and the host's letters`);
        const { kind, template } = options.letters.template(name, language);
        const context = letterContext(
          events,
          {
            kind,
            date: sentOn,
            channel: "email",
            creditor: options.letters.creditor,
          } as LetterRequest,
          {},
        );
        const rendered = await options.renderer.render(template, context, format);
        return { rendered, context, template };
      };
      if (payload.kind === "send-sms") {
        if (options.sms === undefined) throw new NotConfigured("no SMS sender is configured");
        const text =
          payload.payload.text ??
          (await render(payload.payload.template as string, "text")).rendered.text;
        const segments = smsSegments(text).segments;
        const receipt = await options.sms.send({
          idempotencyKey: message.id,
          to,
          text,
          ...(options.smsSender === undefined ? {} : { sender: options.smsSender }),
        });
        providerId = receipt.messageId;
        detail = `sms ${receipt.messageId}, ${receipt.segments || segments} segment(s)`;
        document = {
          sha256: sha256(text),
          template: payload.payload.template ?? "text",
          format: "text",
        };
      } else {
        if (options.mailer === undefined) throw new NotConfigured("no mailer is configured");
        let subject: string;
        let text: string;
        let html: string | undefined;
        const attachments: EmailAttachment[] = [];
        if (payload.kind === "send-letter-email") {
          const { rendered, context, template } = await render(payload.payload.template, "pdf");
          subject = payload.payload.subject ?? SUBJECTS[language](caseNumber);
          text = payload.payload.text ?? COVER[language](caseNumber);
          attachments.push({
            filename: `${caseNumber.replace(/[^A-Za-z0-9._-]+/g, "-")}-${context.kind}.pdf`,
            contentType: rendered.mediaType,
            content: rendered.bytes,
          });
          document = { sha256: rendered.sha256, template: template.name, format: "pdf" };
          if (context.event !== null)
            extraEvents = [
              {
                ...context.event,
                at: sentOn,
                recordedAt: now.toString(),
                by,
                document,
              } as CaseEventJson,
            ];
        } else if (payload.payload.text !== undefined) {
          subject = payload.payload.subject ?? SUBJECTS[language](caseNumber);
          text = payload.payload.text;
          html = payload.payload.html ?? htmlOf(text);
          document = {
            sha256: sha256(html),
            template: payload.payload.template ?? "text",
            format: "html",
          };
        } else {
          const name = payload.payload.template as string;
          const { rendered } = await render(name, "html");
          subject = payload.payload.subject ?? SUBJECTS[language](caseNumber);
          text = rendered.text;
          html = new TextDecoder().decode(rendered.bytes);
          document = { sha256: rendered.sha256, template: name, format: "html" };
        }
        const messageId = outboxMessageId(message.id, domain);
        const receipt = await options.mailer.send({
          messageId,
          from: options.from,
          to: [{ address: to }],
          subject,
          text,
          ...(html === undefined ? {} : { html }),
          attachments,
          headers: { "X-Incasso-Outbox-Key": message.id },
          ...(options.identity === undefined ? {} : { identity: options.identity }),
        });
        providerId = receipt.messageId;
        detail = `smtp ${receipt.response}`.slice(0, 500);
      }
    } catch (error) {
      if (error instanceof Permanent) return fail(true, error.message, to, contactId);
      if (error instanceof NotConfigured) {
        // Left for a dispatcher that can send it: back to pending, the try not counted.
        await store.postponeOutbox(scope, {
          id: message.id,
          worker,
          notBefore: now.add({ minutes: 15 }).toString(),
          at: now.toString(),
          detail: `this dispatcher cannot send it: ${error.message}`,
        });
        report.errors.push({ id: message.id, reason: error.message });
        return;
      }
      if (error instanceof DeliveryError && !error.permanent) {
        if (message.attempts >= retry.maxAttempts)
          return fail(
            false,
            `gave up after ${message.attempts} tries: ${error.message}`,
            to,
            contactId,
          );
        const seconds = backoffSeconds(message.attempts, retry, random(), error.retryAfterSeconds);
        const until = now.add({ seconds });
        await store.postponeOutbox(scope, {
          id: message.id,
          worker,
          notBefore: until.toString(),
          at: now.toString(),
          detail: `try ${message.attempts} failed: ${error.message}`.slice(0, 2000),
          countAttempt: true,
        });
        report.retried.push({
          id: message.id,
          attempt: message.attempts,
          until: until.toString(),
          reason: error.message,
        });
        return;
      }
      if (error instanceof IncassoError)
        // A permanent DeliveryError, input the transport refuses, a letter that fails its checks.
        return fail(true, error.message, to, contactId);
      throw error;
    }

    if (message.caseId !== null) {
      const sent = {
        id: messageKey(["sent", message.id]),
        type: "message.sent",
        at: sentOn,
        recordedAt: now.toString(),
        by,
        channel,
        outboxKey: message.id,
        messageId: providerId.slice(0, 500),
        to,
        ...(contactId === undefined ? {} : { contactId }),
        template: document.template,
        document,
      } as CaseEventJson;
      await record(
        message.caseId,
        [...extraEvents, sent],
        messageKey(["sent", message.id]),
        sentOn,
        version,
      );
    }
    await store.completeOutbox(scope, {
      id: message.id,
      worker,
      outcome: "sent",
      at: clock().toString(),
      detail,
    });
    report.sent.push({ id: message.id, to, messageId: providerId });
  }

  async function runOnce(): Promise<DispatchReport> {
    const now = clock();
    const claimed = await store.claimOutbox(scope, {
      worker,
      limit: batchSize,
      now: now.toString(),
      leaseSeconds,
    });
    const report: Report = {
      claimed: claimed.length,
      sent: [],
      postponed: [],
      retried: [],
      failed: [],
      errors: [],
    };
    for (const message of claimed) {
      try {
        await processMessage(message, clock(), report);
      } catch (error) {
        // Left claimed: the lease lapses and a dispatcher tries it again.
        report.errors.push({ id: message.id, reason: (error as Error).message });
      }
    }
    return report;
  }

  return {
    runOnce,
    async run({ signal }) {
      let batches = 0;
      let sent = 0;
      let failed = 0;
      while (!signal.aborted) {
        const report = await runOnce();
        batches++;
        sent += report.sent.length;
        failed += report.failed.length;
        if (report.claimed >= batchSize) continue;
        await pause(options.pollIntervalMs ?? 5000, signal);
      }
      return { batches, sent, failed };
    },
    async deadLetters(limit = 100) {
      return store.listOutbox(scope, { status: "failed", limit });
    },
  };
}

type Report = {
  -readonly [K in keyof DispatchReport]: DispatchReport[K];
};

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function htmlOf(text: string): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return `<!doctype html><html><body>${escaped
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, "<br>")}</p>`)
    .join("")}</body></html>`;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
