import type {
  EmailReceipt,
  Mailbox,
  Mailer,
  OutgoingEmail,
  OutgoingSms,
  SmsReceipt,
  SmsSender,
} from "@incasso/core";
import { checkOutgoingSms, DeliveryError, fieldError, smsSegments } from "@incasso/core";

/**
 * A failure an in-memory mailer or SMS sender is told to give: permanent or transient, with the
 * provider's code and the wait it asks for, as a real provider would answer.
 *
 * @example
 * ```ts
 * import type { MemoryDeliveryFailure } from "@incasso/memory";
 * const busy: MemoryDeliveryFailure = { permanent: false, providerCode: "451", retryAfterSeconds: 60 };
 * ```
 */
export interface MemoryDeliveryFailure {
  readonly permanent: boolean;
  readonly providerCode?: string;
  readonly retryAfterSeconds?: number;
  /** The error's message; a default names the code. */
  readonly message?: string;
}

/**
 * An in-memory `Mailer`: it checks each e-mail as the SMTP adapter does and records it
 * instead of sending it. `sent()` lists what it took; `failNext` makes the next sends fail (for
 * the dispatcher's retry and dead-letter tests); `failures` make sends to given addresses fail
 * every time.
 *
 * @example
 * ```ts
 * import { createMemoryMailer } from "@incasso/memory";
 * const mailer = createMemoryMailer();
 * mailer.failNext({ permanent: false, providerCode: "451" });
 * mailer.sent(); // []
 * ```
 */
export interface MemoryMailer extends Mailer {
  /** The e-mails taken so far, in order (each with its receipt's `Message-ID`). */
  sent(): readonly OutgoingEmail[];
  /** Makes the next `times` sends (default 1) fail with this failure. */
  failNext(failure: MemoryDeliveryFailure, times?: number): void;
  /** Forgets the e-mails taken and the failures queued by `failNext`. */
  clear(): void;
}

/**
 * The options of {@link createMemoryMailer}: the names of the sender identities it knows (an
 * e-mail naming another one is refused, as the SMTP adapter does) with the `From` each gives,
 * and failures by recipient
 * address (a send to that address fails every time).
 *
 * @example
 * ```ts
 * import type { MemoryMailerOptions } from "@incasso/memory";
 * const options: MemoryMailerOptions = {
 *   identities: { peeters: { from: { name: "Advocaten Peeters", address: "dossiers@peeters.example" } } },
 *   failures: { "reject@example.be": { permanent: true, providerCode: "550" } },
 * };
 * ```
 */
export interface MemoryMailerOptions {
  readonly identities?: Readonly<Record<string, { readonly from: Mailbox }>>;
  readonly failures?: Readonly<Record<string, MemoryDeliveryFailure>>;
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

function deliveryError(failure: MemoryDeliveryFailure, what: string): DeliveryError {
  return new DeliveryError(
    failure.message ?? `${what}: refused (${failure.providerCode ?? "no code"})`,
    {
      permanent: failure.permanent,
      providerCode: failure.providerCode ?? null,
      retryAfterSeconds: failure.retryAfterSeconds ?? null,
    },
  );
}

function checkEmail(email: OutgoingEmail, identities: ReadonlySet<string>): void {
  if (typeof email.messageId !== "string" || !MESSAGE_ID.test(email.messageId))
    throw fieldError(
      "INVALID_INPUT",
      "email.messageId",
      "expected a Message-ID of the form <local@domain>",
      email.messageId,
    );
  const boxes: [string, unknown][] = [
    ["email.from.address", email.from?.address],
    ...(email.to ?? []).map((box, i): [string, unknown] => [`email.to.${i}.address`, box?.address]),
    ...(email.replyTo === undefined
      ? []
      : [["email.replyTo.address", email.replyTo.address] as [string, unknown]]),
  ];
  if (!Array.isArray(email.to) || email.to.length === 0)
    throw fieldError("INVALID_INPUT", "email.to", "expected at least one recipient");
  for (const [path, address] of boxes)
    if (typeof address !== "string" || !ADDRESS.test(address))
      throw fieldError("INVALID_INPUT", path, "expected an e-mail address", address);
  if (email.identity !== undefined && !identities.has(email.identity))
    throw fieldError(
      "INVALID_INPUT",
      "email.identity",
      `expected one of the mailer's identities (${[...identities].join(", ") || "none configured"})`,
      email.identity,
    );
}

/**
 * Makes an in-memory {@link MemoryMailer}. An e-mail naming an identity is recorded with that
 * identity's `From`, as the SMTP adapter sends it.
 *
 * @example
 * ```ts
 * import { createMemoryMailer } from "@incasso/memory";
 * const mailer = createMemoryMailer({ identities: { peeters: { from: { address: "dossiers@peeters.example" } } } });
 * await mailer.send({
 *   messageId: "<C1.REM1@incasso.example>", from: { address: "dossiers@peeters.example" },
 *   to: [{ address: "debtor@example.be" }], subject: "Herinnering", text: "Geachte,", attachments: [],
 * });
 * mailer.sent().length; // 1
 * ```
 */
export function createMemoryMailer(options: MemoryMailerOptions = {}): MemoryMailer {
  const identities = options.identities ?? {};
  const failures = options.failures ?? {};
  const sent: OutgoingEmail[] = [];
  const queued: MemoryDeliveryFailure[] = [];
  let closed = false;
  return {
    async send(email: OutgoingEmail): Promise<EmailReceipt> {
      if (closed)
        throw new DeliveryError("memory mailer: closed", { permanent: false, providerCode: null });
      checkEmail(email, new Set(Object.keys(identities)));
      const next = queued.shift();
      if (next !== undefined) throw deliveryError(next, "memory mailer");
      const failing = email.to
        .map((box) => failures[box.address])
        .filter((failure): failure is MemoryDeliveryFailure => failure !== undefined);
      if (failing.length === email.to.length)
        // As SMTP reports it: a deferral (transient) wins over a refusal when all are refused.
        throw deliveryError(
          failing.find((f) => !f.permanent) ?? (failing[0] as MemoryDeliveryFailure),
          "memory mailer",
        );
      const accepted = email.to.filter((box) => failures[box.address] === undefined);
      const rejected = email.to.filter((box) => failures[box.address] !== undefined);
      const identity = email.identity === undefined ? undefined : identities[email.identity];
      sent.push(
        structuredClone(identity === undefined ? email : { ...email, from: identity.from }),
      );
      return {
        messageId: email.messageId,
        accepted: accepted.map((box) => box.address),
        response: "250 accepted in memory",
        ...(rejected.length === 0 ? {} : { rejected: rejected.map((box) => box.address) }),
      };
    },
    async close() {
      closed = true;
    },
    sent: () => [...sent],
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) queued.push(failure);
    },
    clear() {
      sent.length = 0;
      queued.length = 0;
    },
  };
}

