import type { CaseEventJson, DebtorRecord } from "@incasso/core";
import { LIMITS } from "@incasso/core";
import { Decimal } from "decimal.js";
import type { CaseRowRecord, PaymentRowRecord } from "../records.js";
import { say } from "./localized.js";
import { caseIdOf, debtorIdOf, digest, localId } from "./natural-ids.js";
import type { CasePlan, ImportPlan, PlanContext, RowDraft, Slot } from "./plan-context.js";
import {
  casesByNumber,
  draft,
  emptyCaseReport,
  findDebtorsInBulk,
  hasError,
} from "./plan-context.js";
import type { KeyedValues } from "./spill.js";
import type { StoredCase } from "./stored-case.js";
import { storedCaseOf } from "./stored-case.js";

const digitsOf = (value: string | undefined) => value?.replace(/[^0-9]/g, "") ?? "";

/** The case number of a case an import opens: the client id and the group key. */
export function caseNumberOf(clientId: string, groupKey: string, caseId: string): string {
  const number = `${clientId}/${groupKey}`;
  return number.length <= LIMITS.nameLength ? number : caseId;
}

/** Groups slots by the key `keyOf` gives (rows without a record have none), in file order. */
function groupSlots<R extends CaseRowRecord | PaymentRowRecord>(
  slots: readonly Slot<R>[],
): { groups: Map<string, Slot<R>[]>; loose: Slot<R>[] } {
  const groups = new Map<string, Slot<R>[]>();
  const loose: Slot<R>[] = [];
  for (const slot of slots) {
    const key = slot.record?.groupKey ?? slot.key;
    if (key === undefined || key === "") {
      loose.push(slot);
      continue;
    }
    const list = groups.get(key) ?? [];
    list.push(slot);
    groups.set(key, list);
  }
  return { groups, loose };
}

/** The stored events of every case the keys name that exists, by case id. */
async function storedCases(
  context: PlanContext,
  keys: readonly { caseId: string; caseNumber: string }[],
): Promise<Map<string, { events: CaseEventJson[]; state: StoredCase }>> {
  const rows = await casesByNumber(
    context,
    keys.map((key) => key.caseNumber),
  );
  const stored = new Map<string, { events: CaseEventJson[]; state: StoredCase }>();
  for (const key of keys) {
    // The import gives a case its number and id together: a case of another id is not this one.
    if (rows.get(key.caseNumber)?.caseId !== key.caseId) continue;
    const events = await context.store.readEvents(context.scope, key.caseId);
    if (events.length === 0) continue;
    const json = events.map((stored) => stored.event);
    const state = storedCaseOf(json);
    if (state !== null) stored.set(key.caseId, { events: json, state });
  }
  return stored;
}

/**
 * Resolves a row's debtor to a stored one or a new one, remembering the new ones of the whole
 * import: one resolver serves every part of a file that is planned a part at a time, so a debtor
 * the file names in two parts is created once. Stored debtors come first, then the import's own.
 * Of the import's own debtors only their identifiers stay in memory; their records are kept by
 * `records` (in a file once the import spills) and read back when a later part needs them.
 */
export class DebtorResolver {
  private known = new KnownDebtors();
  private readonly made = new MadeDebtors();
  private part = new Map<string, DebtorRecord>();

  constructor(
    private readonly context: PlanContext,
    private readonly records: KeyedValues<DebtorRecord>,
  ) {}

  /** Starts a part of the file with the stored debtors its rows name. */
  beginPart(known: readonly DebtorRecord[]): void {
    this.known = new KnownDebtors();
    for (const debtor of known) this.known.remember(debtor);
    this.part = new Map();
  }

  /** Keeps the debtors the part created; answers them. */
  async endPart(): Promise<DebtorRecord[]> {
    const created = [...this.part.values()];
    for (const debtor of created) await this.records.put(debtor.id, debtor);
    this.part = new Map();
    return created;
  }

  /** Whether the import creates this debtor. */
  isCreated(id: string): boolean {
    return this.part.has(id) || this.records.has(id);
  }

  /** The records of these debtors (stored ones of the part, or created by the import). */
  async recordsOf(ids: Iterable<string>): Promise<Map<string, DebtorRecord>> {
    const found = new Map<string, DebtorRecord>();
    const rest: string[] = [];
    for (const id of ids) {
      const debtor = this.part.get(id) ?? this.known.byId.get(id);
      if (debtor !== undefined) found.set(id, debtor);
      else rest.push(id);
    }
    for (const [id, debtor] of await this.records.get(rest)) found.set(id, debtor);
    return found;
  }

