import type { z } from "zod";
import { IncassoError } from "./incasso-error.js";

/**
 * Turns a zod error into an {@link IncassoError} with code `INVALID_INPUT`, one issue per wrong
 * field, each naming the field path (prefixed with `root` when given) and what was expected.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { fromZodError } from "@incasso/core";
 * const result = z.object({ days: z.number().int() }).safeParse({ days: 1.5 });
 * if (!result.success) throw fromZodError(result.error, "vector");
 * ```
 */
export function fromZodError(error: z.ZodError, root = ""): IncassoError {
  const issues = error.issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter((part) => part !== "").join(".");
    return { path, message: issue.message };
  });
  const text = issues.map((issue) => `${issue.path || "(input)"}: ${issue.message}`).join("; ");
  return new IncassoError("INVALID_INPUT", text, issues);
}

/**
 * Parses an input with a zod schema, answering bad input with {@link fromZodError} under `root`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { parseInput } from "@incasso/core";
 * parseInput(z.strictObject({ days: z.number().int() }), { days: 3 }, "options").days; // 3
 * ```
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  root: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, root);
  return result.data;
}
