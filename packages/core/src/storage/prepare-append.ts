import type { z } from "zod";
import type { CaseEventJson } from "../case/case-event.js";
import { parseCaseEvents } from "../case/fold-case.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { fromZodError } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { AppendResult, StoredEvent } from "../ports/case-event-store.js";
import type { CaseRow } from "../ports/case-list-store.js";
import type { StoreScope } from "../ports/store-scope.js";
import type { ProjectionContext } from "./project-case.js";
import { projectCase } from "./project-case.js";
import { StoreConflictError } from "./store-conflict-error.js";
import type { outboxMessageInputSchema } from "./store-schemas.js";
import { appendRequestSchema, storeIdSchema, storeScopeSchema } from "./store-schemas.js";

/**
 * A validated append request.
 *
 * @example
 * ```ts
 * import { parseAppendRequest, type ParsedAppendRequest } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * const request: ParsedAppendRequest = parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" });
 * ```
 */
export type ParsedAppendRequest = z.output<typeof appendRequestSchema>;

/**
 * Everything an adapter stores for one append, computed without I/O: the new events with their
 * versions, the case's new row, the outbox messages, the answer, and the request's fingerprint
 * (what an idempotency key is compared by).
 *
 * @example
 * ```ts
 * import type { PreparedAppend } from "@incasso/core/adapter-kit";
 * const versions = (plan: PreparedAppend) => plan.events.map((stored) => stored.version);
 * ```
 */
export interface PreparedAppend {
  readonly clientId: string;
  readonly events: readonly StoredEvent[];
  readonly row: CaseRow;
  readonly outbox: readonly z.output<typeof outboxMessageInputSchema>[];
  readonly result: AppendResult;
  readonly fingerprint: string;
}

/**
 * Validates a store scope, answering bad input with `INVALID_INPUT` naming `scope.<field>`.
 *
 * @example
 * ```ts
 * import { parseScope } from "@incasso/core/adapter-kit";
 * parseScope({ tenantId: "firm-1" }).tenantId; // "firm-1"
 * ```
 */
export function parseScope(input: StoreScope): z.output<typeof storeScopeSchema> {
  const result = storeScopeSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "scope");
  return result.data;
}

/**
 * Refuses a write in a client-portal scope (`FORBIDDEN`): the portal only reads.
 *
 * @example
 * ```ts
 * import { assertWritable } from "@incasso/core/adapter-kit";
 * assertWritable({ tenantId: "firm-1" }); // fine
 * ```
 */
export function assertWritable(scope: StoreScope): void {
  if (scope.clientId !== undefined) {
    throw new IncassoError(
      "FORBIDDEN",
      `scope.clientId: expected a tenant scope for a write (got the client-portal scope of ${scope.clientId})`,
      [{ path: "scope.clientId", message: "expected no client for a write" }],
    );
  }
}

/**
 * Validates an append request, answering bad input with `INVALID_INPUT` naming `append.<field>`.
 *
 * @example
 * ```ts
 * import { parseAppendRequest } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" }).outbox; // []
 * ```
 */
export function parseAppendRequest(input: unknown): ParsedAppendRequest {
  const result = appendRequestSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "append");
  return result.data;
}

/**
 * The fingerprint of an append request, independent of key order and of what a retry may change
 * (the expected version and the projection date): the case, the events and the outbox messages.
 *
 * @example
 * ```ts
 * import { appendFingerprint, parseAppendRequest } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * appendFingerprint(parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" }));
 * ```
 */
export function appendFingerprint(request: ParsedAppendRequest): string {
  return canonicalJson({ caseId: request.caseId, events: request.events, outbox: request.outbox });
}

/**
 * JSON with object keys sorted at every level, so equal data gives equal text.
 *
 * @example
 * ```ts
 * import { canonicalJson } from "@incasso/core/adapter-kit";
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : item,
  );
}

/**
 * The client id the first event of a request names when it opens a case (`case.opened`), or null:
 * what an adapter looks up the client's terms and scenarios by before {@link prepareAppend}.
 *
 * @example
 * ```ts
 * import { openingClientId, parseAppendRequest } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * openingClientId(parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" }));
 * ```
 */
export function openingClientId(request: ParsedAppendRequest): string | null {
  const first = request.events[0] as { type?: unknown; client?: { id?: unknown } } | undefined;
  const id = first?.type === "case.opened" ? first.client?.id : undefined;
  return typeof id === "string" ? id : null;
}

