import type { OutgoingSms, SmsReceipt, SmsSender } from "@incasso/core";
import { checkOutgoingSms, DeliveryError, parseInput, smsSegments } from "@incasso/core";
import { z } from "zod";
import { formatNumber } from "./http-sms-sender.js";
import { callProvider, refusal, textAt, valueAt } from "./sms-http.js";

/**
 * The options of {@link createSpryngSmsSender}: the REST API key (sent as a Bearer token), the
 * originator (at most 11 letters and digits, or a number of at most 16 digits), the route
 * (`business` by default, or a route id Spryng gave), the base URL (default
 * `https://rest.spryngsms.com`; tests point it at a local stub) and the timeout (default 15 s).
 *
 * @example
 * ```ts
 * import type { SpryngSmsSenderOptions } from "@incasso/notify";
 * const options: SpryngSmsSenderOptions = { apiKey: "secret", originator: "Peeters" };
 * ```
 */
export interface SpryngSmsSenderOptions {
  readonly apiKey: string;
  readonly originator: string;
  readonly route?: string;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

const optionsSchema = z.strictObject({
  apiKey: z.string().min(1, { error: "expected Spryng's REST API key" }),
  originator: z.string().regex(/^([A-Za-z0-9 ]{1,11}|\+?\d{1,16})$/, {
    error: "expected at most 11 letters and digits, or a number of at most 16 digits",
  }),
  route: z.string().min(1).default("business"),
  baseUrl: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
    .default("https://rest.spryngsms.com"),
  timeoutMs: z.number().int().min(1).max(300_000).default(15_000),
});

/** The code and words of a Spryng refusal: `message`, and the first of `errors` by field. */
const spryngError = (json: unknown) => {
  const errors = valueAt(json, "errors");
  let code: string | null = null;
  let detail: string | null = null;
  if (errors !== null && typeof errors === "object") {
    const [field, problems] = Object.entries(errors)[0] ?? [];
    if (field !== undefined) {
      code = field;
      detail = Array.isArray(problems) ? String(problems[0] ?? "") : String(problems);
    }
  }
  const message = textAt(json, "message");
  return { code, message: [message, detail].filter(Boolean).join(": ") || null };
};

/**
 * An `SmsSender` on Spryng's REST API, as documented at https://docs.spryngsms.com/
 * ("Spryng REST API (Documentation)": the REST API key as a Bearer token, `POST /v1/messages`
 * with `body`, `encoding`, `originator`, `recipients`, `route` and `reference`, the created
 * message's `id` in the answer; HTTP 401 for a wrong key, 422 for missing or invalid parameters,
 * 429 past the rate limit) and in Spryng's own PHP library (https://github.com/spryng/rest-api-php:
 * recipients written as digits with the country code, no `+`).
 *
 * Each SMS goes to one recipient with encoding `auto` (Spryng picks GSM-7 or Unicode) and the
 * idempotency key as `reference` (Spryng has no idempotency key of its own, so a retry after a
 * lost answer may send twice). The receipt's id is Spryng's message id, its segments those the
 * text costs (`smsSegments`). HTTP 401, 403, 422 and other 4xx are permanent with Spryng's
 * words (a 422 answers `{"message": ..., "errors": {"<field>": [...]}}`: the field of the first
 * error is the code), except a 422 on `credits` (too few credits on the account), which is
 * transient like 429 and 5xx (with `Retry-After`).
 *
 * @example
 * ```ts
 * import { createSpryngSmsSender } from "@incasso/notify";
 * const sms = createSpryngSmsSender({ apiKey: "secret", originator: "Peeters" });
 * await sms.send({ idempotencyKey: "rem:C1:1", to: "+31612345678", text: "Herinnering: 120,00 EUR" });
 * ```
 */
export function createSpryngSmsSender(options: SpryngSmsSenderOptions): SmsSender {
  const parsed = parseInput(optionsSchema, options, "options");
  const endpoint = new URL("/v1/messages", parsed.baseUrl).toString();
  return {
    async send(message: OutgoingSms): Promise<SmsReceipt> {
      checkOutgoingSms(message);
      const answer = await callProvider("Spryng", {
        url: endpoint,
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": "application/json",
          authorization: `Bearer ${parsed.apiKey}`,
        },
        body: JSON.stringify({
          body: message.text,
          encoding: "auto",
          originator: message.sender ?? parsed.originator,
          recipients: [formatNumber(message.to, "digits")],
          route: parsed.route,
          reference: message.idempotencyKey,
        }),
        timeoutMs: parsed.timeoutMs,
      });
      if (answer.status < 200 || answer.status > 299) {
        const error = refusal("Spryng", answer, Date.now(), spryngError);
        // Too few credits is the account's state, not the message's: the message waits for the
        // top-up (and the dispatcher's attempt limit) instead of being failed.
        if (error.providerCode === "credits")
          throw new DeliveryError(error.message, {
            permanent: false,
            providerCode: "credits",
            retryAfterSeconds: error.retryAfterSeconds,
          });
        throw error;
      }
      const id = textAt(answer.json, "id");
      if (id === null || id === "")
        throw new DeliveryError(
          `Spryng: the answer has no message id (HTTP ${answer.status}: ${answer.text.slice(0, 200)})`,
          { permanent: false, providerCode: String(answer.status) },
        );
      return { messageId: id, segments: smsSegments(message.text).segments };
    },
  };
}
