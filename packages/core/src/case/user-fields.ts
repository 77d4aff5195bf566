import { z } from "zod";
import { fromZodError } from "../errors/from-zod-error.js";
import { jsonFields } from "../validation/json-primitives.js";

/**
 * A user-defined field of a client's cases: its name, type, whether it is required, and for
 * `choice` the allowed values.
 *
 * @example
 * ```ts
 * import type { FieldDefinition } from "@incasso/core";
 * const field: FieldDefinition = { name: "contractNumber", type: "text", required: true };
 * ```
 */
export interface FieldDefinition {
  readonly name: string;
  readonly type: "text" | "number" | "date" | "boolean" | "choice";
  readonly required?: boolean;
  readonly choices?: readonly string[];
}

/**
 * Validates user-defined field values against a client's definitions: unknown fields, wrong types
 * and missing required fields are `INVALID_INPUT` errors naming `fields.<name>`.
 *
 * @example
 * ```ts
 * import { validateFields } from "@incasso/core";
 * validateFields([{ name: "segment", type: "choice", choices: ["retail", "wholesale"] }], { segment: "retail" });
 * ```
 */
export function validateFields(
  definitions: readonly FieldDefinition[],
  values: Readonly<Record<string, string | number | boolean>>,
): Readonly<Record<string, string | number | boolean>> {
  const shape: Record<string, z.ZodType> = {};
  for (const definition of definitions) {
    let schema: z.ZodType;
    switch (definition.type) {
      case "text":
        schema = jsonFields.optionalText;
        break;
      case "number":
        schema = z.number().finite();
        break;
      case "boolean":
        schema = z.boolean();
        break;
      case "date":
        schema = jsonFields.isoDate;
        break;
      case "choice":
        schema = z.enum((definition.choices ?? []) as [string, ...string[]]);
        break;
    }
    shape[definition.name] = definition.required ? schema : schema.optional();
  }
  const result = z.strictObject(shape).safeParse(values);
  if (!result.success) throw fromZodError(result.error, "fields");
  return result.data as Record<string, string | number | boolean>;
}
