import type { SmsSender } from "@incasso/core";
import { DeliveryError, smsSegments } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * An SMS as it reached the provider (the stub provider's recorded request read back, or what an
 * in-memory sender recorded): the number in E.164, the text, and the reference that carried the
 * idempotency key (`null` when the provider took none).
 *
 * @example
 * ```ts
 * import type { DeliveredSms } from "@incasso/testkit";
 * const sms: DeliveredSms = { to: "+32470123456", text: "Herinnering", reference: "C1.SMS1" };
 * ```
 */
export interface DeliveredSms {
  readonly to: string;
  readonly text: string;
  readonly reference: string | null;
}

/**
 * The stable ids of the SMS sender conformance tests, to skip one by id (each with a reason).
 *
 * @example
 * ```ts
 * import type { SmsSenderTestId } from "@incasso/testkit";
 * const id: SmsSenderTestId = "sms.transient-failure";
 * ```
 */
export type SmsSenderTestId =
  | "sms.delivers"
  | "sms.segments"
  | "sms.foreign-number"
  | "sms.refuses-landline"
  | "sms.refuses-not-e164"
  | "sms.refuses-empty-text"
  | "sms.permanent-failure"
  | "sms.transient-failure";

/**
 * How the SMS sender conformance suite gets an adapter and sees what reached the provider:
 *
 * - `create` makes the sender (once for the suite); `dispose` releases it after;
 * - `delivered` reads every SMS that reached the provider so far;
 * - `failures`: E.164 mobile numbers the harness's provider refuses for good (an HTTP 4xx with
 *   its error) and for now (429 or 5xx), with the `Retry-After` it sends, in seconds; the
 *   failure tests are skipped without them;
 * - `skip`: tests to skip by id, with the reason.
 *
 * @example
 * ```ts
 * import type { SmsSenderConformanceOptions } from "@incasso/testkit";
 * import { createMemorySmsSender } from "@incasso/memory";
 * const sender = createMemorySmsSender();
 * const options: SmsSenderConformanceOptions = {
 *   name: "memory",
 *   create: () => sender,
 *   delivered: async () => sender.sent().map(({ message }) => ({ to: message.to, text: message.text, reference: message.idempotencyKey })),
 * };
 * ```
 */
export interface SmsSenderConformanceOptions {
  readonly name: string;
  readonly create: () => SmsSender | Promise<SmsSender>;
  readonly dispose?: (sender: SmsSender) => Promise<void> | void;
  readonly delivered: () => Promise<readonly DeliveredSms[]>;
  readonly failures?: {
    readonly permanent?: string;
    readonly transient?: { readonly to: string; readonly retryAfterSeconds?: number };
  };
  readonly skip?: Partial<Record<SmsSenderTestId, string>>;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the send to fail, and it succeeded");
}

let counter = 0;
const key = (name: string) => `conformance.${name}.${++counter}.${Date.now().toString(36)}`;

/**
 * The conformance suite of the `SmsSender` port: every adapter passes it against its provider
 * (a local stub of the provider's HTTP API for the HTTP adapters). It checks that an SMS reaches
 * the provider with its number, its text (a euro sign and accents kept) and the idempotency key
 * as its reference, and answers the provider's id and the segments the text costs
 * (`smsSegments`); that a number of another country goes; that a landline, a number not in E.164
 * form and an empty text are refused as permanent before the provider is called; and that the
 * provider's refusal is a permanent `DeliveryError`, its 429/5xx a transient one with
 * `retryAfterSeconds` from `Retry-After`.
 *
 * @example
 * ```ts
 * import { describeSmsSenderConformance } from "@incasso/testkit";
 * import { createMemorySmsSender } from "@incasso/memory";
 * const sender = createMemorySmsSender();
 * describeSmsSenderConformance({
 *   name: "memory",
 *   create: () => sender,
 *   delivered: async () => sender.sent().map(({ message }) => ({ to: message.to, text: message.text, reference: message.idempotencyKey })),
 * });
 * ```
 */
