import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import type { CaseEventJson, Mailer, OutgoingEmail, OutgoingSms, SmsSender } from "@incasso/core";
import { beCalendar, Temporal } from "@incasso/core";
import { createHtmlRenderer } from "@incasso/documents";
import type { MemoryMailer, MemorySmsSender, MemoryStore } from "@incasso/memory";
import { createMemoryMailer, createMemorySmsSender, createMemoryStore } from "@incasso/memory";
import { beforeEach, describe, expect, it } from "vitest";
import { backoffSeconds, createDispatcher, DEFAULT_RETRY } from "../../src/index.js";
import {
  caseWithMessages,
  email,
  fixedRandom,
  manualClock,
  openedCase,
} from "./support/fixtures.js";
import { starterLetters } from "./support/letters.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const scope = { tenantId: "firm-1" };
// Monday 2 February 2026, 10:00 in Brussels.
const MONDAY_10 = "2026-02-02T09:00:00Z";

let store: MemoryStore;
let mailer: MemoryMailer;
let sms: MemorySmsSender;
let clock: ReturnType<typeof manualClock>;

const dispatcher = (over: Partial<Parameters<typeof createDispatcher>[0]> = {}) =>
  createDispatcher({
    store,
    scope,
    mailer,
    sms,
    from: { name: "Advocaten Peeters", address: "dossiers@peeters.example" },
    clock: clock.now,
    random: fixedRandom([0.5]),
    workerId: "w1",
    ...over,
  });

const eventsOf = async (caseId: string) =>
  (await store.readEvents(scope, caseId)).map(
    (e) => e.event as CaseEventJson & Record<string, unknown>,
  );

beforeEach(() => {
  store = createMemoryStore();
  mailer = createMemoryMailer();
  sms = createMemorySmsSender();
  clock = manualClock(MONDAY_10);
});

