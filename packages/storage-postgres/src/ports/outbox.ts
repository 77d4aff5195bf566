import type { OutboxStore } from "@incasso/core";
import {
  claimRequestSchema,
  completeRequestSchema,
  outboxQuerySchema,
  parseInput,
  Temporal,
} from "@incasso/core";
import { checkCompletion, storeInstant } from "@incasso/core/adapter-kit";
import type { OutboxRow } from "../rows.js";
import { instantParts, OUTBOX_COLUMNS, outboxMessageOf } from "../rows.js";
import type { StoreContext } from "./context.js";

/** The outbox port (`OutboxStore`): claiming, completing and listing messages. */
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
