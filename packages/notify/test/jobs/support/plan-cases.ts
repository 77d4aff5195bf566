import type { CaseEventJson, CaseStore, PlanRequestJson, StoreScope } from "@incasso/core";

export const SCOPE: StoreScope = { tenantId: "firm-1" };

export const meta = (id: string, at: string) => ({
  id,
  at,
  recordedAt: `${at}T09:00:00Z`,
  by: "clerk",
});

/** 900.00 in three monthly instalments: 2 March, 2 April, 4 May 2026 (1 May is a holiday). */
export const THREE_MONTHS: PlanRequestJson = {
  id: "plan-1",
  amount: "900.00",
  agreedOn: "2026-02-10",
  firstDueDate: "2026-03-02",
  frequency: "monthly",
  schedule: { count: 3 },
};

export interface CaseSpec {
  readonly caseId: string;
  readonly owner?: string;
  readonly contacts?: readonly {
    id: string;
    kind: "email" | "phone" | "address";
    value: string;
  }[];
  readonly plan?: PlanRequestJson;
  readonly reminders?: {
    channel: "email" | "sms";
    before?: number[];
    onDay?: boolean;
    after?: number[];
    fallbackChannel?: "email" | "sms";
  };
  readonly language?: "nl" | "fr" | "en";
  readonly more?: readonly CaseEventJson[];
}

/** The events of a case: opened on 10 January 2026 with one claim of 900.00, maybe a plan. */
export function planCase(spec: CaseSpec): CaseEventJson[] {
  const contacts = spec.contacts ?? [
    { id: "M1", kind: "email" as const, value: `${spec.caseId.toLowerCase()}@example.be` },
    { id: "T1", kind: "phone" as const, value: "+32470123456" },
  ];
  return [
    {
      ...meta("e1", "2026-01-10"),
      type: "case.opened",
      caseNumber: `2026/${spec.caseId}`,
      client: { id: "acme", name: "Acme NV" },
      debtors: [
        {
          id: `D-${spec.caseId}`,
          kind: "natural-person",
          name: "Jan Peeters",
          language: spec.language ?? "nl",
          consumer: true,
          contacts: contacts.map((c) => ({ ...c, source: "client", date: "2026-01-10" })),
        },
      ],
      owner: spec.owner ?? "an.peeters",
      lawyer: "an.peeters",
      rulePack: "be.b2b",
    },
    {
      ...meta("e2", "2026-01-10"),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: "F-1",
        invoiceDate: "2025-11-01",
        dueDate: "2025-12-01",
        amount: "900.00",
      },
    },
    ...(spec.plan
      ? [
          {
            ...meta("e3", spec.plan.agreedOn ?? "2026-02-10"),
            type: "plan.agreed" as const,
            planId: spec.plan.id ?? "plan",
            description: "a payment plan",
            plan: spec.plan,
            ...(spec.reminders ? { reminders: spec.reminders } : {}),
          },
        ]
      : []),
    ...(spec.more ?? []),
  ];
}

/** Creates the client and the cases in a store. */
export async function seed(store: CaseStore, cases: readonly CaseSpec[]): Promise<void> {
  await store.putClient(SCOPE, { id: "acme", name: "Acme NV" });
  for (const spec of cases)
    await store.append(SCOPE, {
      caseId: spec.caseId,
      expectedVersion: 0,
      events: planCase(spec),
      asOf: "2026-02-10",
    });
}
