import { z } from "zod";
import { acknowledgementSchema } from "../flow/acknowledgement.js";
import { HANDOVER_SCHEMA_VERSION, handoverPackageSchema } from "./handover-package.js";

/**
 * The `$id` of the handover package's JSON Schema.
 *
 * @example
 * ```ts
 * import { HANDOVER_JSON_SCHEMA_ID } from "@incasso/export-organi";
 * HANDOVER_JSON_SCHEMA_ID; // "urn:incasso:bailiff-handover:1.0:json-schema"
 * ```
 */
export const HANDOVER_JSON_SCHEMA_ID = `urn:incasso:bailiff-handover:${HANDOVER_SCHEMA_VERSION}:json-schema`;

/**
 * The JSON Schema (draft 2020-12) of the handover package, generated from the zod model
 * ({@link handoverPackageSchema}) with `z.toJSONSchema`. The package ships it as
 * `schema/handover-1.0.schema.json` (written by `pnpm --filter @incasso/export-organi schema`,
 * and a test fails when the shipped file differs from this).
 *
 * @example
 * ```ts
 * import { handoverJsonSchema } from "@incasso/export-organi";
 * const schema = handoverJsonSchema();
 * schema.$id;
 * ```
 */
export function handoverJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(handoverPackageSchema, {
    target: "draft-2020-12",
    io: "output",
  }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: HANDOVER_JSON_SCHEMA_ID,
    title: `Incasso bailiff handover package ${HANDOVER_SCHEMA_VERSION}`,
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== "$schema")),
  };
}

/**
 * The text of the shipped JSON Schema file: {@link handoverJsonSchema} with two-space
 * indentation and a final line feed.
 *
 * @example
 * ```ts
 * import { handoverJsonSchemaText } from "@incasso/export-organi";
 * handoverJsonSchemaText().length > 0;
 * ```
 */
export function handoverJsonSchemaText(): string {
  return `${JSON.stringify(handoverJsonSchema(), null, 2)}\n`;
}

/**
 * The text of the shipped JSON Schema of the acknowledgement format 1.0
 * (`schema/acknowledgement-1.0.schema.json`), generated from {@link acknowledgementSchema} as the
 * handover's is.
 *
 * @example
 * ```ts
 * import { acknowledgementJsonSchemaText } from "@incasso/export-organi";
 * JSON.parse(acknowledgementJsonSchemaText()).$id;
 * ```
 */
export function acknowledgementJsonSchemaText(): string {
  const generated = z.toJSONSchema(acknowledgementSchema, {
    target: "draft-2020-12",
    io: "input",
  }) as Record<string, unknown>;
  const schema = {
    $schema: generated.$schema,
    $id: "urn:incasso:bailiff-acknowledgement:1.0:json-schema",
    title: "Incasso bailiff acknowledgement 1.0",
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== "$schema")),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
