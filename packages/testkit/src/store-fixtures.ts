import type { CaseEventJson, ScenarioInput } from "@incasso/core";

const recorded = (at: string) => `${at}T09:00:00Z`;

/**
 * What {@link openedCase} varies: the event id, the client, owner, collection group, debtor, rule
 * pack and the legal date.
 *
 * @example
 * ```ts
 * import type { OpenedCaseOptions } from "@incasso/testkit";
 * const options: OpenedCaseOptions = { client: "acme", owner: "an.peeters" };
 * ```
 */
export interface OpenedCaseOptions {
  readonly id?: string;
  readonly client?: string;
  readonly caseNumber?: string;
  readonly owner?: string;
  readonly collectionGroup?: string;
  readonly debtor?: string;
  readonly rulePack?: "be.b2b" | "be.civil" | "be.consumer";
  readonly at?: string;
}

/**
 * A `case.opened` event of a Belgian business case, for store tests.
 *
 * @example
 * ```ts
 * import { openedCase } from "@incasso/testkit";
 * const event = openedCase({ client: "acme", owner: "an.peeters" });
 * ```
 */
export function openedCase(options: OpenedCaseOptions = {}): CaseEventJson {
  const at = options.at ?? "2025-10-01";
  const debtor = options.debtor ?? "D1";
  return {
    id: options.id ?? "open",
    type: "case.opened",
    at,
    recordedAt: recorded(at),
    by: "clerk",
    caseNumber: options.caseNumber ?? "2025/00001",
    client: { id: options.client ?? "acme", name: "Acme NV" },
    debtors: [
      {
        id: debtor,
        kind: "legal-person",
        name: `Debtor ${debtor} BV`,
        language: "nl",
        consumer: false,
        contacts: [
          {
            id: `${debtor}-mail`,
            kind: "email",
            value: `${debtor.toLowerCase()}@example.be`,
            current: true,
            source: "client",
            date: at,
          },
        ],
      },
    ],
    owner: options.owner ?? "an.peeters",
    lawyer: "mr. De Smet",
    ...(options.collectionGroup === undefined ? {} : { collectionGroup: options.collectionGroup }),
    rulePack: options.rulePack ?? "be.b2b",
  };
}

/**
 * A `claim.added` event: an invoice of an amount due on a date.
 *
 * @example
 * ```ts
 * import { claimAdded } from "@incasso/testkit";
 * claimAdded("F1", "1250.00", "2025-09-30");
 * ```
 */
export function claimAdded(id: string, amount: string, dueDate: string, at = "2025-10-01") {
  return {
    id: `claim-${id}`,
    type: "claim.added",
    at,
    recordedAt: recorded(at),
    by: "clerk",
    claim: { id, invoiceNumber: `INV-${id}`, invoiceDate: at, dueDate, amount },
  } satisfies CaseEventJson;
}

/**
 * A `payment.received` event.
 *
 * @example
 * ```ts
 * import { paymentReceived } from "@incasso/testkit";
 * paymentReceived("P1", "100.00", "2025-11-15");
 * ```
 */
export function paymentReceived(id: string, amount: string, at: string) {
  return {
    id: `payment-${id}`,
    type: "payment.received",
    at,
    recordedAt: recorded(at),
    by: "clerk",
    paymentId: id,
    amount,
  } satisfies CaseEventJson;
}

/**
 * A `promise.recorded` event: the debtor promises an amount by a date.
 *
 * @example
 * ```ts
 * import { promiseRecorded } from "@incasso/testkit";
 * promiseRecorded("R1", "200.00", "2025-12-01", "2025-11-20");
 * ```
 */
export function promiseRecorded(id: string, amount: string, dueDate: string, at: string) {
  return {
    id: `promise-${id}`,
    type: "promise.recorded",
    at,
    recordedAt: recorded(at),
    by: "clerk",
    promiseId: id,
    amount,
    dueDate,
  } satisfies CaseEventJson;
}