describe("the dispatcher", () => {
  it("sends an e-mail to the debtor's current address with Message-ID <key@domain>, records message.sent with the document's SHA-256, and marks it sent", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    const report = await dispatcher().runOnce();
    expect(report.sent).toEqual([
      { id: "C1.M1", to: "jan.peeters@example.be", messageId: "<C1.M1@peeters.example>" },
    ]);
    const [sent] = mailer.sent();
    expect(sent?.messageId).toBe("<C1.M1@peeters.example>");
    expect(sent?.subject).toBe("Reminder C1.M1");
    expect(sent?.html).toContain("<p>Message C1.M1.</p>");
    const event = (await eventsOf("C1")).at(-1);
    expect(event).toMatchObject({
      type: "message.sent",
      channel: "email",
      outboxKey: "C1.M1",
      messageId: "<C1.M1@peeters.example>",
      to: "jan.peeters@example.be",
      contactId: "mail-1",
      at: "2026-02-02",
      document: { format: "html", template: "text" },
    });
    expect((event?.document as { sha256: string } | undefined)?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.listOutbox(scope))[0]).toMatchObject({ status: "sent", attempts: 1 });
    expect((await dispatcher().runOnce()).claimed).toBe(0);
  });

  it("sends an SMS with the outbox key as the provider's idempotency key", async () => {
    await caseWithMessages(store, scope, "C1", [
      { key: "C1.S1", kind: "send-sms", payload: { text: "Herinnering: 120,00 EUR" } },
    ]);
    const report = await dispatcher({ smsSender: "Peeters" }).runOnce();
    expect(report.sent).toHaveLength(1);
    expect(sms.sent()[0]?.message).toEqual({
      idempotencyKey: "C1.S1",
      to: "+32470123456",
      text: "Herinnering: 120,00 EUR",
      sender: "Peeters",
    });
    expect((await eventsOf("C1")).at(-1)).toMatchObject({
      type: "message.sent",
      channel: "sms",
      contactId: "gsm-1",
    });
  });

  it("renders a templated e-mail (HTML and its text) and a templated SMS through the document port, and records the hash of what was sent", async () => {
    await caseWithMessages(store, scope, "C1", [
      { key: "C1.E1", kind: "send-email", payload: { template: "reminder" } },
      { key: "C1.S1", kind: "send-sms", payload: { template: "reminder" } },
    ]);
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: 1,
      events: [
        {
          id: "claim",
          at: "2026-01-10",
          recordedAt: "2026-01-10T09:00:00Z",
          by: "clerk",
          type: "claim.added",
          claim: {
            id: "F1",
            invoiceNumber: "F-2025-117",
            invoiceDate: "2025-11-01",
            dueDate: "2025-12-01",
            amount: "1250.00",
          },
        } as CaseEventJson,
      ],
      asOf: "2026-01-31",
    });
    const renderer = createHtmlRenderer();
    const report = await dispatcher({ renderer, letters: starterLetters }).runOnce();
    expect(report.failed).toEqual([]);
    expect(report.sent.map((s) => s.id)).toEqual(["C1.E1", "C1.S1"]);
    const [mail] = mailer.sent();
    expect(mail?.subject).toBe("Uw dossier 2026/C1");
    expect(mail?.html).toMatch(/^<!doctype html>/i);
    expect(mail?.html).toContain("F-2025-117");
    expect(mail?.text).toContain("F-2025-117");
    expect(mail?.text).not.toContain("<");
    expect(mail?.attachments).toEqual([]);
    const text = sms.sent()[0]?.message.text ?? "";
    expect(text).toContain("F-2025-117");
    const sent = (await eventsOf("C1")).filter((e) => e.type === "message.sent");
    expect(sent.map((e) => e.document)).toEqual([
      { sha256: sha256(mail?.html ?? ""), template: "reminder", format: "html" },
      { sha256: sha256(text), template: "reminder", format: "text" },
    ]);
  });

  it("writes a number kept in national form in E.164, read in the case's country, and fails one that is no number at once", async () => {
    const sms1 = { key: "S1", kind: "send-sms", payload: { text: "Herinnering" } } as const;
    await caseWithMessages(store, scope, "BE", [sms1], { phone: "0470/12.34.56" });
    await caseWithMessages(store, scope, "NL", [{ ...sms1, key: "S2" }], {
      phone: "06-12345678",
      rulePack: "nl.b2b",
    });
    await caseWithMessages(store, scope, "BAD", [{ ...sms1, key: "S3" }], {
      phone: "0470 12 34",
    });
    await caseWithMessages(store, scope, "LAND", [{ ...sms1, key: "S4" }], {
      phone: "02 226 88 88",
    });
    const report = await dispatcher().runOnce();
    expect(sms.sent().map((s) => s.message.to)).toEqual(["+32470123456", "+31612345678"]);
    expect(report.sent.map((s) => [s.id, s.to])).toEqual([
      ["S1", "+32470123456"],
      ["S2", "+31612345678"],
    ]);
    expect(report.failed.map((f) => [f.id, f.permanent])).toEqual([
      ["S3", true],
      ["S4", true],
    ]);
    expect(report.failed[0]?.reason).toMatch(/^invalid number: to: expected a Belgian number/);
    expect(report.failed[1]?.reason).toMatch(/not a mobile/);
    expect((await eventsOf("BE")).at(-1)).toMatchObject({
      type: "message.sent",
      to: "+32470123456",
    });
    expect((await eventsOf("BAD")).at(-1)).toMatchObject({
      type: "message.failed",
      permanent: true,
      to: "0470 12 34",
      contactId: "gsm-1",
    });
  });

  it("retries a transient failure after a backoff with jitter from the injected source, then sends", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    mailer.failNext({ permanent: false, providerCode: "451", message: "451 try later" });
    const first = await dispatcher().runOnce();
    const wait = backoffSeconds(1, DEFAULT_RETRY, 0.5, null);
    expect(wait).toBe(45);
    expect(first.retried).toEqual([
      {
        id: "C1.M1",
        attempt: 1,
        until: Temporal.Instant.from(MONDAY_10).add({ seconds: wait }).toString(),
        reason: "451 try later",
      },
    ]);
    expect((await store.listOutbox(scope))[0]).toMatchObject({ status: "pending", attempts: 1 });
    clock.advance({ seconds: wait - 1 });
    expect((await dispatcher().runOnce()).claimed).toBe(0);
    clock.advance({ seconds: 1 });
    const second = await dispatcher().runOnce();
    expect(second.sent.map((s) => s.id)).toEqual(["C1.M1"]);
    expect(mailer.sent()).toHaveLength(1);
    expect((await store.listOutbox(scope))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("waits at least as long as the provider's Retry-After", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    mailer.failNext({ permanent: false, retryAfterSeconds: 900 });
    const report = await dispatcher().runOnce();
    expect(report.retried[0]?.until).toBe("2026-02-02T09:15:00Z");
  });

  it("gives up after the last try: failed, message.failed (not permanent) and a dead letter", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    mailer.failNext({ permanent: false, message: "connection refused" }, 3);
    const d = dispatcher({ retry: { maxAttempts: 3 } });
    for (let i = 0; i < 3; i++) {
      await d.runOnce();
      clock.advance({ hours: 1 });
    }
    expect(mailer.sent()).toHaveLength(0);
    const [dead] = await d.deadLetters();
    expect(dead).toMatchObject({ id: "C1.M1", status: "failed", attempts: 3 });
    expect(dead?.detail).toBe("gave up after 3 tries: connection refused");
    expect((await eventsOf("C1")).at(-1)).toMatchObject({
      type: "message.failed",
      outboxKey: "C1.M1",
      permanent: false,
      to: "jan.peeters@example.be",
    });
  });

  it("fails a permanent refusal at once: failed, message.failed and a dead letter, never retried", async () => {
    mailer = createMemoryMailer({
      failures: {
        "gone@example.be": {
          permanent: true,
          providerCode: "550",
          message: "550 5.1.1 user unknown",
        },
      },
    });
    await caseWithMessages(store, scope, "C1", [email("C1.M1")], { email: "gone@example.be" });
    const report = await dispatcher().runOnce();
    expect(report.failed).toEqual([
      { id: "C1.M1", permanent: true, reason: "550 5.1.1 user unknown" },
    ]);
    expect((await eventsOf("C1")).at(-1)).toMatchObject({
      type: "message.failed",
      permanent: true,
      reason: "550 5.1.1 user unknown",
      contactId: "mail-1",
    });
    expect((await dispatcher().deadLetters()).map((m) => m.id)).toEqual(["C1.M1"]);
    clock.advance({ hours: 30 * 24 });
    expect((await dispatcher().runOnce()).claimed).toBe(0);
  });

  it("fails a message whose debtor has no current contact of its kind any more", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: 1,
      events: [
        {
          id: "retire",
          at: "2026-01-20",
          recordedAt: "2026-01-20T09:00:00Z",
          by: "clerk",
          type: "contact.retired",
          debtorId: "D-C1",
          contactId: "mail-1",
        } as CaseEventJson,
      ],
      asOf: "2026-01-31",
    });
    const report = await dispatcher().runOnce();
    expect(report.failed).toEqual([
      {
        id: "C1.M1",
        permanent: true,
        reason: "no current contact: debtor D-C1 has no current email",
      },
    ]);
    expect(mailer.sent()).toEqual([]);
    expect((await eventsOf("C1")).at(-1)).toMatchObject({
      type: "message.failed",
      permanent: true,
    });
  });

  it("postpones a message at 21:00 in the debtor's zone to 07:00 the next morning, and sends it then", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    clock.set("2026-02-02T20:00:00Z"); // 21:00 in Brussels
    const report = await dispatcher().runOnce();
    expect(report.postponed).toEqual([
      {
        id: "C1.M1",
        until: "2026-02-03T06:00:00Z",
        reason: "quiet hours 20:00-07:00 in Europe/Brussels",
      },
    ]);
    expect((await store.listOutbox(scope))[0]).toMatchObject({ status: "pending", attempts: 0 });
    clock.set("2026-02-03T06:00:00Z");
    expect((await dispatcher().runOnce()).sent).toHaveLength(1);
  });

  it("holds back a message on a case that gives its address instead of a debtor, as the debtor's", async () => {
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: 0,
      events: [openedCase("2026/C1", { id: "D-C1" })],
      outbox: [
        { key: "C1.M1", kind: "send-email", payload: { to: "other@example.be", text: "Hello" } },
      ],
      asOf: "2026-01-31",
    });
    clock.set("2026-02-01T10:00:00Z"); // a Sunday
    const report = await dispatcher().runOnce();
    expect(report.postponed[0]?.until).toBe("2026-02-02T06:00:00Z");
    clock.set("2026-02-02T06:00:00Z");
    expect((await dispatcher().runOnce()).sent.map((s) => s.to)).toEqual(["other@example.be"]);
  });

  it("reads the hours in the debtor's own zone: 21:00 in Brussels is 15:00 in New York", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")], { timeZone: "America/New_York" });
    clock.set("2026-02-02T20:00:00Z");
    expect((await dispatcher().runOnce()).sent).toHaveLength(1);
  });

  it("sends a message without a case (an owner's alert) to its address, even at night", async () => {
    await store.enqueueOutbox(scope, [
      {
        key: "alert:an.peeters:2026-02-02",
        kind: "send-email",
        payload: {
          to: "an.peeters@peeters.example",
          subject: "3 cases need you",
          text: "C1, C2, C3",
        },
      },
    ]);
    clock.set("2026-02-01T22:00:00Z"); // Sunday night
    const report = await dispatcher().runOnce();
    expect(report.sent).toEqual([
      {
        id: "alert:an.peeters:2026-02-02",
        to: "an.peeters@peeters.example",
        messageId: "<alert+an.peeters+2026-02-02@peeters.example>",
      },
    ]);
  });

  it("does not send again a message whose message.sent is on the case already (a try that stopped before marking it)", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1")]);
    // A first dispatcher sent and recorded, then stopped before marking it sent: a store whose
    // mark fails stands in for the stop.
    const failingStore = {
      ...store,
      completeOutbox: async () => {
        throw new Error("the process stopped");
      },
    };
    const crashed = createDispatcher({
      store: failingStore,
      scope,
      mailer,
      from: { address: "dossiers@peeters.example" },
      clock: clock.now,
      workerId: "crashing",
      leaseSeconds: 60,
    });
    expect((await crashed.runOnce()).errors).toEqual([
      { id: "C1.M1", reason: "the process stopped" },
    ]);
    expect(mailer.sent()).toHaveLength(1);
    clock.advance({ seconds: 61 });
    const report = await dispatcher({ workerId: "w2" }).runOnce();
    expect(report.sent.map((s) => s.id)).toEqual(["C1.M1"]);
    expect(mailer.sent()).toHaveLength(1);
    expect((await eventsOf("C1")).filter((e) => e.type === "message.sent")).toHaveLength(1);
    expect((await store.listOutbox(scope))[0]).toMatchObject({ status: "sent", claimedBy: "w2" });
  });

  it("refuses bad settings when it is made, naming the field", () => {
    const refused = (over: object, path: string) =>
      expect(() => dispatcher(over as Parameters<typeof dispatcher>[0])).toThrow(
        expect.objectContaining({
          code: "INVALID_INPUT",
          issues: [expect.objectContaining({ path })],
        }),
      );
    refused({ from: { address: "not an address" } }, "options.from.address");
    refused({ timeZone: "Mars/Olympus" }, "options.timeZone");
    refused({ batchSize: 0 }, "options.batchSize");
    refused({ leaseSeconds: 1.5 }, "options.leaseSeconds");
    refused({ workerId: "" }, "options.workerId");
    refused({ retry: { jitter: 2 } }, "options.retry.jitter");
    refused({ messageIdDomain: "firm example" }, "options.messageIdDomain");
    refused({ policy: { quietFrom: "25:00" } }, "policy.quietFrom");
    expect(() => dispatcher({ timeZone: "Europe/Amsterdam", batchSize: 1000 })).not.toThrow();
  });

  it("runs until aborted, then stops after the batch under way", async () => {
    await caseWithMessages(store, scope, "C1", [email("C1.M1"), email("C1.M2"), email("C1.M3")]);
    const controller = new AbortController();
    const d = dispatcher({ batchSize: 2, pollIntervalMs: 10_000 });
    const running = d.run({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const totals = await running;
    expect(totals).toEqual({ batches: 2, sent: 3, failed: 0 });
  });
});

