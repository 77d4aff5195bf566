import type {
  Activity,
  CaseEventJson,
  CaseRow,
  CaseStore,
  ClientRecord,
  ClientTerms,
  DebtorInput,
  DebtorRecord,
  MassActionRequest,
  MassActionResult,
  MassActionRow,
  Scenario,
  StoreScope,
  Temporal,
} from "@incasso/core";
import { parseAppendRequest } from "@incasso/core/adapter-kit";
import type { ImportProfile } from "../profile/import-profile.js";
import type { ImportRecord, LocalizedText, RowIssue } from "../records.js";
import type { CaseReport, OwnerSummary, RowOutcome, RowReport } from "./import-report.js";

/**
 * What an import needs of a store: the events, case lists, relations and import batches ports,
 * and the outbox's `enqueueOutbox` for the owners' alerts of a mass action when it has it. Every
 * complete store (`@incasso/memory`, `@incasso/storage-postgres`) is one.
 *
 * @example
 * ```ts
 * import type { ImportStore } from "@incasso/import-csv";
 * import { createMemoryStore } from "@incasso/memory";
 * const store: ImportStore = createMemoryStore();
 * ```
 */
export type ImportStore = Pick<
  CaseStore,
  | "append"
  | "appendMany"
  | "readEvents"
  | "listCases"
  | "getClient"
  | "getDebtor"
  | "putDebtors"
  | "findDebtors"
  | "getTerms"
  | "listScenarios"
  | "saveImportBatch"
  | "saveImportBatchPart"
> &
  Partial<Pick<CaseStore, "enqueueOutbox">>;

/** One row as the pipeline keeps it: its line, its record (null on an error) and its issues. */
export interface Slot<R extends ImportRecord = ImportRecord> {
  readonly row: number;
  readonly record: R | null;
  readonly issues: readonly RowIssue[];
  /** The row's group key (of a cases or payments file), read from its cell when the row has an error. */
  readonly key?: string;
}

/** What every planner reads: the profile, the client and its terms, who imports and when. */
export interface PlanContext {
  readonly store: ImportStore;
  readonly scope: StoreScope;
  readonly profile: ImportProfile;
  readonly client: ClientRecord;
  readonly terms: ClientTerms | null;
  readonly scenarios: readonly Scenario[];
  readonly importedAt: string;
  readonly today: Temporal.PlainDate;
  readonly by: string;
  readonly owner: string;
  readonly lawyer: string;
}

/** A row's report while it is planned. */
export interface RowDraft {
  row: number;
  outcome: RowOutcome;
  caseId: string | null;
  caseNumber: string | null;
  debtorId: string | null;
  newCase: boolean;
  newDebtor: boolean;
  messages: LocalizedText[];
  /** A message that makes the whole case fail (an error found while planning). */
  error: boolean;
}

/** The plan of one case: its events in one append, and the report of it and of its rows. */
export interface CasePlan {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly owner: string | null;
  readonly expectedVersion: number;
  readonly existing: readonly CaseEventJson[];
  events: CaseEventJson[];
  readonly rows: RowDraft[];
  readonly report: CaseDraft;
}

/** A case's report while it is planned. */
export type CaseDraft = {
  -readonly [K in keyof Omit<
    CaseReport,
    "rows" | "events" | "newDebtors" | "messages"
  >]: CaseReport[K];
} & { newDebtors: string[]; messages: LocalizedText[] };

/** The plan of a whole import, before the profile's `onRowError` is applied. */
export interface ImportPlan {
  readonly cases: CasePlan[];
  /** Rows that belong to no case (unmatched, unreadable). */
  readonly loose: RowDraft[];
  /** New debtors to put into the relations before the appends. */
  readonly debtors: DebtorInput[];
  /** Debtors whose contacts change (a contacts import), written after the appends. */
  readonly debtorUpdates: DebtorInput[];
  readonly ownerSummaries: OwnerSummary[];
  /** A mass action's results per activity, for the owners' alerts. */
  readonly massActions?: MassActionResult[];
  /**
   * Every row a mass action carried out or noted, with its owner, action and line: what the
   * owners' summaries and alerts of a file planned in parts are counted from.
   */
  readonly massActionCounts?: readonly MassActionCount[];
}