/**
 * A `note.added` event (a phone call noted, say).
 *
 * @example
 * ```ts
 * import { noteAdded } from "@incasso/testkit";
 * noteAdded("n1", "2025-11-02", "Called, no answer");
 * ```
 */
export function noteAdded(id: string, at: string, text = "Called the debtor") {
  return {
    id,
    type: "note.added",
    at,
    recordedAt: recorded(at),
    by: "clerk",
    text,
  } satisfies CaseEventJson;
}

/**
 * A `scenario.started` event.
 *
 * @example
 * ```ts
 * import { scenarioStarted } from "@incasso/testkit";
 * scenarioStarted("be-reminders", "2025-10-01");
 * ```
 */
export function scenarioStarted(scenarioId: string, at: string) {
  return {
    id: `scenario-${scenarioId}-${at}`,
    type: "scenario.started",
    at,
    recordedAt: recorded(at),
    by: "clerk",
    scenarioId,
  } satisfies CaseEventJson;
}

/**
 * A small scenario for store tests: an automatic e-mail reminder 7 days after the due date, a
 * formal notice 14 days later (approval required) and a call 7 business days after that.
 *
 * @example
 * ```ts
 * import { reminderScenario } from "@incasso/testkit";
 * reminderScenario().steps.length; // 3
 * ```
 */
export function reminderScenario(version = 1): ScenarioInput {
  return {
    id: "be-reminders",
    version,
    name: "Reminders",
    calendar: "be",
    activities: [
      {
        code: "REM1",
        description: { nl: "Herinnering", fr: "Rappel", en: "Reminder" },
        kind: "email",
        template: "be-reminder",
        channel: "email",
        fallbackChannel: "post",
      },
      {
        code: "NOTICE",
        description: { nl: "Ingebrekestelling", fr: "Mise en demeure", en: "Formal notice" },
        kind: "formal-notice",
        template: "be-formal-notice",
        channel: "registered-post",
      },
      {
        code: "CALL",
        description: { nl: "Telefonisch contact", fr: "Appel", en: "Phone call" },
        kind: "call",
        channel: "phone",
      },
    ],
    steps: [
      { activity: "REM1", wait: { days: 7 }, after: "due-date", approval: "automatic" },
      { activity: "NOTICE", wait: { days: 14 } },
      { activity: "CALL", wait: { days: 7, unit: "business" } },
    ],
  };
}

/**
 * The events of a typical open case: opened, one or two claims, optionally a payment, a promise
 * and a scenario, shaped by a seed number so that lists have varied balances and dates.
 *
 * @example
 * ```ts
 * import { sampleCase } from "@incasso/testkit";
 * const events = sampleCase(7, { client: "acme" });
 * ```
 */
export function sampleCase(seed: number, options: OpenedCaseOptions = {}): CaseEventJson[] {
  const day = String(1 + (seed % 28)).padStart(2, "0");
  const month = String(1 + (seed % 9)).padStart(2, "0");
  const amount = `${100 + ((seed * 37) % 900)}.${String((seed * 13) % 100).padStart(2, "0")}`;
  const events: CaseEventJson[] = [
    openedCase({ caseNumber: `2025/${String(seed).padStart(5, "0")}`, ...options }),
    claimAdded("F1", amount, `2025-${month}-${day}`),
  ];
  if (seed % 2 === 0) events.push(claimAdded("F2", "75.50", "2025-09-15"));
  if (seed % 3 === 0) events.push(paymentReceived("P1", "50.00", "2025-10-20"));
  if (seed % 4 === 1) events.push(promiseRecorded("R1", "60.00", `2025-12-${day}`, "2025-10-25"));
  if (seed % 5 === 2) events.push(noteAdded("n1", `2025-10-${day}`));
  if (seed % 2 === 1) events.push(scenarioStarted("be-reminders", "2025-10-01"));
  return events;
}
