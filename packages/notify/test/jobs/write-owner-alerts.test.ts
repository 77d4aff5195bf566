import type { CaseStore } from "@incasso/core";
import { parseOutboxPayload } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { afterAll, describe, expect, test } from "vitest";
import { writeOwnerAlerts } from "../../src/index.js";
import { meta, SCOPE, seed } from "./support/plan-cases.js";
import { storeTargets } from "./support/store-targets.js";

const OWNERS = {
  "an.peeters": { address: "an@advocaten.example", name: "An Peeters", language: "nl" as const },
  "marie.dupont": { address: "marie@avocats.example", language: "fr" as const },
};

/** Writes one message per case with a note, as a job would. */
async function queue(store: CaseStore, caseId: string, key: string, kind = "send-email") {
  const events = await store.readEvents(SCOPE, caseId);
  await store.append(SCOPE, {
    caseId,
    expectedVersion: events.at(-1)?.version ?? 0,
    events: [{ ...meta(`n-${key}`, "2026-03-02"), type: "note.added", text: `queued ${key}` }],
    outbox: [{ key, kind, payload: { debtorId: `D-${caseId}`, text: "Herinnering" } }],
    asOf: "2026-03-02",
  });
}

/** Fails one message as a dispatcher would; whatever else it claimed goes back as it was. */
async function fail(store: CaseStore, key: string, at: string, detail: string) {
  const claimed = await store.claimOutbox(SCOPE, { worker: "w1", now: at, limit: 1000 });
  expect(claimed.map((m) => m.id)).toContain(key);
  for (const message of claimed) {
    if (message.id === key)
      await store.completeOutbox(SCOPE, { id: key, worker: "w1", outcome: "failed", at, detail });
    else
      await store.postponeOutbox(SCOPE, {
        id: message.id,
        worker: "w1",
        notBefore: message.notBefore ?? at,
        at,
        ...(message.detail === null ? {} : { detail: message.detail }),
      });
  }
}

async function postpone(store: CaseStore, key: string, times: number, detail: string) {
  for (let attempt = 0; attempt < times; attempt++) {
    const now = `2026-03-02T1${attempt}:00:00Z`;
    const [claimed] = await store.claimOutbox(SCOPE, { worker: "w1", now, limit: 1 });
    expect(claimed?.id).toBe(key);
    await store.postponeOutbox(SCOPE, {
      id: key,
      worker: "w1",
      notBefore: `2026-03-02T1${attempt}:30:00Z`,
      at: now,
      detail,
      countAttempt: true,
    });
  }
}

const run = (store: CaseStore, extra: object = {}) =>
  writeOwnerAlerts({ store, scope: SCOPE, date: "2026-03-02", owners: OWNERS, ...extra });

