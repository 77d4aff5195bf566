// The demo cases: each case as the events a host would record, dated relative to the day the
// demo is seeded, so that the agenda has work today. Every stage appears: new, reminded, formal
// notice, payment plan, promise, disputed, with the bailiff, paid and closed.
import type { CaseEventJson, ScenarioInput } from "@incasso/core";
import { createNlPaymentReference, createOgm } from "@incasso/core";
import type { Temporal } from "temporal-polyfill";
import { DEMO_CLIENTS, DEMO_TENANTS } from "./logins.js";

/** One demo case: its tenant, id, events and the amount still open (for the bank statement). */
export interface DemoCase {
  readonly tenantId: string;
  readonly caseId: string;
  readonly stage:
    | "new"
    | "reminded"
    | "notice"
    | "plan"
    | "promise"
    | "disputed"
    | "bailiff"
    | "closed";
  readonly paymentReference: string;
  readonly events: CaseEventJson[];
  /** A payment the demo bank statement carries for this case, if any. */
  readonly statementPayment?: string;
}

/**
 * The scenarios of the demo clients: the example scenarios of the project, and a Dutch
 * business-to-business scenario (reminder, formal notice with the WIK costs' 14 days, call,
 * bailiff).
 */
export const NL_B2B_SCENARIO: ScenarioInput = {
  id: "nl-b2b",
  version: 1,
  name: "Nederland, zakelijk",
  calendar: "nl",
  activities: [
    {
      code: "HER1",
      description: { nl: "Herinnering", fr: "Rappel", en: "Reminder" },
      kind: "email",
      template: "nl-reminder",
      channel: "email",
      fallbackChannel: "post",
    },
    {
      code: "SOM",
      description: { nl: "Sommatie", fr: "Sommation", en: "Formal notice" },
      kind: "formal-notice",
      template: "nl-formal-notice",
      channel: "post",
    },
    {
      code: "BEL",
      description: { nl: "Telefonisch contact", fr: "Appel", en: "Phone call" },
      kind: "call",
      channel: "phone",
    },
    {
      code: "DW",
      description: {
        nl: "Overdracht deurwaarder",
        fr: "Transmission à l'huissier",
        en: "Handover to bailiff",
      },
      kind: "bailiff-handover",
      channel: "none",
    },
  ],
  steps: [
    { activity: "HER1", wait: { days: 7 }, after: "due-date", approval: "automatic" },
    { activity: "SOM", wait: { days: 14 } },
    { activity: "BEL", wait: { days: 5, unit: "business" } },
    { activity: "DW", wait: { days: 14 }, threshold: "250.00" },
  ],
};

interface Debtor {
  id: string;
  kind: "legal-person" | "natural-person";
  name: string;
  language: "nl" | "fr" | "en";
  consumer: boolean;
  enterpriseNumber?: string;
  email: string;
  address: string;
  phone?: string;
}

