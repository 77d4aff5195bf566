import { createServer } from "node:net";
import type { SmsSender } from "@incasso/core";
import { DeliveryError, IncassoError, smsSegments } from "@incasso/core";
import type { DeliveredSms } from "@incasso/testkit";
import { describeSmsSenderConformance } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpSmsSenderOptions } from "../../src/index.js";
import { createCmSmsSender, createHttpSmsSender, createSpryngSmsSender } from "../../src/index.js";
import type {
  RecordedRequest,
  SmsProviderStub,
  StubResponse,
} from "../support/sms-provider-stub.js";
import { startSmsProviderStub } from "../support/sms-provider-stub.js";

/** Numbers the stub refuses: for good (the provider's 4xx) and for now (429, Retry-After: 30). */
const REFUSED = "+32479000000";
const BUSY = "+32479000001";
const CM_TOKEN = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

/**
 * The stub answers as each provider does, by path. CM.com's answers follow the examples of
 * https://developers.cm.com/messaging/docs/responses-errors-json; Spryng's answer carries the
 * created message's `id` (https://docs.spryngsms.com/); its 422 body is the validation answer
 * `{"message": "The given data was invalid.", "errors": {field: [...]}}` seen from Spryng in
 * public integrations (insufficient credits come as `errors.credits`).
 */
function provider(request: RecordedRequest, index: number): StubResponse {
  const busy = {
    status: 429,
    headers: { "Retry-After": "30" },
    body: { error: "Too Many Requests" },
  };
  if (request.path === "/v1.0/message") {
    const msg = (
      request.json() as {
        messages: {
          msg: { to: { number: string }[]; reference: string; body: { content: string } }[];
        };
      }
    ).messages.msg[0];
    const to = msg?.to[0]?.number ?? "";
    if (to === `00${BUSY.slice(1)}`) return busy;
    if (to === `00${REFUSED.slice(1)}`)
      return {
        status: 400,
        body: {
          details: "Created 0 message(s)",
          errorCode: 201,
          messages: [
            {
              to,
              status: "Rejected",
              reference: msg?.reference,
              parts: 0,
              messageDetails: "A body without content was found",
              messageErrorCode: 304,
            },
          ],
        },
      };
    return {
      status: 200,
      body: {
        details: "Created 1 message(s)",
        errorCode: 0,
        messages: [
          {
            to,
            status: "Accepted",
            reference: msg?.reference,
            parts: smsSegments(msg?.body.content ?? "").segments,
            messageDetails: null,
            messageErrorCode: 0,
          },
        ],
      },
    };
  }
  if (request.path === "/v1/messages") {
    const body = request.json() as { recipients: string[]; reference: string; body: string };
    const to = body.recipients[0];
    if (to === BUSY.slice(1)) return busy;
    if (to === REFUSED.slice(1))
      return {
        status: 422,
        body: {
          message: "The given data was invalid.",
          errors: { recipients: ["The recipients.0 is not a valid number."] },
        },
      };
    return {
      status: 200,
      body: {
        id: `spryng-${index}`,
        encoding: "plain",
        originator: "Peeters",
        body: body.body,
        reference: body.reference,
        credits: 1,
      },
    };
  }
  if (request.path === "/generic/send") {
    const body = request.json() as { destination: string; message: string; ref: string };
    if (body.destination === BUSY) return busy;
    if (body.destination === REFUSED)
      return {
        status: 400,
        body: { error: { code: "21211", message: "The 'To' number is not a valid phone number." } },
      };
    return {
      status: 201,
      body: { data: { id: `generic-${index}`, parts: smsSegments(body.message).segments } },
    };
  }
  return { status: 404, body: { error: "no such path" } };
}

let stub: SmsProviderStub;
beforeAll(async () => {
  stub = await startSmsProviderStub({ respond: provider });
});
afterAll(async () => {
  await stub?.stop();
});

const requestsTo = (path: string) => stub.requests().filter((request) => request.path === path);

