import type {
  CaseEvent,
  CaseEventStore,
  CaseListStore,
  CaseOptions,
  CaseQuery,
  CaseRow,
  StoreScope,
} from "@incasso/core";
import {
  caseQuerySchema,
  caseStatement,
  fromZodError,
  IncassoError,
  parseCaseEvents,
  parseIsoDate,
} from "@incasso/core";
import { z } from "zod";
import type { HandoverFile, HandoverZip } from "../formats/handover-zip.js";
import { writeHandoverZip } from "../formats/handover-zip.js";
import { safeFileName, sha256Hex } from "../formats/safe-file-name.js";
import type { CreditorDetails, JudgmentRecord } from "../model/build-handover-case.js";
import { buildHandoverCase } from "../model/build-handover-case.js";
import { cleanText } from "../model/handover-fields.js";
import type { HandoverCase, HandoverPackage, HandoverPhase } from "../model/handover-package.js";
import {
  HANDOVER_PHASES,
  HANDOVER_SCHEMA_VERSION,
  handoverPackageSchema,
} from "../model/handover-package.js";
import { DEFAULT_PROFILE } from "../profiles/default-profile.js";
import type { HandoverProfile } from "../profiles/handover-profile.js";
import { assertProfileConfirmed, parseHandoverProfile } from "../profiles/handover-profile.js";
import type { HandoverDocumentSources } from "./handover-documents.js";
import { collectCaseDocuments } from "./handover-documents.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected YYYY-MM-DD" });
const name = z.string().trim().min(1).max(500);
const optional = z.string().max(500).optional();
const amount = z
  .string()
  .regex(/^\d{1,12}\.\d{2}$/, { message: "expected an amount such as 1234.50" });

/**
 * Zod schema of a bailiff office as the exporter takes it: its id in the firm's configuration
 * (`A-Z a-z 0-9 . _ -`), its name, enterprise number, address and e-mail.
 *
 * @example
 * ```ts
 * import { bailiffOfficeSchema } from "@incasso/export-organi";
 * bailiffOfficeSchema.parse({ id: "dewolf", name: "Gerechtsdeurwaarder De Wolf" });
 * ```
 */
export const bailiffOfficeSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, {
    message: "expected an office id of 1 to 64 letters, digits, . _ -",
  }),
  name,
  enterpriseNumber: optional,
  addressLines: z.array(name).max(6).default([]),
  email: optional,
});

/**
 * Zod schema of the sending firm: name, enterprise number (required: the bailiff needs to know
 * who instructs), VAT number, the lawyer responsible, address and contacts.
 *
 * @example
 * ```ts
 * import { senderFirmSchema } from "@incasso/export-organi";
 * senderFirmSchema.parse({ name: "Advocaten De Smet", enterpriseNumber: "0566.988.259" });
 * ```
 */
export const senderFirmSchema = z.strictObject({
  name,
  enterpriseNumber: name,
  vatNumber: optional,
  lawyer: optional,
  addressLines: z.array(name).max(6).default([]),
  email: optional,
  phone: optional,
});

/**
 * A bailiff office (see {@link bailiffOfficeSchema}).
 *
 * @example
 * ```ts
 * import type { BailiffOffice } from "@incasso/export-organi";
 * const office: BailiffOffice = { id: "dewolf", name: "Gerechtsdeurwaarder De Wolf" };
 * ```
 */
export interface BailiffOffice {
  readonly id: string;
  readonly name: string;
  readonly enterpriseNumber?: string | undefined;
  readonly addressLines?: readonly string[] | undefined;
  readonly email?: string | undefined;
}

/**
 * The sending firm (see {@link senderFirmSchema}).
 *
 * @example
 * ```ts
 * import type { SenderFirm } from "@incasso/export-organi";
 * const firm: SenderFirm = { name: "Advocaten De Smet", enterpriseNumber: "0566.988.259" };
 * ```
 */