for (const target of storeTargets()) {
  describe.skipIf(!target.available)(`owner alerts on ${target.name}`, { timeout: 120_000 }, () => {
    // A loaded machine runs these slowly; PGlite's first query compiles PostgreSQL.
    afterAll(() => target.dispose());

    test("writes one e-mail per owner per day of what could not be sent and why, in the owner's language, reports unknown owners, and a rerun adds nothing", async () => {
      const store = await target.create();
      await seed(store, [
        { caseId: "C1", owner: "an.peeters" },
        { caseId: "C2", owner: "an.peeters" },
        { caseId: "C3", owner: "marie.dupont" },
        { caseId: "C4", owner: "luc.dubois" },
      ]);
      // Failed the day before, in Brussels: not this day's.
      await queue(store, "C1", "k0");
      await fail(store, "k0", "2026-03-01T20:00:00Z", "550 5.1.1 user unknown");
      await queue(store, "C1", "k1");
      await fail(store, "k1", "2026-03-02T08:00:00Z", "550 5.1.1 user unknown");
      await queue(store, "C2", "k2", "send-sms");
      await fail(store, "k2", "2026-03-02T08:30:00Z", "invalid number +3247");
      await queue(store, "C3", "k3");
      await postpone(store, "k3", 3, "421 4.7.0 try again later");
      await queue(store, "C4", "k4");
      await fail(store, "k4", "2026-03-02T09:00:00Z", "no current e-mail contact");

      const report = await run(store);
      expect(report).toMatchObject({
        date: "2026-03-02",
        failed: 3,
        postponed: 1,
        alreadyWritten: [],
        unknownOwners: [{ owner: "luc.dubois", items: 1 }],
        withoutOwner: [],
        truncated: false,
      });
      expect(report.written).toEqual([
        {
          key: "alert:an.peeters:2026-03-02",
          to: "an@advocaten.example",
          owners: ["an.peeters"],
        },
        {
          key: "alert:marie.dupont:2026-03-02",
          to: "marie@avocats.example",
          owners: ["marie.dupont"],
        },
      ]);
      const alerts = (await store.listOutbox(SCOPE, { status: "pending" })).filter(
        (m) => m.caseId === null,
      );
      expect(alerts.map((m) => m.id)).toEqual([
        "alert:an.peeters:2026-03-02",
        "alert:marie.dupont:2026-03-02",
      ]);
      for (const alert of alerts)
        expect(parseOutboxPayload(alert.kind, alert.payload).kind).toBe("send-email");
      expect(alerts[0]?.payload.text).toBe(
        [
          "Goedemorgen,",
          "",
          "Deze berichten van uw dossiers konden op 2 maart 2026 niet worden verzonden:",
          "- dossier 2026/C1: e-mail mislukt na 1 poging: 550 5.1.1 user unknown [k1]",
          "- dossier 2026/C2: sms mislukt na 1 poging: invalid number +3247 [k2]",
          "",
          "Dit bericht werd automatisch opgesteld.",
        ].join("\n"),
      );
      expect(alerts[1]?.payload).toMatchObject({
        language: "fr",
        subject: "Incasso : ce qui n'a pas été envoyé ou exécuté le 2 mars 2026 (1)",
      });
      expect(alerts[1]?.payload.text).toContain(
        "- dossier 2026/C3: e-mail pas encore envoyé après 3 tentatives : 421 4.7.0 try again later [k3]",
      );

      const count = (await store.listOutbox(SCOPE, { limit: 1000 })).length;
      const again = await run(store);
      expect(again.written.map((w) => w.key)).toEqual(report.written.map((w) => w.key));
      expect((await store.listOutbox(SCOPE, { limit: 1000 })).length).toBe(count);

      // A later failure of the same day does not make a second alert for that owner and day.
      await queue(store, "C2", "k5");
      await fail(store, "k5", "2026-03-02T21:00:00Z", "552 mailbox full");
      const late = await run(store);
      // (The other alert went back with a notBefore when it was claimed: it is kept as it is too.)
      expect(late.alreadyWritten).toContain("alert:an.peeters:2026-03-02");
      expect(late.written.map((w) => w.key)).not.toContain("alert:an.peeters:2026-03-02");
      // k5 itself, and no second alert.
      expect((await store.listOutbox(SCOPE, { limit: 1000 })).length).toBe(count + 1);
    });
  });
}

describe("owner alert job options", () => {
  test("bad options are refused naming the field", async () => {
    const store = createMemoryStore();
    await expect(
      writeOwnerAlerts({
        store,
        scope: SCOPE,
        date: "2026-03-02",
        owners: { an: { address: "not an address", language: "nl" } },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      issues: [{ path: "options.owners.an.address" }],
    });
    await expect(
      writeOwnerAlerts({
        store,
        scope: SCOPE,
        date: "2026-03-02",
        owners: {},
        timeZone: "Mars/Olympus",
      }),
    ).rejects.toMatchObject({ issues: [{ path: "options.timeZone" }] });
    await expect(
      writeOwnerAlerts({
        store,
        scope: SCOPE,
        date: "2026-03-02",
        owners: { an: { address: "an@firm.be", language: "de" as "nl" } },
      }),
    ).rejects.toMatchObject({ issues: [{ path: "options.owners.an.language" }] });
  });
});

describe("owner alerts with the day's mass actions", () => {
  test("the cases a mass action left out reach their owner's alert, also an owner without a failed message", async () => {
    const store = createMemoryStore();
    await seed(store, [{ caseId: "C1", owner: "an.peeters" }]);
    const report = await run(store, {
      massActions: [
        {
          activity: "REM2",
          rows: [
            {
              caseNumber: "2026/C1",
              owner: "an.peeters",
              ordered: false,
              reason: "nothing is owed",
            },
            { caseNumber: "2026/C7", owner: "an.peeters", ordered: true, reason: null },
          ],
        },
      ],
    });
    expect(report).toMatchObject({ failed: 0, postponed: 0, unknownOwners: [] });
    expect(report.written.map((w) => w.key)).toEqual(["alert:an.peeters:2026-03-02"]);
    const [alert] = await store.listOutbox(SCOPE, { status: "pending" });
    expect(alert?.payload).toMatchObject({ massActions: 1, to: "an@advocaten.example" });
    expect(alert?.payload.text).toContain(
      "- dossier 2026/C1: actie REM2 niet uitgevoerd: er is niets meer verschuldigd",
    );
    expect(alert?.payload.text).not.toContain("2026/C7");
  });
});
