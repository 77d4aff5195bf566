import { readFileSync } from "node:fs";
import type { CaseEventJson, CaseStore, ScenarioInput } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { afterAll, describe, expect, test } from "vitest";
import {
  parseDeliveryStatus,
  recordReturnedMessage,
  returnedFromDeliveryStatus,
  writeInstalmentReminders,
} from "../../src/index.js";
import { meta, planCase, SCOPE, seed, THREE_MONTHS } from "../jobs/support/plan-cases.js";
import { storeTargets } from "../jobs/support/store-targets.js";

const bounce = readFileSync(new URL("./fixtures/postfix-style-5.1.1.eml", import.meta.url));

/** Sends the pending outbox messages as the dispatcher would: completes them and records message.sent. */
async function dispatch(store: CaseStore, at: string) {
  const claimed = await store.claimOutbox(SCOPE, { worker: "w1", now: `${at}T08:00:00Z` });
  for (const message of claimed) {
    await store.completeOutbox(SCOPE, {
      id: message.id,
      worker: "w1",
      outcome: "sent",
      at: `${at}T08:00:01Z`,
    });
    if (message.caseId === null) continue;
    const events = await store.readEvents(SCOPE, message.caseId);
    await store.append(SCOPE, {
      caseId: message.caseId,
      expectedVersion: events.at(-1)?.version ?? 0,
      events: [
        {
          ...meta(`sent-${message.id}`, at),
          type: "message.sent",
          channel: message.kind === "send-sms" ? "sms" : "email",
          outboxKey: message.id,
          messageId:
            message.kind === "send-sms"
              ? `prov-${message.id}`
              : `<${message.id}@advocaten.example>`,
          to: String(message.payload.address),
          contactId: String(message.payload.contactId),
        },
      ],
      asOf: at,
    });
  }
  return claimed;
}

const record = (store: CaseStore, extra: object) =>
  recordReturnedMessage({
    store,
    scope: SCOPE,
    at: "2026-02-28",
    recordedAt: "2026-02-28T10:00:00Z",
    by: "bounces",
    ...extra,
  } as unknown as Parameters<typeof recordReturnedMessage>[0]);

const typesOf = async (store: CaseStore, caseId: string) =>
  (await store.readEvents(SCOPE, caseId)).map((stored) => stored.event.type);

/** Step 1 a letter; step 2, only when it came back, a call to find the address; step 3 a notice. */
const SCENARIO: ScenarioInput = {
  id: "returns",
  version: 1,
  name: "Letter, address research when it comes back, formal notice",
  calendar: "be",
  activities: [
    {
      code: "REM1",
      description: { nl: "Herinnering", fr: "Rappel", en: "Reminder" },
      kind: "letter",
      channel: "post",
    },
    {
      code: "ADDR",
      description: { nl: "Adresonderzoek", fr: "Recherche d'adresse", en: "Address research" },
      kind: "call",
      channel: "phone",
    },
    {
      code: "NOTICE",
      description: { nl: "Ingebrekestelling", fr: "Mise en demeure", en: "Formal notice" },
      kind: "formal-notice",
      channel: "registered-post",
    },
  ],
  steps: [
    { activity: "REM1", wait: { days: 0 }, after: "case-start", approval: "automatic" },
    { activity: "ADDR", wait: { days: 5 }, conditions: { previousLetterReturned: true } },
    { activity: "NOTICE", wait: { days: 10 } },
  ],
};

const scenarioCase = (caseId: string): CaseEventJson[] => [
  ...planCase({
    caseId,
    contacts: [{ id: "A1", kind: "address", value: "Kerkstraat 1, 9000 Gent" }],
  }),
  { ...meta("s1", "2026-01-10"), type: "scenario.started", scenarioId: "returns" },
  { ...meta("d1", "2026-01-12"), type: "action.done", step: 1, result: "letter posted" },
];

