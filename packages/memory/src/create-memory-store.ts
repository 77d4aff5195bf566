import type {
  AgendaRecord,
  AppendResult,
  CaseEventJson,
  CaseKeyHit,
  CaseRow,
  CaseStore,
  ClientRecord,
  ClientTerms,
  DebtorRecord,
  ImportBatch,
  ImportRowResult,
  OutboxMessage,
  Page,
  RateTable,
  Scenario,
  ShardCase,
  StoreCapability,
  StoreScope,
} from "@incasso/core";
import {
  agendaQuerySchema,
  caseKeyQuerySchema,
  caseKeysOf,
  caseQuerySchema,
  claimRequestSchema,
  clientRecordSchema,
  clientTermsSchema,
  completeRequestSchema,
  debtorListSchema,
  debtorQuerySchema,
  debtorRecordSchema,
  enqueueRequestSchema,
  fromZodError,
  IncassoError,
  importBatchSchema,
  outboxQuerySchema,
  parseInput,
  parseScenario,
  postponeRequestSchema,
  STORE_CAPABILITIES,
  shardRequestSchema,
  storeIdSchema,
  Temporal,
} from "@incasso/core";
import {
  appendFingerprint,
  appendInTurn,
  assertWritable,
  canonicalJson,
  checkCompletion,
  checkNextImportPart,
  compareKeys,
  compareRows,
  completeImportBatch,
  cursorAfter,
  cursorKey,
  decodeAgendaCursor,
  encodeCursor,
  encodeImportRowCursor,
  importPartContent,
  importRowSavedBefore,
  matchesQuery,
  missingAgendaEntry,
  missingClient,
  openingClientId,
  parseAppendMany,
  parseAppendRequest,
  parseDisposeRequest,
  parseImportBatchPart,
  parseImportRowsQuery,
  parseScope,
  prepareAppend,
  prepareDisposal,
  reusedKey,
  sameImportBatchHeader,
  sortKey,
  storeInstant,
} from "@incasso/core/adapter-kit";

interface Tenant {
  readonly cases: Map<string, { clientId: string; events: CaseEventJson[]; row: CaseRow }>;
  readonly appends: Map<string, { fingerprint: string; result: AppendResult }>;
  readonly clients: Map<string, ClientRecord>;
  readonly debtors: Map<string, DebtorRecord>;
  readonly terms: Map<string, ClientTerms>;
  readonly scenarios: Map<string, Map<string, Map<number, Scenario>>>;
  readonly agenda: Map<string, AgendaRecord>;
  readonly outbox: Map<string, OutboxMessage & { clientId: string | null }>;
  readonly imports: Map<string, StoredImport>;
}

/**
 * An import batch as kept: its header and rows so far (in the order saved), its parts (a batch
 * saved in one call is its part 0, the last), whether its last part is saved, its row numbers, and
 * once complete the positions of its rows in the order of their numbers (made by the first read).
 */
interface StoredImport {
  readonly batch: ImportBatch;
  readonly parts: { readonly rows: number; readonly last: boolean }[];
  complete: boolean;
  readonly rowNumbers: Set<number>;
  order?: number[];
}

/**
 * Options of the in-memory store: the host's rate tables, when it extends the built-in ones.
 *
 * @example
 * ```ts
 * import type { MemoryStoreOptions } from "@incasso/memory";
 * const options: MemoryStoreOptions = {};
 * ```
 */
