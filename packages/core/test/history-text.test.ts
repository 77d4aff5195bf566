// The history of a case in words, in Dutch, French and English: every event type has its line in
// each language, amounts and dates are written as a reader of that language reads them (checked
// against the host's own locale data, an independent oracle), and free texts are quoted as
// recorded. The English line is the history's text.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { CaseEvent, CaseEventJson } from "../src/index.js";
import {
  caseEventSchema,
  describeCaseEvent,
  foldCase,
  parseAmount,
  Temporal,
} from "../src/index.js";

const envelope = (id: string, at = "2026-03-05") => ({
  id,
  at,
  recordedAt: `${at}T09:00:00Z`,
  by: "an.peeters",
});
const sha256 = "ab".repeat(32);

/** One event of every type; a new event type fails to compile here until it has its example. */
const EXAMPLES = {
  "case.opened": {
    type: "case.opened",
    caseNumber: "2026/00001",
    client: { id: "acme", name: "Acme NV" },
    debtors: [
      { id: "D1", kind: "legal-person", name: "Debtor BV", language: "nl", consumer: false },
    ],
    owner: "an.peeters",
    lawyer: "mr.janssens",
    rulePack: "be.b2b",
  },
  "claim.added": {
    type: "claim.added",
    claim: {
      id: "F1",
      invoiceNumber: "2026-001",
      invoiceDate: "2026-01-02",
      dueDate: "2026-02-01",
      amount: "1234.50",
    },
  },
  "claim.corrected": {
    type: "claim.corrected",
    claimId: "F1",
    changes: { amount: "1200.00", dueDate: "2026-02-15" },
    reason: "credit note 2026-009",
  },
  "payment.received": { type: "payment.received", paymentId: "P1", amount: "250.00" },
  "payment.reversed": { type: "payment.reversed", paymentId: "P1", reason: "returned by the bank" },
  "charge.added": {
    type: "charge.added",
    chargeId: "K1",
    kind: "cost",
    amount: "40.00",
    description: "registry extract",
  },
  "reminder.sent": { type: "reminder.sent", channel: "post", first: true, cost: "7.50" },
  "notice.sent": { type: "notice.sent", channel: "registered-post" },
  "letter14.sent": { type: "letter14.sent", channel: "email", statedExpiry: "2026-04-01" },
  "document.produced": {
    type: "document.produced",
    kind: "statement",
    channel: "none",
    document: { sha256, template: "statement", format: "pdf" },
  },
  "anatocism.demanded": { type: "anatocism.demanded", basis: "judicial-demand" },
  "promise.recorded": {
    type: "promise.recorded",
    promiseId: "B1",
    amount: "500.00",
    dueDate: "2026-04-01",
  },
  "promise.kept": { type: "promise.kept", promiseId: "B1" },
  "promise.broken": { type: "promise.broken", promiseId: "B1" },
  "dispute.opened": { type: "dispute.opened", reason: "goods not delivered" },
  "dispute.closed": { type: "dispute.closed", outcome: "delivery proven" },
  "insolvency.registered": { type: "insolvency.registered", kind: "bankruptcy" },
  "plan.agreed": {
    type: "plan.agreed",
    planId: "PL1",
    description: "six monthly instalments",
  },
  "plan.defaulted": { type: "plan.defaulted", planId: "PL1" },
  "plan.cancelled": { type: "plan.cancelled", planId: "PL1", reason: "paid in full" },
  "scenario.started": { type: "scenario.started", scenarioId: "standard" },
  "action.done": { type: "action.done", step: 2, result: "called, no answer" },
  "action.rescheduled": { type: "action.rescheduled", step: 2, to: "2026-04-10" },
  "action.cancelled": { type: "action.cancelled", step: 3, reason: "plan agreed" },
  "action.ordered": {
    type: "action.ordered",
    actionId: "A1",
    activity: "CALL",
    dueDate: "2026-03-10",
  },
  "extra-action.done": { type: "extra-action.done", actionId: "A1", result: "reached" },
  "message.sent": {
    type: "message.sent",
    channel: "sms",
    outboxKey: "o1",
    messageId: "m1",
    to: "+32470123456",
    template: "reminder",
  },
  "message.failed": {
    type: "message.failed",
    channel: "email",
    outboxKey: "o2",
    permanent: true,
    reason: "550 unknown user",
  },
  "mail.returned": { type: "mail.returned", channel: "post", reason: "moved" },
  "bailiff.handover": { type: "bailiff.handover", bailiff: "Office Dewit", packageId: "PK1" },
  "bailiff.returned": { type: "bailiff.returned", bailiff: "Office Dewit", reason: "no assets" },
  "case.written-off": { type: "case.written-off", reason: "debtor unreachable" },
  "case.reinstated": { type: "case.reinstated", reason: "new address found" },
  "case.closed": { type: "case.closed", reason: "paid" },
  "case.suspended": { type: "case.suspended", reason: "client's request", until: "2026-05-01" },
  "case.resumed": { type: "case.resumed", reason: "client agrees" },
  "case.owner-assigned": { type: "case.owner-assigned", owner: "bo.claes", reason: "holiday" },
  "note.added": { type: "note.added", text: "debtor phoned" },
  "contact.added": {
    type: "contact.added",
    debtorId: "D1",
    contact: {
      id: "c1",
      kind: "address",
      value: "Kerkstraat 1, 2000 Antwerpen",
      source: "registry",
      date: "2026-03-05",
    },
  },
  "contact.retired": { type: "contact.retired", debtorId: "D1", contactId: "c1" },
  "fields.set": { type: "fields.set", values: { segment: "retail" } },
} satisfies {
  [T in CaseEvent["type"]]: Omit<
    Extract<CaseEventJson, { type: T }>,
    "id" | "at" | "recordedAt" | "by"
  >;
};

