// The audit log: one line per authenticated request (who, method, path, status, when), written
// after the answer is known, and the explicit lines handlers add with `c.get("audit")` (what was
// approved, exported, changed, with the target and detail).
import type { MiddlewareHandler } from "hono";
import type { AppEnv, ServerServices } from "../context.js";

/** One line of the audit log. */
export interface AuditLine {
  readonly tenantId: string;
  readonly userId: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly action: string;
  readonly target?: string | null;
  readonly detail?: Record<string, unknown> | null;
}

/**
 * Writes one line of the audit log in its tenant.
 *
 * @example
 * ```ts
 * await writeAudit(services, { tenantId: "be-firm", userId: "be-admin", method: "POST", path: "/login", status: 303, action: "login" });
 * ```
 */
export async function writeAudit(services: ServerServices, line: AuditLine): Promise<void> {
  await services.inTenant(line.tenantId, (tx) =>
    tx.query(
      `INSERT INTO audit_log (tenant_id, at, user_id, method, path, status, action, target, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        line.tenantId,
        services.now().toString(),
        line.userId,
        line.method,
        line.path,
        line.status,
        line.action,
        line.target ?? null,
        line.detail === undefined || line.detail === null ? null : JSON.stringify(line.detail),
      ],
    ),
  );
}

/** A line as the admin page reads it. */
export interface AuditRecord {
  readonly at: string;
  readonly userId: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly action: string;
  readonly target: string | null;
  readonly detail: Record<string, unknown> | null;
}

/** Filters of {@link readAudit}. */
export interface AuditFilter {
  readonly userId?: string;
  /** A path prefix. */
  readonly path?: string;
  /** Days as `YYYY-MM-DD` in UTC, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/**
 * The newest lines of a tenant's audit log that fit the filter.
 *
 * @example
 * ```ts
 * const lines = await readAudit(services, "be-firm", { userId: "be-clerk", limit: 50 });
 * ```
 */
export async function readAudit(
  services: ServerServices,
  tenantId: string,
  filter: AuditFilter = {},
): Promise<AuditRecord[]> {
  const where = ["tenant_id = $1"];
  const params: unknown[] = [tenantId];
  if (filter.userId !== undefined && filter.userId !== "") {
    params.push(filter.userId);
    where.push(`user_id = $${params.length}`);
  }
  if (filter.path !== undefined && filter.path !== "") {
    params.push(`${filter.path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(`path LIKE $${params.length}`);
  }
  if (filter.from !== undefined && filter.from !== "") {
    params.push(`${filter.from}T00:00:00Z`);
    where.push(`at >= $${params.length}::timestamptz`);
  }
  if (filter.to !== undefined && filter.to !== "") {
    params.push(`${filter.to}T00:00:00Z`);
    where.push(`at < $${params.length}::timestamptz + interval '1 day'`);
  }
  params.push(Math.min(Math.max(filter.limit ?? 200, 1), 1000));
  return services.inTenant(tenantId, async (tx) =>
    (
      await tx.query<{
        at: string;
        user_id: string | null;
        method: string;
        path: string;
        status: number | null;
        action: string;
        target: string | null;
        detail: Record<string, unknown> | null;
      }>(
        `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, user_id, method, path, status, action, target, detail
         FROM audit_log WHERE ${where.join(" AND ")} ORDER BY at DESC, audit_id DESC LIMIT $${params.length}`,
        params,
      )
    ).rows.map((row) => ({
      at: row.at,
      userId: row.user_id,
      method: row.method,
      path: row.path,
      status: row.status,
      action: row.action,
      target: row.target,
      detail: row.detail,
    })),
  );
}

/**
 * Puts `audit` on the context and, once the answer is known, writes the request's own line
 * (action `request`) for a signed-in user.
 *
 * @example
 * ```ts
 * app.use("*", auditTrail());
 * ```
 */
export function auditTrail(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const services = c.get("services");
    c.set("audit", async (action, target, detail) => {
      const user = c.get("user");
      if (user === undefined) return;
      await writeAudit(services, {
        tenantId: user.tenantId,
        userId: user.userId,
        method: c.req.method,
        path: c.req.path,
        status: null,
        action,
        target: target ?? null,
        detail: detail ?? null,
      });
    });
    await next();
    const user = c.get("user");
    if (user === undefined) return;
    await writeAudit(services, {
      tenantId: user.tenantId,
      userId: user.userId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      action: "request",
      detail: Object.keys(c.req.query()).length === 0 ? null : { query: c.req.query() },
    });
  };
}