const genericOptions = (): HttpSmsSenderOptions => ({
  name: "generic",
  url: `${stub.url}/generic/send`,
  headers: { Authorization: "Bearer generic-key" },
  body: {
    json: {
      destination: "{{to}}",
      message: "{{text}}",
      from: "{{sender}}",
      ref: "{{idempotencyKey}}",
    },
  },
  defaultSender: "Peeters",
  idempotencyHeader: "Idempotency-Key",
  messageIdPath: "data.id",
  segmentsPath: "data.parts",
  errorCodePath: "error.code",
  errorMessagePath: "error.message",
});

const failures = { permanent: REFUSED, transient: { to: BUSY, retryAfterSeconds: 30 } };

describeSmsSenderConformance({
  name: "CM.com Business Messaging (local stub)",
  create: () => createCmSmsSender({ productToken: CM_TOKEN, sender: "Peeters", baseUrl: stub.url }),
  delivered: async () =>
    requestsTo("/v1.0/message").map((request): DeliveredSms => {
      const msg = (
        request.json() as {
          messages: {
            msg: { to: { number: string }[]; reference: string; body: { content: string } }[];
          };
        }
      ).messages.msg[0];
      return {
        to: `+${msg?.to[0]?.number.slice(2)}`,
        text: msg?.body.content ?? "",
        reference: msg?.reference ?? null,
      };
    }),
  failures,
});

describeSmsSenderConformance({
  name: "Spryng REST API (local stub)",
  create: () =>
    createSpryngSmsSender({ apiKey: "spryng-key", originator: "Peeters", baseUrl: stub.url }),
  delivered: async () =>
    requestsTo("/v1/messages").map((request): DeliveredSms => {
      const body = request.json() as { recipients: string[]; reference: string; body: string };
      return { to: `+${body.recipients[0]}`, text: body.body, reference: body.reference };
    }),
  failures,
});

describeSmsSenderConformance({
  name: "generic HTTP provider (local stub)",
  create: () => createHttpSmsSender(genericOptions()),
  delivered: async () =>
    requestsTo("/generic/send").map((request): DeliveredSms => {
      const body = request.json() as { destination: string; message: string; ref: string };
      return { to: body.destination, text: body.message, reference: body.ref };
    }),
  failures,
});

async function failureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

const sms = (to = "+32470123456", text = "Herinnering") => ({
  idempotencyKey: `k-${Math.random()}`,
  to,
  text,
});

describe("the CM.com sender", () => {
  it("sends the documented request: token header, 00-number, auto body, reference, up to 8 parts", async () => {
    stub.clear();
    const sender = createCmSmsSender({
      productToken: CM_TOKEN,
      sender: "Peeters",
      baseUrl: stub.url,
    });
    const text = "z".repeat(200);
    const receipt = await sender.send({
      idempotencyKey: "rem:C1:plan-1:3",
      to: "+31612345678",
      text,
    });
    expect(receipt).toEqual({ messageId: "rem:C1:plan-1:3", segments: 2 });
    const [request] = stub.requests();
    expect(request?.method).toBe("POST");
    expect(request?.headers["x-cm-producttoken"]).toBe(CM_TOKEN);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.json()).toEqual({
      messages: {
        msg: [
          {
            allowedChannels: ["SMS"],
            from: "Peeters",
            to: [{ number: "0031612345678" }],
            body: { type: "auto", content: text },
            reference: "rem:C1:plan-1:3",
            minimumNumberOfMessageParts: 1,
            maximumNumberOfMessageParts: 8,
          },
        ],
      },
    });
  });

  it("refuses a text longer than maxSegments before sending", async () => {
    stub.clear();
    const sender = createCmSmsSender({
      productToken: CM_TOKEN,
      sender: "Peeters",
      baseUrl: stub.url,
      maxSegments: 1,
    });
    expect(await failureOf(sender.send(sms("+32470123456", "x".repeat(161))))).toMatchObject({
      permanent: true,
      providerCode: "TOO_LONG",
    });
    expect(stub.requests()).toHaveLength(0);
  });

  it("a request refused whole (a wrong product token) is permanent with CM.com's error code", async () => {
    const sender = createCmSmsSender({
      productToken: CM_TOKEN,
      sender: "Peeters",
      baseUrl: stub.url,
    });
    stub.enqueue({
      status: 400,
      body: {
        details: "No account found for the given authentication",
        errorCode: 101,
        messages: [],
      },
    });
    const error = await failureOf(sender.send(sms()));
    expect(error).toMatchObject({ permanent: true, providerCode: "101" });
    expect(error.message).toContain("No account found");
  });

  it("checks its options, naming the field", () => {
    expect(() => createCmSmsSender({ productToken: "not-a-guid", sender: "Peeters" })).toThrow(
      expect.objectContaining({
        code: "INVALID_INPUT",
        issues: [expect.objectContaining({ path: "options.productToken" })],
      }),
    );
    expect(() =>
      createCmSmsSender({ productToken: CM_TOKEN, sender: "A sender name too long" }),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: "options.sender" })] }),
    );
  });
});

