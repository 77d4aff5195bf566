import type { CaseEventJson, DebtorInput, DebtorRecord } from "@incasso/core";
import type { ContactRowRecord, ContactValue } from "../records.js";
import { say } from "./localized.js";
import { debtorIdOf, digest, localId } from "./natural-ids.js";
import type { CasePlan, ImportPlan, PlanContext, RowDraft, Slot } from "./plan-context.js";
import {
  casesByNumber,
  draft,
  emptyCaseReport,
  findDebtorsInBulk,
  hasError,
  inChunks,
} from "./plan-context.js";
import type { StoredCase } from "./stored-case.js";
import { storedCaseOf } from "./stored-case.js";

const digitsOf = (value: string | undefined) => value?.replace(/[^0-9]/g, "") ?? "";

/** Two contact values are the same when they differ only in case and spacing. */
export function sameContact(a: string, b: string): boolean {
  const plain = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  return plain(a) === plain(b);
}

/**
 * Finds the debtors the rows of a contacts file name, a thousand identifiers a query: by national
 * number or enterprise number (compared by their digits), by the client's debtor id, or as the
 * first debtor of the client's case with that number. Answers, per record, the debtors it names.
 */
export async function contactMatcher(
  context: PlanContext,
  records: readonly ContactRowRecord[],
): Promise<(record: ContactRowRecord) => DebtorRecord[]> {
  const { client } = context;
  const values = (by: ContactRowRecord["match"]["by"]) =>
    records.filter((record) => record.match.by === by).map((record) => record.match.value);
  const byNumber = await casesByNumber(context, values("case-number"));
  const found = await findDebtorsInBulk(context, {
    ids: [
      ...values("debtor-id").map((value) => debtorIdOf(client.id, value)),
      ...values("case-number").flatMap((value) => byNumber.get(value)?.debtorIds.slice(0, 1) ?? []),
    ],
    enterpriseNumbers: values("enterprise-number"),
    nationalNumbers: values("national-number"),
  });
  const index = (key: (debtor: DebtorRecord) => string) => {
    const map = new Map<string, DebtorRecord[]>();
    for (const debtor of found) {
      const value = key(debtor);
      if (value !== "") map.set(value, [...(map.get(value) ?? []), debtor]);
    }
    return map;
  };
  const byNational = index((d) => digitsOf(d.nationalNumber));
  const byEnterprise = index((d) => digitsOf(d.enterpriseNumber));
  const byId = index((d) => d.id);
  return (record) => {
    const { by, value } = record.match;
    switch (by) {
      case "national-number":
        return byNational.get(digitsOf(value)) ?? [];
      case "enterprise-number":
        return byEnterprise.get(digitsOf(value)) ?? [];
      case "debtor-id":
        return byId.get(debtorIdOf(client.id, value)) ?? [];
      case "case-number": {
        const first = byNumber.get(value)?.debtorIds[0];
        return first === undefined ? [] : (byId.get(first) ?? []);
      }
    }
  };
}

/**
 * The case ids of the client's cases that name each debtor, in case-id order; `onCase` sees every
 * case row found with all the debtors it names.
 */
