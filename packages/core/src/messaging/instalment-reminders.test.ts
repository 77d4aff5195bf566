import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../index.js";
import {
  caseEventSchema,
  instalmentReminders,
  parseCaseEvents,
  parseIsoDate,
  parseOutboxPayload,
} from "../index.js";

const meta = (id: string, at: string) => ({ id, at, recordedAt: `${at}T09:00:00Z`, by: "clerk" });

const opened = (
  contacts: { id: string; kind: "email" | "phone" | "address"; value: string; date?: string }[],
  language: "nl" | "fr" | "en" | "de" = "nl",
): CaseEventJson => ({
  ...meta("e1", "2026-01-10"),
  type: "case.opened",
  caseNumber: "2026/00007",
  client: { id: "acme", name: "Acme NV" },
  debtors: [
    {
      id: "D1",
      kind: "natural-person",
      name: "Jan Peeters",
      language,
      consumer: true,
      timeZone: "Europe/Brussels",
      contacts: contacts.map((c) => ({ source: "client", date: "2026-01-10", ...c })),
    },
  ],
  owner: "an.peeters",
  lawyer: "an.peeters",
  rulePack: "be.b2b",
  paymentReference: "+++090/9337/55493+++",
});

// 900.00 in three monthly instalments of 300.00: 2 March, 2 April, 4 May 2026
// (1 May is Labour Day, 2-3 May a weekend: the following business day).
const agreed = (reminders: object | undefined, plan = true): CaseEventJson =>
  ({
    ...meta("e3", "2026-02-10"),
    type: "plan.agreed",
    planId: "plan-1",
    description: "three monthly instalments of 300.00",
    ...(plan
      ? {
          plan: {
            id: "plan-1",
            amount: "900.00",
            agreedOn: "2026-02-10",
            firstDueDate: "2026-03-02",
            frequency: "monthly",
            schedule: { count: 3 },
          },
        }
      : {}),
    ...(reminders ? { reminders } : {}),
  }) as CaseEventJson;

const claim: CaseEventJson = {
  ...meta("e2", "2026-01-10"),
  type: "claim.added",
  claim: {
    id: "F1",
    invoiceNumber: "F-1",
    invoiceDate: "2025-11-01",
    dueDate: "2025-12-01",
    amount: "900.00",
  },
};
const email = { id: "M1", kind: "email" as const, value: "jan@example.be" };
const phone = { id: "T1", kind: "phone" as const, value: "+32470123456" };

