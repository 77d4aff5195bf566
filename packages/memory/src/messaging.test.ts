import { DeliveryError, IncassoError } from "@incasso/core";
import { describe, expect, it } from "vitest";
// The suites are read from the testkit's sources by path: the testkit depends on this package.
import { describeMailerConformance } from "../../testkit/src/mailer-conformance.js";
import { describeSmsSenderConformance } from "../../testkit/src/sms-sender-conformance.js";
import type { MemoryMailer } from "./messaging.js";
import { createMemoryMailer, createMemorySmsSender } from "./messaging.js";

const mailers: MemoryMailer[] = [];
describeMailerConformance({
  name: "memory",
  create: () => {
    const mailer = createMemoryMailer({
      identities: { peeters: { from: { address: "post@peeters-advocaten.example" } } },
      failures: {
        "reject@example.be": { permanent: true, providerCode: "550" },
        "tempfail@example.be": { permanent: false, providerCode: "451" },
      },
    });
    mailers.push(mailer);
    return mailer;
  },
  delivered: async () =>
    mailers.flatMap((mailer) =>
      mailer.sent().map((email) => ({
        messageId: email.messageId,
        from: email.from.address,
        to: email.to.map((box) => box.address),
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachments,
      })),
    ),
  identity: { name: "peeters", fromAddress: "post@peeters-advocaten.example" },
  failures: { permanent: "reject@example.be", transient: "tempfail@example.be" },
});

const sender = createMemorySmsSender({
  failures: {
    "+32479000000": { permanent: true, providerCode: "unknown subscriber" },
    "+32479000001": { permanent: false, providerCode: "429", retryAfterSeconds: 30 },
  },
});
describeSmsSenderConformance({
  name: "memory",
  create: () => sender,
  delivered: async () =>
    sender.sent().map(({ message }) => ({
      to: message.to,
      text: message.text,
      reference: message.idempotencyKey,
    })),
  failures: {
    permanent: "+32479000000",
    transient: { to: "+32479000001", retryAfterSeconds: 30 },
  },
});

describe("the memory mailer and SMS sender, told to fail", () => {
  it("fails the next sends as told, then sends again", async () => {
    const mailer = createMemoryMailer();
    mailer.failNext({ permanent: false, providerCode: "421", retryAfterSeconds: 5 }, 2);
    const email = {
      messageId: "<m1@incasso.example>",
      from: { address: "a@peeters.example" },
      to: [{ address: "b@example.be" }],
      subject: "s",
      text: "t",
      attachments: [],
    };
    for (let i = 0; i < 2; i++)
      await expect(mailer.send(email)).rejects.toMatchObject({
        permanent: false,
        providerCode: "421",
        retryAfterSeconds: 5,
      });
    await expect(mailer.send(email)).resolves.toMatchObject({ messageId: "<m1@incasso.example>" });
    expect(mailer.sent()).toHaveLength(1);
  });

  it("takes the message for the accepted recipients and lists the refused ones", async () => {
    const mailer = createMemoryMailer({
      failures: { "reject@example.be": { permanent: true, providerCode: "550" } },
    });
    const receipt = await mailer.send({
      messageId: "<m2@incasso.example>",
      from: { address: "a@peeters.example" },
      to: [{ address: "b@example.be" }, { address: "reject@example.be" }],
      subject: "s",
      text: "t",
      attachments: [],
    });
    expect(receipt).toMatchObject({ accepted: ["b@example.be"], rejected: ["reject@example.be"] });
  });

  it("answers the first receipt for an idempotency key sent again, recording one SMS", async () => {
    const sms = createMemorySmsSender();
    const first = await sms.send({ idempotencyKey: "K1", to: "+32470123456", text: "a" });
    const again = await sms.send({ idempotencyKey: "K1", to: "+32470123456", text: "a" });
    expect(again).toEqual(first);
    expect(sms.sent()).toHaveLength(1);
    sms.failNext({ permanent: true, providerCode: "21211" });
    const error = await sms
      .send({ idempotencyKey: "K2", to: "+32470123456", text: "b" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as DeliveryError).permanent).toBe(true);
  });
});
