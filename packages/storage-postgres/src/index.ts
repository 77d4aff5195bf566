/**
 * `@incasso/storage-postgres`: the PostgreSQL storage adapter of Incasso. SQL migrations ship in
 * the package's `migrations/` folder.
 *
 * @packageDocumentation
 */

/**
 * The name of this package.
 *
 * @example
 * ```ts
 * import { STORAGE_POSTGRES_PACKAGE } from "@incasso/storage-postgres";
 * console.log(STORAGE_POSTGRES_PACKAGE); // "@incasso/storage-postgres"
 * ```
 */
export const STORAGE_POSTGRES_PACKAGE = "@incasso/storage-postgres";
