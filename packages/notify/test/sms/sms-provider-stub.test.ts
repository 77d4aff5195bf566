import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SmsProviderStub } from "../support/sms-provider-stub.js";
import { startSmsProviderStub } from "../support/sms-provider-stub.js";

describe("the SMS provider stub (a local HTTP server)", () => {
  let stub: SmsProviderStub;
  beforeAll(async () => {
    stub = await startSmsProviderStub();
  });
  afterAll(async () => {
    await stub?.stop();
  });

  it("records requests and answers the queue first, then the default", async () => {
    stub.clear();
    stub.enqueue({ status: 429, headers: { "Retry-After": "7" }, body: { error: "slow down" } });
    const first = await fetch(`${stub.url}/v1/messages?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer k" },
      body: JSON.stringify({ to: "+32470123456" }),
    });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    const second = await fetch(`${stub.url}/v1/messages`, { method: "POST", body: "a=1&b=%2B32" });
    expect(await second.json()).toEqual({ id: "stub-2" });
    const [one, two] = stub.requests();
    expect(one).toMatchObject({ method: "POST", path: "/v1/messages?x=1" });
    expect(one?.headers.authorization).toBe("Bearer k");
    expect(one?.json()).toEqual({ to: "+32470123456" });
    expect(two?.form().get("b")).toBe("+32");
  });

  it("drops a connection on demand", async () => {
    stub.enqueue({ destroy: true });
    await expect(fetch(`${stub.url}/x`, { method: "POST", body: "" })).rejects.toThrow();
  });
});
