import type { OutgoingSms, SmsReceipt, SmsSender } from "@incasso/core";
import { checkOutgoingSms, DeliveryError, parseInput, smsSegments } from "@incasso/core";
import { z } from "zod";
import { callProvider, refusal, textAt } from "./sms-http.js";

/**
 * How a number is written where the body template says `{{to}}`: `e164` (`+32470123456`),
 * `digits` (`32470123456`, no plus) or `00` (`0032470123456`).
 *
 * @example
 * ```ts
 * import type { SmsNumberFormat } from "@incasso/notify";
 * const format: SmsNumberFormat = "digits";
 * ```
 */
export type SmsNumberFormat = "e164" | "digits" | "00";

/**
 * The options of {@link createHttpSmsSender}, for a provider with a JSON or form HTTP API:
 *
 * - `url` and `method` (POST by default) of the send call; `headers` (the authentication header:
 *   `{ Authorization: "Bearer ..." }`);
 * - `body`: a JSON template (any JSON value) or a form template (field to value), whose strings
 *   may hold the placeholders `{{to}}`, `{{text}}`, `{{sender}}` and `{{idempotencyKey}}`; each is
 *   replaced by the message's value inside the string (in JSON, as JSON text: nothing can break
 *   out of the string);
 * - `numberFormat` of `{{to}}` (default `e164`); `defaultSender` for `{{sender}}` when the message
 *   has none;
 * - `idempotencyHeader`: a header that carries the idempotency key (`Idempotency-Key`), for
 *   providers that drop a duplicate by it;
 * - `messageIdPath`: where the JSON answer has the provider's message id (`id`, `messages.0.id`);
 *   `segmentsPath`: where it has the segments billed, when it says (else they are counted with
 *   `smsSegments`); `errorCodePath` and `errorMessagePath`: where a refusal has the provider's
 *   code and words;
 * - `timeoutMs` (default 15 000): how long to wait for the answer.
 *
 * @example
 * ```ts
 * import type { HttpSmsSenderOptions } from "@incasso/notify";
 * const options: HttpSmsSenderOptions = {
 *   name: "example-provider",
 *   url: "https://sms.provider.example/v1/messages",
 *   headers: { Authorization: "Bearer secret" },
 *   body: { json: { to: "{{to}}", text: "{{text}}", from: "{{sender}}", reference: "{{idempotencyKey}}" } },
 *   idempotencyHeader: "Idempotency-Key",
 *   messageIdPath: "id",
 *   errorCodePath: "error.code",
 *   errorMessagePath: "error.message",
 * };
 * ```
 */
export interface HttpSmsSenderOptions {
  /** The provider's name, in error messages. */
  readonly name: string;
  readonly url: string;
  readonly method?: "POST" | "PUT";
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: { readonly json: unknown } | { readonly form: Readonly<Record<string, string>> };
  readonly numberFormat?: SmsNumberFormat;
  readonly defaultSender?: string;
  readonly idempotencyHeader?: string;
  readonly messageIdPath: string;
  readonly segmentsPath?: string;
  readonly errorCodePath?: string;
  readonly errorMessagePath?: string;
  readonly timeoutMs?: number;
}

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const optionsSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }),
  method: z.enum(["POST", "PUT"]).default("POST"),
  headers: z
    .record(
      z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "expected a header name" }),
      z.string().regex(/^[^\r\n]*$/, { error: "expected one line without CR or LF" }),
    )
    .default({}),
  body: z.union([
    z.strictObject({ json: jsonValue }),
    z.strictObject({ form: z.record(z.string(), z.string()) }),
  ]),
  numberFormat: z.enum(["e164", "digits", "00"]).default("e164"),
  defaultSender: z.string().min(1).max(16).optional(),
  idempotencyHeader: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "expected a header name" })
    .optional(),
  messageIdPath: z.string().min(1),
  segmentsPath: z.string().min(1).optional(),
  errorCodePath: z.string().min(1).optional(),
  errorMessagePath: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(1).max(300_000).default(15_000),
});