export interface MemoryStoreOptions {
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

/**
 * The in-memory store: a complete `CaseStore` that says so in `capabilities` (every storage
 * port), and can forget everything at once.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type MemoryStore } from "@incasso/memory";
 * const store: MemoryStore = createMemoryStore();
 * store.clear();
 * ```
 */
export interface MemoryStore extends CaseStore {
  /** Every storage port: the reference store implements them all. */
  readonly capabilities: ReadonlySet<StoreCapability>;
  /** Forgets everything (for a test's reset). */
  clear(): void;
}

/**
 * The in-memory reference implementation of the storage ports: every operation computes its whole
 * effect first and then applies it, so a failing call changes nothing, and every answer is a deep
 * copy. It is what the conformance suites' model-based test compares every adapter with, and a
 * store for tests, demos and development. It has no dependency besides `@incasso/core`, and none on
 * a test runner.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * const store = createMemoryStore();
 * await store.putClient({ tenantId: "firm-1" }, { id: "acme", name: "Acme NV" });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const tenants = new Map<string, Tenant>();
  const tenantOf = (scope: StoreScope): Tenant => {
    const { tenantId } = parseScope(scope);
    let tenant = tenants.get(tenantId);
    if (tenant === undefined) {
      tenant = {
        cases: new Map(),
        appends: new Map(),
        clients: new Map(),
        debtors: new Map(),
        terms: new Map(),
        scenarios: new Map(),
        agenda: new Map(),
        outbox: new Map(),
        imports: new Map(),
      };
      tenants.set(tenantId, tenant);
    }
    return tenant;
  };
  const visible = (scope: StoreScope, clientId: string | null) =>
    scope.clientId === undefined || scope.clientId === clientId;
  const copy = <T>(value: T): T => structuredClone(value);
  const rateTables = options.rateTables === undefined ? {} : { rateTables: options.rateTables };
  const contextOf = (tenant: Tenant, clientId: string | null) => ({
    terms: (clientId === null ? undefined : tenant.terms.get(clientId)) ?? null,
    scenarios: clientId === null ? [] : latestScenarios(tenant, clientId),
    ...rateTables,
  });
  const requireClient = (tenant: Tenant, clientId: string, path: string) => {
    if (!tenant.clients.has(clientId)) {
      throw missingClient(path, clientId);
    }
  };

  /** The append itself, shared by `append` and `disposeAgendaEntry`; returns the commit to apply. */
  const stageAppend = (tenant: Tenant, input: unknown) => {
    const request = parseAppendRequest(input);
    if (request.idempotencyKey !== undefined) {
      const known = tenant.appends.get(request.idempotencyKey);
      if (known !== undefined) {
        const fingerprint = appendFingerprint(request);
        if (known.fingerprint !== fingerprint) throw reusedKey("append.idempotencyKey");
        return { result: { ...known.result, replayed: true }, commit: () => {} };
      }
    }
    const stored = tenant.cases.get(request.caseId);
    const clientId = stored?.clientId ?? openingClientId(request);
    const plan = prepareAppend(stored?.events ?? [], request, contextOf(tenant, clientId));
    if (stored === undefined) requireClient(tenant, plan.clientId, "append.events.0.client.id");
    plan.outbox.forEach((message, index) => {
      if (tenant.outbox.has(message.key)) throw reusedKey(`append.outbox.${index}.key`);
    });
    const commit = () => {
      const events = [...(stored?.events ?? []), ...plan.events.map((e) => e.event)];
      tenant.cases.set(request.caseId, { clientId: plan.clientId, events, row: plan.row });
      if (request.idempotencyKey !== undefined) {
        tenant.appends.set(request.idempotencyKey, {
          fingerprint: plan.fingerprint,
          result: plan.result,
        });
      }
      for (const message of plan.outbox) {
        tenant.outbox.set(message.key, {
          id: message.key,
          clientId: plan.clientId,
          caseId: request.caseId,
          caseVersion: plan.result.version,
          kind: message.kind,
          payload: message.payload as Record<string, unknown>,
          notBefore: message.notBefore === undefined ? null : storeInstant(message.notBefore),
          status: "pending",
          attempts: 0,
          claimedBy: null,
          leaseUntil: null,
          completedAt: null,
          detail: null,
        });
      }
    };
    return { result: plan.result, commit };
  };

  return {
    capabilities: new Set(STORE_CAPABILITIES),
    clear: () => tenants.clear(),

    async append(scope, request) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const { result, commit } = stageAppend(tenant, request);
      commit();
      return copy(result);
    },

    async appendMany(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      return appendInTurn(parseAppendMany(input), async (request) => {
        const { result, commit } = stageAppend(tenant, request);
        commit();
        return copy(result);
      });
    },

    async readEvents(scope, caseId, options = {}) {
      const stored = tenantOf(scope).cases.get(caseId);
      if (stored === undefined || !visible(scope, stored.clientId)) return [];
      const from = options.fromVersion ?? 1;
      return stored.events
        .map((event, index) => ({ caseId, version: index + 1, event: copy(event) }))
        .filter((event) => event.version >= from);
    },