/**
 * Prepares an append on a case whose stored events are `existing` (in version order): checks the
 * expected version ({@link StoreConflictError}), validates the new events against the whole case
 * (`INVALID_INPUT` naming `append.events.N.field`), numbers them, and computes the case's row as of
 * the request's date. Adapters call it after looking up the idempotency key, on the events they
 * read, and store exactly what it returns; an adapter that plans outside its write transaction (to
 * keep that transaction short) must check under the case's lock that the case is still at
 * `existing.length` events (`StoreConflictError` otherwise).
 *
 * @example
 * ```ts
 * import { parseAppendRequest, prepareAppend } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * const plan = prepareAppend([], parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" }), { terms: null, scenarios: [] });
 * plan.result.version; // events.length
 * ```
 */
export function prepareAppend(
  existing: readonly CaseEventJson[],
  request: ParsedAppendRequest,
  context: ProjectionContext,
): PreparedAppend {
  if (request.expectedVersion !== existing.length) {
    throw new StoreConflictError(request.caseId, request.expectedVersion, existing.length);
  }
  let parsed: CaseEventJson[];
  try {
    parsed = parseCaseEvents([...existing, ...request.events]);
  } catch (error) {
    throw error instanceof IncassoError ? relativeTo(error, existing.length) : error;
  }
  const keys = new Set<string>();
  request.outbox.forEach((message, index) => {
    if (keys.has(message.key)) {
      const path = `append.outbox.${index}.key`;
      throw new IncassoError(
        "INVALID_INPUT",
        `${path}: expected a unique message key (${message.key} repeats)`,
        [{ path, message: "expected a unique message key" }],
      );
    }
    keys.add(message.key);
  });
  const clientId = parsed[0]?.type === "case.opened" ? parsed[0].client.id : "";
  if (!storeIdSchema.safeParse(clientId).success) {
    const path = existing.length === 0 ? "append.events.0.client.id" : "stored.events.0.client.id";
    throw new IncassoError(
      "INVALID_INPUT",
      `${path}: expected a client id of 1 to 120 characters among A-Z a-z 0-9 . _ : / - (got: ${JSON.stringify(clientId)})`,
      [{ path, message: "expected a store id" }],
    );
  }
  const { row } = projectCase(request.caseId, parsed, parseIsoDate(request.asOf), context);
  const events = parsed.slice(existing.length).map((event, index) => ({
    caseId: request.caseId,
    version: existing.length + index + 1,
    event,
  }));
  return {
    clientId,
    events,
    row,
    outbox: request.outbox,
    result: {
      caseId: request.caseId,
      previousVersion: existing.length,
      version: parsed.length,
      replayed: false,
    },
    fingerprint: appendFingerprint(request),
  };
}

/**
 * The former name of {@link PreparedAppend}.
 *
 * @deprecated Use {@link PreparedAppend}; this alias goes in the next release.
 * @example
 * ```ts
 * import type { PreparedAppend } from "@incasso/core/adapter-kit";
 * const versions = (plan: PreparedAppend) => plan.events.map((stored) => stored.version);
 * ```
 */
export type PlannedAppend = PreparedAppend;

/**
 * The former name of {@link prepareAppend}, renamed so that it is not taken for a payment plan.
 *
 * @deprecated Use {@link prepareAppend}; this alias goes in the next release.
 * @example
 * ```ts
 * import { parseAppendRequest, prepareAppend } from "@incasso/core/adapter-kit";
 * declare const events: unknown[];
 * prepareAppend([], parseAppendRequest({ caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" }), { terms: null, scenarios: [] });
 * ```
 */
export const planAppend: typeof prepareAppend = prepareAppend;

/** Renames `events.N` paths of the whole case to `append.events.(N - offset)` of the request. */
function relativeTo(error: IncassoError, offset: number): IncassoError {
  const rename = (path: string) =>
    path.replace(/^events\.(\d+)/, (_match, index: string) =>
      Number(index) >= offset
        ? `append.events.${Number(index) - offset}`
        : `stored.events.${index}`,
    );
  const issues = error.issues.map((issue) => ({ ...issue, path: rename(issue.path) }));
  return new IncassoError(
    error.code,
    issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ") || error.message,
    issues,
  );
}
