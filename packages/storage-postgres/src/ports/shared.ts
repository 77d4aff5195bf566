import { createHash } from "node:crypto";
import type { StoreScope } from "@incasso/core";
import { storeIdSchema } from "@incasso/core";
import { missingClient } from "@incasso/core/adapter-kit";
import type { SqlQueryable } from "../sql-client.js";

/** Helpers several of the store's ports share. */

export async function requireClient(
  tx: SqlQueryable,
  tenantId: string,
  clientId: string,
  path: string,
): Promise<void> {
  const { rows } = await tx.query("SELECT 1 FROM clients WHERE tenant_id = $1 AND client_id = $2", [
    tenantId,
    clientId,
  ]);
  if (rows.length === 0) {
    throw missingClient(path, clientId);
  }
}

export function visible(scope: StoreScope, clientId: string): boolean {
  return scope.clientId === undefined || scope.clientId === clientId;
}

/** Whether a text is an id a store could have stored (anything else matches nothing). */
export function isStoreId(value: unknown): value is string {
  return storeIdSchema.safeParse(value).success;
}

/** PostgreSQL text cannot hold U+0000, so such a text matches nothing stored. */
export function hasNul(value: string | null | undefined): boolean {
  return value?.includes("\u0000") ?? false;
}

export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