    async getCase(scope, caseId) {
      const stored = tenantOf(scope).cases.get(caseId);
      return stored === undefined || !visible(scope, stored.clientId) ? null : copy(stored.row);
    },

    async listCases(scope, input = {}) {
      const tenant = tenantOf(scope);
      const parsed = caseQuerySchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error, "query");
      const query = parsed.data;
      const cursor = query.after === undefined ? null : cursorKey(query.sort, query.after);
      const rows = [...tenant.cases.values()]
        .map((stored) => stored.row)
        .filter((row) => visible(scope, row.clientId) && matchesQuery(row, query))
        .sort((a, b) => compareRows(query.sort, a, b))
        .filter(
          (row) => cursor === null || compareKeys(query.sort, sortKey(query.sort, row), cursor) > 0,
        );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: copy(items),
        nextCursor:
          rows.length > query.limit && last !== undefined ? cursorAfter(query.sort, last) : null,
      };
    },

    async findCasesByKeys(scope, input) {
      const tenant = tenantOf(scope);
      const query = parseInput(caseKeyQuerySchema, input, "query");
      const wanted = new Set(query.keys.map((key) => `${key.kind}\u0000${key.key}`));
      const hits: CaseKeyHit[] = [];
      if (wanted.size === 0) return hits;
      for (const [caseId, stored] of tenant.cases) {
        if (!visible(scope, stored.clientId)) continue;
        for (const key of caseKeysOf(stored.events)) {
          if (wanted.has(`${key.kind}\u0000${key.key}`)) hits.push({ caseId, ...key });
        }
      }
      return hits.sort(
        (a, b) => byId(a.kind, b.kind) || byId(a.key, b.key) || byId(a.caseId, b.caseId),
      );
    },

    async putClient(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const client = parseInput(clientRecordSchema, input, "client");
      tenant.clients.set(client.id, client);
    },

    async getClient(scope, clientId) {
      const client = tenantOf(scope).clients.get(clientId);
      return client === undefined || !visible(scope, clientId) ? null : copy(client);
    },

    async listClients(scope) {
      return [...tenantOf(scope).clients.values()]
        .filter((client) => visible(scope, client.id))
        .sort((a, b) => byId(a.id, b.id))
        .map(copy);
    },

    async putDebtor(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const debtor = parseInput(debtorRecordSchema, input, "debtor");
      tenant.debtors.set(debtor.id, debtor);
    },

    async putDebtors(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const debtors = parseInput(debtorListSchema, input, "debtors");
      for (const debtor of debtors) tenant.debtors.set(debtor.id, debtor);
    },

    async getDebtor(scope, debtorId) {
      const tenant = tenantOf(scope);
      const debtor = tenant.debtors.get(debtorId);
      if (debtor === undefined) return null;
      if (scope.clientId !== undefined) {
        const linked = [...tenant.cases.values()].some(
          (stored) => stored.clientId === scope.clientId && stored.row.debtorIds.includes(debtorId),
        );
        if (!linked) return null;
      }
      return copy(debtor);
    },

    async findDebtors(scope, input) {
      const tenant = tenantOf(scope);
      const query = parseInput(debtorQuerySchema, input, "query");
      const digits = (values: readonly string[] | undefined) =>
        new Set((values ?? []).map((value) => value.replace(/\D/g, "")).filter((d) => d !== ""));
      const ids = new Set(query.ids ?? []);
      const enterprise = digits(query.enterpriseNumbers);
      const national = digits(query.nationalNumbers);
      const has = (set: Set<string>, value: string | undefined) =>
        value !== undefined && set.has(value.replace(/\D/g, ""));
      return [...tenant.debtors.values()]
        .filter(
          (debtor) =>
            (ids.has(debtor.id) ||
              has(enterprise, debtor.enterpriseNumber) ||
              has(national, debtor.nationalNumber)) &&
            (scope.clientId === undefined ||
              [...tenant.cases.values()].some(
                (stored) =>
                  stored.clientId === scope.clientId && stored.row.debtorIds.includes(debtor.id),
              )),
        )
        .sort((a, b) => byId(a.id, b.id))
        .map(copy);
    },

    async putTerms(scope, clientId, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      parseInput(storeIdSchema, clientId, "clientId");
      const terms = parseInput(clientTermsSchema, input, "terms");
      requireClient(tenant, clientId, "clientId");
      tenant.terms.set(clientId, terms);
    },

    async getTerms(scope, clientId) {
      const terms = tenantOf(scope).terms.get(clientId);
      return terms === undefined || !visible(scope, clientId) ? null : copy(terms);
    },

    async putScenario(scope, clientId, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      parseInput(storeIdSchema, clientId, "clientId");
      const scenario = parseScenario(input);
      requireClient(tenant, clientId, "clientId");
      const versions =
        tenant.scenarios.get(clientId)?.get(scenario.id) ?? new Map<number, Scenario>();
      const known = versions.get(scenario.version);
      if (known !== undefined) {
        if (canonicalJson(known) !== canonicalJson(scenario)) throw reusedKey("scenario.version");
        return;
      }
      versions.set(scenario.version, scenario);
      const ofClient = tenant.scenarios.get(clientId) ?? new Map<string, Map<number, Scenario>>();
      ofClient.set(scenario.id, versions);
      tenant.scenarios.set(clientId, ofClient);
    },

    async listScenarios(scope, clientId) {
      const tenant = tenantOf(scope);
      return visible(scope, clientId) ? copy(latestScenarios(tenant, clientId)) : [];
    },

    async readShard(scope, input, after) {
      const tenant = tenantOf(scope);
      const request = parseInput(shardRequestSchema, input, "shard");
      const { caseIdFrom, caseIdTo, batchSize } = request;
      const cases: ShardCase[] = [...tenant.cases]
        .filter(
          ([caseId, stored]) =>
            visible(scope, stored.clientId) &&
            (caseIdFrom === undefined || caseId >= caseIdFrom) &&
            (caseIdTo === undefined || caseId < caseIdTo) &&
            (after === null || caseId > after),
        )
        .sort(([a], [b]) => byId(a, b))
        .slice(0, batchSize)
        .map(([caseId, stored]) => ({
          caseId,
          clientId: stored.clientId,
          version: stored.events.length,
          events: copy(stored.events),
        }));
      return cases;
    },

    async saveDailyRun(scope, page) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      let skipped = 0;
      const fresh = new Set<string>();
      for (const row of page.rows) {
        const stored = tenant.cases.get(row.caseId);
        if (stored === undefined || stored.events.length !== row.version) {
          skipped++;
          continue;
        }
        stored.row = copy(row);
        fresh.add(row.caseId);
      }
      const ids = new Set(page.entries.map((entry) => entry.id));
      for (const [id, entry] of tenant.agenda) {
        if (
          entry.runDate === page.runDate &&
          fresh.has(entry.caseId) &&
          entry.status === "open" &&
          !ids.has(id)
        )
          tenant.agenda.delete(id);
      }
      for (const entry of page.entries) {
        if (!fresh.has(entry.caseId)) continue;
        const known = tenant.agenda.get(entry.id);
        if (known === undefined || known.status === "open")
          tenant.agenda.set(entry.id, copy(entry));
      }
      return { skipped };
    },

    async listAgenda(scope, input) {
      const tenant = tenantOf(scope);
      const query = parseInput(agendaQuerySchema, input, "query");
      const cursor = query.after === undefined ? null : decodeAgendaCursor(query.after);
      const after = cursor === null ? null : { dueDate: cursor.dueDate, id: cursor.entryId };
      const rows = [...tenant.agenda.values()]
        .filter(
          (entry) =>
            entry.runDate === query.runDate &&
            visible(scope, entry.clientId) &&
            (query.clientId === undefined || entry.clientId === query.clientId) &&
            (query.owner === undefined || entry.owner === query.owner) &&
            (query.status === undefined || entry.status === query.status),
        )
        .sort(compareEntries)
        .filter((entry) => after === null || compareEntries(entry, after) > 0);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: copy(items),
        nextCursor:
          rows.length > query.limit && last !== undefined
            ? encodeCursor([last.dueDate, last.id])
            : null,
      } satisfies Page<AgendaRecord>;
    },

    async disposeAgendaEntry(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const request = parseDisposeRequest(input);
      const entry = tenant.agenda.get(request.entryId);
      if (entry === undefined) throw missingAgendaEntry(request.entryId);
      const stored = tenant.cases.get(entry.caseId);
      const version = stored?.events.length ?? 0;
      const planned = prepareDisposal(entry, request, version + 1);
      if (planned.replay) {
        const at = entry.disposition?.version ?? version;
        return {
          entry: copy(entry),
          append: { caseId: entry.caseId, previousVersion: at - 1, version: at, replayed: true },
        };
      }
      const { result, commit } = stageAppend(tenant, {
        caseId: entry.caseId,
        expectedVersion: version,
        events: [planned.event],
        asOf: request.asOf,
      });
      commit();
      tenant.agenda.set(entry.id, planned.entry);
      return { entry: copy(planned.entry), append: copy(result) };
    },

    async claimOutbox(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const request = parseInput(claimRequestSchema, input, "claim");
      const now = Temporal.Instant.from(request.now);
      const leaseUntil = now.add({ seconds: request.leaseSeconds }).toString();
      const claimed: OutboxMessage[] = [];
      for (const message of tenant.outbox.values()) {
        if (claimed.length >= request.limit) break;
        const sendable =
          (message.status === "pending" &&
            (message.notBefore === null ||
              Temporal.Instant.compare(Temporal.Instant.from(message.notBefore), now) <= 0)) ||
          (message.status === "claimed" &&
            message.leaseUntil !== null &&
            Temporal.Instant.compare(Temporal.Instant.from(message.leaseUntil), now) <= 0);
        if (!sendable) continue;
        const next = {
          ...message,
          status: "claimed" as const,
          claimedBy: request.worker,
          leaseUntil,
          attempts: message.attempts + 1,
        };
        tenant.outbox.set(message.id, next);
        claimed.push(publicMessage(next));
      }
      return copy(claimed);
    },

    async completeOutbox(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const request = parseInput(completeRequestSchema, input, "complete");
      const message = tenant.outbox.get(request.id);
      checkCompletion(message, request);
      const next = {
        ...message,
        status: request.outcome,
        completedAt: storeInstant(request.at),
        detail: request.detail ?? null,
      };
      tenant.outbox.set(message.id, next);
      return copy(publicMessage(next));
    },

    async postponeOutbox(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const request = parseInput(postponeRequestSchema, input, "postpone");
      const message = tenant.outbox.get(request.id);
      checkPostponable(message, request);
      const next = {
        ...message,
        status: "pending" as const,
        notBefore: storeInstant(request.notBefore),
        claimedBy: null,
        leaseUntil: null,
        attempts: request.countAttempt ? message.attempts : Math.max(0, message.attempts - 1),
        detail: request.detail ?? null,
      };
      tenant.outbox.set(message.id, next);
      return copy(publicMessage(next));
    },

    async enqueueOutbox(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const messages = parseInput(enqueueRequestSchema, input, "enqueue");
      const staged = new Map<string, OutboxMessage & { clientId: string | null }>();
      messages.forEach((message, index) => {
        const fresh = {
          id: message.key,
          clientId: null,
          caseId: null,
          caseVersion: 0,
          kind: message.kind,
          payload: message.payload as Record<string, unknown>,
          notBefore: message.notBefore === undefined ? null : storeInstant(message.notBefore),
          status: "pending" as const,
          attempts: 0,
          claimedBy: null,
          leaseUntil: null,
          completedAt: null,
          detail: null,
        };
        const known = staged.get(message.key) ?? tenant.outbox.get(message.key);
        if (known === undefined) staged.set(message.key, fresh);
        else if (enqueuedFingerprint(known) !== enqueuedFingerprint(fresh))
          throw reusedKey(`enqueue.${index}.key`);
      });
      for (const [key, message] of staged) tenant.outbox.set(key, message);
      return messages.map((message) => {
        const stored = tenant.outbox.get(message.key);
        if (stored === undefined) throw new Error(`outbox message ${message.key} vanished`);
        return copy(publicMessage(stored));
      });
    },

    async listOutbox(scope, input = {}) {
      const query = parseInput(outboxQuerySchema, input, "query");
      const from =
        query.completedFrom === undefined ? null : Temporal.Instant.from(query.completedFrom);
      return [...tenantOf(scope).outbox.values()]
        .filter(
          (message) =>
            visible(scope, message.clientId) &&
            (query.status === undefined || message.status === query.status) &&
            (query.caseId === undefined || message.caseId === query.caseId) &&
            (query.debtorId === undefined || message.payload.debtorId === query.debtorId) &&
            (from === null ||
              (message.completedAt !== null &&
                Temporal.Instant.compare(Temporal.Instant.from(message.completedAt), from) >= 0)),
        )
        .slice(0, query.limit)
        .map((message) => copy(publicMessage(message)));
    },

    async saveImportBatch(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const parsed = parseInput(importBatchSchema, input, "batch");
      const batch = { ...parsed, importedAt: storeInstant(parsed.importedAt) };
      requireClient(tenant, batch.clientId, "batch.clientId");
      const known = tenant.imports.get(batch.id);
      if (known !== undefined) {
        // Equal rows in order are equal parts, however the stored batch was cut.
        if (!known.complete || canonicalJson(known.batch) !== canonicalJson(batch))
          throw reusedKey("batch.id");
        return { batch: copy(known.batch), replayed: true };
      }
      tenant.imports.set(batch.id, {
        batch,
        parts: [{ rows: batch.rows.length, last: true }],
        complete: true,
        rowNumbers: new Set(batch.rows.map((row) => row.row)),
      });
      return { batch: copy(batch), replayed: false };
    },

    async saveImportBatchPart(scope, input) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const part = parseImportBatchPart(input);
      requireClient(tenant, part.batch.clientId, "part.batch.clientId");
      const known = tenant.imports.get(part.batch.id);
      const receipt = (stored: StoredImport, replayed: boolean) => ({
        batchId: part.batch.id,
        part: part.part,
        savedParts: stored.parts.length,
        savedRows: stored.batch.rows.length,
        complete: stored.complete,
        replayed,
      });
      if (known !== undefined) {
        const { rows, ...header } = known.batch;
        if (!sameImportBatchHeader(header, part.batch)) throw reusedKey("part.batch.id");
        const saved = known.parts[part.part];
        if (saved !== undefined) {
          const start = known.parts.slice(0, part.part).reduce((sum, p) => sum + p.rows, 0);
          const content = importPartContent({
            batch: header,
            rows: rows.slice(start, start + saved.rows),
          });
          if (
            saved.last !== part.last ||
            canonicalJson(content) !== canonicalJson(importPartContent(part))
          )
            throw reusedKey("part.part");
          return receipt(known, true);
        }
      }
      checkNextImportPart(
        known === undefined
          ? { parts: 0, rows: 0, complete: false }
          : { parts: known.parts.length, rows: known.batch.rows.length, complete: known.complete },
        part,
      );
      part.rows.forEach((row, index) => {
        if (known?.rowNumbers.has(row.row)) throw importRowSavedBefore(index, row.row);
      });
      const stored: StoredImport = known ?? {
        batch: { ...part.batch, rows: [] },
        parts: [],
        complete: false,
        rowNumbers: new Set(),
      };
      for (const row of part.rows) {
        stored.batch.rows.push(row);
        stored.rowNumbers.add(row.row);
      }
      stored.parts.push({ rows: part.rows.length, last: part.last });
      stored.complete = part.last;
      tenant.imports.set(part.batch.id, stored);
      return receipt(stored, false);
    },

    async readImportBatchRows(scope, batchId, query) {
      const tenant = tenantOf(scope);
      const { after, limit } = parseImportRowsQuery(query);
      const stored = tenant.imports.get(batchId);
      if (stored === undefined || !stored.complete || !visible(scope, stored.batch.clientId))
        return null;
      const rows = stored.batch.rows;
      // Positions in the order of (row number, position), made once: a complete batch never changes.
      stored.order ??= rows
        .map((_, position) => position)
        .sort((a, b) => (rows[a]?.row ?? 0) - (rows[b]?.row ?? 0) || a - b);
      const order = stored.order;
      let start = 0;
      if (after !== null) {
        let end = order.length;
        while (start < end) {
          const middle = (start + end) >> 1;
          const position = order[middle] ?? 0;
          const row = rows[position]?.row ?? 0;
          if (row < after.row || (row === after.row && position <= after.position))
            start = middle + 1;
          else end = middle;
        }
      }
      const positions = order.slice(start, start + limit);
      const last = positions.at(-1);
      return {
        items: positions.map((position) => copy(rows[position] as ImportRowResult)),
        nextCursor:
          last === undefined || start + limit >= order.length
            ? null
            : encodeImportRowCursor(rows[last]?.row ?? 0, last),
      };
    },

    async getImportBatch(scope, batchId) {
      const stored = tenantOf(scope).imports.get(batchId);
      return stored === undefined || !stored.complete || !visible(scope, stored.batch.clientId)
        ? null
        : copy(stored.batch);
    },

    async listIncompleteImportBatches(scope, query = {}) {
      return [...tenantOf(scope).imports.values()]
        .filter(
          ({ batch, complete }) =>
            !complete &&
            visible(scope, batch.clientId) &&
            (query.clientId === undefined || batch.clientId === query.clientId),
        )
        .sort((a, b) => byId(a.batch.id, b.batch.id))
        .map(({ batch: { rows, ...header }, parts }) => ({
          batch: copy(header),
          savedParts: parts.length,
          savedRows: rows.length,
        }));
    },

    async discardIncompleteImportBatch(scope, batchId) {
      const tenant = tenantOf(scope);
      assertWritable(scope);
      const stored = tenant.imports.get(batchId);
      if (stored === undefined) return false;
      if (stored.complete) throw completeImportBatch(batchId);
      tenant.imports.delete(batchId);
      return true;
    },

    async listImportBatches(scope, query = {}) {
      return [...tenantOf(scope).imports.values()]
        .filter(
          ({ batch, complete }) =>
            complete &&
            visible(scope, batch.clientId) &&
            (query.clientId === undefined || batch.clientId === query.clientId),
        )
        .map(({ batch }) => batch)
        .sort((a, b) => byId(a.id, b.id))
        .map(copy);
    },
  };
}

