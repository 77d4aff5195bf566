// What the client portal reads: a client's case list (open or closed, searched by our reference or
// theirs), the facts of each case taken from its events, the statement as of today and the history
// the firm shares. Every read goes through the store with the portal user's scope
// ({tenantId, clientId}), so another client's case is simply not there: the portal answers 404.
import type { CaseEvent, CaseRow, StoredEvent, StoreScope } from "@incasso/core";
import { caseStatement, normalizeMatchKey } from "@incasso/core";
import { Decimal } from "decimal.js";
import { z } from "zod";
import type { ServerServices } from "../context.js";

/** The statuses the portal counts as closed; every other status is open. */
export const CLOSED_STATUSES = ["closed", "paid", "written-off"] as const;

const OPEN_STATUSES = [
  "open",
  "disputed",
  "payment-plan",
  "insolvent",
  "with-bailiff",
  "suspended",
] as const satisfies readonly CaseRow["status"][];

/**
 * Zod schema of the portal's list query (pages, API and exports alike): `state` open, closed or
 * all; `q` our reference or the client's reference (compared as the bank matcher does: letters and
 * digits, case-insensitive); `after` the cursor of the next page. `clientId` and `caseId` are
 * accepted so that a crafted query can be answered: a `clientId` other than the user's own and a
 * `caseId` outside the user's scope are 404.
 *
 * @example
 * ```ts
 * portalListQuerySchema.parse({ state: "closed", q: "2026/00042" });
 * ```
 */
export const portalListQuerySchema = z.strictObject({
  state: z.enum(["open", "closed", "all"]).default("open"),
  q: z
    .string()
    .trim()
    .max(120, { message: "expected a reference of at most 120 characters" })
    .optional(),
  after: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  clientId: z.string().min(1).max(120).optional(),
  caseId: z
    .union([z.string().min(1).max(120), z.array(z.string().min(1).max(120)).max(1000)])
    .optional(),
  lang: z.enum(["nl", "fr", "en"]).optional(),
});

/** A parsed portal list query. */
export type PortalListQuery = z.output<typeof portalListQuerySchema>;

/** The facts of a case the list shows beside its row, read from its events. */
export interface PortalCaseFacts {
  readonly clientReference: string | null;
  readonly debtor: string;
  readonly openedOn: string;
  /** The principal handed in: every claim after its corrections, a decimal string. */
  readonly principal: string;
  /** What the debtor paid: payments that stand, a decimal string. */
  readonly paid: string;
}

/** One line of the portal's list: the store's row and the facts from the events. */
export interface PortalCaseLine {
  readonly row: CaseRow;
  readonly facts: PortalCaseFacts;
}

/** A page of the portal's list. */
export interface PortalCasePage {
  readonly lines: readonly PortalCaseLine[];
  readonly nextCursor: string | null;
}

/** The answer when a crafted query names something outside the user's scope. */
export class PortalNotFound extends Error {
  constructor(readonly what: string) {
    super(`No ${what} in your scope`);
    this.name = "PortalNotFound";
  }
}

// The facts of a case at a version never change: they are cached by tenant, case and version.
const factsCache = new Map<string, PortalCaseFacts>();
const FACTS_CACHE_SIZE = 20_000;

/**
 * The facts of a case from its events (the client's reference, the first debtor, the opening day,
 * the principal after corrections and the payments that stand).
 *
 * @example
 * ```ts
 * const facts = factsOf(await services.store.readEvents(scope, "C1"));
 * ```
 */
