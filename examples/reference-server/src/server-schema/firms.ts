// The firms (tenants) the server hosts: name, country, time zone and the sender of their e-mail.
import type { Mailbox } from "@incasso/core";
import type { SqlClient } from "../context.js";

/** A firm the server hosts. */
export interface Firm {
  readonly tenantId: string;
  readonly name: string;
  readonly country: "BE" | "NL";
  /** IANA zone of the firm's daily run (06:00 local). */
  readonly timeZone: string;
  readonly mailFrom: Mailbox;
}

/**
 * Adds a firm, or updates its settings.
 *
 * @example
 * ```ts
 * await putFirm(services.sql, { tenantId: "be-firm", name: "Advocaten Peeters", country: "BE", timeZone: "Europe/Brussels", mailFrom: { name: "Advocaten Peeters", address: "dossiers@peeters.example" } }, now);
 * ```
 */
export async function putFirm(sql: SqlClient, firm: Firm, at: string): Promise<void> {
  await sql.query(
    `INSERT INTO firms (tenant_id, name, country, time_zone, mail_from_name, mail_from_address, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country,
       time_zone = EXCLUDED.time_zone, mail_from_name = EXCLUDED.mail_from_name,
       mail_from_address = EXCLUDED.mail_from_address`,
    [
      firm.tenantId,
      firm.name,
      firm.country,
      firm.timeZone,
      firm.mailFrom.name ?? firm.name,
      firm.mailFrom.address,
      at,
    ],
  );
}

/**
 * Every firm, by tenant id.
 *
 * @example
 * ```ts
 * for (const firm of await listFirms(services.sql)) console.log(firm.name);
 * ```
 */
export async function listFirms(sql: SqlClient): Promise<Firm[]> {
  const rows = (
    await sql.query<{
      tenant_id: string;
      name: string;
      country: "BE" | "NL";
      time_zone: string;
      mail_from_name: string;
      mail_from_address: string;
    }>(
      "SELECT tenant_id, name, country, time_zone, mail_from_name, mail_from_address FROM firms ORDER BY tenant_id",
    )
  ).rows;
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    name: row.name,
    country: row.country,
    timeZone: row.time_zone,
    mailFrom: { name: row.mail_from_name, address: row.mail_from_address },
  }));
}