/** A mailer and an SMS sender that record, in one log, the dispatcher's clock at each hand-over. */
function recordingTransports(mailer: Mailer, sender: SmsSender, now: () => Temporal.Instant) {
  const log: { at: Temporal.Instant; channel: "email" | "sms"; key: string }[] = [];
  return {
    log,
    mailer: {
      async send(message: OutgoingEmail) {
        log.push({ at: now(), channel: "email", key: message.messageId });
        return mailer.send(message);
      },
      close: () => mailer.close(),
    } satisfies Mailer,
    sms: {
      async send(message: OutgoingSms) {
        log.push({ at: now(), channel: "sms", key: message.idempotencyKey });
        return sender.send(message);
      },
    } satisfies SmsSender,
  };
}

describe("the dispatcher's hours of contact", () => {
  const be = beCalendar();
  test.prop(
    [
      fc.integer({ min: 0, max: 365 * 86_400 }),
      fc.array(fc.integer({ min: 1, max: 36 * 60 }), { minLength: 5, maxLength: 40 }),
      fc.array(fc.constantFrom("email", "sms"), { minLength: 1, maxLength: 8 }),
      fc.constantFrom("Europe/Brussels", "Europe/Amsterdam", "America/New_York"),
      fc.boolean(),
    ],
    { numRuns: 40 },
  )(
    "no message is handed to the mailer or the SMS sender inside quiet hours in the debtor's zone, on a Sunday or holiday, or beyond the cap",
    async (offset, steps, channels, timeZone, saturdays) => {
      store = createMemoryStore();
      clock = manualClock("2026-01-01T00:00:00Z");
      clock.advance({ seconds: offset });
      const recording = recordingTransports(
        createMemoryMailer(),
        createMemorySmsSender(),
        clock.now,
      );
      const { log } = recording;
      const cap = { contacts: 2, days: 3 };
      await caseWithMessages(
        store,
        scope,
        "C1",
        channels.map((channel, i) =>
          channel === "email"
            ? email(`C1.M${i}`)
            : { key: `C1.M${i}`, kind: "send-sms", payload: { text: `Herinnering ${i}` } },
        ),
        { timeZone },
      );
      const d = createDispatcher({
        store,
        scope,
        mailer: recording.mailer,
        sms: recording.sms,
        from: { address: "dossiers@peeters.example" },
        clock: clock.now,
        workerId: "w1",
        policy: { saturdays, cap },
      });
      for (const minutes of steps) {
        await d.runOnce();
        clock.advance({ minutes });
      }
      for (const [index, { at }] of log.entries()) {
        const local = at.toZonedDateTimeISO(timeZone);
        const minute = local.hour * 60 + local.minute;
        expect(minute >= 7 * 60 && minute < 20 * 60, `${local}`).toBe(true);
        expect(local.dayOfWeek).not.toBe(7);
        if (!saturdays) expect(local.dayOfWeek).not.toBe(6);
        expect(be.holidaysOn(local.toPlainDate())).toEqual([]);
        const window = at.subtract({ hours: cap.days * 24 });
        const before = log
          .slice(0, index)
          .filter((earlier) => Temporal.Instant.compare(earlier.at, window) > 0);
        expect(before.length).toBeLessThan(cap.contacts);
      }
      // Nothing was dropped: every message is sent or still waiting.
      const statuses = (await store.listOutbox(scope)).map((m) => m.status);
      expect(statuses.filter((s) => s === "sent")).toHaveLength(log.length);
      expect(statuses.every((s) => s === "sent" || s === "pending")).toBe(true);
    },
  );
});