  /** The debtor a row names: by national number, enterprise number, then the client's id. */
  resolve(record: CaseRowRecord): { id: string; isNew: boolean } {
    const row = record.debtor;
    const national = digitsOf(row.nationalNumber);
    const enterprise = digitsOf(row.enterpriseNumber);
    const id = debtorIdOf(this.context.client.id, row.id);
    const found =
      this.known.byNational.get(national)?.id ??
      this.made.byNational.get(national) ??
      this.known.byEnterprise.get(enterprise)?.id ??
      this.made.byEnterprise.get(enterprise) ??
      this.known.byId.get(id)?.id ??
      (this.made.ids.has(id) ? id : undefined);
    if (found !== undefined) return { id: found, isNew: this.isCreated(found) };
    const date = this.context.today.toString();
    const source = `import ${this.context.profile.id}`;
    const debtor: DebtorRecord = {
      id,
      kind: row.kind,
      name: row.name,
      language: row.language,
      consumer: row.consumer,
      ...(row.enterpriseNumber === undefined ? {} : { enterpriseNumber: row.enterpriseNumber }),
      ...(row.nationalNumber === undefined
        ? {}
        : {
            nationalNumber: row.nationalNumber,
            nationalNumberBasis: `given by client ${this.context.client.id} in its import file (profile ${this.context.profile.id})`,
          }),
      contacts: row.contacts.map((contact) => ({
        id: localId(contact.kind, digest(contact.value).slice(0, 16)),
        kind: contact.kind,
        value: contact.value,
        current: true,
        source,
        date,
      })),
    };
    this.part.set(id, debtor);
    this.made.remember(id, national, enterprise);
    return { id, isNew: true };
  }
}

/** Stored debtors by id and by the digits of their enterprise and national numbers (the first wins). */
class KnownDebtors {
  readonly byId = new Map<string, DebtorRecord>();
  readonly byEnterprise = new Map<string, DebtorRecord>();
  readonly byNational = new Map<string, DebtorRecord>();

  remember(debtor: DebtorRecord): void {
    if (!this.byId.has(debtor.id)) this.byId.set(debtor.id, debtor);
    const enterprise = digitsOf(debtor.enterpriseNumber);
    if (enterprise !== "" && !this.byEnterprise.has(enterprise)) {
      this.byEnterprise.set(enterprise, debtor);
    }
    const national = digitsOf(debtor.nationalNumber);
    if (national !== "" && !this.byNational.has(national)) this.byNational.set(national, debtor);
  }
}

/** The ids of the debtors an import creates, by their identifiers (the first wins). */
class MadeDebtors {
  readonly ids = new Set<string>();
  readonly byEnterprise = new Map<string, string>();
  readonly byNational = new Map<string, string>();

  remember(id: string, national: string, enterprise: string): void {
    this.ids.add(id);
    if (enterprise !== "" && !this.byEnterprise.has(enterprise)) {
      this.byEnterprise.set(enterprise, id);
    }
    if (national !== "" && !this.byNational.has(national)) this.byNational.set(national, id);
  }
}

/** Plans a `cases` file: each group of rows one case, opened or completed, in one append. */
export async function planCases(
  context: PlanContext,
  slots: readonly Slot<CaseRowRecord>[],
  resolver: DebtorResolver,
): Promise<ImportPlan> {
  const { profile, client } = context;
  if (profile.kind !== "cases") throw new Error("planCases needs a cases profile");
  const { groups, loose } = groupSlots(slots);
  const keys = [...groups.keys()].map((groupKey) => {
    const caseId = caseIdOf(client.id, profile.grouping, groupKey);
    return { groupKey, caseId, caseNumber: caseNumberOf(client.id, groupKey, caseId) };
  });
  const stored = await storedCases(context, keys);
  const records = slots.flatMap((slot) => (slot.record === null ? [] : [slot.record]));
  const known = await findDebtorsInBulk(context, {
    ids: records.map((record) => debtorIdOf(client.id, record.debtor.id)),
    enterpriseNumbers: records.flatMap((r) =>
      r.debtor.enterpriseNumber ? [r.debtor.enterpriseNumber] : [],
    ),
    nationalNumbers: records.flatMap((r) =>
      r.debtor.nationalNumber ? [r.debtor.nationalNumber] : [],
    ),
  });
  resolver.beginPart(known);
  // Every row's debtor, case by case and row by row (a case of another client names none).
  const resolved = new Map<Slot<CaseRowRecord>, { id: string; isNew: boolean }>();
  for (const key of keys) {
    const state = stored.get(key.caseId)?.state;
    if (state !== undefined && state.clientId !== client.id) continue;
    for (const slot of groups.get(key.groupKey) ?? []) {
      if (hasError(slot) || slot.record === null) continue;
      resolved.set(slot, resolver.resolve(slot.record));
    }
  }
  const debtorRecords = await resolver.recordsOf(new Set([...resolved.values()].map((r) => r.id)));
  const debtorOf = (slot: Slot<CaseRowRecord>) => {
    const found = resolved.get(slot);
    const debtor = found === undefined ? undefined : debtorRecords.get(found.id);
    if (found === undefined || debtor === undefined) {
      throw new Error(`the debtor of row ${slot.row} was not resolved`);
    }
    return { debtor, isNew: found.isNew };
  };
  const cases: CasePlan[] = [];
  for (const key of keys) {
    const group = groups.get(key.groupKey) ?? [];
    const existing = stored.get(key.caseId);
    cases.push(
      planOneCase(context, key, group, existing, debtorOf, (id) => resolver.isCreated(id)),
    );
  }
  return {
    cases,
    loose: loose.map((slot) => draft(slot)),
    debtors: await resolver.endPart(),
    debtorUpdates: [],
    ownerSummaries: [],
  };
}

