import { Temporal } from "@incasso/core";
import { createMemoryMailer, createMemoryStore } from "@incasso/memory";
import { describe, expect, test } from "vitest";
import {
  createDispatcher,
  parseDeliveryStatus,
  recordReturnedMessage,
  returnedFromDeliveryStatus,
  writeInstalmentReminders,
  writeOwnerAlerts,
} from "../../src/index.js";
import { SCOPE, seed, THREE_MONTHS } from "./support/plan-cases.js";

/** A bounce as a receiving server would write it for the e-mail with this Message-ID. */
const bounceFor = (messageId: string) =>
  [
    "From: MAILER-DAEMON@mx.example.be",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "Your message could not be delivered.",
    "--b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.be",
    "",
    "Final-Recipient: rfc822; c2@example.be",
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 mailbox unknown",
    "",
    "--b",
    "Content-Type: text/rfc822-headers",
    "",
    `Message-ID: ${messageId}`,
    "",
    "--b--",
  ].join("\r\n");

describe("the jobs with the outbox dispatcher", () => {
  test("a reminder goes out through the dispatcher, its bounce retires the address, and the owner's alert of the day reports the one that failed and goes out too", async () => {
    const store = createMemoryStore();
    await seed(store, [
      { caseId: "C1", plan: THREE_MONTHS, reminders: { channel: "email", before: [3] } },
      { caseId: "C2", plan: THREE_MONTHS, reminders: { channel: "email", before: [3] } },
    ]);
    await writeInstalmentReminders({
      store,
      scope: SCOPE,
      runDate: "2026-02-27",
      recordedAt: "2026-02-27T05:00:00Z",
      by: "reminders",
    });
    const mailer = createMemoryMailer();
    let now = Temporal.Instant.from("2026-02-27T09:00:00Z");
    const dispatcher = createDispatcher({
      store,
      scope: SCOPE,
      mailer,
      from: { name: "Advocaten", address: "dossiers@advocaten.example" },
      workerId: "mailer-1",
      clock: () => now,
      random: () => 0.5,
    });
    mailer.failNext({ permanent: true, providerCode: "550" });
    await dispatcher.runOnce();
    const [sent] = mailer.sent();
    expect(sent).toMatchObject({
      messageId: "<rem+C2+plan-1+1+before+2026-02-27@advocaten.example>",
      to: [{ address: "c2@example.be" }],
      subject: "Herinnering afbetaling, dossier 2026/C2",
    });
    expect(sent?.text).toContain("Uw afbetaling van € 300,00 vervalt op 2 maart 2026.");
    expect((await store.listOutbox(SCOPE, { status: "failed" })).map((m) => m.id)).toEqual([
      "rem:C1:plan-1:1:before:2026-02-27",
    ]);

    const report = parseDeliveryStatus(bounceFor(sent?.messageId ?? ""));
    const returned = report && returnedFromDeliveryStatus(report);
    const recorded = await recordReturnedMessage({
      store,
      scope: SCOPE,
      returned: returned ?? { kind: "email-bounce" },
      at: "2026-02-27",
      recordedAt: "2026-02-27T09:05:00Z",
      by: "bounces",
    });
    expect(recorded).toMatchObject({
      outcome: "recorded",
      caseId: "C2",
      contactId: "M1",
      retired: true,
    });

    const alerts = await writeOwnerAlerts({
      store,
      scope: SCOPE,
      date: "2026-02-27",
      owners: { "an.peeters": { address: "an@advocaten.example", language: "en" } },
    });
    expect(alerts).toMatchObject({ failed: 1, unknownOwners: [] });
    now = Temporal.Instant.from("2026-02-27T10:00:00Z");
    await dispatcher.runOnce();
    const alert = mailer.sent().at(-1);
    expect(alert).toMatchObject({
      messageId: "<alert+an.peeters+2026-02-27@advocaten.example>",
      to: [{ address: "an@advocaten.example" }],
      subject: "Incasso: what was not sent or done on 27 February 2026 (1)",
    });
    expect(alert?.text).toContain("- file 2026/C1: e-mail failed after 1 attempt: ");
    expect(alert?.text).toContain("[rem:C1:plan-1:1:before:2026-02-27]");
  });
});
