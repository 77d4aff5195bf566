import type { z } from "zod";
import type { storeScopeSchema } from "../storage/store-schemas.js";

/**
 * The scope of a store call: the tenant, and for a client-portal view the one client. Every call of
 * every storage port takes one: nothing of another tenant is ever returned, and a client-portal
 * scope reads only its client's data and never writes (`FORBIDDEN` at `scope.clientId`).
 *
 * @example
 * ```ts
 * import type { StoreScope } from "@incasso/core";
 * const portal: StoreScope = { tenantId: "firm-1", clientId: "acme" };
 * ```
 */
export type StoreScope = z.input<typeof storeScopeSchema>;