const BE_B2B_DEBTORS: Debtor[] = [
  {
    id: "D-JANSSENS",
    kind: "legal-person",
    name: "Janssens & Zonen BV",
    language: "nl",
    consumer: false,
    enterpriseNumber: "0566.988.259",
    email: "boekhouding@janssens.example",
    address: "Industrieweg 4, 9000 Gent",
  },
  {
    id: "D-LEGRAND",
    kind: "legal-person",
    name: "Legrand Construction SRL",
    language: "fr",
    consumer: false,
    enterpriseNumber: "0478.123.456",
    email: "compta@legrand.example",
    address: "Rue de la Gare 18, 5000 Namur",
  },
  {
    id: "D-MAES",
    kind: "legal-person",
    name: "Maes Dakwerken BV",
    language: "nl",
    consumer: false,
    enterpriseNumber: "0811.222.333",
    email: "info@maes-dak.example",
    address: "Stationsstraat 120, 2800 Mechelen",
  },
  {
    id: "D-DUPONT",
    kind: "legal-person",
    name: "Dupont Menuiserie SRL",
    language: "fr",
    consumer: false,
    enterpriseNumber: "0644.555.777",
    email: "factures@dupont.example",
    address: "Chaussée de Mons 300, 1070 Anderlecht",
  },
  {
    id: "D-VERMEULEN",
    kind: "legal-person",
    name: "Vermeulen Installaties NV",
    language: "nl",
    consumer: false,
    enterpriseNumber: "0455.666.888",
    email: "ap@vermeulen.example",
    address: "Brugsesteenweg 9, 8500 Kortrijk",
  },
  {
    id: "D-CLAES",
    kind: "legal-person",
    name: "Claes Transport BV",
    language: "nl",
    consumer: false,
    enterpriseNumber: "0733.444.111",
    email: "finance@claes.example",
    address: "Havenlaan 2, 2030 Antwerpen",
  },
  {
    id: "D-SIMON",
    kind: "legal-person",
    name: "Simon Bureautique SRL",
    language: "fr",
    consumer: false,
    enterpriseNumber: "0699.321.654",
    email: "admin@simon.example",
    address: "Rue Haute 45, 4000 Liège",
  },
];
const BE_CONSUMER_DEBTORS: Debtor[] = [
  {
    id: "D-WOUTERS",
    kind: "natural-person",
    name: "Tom Wouters",
    language: "nl",
    consumer: true,
    email: "tom.wouters@example.be",
    address: "Kerkstraat 12, 9000 Gent",
    phone: "+32470123456",
  },
  {
    id: "D-LAMBERT",
    kind: "natural-person",
    name: "Julie Lambert",
    language: "fr",
    consumer: true,
    email: "julie.lambert@example.be",
    address: "Rue des Tilleuls 7, 1300 Wavre",
    phone: "+32475987654",
  },
  {
    id: "D-PEETERS",
    kind: "natural-person",
    name: "Koen Peeters",
    language: "nl",
    consumer: true,
    email: "koen.peeters@example.be",
    address: "Dorpsplein 3, 3000 Leuven",
  },
  {
    id: "D-MERTENS",
    kind: "natural-person",
    name: "Ann Mertens",
    language: "nl",
    consumer: true,
    email: "ann.mertens@example.be",
    address: "Molenstraat 88, 8000 Brugge",
    phone: "+32478111222",
  },
];
const NL_DEBTORS: Debtor[] = [
  {
    id: "D-BAKKER",
    kind: "legal-person",
    name: "Bakker Logistiek B.V.",
    language: "nl",
    consumer: false,
    email: "crediteuren@bakker.example",
    address: "Havenstraat 10, 3011 AB Rotterdam",
  },
  {
    id: "D-SMIT",
    kind: "legal-person",
    name: "Smit Techniek B.V.",
    language: "nl",
    consumer: false,
    email: "administratie@smit.example",
    address: "Kanaalweg 5, 3526 KL Utrecht",
  },
  {
    id: "D-MEIJER",
    kind: "legal-person",
    name: "Meijer Groothandel B.V.",
    language: "nl",
    consumer: false,
    email: "facturen@meijer.example",
    address: "Marktplein 1, 5611 AA Eindhoven",
  },
  {
    id: "D-MULDER",
    kind: "legal-person",
    name: "Mulder Bouw B.V.",
    language: "nl",
    consumer: false,
    email: "info@mulderbouw.example",
    address: "Dijkweg 22, 1601 AA Enkhuizen",
  },
];

/**
 * The demo cases of both firms, dated relative to `today`.
 *
 * @example
 * ```ts
 * const cases = demoCases(Temporal.PlainDate.from("2026-03-02"));
 * ```
 */
