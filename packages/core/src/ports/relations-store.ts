import type { z } from "zod";
import type { Scenario, scenarioSchema } from "../scenarios/scenario-definition.js";
import type {
  clientRecordSchema,
  clientTermsSchema,
  debtorQuerySchema,
  debtorRecordSchema,
} from "../storage/store-schemas.js";
import type { StoreScope } from "./store-scope.js";

/**
 * A client (creditor) of the tenant.
 *
 * @example
 * ```ts
 * import type { ClientRecord } from "@incasso/core";
 * const client: ClientRecord = { id: "acme", name: "Acme NV" };
 * ```
 */
export type ClientRecord = z.input<typeof clientRecordSchema>;

/**
 * A debtor relation with its contacts.
 *
 * @example
 * ```ts
 * import type { DebtorRecord } from "@incasso/core";
 * const debtor: DebtorRecord = { id: "D1", kind: "natural-person", name: "Jan Peeters", language: "nl", consumer: true };
 * ```
 */
export type DebtorRecord = z.output<typeof debtorRecordSchema>;

/**
 * A debtor relation as given to {@link RelationsStore.putDebtor}, before defaults are filled in
 * (see {@link debtorRecordSchema}).
 *
 * @example
 * ```ts
 * import type { DebtorInput } from "@incasso/core";
 * const debtor: DebtorInput = { id: "D1", kind: "legal-person", name: "Debtor BV", language: "nl", consumer: false };
 * ```
 */
export type DebtorInput = z.input<typeof debtorRecordSchema>;

/**
 * A query for debtors by id, enterprise number or national number (see {@link debtorQuerySchema}):
 * what an import matches the rows of a client's file to.
 *
 * @example
 * ```ts
 * import type { DebtorQuery } from "@incasso/core";
 * const query: DebtorQuery = { enterpriseNumbers: ["BE 0403.170.701"] };
 * ```
 */
export type DebtorQuery = z.input<typeof debtorQuerySchema>;

/**
 * A client's collection terms (see {@link clientTermsSchema}).
 *
 * @example
 * ```ts
 * import type { ClientTerms } from "@incasso/core";
 * const terms: ClientTerms = { defaultScenario: "be-b2b" };
 * ```
 */
export type ClientTerms = z.output<typeof clientTermsSchema>;

/**
 * A client's collection terms as given to {@link RelationsStore.putTerms}, before defaults are
 * filled in (see {@link clientTermsSchema}).
 *
 * @example
 * ```ts
 * import type { ClientTermsInput } from "@incasso/core";
 * const terms: ClientTermsInput = { defaultScenario: "be-b2b", policy: { receiptDays: 3 } };
 * ```
 */
export type ClientTermsInput = z.input<typeof clientTermsSchema>;

/**
 * A scenario definition as given to {@link RelationsStore.putScenario}, before defaults are filled
 * in (see {@link scenarioSchema}).
 *
 * @example
 * ```ts
 * import type { ScenarioInput } from "@incasso/core";
 * declare const definition: ScenarioInput;
 * const label = `${definition.id} v${definition.version}`;
 * ```
 */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/**
 * The port of the relations (capability `"relations"`): the tenant's clients (creditors), debtors
 * with their contacts, each client's collection terms, and every version of each client's
 * scenarios. Writes create or replace; they are idempotent (writing the same record again changes
 * nothing), except a scenario version, which is written once.
 *
 * Every write needs a tenant scope (`FORBIDDEN` at `scope.clientId` in a client-portal scope) and
 * valid input (`INVALID_INPUT` naming `client.<field>`, `debtor.<field>`, `terms.<field>`,
 * `scenario.<field>` or `clientId`). A read of something unknown or not visible answers null or an
 * empty list.
 *
 * @example
 * ```ts
 * import type { RelationsStore } from "@incasso/core";
 * declare const store: RelationsStore;
 * const scope = { tenantId: "firm-1" };
 * await store.putClient(scope, { id: "acme", name: "Acme NV" });
 * await store.putTerms(scope, "acme", { defaultScenario: "be-b2b" });
 * ```
 */
export interface RelationsStore {
  /** Creates or replaces a client. */
  putClient(scope: StoreScope, client: ClientRecord): Promise<void>;
  /** A client, or null (a client-portal scope sees only its own client). */
  getClient(scope: StoreScope, clientId: string): Promise<ClientRecord | null>;
  /** The clients of the tenant, by id (a client-portal scope: only its own). */
  listClients(scope: StoreScope): Promise<ClientRecord[]>;
  /** Creates or replaces a debtor relation with its contacts. */
  putDebtor(scope: StoreScope, debtor: DebtorInput): Promise<void>;
  /**
   * Creates or replaces many debtor relations at once (at most `PUT_DEBTORS_LIMIT`, 1,000), all
   * or nothing: every debtor is checked first (`INVALID_INPUT` naming `debtors.N.<field>`, or
   * `debtors` for a list that is not an array or is too long) and nothing is stored when one is
   * bad. The store ends as putting them one after another would leave it: of two debtors with one
   * id, the later wins. What an import that creates thousands of debtors calls.
   */
  putDebtors(scope: StoreScope, debtors: readonly DebtorInput[]): Promise<void>;
  /**
   * A debtor as validated (defaults filled in), or null; a client-portal scope sees a debtor only
   * when one of its client's cases names it.
   */
  getDebtor(scope: StoreScope, debtorId: string): Promise<DebtorRecord | null>;
  /**
   * The debtors that have any of the query's ids, enterprise numbers or national numbers, by id,
   * each once. Numbers are compared by their digits only (`BE 0403.170.701` finds `0403170701`); a
   * number without digits finds nothing. A client-portal scope finds only debtors its client's
   * cases name, as {@link RelationsStore.getDebtor}. Bad input is `INVALID_INPUT` naming
   * `query.<field>`; an empty query finds nothing.
   */
  findDebtors(scope: StoreScope, query: DebtorQuery): Promise<DebtorRecord[]>;
  /**
   * Sets a client's collection terms, replacing earlier ones. The client must exist (`NOT_FOUND` at
   * `clientId`).
   */
  putTerms(scope: StoreScope, clientId: string, terms: ClientTermsInput): Promise<void>;
  /** A client's collection terms as validated, or null. */
  getTerms(scope: StoreScope, clientId: string): Promise<ClientTerms | null>;
  /**
   * Stores a version of a scenario definition for a client (the client must exist: `NOT_FOUND` at
   * `clientId`). Every version is kept; the same version again with the same content changes
   * nothing, with other content it is `IDEMPOTENCY_KEY_REUSED` at `scenario.version`.
   */
  putScenario(scope: StoreScope, clientId: string, scenario: ScenarioInput): Promise<void>;
  /** The latest version of each of a client's scenarios, by id; empty when not visible. */
  listScenarios(scope: StoreScope, clientId: string): Promise<Scenario[]>;
}