describe("instalment reminders of a case", () => {
  it("gives the reminder 3 days before the second instalment (2 April), by e-mail, in the debtor's language with the payment reference", () => {
    const events = [opened([email, phone]), claim, agreed({ channel: "email", before: [3] })];
    const result = instalmentReminders(events, parseIsoDate("2026-03-30"), { caseId: "C7" });
    expect(result.planId).toBe("plan-1");
    expect(result.planStatus).toBe("in-arrears");
    expect(result.messages).toEqual([
      {
        key: "rem:C7:plan-1:2:before:2026-03-30",
        kind: "send-email",
        payload: {
          caseId: "C7",
          caseNumber: "2026/00007",
          debtorId: "D1",
          contactId: "M1",
          address: "jan@example.be",
          language: "nl",
          timeZone: "Europe/Brussels",
          subject: "Herinnering afbetaling, dossier 2026/00007",
          text: "Uw afbetaling van € 300,00 vervalt op 2 april 2026.\n\nVermeld bij uw betaling: +++090/9337/55493+++.\n\nDossier 2026/00007.",
          template: "instalment-reminder-email",
          planId: "plan-1",
          instalment: 2,
          reminderKind: "before",
          reminderDate: "2026-03-30",
          dueDate: "2026-04-02",
          amount: "300.00",
          reference: "+++090/9337/55493+++",
        },
      },
    ]);
  });

  it("writes payloads the dispatcher reads", () => {
    const events = [opened([email, phone]), claim, agreed({ channel: "email", before: [3] })];
    const sms = [opened([phone]), claim, agreed({ channel: "sms", before: [3] })];
    for (const list of [events, sms]) {
      const [message] = instalmentReminders(list, parseIsoDate("2026-03-30"), {
        caseId: "C7",
      }).messages;
      expect(message).toBeDefined();
      const read = parseOutboxPayload(message?.kind ?? "", message?.payload);
      expect(read.kind).toBe(message?.kind);
      expect(read.payload).toMatchObject({ debtorId: "D1", text: message?.payload.text });
      expect(read.payload.to).toBeUndefined();
    }
  });

  it("counts a business-day shift: the third instalment moves to 4 May, so its reminder is on 1 May", () => {
    const events = [opened([phone], "fr"), claim, agreed({ channel: "sms", before: [3] })];
    const payments: CaseEventJson[] = [
      { ...meta("p1", "2026-03-02"), type: "payment.received", paymentId: "P1", amount: "300.00" },
      { ...meta("p2", "2026-04-02"), type: "payment.received", paymentId: "P2", amount: "300.00" },
    ];
    const result = instalmentReminders([...events, ...payments], parseIsoDate("2026-05-01"), {
      caseId: "C7",
    });
    expect(result.messages.map((m) => [m.kind, m.payload.address, m.payload.text])).toEqual([
      [
        "send-sms",
        "+32470123456",
        "Votre mensualité de 300,00\u00a0€ est due le 4 mai 2026. Mentionnez lors de votre paiement : +++090/9337/55493+++. Dossier 2026/00007.",
      ],
    ]);
  });

  it("falls back to the other channel when the debtor has no current contact for the first, and skips with the reason when neither", () => {
    const retired: CaseEventJson = {
      ...meta("e4", "2026-02-20"),
      type: "contact.retired",
      debtorId: "D1",
      contactId: "M1",
    };
    const day = parseIsoDate("2026-02-27");
    const fallback = instalmentReminders(
      [
        opened([email, phone]),
        claim,
        agreed({ channel: "email", fallbackChannel: "sms", before: [3] }),
        retired,
      ],
      day,
      { caseId: "C7" },
    );
    expect(fallback.reminders.map((r) => [r.channel, r.contactId])).toEqual([["sms", "T1"]]);
    const none = instalmentReminders(
      [opened([email]), claim, agreed({ channel: "email", before: [3] }), retired],
      day,
      { caseId: "C7" },
    );
    expect(none.messages).toEqual([]);
    expect(none.skipped).toEqual([
      {
        code: "NO_CURRENT_CONTACT",
        instalment: 1,
        message:
          "no current e-mail address of debtor D1 for the reminder of instalment 1 due 2026-03-02",
      },
    ]);
  });

  it("uses the most recently recorded current address", () => {
    const added: CaseEventJson = {
      ...meta("e4", "2026-02-20"),
      type: "contact.added",
      debtorId: "D1",
      contact: {
        id: "M2",
        kind: "email",
        value: "jan.new@example.be",
        source: "debtor",
        date: "2026-02-20",
      },
    };
    const result = instalmentReminders(
      [opened([email]), claim, agreed({ channel: "email", before: [3] }), added],
      parseIsoDate("2026-02-27"),
      { caseId: "C7" },
    );
    expect(result.reminders.map((r) => r.to)).toEqual(["jan.new@example.be"]);
  });

  it("says why a case gets none: no plan, no request, no settings, a dispute", () => {
    const day = parseIsoDate("2026-02-27");
    const code = (events: CaseEventJson[]) =>
      instalmentReminders(events, day, { caseId: "C7" }).skipped.map((s) => s.code);
    expect(code([opened([email]), claim])).toEqual(["NO_PLAN"]);
    expect(code([opened([email]), claim, agreed(undefined, false)])).toEqual(["NO_PLAN_REQUEST"]);
    expect(code([opened([email]), claim, agreed(undefined)])).toEqual(["NO_REMINDER_SETTINGS"]);
    const dispute: CaseEventJson = {
      ...meta("e5", "2026-02-15"),
      type: "dispute.opened",
      reason: "goods returned",
    };
    expect(
      code([opened([email]), claim, agreed({ channel: "email", before: [3] }), dispute]),
    ).toEqual(["CASE_NOT_IN_PLAN"]);
  });

  it("stops once the plan defaults by its own rule, before any plan.defaulted is recorded", () => {
    // Nothing paid: the second instalment (2 April) is the second missed one on 3 April.
    const events = [opened([email]), claim, agreed({ channel: "email", before: [3], after: [5] })];
    expect(
      instalmentReminders(events, parseIsoDate("2026-03-07"), { caseId: "C7" }).skipped,
    ).toEqual([]);
    const late = instalmentReminders(events, parseIsoDate("2026-05-01"), { caseId: "C7" });
    expect(late.skipped.map((s) => s.code)).toEqual(["PLAN_DEFAULTED"]);
  });

  it("keeps every plan.agreed recorded before reminders existed valid, and refuses settings without a plan or for an unknown debtor", () => {
    expect(caseEventSchema.safeParse(agreed(undefined, false)).success).toBe(true);
    expect(() =>
      parseCaseEvents([opened([email]), claim, agreed({ channel: "sms", before: [3] }, false)]),
    ).toThrow(/events\.2\.plan: expected the plan request when reminders are set/);
    expect(() =>
      parseCaseEvents([
        opened([email]),
        claim,
        agreed({ channel: "sms", before: [3], debtorId: "D9" }),
      ]),
    ).toThrow(/events\.2\.reminders\.debtorId: expected an existing debtor \(D9\)/);
    expect(caseEventSchema.safeParse(agreed({ channel: "fax", before: [3] })).success).toBe(false);
  });
});