export function describeSmsSenderConformance(options: SmsSenderConformanceOptions): void {
  const missing: Partial<Record<SmsSenderTestId, string>> = {
    ...(options.failures?.permanent === undefined
      ? { "sms.permanent-failure": "the harness names no number refused for good" }
      : {}),
    ...(options.failures?.transient === undefined
      ? { "sms.transient-failure": "the harness names no number refused for now" }
      : {}),
  };
  const test = (id: SmsSenderTestId, title: string, body: () => Promise<void>) => {
    const reason = options.skip?.[id] ?? missing[id];
    if (reason !== undefined) it.skip(`${title} [${id}] (skipped: ${reason})`, body);
    else it(`${title} [${id}]`, body);
  };
  const reached = async (reference: string) =>
    (await options.delivered()).filter((sms) => sms.reference === reference);
  const count = async () => (await options.delivered()).length;

  describe(`SmsSender conformance: ${options.name}`, () => {
    let sender: SmsSender;
    beforeAll(async () => {
      sender = await options.create();
    });
    afterAll(async () => {
      if (sender !== undefined) await options.dispose?.(sender);
    });

    test(
      "sms.delivers",
      "an SMS reaches the provider with its number, its text and the idempotency key as reference",
      async () => {
        const reference = key("delivers");
        const text = "Herinnering: betaal € 120,00 vóór 12/12. Dossier 2026/00042.";
        const receipt = await sender.send({
          idempotencyKey: reference,
          to: "+32470123456",
          text,
          sender: "Peeters",
        });
        expect(receipt.messageId.length).toBeGreaterThan(0);
        expect(receipt.segments).toBe(smsSegments(text).segments);
        expect(await reached(reference)).toEqual([{ to: "+32470123456", text, reference }]);
      },
    );

    test(
      "sms.segments",
      "answers the segments the text costs: 2 for 200 GSM characters, 2 for 100 with an emoji",
      async () => {
        const long = await sender.send({
          idempotencyKey: key("gsm"),
          to: "+31612345678",
          text: "x".repeat(200),
        });
        expect(long.segments).toBe(2);
        const emoji = await sender.send({
          idempotencyKey: key("ucs2"),
          to: "+31612345678",
          text: `${"y".repeat(98)}👍`,
        });
        expect(emoji.segments).toBe(2);
      },
    );

    test("sms.foreign-number", "a mobile of another country goes", async () => {
      const reference = key("foreign");
      await sender.send({ idempotencyKey: reference, to: "+33612345678", text: "Rappel" });
      expect((await reached(reference)).map((sms) => sms.to)).toEqual(["+33612345678"]);
    });

    const refusedBeforeSending = async (to: string, text: string) => {
      const before = await count();
      const error = await rejection(sender.send({ idempotencyKey: key("refused"), to, text }));
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).permanent).toBe(true);
      expect(await count()).toBe(before);
    };

    test(
      "sms.refuses-landline",
      "a Belgian or Dutch landline is refused as permanent, and the provider is not called",
      async () => {
        await refusedBeforeSending("+3222268888", "Herinnering");
        await refusedBeforeSending("+31201234567", "Herinnering");
      },
    );

    test(
      "sms.refuses-not-e164",
      "a number not in E.164 form is refused as permanent, and the provider is not called",
      async () => {
        await refusedBeforeSending("0470 12 34 56", "Herinnering");
        await refusedBeforeSending("+32 470 12 34 56", "Herinnering");
      },
    );

    test(
      "sms.refuses-empty-text",
      "an empty text is refused as permanent, and the provider is not called",
      async () => {
        await refusedBeforeSending("+32470123456", "");
      },
    );

    test(
      "sms.permanent-failure",
      "the provider's refusal (an invalid number, a refused request) is a permanent DeliveryError",
      async () => {
        const error = await rejection(
          sender.send({
            idempotencyKey: key("permanent"),
            to: options.failures?.permanent as string,
            text: "Herinnering",
          }),
        );
        expect(error).toBeInstanceOf(DeliveryError);
        expect((error as DeliveryError).permanent).toBe(true);
        expect((error as DeliveryError).providerCode).not.toBeNull();
      },
    );

    test(
      "sms.transient-failure",
      "the provider's 429 or 5xx is a transient DeliveryError with the wait it asked for",
      async () => {
        const transient = options.failures?.transient as { to: string; retryAfterSeconds?: number };
        const error = await rejection(
          sender.send({ idempotencyKey: key("transient"), to: transient.to, text: "Herinnering" }),
        );
        expect(error).toBeInstanceOf(DeliveryError);
        expect((error as DeliveryError).permanent).toBe(false);
        if (transient.retryAfterSeconds !== undefined)
          expect((error as DeliveryError).retryAfterSeconds).toBe(transient.retryAfterSeconds);
      },
    );
  });
}