export function factsOf(events: readonly StoredEvent[]): PortalCaseFacts {
  let clientReference: string | null = null;
  let debtor = "";
  let openedOn = "";
  const claims = new Map<string, Decimal>();
  const payments = new Map<string, Decimal>();
  for (const { event } of events) {
    switch (event.type) {
      case "case.opened":
        clientReference = event.client.reference ?? event.externalFileNumber ?? null;
        debtor = event.debtors.map((one) => one.name).join(", ");
        openedOn = event.at;
        break;
      case "claim.added":
        claims.set(event.claim.id, new Decimal(event.claim.amount));
        break;
      case "claim.corrected":
        if (event.changes.amount !== undefined)
          claims.set(event.claimId, new Decimal(event.changes.amount));
        break;
      case "payment.received":
        payments.set(event.paymentId, new Decimal(event.amount));
        break;
      case "payment.reversed":
        payments.delete(event.paymentId);
        break;
      default:
        break;
    }
  }
  const sum = (values: Iterable<Decimal>) =>
    [...values].reduce((total, value) => total.plus(value), new Decimal(0)).toFixed(2);
  return {
    clientReference,
    debtor,
    openedOn,
    principal: sum(claims.values()),
    paid: sum(payments.values()),
  };
}

async function lineOf(
  services: ServerServices,
  scope: StoreScope,
  row: CaseRow,
): Promise<PortalCaseLine> {
  const key = `${scope.tenantId}\u0000${row.caseId}\u0000${row.version}`;
  let facts = factsCache.get(key);
  if (facts === undefined) {
    facts = factsOf(await services.store.readEvents(scope, row.caseId));
    if (factsCache.size >= FACTS_CACHE_SIZE) {
      const oldest = factsCache.keys().next().value;
      if (oldest !== undefined) factsCache.delete(oldest);
    }
    factsCache.set(key, facts);
  }
  return { row, facts };
}

const statusesOf = (state: PortalListQuery["state"]) =>
  state === "open" ? [...OPEN_STATUSES] : state === "closed" ? [...CLOSED_STATUSES] : undefined;

/** Throws {@link PortalNotFound} when the query names another client. */
function checkClient(scope: StoreScope, query: PortalListQuery): void {
  if (query.clientId !== undefined && query.clientId !== scope.clientId)
    throw new PortalNotFound(`client ${query.clientId}`);
}

/**
 * One page of a portal user's cases: by `q` (our reference or theirs, every status), by `caseId`
 * (each must be in scope), else by `state`, in case-id order.
 *
 * @example
 * ```ts
 * const page = await listPortalCases(services, { tenantId: "firm-be", clientId: "acme" }, portalListQuerySchema.parse({}));
 * ```
 */
export async function listPortalCases(
  services: ServerServices,
  scope: StoreScope,
  query: PortalListQuery,
): Promise<PortalCasePage> {
  checkClient(scope, query);
  const { store } = services;
  if (query.caseId !== undefined) {
    const ids = typeof query.caseId === "string" ? [query.caseId] : query.caseId;
    const rows: CaseRow[] = [];
    for (const id of ids) {
      const row = await store.getCase(scope, id);
      if (row === null) throw new PortalNotFound(`case ${id}`);
      rows.push(row);
    }
    return {
      lines: await Promise.all(rows.map((row) => lineOf(services, scope, row))),
      nextCursor: null,
    };
  }
  const q = query.q === undefined ? "" : normalizeMatchKey(query.q);
  if (q !== "") {
    const hits = await store.findCasesByKeys(scope, {
      keys: [
        { kind: "case-number", key: q },
        { kind: "client-reference", key: q },
      ],
    });
    const ids = [...new Set(hits.map((hit) => hit.caseId))].sort();
    const rows = (await Promise.all(ids.map((id) => store.getCase(scope, id)))).filter(
      (row): row is CaseRow => row !== null,
    );
    return {
      lines: await Promise.all(rows.map((row) => lineOf(services, scope, row))),
      nextCursor: null,
    };
  }
  const statuses = statusesOf(query.state);
  const page = await store.listCases(scope, {
    ...(scope.clientId === undefined ? {} : { clientId: scope.clientId }),
    ...(statuses === undefined ? {} : { status: statuses }),
    sort: "case-id",
    limit: query.limit,
    ...(query.after === undefined ? {} : { after: query.after }),
  });
  return {
    lines: await Promise.all(page.items.map((row) => lineOf(services, scope, row))),
    nextCursor: page.nextCursor,
  };
}