/** Writes an E.164 number as a provider wants it. */
export function formatNumber(e164: string, format: SmsNumberFormat): string {
  const digits = e164.slice(1);
  return format === "e164" ? e164 : format === "digits" ? digits : `00${digits}`;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(to|text|sender|idempotencyKey)\s*\}\}/g, (_, name: string) => {
    return values[name] ?? "";
  });
}

function fillJson(template: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof template === "string") return fill(template, values);
  if (Array.isArray(template)) return template.map((item) => fillJson(item, values));
  if (template !== null && typeof template === "object")
    return Object.fromEntries(
      Object.entries(template).map(([key, value]) => [key, fillJson(value, values)]),
    );
  return template;
}

/**
 * An `SmsSender` for any provider with an HTTP API, described by its options: the body is
 * a template with placeholders, the message id is read at a path of the JSON answer. It checks
 * each SMS before calling the provider (E.164, a mobile where the country is Belgian or Dutch, a
 * text; refused as permanent otherwise) and maps the answer: 2xx taken (without a message id at
 * `messageIdPath`, a transient error: the provider's answer is not the one expected), 429, 408
 * and 5xx transient with `retryAfterSeconds` from `Retry-After` (seconds or an HTTP date), other
 * statuses permanent with the provider's code and words; no answer (refused, reset, timeout)
 * transient. Options are checked with zod (`INVALID_INPUT` naming the field).
 *
 * @example
 * ```ts
 * import { createHttpSmsSender } from "@incasso/notify";
 * const sms = createHttpSmsSender({
 *   name: "example-provider",
 *   url: "https://sms.provider.example/v1/messages",
 *   headers: { Authorization: "Bearer secret" },
 *   body: { json: { to: "{{to}}", text: "{{text}}", reference: "{{idempotencyKey}}" } },
 *   messageIdPath: "id",
 * });
 * const receipt = await sms.send({ idempotencyKey: "rem:C1:1", to: "+32470123456", text: "Herinnering" });
 * ```
 */
export function createHttpSmsSender(options: HttpSmsSenderOptions): SmsSender {
  const parsed = parseInput(optionsSchema, options, "options");
  return {
    async send(message: OutgoingSms): Promise<SmsReceipt> {
      checkOutgoingSms(message);
      const values = {
        to: formatNumber(message.to, parsed.numberFormat),
        text: message.text,
        sender: message.sender ?? parsed.defaultSender ?? "",
        idempotencyKey: message.idempotencyKey,
      };
      const isJson = "json" in parsed.body;
      const body =
        "json" in parsed.body
          ? JSON.stringify(fillJson(parsed.body.json, values))
          : new URLSearchParams(
              Object.entries(parsed.body.form).map(([key, value]): [string, string] => [
                key,
                fill(value, values),
              ]),
            ).toString();
      const answer = await callProvider(parsed.name, {
        url: parsed.url,
        method: parsed.method,
        headers: {
          accept: "application/json",
          "content-type": isJson ? "application/json" : "application/x-www-form-urlencoded",
          ...parsed.headers,
          ...(parsed.idempotencyHeader === undefined
            ? {}
            : { [parsed.idempotencyHeader]: message.idempotencyKey }),
        },
        body,
        timeoutMs: parsed.timeoutMs,
      });
      if (answer.status < 200 || answer.status > 299)
        throw refusal(parsed.name, answer, Date.now(), (json) => ({
          code: textAt(json, parsed.errorCodePath),
          message: textAt(json, parsed.errorMessagePath),
        }));
      const messageId = textAt(answer.json, parsed.messageIdPath);
      if (messageId === null || messageId === "")
        throw new DeliveryError(
          `${parsed.name}: the answer has no message id at ${parsed.messageIdPath} (HTTP ${answer.status})`,
          { permanent: false, providerCode: String(answer.status) },
        );
      const billed = Number(textAt(answer.json, parsed.segmentsPath));
      return {
        messageId,
        segments:
          Number.isInteger(billed) && billed > 0 ? billed : smsSegments(message.text).segments,
      };
    },
  };
}
