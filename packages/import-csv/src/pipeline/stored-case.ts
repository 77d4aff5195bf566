import type { CaseEventJson } from "@incasso/core";

/** A claim as the case holds it now: as added, with every correction applied. */
export interface StoredClaim {
  amount: string;
  invoiceDate: string;
  dueDate: string;
  description: string | undefined;
}

/** A debtor's contact as the case holds it. */
export interface StoredContact {
  readonly id: string;
  readonly kind: "address" | "email" | "phone";
  readonly value: string;
  current: boolean;
}

/** What an import compares rows with: the case's claims, payments, contacts and event ids. */
export interface StoredCase {
  readonly clientId: string;
  readonly caseNumber: string;
  readonly owner: string;
  readonly debtorIds: string[];
  readonly claims: Map<string, StoredClaim>;
  readonly payments: Map<string, { amount: string; at: string }>;
  readonly contacts: Map<string, StoredContact[]>;
  readonly eventIds: Set<string>;
}

/** Reads a case's stored events (in version order) into what an import compares with. */
export function storedCaseOf(events: readonly CaseEventJson[]): StoredCase | null {
  const first = events[0];
  if (first === undefined || first.type !== "case.opened") return null;
  const state: StoredCase = {
    clientId: first.client.id,
    caseNumber: first.caseNumber,
    owner: first.owner,
    debtorIds: first.debtors.map((debtor) => debtor.id),
    claims: new Map(),
    payments: new Map(),
    contacts: new Map(
      first.debtors.map((debtor) => [
        debtor.id,
        (debtor.contacts ?? []).map((contact) => ({
          id: contact.id,
          kind: contact.kind,
          value: contact.value,
          current: contact.current ?? true,
        })),
      ]),
    ),
    eventIds: new Set(),
  };
  for (const event of events) {
    state.eventIds.add(event.id);
    switch (event.type) {
      case "claim.added":
        state.claims.set(event.claim.id, {
          amount: event.claim.amount,
          invoiceDate: event.claim.invoiceDate,
          dueDate: event.claim.dueDate,
          description: event.claim.description,
        });
        break;
      case "claim.corrected": {
        const claim = state.claims.get(event.claimId);
        if (claim === undefined) break;
        if (event.changes.amount !== undefined) claim.amount = event.changes.amount;
        if (event.changes.dueDate !== undefined) claim.dueDate = event.changes.dueDate;
        if (event.changes.invoiceDate !== undefined) claim.invoiceDate = event.changes.invoiceDate;
        if (event.changes.description !== undefined) claim.description = event.changes.description;
        break;
      }
      case "payment.received":
        state.payments.set(event.paymentId, { amount: event.amount, at: event.at });
        break;
      case "payment.reversed":
        state.payments.delete(event.paymentId);
        break;
      case "contact.added": {
        const list = state.contacts.get(event.debtorId) ?? [];
        list.push({
          id: event.contact.id,
          kind: event.contact.kind,
          value: event.contact.value,
          current: event.contact.current ?? true,
        });
        state.contacts.set(event.debtorId, list);
        break;
      }
      case "contact.retired": {
        const contact = state.contacts.get(event.debtorId)?.find((c) => c.id === event.contactId);
        if (contact !== undefined) contact.current = false;
        break;
      }
      default:
        break;
    }
  }
  return state;
}