for (const target of storeTargets()) {
  describe.skipIf(!target.available)(
    `returned mail on ${target.name}`,
    { timeout: 120_000 },
    () => {
      // A loaded machine runs these slowly; PGlite's first query compiles PostgreSQL.
      afterAll(() => target.dispose());

      test("a bounce of a sent reminder, read from its DSN, records mail.returned with the contact and retires the address; the same bounce twice appends once; the address gets no more reminders", async () => {
        const store = await target.create();
        await seed(store, [
          { caseId: "C1", plan: THREE_MONTHS, reminders: { channel: "email", before: [3] } },
        ]);
        await writeInstalmentReminders({
          store,
          scope: SCOPE,
          runDate: "2026-02-27",
          recordedAt: "2026-02-27T05:00:00Z",
          by: "reminders",
        });
        expect((await dispatch(store, "2026-02-27")).map((m) => m.id)).toEqual([
          "rem:C1:plan-1:1:before:2026-02-27",
        ]);
        const report = parseDeliveryStatus(bounce);
        const returned = report && returnedFromDeliveryStatus(report);
        expect(returned).not.toBeNull();

        const first = await record(store, { returned });
        expect(first).toMatchObject({
          outcome: "recorded",
          caseId: "C1",
          contactId: "M1",
          retired: true,
        });
        const events = await store.readEvents(SCOPE, "C1");
        expect(events.slice(-2).map((stored) => stored.event)).toMatchObject([
          {
            type: "mail.returned",
            at: "2026-02-28",
            channel: "email",
            contactId: "M1",
            messageId: "<rem:C1:plan-1:1:before:2026-02-27@advocaten.example>",
            reason:
              "5.1.1 smtp; 550 5.1.1 <jan@example.be>: Recipient address rejected: User unknown to rfc822; jan@example.be",
          },
          { type: "contact.retired", debtorId: "D-C1", contactId: "M1" },
        ]);

        const again = await record(store, { returned });
        expect(again.outcome).toBe("already-recorded");
        const later = await record(store, { returned, recordedAt: "2026-03-01T07:00:00Z" });
        expect(later.outcome).toBe("already-recorded");
        expect(await store.readEvents(SCOPE, "C1")).toHaveLength(events.length);

        const next = await writeInstalmentReminders({
          store,
          scope: SCOPE,
          runDate: "2026-03-30",
          recordedAt: "2026-03-30T05:00:00Z",
          by: "reminders",
        });
        expect(next.written).toBe(0);
        expect(next.skipped.map((s) => s.code)).toEqual(["NO_CURRENT_CONTACT"]);
      });

      test("an SMS the provider could not deliver is found by its outbox key; a transient failure keeps the number", async () => {
        const store = await target.create();
        await seed(store, [
          { caseId: "C2", plan: THREE_MONTHS, reminders: { channel: "sms", before: [3] } },
        ]);
        await writeInstalmentReminders({
          store,
          scope: SCOPE,
          runDate: "2026-02-27",
          recordedAt: "2026-02-27T05:00:00Z",
          by: "reminders",
        });
        await dispatch(store, "2026-02-27");
        const result = await record(store, {
          returned: {
            kind: "sms-failure",
            outboxKey: "rem:C2:plan-1:1:before:2026-02-27",
            reason: "EXPIRED: handset unreachable for 48 hours",
          },
        });
        expect(result).toMatchObject({
          outcome: "recorded",
          caseId: "C2",
          contactId: "T1",
          retired: false,
        });
        expect(result.events).toMatchObject([
          {
            type: "mail.returned",
            channel: "sms",
            contactId: "T1",
            messageId: "prov-rem:C2:plan-1:1:before:2026-02-27",
            reason: "EXPIRED: handset unreachable for 48 hours",
          },
        ]);
        expect((await typesOf(store, "C2")).filter((t) => t === "contact.retired")).toEqual([]);
      });

      test("a letter returned by post is recorded by case and date, and a scenario takes its mail-returned branch", async () => {
        const store = await target.create();
        await store.putClient(SCOPE, { id: "acme", name: "Acme NV" });
        await store.putScenario(SCOPE, "acme", SCENARIO);
        for (const caseId of ["C3", "C4"])
          await store.append(SCOPE, {
            caseId,
            expectedVersion: 0,
            events: scenarioCase(caseId),
            asOf: "2026-01-12",
          });
        const returned = await recordReturnedMessage({
          store,
          scope: SCOPE,
          at: "2026-01-14",
          recordedAt: "2026-01-14T11:00:00Z",
          by: "post room",
          returned: {
            kind: "letter-returned",
            caseId: "C3",
            contactId: "A1",
            reason: "unknown at this address",
            permanent: true,
          },
          retire: "never",
        });
        expect(returned).toMatchObject({ outcome: "recorded", contactId: "A1", retired: false });
        // Step 2 is planned five days after the letter of 12 January: Saturday 17, moved to Monday 19.
        await runDailyShard(store, SCOPE, { runDate: "2026-01-19" });
        const agenda = await store.listAgenda(SCOPE, { runDate: "2026-01-19" });
        expect(
          agenda.items.map((entry) => [entry.caseId, entry.step, entry.activity.code]),
        ).toEqual([["C3", 2, "ADDR"]]);
        // Without a return the branch is skipped: C4 waits for its formal notice on 29 January.
        await runDailyShard(store, SCOPE, { runDate: "2026-01-29" });
        const later = await store.listAgenda(SCOPE, { runDate: "2026-01-29" });
        expect(
          later.items
            .filter((entry) => entry.caseId === "C4")
            .map((entry) => [entry.step, entry.activity.code]),
        ).toEqual([[3, "NOTICE"]]);
      });
    },
  );
}

describe("returns that are not recorded", () => {
  test("a message that is not known, a delay, and bad input write nothing", async () => {
    const store = createMemoryStore();
    await seed(store, [{ caseId: "C1" }]);
    const before = await typesOf(store, "C1");
    expect(
      (
        await record(store, {
          returned: {
            kind: "email-bounce",
            messageId: "<nobody@advocaten.example>",
            status: "5.1.1",
          },
        })
      ).outcome,
    ).toBe("unknown-message");
    expect(
      (
        await record(store, {
          returned: {
            kind: "email-bounce",
            caseId: "C1",
            action: "delayed",
            status: "4.4.1",
          },
        })
      ).outcome,
    ).toBe("not-a-return");
    await expect(record(store, { returned: { kind: "email-bounce" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      issues: [{ path: "options.returned.messageId" }],
    });
    await expect(
      record(store, { returned: { kind: "letter-returned", caseId: "C1" }, at: "28/02/2026" }),
    ).rejects.toMatchObject({ issues: [{ path: "options.at" }] });
    expect(await typesOf(store, "C1")).toEqual(before);
  });
});