function planOneCase(
  context: PlanContext,
  key: { groupKey: string; caseId: string; caseNumber: string },
  group: readonly Slot<CaseRowRecord>[],
  existing: { events: CaseEventJson[]; state: StoredCase } | undefined,
  debtorOf: (slot: Slot<CaseRowRecord>) => { debtor: DebtorRecord; isNew: boolean },
  isCreated: (id: string) => boolean,
): CasePlan {
  const { profile, client, importedAt, by } = context;
  if (profile.kind !== "cases") throw new Error("planOneCase needs a cases profile");
  const today = context.today.toString();
  const state = existing?.state;
  const caseNumber = state?.caseNumber ?? key.caseNumber;
  const owner = state?.owner ?? profile.newCases.owner ?? context.owner;
  const plan: CasePlan = {
    caseId: key.caseId,
    caseNumber,
    owner,
    expectedVersion: existing?.events.length ?? 0,
    existing: existing?.events ?? [],
    events: [],
    rows: [],
    report: emptyCaseReport(key.caseId, caseNumber, owner),
  };
  const envelope = (id: string, at = today) => ({ id, at, recordedAt: importedAt, by });
  if (state !== undefined && state.clientId !== client.id) {
    plan.report.messages.push(
      say(
        `Dossier ${key.caseId} hoort bij een andere cliënt (${state.clientId}).`,
        `Le dossier ${key.caseId} appartient à un autre client (${state.clientId}).`,
        `Case ${key.caseId} belongs to another client (${state.clientId}).`,
      ),
    );
    for (const slot of group) {
      const row = draft(slot);
      row.error = true;
      row.caseId = key.caseId;
      plan.rows.push(row);
    }
    plan.report.outcome = "error";
    return plan;
  }
  const claims = new Map(
    [...(state?.claims ?? new Map())].map(([id, claim]) => [id, { ...claim }] as const),
  );
  const planned = new Map<string, { row: number }>();
  const debtors: DebtorRecord[] = [];
  const claimEvents: CaseEventJson[] = [];
  for (const slot of group) {
    const row = draft(slot, "new-claim");
    row.caseId = key.caseId;
    row.caseNumber = caseNumber;
    plan.rows.push(row);
    if (hasError(slot) || slot.record === null) {
      row.outcome = "error";
      continue;
    }
    const record = slot.record;
    const { debtor, isNew } = debtorOf(slot);
    row.debtorId = debtor.id;
    row.newDebtor = isNew && state === undefined;
    if (state === undefined) {
      if (!debtors.some((known) => known.id === debtor.id)) debtors.push(debtor);
    } else if (!state.debtorIds.includes(debtor.id)) {
      row.messages.push(
        say(
          `Schuldenaar ${debtor.id} is geen schuldenaar van het bestaande dossier; niet toegevoegd.`,
          `Le débiteur ${debtor.id} n'est pas débiteur du dossier existant ; pas ajouté.`,
          `Debtor ${debtor.id} is not a debtor of the existing case; not added.`,
        ),
      );
    }
    const claim = record.claim;
    const claimId = localId("inv", claim.invoiceNumber);
    const amount = claim.amount.toFixed(2);
    const values = {
      amount,
      invoiceDate: claim.invoiceDate.toString(),
      dueDate: claim.dueDate.toString(),
      description: claim.description,
    };
    const earlier = planned.get(claimId);
    const current = claims.get(claimId);
    if (earlier !== undefined) {
      const same =
        current !== undefined &&
        new Decimal(current.amount).eq(amount) &&
        current.invoiceDate === values.invoiceDate &&
        current.dueDate === values.dueDate &&
        (values.description === undefined || current.description === values.description);
      row.outcome = same ? "duplicate" : "error";
      if (same) {
        row.messages.push(
          say(
            `Factuur ${claim.invoiceNumber} staat al op rij ${earlier.row}.`,
            `La facture ${claim.invoiceNumber} figure déjà à la ligne ${earlier.row}.`,
            `Invoice ${claim.invoiceNumber} is already on row ${earlier.row}.`,
          ),
        );
      } else {
        row.error = true;
        row.messages.push(
          say(
            `Factuur ${claim.invoiceNumber} staat al op rij ${earlier.row} met andere gegevens.`,
            `La facture ${claim.invoiceNumber} figure déjà à la ligne ${earlier.row} avec d'autres données.`,
            `Invoice ${claim.invoiceNumber} is already on row ${earlier.row} with other figures.`,
          ),
        );
      }
      continue;
    }
    planned.set(claimId, { row: slot.row });
    if (current === undefined) {
      claimEvents.push({
        ...envelope(localId("claim", claim.invoiceNumber)),
        type: "claim.added",
        claim: {
          id: claimId,
          invoiceNumber: claim.invoiceNumber,
          invoiceDate: values.invoiceDate,
          dueDate: values.dueDate,
          amount,
          ...(claim.description === undefined ? {} : { description: claim.description }),
        },
      });
      claims.set(claimId, { ...values });
      plan.report.claimsAdded += 1;
      continue;
    }
    const changes: Record<string, string> = {};
    if (!new Decimal(current.amount).eq(amount)) changes.amount = amount;
    if (current.invoiceDate !== values.invoiceDate) changes.invoiceDate = values.invoiceDate;
    if (current.dueDate !== values.dueDate) changes.dueDate = values.dueDate;
    if (values.description !== undefined && current.description !== values.description) {
      changes.description = values.description;
    }
    if (Object.keys(changes).length === 0) {
      row.outcome = "duplicate";
      continue;
    }
    row.outcome = "corrected";
    const what = Object.entries(changes)
      .map(
        ([field, value]) => `${field} ${current[field as keyof typeof current] ?? ""} → ${value}`,
      )
      .join(", ");
    row.messages.push(
      say(
        `Factuur ${claim.invoiceNumber} verbeterd: ${what}.`,
        `Facture ${claim.invoiceNumber} corrigée : ${what}.`,
        `Invoice ${claim.invoiceNumber} corrected: ${what}.`,
      ),
    );
    const version = plan.expectedVersion + 1 + claimEvents.length + (state === undefined ? 1 : 0);
    claimEvents.push({
      ...envelope(localId("corrected", `${claimId}@${version}`)),
      type: "claim.corrected",
      claimId,
      changes,
      reason: `corrected by the client's file (import profile ${profile.id}, row ${slot.row})`,
    });
    claims.set(claimId, { ...current, ...changes });
    plan.report.claimsCorrected += 1;
  }
  if (plan.rows.some((row) => row.outcome === "error")) {
    plan.report.outcome = "error";
    return plan;
  }
  if (state === undefined) {
    const first = group.find((slot) => slot.record !== null)?.record;
    if (first === undefined || first === null) return plan;
    plan.report.newDebtors = debtors
      .filter((debtor) => isCreated(debtor.id))
      .map((debtor) => debtor.id);
    plan.events.push({
      ...envelope("import:opened"),
      type: "case.opened",
      caseNumber,
      client: {
        id: client.id,
        name: client.name,
        ...(first.clientReference === undefined ? {} : { reference: first.clientReference }),
      },
      debtors: debtors.map(({ contacts, ...debtor }) => ({ ...debtor, contacts: [...contacts] })),
      owner,
      lawyer: context.lawyer,
      rulePack: profile.newCases.rulePack,
      ...(profile.newCases.terms === undefined ? {} : { terms: profile.newCases.terms }),
      ...(first.paymentReference === undefined ? {} : { paymentReference: first.paymentReference }),
    });
    if (profile.newCases.scenarioId !== undefined) {
      plan.events.push({
        ...envelope("import:scenario"),
        type: "scenario.started",
        scenarioId: profile.newCases.scenarioId,
      });
    }
    for (const row of plan.rows) row.newCase = true;
  }
  plan.events.push(...claimEvents);
  plan.report.outcome =
    state === undefined ? "new-case" : plan.events.length > 0 ? "updated" : "unchanged";
  return plan;
}