export interface SenderFirm {
  readonly name: string;
  readonly enterpriseNumber: string;
  readonly vatNumber?: string | undefined;
  readonly lawyer?: string | undefined;
  readonly addressLines?: readonly string[] | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

const creditorSchema = z.strictObject({
  enterpriseNumber: optional,
  vatNumber: optional,
  addressLines: z.array(name).max(6).optional(),
  iban: optional,
  bic: optional,
  email: optional,
  phone: optional,
});

const judgmentSchema = z.strictObject({
  court: name,
  date: isoDate,
  rollNumber: optional,
  enforceable: z.boolean(),
  principal: amount.optional(),
  interest: amount.optional(),
  costs: amount.optional(),
  description: z.string().max(10_000).optional(),
});

const requestSchema = z.strictObject({
  selection: z.union([
    z.strictObject({ caseNumbers: z.array(z.string().min(1).max(500)).min(1).max(10_000) }),
    z.strictObject({ query: z.unknown() }),
  ]),
  office: bailiffOfficeSchema,
  sender: senderFirmSchema,
  phase: z.enum(["amicable", "summary-procedure", "enforcement"]),
  cutOff: isoDate,
  createdAt: z.iso.datetime({ offset: false }),
  by: name,
  clientId: z.string().min(1).max(120).optional(),
  resend: z.strictObject({ reason: z.string().trim().min(1).max(2000) }).optional(),
  creditors: z.record(z.string(), creditorSchema).optional(),
  judgments: z.record(z.string(), z.array(judgmentSchema).max(50)).optional(),
});

/**
 * What {@link exportToBailiff} needs: the store (events and case lists) and the tenant's scope;
 * the selection (case numbers, or a case list query); the office, the sending firm, the phase,
 * the cut-off date and the instant (`createdAt`, passed in: the package records it, and a rerun
 * answers the first run's); who exports; the profile (default {@link DEFAULT_PROFILE}); an
 * optional client the export is for (cases of any other client are refused); `resend` with a
 * reason to send cases already handed over again; the creditors' details and judgments by client
 * id and case id; the case options; the documents' sources.
 *
 * @example
 * ```ts
 * import type { ExportToBailiffInput } from "@incasso/export-organi";
 * type Selection = ExportToBailiffInput["selection"];
 * const byNumbers: Selection = { caseNumbers: ["2026/00042"] };
 * ```
 */
export interface ExportToBailiffInput {
  readonly store: CaseEventStore & CaseListStore;
  readonly scope: StoreScope;
  readonly selection: { readonly caseNumbers: readonly string[] } | { readonly query: CaseQuery };
  readonly office: BailiffOffice;
  readonly sender: SenderFirm;
  readonly phase: HandoverPhase;
  readonly cutOff: string;
  readonly createdAt: string;
  readonly by: string;
  readonly profile?: HandoverProfile;
  readonly clientId?: string;
  readonly resend?: { readonly reason: string };
  readonly creditors?: Readonly<Record<string, CreditorDetails>>;
  readonly judgments?: Readonly<Record<string, readonly JudgmentRecord[]>>;
  readonly caseOptions?: CaseOptions;
  readonly documents?: HandoverDocumentSources;
}

/**
 * Why a selected case was left out of a handover: `unknown-case` (no such case number in the
 * tenant), `other-client` (a case of another client than the export is for), `already-handed-over`
 * (send it again only with `resend` and a reason), `nothing-owed`, `disputed`, `suspended`,
 * `insolvent`, `closed`, `written-off`, `not-computable` (its statement cannot be computed as of the cut-off,
 * such as a rate table to extend), `not-summary-procedure` (the uncontested-debt procedure is for
 * business debts between enterprises only), `no-enforceable-judgment` (enforcement needs one),
 * `not-recorded` (the package was made but the case changed before its handover was recorded,
 * by more than notes: run the export again).
 *
 * @example
 * ```ts
 * import type { RefusalCode } from "@incasso/export-organi";
 * const retry = (code: RefusalCode) => code === "not-recorded";
 * ```
 */
export type RefusalCode =
  | "unknown-case"
  | "other-client"
  | "already-handed-over"
  | "nothing-owed"
  | "disputed"
  | "suspended"
  | "insolvent"
  | "closed"
  | "written-off"
  | "not-computable"
  | "not-summary-procedure"
  | "no-enforceable-judgment"
  | "not-recorded";

/**
 * A case left out of a handover, and why.
 *
 * @example
 * ```ts
 * import type { RefusedCase } from "@incasso/export-organi";
 * const line = (refused: RefusedCase) => `${refused.caseNumber}: ${refused.reason}`;
 * ```
 */
export interface RefusedCase {
  readonly caseNumber: string;
  readonly caseId: string | null;
  readonly code: RefusalCode;
  readonly reason: string;
}

/**
 * The result of {@link exportToBailiff}: the package (its id, the ZIP's file name, bytes, SHA-256
 * and files, and the model), or null when no case could be handed over; the cases handed over
 * (with the version of their `bailiff.handover` event and whether it was a replay of an earlier
 * run) and the cases refused, each with its reason.
 *
 * @example
 * ```ts
 * import type { BailiffExport } from "@incasso/export-organi";
 * const summary = (result: BailiffExport) => `${result.handedOver.length} handed over, ${result.refused.length} refused`;
 * ```
 */
export interface BailiffExport {
  readonly package:
    | (HandoverZip & {
        readonly id: string;
        readonly fileName: string;
        readonly handover: HandoverPackage;
      })
    | null;
  readonly handedOver: readonly {
    readonly caseId: string;
    readonly caseNumber: string;
    readonly version: number;
    readonly replayed: boolean;
  }[];
  readonly refused: readonly RefusedCase[];
}

interface Candidate {
  readonly row: CaseRow;
  /** Whether the user's selection named it (not only the rerun's widened query). */
  readonly selected: boolean;
}

/**
 * The id of a handover package: `HO-` and 32 hex digits of the SHA-256 of the tenant, the office,
 * the phase, the profile and its version, the cut-off date, the resend reason, the sorted ids of
 * the cases the selection names and, for a selection by a case list query, the query's filters.
 * The same selection, cut-off date and office always give the same id; a query's package is never
 * taken for one made from a list of the same cases.
 *
 * @example
 * ```ts
 * import { handoverPackageId } from "@incasso/export-organi";
 * handoverPackageId({ tenantId: "firm", officeId: "dewolf", phase: "amicable", profile: "default@1.0", cutOff: "2026-11-27", resend: null, caseIds: ["C1"] });
 * ```
 */
export function handoverPackageId(input: {
  readonly tenantId: string;
  readonly officeId: string;
  readonly phase: HandoverPhase;
  readonly profile: string;
  readonly cutOff: string;
  readonly resend: string | null;
  readonly caseIds: readonly string[];
  /** The filters of a case list query when the selection is one (keys and lists in any order). */
  readonly query?: Readonly<Record<string, unknown>> | null;
}): string {
  const canonical = JSON.stringify([
    HANDOVER_SCHEMA_VERSION,
    input.tenantId,
    input.officeId,
    input.phase,
    input.profile,
    input.cutOff,
    input.resend,
    [...input.caseIds].sort(),
    // A selection by case numbers hashes as it always did; a query adds its filters.
    ...(input.query === undefined || input.query === null ? [] : [canonicalValue(input.query)]),
  ]);
  return `HO-${sha256Hex(canonical).slice(0, 32)}`;
}

/** A value with its object keys sorted and its lists of plain values sorted: one form per meaning. */
function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalValue);
    return items.every((item) => item === null || typeof item !== "object")
      ? [...items].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
      : items;
  }
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, child]) => child !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, child]) => [key, canonicalValue(child)]),
    );
  return value;
}