/**
 * An in-memory `SmsSender`: it checks each SMS as the HTTP adapters do (E.164, a mobile
 * number where the country is known, a text) and records it with its receipt instead of sending
 * it. The same idempotency key sent again answers the first receipt and records nothing (as a
 * provider with an idempotency key does). `failNext` and `failures` (by number) make sends fail.
 *
 * @example
 * ```ts
 * import { createMemorySmsSender } from "@incasso/memory";
 * const sms = createMemorySmsSender();
 * sms.failNext({ permanent: false, providerCode: "429", retryAfterSeconds: 30 });
 * ```
 */
export interface MemorySmsSender extends SmsSender {
  /** The messages taken so far, in order, each with the receipt it was given. */
  sent(): readonly { readonly message: OutgoingSms; readonly receipt: SmsReceipt }[];
  /** Makes the next `times` sends (default 1) fail with this failure. */
  failNext(failure: MemoryDeliveryFailure, times?: number): void;
  /** Forgets the messages taken and the failures queued. */
  clear(): void;
}

/**
 * Makes an in-memory {@link MemorySmsSender}; `failures` by E.164 number fail every send to it.
 *
 * @example
 * ```ts
 * import { createMemorySmsSender } from "@incasso/memory";
 * const sms = createMemorySmsSender({ failures: { "+32470000000": { permanent: true, providerCode: "unknown subscriber" } } });
 * const receipt = await sms.send({ idempotencyKey: "C1.SMS1", to: "+32470123456", text: "Herinnering" });
 * receipt.segments; // 1
 * ```
 */
export function createMemorySmsSender(
  options: { readonly failures?: Readonly<Record<string, MemoryDeliveryFailure>> } = {},
): MemorySmsSender {
  const failures = options.failures ?? {};
  const sent: { message: OutgoingSms; receipt: SmsReceipt }[] = [];
  const byKey = new Map<string, SmsReceipt>();
  const queued: MemoryDeliveryFailure[] = [];
  return {
    async send(message: OutgoingSms): Promise<SmsReceipt> {
      checkOutgoingSms(message);
      const known = byKey.get(message.idempotencyKey);
      if (known !== undefined) return known;
      const next = queued.shift();
      if (next !== undefined) throw deliveryError(next, "memory SMS sender");
      const failure = failures[message.to];
      if (failure !== undefined) throw deliveryError(failure, "memory SMS sender");
      const receipt = {
        messageId: `memory-${sent.length + 1}`,
        segments: smsSegments(message.text).segments,
      };
      sent.push({ message: { ...message }, receipt });
      byKey.set(message.idempotencyKey, receipt);
      return receipt;
    },
    sent: () => [...sent],
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) queued.push(failure);
    },
    clear() {
      sent.length = 0;
      queued.length = 0;
      byKey.clear();
    },
  };
}