/**
 * Every line of a portal user's list for an export (all pages), at most `max` lines; `truncated`
 * says when there were more.
 *
 * @example
 * ```ts
 * const { lines } = await allPortalCases(services, scope, portalListQuerySchema.parse({ state: "all" }));
 * ```
 */
export async function allPortalCases(
  services: ServerServices,
  scope: StoreScope,
  query: PortalListQuery,
  max = 50_000,
): Promise<{ lines: PortalCaseLine[]; truncated: boolean }> {
  const lines: PortalCaseLine[] = [];
  let after = query.after;
  for (;;) {
    const page = await listPortalCases(services, scope, {
      ...query,
      limit: 200,
      ...(after === undefined ? {} : { after }),
    });
    lines.push(...page.lines);
    if (lines.length >= max) return { lines: lines.slice(0, max), truncated: true };
    if (page.nextCursor === null) return { lines, truncated: false };
    after = page.nextCursor;
  }
}

/**
 * The event types a client sees in the portal's history, and why: what was claimed and paid,
 * what was sent to the debtor, the procedure (disputes, plans, promises, insolvency, bailiff) and
 * how the case ended. Left out: the firm's internal notes, its work list (scenario steps done,
 * rescheduled or cancelled, actions ordered), user fields, the debtor's contact details, delivery
 * failures and returned mail (the firm's own follow-up), and the letters' bare document records.
 *
 * @example
 * ```ts
 * PORTAL_SHARED_EVENTS.has("payment.received"); // true
 * PORTAL_SHARED_EVENTS.has("note.added"); // false
 * ```
 */
export const PORTAL_SHARED_EVENTS: ReadonlySet<CaseEvent["type"]> = new Set<CaseEvent["type"]>([
  "case.opened",
  "claim.added",
  "claim.corrected",
  "payment.received",
  "payment.reversed",
  "charge.added",
  "reminder.sent",
  "notice.sent",
  "letter14.sent",
  "message.sent",
  "promise.recorded",
  "promise.kept",
  "promise.broken",
  "dispute.opened",
  "dispute.closed",
  "insolvency.registered",
  "plan.agreed",
  "plan.defaulted",
  "plan.cancelled",
  "bailiff.handover",
  "bailiff.returned",
  "case.written-off",
  "case.reinstated",
  "case.closed",
  "case.suspended",
  "case.resumed",
]);

/** What the portal shows of one case. */
export interface PortalCaseDetail {
  readonly row: CaseRow;
  readonly facts: PortalCaseFacts;
  readonly events: readonly CaseEvent[];
  readonly statement: ReturnType<typeof caseStatement> | null;
  /** Why the statement could not be computed (a rate table to extend...), or null. */
  readonly statementProblem: string | null;
}

/**
 * One case of a portal user: its row, facts, the shared history (oldest first) and the statement
 * as of today; null when the case is not in the user's scope.
 *
 * @example
 * ```ts
 * const detail = await portalCase(services, scope, "C1");
 * if (detail === null) return notFound();
 * ```
 */
export async function portalCase(
  services: ServerServices,
  scope: StoreScope,
  caseId: string,
): Promise<PortalCaseDetail | null> {
  const row = await services.store.getCase(scope, caseId);
  if (row === null) return null;
  const stored = await services.store.readEvents(scope, caseId);
  if (stored.length === 0) return null;
  const events = stored.map((one) => one.event as CaseEvent);
  let statement: ReturnType<typeof caseStatement> | null = null;
  let statementProblem: string | null = null;
  try {
    statement = caseStatement(events, services.today());
  } catch (error) {
    statementProblem = error instanceof Error ? error.message : String(error);
  }
  return {
    row,
    facts: factsOf(stored),
    events: events.filter((event) => PORTAL_SHARED_EVENTS.has(event.type)),
    statement,
    statementProblem,
  };
}
