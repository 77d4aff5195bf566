import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseEventJson, LetterContext, LetterRequest, PlanProposal } from "@incasso/core";
import { letterContext, proposePlan } from "@incasso/core";

const EXAMPLES = join(import.meta.dirname, "..", "..", "..", "examples", "cases");

/** The events of an example case of the repository (examples/cases). */
export const exampleEvents = (name: string): CaseEventJson[] =>
  JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")).events;

const meta = { recordedAt: "2026-01-02T09:00:00Z", by: "clerk" };

/** A Dutch consumer case: one invoice of 3,000.00, a betalingskenmerk (as in the core's tests). */
export const nlCase = (language: "nl" | "fr" | "en" = "nl"): CaseEventJson[] => [
  {
    id: "e1",
    type: "case.opened",
    at: "2026-09-01",
    ...meta,
    caseNumber: "NL-2026-0001",
    client: { id: "C1", name: "Installatiebedrijf De Vries BV", reference: "DV-77" },
    debtors: [
      {
        id: "D1",
        kind: "natural-person",
        name: "M. Bakker",
        language,
        consumer: true,
        contacts: [
          {
            id: "a1",
            kind: "address",
            value: "Kerkstraat 1; 1017 GA Amsterdam",
            source: "client",
            date: "2026-09-01",
          },
        ],
      },
    ],
    owner: "k.devries",
    lawyer: "mr. Jansen",
    rulePack: "nl.consumer",
    paymentReference: "5000056789012345",
  } as CaseEventJson,
  {
    id: "e2",
    type: "claim.added",
    at: "2026-09-01",
    ...meta,
    claim: {
      id: "F1",
      invoiceNumber: "2026-0311",
      invoiceDate: "2026-08-01",
      dueDate: "2026-08-31",
      amount: "3000.00",
      description: "CV-ketel",
    },
  },
];

/** The Belgian consumer example with the debtor's language set and its reminders left out. */
export const beConsumerCase = (language: "nl" | "fr" | "en"): CaseEventJson[] => {
  const events = exampleEvents("be-consumer.json");
  const opened = { ...(events[0] as object) } as CaseEventJson & {
    debtors: { language: string; contacts: object[] }[];
  };
  opened.debtors = opened.debtors.map((debtor) => ({ ...debtor, language }));
  return [opened, ...events.slice(1).filter((event) => event.type !== "reminder.sent")];
};

/** The Belgian B2B example with the debtor's language set. */
export const beB2bCase = (language: "nl" | "fr" | "en"): CaseEventJson[] => {
  const events = exampleEvents("be-b2b.json");
  const opened = { ...(events[0] as object) } as CaseEventJson & {
    debtors: { language: string }[];
  };
  opened.debtors = opened.debtors.map((debtor) => ({ ...debtor, language }));
  return [opened, ...events.slice(1)];
};

export const beCreditor = {
  name: "Bouwwerken Peeters BV",
  addressLines: ["Meir 12", "2000 Antwerpen"],
  enterpriseNumber: "0403.170.701",
  iban: "BE71096123456769",
  bic: "GKCCBEBB",
  email: "invordering@peeters.example.be",
} satisfies LetterRequest["creditor"];

export const nlCreditor = {
  name: "Installatiebedrijf De Vries BV",
  addressLines: ["Damrak 1", "1012 LG Amsterdam"],
  iban: "NL91ABNA0417164300",
} satisfies LetterRequest["creditor"];

/** A plan of 6 monthly instalments for a balance. */
export function planFor(amount: string, firstDueDate: string): PlanProposal {
  const result = proposePlan({
    amount,
    firstDueDate,
    frequency: "monthly",
    schedule: { count: 6 },
    fee: "25.00",
  });
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

/** The input of a letter: the case's events, the request and the options of `letterContext`. */
export interface LetterInput {
  readonly events: CaseEventJson[];
  readonly request: LetterRequest;
  readonly options: Parameters<typeof letterContext>[2];
}

/**
 * The input of each starter letter in a language, on a case that fits it: the Belgian consumer
 * case for the Book XIX reminder, the civil notice and the plan; the Belgian B2B case for the B2B
 * notice, the reminder, the statement and the bailiff; the Dutch case for the 14-day letter (its
 * BIK raised by 21 % VAT).
 */
export function starterInput(name: string, language: "nl" | "fr" | "en"): LetterInput {
  const input = (
    events: CaseEventJson[],
    request: LetterRequest,
    options: LetterInput["options"] = {},
  ): LetterInput => ({ events, request, options });
  switch (name) {
    case "book19-first-reminder":
      return input(beConsumerCase(language), {
        kind: "book19-first-reminder",
        date: "2026-12-01",
        creditor: beCreditor,
      });
    case "reminder":
      return input(beB2bCase(language), {
        kind: "reminder",
        date: "2026-02-10",
        creditor: beCreditor,
      });
    case "formal-notice-b2b":
      return input(beB2bCase(language), {
        kind: "formal-notice",
        date: "2026-02-10",
        channel: "registered-post",
        creditor: beCreditor,
      });
    case "formal-notice-civil":
      return input(beConsumerCase(language), {
        kind: "formal-notice",
        date: "2026-03-02",
        channel: "registered-post",
        creditor: beCreditor,
      });
    case "letter14":
      return input(
        nlCase(language),
        { kind: "letter14", date: "2026-11-27", channel: "post", creditor: nlCreditor },
        { policy: { bikVatPercent: "21" } },
      );
    case "plan-agreement":
    case "instalment-reminder-email":
    case "instalment-reminder-sms": {
      const events = beConsumerCase(language);
      const base = letterContext(events, {
        kind: "statement",
        date: "2026-03-02",
        creditor: beCreditor,
      });
      return input(
        events,
        {
          kind: name === "plan-agreement" ? "plan-agreement" : "instalment-reminder",
          date: "2026-03-02",
          channel: name === "plan-agreement" ? "post" : "email",
          creditor: beCreditor,
        },
        { plan: planFor(base.totals.balance.value, "2026-04-01") },
      );
    }
    case "statement":
      return input(beB2bCase(language), {
        kind: "statement",
        date: "2026-02-10",
        creditor: beCreditor,
      });
    default:
      return input(beB2bCase(language), {
        kind: "bailiff",
        date: "2026-03-02",
        creditor: beCreditor,
      });
  }
}

/** The letter context of a starter letter's input (see {@link starterInput}). */
export function starterContext(name: string, language: "nl" | "fr" | "en"): LetterContext {
  const { events, request, options } = starterInput(name, language);
  return letterContext(events, request, options);
}

/** Every amount, date and reference a letter's context gives for the letter's own lines. */
export function figuresOf(context: LetterContext): string[] {
  return [
    context.totals.balance.text,
    context.date.text,
    context.references.ours,
    ...(context.references.payment === null ? [] : [context.references.payment.text]),
    ...context.claims.flatMap((claim) => [
      claim.invoiceNumber,
      claim.dueDate.text,
      claim.open.text,
    ]),
  ];
}
