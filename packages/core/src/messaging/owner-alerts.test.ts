import { describe, expect, it } from "vitest";
import type { OutboxMessage } from "../index.js";
import {
  ownerAlerts,
  parseCaseEvents,
  parseIsoDate,
  undeliveredFromEvents,
  undeliveredFromOutbox,
} from "../index.js";

const message = (fields: Partial<OutboxMessage> & Pick<OutboxMessage, "id">): OutboxMessage => ({
  caseId: "C1",
  caseVersion: 3,
  kind: "send-email",
  payload: {},
  notBefore: null,
  status: "failed",
  attempts: 1,
  claimedBy: "w1",
  leaseUntil: null,
  completedAt: "2026-03-02T09:00:00Z",
  detail: "550 5.1.1 user unknown",
  ...fields,
});

const cases = new Map([
  ["C1", { owner: "an.peeters", caseNumber: "2026/00001" }],
  ["C2", { owner: "luc.dubois", caseNumber: "2026/00002" }],
]);
const date = parseIsoDate("2026-03-02");

describe("owner alerts", () => {
  it("finds the day's failures in the owner's time zone and the messages still waiting after three attempts", () => {
    const found = undeliveredFromOutbox(
      [
        message({ id: "a" }),
        // 23:30 UTC on 1 March is 00:30 on 2 March in Brussels.
        message({ id: "b", caseId: "C2", completedAt: "2026-03-01T23:30:00Z", kind: "send-sms" }),
        message({ id: "c", completedAt: "2026-03-02T23:30:00Z" }),
        message({ id: "d", status: "pending", attempts: 3, detail: "421 try again later" }),
        message({ id: "e", status: "pending", attempts: 2, detail: "quiet hours" }),
        message({ id: "f", status: "sent" }),
        message({ id: "g", caseId: null, detail: "550 mailbox full" }),
      ],
      cases,
      { date, timeZone: "Europe/Brussels" },
    );
    expect(found.map((f) => [f.outboxKey, f.owner, f.state])).toEqual([
      ["a", "an.peeters", "failed"],
      ["b", "luc.dubois", "failed"],
      ["d", "an.peeters", "postponed"],
      ["g", null, "failed"],
    ]);
  });

  it("writes one e-mail per owner in the owner's language, with the mass actions left out, and reports unknown owners", () => {
    const undelivered = undeliveredFromOutbox(
      [
        message({ id: "rem:C1:plan-1:1:before:2026-03-02" }),
        message({ id: "k2", caseId: "C2", kind: "send-sms", detail: "invalid number" }),
        message({ id: "k3", status: "pending", attempts: 4, detail: "421 4.7.0 try later" }),
      ],
      cases,
      { date, timeZone: "Europe/Brussels" },
    );
    const alerts = ownerAlerts({
      date,
      undelivered,
      massActions: [
        {
          activity: "REM2",
          rows: [
            {
              caseNumber: "2026/00001",
              owner: "an.peeters",
              ordered: false,
              reason: "nothing is owed",
            },
            { caseNumber: "2026/00003", owner: "an.peeters", ordered: true, reason: null },
            {
              caseNumber: "2026/00009",
              owner: "marc",
              ordered: false,
              reason: "the case is closed",
            },
          ],
        },
      ],
      owners: {
        "an.peeters": { address: "an@advocaten.example", name: "An Peeters", language: "nl" },
      },
    });
    expect(alerts.unknownOwners).toEqual([
      { owner: "luc.dubois", items: 1 },
      { owner: "marc", items: 1 },
    ]);
    expect(alerts.messages).toHaveLength(1);
    const [an] = alerts.messages;
    expect(an?.key).toBe("alert:an.peeters:2026-03-02");
    expect(an?.payload).toMatchObject({
      to: "an@advocaten.example",
      toName: "An Peeters",
      language: "nl",
      subject: "Incasso: wat op 2 maart 2026 niet verzonden of uitgevoerd werd (3)",
      failed: 1,
      postponed: 1,
      massActions: 1,
    });
    expect(an?.payload.text).toBe(
      [
        "Goedemorgen,",
        "",
        "Deze berichten van uw dossiers konden op 2 maart 2026 niet worden verzonden:",
        "- dossier 2026/00001: e-mail mislukt na 1 poging: 550 5.1.1 user unknown [rem:C1:plan-1:1:before:2026-03-02]",
        "",
        "Deze berichten wachten nog, na herhaalde pogingen:",
        "- dossier 2026/00001: e-mail nog niet verzonden na 4 pogingen: 421 4.7.0 try later [k3]",
        "",
        "Deze massa-acties werden niet uitgevoerd:",
        "- dossier 2026/00001: actie REM2 niet uitgevoerd: er is niets meer verschuldigd",
        "",
        "Dit bericht werd automatisch opgesteld.",
      ].join("\n"),
    );
  });

  it("sends what belongs to unknown owners to the fallback mailbox, in its language", () => {
    const alerts = ownerAlerts({
      date,
      undelivered: [
        {
          owner: "luc.dubois",
          caseId: "C2",
          caseNumber: "2026/00002",
          outboxKey: "k2",
          kind: "send-sms",
          state: "failed",
          attempts: 2,
          reason: "invalid number",
        },
      ],
      owners: {},
      fallback: { address: "bureau@avocats.example", language: "fr" },
    });
    expect(alerts.unknownOwners).toEqual([{ owner: "luc.dubois", items: 1 }]);
    expect(alerts.messages.map((m) => [m.key, m.payload.to, m.payload.subject])).toEqual([
      [
        "alert-unknown-owners:2026-03-02",
        "bureau@avocats.example",
        "Incasso : ce qui n'a pas été envoyé ou exécuté le 2 mars 2026 (1)",
      ],
    ]);
    expect(alerts.messages[0]?.payload.text).toContain(
      "Gestionnaire luc.dubois (absent de la liste des gestionnaires) :",
    );
    expect(alerts.messages[0]?.payload.text).toContain(
      "- dossier 2026/00002: SMS en échec après 2 tentatives : invalid number [k2]",
    );
  });

  it("reports a message named by the outbox and by its event once, as failed when either says so", () => {
    const base = {
      owner: "an.peeters",
      caseId: "C1",
      caseNumber: "2026/00001",
      outboxKey: "k1",
      kind: "send-email",
      reason: "550 user unknown",
    };
    const alerts = ownerAlerts({
      date,
      undelivered: [
        { ...base, state: "postponed", attempts: 3 },
        { ...base, state: "failed", attempts: 1 },
      ],
      owners: { "an.peeters": { address: "an@advocaten.example", language: "en" } },
    });
    expect(alerts.messages.map((m) => [m.payload.failed, m.payload.postponed])).toEqual([[1, 0]]);
    expect(alerts.messages[0]?.payload.text).toContain(
      "- file 2026/00001: e-mail failed after 3 attempts: 550 user unknown [k1]",
    );
  });

  it("reads the message.failed events of the day: permanent ones failed, the others still waiting", () => {
    const events = parseCaseEvents([
      {
        id: "e1",
        type: "case.opened",
        at: "2026-01-10",
        recordedAt: "2026-01-10T09:00:00Z",
        by: "clerk",
        caseNumber: "2026/00001",
        client: { id: "acme", name: "Acme NV" },
        debtors: [
          { id: "D1", kind: "legal-person", name: "Debtor BV", language: "en", consumer: false },
        ],
        owner: "an.peeters",
        lawyer: "an.peeters",
        rulePack: "be.b2b",
      },
      ...[true, false].map((permanent, index) => ({
        id: `f${index}`,
        type: "message.failed",
        at: "2026-03-02",
        recordedAt: "2026-03-02T09:00:00Z",
        by: "dispatcher",
        channel: "email",
        outboxKey: `k${index}`,
        permanent,
        reason: permanent ? "550 user unknown" : "421 try later",
      })),
    ]);
    expect(
      undeliveredFromEvents("C1", events, date).map((u) => [u.outboxKey, u.owner, u.state]),
    ).toEqual([
      ["k0", "an.peeters", "failed"],
      ["k1", "an.peeters", "postponed"],
    ]);
  });
});
