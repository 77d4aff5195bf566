import type { IssueDetail } from "@incasso/core";
import { fromZodError, IncassoError, storeIdSchema, Temporal } from "@incasso/core";
import { z } from "zod";

/** A date written YYYY-MM-DD, given as text or as a Temporal.PlainDate. */
export const jobDateSchema = z.union([
  z.instanceof(Temporal.PlainDate).transform((date) => date.toString()),
  z.string().refine(
    (text) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
      try {
        return Temporal.PlainDate.from(text, { overflow: "reject" }).toString() === text;
      } catch {
        return false;
      }
    },
    { message: "expected a date written YYYY-MM-DD that exists" },
  ),
]);

/** An ISO instant with its offset, as the host passes it in (never read from a clock here). */
export const jobInstantSchema = z.iso.datetime({
  offset: true,
  message: "expected an instant such as 2026-03-27T06:00:00Z",
});

/** Who records the events a job appends. */
export const jobActorSchema = z
  .string()
  .min(1, { message: "expected a non-empty name" })
  .max(500, { message: "expected a name of at most 500 characters" });

/** The case-id range of a shard, as the daily run takes it. */
export const shardRangeSchema = {
  caseIdFrom: storeIdSchema.optional(),
  caseIdTo: storeIdSchema.optional(),
};

/** Validates a job's options, answering bad input with `INVALID_INPUT` naming `options.<field>`. */
export function parseJobOptions<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "options");
  return result.data;
}

/** The code and issues of an `IncassoError` from any copy of the core (ESM or CJS), or null. */
export function incassoErrorOf(
  error: unknown,
): { readonly code: string; readonly issues: readonly IssueDetail[] } | null {
  if (error instanceof IncassoError) return error;
  if (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "string" &&
    Array.isArray((error as { issues?: unknown }).issues)
  )
    return error as unknown as { code: string; issues: IssueDetail[] };
  return null;
}
