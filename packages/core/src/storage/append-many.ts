import { z } from "zod";
import { IncassoError } from "../errors/incasso-error.js";
import type { AppendOutcome, AppendRequest, AppendResult } from "../ports/case-event-store.js";
import type { ParsedAppendRequest } from "./prepare-append.js";

/**
 * The most requests one `appendMany` call takes (a host with more calls it again for the rest).
 *
 * @example
 * ```ts
 * import { APPEND_MANY_LIMIT } from "@incasso/core";
 * const calls = (requests: number) => Math.ceil(requests / APPEND_MANY_LIMIT);
 * ```
 */
export const APPEND_MANY_LIMIT = 1_000;

const appendManySchema = z
  .array(z.unknown(), { error: "expected an array of append requests" })
  .max(APPEND_MANY_LIMIT, {
    message: `expected at most ${APPEND_MANY_LIMIT} requests in one appendMany`,
  });

/**
 * Checks the list of an `appendMany` call (each request is checked as `append` checks it, and
 * answered alone): an array of at most {@link APPEND_MANY_LIMIT} requests, else `INVALID_INPUT`
 * at `appendMany`.
 *
 * @example
 * ```ts
 * import { parseAppendMany } from "@incasso/core/adapter-kit";
 * parseAppendMany([]).length; // 0
 * ```
 */
export function parseAppendMany(input: unknown): readonly AppendRequest[] {
  const result = appendManySchema.safeParse(input);
  if (result.success) return result.data as AppendRequest[];
  const issue = result.error.issues[0];
  throw new IncassoError(
    "INVALID_INPUT",
    `appendMany: ${issue?.message ?? "expected an array of append requests"}`,
    [{ path: "appendMany", message: issue?.message ?? "expected an array of append requests" }],
  );
}

/**
 * Whether an error thrown by `append` belongs to the request (answered in its outcome by
 * `appendMany`), rather than to the call: an {@link IncassoError} other than `STORE_UNAVAILABLE`
 * (the database) and `FORBIDDEN` (the scope). Anything else rejects the call.
 *
 * @example
 * ```ts
 * import { StoreConflictError } from "@incasso/core";
 * import { isRequestError } from "@incasso/core/adapter-kit";
 * isRequestError(new StoreConflictError("C1", 1, 2)); // true
 * ```
 */
export function isRequestError(error: unknown): error is IncassoError {
  return (
    error instanceof IncassoError &&
    error.code !== "STORE_UNAVAILABLE" &&
    error.code !== "FORBIDDEN"
  );
}

/**
 * `appendMany` as one `append` after another, in order: each request's result, or its own error
 * (see {@link isRequestError}); any other error rejects the call. The in-memory store answers
 * `appendMany` with it, and a store that writes many requests at once answers with it the
 * requests it does not write together.
 *
 * @example
 * ```ts
 * import type { CaseEventStore, StoreScope } from "@incasso/core";
 * import { appendInTurn } from "@incasso/core/adapter-kit";
 * declare const store: CaseEventStore;
 * declare const scope: StoreScope;
 * const outcomes = await appendInTurn([], (request) => store.append(scope, request));
 * ```
 */
export async function appendInTurn(
  requests: readonly AppendRequest[],
  append: (request: AppendRequest) => Promise<AppendResult>,
): Promise<AppendOutcome[]> {
  const outcomes: AppendOutcome[] = [];
  for (const request of requests) {
    try {
      outcomes.push({ ok: true, result: await append(request) });
    } catch (error) {
      if (!isRequestError(error)) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

/**
 * For each request of an `appendMany` call (parsed, or `null` when it did not parse), whether it
 * is independent of every request before it: it names no case, idempotency key or outbox message
 * key that an earlier parsed request names. Such a request's answer does not depend on the
 * earlier ones, so a store may write it with them in one transaction; a dependent one is
 * appended after them, in order. A request that did not parse touches nothing.
 *
 * @example
 * ```ts
 * import { independentOfEarlier, parseAppendRequest } from "@incasso/core/adapter-kit";
 * const request = (caseId: string) =>
 *   parseAppendRequest({ caseId, expectedVersion: 0, events: [{}], asOf: "2026-01-31" });
 * independentOfEarlier([request("C1"), request("C2"), request("C1")]); // [true, true, false]
 * ```
 */
export function independentOfEarlier(requests: readonly (ParsedAppendRequest | null)[]): boolean[] {
  const cases = new Set<string>();
  const keys = new Set<string>();
  const messages = new Set<string>();
  return requests.map((request) => {
    if (request === null) return true;
    const key = request.idempotencyKey;
    const free =
      !cases.has(request.caseId) &&
      (key === undefined || !keys.has(key)) &&
      request.outbox.every((message) => !messages.has(message.key));
    cases.add(request.caseId);
    if (key !== undefined) keys.add(key);
    for (const message of request.outbox) messages.add(message.key);
    return free;
  });
}