async function allRows(
  store: CaseListStore,
  scope: StoreScope,
  query: z.input<typeof caseQuerySchema>,
): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  let after: string | undefined;
  do {
    const page = await store.listCases(scope, {
      ...query,
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    rows.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return rows;
}

type Handover = Extract<CaseEvent, { type: "bailiff.handover" }>;

/**
 * Hands selected cases over to a bailiff office in one package, and records it on each case.
 *
 * The cases are the numbers listed or the rows of a case list query. Each is refused with a
 * reason, never dropped silently, when it is unknown, of another client, already handed over
 * (unless `resend` gives a reason), owes nothing, is disputed, suspended, insolvent, closed, written off,
 * cannot be computed as of the cut-off, or does not fit the phase (the summary procedure is for
 * business debts between enterprises; enforcement needs an enforceable judgment). The others make
 * one package ({@link writeHandoverZip}): the model validated against its zod schema, the data
 * files of the profile, the documents. Then each case gets `bailiff.handover` (office, package
 * id, the ZIP's SHA-256, phase; `at` the cut-off date) under the idempotency key
 * `handover:<package>:<case>`: the scenario of the case stops on it, and a case is never handed
 * over twice by accident.
 *
 * A rerun of the same selection, cut-off date, office and phase answers the same package, byte for
 * byte: the package id comes from them, each case is built from its events before its handover
 * in this package, `createdAt` is the first run's, and the appends replay. A run cut short is
 * completed by running it again. A query's rerun finds the cases it handed over among those now
 * `with-bailiff`; when several earlier runs of the same query match, the latest (by the recorded
 * instant of its handover) is the one answered. A profile with unconfirmed fields is refused first
 * ({@link assertProfileConfirmed}); a client-portal scope is `FORBIDDEN`.
 *
 * @example
 * ```ts
 * import { exportToBailiff } from "@incasso/export-organi";
 * import { createMemoryStore } from "@incasso/memory";
 * const store = createMemoryStore();
 * const result = await exportToBailiff({
 *   store, scope: { tenantId: "firm" }, selection: { caseNumbers: ["2026/00042"] },
 *   office: { id: "dewolf", name: "Gerechtsdeurwaarder De Wolf" },
 *   sender: { name: "Advocaten De Smet", enterpriseNumber: "0566.988.259" },
 *   phase: "amicable", cutOff: "2026-11-27", createdAt: "2026-11-27T09:00:00Z", by: "clerk",
 * });
 * result.refused; // [{ caseNumber: "2026/00042", code: "unknown-case", ... }]
 * ```
 */
export async function exportToBailiff(input: ExportToBailiffInput): Promise<BailiffExport> {
  const parsed = requestSchema.safeParse({
    selection: input.selection,
    office: input.office,
    sender: input.sender,
    phase: input.phase,
    cutOff: input.cutOff,
    createdAt: input.createdAt,
    by: input.by,
    clientId: input.clientId,
    resend: input.resend,
    creditors: input.creditors,
    judgments: input.judgments,
  });
  if (!parsed.success) throw fromZodError(parsed.error, "export");
  const request = parsed.data;
  const profile = parseHandoverProfile(input.profile ?? DEFAULT_PROFILE);
  assertProfileConfirmed(profile);
  if (input.scope.clientId !== undefined)
    throw new IncassoError(
      "FORBIDDEN",
      "scope.clientId: a client-portal scope never hands cases over",
      [
        {
          path: "scope.clientId",
          message: "expected a tenant scope (a client-portal scope never writes)",
        },
      ],
    );
  const cutOff = parseIsoDate(request.cutOff);
  const { store, scope } = input;
  const refused: RefusedCase[] = [];

  // 1. The candidates.
  const candidates: Candidate[] = [];
  let queryFilters: Record<string, unknown> | null = null;
  if ("caseNumbers" in request.selection) {
    const rows = await allRows(store, scope, {});
    const byNumber = new Map(rows.map((row) => [row.caseNumber, row]));
    const seen = new Set<string>();
    for (const caseNumber of request.selection.caseNumbers) {
      if (seen.has(caseNumber)) continue;
      seen.add(caseNumber);
      const row = byNumber.get(caseNumber);
      if (row === undefined)
        refused.push({
          caseNumber,
          caseId: null,
          code: "unknown-case",
          reason: "no case with this number in the tenant",
        });
      else candidates.push({ row, selected: true });
    }
  } else {
    const query = caseQuerySchema.safeParse(request.selection.query);
    if (!query.success) throw fromZodError(query.error, "export.selection.query");
    const { limit: _limit, after: _after, sort: _sort, ...filters } = query.data;
    queryFilters = filters;
    const rows = await allRows(store, scope, filters);
    for (const row of rows) candidates.push({ row, selected: true });
    // A rerun: the cases this export handed over left the statuses the query names.
    if (filters.status !== undefined && !filters.status.includes("with-bailiff")) {
      const known = new Set(rows.map((row) => row.caseId));
      for (const row of await allRows(store, scope, { ...filters, status: ["with-bailiff"] }))
        if (!known.has(row.caseId)) candidates.push({ row, selected: false });
    }
  }

  // 2. Each candidate's events, split at its last handover that has a package id.
  type Prepared = {
    candidate: Candidate;
    events: CaseEvent[];
    version: number;
    lastHandover: (Handover & { readonly index: number }) | null;
  };
  const prepared: Prepared[] = [];
  for (const candidate of candidates) {
    const stored = await store.readEvents(scope, candidate.row.caseId);
    const events = parseCaseEvents(stored.map((entry) => entry.event));
    let lastHandover: Prepared["lastHandover"] = null;
    events.forEach((event, index) => {
      if (event.type === "bailiff.handover") lastHandover = { ...event, index };
    });
    prepared.push({ candidate, events, version: stored.at(-1)?.version ?? 0, lastHandover });
  }

  // 3. The package id, from every case the selection names; rows the rerun's widened query found
  // join only when they are this package's.
  const idOf = (caseIds: readonly string[]) =>
    handoverPackageId({
      tenantId: scope.tenantId,
      officeId: request.office.id,
      phase: request.phase,
      profile: `${profile.id}@${profile.version}`,
      cutOff: request.cutOff,
      resend: request.resend?.reason ?? null,
      caseIds,
      query: queryFilters,
    });
  const selectedIds = prepared
    .filter((entry) => entry.candidate.selected)
    .map((entry) => entry.candidate.row.caseId);
  let packageId = idOf(selectedIds);
  const groups = new Map<string, { caseIds: string[]; recordedAt: string }>();
  for (const entry of prepared) {
    const handover = entry.lastHandover;
    if (entry.candidate.selected || handover?.packageId === undefined) continue;
    const group = groups.get(handover.packageId) ?? { caseIds: [], recordedAt: "" };
    group.caseIds.push(entry.candidate.row.caseId);
    if (handover.recordedAt > group.recordedAt) group.recordedAt = handover.recordedAt;
    groups.set(handover.packageId, group);
  }
  // Several earlier runs of the same query can each be answered again: the latest is the rerun.
  const reruns = [...groups]
    .filter(([id, group]) => idOf([...selectedIds, ...group.caseIds]) === id)
    .sort(([idA, a], [idB, b]) =>
      a.recordedAt !== b.recordedAt ? (a.recordedAt > b.recordedAt ? -1 : 1) : idA < idB ? -1 : 1,
    );
  if (reruns[0] !== undefined) packageId = reruns[0][0];

  // 4. Each case as the first run saw it: the events before its handover in this package, if any.
  type Eligible = Prepared & { basis: CaseEvent[] };
  const included: Eligible[] = [];
  const refuse = (entry: Prepared, code: RefusalCode, reason: string) =>
    refused.push({
      caseNumber: entry.candidate.row.caseNumber,
      caseId: entry.candidate.row.caseId,
      code,
      reason,
    });
  for (const entry of prepared) {
    const mine = entry.lastHandover !== null && entry.lastHandover.packageId === packageId;
    if (!entry.candidate.selected && !mine) continue;
    const basis =
      mine && entry.lastHandover !== null
        ? entry.events.slice(0, entry.lastHandover.index)
        : entry.events;
    const opened = basis[0] as Extract<CaseEvent, { type: "case.opened" }>;
    if (request.clientId !== undefined && opened.client.id !== request.clientId) {
      refuse(
        entry,
        "other-client",
        `the case is of client ${opened.client.id}, not ${request.clientId}`,
      );
      continue;
    }
    if (!mine && entry.lastHandover !== null && request.resend === undefined) {
      refuse(
        entry,
        "already-handed-over",
        `handed over to ${entry.lastHandover.bailiff} on ${entry.lastHandover.at}${entry.lastHandover.packageId ? ` (package ${entry.lastHandover.packageId})` : ""}; send it again only with a reason (resend)`,
      );
      continue;
    }
    let computed: ReturnType<typeof caseStatement>;
    try {
      computed = caseStatement(basis, cutOff, input.caseOptions ?? {});
    } catch (error) {
      if (error instanceof IncassoError) {
        refuse(
          entry,
          "not-computable",
          `the statement cannot be computed as of ${request.cutOff}: ${error.message}`,
        );
        continue;
      }
      throw error;
    }
    const { state, statement } = computed;
    const status = state.status;
    const problem: [RefusalCode, string] | null =
      status === "closed"
        ? ["closed", "the case is closed"]
        : status === "written-off"
          ? ["written-off", "the case is written off"]
          : status === "insolvent"
            ? [
                "insolvent",
                "the debtor is insolvent (bankruptcy or collective debt settlement): claims go to the trustee",
              ]
            : status === "disputed"
              ? ["disputed", "the debt is disputed: settle the dispute first"]
              : status === "suspended"
                ? ["suspended", "collection of the case is suspended: resume it first"]
                : statement.totals.balance.lte(0)
                  ? ["nothing-owed", `nothing is owed as of ${request.cutOff}`]
                  : request.phase === "summary-procedure" &&
                      (state.rulePack !== "be.b2b" ||
                        state.debtors.some((debtor) => debtor.consumer))
                    ? [
                        "not-summary-procedure",
                        "the collection of uncontested debts (art. 1394/20 Ger.W.) is Belgian and for debts between enterprises only",
                      ]
                    : request.phase === "enforcement" &&
                        !(request.judgments?.[entry.candidate.row.caseId] ?? []).some(
                          (judgment) => judgment.enforceable,
                        )
                      ? [
                          "no-enforceable-judgment",
                          "enforcement needs an enforceable judgment: pass it in judgments",
                        ]
                      : null;
    if (problem !== null) {
      refuse(entry, problem[0], problem[1]);
      continue;
    }
    included.push({ ...entry, basis });
  }
  if (included.length === 0) return { package: null, handedOver: [], refused };

  // 5. The package: createdAt is the first run's when a case already records it.
  const recorded = included.find(
    (entry) => entry.lastHandover?.packageId === packageId,
  )?.lastHandover;
  const createdAt = recorded?.recordedAt ?? request.createdAt;
  included.sort((a, b) =>
    a.candidate.row.caseNumber < b.candidate.row.caseNumber
      ? -1
      : a.candidate.row.caseNumber > b.candidate.row.caseNumber
        ? 1
        : a.candidate.row.caseId < b.candidate.row.caseId
          ? -1
          : 1,
  );
  const keys = new Set<string>();
  const documents: HandoverFile[] = [];
  const cases: HandoverCase[] = [];
  for (const entry of included) {
    const { row } = entry.candidate;
    let caseKey = safeFileName(row.caseNumber);
    if (keys.has(caseKey)) caseKey = `${caseKey}-${sha256Hex(row.caseId).slice(0, 8)}`;
    keys.add(caseKey);
    const opened = entry.basis[0] as Extract<CaseEvent, { type: "case.opened" }>;
    const creditor = request.creditors?.[opened.client.id];
    const collected = await collectCaseDocuments({
      caseId: row.caseId,
      caseKey,
      events: entry.basis,
      cutOff: request.cutOff,
      creditor: {
        name: opened.client.name,
        ...(creditor?.addressLines === undefined ? {} : { addressLines: creditor.addressLines }),
        ...(creditor?.enterpriseNumber === undefined
          ? {}
          : { enterpriseNumber: creditor.enterpriseNumber }),
        ...(creditor?.iban === undefined ? {} : { iban: creditor.iban }),
        ...(creditor?.bic === undefined ? {} : { bic: creditor.bic }),
        ...(creditor?.email === undefined ? {} : { email: creditor.email }),
        ...(creditor?.phone === undefined ? {} : { phone: creditor.phone }),
      },
      profile,
      sources: input.documents ?? {},
      ...(input.caseOptions === undefined ? {} : { options: input.caseOptions }),
    });
    documents.push(...collected.files);
    cases.push(
      buildHandoverCase({
        caseId: row.caseId,
        caseKey,
        events: entry.basis,
        cutOff,
        phase: request.phase,
        ...(input.caseOptions === undefined ? {} : { options: input.caseOptions }),
        ...(creditor === undefined ? {} : { creditor }),
        judgments: request.judgments?.[row.caseId] ?? [],
        documents: collected.entries,
      }),
    );
  }
  const sum = (pick: (totals: HandoverPackage["envelope"]["totals"]) => string) =>
    cases.reduce(
      (total, handoverCase) => total + BigInt(pick(handoverCase.statement.totals).replace(".", "")),
      0n,
    );
  const money = (cents: bigint) => {
    const negative = cents < 0n;
    const digits = (negative ? -cents : cents).toString().padStart(3, "0");
    return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  };
  const phase = HANDOVER_PHASES.find(
    (candidate) => candidate.id === request.phase,
  ) as (typeof HANDOVER_PHASES)[number];
  const clean = (value: string | undefined) =>
    value === undefined || cleanText(value).trim() === "" ? null : cleanText(value);
  const draft = {
    schemaVersion: HANDOVER_SCHEMA_VERSION,
    envelope: {
      packageId,
      createdAt: new Date(createdAt).toISOString().replace(".000Z", "Z"),
      cutOffDate: request.cutOff,
      sender: {
        name: cleanText(request.sender.name),
        enterpriseNumber: cleanText(request.sender.enterpriseNumber),
        vatNumber: clean(request.sender.vatNumber),
        lawyer: clean(request.sender.lawyer),
        addressLines: request.sender.addressLines.map(cleanText),
        email: clean(request.sender.email),
        phone: clean(request.sender.phone),
      },
      bailiff: {
        id: request.office.id,
        name: cleanText(request.office.name),
        enterpriseNumber: clean(request.office.enterpriseNumber),
        addressLines: request.office.addressLines.map(cleanText),
        email: clean(request.office.email),
      },
      phase: request.phase,
      instruction: {
        kind: phase.instruction,
        legalBasis: phase.legalBasis,
        description: phase.description,
      },
      profile: { id: profile.id, version: profile.version },
      resend: request.resend === undefined ? null : { reason: cleanText(request.resend.reason) },
      caseCount: cases.length,
      totals: {
        principal: money(sum((t) => t.principal)),
        interest: money(sum((t) => t.interest)),
        costs: money(sum((t) => t.costs)),
        penalty: money(sum((t) => t.penalty)),
        paid: money(sum((t) => t.paid)),
        credit: money(sum((t) => t.credit)),
        balance: money(sum((t) => t.balance)),
      },
    },
    cases,
  };
  const checked = handoverPackageSchema.safeParse(draft);
  if (!checked.success) throw fromZodError(checked.error, "handover");
  const handover = checked.data;
  const zip = await writeHandoverZip(handover, profile, documents);
  const fileName = `${safeFileName(`${packageId}_${request.office.id}`)}.zip`;

  // 6. Record the handover on each case, idempotently.
  const handedOver: BailiffExport["handedOver"][number][] = [];
  for (const entry of included) {
    const { row } = entry.candidate;
    const event = {
      id: `handover-${packageId}`,
      type: "bailiff.handover" as const,
      at: request.cutOff,
      recordedAt: handover.envelope.createdAt,
      by: request.by,
      bailiff: handover.envelope.bailiff.name,
      packageId,
      sha256: zip.sha256,
      phase: request.phase,
    };
    const events: unknown[] = [event];
    if (request.resend !== undefined)
      events.push({
        id: `handover-${packageId}-resend`,
        type: "note.added",
        at: request.cutOff,
        recordedAt: handover.envelope.createdAt,
        by: request.by,
        text: `Sent again to ${handover.envelope.bailiff.name} (package ${packageId}): ${cleanText(request.resend.reason)}`,
      });
    // A case that changed since it was read is recorded only when what was added is notes alone
    // (nothing of the package, nor of whether the case may go, depends on them); else its
    // handover is not recorded and the export is to be run again.
    let expectedVersion = entry.version;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await store.append(scope, {
          caseId: row.caseId,
          expectedVersion,
          events,
          idempotencyKey: `handover:${packageId}:${sha256Hex(row.caseId).slice(0, 16)}`,
          asOf: request.cutOff,
        });
        handedOver.push({
          caseId: row.caseId,
          caseNumber: row.caseNumber,
          version: result.previousVersion + 1,
          replayed: result.replayed,
        });
        break;
      } catch (error) {
        if (!(error instanceof IncassoError && error.code === "VERSION_CONFLICT")) throw error;
        const added = (await store.readEvents(scope, row.caseId)).filter(
          (stored) => stored.version > entry.version,
        );
        const notesOnly = added.every(
          (stored) => (stored.event as { readonly type?: unknown }).type === "note.added",
        );
        if (notesOnly && added.length > 0 && attempt < 3) {
          expectedVersion = added.at(-1)?.version ?? expectedVersion;
          continue;
        }
        refused.push({
          caseNumber: row.caseNumber,
          caseId: row.caseId,
          code: "not-recorded",
          reason:
            "the case changed while the package was made; its handover is not recorded: run the export again",
        });
        break;
      }
    }
  }
  return { package: { id: packageId, fileName, handover, ...zip }, handedOver, refused };
}
