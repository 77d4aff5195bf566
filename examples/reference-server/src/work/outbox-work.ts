// The outbox for the work page and the API: its messages by status (pending, claimed, sent, and
// failed: the dead letters) with the reason of each failure and the kept e-mail of a sent one;
// and a clerk's "send again" of a failed message.
//
// The notify package never sends a failed message again by itself: a failure is final for that
// message (its `message.failed` is on the case). Sending again is therefore a new message with the
// same kind and payload under a new key (`<key>:retry-<n>`), written with a note on the case that
// says who asked and why it failed before, in one append (the store's transactional outbox); the
// dispatcher then treats it as any other message, with the hours of contact and the caps.
import type { OutboxMessage, StoreScope } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import type { ServerServices, SessionUser } from "../context.js";
import { actorOf } from "./work-files.js";

/**
 * The statuses of the outbox, in the order the page shows them.
 *
 * @example
 * ```ts
 * OUTBOX_STATUSES.includes("failed"); // true
 * ```
 */
export const OUTBOX_STATUSES = ["pending", "claimed", "sent", "failed"] as const;

/**
 * An outbox status.
 *
 * @example
 * ```ts
 * const deadLetters: OutboxStatus = "failed";
 * ```
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * The name of the `.eml` file the catch-all mailer kept for a sent message (its answer
 * `250 kept as <folder>/<file>` is the message's detail), or null.
 *
 * @example
 * ```ts
 * keptMailOf({ status: "sent", detail: "250 kept as firm/2026-…-0001-x.eml" } as OutboxMessage); // "2026-…-0001-x.eml"
 * ```
 */
export function keptMailOf(message: Pick<OutboxMessage, "status" | "detail">): string | null {
  if (message.status !== "sent" || message.detail === null) return null;
  const match = /kept as [^/\s]+\/([^/\s]+\.eml)/.exec(message.detail);
  return match?.[1] ?? null;
}

/**
 * The outbox's messages of one status (or all), newest first as the store lists them.
 *
 * @example
 * ```ts
 * const dead = await outboxMessages(services, scope, "failed");
 * ```
 */
export function outboxMessages(
  services: ServerServices,
  scope: StoreScope,
  status?: OutboxStatus,
  limit = 200,
): Promise<OutboxMessage[]> {
  return services.store.listOutbox(scope, { limit, ...(status === undefined ? {} : { status }) });
}

/**
 * Queues a failed message again as a new message (see the module note); answers the new message.
 * Refused (`INVALID_INPUT` naming `id`) for a message that is not failed, and `NOT_FOUND` for one
 * not in the scope. Asking twice for the same failed message answers the same new message.
 *
 * @example
 * ```ts
 * const again = await retryMessage(services, scope, user, "act:C1:REM1:2026-01-31:send-email");
 * ```
 */
export async function retryMessage(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  id: string,
): Promise<OutboxMessage> {
  const failed = (await services.store.listOutbox(scope, { status: "failed", limit: 1000 })).find(
    (message) => message.id === id,
  );
  if (failed === undefined) {
    const any = (await services.store.listOutbox(scope, { limit: 1000 })).find(
      (message) => message.id === id,
    );
    if (any === undefined)
      throw new IncassoError("NOT_FOUND", `no outbox message ${id}`, [
        { path: "id", message: "expected a message of the outbox" },
      ]);
    throw new IncassoError("INVALID_INPUT", `message ${id} is ${any.status}, not failed`, [
      { path: "id", message: `expected a failed message (this one is ${any.status})` },
    ]);
  }
  const base = failed.id.replace(/:retry-\d+$/, "");
  const key = `${base}:retry-${retryNumber(failed.id) + 1}`;
  const existing = (await services.store.listOutbox(scope, { limit: 1000 })).find(
    (message) => message.id === key,
  );
  if (existing !== undefined) return existing;
  const message = { key, kind: failed.kind, payload: failed.payload as Record<string, never> };
  if (failed.caseId === null) {
    const [queued] = await services.store.enqueueOutbox(scope, [message]);
    if (queued === undefined) throw new IncassoError("STORE_UNAVAILABLE", "nothing was queued");
    return queued;
  }
  const events = await services.store.readEvents(scope, failed.caseId);
  const version = events.at(-1)?.version ?? 0;
  await services.store.append(scope, {
    caseId: failed.caseId,
    expectedVersion: version,
    idempotencyKey: `outbox-retry:${key}`,
    events: [
      {
        id: `note:${key}`,
        type: "note.added",
        at: services.today().toString(),
        recordedAt: services.now().toString(),
        by: actorOf(user),
        text: `Message ${failed.id} (${failed.kind}) queued again as ${key} by ${user.name}; it had failed: ${failed.detail ?? "no reason given"}`,
      },
    ],
    outbox: [message],
    asOf: services.today().toString(),
  });
  const queued = (
    await services.store.listOutbox(scope, { caseId: failed.caseId, limit: 1000 })
  ).find((candidate) => candidate.id === key);
  if (queued === undefined)
    throw new IncassoError("STORE_UNAVAILABLE", `message ${key} not found after queuing`);
  return queued;
}

const retryNumber = (id: string): number => Number(/:retry-(\d+)$/.exec(id)?.[1] ?? "0");
