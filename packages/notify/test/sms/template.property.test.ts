import { fc, test } from "@fast-check/vitest";
import { smsSegments } from "@incasso/core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { createHttpSmsSender } from "../../src/index.js";
import type { SmsProviderStub } from "../support/sms-provider-stub.js";
import { startSmsProviderStub } from "../support/sms-provider-stub.js";

let stub: SmsProviderStub;
beforeAll(async () => {
  stub = await startSmsProviderStub({
    respond: (_, index) => ({ status: 200, body: { id: `m${index}` } }),
  });
});
afterAll(async () => {
  await stub?.stop();
});

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 });
const key = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 60 });

describe("the generic HTTP sender's body template", () => {
  test.prop([text, key], { numRuns: 40 })(
    "any text and idempotency key reach the provider exactly as given, in JSON and in a form",
    async (message, idempotencyKey) => {
      stub.clear();
      const json = createHttpSmsSender({
        name: "json",
        url: `${stub.url}/json`,
        body: { json: { sms: { to: "{{to}}", text: "{{text}}" }, ref: "ref {{idempotencyKey}}" } },
        messageIdPath: "id",
      });
      const form = createHttpSmsSender({
        name: "form",
        url: `${stub.url}/form`,
        body: { form: { To: "{{to}}", Body: "{{text}}", Ref: "{{idempotencyKey}}" } },
        numberFormat: "digits",
        messageIdPath: "id",
      });
      const sms = { idempotencyKey, to: "+31612345678", text: message };
      const receipt = await json.send(sms);
      expect(receipt.segments).toBe(smsSegments(message).segments);
      await form.send(sms);
      const [first, second] = stub.requests();
      expect(first?.json()).toEqual({
        sms: { to: "+31612345678", text: message },
        ref: `ref ${idempotencyKey}`,
      });
      expect(second?.form().get("Body")).toBe(message);
      expect(second?.form().get("Ref")).toBe(idempotencyKey);
      expect(second?.form().get("To")).toBe("31612345678");
    },
  );
});
