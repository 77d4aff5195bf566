import { DeliveryError } from "../errors/delivery-error.js";
import type { OutgoingSms } from "../ports/messaging.js";
import { parsePhoneNumber } from "../references/phone-number.js";

/**
 * Refuses, as a permanent `DeliveryError`, an SMS no provider should be asked to send: a
 * number not in E.164 form, a Belgian or Dutch number that is not a mobile (a landline, a
 * service number), an empty text or idempotency key. Every SMS adapter runs it before calling its
 * provider.
 *
 * @example
 * ```ts
 * import { checkOutgoingSms } from "@incasso/core";
 * checkOutgoingSms({ idempotencyKey: "C1.SMS1", to: "+32470123456", text: "Herinnering" }); // passes
 * ```
 */
export function checkOutgoingSms(message: OutgoingSms): void {
  const refuse = (why: string, code: string) =>
    new DeliveryError(`SMS refused before sending: ${why}`, {
      permanent: true,
      providerCode: code,
    });
  if (typeof message.to !== "string" || !/^\+[1-9]\d{7,14}$/.test(message.to))
    throw refuse(
      `the number ${JSON.stringify(message.to)} is not in E.164 form (+32470123456)`,
      "INVALID_NUMBER",
    );
  let kind: string;
  try {
    kind = parsePhoneNumber(message.to, { defaultCountry: "BE", field: "sms.to" }).kind;
  } catch {
    throw refuse(`${message.to} is not a number the numbering plan uses`, "INVALID_NUMBER");
  }
  if (kind !== "mobile" && kind !== "unknown")
    throw refuse(`${message.to} is a ${kind} number, not a mobile`, "NOT_MOBILE");
  if (typeof message.text !== "string" || message.text.length === 0)
    throw refuse("the text is empty", "EMPTY_TEXT");
  if (typeof message.idempotencyKey !== "string" || message.idempotencyKey.length === 0)
    throw refuse("the idempotency key is empty", "NO_IDEMPOTENCY_KEY");
}