/** Plans a `payments` file: each payment on the case its group key names, once. */
export async function planPayments(
  context: PlanContext,
  slots: readonly Slot<PaymentRowRecord>[],
): Promise<ImportPlan> {
  const { profile, client } = context;
  if (profile.kind !== "payments") throw new Error("planPayments needs a payments profile");
  const { groups, loose } = groupSlots(slots);
  const keys = [...groups.keys()].map((groupKey) => {
    const caseId = caseIdOf(client.id, profile.grouping, groupKey);
    return { groupKey, caseId, caseNumber: caseNumberOf(client.id, groupKey, caseId) };
  });
  const stored = await storedCases(context, keys);
  const cases: CasePlan[] = [];
  const unmatched: RowDraft[] = [];
  for (const key of keys) {
    const group = groups.get(key.groupKey) ?? [];
    const existing = stored.get(key.caseId);
    if (existing === undefined || existing.state.clientId !== client.id) {
      for (const slot of group) {
        const row = draft(slot);
        row.error = true;
        row.messages.push(
          say(
            `Geen dossier van cliënt ${client.id} met sleutel ${key.groupKey}.`,
            `Aucun dossier du client ${client.id} avec la clé ${key.groupKey}.`,
            `No case of client ${client.id} with key ${key.groupKey}.`,
          ),
        );
        unmatched.push(row);
      }
      continue;
    }
    cases.push(planCasePayments(context, key.caseId, group, existing));
  }
  return {
    cases,
    loose: [...loose.map((slot) => draft(slot)), ...unmatched],
    debtors: [],
    debtorUpdates: [],
    ownerSummaries: [],
  };
}

