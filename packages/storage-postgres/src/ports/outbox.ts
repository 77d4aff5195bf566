import type { OutboxMessage, OutboxStore } from "@incasso/core";
import {
  claimRequestSchema,
  completeRequestSchema,
  enqueueRequestSchema,
  IncassoError,
  outboxQuerySchema,
  parseInput,
  postponeRequestSchema,
  Temporal,
} from "@incasso/core";
import { canonicalJson, checkCompletion, reusedKey, storeInstant } from "@incasso/core/adapter-kit";
import type { OutboxRow } from "../rows.js";
import { instantParts, OUTBOX_COLUMNS, outboxMessageOf } from "../rows.js";
import type { StoreContext } from "./context.js";

/**
 * The outbox port (`OutboxStore`): claiming, completing, postponing, enqueueing (without a case)
 * and listing messages. `completedFrom` compares at the microsecond `completed_at` keeps.
 */
export function createOutboxStore({ read, write }: StoreContext): OutboxStore {
  return {
    claimOutbox(scope, input) {
      return write(scope, "claimOutbox", async (tx, tenantId) => {
        const request = parseInput(claimRequestSchema, input, "claim");
        const now = Temporal.Instant.from(request.now);
        const lease = now.add({ seconds: request.leaseSeconds });
        const nowParts = instantParts(now);
        const leaseParts = instantParts(lease);
        const { rows } = await tx.query<OutboxRow>(
          `WITH sendable AS (
             SELECT o.message_id FROM outbox o
             WHERE o.tenant_id = $1 AND o.status IN ('pending', 'claimed')
               AND ((o.status = 'pending' AND (o.not_before IS NULL
                     OR (o.not_before, o.not_before_ns) <= ($2::timestamptz, $3::smallint)))
                 OR (o.status = 'claimed'
                     AND (o.lease_until, o.lease_until_ns) <= ($2::timestamptz, $3::smallint)))
             ORDER BY o.position
             LIMIT $4::integer
             FOR UPDATE SKIP LOCKED
           )
           UPDATE outbox o SET status = 'claimed', claimed_by = $5, attempts = o.attempts + 1,
             lease_until = $6::timestamptz, lease_until_ns = $7::smallint, lease_until_text = $8
           FROM sendable
           WHERE o.tenant_id = $1 AND o.message_id = sendable.message_id
           RETURNING ${OUTBOX_COLUMNS}`,
          [
            tenantId,
            nowParts.at,
            nowParts.ns,
            request.limit,
            request.worker,
            leaseParts.at,
            leaseParts.ns,
            lease.toString(),
          ],
        );
        return rows
          .sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)))
          .map(outboxMessageOf);
      });
    },

    completeOutbox(scope, input) {
      return write(scope, "completeOutbox", async (tx, tenantId) => {
        const request = parseInput(completeRequestSchema, input, "complete");
        const { rows } = await tx.query<OutboxRow>(
          `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.tenant_id = $1 AND o.message_id = $2
           FOR UPDATE`,
          [tenantId, request.id],
        );
        const message = rows[0];
        checkCompletion(
          message === undefined
            ? undefined
            : { status: message.status, claimedBy: message.claimed_by },
          request,
        );
        const { rows: updated } = await tx.query<OutboxRow>(
          `UPDATE outbox o SET status = $3, completed_at = $4::timestamptz, completed_at_text = $5,
             detail = $6
           WHERE o.tenant_id = $1 AND o.message_id = $2
           RETURNING ${OUTBOX_COLUMNS}`,
          [
            tenantId,
            request.id,
            request.outcome,
            instantParts(Temporal.Instant.from(request.at)).at,
            storeInstant(request.at),
            request.detail ?? null,
          ],
        );
        const [done] = updated;
        if (done === undefined) throw new Error(`outbox message ${request.id} vanished`);
        return outboxMessageOf(done);
      });
    },

    postponeOutbox(scope, input) {
      return write(scope, "postponeOutbox", async (tx, tenantId) => {
        const request = parseInput(postponeRequestSchema, input, "postpone");
        const { rows } = await tx.query<OutboxRow>(
          `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.tenant_id = $1 AND o.message_id = $2
           FOR UPDATE`,
          [tenantId, request.id],
        );
        checkPostponable(rows[0], request);
        const notBefore = Temporal.Instant.from(request.notBefore);
        const parts = instantParts(notBefore);
        const { rows: updated } = await tx.query<OutboxRow>(
          `UPDATE outbox o SET status = 'pending', claimed_by = NULL, lease_until = NULL,
             lease_until_ns = NULL, lease_until_text = NULL, not_before = $3::timestamptz,
             not_before_ns = $4::smallint, not_before_text = $5, detail = $6,
             attempts = CASE WHEN $7::boolean THEN o.attempts ELSE greatest(o.attempts - 1, 0) END
           WHERE o.tenant_id = $1 AND o.message_id = $2
           RETURNING ${OUTBOX_COLUMNS}`,
          [
            tenantId,
            request.id,
            parts.at,
            parts.ns,
            storeInstant(request.notBefore),
            request.detail ?? null,
            request.countAttempt,
          ],
        );
        const [done] = updated;
        if (done === undefined) throw new Error(`outbox message ${request.id} vanished`);
        return outboxMessageOf(done);
      });
    },

    enqueueOutbox(scope, input) {
      return write(scope, "enqueueOutbox", async (tx, tenantId) => {
        const parsed = parseInput(enqueueRequestSchema, input, "enqueue");
        const messages = parsed.map((message) => ({
          id: message.key,
          kind: message.kind,
          payload: message.payload as Record<string, unknown>,
          notBeforeText: message.notBefore === undefined ? null : storeInstant(message.notBefore),
        }));
        const fingerprint = (m: {
          caseId: string | null;
          kind: string;
          payload: unknown;
          notBefore: string | null;
        }) => canonicalJson(m);
        const mine = messages.map((m) =>
          fingerprint({
            caseId: null,
            kind: m.kind,
            payload: m.payload,
            notBefore: m.notBeforeText,
          }),
        );
        const keys = JSON.stringify([...new Set(messages.map((m) => m.id))]);
        const stored = async () => {
          const { rows } = await tx.query<OutboxRow>(
            `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.tenant_id = $1
               AND o.message_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
            [tenantId, keys],
          );
          return new Map(rows.map((row) => [row.message_id, outboxMessageOf(row)]));
        };
        const check = (known: Map<string, OutboxMessage>) => {
          const first = new Map<string, string>();
          messages.forEach((m, index) => {
            const row = known.get(m.id);
            const theirs =
              row === undefined
                ? first.get(m.id)
                : fingerprint({
                    caseId: row.caseId,
                    kind: row.kind,
                    payload: row.payload,
                    notBefore: row.notBefore,
                  });
            if (theirs !== undefined && theirs !== mine[index])
              throw reusedKey(`enqueue.${index}.key`);
            if (!first.has(m.id)) first.set(m.id, mine[index] as string);
          });
        };
        check(await stored());
        const rows = messages.map((m) => {
          const parts =
            m.notBeforeText === null ? null : instantParts(Temporal.Instant.from(m.notBeforeText));
          return { ...m, notBefore: parts?.at ?? null, notBeforeNs: parts?.ns ?? null };
        });
        await tx.query(
          `INSERT INTO outbox (tenant_id, message_id, client_id, case_id, case_version, kind, payload,
             not_before, not_before_ns, not_before_text)
           SELECT $1, m.item->>'id', NULL, NULL, 0, m.item->>'kind', m.item->'payload',
             (m.item->>'notBefore')::timestamptz, (m.item->>'notBeforeNs')::smallint,
             m.item->>'notBeforeText'
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(item, ordinality)
           ORDER BY m.ordinality
           ON CONFLICT (tenant_id, message_id) DO NOTHING`,
          [tenantId, JSON.stringify(rows)],
        );
        // A concurrent writer may have taken a key since the first check: check again.
        const known = await stored();
        check(known);
        return messages.map((m) => {
          const row = known.get(m.id);
          if (row === undefined) throw new Error(`outbox message ${m.id} vanished`);
          return row;
        });
      });
    },

    listOutbox(scope, input = {}) {
      return read(scope, "listOutbox", async (tx, tenantId) => {
        const query = parseInput(outboxQuerySchema, input, "query");
        const params: unknown[] = [tenantId];
        const where = ["o.tenant_id = $1"];
        const add = (condition: (ref: string) => string, value: unknown) => {
          params.push(value);
          where.push(condition(`$${params.length}`));
        };
        if (scope.clientId !== undefined) add((ref) => `o.client_id = ${ref}`, scope.clientId);
        if (query.status !== undefined) add((ref) => `o.status = ${ref}`, query.status);
        if (query.caseId !== undefined) add((ref) => `o.case_id = ${ref}`, query.caseId);
        if (query.debtorId !== undefined) add((ref) => `o.debtor_id = ${ref}`, query.debtorId);
        if (query.completedFrom !== undefined)
          add(
            (ref) => `o.completed_at >= ${ref}::timestamptz`,
            instantParts(Temporal.Instant.from(query.completedFrom)).at,
          );
        params.push(query.limit);
        const { rows } = await tx.query<OutboxRow>(
          `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE ${where.join(" AND ")}
           ORDER BY o.position LIMIT $${params.length}::integer`,
          params,
        );
        return rows.map(outboxMessageOf);
      });
    },
  };
}

/** The checks of a postponement: an existing, unfinished message claimed by this worker. */
function checkPostponable(
  message: OutboxRow | undefined,
  request: { readonly id: string; readonly worker: string },
): asserts message is OutboxRow {
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
  if (message.status !== "claimed" || message.claimed_by !== request.worker)
    throw new IncassoError(
      "OUTBOX_NOT_CLAIMED",
      `postpone.worker: expected the worker holding the claim on ${request.id} (got: ${request.worker})`,
      [{ path: "postpone.worker", message: "expected the worker holding the claim" }],
    );
}