describe("the Spryng sender", () => {
  it("sends the documented request: Bearer key, digits-only recipient, auto encoding, route and reference", async () => {
    stub.clear();
    const sender = createSpryngSmsSender({
      apiKey: "spryng-key",
      originator: "Peeters",
      baseUrl: stub.url,
      route: "1234",
    });
    const receipt = await sender.send({
      idempotencyKey: "rem:C2:plan-1:1",
      to: "+31612345678",
      text: "Betaal € 10",
      sender: "Incasso",
    });
    expect(receipt).toEqual({ messageId: "spryng-0", segments: 1 });
    const [request] = stub.requests();
    expect(request?.headers.authorization).toBe("Bearer spryng-key");
    expect(request?.json()).toEqual({
      body: "Betaal € 10",
      encoding: "auto",
      originator: "Incasso",
      recipients: ["31612345678"],
      route: "1234",
      reference: "rem:C2:plan-1:1",
    });
  });

  it("a wrong key (401) is permanent, a 503 transient with an HTTP-date Retry-After", async () => {
    const sender = createSpryngSmsSender({
      apiKey: "wrong",
      originator: "Peeters",
      baseUrl: stub.url,
    });
    stub.enqueue({ status: 401, body: { message: "Unauthenticated." } });
    expect(await failureOf(sender.send(sms()))).toMatchObject({
      permanent: true,
      providerCode: "401",
    });
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    stub.enqueue({
      status: 503,
      headers: { "Retry-After": inTwoMinutes },
      body: "Service Unavailable",
    });
    const busy = await failureOf(sender.send(sms()));
    expect(busy).toMatchObject({ permanent: false, providerCode: "503" });
    expect(busy.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(busy.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it("a 422 on credits (the account is empty) is transient: the message waits for the top-up", async () => {
    const sender = createSpryngSmsSender({ apiKey: "k", originator: "Peeters", baseUrl: stub.url });
    stub.enqueue({
      status: 422,
      body: {
        message: "The given data was invalid.",
        errors: { credits: ["User has insufficient credits; Currently: 0.0 Needed: 1.2"] },
      },
    });
    const error = await failureOf(sender.send(sms()));
    expect(error).toMatchObject({ permanent: false, providerCode: "credits" });
    expect(error.message).toContain("insufficient credits");
  });

  it("a 422 names the refused field as the code, with Spryng's words", async () => {
    const sender = createSpryngSmsSender({ apiKey: "k", originator: "Peeters", baseUrl: stub.url });
    const error = await failureOf(sender.send(sms(REFUSED)));
    expect(error).toMatchObject({ permanent: true, providerCode: "recipients" });
    expect(error.message).toContain("not a valid number");
  });
});

describe("the generic HTTP sender", () => {
  it("fills the JSON template (quotes and newlines stay inside their string) and sends the idempotency header", async () => {
    stub.clear();
    const sender = createHttpSmsSender(genericOptions());
    const text = 'Zeg "ja"\n{{to}} blijft tekst; }] ';
    const receipt = await sender.send({ idempotencyKey: "rem:C3:1", to: "+32470123456", text });
    expect(receipt).toEqual({ messageId: "generic-0", segments: 1 });
    const [request] = stub.requests();
    expect(request?.headers["idempotency-key"]).toBe("rem:C3:1");
    expect(request?.headers.authorization).toBe("Bearer generic-key");
    expect(request?.json()).toEqual({
      destination: "+32470123456",
      message: text,
      from: "Peeters",
      ref: "rem:C3:1",
    });
  });

  it("sends a form body with the number as the provider writes it", async () => {
    stub.clear();
    stub.setResponder(() => ({ status: 200, body: { sid: "SM1" } }));
    try {
      const sender = createHttpSmsSender({
        name: "form-provider",
        url: `${stub.url}/form/send`,
        body: { form: { To: "{{to}}", Body: "{{text}}", Ref: "{{idempotencyKey}}" } },
        numberFormat: "00",
        messageIdPath: "sid",
      });
      expect(
        await sender.send({ idempotencyKey: "k1", to: "+32470123456", text: "A & B = C" }),
      ).toEqual({ messageId: "SM1", segments: 1 });
      const form = stub.requests()[0]?.form();
      expect(form?.get("To")).toBe("0032470123456");
      expect(form?.get("Body")).toBe("A & B = C");
      expect(stub.requests()[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    } finally {
      stub.setResponder(provider);
    }
  });

  it("an answer without the message id is transient (the answer is not the expected one)", async () => {
    const sender = createHttpSmsSender(genericOptions());
    stub.enqueue({ status: 200, body: { ok: true } });
    expect(await failureOf(sender.send(sms()))).toMatchObject({
      permanent: false,
      providerCode: "200",
    });
  });

  it("no answer in time, a dropped connection and a refused one are transient", async () => {
    const slow = createHttpSmsSender({ ...genericOptions(), timeoutMs: 200 });
    stub.enqueue({ status: 201, body: { data: { id: "late" } }, delayMs: 1_500 });
    expect(await failureOf(slow.send(sms()))).toMatchObject({
      permanent: false,
      providerCode: "TIMEOUT",
    });
    stub.enqueue({ destroy: true });
    const dropped = await failureOf(createHttpSmsSender(genericOptions()).send(sms()));
    expect(dropped.permanent).toBe(false);
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const refused = createHttpSmsSender({
      ...genericOptions(),
      url: `http://127.0.0.1:${closedPort}/generic/send`,
    });
    expect(await failureOf(refused.send(sms()))).toMatchObject({
      permanent: false,
      providerCode: "ECONNREFUSED",
    });
  });

  it("checks its options, naming the field", () => {
    const paths = (options: unknown) => {
      try {
        createHttpSmsSender(options as HttpSmsSenderOptions);
      } catch (error) {
        expect(error).toBeInstanceOf(IncassoError);
        return (error as IncassoError).issues.map((issue) => issue.path);
      }
      throw new Error("expected the options to be refused");
    };
    expect(paths({ ...genericOptions(), url: "ftp://x.example/send" })).toEqual(["options.url"]);
    expect(paths({ ...genericOptions(), headers: { Authorization: "a\r\nX-Evil: 1" } })).toEqual([
      "options.headers.Authorization",
    ]);
    expect(paths({ ...genericOptions(), timeoutMs: 0 })).toEqual(["options.timeoutMs"]);
  });
});

describe("every sender refuses before calling the provider", () => {
  it.each<[string, () => SmsSender]>([
    [
      "CM.com",
      () => createCmSmsSender({ productToken: CM_TOKEN, sender: "Peeters", baseUrl: stub.url }),
    ],
    [
      "Spryng",
      () => createSpryngSmsSender({ apiKey: "k", originator: "Peeters", baseUrl: stub.url }),
    ],
    ["generic", () => createHttpSmsSender(genericOptions())],
  ])("%s: a Dutch service number and a Belgian 078 number are not mobiles", async (_, make) => {
    stub.clear();
    const sender = make();
    expect(await failureOf(sender.send(sms("+319001234567")))).toMatchObject({
      permanent: true,
      providerCode: "NOT_MOBILE",
    });
    expect(await failureOf(sender.send(sms("+3278151515")))).toMatchObject({
      permanent: true,
      providerCode: "NOT_MOBILE",
    });
    expect(stub.requests()).toHaveLength(0);
  });
});