/** One row of a mass action as it counts for its owner: the action, the line and the result. */
export interface MassActionCount {
  readonly owner: string;
  readonly label: string;
  readonly request: MassActionRequest;
  readonly row: number;
  readonly outcome: MassActionRow;
}

/** A new row draft. */
export function draft(slot: Slot, outcome: RowOutcome = "error"): RowDraft {
  return {
    row: slot.row,
    outcome,
    caseId: null,
    caseNumber: null,
    debtorId: null,
    newCase: false,
    newDebtor: false,
    messages: slot.issues.map((issue) => issue.message),
    error: false,
  };
}

/** An empty case report. */
export function emptyCaseReport(
  caseId: string,
  caseNumber: string,
  owner: string | null,
): CaseDraft {
  return {
    caseId,
    caseNumber,
    owner,
    outcome: "unchanged",
    newDebtors: [],
    claimsAdded: 0,
    claimsCorrected: 0,
    payments: 0,
    contactsAdded: 0,
    contactsRetired: 0,
    actionsOrdered: 0,
    actionsNotExecuted: 0,
    messages: [],
  };
}

/** Whether a row has an error issue. */
export function hasError(slot: Slot): boolean {
  return slot.record === null || slot.issues.some((issue) => issue.severity === "error");
}

/** Runs `task` over `items` in chunks of `size`. */
export async function inChunks<T>(
  items: readonly T[],
  size: number,
  task: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await task(items.slice(start, start + size));
  }
}

/** The case rows of the client with these case numbers, by case number. */
export async function casesByNumber(
  context: PlanContext,
  caseNumbers: readonly string[],
): Promise<Map<string, CaseRow>> {
  const found = new Map<string, CaseRow>();
  await inChunks([...new Set(caseNumbers)], 1000, async (chunk) => {
    let after: string | undefined;
    do {
      const page = await context.store.listCases(context.scope, {
        clientId: context.client.id,
        caseNumbers: chunk,
        limit: 1000,
        ...(after === undefined ? {} : { after }),
      });
      for (const row of page.items) {
        if (!found.has(row.caseNumber)) found.set(row.caseNumber, row);
      }
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
  });
  return found;
}

/** The debtors found by the identifiers, fetched 1000 of each at a time. */
export async function findDebtorsInBulk(
  context: PlanContext,
  query: { ids: string[]; enterpriseNumbers: string[]; nationalNumbers: string[] },
): Promise<DebtorRecord[]> {
  const found = new Map<string, DebtorRecord>();
  const unique = (values: string[]) => [...new Set(values)];
  const ids = unique(query.ids);
  const enterprise = unique(query.enterpriseNumbers);
  const national = unique(query.nationalNumbers);
  const rounds = Math.ceil(Math.max(ids.length, enterprise.length, national.length) / 1000);
  for (let round = 0; round < rounds; round++) {
    const slice = (values: string[]) => values.slice(round * 1000, (round + 1) * 1000);
    for (const debtor of await context.store.findDebtors(context.scope, {
      ids: slice(ids),
      enterpriseNumbers: slice(enterprise),
      nationalNumbers: slice(national),
    })) {
      found.set(debtor.id, debtor);
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The activity of the client's scenarios with this code, or null. */
export function activityOf(context: PlanContext, code: string): Activity | null {
  for (const scenario of context.scenarios) {
    const activity = scenario.activities.find((candidate) => candidate.code === code);
    if (activity !== undefined) return activity;
  }
  return null;
}

/** Checks the events of an append as the store will (the request and the whole case). */
export function requestOf(plan: CasePlan, asOf: string, idempotencyKey: string) {
  return parseAppendRequest({
    caseId: plan.caseId,
    expectedVersion: plan.expectedVersion,
    events: plan.events,
    idempotencyKey,
    asOf,
  });
}

/** The finished report of a row draft. */
export function rowReportOf(row: RowDraft): RowReport {
  return {
    row: row.row,
    outcome: row.outcome,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    debtorId: row.debtorId,
    newCase: row.newCase,
    newDebtor: row.newDebtor,
    messages: row.messages,
  };
}