export async function casesOfDebtors(
  context: PlanContext,
  debtorIds: readonly string[],
  onCase?: (debtorIds: readonly string[]) => void,
): Promise<Map<string, string[]>> {
  const casesOf = new Map<string, string[]>();
  const wanted = new Set(debtorIds);
  await inChunks([...wanted], 1000, async (chunk) => {
    let after: string | undefined;
    do {
      const page = await context.store.listCases(context.scope, {
        clientId: context.client.id,
        debtorIds: chunk,
        limit: 1000,
        ...(after === undefined ? {} : { after }),
      });
      for (const row of page.items) {
        onCase?.(row.debtorIds);
        for (const debtorId of row.debtorIds) {
          if (!wanted.has(debtorId)) continue;
          const list = casesOf.get(debtorId) ?? [];
          if (!list.includes(row.caseId)) list.push(row.caseId);
          casesOf.set(debtorId, list);
        }
      }
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
  });
  for (const list of casesOf.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return casesOf;
}

/**
 * Plans a `contacts` file: each row matched to a debtor (by the first identifier of `matchBy` the
 * row fills in), each of its contacts added as current on every case of the client that names the
 * debtor, the current contact of the same kind retired; a contact the case holds as current
 * already changes nothing. The debtor's relation gets the same change.
 */
export async function planContacts(
  context: PlanContext,
  slots: readonly Slot<ContactRowRecord>[],
): Promise<ImportPlan> {
  const { client } = context;
  const records = slots.flatMap((slot) => (slot.record === null ? [] : [slot.record]));
  const matches = await contactMatcher(context, records);
  const matched = records.flatMap((record) => matches(record).map((debtor) => debtor.id));
  const casesOf = await casesOfDebtors(context, matched);
  const plans = new Map<string, CasePlan & { state: StoredCase }>();
  const debtorUpdates = new Map<string, DebtorRecord>();
  const loose: RowDraft[] = [];
  const caseOf = async (caseId: string) => {
    const known = plans.get(caseId);
    if (known !== undefined) return known;
    const events = (await context.store.readEvents(context.scope, caseId)).map((s) => s.event);
    const state = storedCaseOf(events);
    if (state === null) return null;
    const plan = {
      caseId,
      caseNumber: state.caseNumber,
      owner: state.owner,
      expectedVersion: events.length,
      existing: events,
      events: [] as CaseEventJson[],
      rows: [] as RowDraft[],
      report: emptyCaseReport(caseId, state.caseNumber, state.owner),
      state,
    };
    plans.set(caseId, plan);
    return plan;
  };
  const fail = (row: RowDraft, nl: string, fr: string, en: string) => {
    row.outcome = "error";
    row.error = true;
    row.messages.push(say(nl, fr, en));
    loose.push(row);
  };
  for (const slot of slots) {
    const row = draft(slot, "duplicate");
    if (hasError(slot) || slot.record === null) {
      row.outcome = "error";
      loose.push(row);
      continue;
    }
    const record = slot.record;
    const debtors = matches(record);
    const { by, value } = record.match;
    if (debtors.length === 0) {
      fail(
        row,
        `Geen schuldenaar gevonden voor ${by} ${value}.`,
        `Aucun débiteur trouvé pour ${by} ${value}.`,
        `No debtor found for ${by} ${value}.`,
      );
      continue;
    }
    if (debtors.length > 1) {
      const ids = debtors.map((d) => d.id).join(", ");
      fail(
        row,
        `${by} ${value} wijst ${debtors.length} schuldenaars aan (${ids}); niets gewijzigd.`,
        `${by} ${value} désigne ${debtors.length} débiteurs (${ids}) ; rien n'est modifié.`,
        `${by} ${value} names ${debtors.length} debtors (${ids}); nothing changed.`,
      );
      continue;
    }
    const debtor = debtors[0] as DebtorRecord;
    row.debtorId = debtor.id;
    const caseIds = casesOf.get(debtor.id) ?? [];
    if (caseIds.length === 0) {
      fail(
        row,
        `Schuldenaar ${debtor.id} heeft geen dossier van cliënt ${client.id}.`,
        `Le débiteur ${debtor.id} n'a aucun dossier du client ${client.id}.`,
        `Debtor ${debtor.id} has no case of client ${client.id}.`,
      );
      continue;
    }
    const source = record.source;
    const date = record.date.toString();
    let added = false;
    for (const caseId of caseIds) {
      const plan = await caseOf(caseId);
      if (plan === null) continue;
      if (row.caseId === null) {
        row.caseId = caseId;
        row.caseNumber = plan.caseNumber;
      }
      plan.rows.push(row);
      for (const contact of record.contacts) {
        if (addContact(context, plan, debtor.id, contact, source, date)) added = true;
      }
    }
    const relation = debtorUpdates.get(debtor.id) ?? structuredClone(debtor);
    let changed = false;
    for (const contact of record.contacts) {
      const current = relation.contacts.filter((c) => c.kind === contact.kind && c.current);
      if (current.some((c) => sameContact(c.value, contact.value))) continue;
      for (const old of current) old.current = false;
      relation.contacts.push({
        id: contactIdOf(contact, source, date),
        kind: contact.kind,
        value: contact.value,
        current: true,
        source,
        date,
      });
      changed = true;
    }
    if (changed) debtorUpdates.set(debtor.id, relation);
    row.outcome = added ? "contact-added" : "duplicate";
    if (caseIds.length > 1) {
      row.messages.push(
        say(
          `Op ${caseIds.length} dossiers van de schuldenaar.`,
          `Sur ${caseIds.length} dossiers du débiteur.`,
          `On ${caseIds.length} cases of the debtor.`,
        ),
      );
    }
  }
  const casePlans = [...plans.values()].map(({ state: _state, ...plan }) => {
    plan.report.outcome = plan.events.length > 0 ? "updated" : "unchanged";
    return plan;
  });
  return {
    cases: casePlans,
    loose,
    debtors: [],
    debtorUpdates: [...debtorUpdates.values()] as DebtorInput[],
    ownerSummaries: [],
  };
}

function contactIdOf(contact: ContactValue, source: string, date: string): string {
  return localId(contact.kind, digest(contact.value, source, date).slice(0, 16));
}

/** Adds a contact to a case's plan unless it is current already; retires the one it supersedes. */
function addContact(
  context: PlanContext,
  plan: CasePlan & { state: StoredCase },
  debtorId: string,
  contact: ContactValue,
  source: string,
  date: string,
): boolean {
  const list = plan.state.contacts.get(debtorId) ?? [];
  const current = list.filter((c) => c.kind === contact.kind && c.current);
  if (current.some((c) => sameContact(c.value, contact.value))) return false;
  const envelope = (id: string) => ({
    id,
    at: context.today.toString(),
    recordedAt: context.importedAt,
    by: context.by,
  });
  const version = () => plan.expectedVersion + plan.events.length + 1;
  const id = contactIdOf(contact, source, date);
  plan.events.push({
    ...envelope(localId("contact-added", `${debtorId}:${id}@${version()}`)),
    type: "contact.added",
    debtorId,
    contact: { id, kind: contact.kind, value: contact.value, current: true, source, date },
  });
  list.push({ id, kind: contact.kind, value: contact.value, current: true });
  plan.report.contactsAdded += 1;
  for (const old of current) {
    plan.events.push({
      ...envelope(localId("contact-retired", `${debtorId}:${old.id}@${version()}`)),
      type: "contact.retired",
      debtorId,
      contactId: old.id,
    });
    old.current = false;
    plan.report.contactsRetired += 1;
  }
  plan.state.contacts.set(debtorId, list);
  return true;
}