function latestScenarios(tenant: Tenant, clientId: string): Scenario[] {
  const scenarios = tenant.scenarios.get(clientId);
  if (scenarios === undefined) return [];
  return [...scenarios.entries()]
    .sort(([a], [b]) => byId(a, b))
    .flatMap(([, versions]) => {
      const latest = Math.max(...versions.keys());
      const scenario = versions.get(latest);
      return scenario === undefined ? [] : [scenario];
    });
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(
  a: Pick<AgendaRecord, "dueDate" | "id">,
  b: Pick<AgendaRecord, "dueDate" | "id">,
): number {
  return byId(a.dueDate, b.dueDate) || byId(a.id, b.id);
}

function publicMessage(message: OutboxMessage & { clientId: string | null }): OutboxMessage {
  const { clientId: _clientId, ...rest } = message;
  return rest;
}

/** What makes an enqueued message the same as one stored under its key. */
function enqueuedFingerprint(message: OutboxMessage): string {
  const { caseId, kind, payload, notBefore } = message;
  return canonicalJson({ caseId, kind, payload, notBefore });
}

/** The checks of a postponement: an existing, unfinished message claimed by this worker. */
function checkPostponable(
  message: OutboxMessage | undefined,
  request: { readonly id: string; readonly worker: string },
): asserts message is OutboxMessage & { clientId: string | null } {
  if (message === undefined)
    throw new IncassoError(
      "NOT_FOUND",
      `postpone.id: expected an outbox message of this tenant (${request.id})`,
      [{ path: "postpone.id", message: "expected an existing outbox message" }],
    );
  if (message.status === "sent" || message.status === "failed")
    throw new IncassoError(
      "ALREADY_FINAL",
      `postpone.id: expected a message not yet completed (${request.id} is ${message.status})`,
      [{ path: "postpone.id", message: "expected a message not yet completed" }],
    );
  if (message.status !== "claimed" || message.claimedBy !== request.worker)
    throw new IncassoError(
      "OUTBOX_NOT_CLAIMED",
      `postpone.worker: expected the worker holding the claim on ${request.id} (got: ${request.worker})`,
      [{ path: "postpone.worker", message: "expected the worker holding the claim" }],
    );
}