const eventOf = (body: object, id = "e1", at?: string): CaseEvent =>
  caseEventSchema.parse({ ...envelope(id, at), ...body });

const LANGUAGES = ["nl", "fr", "en"] as const;
const LOCALES = { nl: "nl-BE", fr: "fr-BE" } as const;

/** A date as the host's locale data writes it (French writes the first of the month "1er"). */
function oracleDate(iso: string, language: "nl" | "fr"): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const written = new Intl.DateTimeFormat(LOCALES[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, day)));
  return language === "fr" && day === 1 ? written.replace(/^1 /, "1er ") : written;
}

describe("describeCaseEvent", () => {
  it("pins the lines a Dutch and a French reader see", () => {
    const payment = eventOf({ type: "payment.received", paymentId: "P1", amount: "1250.00" });
    expect(describeCaseEvent(payment, "nl")).toBe("betaling P1 van € 1.250,00 ontvangen");
    expect(describeCaseEvent(payment, "fr")).toBe("paiement P1 de 1\u202f250,00\u00a0€ reçu");
    expect(describeCaseEvent(payment, "en")).toBe("payment P1 of 1250.00 received");

    const claim = eventOf(EXAMPLES["claim.added"]);
    expect(describeCaseEvent(claim, "nl")).toBe(
      "vordering F1: factuur 2026-001 van € 1.234,50, vervallen op 1 februari 2026",
    );
    expect(describeCaseEvent(claim, "fr")).toBe(
      "créance F1\u00a0: facture 2026-001 de 1\u202f234,50\u00a0€, échue le 1er février 2026",
    );
    const reminder = eventOf(EXAMPLES["reminder.sent"]);
    expect(describeCaseEvent(reminder, "nl")).toBe(
      "eerste herinnering verstuurd per gewone post (kosten € 7,50)",
    );
    expect(describeCaseEvent(reminder, "fr")).toBe(
      "premier rappel envoyé par courrier ordinaire (frais 7,50\u00a0€)",
    );
    const letter = eventOf(EXAMPLES["letter14.sent"]);
    expect(describeCaseEvent(letter, "nl")).toBe(
      "veertiendagenbrief verstuurd per e-mail, met als laatste betaaldag 1 april 2026",
    );
    const suspended = eventOf(EXAMPLES["case.suspended"]);
    expect(describeCaseEvent(suspended, "nl")).toBe(
      "invordering opgeschort tot 1 mei 2026: client's request",
    );
    expect(describeCaseEvent(suspended, "fr")).toBe(
      "recouvrement suspendu jusqu'au 1er mai 2026\u00a0: client's request",
    );
    const corrected = eventOf(EXAMPLES["claim.corrected"]);
    expect(describeCaseEvent(corrected, "nl")).toBe(
      "vordering F1 verbeterd: bedrag, vervaldag (credit note 2026-009)",
    );
    expect(describeCaseEvent(eventOf(EXAMPLES["notice.sent"]), "fr")).toBe(
      "mise en demeure envoyée par recommandé",
    );
    const nameOf = (id: string) => (id === "bo.claes" ? "Bo Claes" : id);
    expect(describeCaseEvent(eventOf(EXAMPLES["case.owner-assigned"]), "fr", { nameOf })).toBe(
      "gestionnaire désormais Bo Claes (holiday)",
    );
    // A letter handed over in person is not "sent"; French participles agree with the letter.
    const byHand = { ...EXAMPLES["notice.sent"], channel: "hand-delivered" };
    expect(describeCaseEvent(eventOf(byHand), "nl")).toBe(
      "ingebrekestelling persoonlijk overhandigd",
    );
    expect(describeCaseEvent(eventOf(byHand), "fr")).toBe(
      "mise en demeure remise en mains propres",
    );
    expect(
      describeCaseEvent(eventOf({ ...EXAMPLES["reminder.sent"], channel: "hand-delivered" }), "fr"),
    ).toBe("premier rappel remis en mains propres (frais 7,50\u00a0€)");
    // Capitalisation of interest in the words of the statute (old Civil Code art. 1154).
    const anatocism = eventOf(EXAMPLES["anatocism.demanded"]);
    expect(describeCaseEvent(anatocism, "nl")).toBe(
      "kapitalisatie van de interest gevorderd (gerechtelijke aanmaning)",
    );
    expect(describeCaseEvent(anatocism, "fr")).toBe(
      "capitalisation des intérêts demandée (demande judiciaire)",
    );
    expect(describeCaseEvent(eventOf(EXAMPLES["document.produced"]), "nl")).toMatch(
      /^document "statement" opgemaakt \(pdf, statement, sha256 abababababab…\), niet te verzenden$/,
    );
    expect(describeCaseEvent(eventOf(EXAMPLES["promise.recorded"]), "nl")).toBe(
      "belofte B1 om uiterlijk op 1 april 2026 € 500,00 te betalen",
    );
    expect(describeCaseEvent(eventOf(EXAMPLES["case.opened"]), "en", { nameOf })).toBe(
      "case 2026/00001 opened for Acme NV (be.b2b), owner an.peeters",
    );
    expect(describeCaseEvent(eventOf(EXAMPLES["bailiff.handover"]), "nl")).toBe(
      "overgedragen aan gerechtsdeurwaarder Office Dewit (pakket PK1)",
    );
  });

  it("gives every event type a line in every language, the English one being the history's text", () => {
    const events = Object.values(EXAMPLES).map((body, index) => eventOf(body, `e${index + 1}`));
    const state = foldCase(events, Temporal.PlainDate.from("2026-12-31"));
    const texts = new Map(state.history.map((entry) => [entry.eventId, entry.text]));
    for (const event of events) {
      const lines = LANGUAGES.map((language) => describeCaseEvent(event, language));
      for (const line of lines) {
        expect(line.length, event.type).toBeGreaterThan(5);
        expect(line, event.type).not.toMatch(/undefined|null|\[object|NaN/);
      }
      // Each language its own words: no line is another language's.
      expect(new Set(lines).size, event.type).toBe(3);
      expect(lines[2]).toBe(texts.get(event.id));
    }
  });

  const cents = fc.bigInt({ min: 0n, max: 99_999_999_999_999n });
  const amountText = cents.map((value) => {
    const text = value.toString().padStart(3, "0");
    return `${text.slice(0, -2)}.${text.slice(-2)}`;
  });
  const amountEvents = (amount: string) => [
    { type: "payment.received", paymentId: "P1", amount },
    { ...EXAMPLES["claim.added"], claim: { ...EXAMPLES["claim.added"].claim, amount } },
    { ...EXAMPLES["charge.added"], amount },
    { ...EXAMPLES["promise.recorded"], amount },
    { ...EXAMPLES["reminder.sent"], cost: amount },
  ];

  test.prop([amountText, fc.constantFrom("nl" as const, "fr" as const)])(
    "a history line states an amount in the reader's own notation, and it reads back to the amount recorded",
    (amount, language) => {
      for (const body of amountEvents(amount)) {
        const line = describeCaseEvent(eventOf(body), language);
        const written =
          language === "nl"
            ? /€ ([\d.]+,\d\d)/.exec(line)?.[1]
            : /(\d[\d\u202f]*,\d\d)[\s\u00a0\u202f]€/.exec(line)?.[1];
        expect(written, line).toBeDefined();
        expect(parseAmount(written as string, { decimalSeparator: "," }).toFixed(2)).toBe(amount);
      }
    },
  );

  const isoDay = fc
    .date({
      min: new Date("1990-01-01T00:00:00Z"),
      max: new Date("2099-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));
  test.prop([isoDay, fc.constantFrom("nl" as const, "fr" as const)])(
    "a history line writes a date as a reader of its language writes it",
    (day, language) => {
      const bodies = [
        { ...EXAMPLES["promise.recorded"], dueDate: day },
        { ...EXAMPLES["action.rescheduled"], to: day },
        { ...EXAMPLES["action.ordered"], dueDate: day },
        { ...EXAMPLES["case.suspended"], until: day },
        { ...EXAMPLES["letter14.sent"], statedExpiry: day },
      ];
      for (const body of bodies) {
        const line = describeCaseEvent(eventOf(body), language);
        expect(line).toContain(oracleDate(day, language));
      }
    },
  );

  const freeText = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((text) => text.trim() === text && text.length > 0);
  test.prop([freeText, fc.constantFrom(...LANGUAGES)])(
    "the reasons and notes an event carries are quoted as they were recorded, in every language",
    (text, language) => {
      const bodies = [
        { type: "note.added", text },
        { type: "dispute.opened", reason: text },
        { type: "case.closed", reason: text },
        { ...EXAMPLES["payment.reversed"], reason: text },
        { ...EXAMPLES["bailiff.returned"], reason: text },
      ];
      for (const body of bodies) {
        const parsed = caseEventSchema.safeParse({ ...envelope("e1"), ...body });
        if (!parsed.success) continue;
        expect(describeCaseEvent(parsed.data, language)).toContain(
          parsed.data.type === "note.added"
            ? parsed.data.text
            : (parsed.data as { reason: string }).reason,
        );
      }
    },
  );
});