function planCasePayments(
  context: PlanContext,
  caseId: string,
  group: readonly Slot<PaymentRowRecord>[],
  existing: { events: CaseEventJson[]; state: StoredCase },
): CasePlan {
  const { state } = existing;
  const plan: CasePlan = {
    caseId,
    caseNumber: state.caseNumber,
    owner: state.owner,
    expectedVersion: existing.events.length,
    existing: existing.events,
    events: [],
    rows: [],
    report: emptyCaseReport(caseId, state.caseNumber, state.owner),
  };
  const payments = new Map(state.payments);
  const seen = new Map<string, number>();
  for (const slot of group) {
    const row = draft(slot, "payment");
    row.caseId = caseId;
    row.caseNumber = state.caseNumber;
    row.debtorId = state.debtorIds[0] ?? null;
    plan.rows.push(row);
    if (hasError(slot) || slot.record === null) {
      row.outcome = "error";
      continue;
    }
    const record = slot.record;
    const paymentId = localId("pay", record.paymentKey);
    const amount = record.amount.toFixed(2);
    const at = record.date.toString();
    const known = payments.get(paymentId);
    const earlierRow = seen.get(paymentId);
    if (known !== undefined) {
      const same = new Decimal(known.amount).eq(amount) && known.at === at;
      row.outcome = same ? "duplicate" : "error";
      if (!same) {
        row.error = true;
        row.messages.push(
          say(
            `Betaling ${record.paymentKey} werd eerder ingelezen met ${known.amount} op ${known.at}.`,
            `Le paiement ${record.paymentKey} a été importé avant avec ${known.amount} le ${known.at}.`,
            `Payment ${record.paymentKey} was imported before with ${known.amount} on ${known.at}.`,
          ),
        );
      } else if (earlierRow !== undefined) {
        row.messages.push(
          say(
            `Dezelfde betaling staat al op rij ${earlierRow}.`,
            `Le même paiement figure déjà à la ligne ${earlierRow}.`,
            `The same payment is already on row ${earlierRow}.`,
          ),
        );
      }
      continue;
    }
    seen.set(paymentId, slot.row);
    payments.set(paymentId, { amount, at });
    plan.events.push({
      id: localId("payment", record.paymentKey),
      type: "payment.received",
      at,
      recordedAt: context.importedAt,
      by: context.by,
      paymentId,
      amount,
      ...(record.reference === undefined ? {} : { reference: record.reference }),
    });
    plan.report.payments += 1;
  }
  plan.report.outcome = plan.rows.some((row) => row.outcome === "error")
    ? "error"
    : plan.events.length > 0
      ? "updated"
      : "unchanged";
  return plan;
}