export function demoCases(today: Temporal.PlainDate): DemoCase[] {
  const day = (offset: number) => today.add({ days: offset }).toString();
  const cases: DemoCase[] = [];
  let sequence = 0;

  function open(
    tenantId: string,
    client: { id: string; name: string },
    debtor: Debtor,
    options: {
      stage: DemoCase["stage"];
      rulePack: "be.b2b" | "be.consumer" | "nl.b2b";
      scenarioId: string;
      openedDaysAgo: number;
      invoices: { number: string; amount: string; dueDaysAgo: number }[];
      owner: string;
      lawyer: string;
      group?: string;
      later: (add: (event: Record<string, unknown>) => void) => void;
      statementPayment?: string;
    },
  ): void {
    sequence += 1;
    const be = tenantId === DEMO_TENANTS.belgium;
    const caseId = `${be ? "BE" : "NL"}-${String(sequence).padStart(4, "0")}`;
    const paymentReference = be
      ? createOgm(`2026${String(sequence).padStart(6, "0")}`)
      : createNlPaymentReference(`2026${String(sequence).padStart(11, "0")}`);
    const events: Record<string, unknown>[] = [];
    let n = 0;
    const add = (event: Record<string, unknown>) => {
      n += 1;
      const at = String(event.at);
      events.push({
        id: `e${n}`,
        recordedAt: `${at}T${String(8 + (n % 9)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}:00Z`,
        by: options.owner,
        ...event,
      });
    };
    const opened = day(-options.openedDaysAgo);
    add({
      type: "case.opened",
      at: opened,
      caseNumber: `${be ? "2026" : "NL-2026"}/${String(sequence).padStart(5, "0")}`,
      client,
      debtors: [
        {
          id: debtor.id,
          kind: debtor.kind,
          name: debtor.name,
          language: debtor.language,
          consumer: debtor.consumer,
          ...(debtor.enterpriseNumber === undefined
            ? {}
            : { enterpriseNumber: debtor.enterpriseNumber }),
          contacts: [
            {
              id: "a1",
              kind: "address",
              value: debtor.address,
              current: true,
              source: "client",
              date: opened,
            },
            {
              id: "m1",
              kind: "email",
              value: debtor.email,
              current: true,
              source: "client",
              date: opened,
            },
            ...(debtor.phone === undefined
              ? []
              : [
                  {
                    id: "p1",
                    kind: "phone",
                    value: debtor.phone,
                    current: true,
                    source: "client",
                    date: opened,
                  },
                ]),
          ],
        },
      ],
      owner: options.owner,
      lawyer: options.lawyer,
      ...(options.group === undefined ? {} : { collectionGroup: options.group }),
      rulePack: options.rulePack,
      paymentReference,
    });
    for (const [index, invoice] of options.invoices.entries())
      add({
        type: "claim.added",
        at: opened,
        claim: {
          id: `F${index + 1}`,
          invoiceNumber: invoice.number,
          invoiceDate: day(-invoice.dueDaysAgo - 30),
          dueDate: day(-invoice.dueDaysAgo),
          amount: invoice.amount,
        },
      });
    add({ type: "scenario.started", at: opened, scenarioId: options.scenarioId });
    options.later(add);
    cases.push({
      tenantId,
      caseId,
      stage: options.stage,
      paymentReference,
      events: events as unknown as CaseEventJson[],
      ...(options.statementPayment === undefined
        ? {}
        : { statementPayment: options.statementPayment }),
    });
  }

  const acme = { id: DEMO_CLIENTS.beB2b, name: "Acme Bouw NV" };
  const fit = { id: DEMO_CLIENTS.beConsumer, name: "FitLife Fitnesscentra BV" };
  const hh = { id: DEMO_CLIENTS.nlB2b, name: "Hollandse Handel B.V." };
  const BE = DEMO_TENANTS.belgium;
  const NL = DEMO_TENANTS.netherlands;
  const clerk = "be-clerk";
  const lawyer = "Mr. Marc Dubois";
  const b2b = {
    rulePack: "be.b2b" as const,
    scenarioId: "be-b2b",
    owner: clerk,
    lawyer,
    group: "construction",
  };
  const [janssens, legrand, maes, dupont, vermeulen, claes, simon] = BE_B2B_DEBTORS as [
    Debtor,
    Debtor,
    Debtor,
    Debtor,
    Debtor,
    Debtor,
    Debtor,
  ];

  // New: the first reminder is due (due date + 7 days) and waits on today's agenda.
  open(BE, acme, janssens, {
    ...b2b,
    stage: "new",
    openedDaysAgo: 2,
    invoices: [{ number: "AB-2026-0412", amount: "4235.00", dueDaysAgo: 9 }],
    later: () => {},
    statementPayment: "4235.00",
  });
  open(BE, acme, legrand, {
    ...b2b,
    stage: "new",
    openedDaysAgo: 1,
    invoices: [
      { number: "AB-2026-0433", amount: "1180.50", dueDaysAgo: 8 },
      { number: "AB-2026-0451", amount: "612.40", dueDaysAgo: 8 },
    ],
    later: () => {},
  });
  // Reminded: the reminder went out 16 days ago; the formal notice is due.
  open(BE, acme, maes, {
    ...b2b,
    stage: "reminded",
    openedDaysAgo: 20,
    invoices: [{ number: "AB-2026-0301", amount: "2890.00", dueDaysAgo: 27 }],
    later: (add) => {
      add({ type: "action.done", at: day(-20), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-20), channel: "email" });
    },
    statementPayment: "1000.00",
  });
  // Formal notice sent: the phone call is due.
  open(BE, acme, dupont, {
    ...b2b,
    stage: "notice",
    openedDaysAgo: 45,
    invoices: [{ number: "AB-2026-0188", amount: "7650.00", dueDaysAgo: 52 }],
    later: (add) => {
      add({ type: "action.done", at: day(-45), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-45), channel: "email" });
      add({ type: "action.done", at: day(-30), step: 2, result: "registered letter posted" });
      add({ type: "notice.sent", at: day(-30), channel: "registered-post" });
    },
  });
  // Payment plan agreed after the notice.
  open(BE, acme, vermeulen, {
    ...b2b,
    stage: "plan",
    openedDaysAgo: 80,
    invoices: [{ number: "AB-2025-1190", amount: "3600.00", dueDaysAgo: 90 }],
    later: (add) => {
      add({ type: "action.done", at: day(-80), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-80), channel: "email" });
      add({ type: "action.done", at: day(-66), step: 2, result: "registered letter posted" });
      add({ type: "notice.sent", at: day(-66), channel: "registered-post" });
      add({
        type: "plan.agreed",
        at: day(-40),
        planId: "PL1",
        description: "Six monthly instalments",
        plan: {
          id: "PL1",
          amount: "3600.00",
          agreedOn: day(-40),
          firstDueDate: day(-30),
          schedule: { count: 6 },
          frequency: "monthly",
          calendar: "be",
        },
        reminders: { channel: "email", before: [3] },
      });
      add({ type: "payment.received", at: day(-29), paymentId: "P1", amount: "600.00" });
    },
  });
  // Disputed: the debtor contests the work; the scenario waits.
  open(BE, acme, claes, {
    ...b2b,
    stage: "disputed",
    openedDaysAgo: 35,
    invoices: [{ number: "AB-2026-0222", amount: "1945.00", dueDaysAgo: 42 }],
    later: (add) => {
      add({ type: "action.done", at: day(-35), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-35), channel: "email" });
      add({
        type: "dispute.opened",
        at: day(-25),
        reason: "Debtor says the roof repair was not finished",
      });
      add({ type: "note.added", at: day(-25), text: "Asked the client for the delivery report" });
    },
  });
  // With the bailiff.
  open(BE, acme, simon, {
    ...b2b,
    stage: "bailiff",
    openedDaysAgo: 120,
    invoices: [{ number: "AB-2025-0950", amount: "9800.00", dueDaysAgo: 130 }],
    later: (add) => {
      add({ type: "action.done", at: day(-120), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-120), channel: "email" });
      add({ type: "action.done", at: day(-105), step: 2, result: "registered letter posted" });
      add({ type: "notice.sent", at: day(-105), channel: "registered-post" });
      add({ type: "action.done", at: day(-95), step: 3, result: "no answer" });
      add({ type: "action.done", at: day(-70), step: 4, result: "handed to the bailiff" });
      add({
        type: "bailiff.handover",
        at: day(-70),
        bailiff: "Gerechtsdeurwaarders Van Damme",
        phase: "amicable",
      });
    },
  });

  const consumer = {
    rulePack: "be.consumer" as const,
    scenarioId: "be-consumer",
    owner: clerk,
    lawyer,
    group: "fitness",
  };
  const [wouters, lambert, peeters, mertens] = BE_CONSUMER_DEBTORS as [
    Debtor,
    Debtor,
    Debtor,
    Debtor,
  ];
  // New consumer case: the free first reminder (Book XIX) is due.
  open(BE, fit, wouters, {
    ...consumer,
    stage: "new",
    openedDaysAgo: 1,
    invoices: [{ number: "FL-88321", amount: "89.00", dueDaysAgo: 4 }],
    later: () => {},
    statementPayment: "89.00",
  });
  // The free first reminder went out; the 14 days have run.
  open(BE, fit, lambert, {
    ...consumer,
    stage: "reminded",
    openedDaysAgo: 25,
    invoices: [{ number: "FL-87102", amount: "239.40", dueDaysAgo: 28 }],
    later: (add) => {
      add({ type: "action.done", at: day(-25), step: 1, result: "letter posted" });
      add({ type: "reminder.sent", at: day(-25), channel: "post", first: true });
    },
  });
  // A promise to pay.
  open(BE, fit, peeters, {
    ...consumer,
    stage: "promise",
    openedDaysAgo: 40,
    invoices: [{ number: "FL-86001", amount: "420.00", dueDaysAgo: 44 }],
    later: (add) => {
      add({ type: "action.done", at: day(-40), step: 1, result: "letter posted" });
      add({ type: "reminder.sent", at: day(-40), channel: "post", first: true });
      add({
        type: "promise.recorded",
        at: day(-5),
        promiseId: "PR1",
        amount: "200.00",
        dueDate: day(5),
      });
      add({
        type: "note.added",
        at: day(-5),
        text: "Debtor called; promises 200 EUR within ten days",
      });
    },
  });
  // Paid and closed.
  open(BE, fit, mertens, {
    ...consumer,
    stage: "closed",
    openedDaysAgo: 60,
    invoices: [{ number: "FL-84410", amount: "129.00", dueDaysAgo: 64 }],
    later: (add) => {
      add({ type: "action.done", at: day(-60), step: 1, result: "letter posted" });
      add({ type: "reminder.sent", at: day(-60), channel: "post", first: true });
      add({ type: "payment.received", at: day(-50), paymentId: "P1", amount: "129.00" });
      add({ type: "case.closed", at: day(-49), reason: "paid in full" });
    },
  });

  sequence = 0;
  const nlb2b = {
    rulePack: "nl.b2b" as const,
    scenarioId: "nl-b2b",
    owner: "nl-clerk",
    lawyer: "mr. A. Bakker",
    group: "groothandel",
  };
  const [bakker, smit, meijer, mulder] = NL_DEBTORS as [Debtor, Debtor, Debtor, Debtor];
  open(NL, hh, bakker, {
    ...nlb2b,
    stage: "new",
    openedDaysAgo: 2,
    invoices: [{ number: "HH-24017", amount: "5120.00", dueDaysAgo: 9 }],
    later: () => {},
  });
  open(NL, hh, smit, {
    ...nlb2b,
    stage: "reminded",
    openedDaysAgo: 18,
    invoices: [{ number: "HH-23990", amount: "1375.25", dueDaysAgo: 25 }],
    later: (add) => {
      add({ type: "action.done", at: day(-18), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-18), channel: "email" });
    },
  });
  open(NL, hh, meijer, {
    ...nlb2b,
    stage: "notice",
    openedDaysAgo: 40,
    invoices: [{ number: "HH-23801", amount: "8400.00", dueDaysAgo: 47 }],
    later: (add) => {
      add({ type: "action.done", at: day(-40), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-40), channel: "email" });
      add({ type: "action.done", at: day(-26), step: 2, result: "letter posted" });
      add({ type: "notice.sent", at: day(-26), channel: "post" });
    },
  });
  open(NL, hh, mulder, {
    ...nlb2b,
    stage: "closed",
    openedDaysAgo: 50,
    invoices: [{ number: "HH-23700", amount: "990.00", dueDaysAgo: 57 }],
    later: (add) => {
      add({ type: "action.done", at: day(-50), step: 1, result: "e-mail sent" });
      add({ type: "reminder.sent", at: day(-50), channel: "email" });
      add({ type: "payment.received", at: day(-41), paymentId: "P1", amount: "990.00" });
      add({ type: "case.closed", at: day(-40), reason: "paid in full" });
    },
  });
  return cases;
}
