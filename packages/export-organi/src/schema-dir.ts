import { fileURLToPath } from "node:url";

/**
 * The folder of the shipped schema files (`handover-1.0.schema.json`, `handover-1.0.xsd`,
 * `acknowledgement-1.0.schema.json`), beside `src/` and `dist/` in the package.
 *
 * @example
 * ```ts
 * import { join } from "node:path";
 * import { SCHEMA_DIR } from "@incasso/export-organi";
 * const xsd = join(SCHEMA_DIR, "handover-1.0.xsd");
 * ```
 */
export const SCHEMA_DIR = fileURLToPath(new URL("../schema/", import.meta.url));
