import type {
  ClientRecord,
  ClientTerms,
  DebtorRecord,
  RelationsStore,
  Scenario,
} from "@incasso/core";
import {
  clientRecordSchema,
  clientTermsSchema,
  debtorListSchema,
  debtorQuerySchema,
  debtorRecordSchema,
  parseInput,
  parseScenario,
  storeIdSchema,
} from "@incasso/core";
import { canonicalJson, reusedKey } from "@incasso/core/adapter-kit";
import type { SqlQueryable } from "../sql-client.js";
import type { StoreContext } from "./context.js";
import { byId, isStoreId, requireClient, visible } from "./shared.js";

/** The relations port (`RelationsStore`): clients, debtors, terms and scenarios. */
export function createRelationsStore({ read, write }: StoreContext): RelationsStore {
  return {
    putClient(scope, input) {
      return write(scope, "putClient", async (tx, tenantId) => {
        const record = parseInput(clientRecordSchema, input, "client");
        await tx.query(
          `INSERT INTO clients (tenant_id, client_id, name, reference) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, client_id)
           DO UPDATE SET name = EXCLUDED.name, reference = EXCLUDED.reference`,
          [tenantId, record.id, record.name, record.reference ?? null],
        );
      });
    },

    getClient(scope, clientId) {
      return read(scope, "getClient", async (tx, tenantId) => {
        if (!isStoreId(clientId) || !visible(scope, clientId)) return null;
        const { rows } = await tx.query<ClientColumns>(
          "SELECT client_id, name, reference FROM clients WHERE tenant_id = $1 AND client_id = $2",
          [tenantId, clientId],
        );
        return rows[0] === undefined ? null : clientOf(rows[0]);
      });
    },

    listClients(scope) {
      return read(scope, "listClients", async (tx, tenantId) => {
        const params = [tenantId];
        if (scope.clientId !== undefined) params.push(scope.clientId);
        const { rows } = await tx.query<ClientColumns>(
          `SELECT client_id, name, reference FROM clients WHERE tenant_id = $1
           ${scope.clientId === undefined ? "" : "AND client_id = $2"} ORDER BY client_id`,
          params,
        );
        return rows.map(clientOf).sort((a, b) => byId(a.id, b.id));
      });
    },

    putDebtor(scope, input) {
      return write(scope, "putDebtor", async (tx, tenantId) => {
        await upsertDebtors(tx, tenantId, [parseInput(debtorRecordSchema, input, "debtor")]);
      });
    },

    putDebtors(scope, input) {
      return write(scope, "putDebtors", async (tx, tenantId) => {
        await upsertDebtors(tx, tenantId, parseInput(debtorListSchema, input, "debtors"));
      });
    },

    getDebtor(scope, debtorId) {
      return read(scope, "getDebtor", async (tx, tenantId) => {
        if (!isStoreId(debtorId)) return null;
        const params = [tenantId, debtorId];
        let linked = "";
        if (scope.clientId !== undefined) {
          params.push(scope.clientId);
          linked = ` AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = $1 AND c.client_id = $3
            AND c.debtor_ids @> ARRAY[$2::text])`;
        }
        const { rows } = await tx.query<DebtorColumns>(
          `SELECT ${DEBTOR_COLUMNS} FROM debtors d
           WHERE d.tenant_id = $1 AND d.debtor_id = $2${linked}`,
          params,
        );
        return rows[0] === undefined ? null : debtorOf(rows[0]);
      });
    },

    findDebtors(scope, input) {
      return read(scope, "findDebtors", async (tx, tenantId) => {
        const query = parseInput(debtorQuerySchema, input, "query");
        const digits = (values: readonly string[] | undefined) => [
          ...new Set(
            (values ?? []).map((value) => value.replace(/[^0-9]/g, "")).filter((d) => d !== ""),
          ),
        ];
        const ids = query.ids ?? [];
        const enterprise = digits(query.enterpriseNumbers);
        const national = digits(query.nationalNumbers);
        if (ids.length + enterprise.length + national.length === 0) return [];
        const params: unknown[] = [tenantId, ids, enterprise, national];
        let linked = "";
        if (scope.clientId !== undefined) {
          params.push(scope.clientId);
          linked = ` AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = $1 AND c.client_id = $5
            AND c.debtor_ids @> ARRAY[d.debtor_id])`;
        }
        // One index range per identifier kind (a UNION, not an OR the planner cannot split).
        const { rows } = await tx.query<DebtorColumns>(
          `SELECT ${DEBTOR_COLUMNS} FROM debtors d WHERE d.tenant_id = $1 AND d.debtor_id IN (
             SELECT debtor_id FROM debtors WHERE tenant_id = $1 AND debtor_id = ANY($2::text[])
             UNION SELECT debtor_id FROM debtors
               WHERE tenant_id = $1 AND enterprise_digits = ANY($3::text[])
             UNION SELECT debtor_id FROM debtors
               WHERE tenant_id = $1 AND national_digits = ANY($4::text[]))${linked}
           ORDER BY d.debtor_id`,
          params,
        );
        return rows.map(debtorOf).sort((a, b) => byId(a.id, b.id));
      });
    },

    putTerms(scope, clientId, input) {
      return write(scope, "putTerms", async (tx, tenantId) => {
        parseInput(storeIdSchema, clientId, "clientId");
        const terms = parseInput(clientTermsSchema, input, "terms");
        await requireClient(tx, tenantId, clientId, "clientId");
        await tx.query(
          `INSERT INTO client_terms (tenant_id, client_id, terms) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (tenant_id, client_id) DO UPDATE SET terms = EXCLUDED.terms`,
          [tenantId, clientId, JSON.stringify(terms)],
        );
      });
    },

    getTerms(scope, clientId) {
      return read(scope, "getTerms", async (tx, tenantId) => {
        if (!isStoreId(clientId) || !visible(scope, clientId)) return null;
        const { rows } = await tx.query<{ terms: ClientTerms }>(
          "SELECT terms FROM client_terms WHERE tenant_id = $1 AND client_id = $2",
          [tenantId, clientId],
        );
        return rows[0]?.terms ?? null;
      });
    },

    putScenario(scope, clientId, input) {
      return write(scope, "putScenario", async (tx, tenantId) => {
        parseInput(storeIdSchema, clientId, "clientId");
        const scenario = parseScenario(input);
        await requireClient(tx, tenantId, clientId, "clientId");
        const params = [tenantId, clientId, scenario.id, scenario.version];
        const known = async () =>
          (
            await tx.query<{ definition: Scenario }>(
              `SELECT definition FROM scenarios WHERE tenant_id = $1 AND client_id = $2
               AND scenario_id = $3 AND version = $4::bigint`,
              params,
            )
          ).rows[0]?.definition;
        let stored = await known();
        if (stored === undefined) {
          const inserted = await tx.query(
            `INSERT INTO scenarios (tenant_id, client_id, scenario_id, version, definition)
             VALUES ($1, $2, $3, $4::bigint, $5::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
            [...params, JSON.stringify(scenario)],
          );
          if (inserted.rows.length === 1) return;
          stored = await known(); // another transaction stored this version meanwhile
        }
        if (canonicalJson(stored) !== canonicalJson(scenario)) throw reusedKey("scenario.version");
      });
    },

    listScenarios(scope, clientId) {
      return read(scope, "listScenarios", async (tx, tenantId) => {
        if (!isStoreId(clientId) || !visible(scope, clientId)) return [];
        return latestScenarios(tx, tenantId, clientId);
      });
    },
  };
}

async function latestScenarios(
  tx: SqlQueryable,
  tenantId: string,
  clientId: string,
): Promise<Scenario[]> {
  const { rows } = await tx.query<{ scenario_id: string; definition: Scenario }>(
    `SELECT DISTINCT ON (scenario_id) scenario_id, definition FROM scenarios
     WHERE tenant_id = $1 AND client_id = $2 ORDER BY scenario_id, version DESC`,
    [tenantId, clientId],
  );
  return rows.sort((a, b) => byId(a.scenario_id, b.scenario_id)).map((row) => row.definition);
}

interface ClientColumns {
  client_id: string;
  name: string;
  reference: string | null;
}

function clientOf(row: ClientColumns): ClientRecord {
  return {
    id: row.client_id,
    name: row.name,
    ...(row.reference === null ? {} : { reference: row.reference }),
  };
}

interface DebtorColumns {
  debtor_id: string;
  kind: DebtorRecord["kind"];
  name: string;
  language: DebtorRecord["language"];
  consumer: boolean;
  enterprise_number: string | null;
  national_number: string | null;
  national_number_basis: string | null;
  time_zone: string | null;
  contacts: DebtorRecord["contacts"];
}

const DEBTOR_COLUMNS = `d.debtor_id, d.kind, d.name, d.language, d.consumer, d.enterprise_number,
  d.national_number, d.national_number_basis, d.time_zone, d.contacts`;

function debtorOf(row: DebtorColumns): DebtorRecord {
  return {
    id: row.debtor_id,
    kind: row.kind,
    name: row.name,
    language: row.language,
    consumer: row.consumer,
    ...(row.enterprise_number === null ? {} : { enterpriseNumber: row.enterprise_number }),
    ...(row.national_number === null ? {} : { nationalNumber: row.national_number }),
    ...(row.national_number_basis === null
      ? {}
      : { nationalNumberBasis: row.national_number_basis }),
    ...(row.time_zone === null ? {} : { timeZone: row.time_zone }),
    contacts: row.contacts,
  };
}

/**
 * Creates or replaces debtors in one statement; of two with one id, the later (one statement
 * cannot update a row twice, so only the last of each id is sent).
 */
async function upsertDebtors(
  tx: SqlQueryable,
  tenantId: string,
  debtors: readonly DebtorRecord[],
): Promise<void> {
  if (debtors.length === 0) return;
  const last = new Map(debtors.map((debtor) => [debtor.id, debtor]));
  await tx.query(
    `INSERT INTO debtors (tenant_id, debtor_id, kind, name, language, consumer,
       enterprise_number, national_number, national_number_basis, time_zone, contacts)
     SELECT $1, d.id, d.kind, d.name, d.language, d.consumer, d.enterprise_number,
       d.national_number, d.national_number_basis, d.time_zone, d.contacts
     FROM jsonb_to_recordset($2::jsonb) AS d(id text, kind text, name text, language text,
       consumer boolean, enterprise_number text, national_number text,
       national_number_basis text, time_zone text, contacts jsonb)
     ON CONFLICT (tenant_id, debtor_id) DO UPDATE SET kind = EXCLUDED.kind,
       name = EXCLUDED.name, language = EXCLUDED.language, consumer = EXCLUDED.consumer,
       enterprise_number = EXCLUDED.enterprise_number,
       national_number = EXCLUDED.national_number,
       national_number_basis = EXCLUDED.national_number_basis,
       time_zone = EXCLUDED.time_zone, contacts = EXCLUDED.contacts`,
    [
      tenantId,
      JSON.stringify(
        [...last.values()].map((debtor) => ({
          id: debtor.id,
          kind: debtor.kind,
          name: debtor.name,
          language: debtor.language,
          consumer: debtor.consumer,
          enterprise_number: debtor.enterpriseNumber ?? null,
          national_number: debtor.nationalNumber ?? null,
          national_number_basis: debtor.nationalNumberBasis ?? null,
          time_zone: debtor.timeZone ?? null,
          contacts: debtor.contacts,
        })),
      ),
    ],
  );
}
