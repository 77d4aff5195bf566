// Cases, messages and a controlled clock for the dispatcher's tests.
import type { CaseEventJson, CaseStore, OutboxMessageInput, StoreScope } from "@incasso/core";
import { Temporal } from "@incasso/core";

export const AS_OF = "2026-01-31";

/** A Belgian case (or of the rule pack given) with one debtor: an e-mail address and a mobile number, both current. */
export function openedCase(
  caseNumber: string,
  debtor: {
    readonly id?: string;
    readonly timeZone?: string;
    readonly email?: string | null;
    readonly phone?: string | null;
    readonly language?: "nl" | "fr" | "en";
    readonly business?: { readonly name: string };
    readonly rulePack?: "be.b2b" | "nl.b2b";
  } = {},
): CaseEventJson {
  const contacts = [
    ...(debtor.email === null
      ? []
      : [
          {
            id: "mail-1",
            kind: "email",
            value: debtor.email ?? "jan.peeters@example.be",
            source: "client",
            date: "2026-01-10",
          },
        ]),
    ...(debtor.phone === null
      ? []
      : [
          {
            id: "gsm-1",
            kind: "phone",
            value: debtor.phone ?? "+32470123456",
            source: "client",
            date: "2026-01-10",
          },
        ]),
  ];
  return {
    id: "open",
    at: "2026-01-10",
    recordedAt: "2026-01-10T09:00:00Z",
    by: "clerk",
    type: "case.opened",
    caseNumber,
    client: { id: "acme", name: "Acme NV" },
    debtors: [
      {
        id: debtor.id ?? "D1",
        kind: debtor.business === undefined ? "natural-person" : "legal-person",
        name: debtor.business?.name ?? "Jan Peeters",
        language: debtor.language ?? "nl",
        consumer: debtor.business === undefined,
        ...(debtor.timeZone === undefined ? {} : { timeZone: debtor.timeZone }),
        contacts,
      },
    ],
    owner: "an.peeters",
    lawyer: "an.peeters",
    rulePack: debtor.rulePack ?? "be.b2b",
  } as CaseEventJson;
}

/** An e-mail with its text, to the case's debtor. */
export function email(key: string, debtorId = "D1", extra: object = {}): OutboxMessageInput {
  return {
    key,
    kind: "send-email",
    payload: {
      debtorId,
      subject: `Reminder ${key}`,
      text: `Dear debtor,\n\nMessage ${key}.`,
      ...extra,
    },
  };
}

/** Opens a case and writes messages with a note, in one append. */
export async function caseWithMessages(
  store: CaseStore,
  scope: StoreScope,
  caseId: string,
  messages: readonly OutboxMessageInput[],
  debtor: Parameters<typeof openedCase>[1] = {},
): Promise<void> {
  if ((await store.getClient(scope, "acme")) === null)
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
  await store.append(scope, {
    caseId,
    expectedVersion: 0,
    events: [openedCase(`2026/${caseId}`, { id: `D-${caseId}`, ...debtor })],
    outbox: messages.map((m) => ({
      ...m,
      payload: { ...(m.payload as Record<string, unknown>), debtorId: `D-${caseId}` },
    })),
    asOf: AS_OF,
  });
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = Temporal.Instant.from(start);
  return {
    now: () => now,
    set: (at: Temporal.Instant | string) => {
      now = typeof at === "string" ? Temporal.Instant.from(at) : at;
    },
    advance: (duration: Temporal.DurationLike) => {
      now = now.add(duration);
    },
  };
}

/** A random source that repeats a fixed sequence (for the jitter). */
export function fixedRandom(values: readonly number[] = [0.5]) {
  let i = 0;
  return () => values[i++ % values.length] as number;
}
