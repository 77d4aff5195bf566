import type { OutgoingSms, SmsReceipt, SmsSender } from "@incasso/core";
import { checkOutgoingSms, DeliveryError, parseInput, smsSegments } from "@incasso/core";
import { z } from "zod";
import { formatNumber } from "./http-sms-sender.js";
import { callProvider, refusal, valueAt } from "./sms-http.js";

/**
 * The options of {@link createCmSmsSender}: the product token (sent in the `X-CM-PRODUCTTOKEN`
 * header), the sender (at most 11 letters and digits or 16 digits, as CM.com says of `from`),
 * the most segments a message may use (default 8; a longer text is refused before sending
 * instead of being cut), the base URL (default `https://gw.messaging.cm.com`, CM.com's global
 * endpoint; tests point it at a local stub) and the timeout (default 15 s).
 *
 * @example
 * ```ts
 * import type { CmSmsSenderOptions } from "@incasso/notify";
 * const options: CmSmsSenderOptions = { productToken: "00000000-0000-0000-0000-000000000000", sender: "Peeters" };
 * ```
 */
export interface CmSmsSenderOptions {
  readonly productToken: string;
  readonly sender: string;
  readonly maxSegments?: number;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

const optionsSchema = z.strictObject({
  productToken: z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
      error: "expected CM.com's product token, a GUID with its hyphens",
    }),
  sender: z.string().regex(/^([A-Za-z0-9 ]{1,11}|\+?\d{1,16})$/, {
    error: "expected at most 11 letters and digits, or a number of at most 16 digits",
  }),
  maxSegments: z.number().int().min(1).max(8).default(8),
  baseUrl: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
    .default("https://gw.messaging.cm.com"),
  timeoutMs: z.number().int().min(1).max(300_000).default(15_000),
});

interface CmMessageResult {
  readonly status?: string;
  readonly reference?: string | null;
  readonly parts?: number;
  readonly messageDetails?: string | null;
  readonly messageErrorCode?: number;
}

const cmError = (json: unknown) => {
  const first = valueAt(json, "messages.0") as CmMessageResult | undefined;
  if (first?.status === "Rejected")
    return {
      code: first.messageErrorCode === undefined ? null : String(first.messageErrorCode),
      message: first.messageDetails ?? null,
    };
  const code = valueAt(json, "errorCode");
  const details = valueAt(json, "details");
  return {
    code: typeof code === "number" ? String(code) : null,
    message: typeof details === "string" ? details : null,
  };
};

/**
 * An `SmsSender` on CM.com's Business Messaging API (JSON), as documented at
 * https://developers.cm.com/messaging/docs/integration (endpoint `POST /v1.0/message`, the
 * product token in the `X-CM-PRODUCTTOKEN` header), https://developers.cm.com/messaging/docs/shared-features
 * (the `messages.msg[]` body; numbers written `00` + country code, no `+`) and
 * https://developers.cm.com/messaging/docs/responses-errors-json (the answer: `errorCode`,
 * `details`, and per message `status` Accepted or Rejected, `reference`, `parts`,
 * `messageErrorCode`, `messageDetails`; a request refused whole is HTTP 400).
 *
 * Each SMS goes as one `msg` on the SMS channel, body type `auto` (CM.com picks GSM-7 or
 * Unicode), with the idempotency key as its `reference` (CM.com returns it in its status
 * reports; it has no idempotency key of its own, so a retry after a lost answer may send twice)
 * and `minimumNumberOfMessageParts` 1, `maximumNumberOfMessageParts` `maxSegments` (the fields
 * and their range 1 to 8 as CM.com's own SDKs send them, such as
 * https://github.com/cmdotcom/text-sdk-php), so a long text is sent whole, never cut: a text
 * needing more than `maxSegments` (`smsSegments`) is refused before sending. The receipt's id is the reference (CM.com's answer
 * names no message id of its own) and its segments the `parts` CM.com created. A message
 * Rejected (an invalid number, an empty body) or a request refused whole (a wrong product token,
 * error 101...) is permanent with CM.com's code; HTTP 429 and 5xx are transient with
 * `Retry-After`.
 *
 * @example
 * ```ts
 * import { createCmSmsSender } from "@incasso/notify";
 * const sms = createCmSmsSender({ productToken: "00000000-0000-0000-0000-000000000000", sender: "Peeters" });
 * await sms.send({ idempotencyKey: "rem:C1:1", to: "+32470123456", text: "Herinnering: 120,00 EUR" });
 * ```
 */
export function createCmSmsSender(options: CmSmsSenderOptions): SmsSender {
  const parsed = parseInput(optionsSchema, options, "options");
  const endpoint = new URL("/v1.0/message", parsed.baseUrl).toString();
  return {
    async send(message: OutgoingSms): Promise<SmsReceipt> {
      checkOutgoingSms(message);
      const segments = smsSegments(message.text).segments;
      if (segments > parsed.maxSegments)
        throw new DeliveryError(
          `SMS refused before sending: the text needs ${segments} segments, more than the ${parsed.maxSegments} allowed`,
          { permanent: true, providerCode: "TOO_LONG" },
        );
      const body = {
        messages: {
          msg: [
            {
              allowedChannels: ["SMS"],
              from: message.sender ?? parsed.sender,
              to: [{ number: formatNumber(message.to, "00") }],
              body: { type: "auto", content: message.text },
              reference: message.idempotencyKey,
              minimumNumberOfMessageParts: 1,
              maximumNumberOfMessageParts: parsed.maxSegments,
            },
          ],
        },
      };
      const answer = await callProvider("CM.com", {
        url: endpoint,
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": "application/json",
          "X-CM-PRODUCTTOKEN": parsed.productToken,
        },
        body: JSON.stringify(body),
        timeoutMs: parsed.timeoutMs,
      });
      const first = valueAt(answer.json, "messages.0") as CmMessageResult | undefined;
      if (answer.status < 200 || answer.status > 299 || first?.status === "Rejected")
        throw refusal("CM.com", answer, Date.now(), cmError);
      if (first?.status !== "Accepted")
        throw new DeliveryError(
          `CM.com: the answer does not say the message was accepted (HTTP ${answer.status}: ${answer.text.slice(0, 200)})`,
          { permanent: false, providerCode: String(answer.status) },
        );
      return {
        messageId: first.reference ?? message.idempotencyKey,
        segments: typeof first.parts === "number" && first.parts > 0 ? first.parts : segments,
      };
    },
  };
}
