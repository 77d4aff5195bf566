// The columns of the client portal's case list: what each column shows, the default set, and the
// per-client choice of the firm, kept in the server's table `portal_settings` (one row per tenant
// and client) and changed by an admin with `PUT /api/portal-settings/{clientId}`.
import { z } from "zod";
import type { ServerServices } from "../context.js";
import { inPortalTenant } from "./portal-tables.js";

/** The columns a firm can show to a client in the portal's case list and its exports. */
export const PORTAL_COLUMNS = [
  "caseNumber",
  "clientReference",
  "debtor",
  "openedOn",
  "status",
  "principal",
  "paid",
  "balance",
  "daysPastDue",
  "agingBucket",
  "lastContact",
  "nextAction",
] as const;

/** One column of the portal's case list. */
export type PortalColumn = (typeof PORTAL_COLUMNS)[number];

/**
 * The columns a client sees when the firm chose none: our reference, theirs, the debtor, the
 * status, the principal handed in, the balance today and the last contact with the debtor.
 *
 * @example
 * ```ts
 * DEFAULT_PORTAL_COLUMNS.includes("balance"); // true
 * ```
 */
export const DEFAULT_PORTAL_COLUMNS: readonly PortalColumn[] = [
  "caseNumber",
  "clientReference",
  "debtor",
  "status",
  "principal",
  "balance",
  "lastContact",
];

/**
 * Zod schema of a client's portal settings: the columns in the order shown, each once, our
 * reference always among them (it is the link to the case).
 *
 * @example
 * ```ts
 * portalSettingsSchema.parse({ columns: ["caseNumber", "balance"] });
 * ```
 */
export const portalSettingsSchema = z.strictObject({
  columns: z
    .array(z.enum(PORTAL_COLUMNS))
    .min(1, { message: "expected at least one column" })
    .refine((columns) => new Set(columns).size === columns.length, {
      message: "expected each column once",
    })
    .refine((columns) => columns.includes("caseNumber"), {
      message: "expected caseNumber among the columns (it links to the case)",
    }),
});

/** A client's portal settings. */
export type PortalSettings = z.output<typeof portalSettingsSchema>;

/**
 * The columns the firm chose for a client, or the defaults.
 *
 * @example
 * ```ts
 * const columns = await portalColumns(services, "firm-be", "client-acme");
 * ```
 */
export async function portalColumns(
  services: ServerServices,
  tenantId: string,
  clientId: string,
): Promise<readonly PortalColumn[]> {
  const { rows } = await inPortalTenant(services, tenantId, (tx) =>
    tx.query<{ columns: unknown }>(
      "SELECT columns FROM portal_settings WHERE tenant_id = $1 AND client_id = $2",
      [tenantId, clientId],
    ),
  );
  const stored = rows[0]?.columns;
  if (stored === undefined) return DEFAULT_PORTAL_COLUMNS;
  const parsed = portalSettingsSchema.shape.columns.safeParse(
    typeof stored === "string" ? JSON.parse(stored) : stored,
  );
  return parsed.success ? parsed.data : DEFAULT_PORTAL_COLUMNS;
}

/**
 * Stores the columns the firm chose for a client (validated by {@link portalSettingsSchema}).
 *
 * @example
 * ```ts
 * await setPortalColumns(services, "firm-be", "client-acme", ["caseNumber", "balance"], "admin");
 * ```
 */
export async function setPortalColumns(
  services: ServerServices,
  tenantId: string,
  clientId: string,
  columns: readonly PortalColumn[],
  by: string,
): Promise<void> {
  await inPortalTenant(services, tenantId, (tx) =>
    tx.query(
      `INSERT INTO portal_settings (tenant_id, client_id, columns, updated_at, updated_by)
     VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (tenant_id, client_id)
     DO UPDATE SET columns = EXCLUDED.columns, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [tenantId, clientId, JSON.stringify(columns), services.now().toString(), by],
    ),
  );
}
