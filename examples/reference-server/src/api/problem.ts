// Errors as RFC 9457 problem details (`application/problem+json`), with the field path of each
// validation error.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

/** One invalid field: its path (`claims.0.amount`) and what was expected. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * Answers a problem document.
 *
 * @example
 * ```ts
 * return problem(c, 404, "Not found", "No case C-9 in your scope");
 * ```
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  errors?: readonly FieldError[],
): Response {
  const body = {
    type: `https://incasso.dev/problems/${status}`,
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
  };
  return c.newResponse(JSON.stringify(body), status, {
    "content-type": "application/problem+json; charset=utf-8",
  });
}

/** The field errors of a zod error, each with its dotted path (the root is `(body)`). */
export function fieldErrors(error: z.ZodError, root = "(body)"): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? root : issue.path.map(String).join("."),
    message: issue.message,
  }));
}
