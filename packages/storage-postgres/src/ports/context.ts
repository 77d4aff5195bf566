import type { ClientTerms, RateTable, Scenario, StoreScope } from "@incasso/core";
import type { ProjectionContext } from "@incasso/core/adapter-kit";
import { assertWritable, parseScope } from "@incasso/core/adapter-kit";
import type { SqlClient, SqlQueryable } from "../sql-client.js";
import { inTenant } from "../sql-client.js";
import { byId } from "./shared.js";

/** Runs work in a transaction of a scope's tenant, as {@link StoreContext}'s `read` and `write` do. */
export type InTenantScope = <T>(
  scope: StoreScope,
  operation: string,
  work: (tx: SqlQueryable, tenantId: string) => Promise<T>,
) => Promise<T>;

export type ContextOf = (
  tx: SqlQueryable,
  tenantId: string,
  clientId: string | null,
) => Promise<ProjectionContext & { readonly clientExists: boolean }>;

/**
 * What every port of the PostgreSQL store works with, built once by `createPostgresStore`: the
 * database, the host's rate tables, the tenant's transactions for reads and writes, and the
 * projection context of a client.
 */
export interface StoreContext {
  readonly client: SqlClient;
  readonly rateTables: ReadonlyMap<string, RateTable> | undefined;
  readonly read: InTenantScope;
  readonly write: InTenantScope;
  readonly contextOf: ContextOf;
}

/** The shared context of the store's ports, on a client and the host's rate tables. */
export function createStoreContext(
  client: SqlClient,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
): StoreContext {
  /** Runs a read in a transaction of the scope's tenant (bad scopes rejected, never thrown). */
  const read = async <T>(
    scope: StoreScope,
    operation: string,
    work: (tx: SqlQueryable, tenantId: string) => Promise<T>,
  ): Promise<T> => {
    const { tenantId } = parseScope(scope);
    return inTenant(client, tenantId, operation, (tx) => work(tx, tenantId));
  };
  /** Runs a write: as a read, once the scope is known to be allowed to write. */
  const write = async <T>(
    scope: StoreScope,
    operation: string,
    work: (tx: SqlQueryable, tenantId: string) => Promise<T>,
  ): Promise<T> => {
    const { tenantId } = parseScope(scope);
    assertWritable(scope);
    return inTenant(client, tenantId, operation, (tx) => work(tx, tenantId));
  };

  const contextOf = (tx: SqlQueryable, tenantId: string, clientId: string | null) =>
    loadContext(tx, tenantId, clientId, rateTables);

  return { client, rateTables, read, write, contextOf };
}

/**
 * The columns of a client's projection context, for a client id given by the SQL expression
 * `client` (`$1` is the tenant): whether the client exists, its terms and the latest version of
 * each of its scenarios. {@link contextOfRow} reads them.
 */
export function contextColumns(client: string): string {
  return `EXISTS (SELECT 1 FROM clients WHERE tenant_id = $1 AND client_id = ${client}) AS client_exists,
       (SELECT terms FROM client_terms WHERE tenant_id = $1 AND client_id = ${client}) AS terms,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', s.scenario_id, 'definition', s.definition))
         FROM (SELECT DISTINCT ON (scenario_id) scenario_id, definition FROM scenarios
               WHERE tenant_id = $1 AND client_id = ${client}
               ORDER BY scenario_id, version DESC) AS s), '[]'::jsonb) AS scenarios`;
}

/** The context columns of {@link contextColumns} as the database answers them. */
export interface ContextRow {
  client_exists: boolean;
  terms: ClientTerms | null;
  scenarios: { id: string; definition: Scenario }[];
}

/** The projection context of a row of {@link contextColumns} (none: the client is unknown). */
export function contextOfRow(
  row: ContextRow | undefined,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
): ProjectionContext & { readonly clientExists: boolean } {
  return {
    terms: row?.terms ?? null,
    scenarios: (row?.scenarios ?? [])
      .sort((a, b) => byId(a.id, b.id))
      .map((scenario) => scenario.definition),
    ...(rateTables === undefined ? {} : { rateTables }),
    clientExists: row?.client_exists ?? false,
  };
}

/**
 * A client's collection terms and the latest version of each of its scenarios (by id), with the
 * host's rate tables: what every projection of its cases is computed with; and whether the client
 * exists. One statement.
 */
export async function loadContext(
  tx: SqlQueryable,
  tenantId: string,
  clientId: string | null,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
): Promise<ProjectionContext & { readonly clientExists: boolean }> {
  if (clientId === null) return contextOfRow(undefined, rateTables);
  const { rows } = await tx.query<ContextRow>(`SELECT ${contextColumns("$2")}`, [
    tenantId,
    clientId,
  ]);
  return contextOfRow(rows[0], rateTables);
}
