/**
 * A mailbox: an address with an optional display name.
 *
 * @example
 * ```ts
 * import type { Mailbox } from "@incasso/core";
 * const from: Mailbox = { name: "Incasso Advocaten", address: "dossiers@advocaten.example" };
 * ```
 */
export interface Mailbox {
  readonly name?: string;
  readonly address: string;
}

/**
 * A file attached to an e-mail (the letter as a PDF).
 *
 * @example
 * ```ts
 * import type { EmailAttachment } from "@incasso/core";
 * const pdf: EmailAttachment = { filename: "2026-00042-REM1.pdf", contentType: "application/pdf", content: new Uint8Array() };
 * ```
 */
export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/**
 * An e-mail to send. `messageId` is made by the dispatcher from the outbox key
 * (`<key@domain>`), so a message sent twice across a crash carries the same `Message-ID` and the
 * receiving side can recognise the duplicate. `identity` names the sender identity (per tenant)
 * the mailer should use for its envelope and DKIM signature.
 *
 * @example
 * ```ts
 * import type { OutgoingEmail } from "@incasso/core";
 * const email: OutgoingEmail = {
 *   messageId: "<C1.REM1@incasso.example>", from: { address: "dossiers@advocaten.example" }, to: [{ address: "debtor@example.be" }],
 *   subject: "Herinnering", text: "Geachte,", attachments: [],
 * };
 * ```
 */
export interface OutgoingEmail {
  readonly messageId: string;
  readonly from: Mailbox;
  readonly to: readonly Mailbox[];
  readonly replyTo?: Mailbox;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments: readonly EmailAttachment[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly identity?: string;
}

/**
 * What a mailer answers when the server took a message: the `Message-ID` it carried, the
 * recipients accepted, and the server's last answer. `rejected` lists the recipients the server
 * refused while it took the message for the others (the message is then sent: sending it again
 * would reach the accepted recipients twice); absent or empty when every recipient was accepted.
 *
 * @example
 * ```ts
 * import type { EmailReceipt } from "@incasso/core";
 * const receipt: EmailReceipt = { messageId: "<C1.REM1@incasso.example>", accepted: ["debtor@example.be"], response: "250 OK" };
 * ```
 */
export interface EmailReceipt {
  readonly messageId: string;
  readonly accepted: readonly string[];
  readonly response: string;
  readonly rejected?: readonly string[];
}

/**
 * The port of e-mail delivery (the SMTP adapter of `@incasso/notify`, or a host's own).
 *
 * - `send` resolves when the server took the message (the `Message-ID` is `email.messageId`,
 *   never one the adapter makes); otherwise it rejects with a `DeliveryError` saying whether the
 *   failure is permanent (a 5xx answer, every recipient refused with 5xx) or transient (a 4xx
 *   answer, no connection, a timeout, a connection dropped mid-DATA). When the server refuses
 *   some recipients and takes the message for the others, the message is sent: `send` resolves
 *   and lists the refused ones in `receipt.rejected`.
 * - An email the adapter cannot take as given (a malformed address or `Message-ID`, an unknown
 *   `identity`) is refused before anything is sent with an `IncassoError` `INVALID_INPUT` naming
 *   the field (`email.to.0.address`): as permanent as a 5xx.
 * - `close` waits for the sends under way, then ends pooled connections; the mailer is not used
 *   after it.
 *
 * @example
 * ```ts
 * import type { Mailer, OutgoingEmail } from "@incasso/core";
 * declare const mailer: Mailer;
 * declare const email: OutgoingEmail;
 * const { messageId } = await mailer.send(email);
 * ```
 */
export interface Mailer {
  send(email: OutgoingEmail): Promise<EmailReceipt>;
  close(): Promise<void>;
}

/**
 * An SMS to send: the number in E.164, the text, the sender name or number, and the idempotency
 * key (the outbox key) that providers which support one use to drop a duplicate.
 *
 * @example
 * ```ts
 * import type { OutgoingSms } from "@incasso/core";
 * const sms: OutgoingSms = { idempotencyKey: "C1.SMS1", to: "+32470123456", text: "Herinnering: 120,00 EUR", sender: "Incasso" };
 * ```
 */
export interface OutgoingSms {
  readonly idempotencyKey: string;
  readonly to: string;
  readonly text: string;
  readonly sender?: string;
}

/**
 * What an SMS sender answers when the provider took a message: the provider's id and the number
 * of segments billed.
 *
 * @example
 * ```ts
 * import type { SmsReceipt } from "@incasso/core";
 * const receipt: SmsReceipt = { messageId: "msg-123", segments: 1 };
 * ```
 */
export interface SmsReceipt {
  readonly messageId: string;
  readonly segments: number;
}

/**
 * The port of SMS delivery (the HTTP providers of `@incasso/notify`, or a host's own).
 *
 * - `send` resolves when the provider accepted the message; otherwise it rejects with a
 *   `DeliveryError`: permanent for an invalid number or a refused request, transient for a
 *   connection failure or an HTTP 429/5xx (with `retryAfterSeconds` from `Retry-After`).
 * - The number is E.164 (`+32470123456`); the adapter refuses anything else, and a Belgian or
 *   Dutch number that is not a mobile (a landline, a service number: `isMobileNumber`), with a
 *   permanent `DeliveryError` before calling the provider. An empty text is refused the same way.
 * - The same `idempotencyKey` sent twice is one message where the provider supports an
 *   idempotency key; elsewhere the key travels as the provider's client reference, so its status
 *   reports name the outbox message.
 *
 * @example
 * ```ts
 * import type { SmsSender } from "@incasso/core";
 * declare const sms: SmsSender;
 * await sms.send({ idempotencyKey: "C1.SMS1", to: "+32470123456", text: "Herinnering" });
 * ```
 */
export interface SmsSender {
  send(message: OutgoingSms): Promise<SmsReceipt>;
}
