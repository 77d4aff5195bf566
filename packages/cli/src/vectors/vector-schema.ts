import type { ShiftRule } from "@incasso/core";
import { isIsoDate, SHIFT_RULES } from "@incasso/core";
import { z } from "zod";

const isoDate = z.string().refine(isIsoDate, { message: "expected a date written YYYY-MM-DD" });
const common = {
  name: z.string().min(1),
  description: z.string().optional(),
  source: z.string().optional(),
};

/**
 * Zod schema of a `calendar` vector of the case-file contract.
 *
 * @example
 * ```ts
 * import { calendarVectorSchema } from "@incasso/cli";
 * calendarVectorSchema.parse({
 *   kind: "calendar", name: "x", calendar: "be", op: "isBusinessDay", date: "2026-04-06", expect: false,
 * });
 * ```
 */
export const calendarVectorSchema = z
  .object({
    kind: z.literal("calendar"),
    ...common,
    calendar: z.enum(["be", "nl"]),
    op: z.enum(["isBusinessDay", "shift", "addBusinessDays", "deadline"]),
    date: isoDate,
    days: z.number().int().optional(),
    rule: z.enum(SHIFT_RULES as [ShiftRule, ...ShiftRule[]]).optional(),
    expect: z.union([z.boolean(), isoDate]),
  })
  .superRefine((vector, context) => {
    if (
      (vector.op === "addBusinessDays" || vector.op === "deadline") &&
      vector.days === undefined
    ) {
      context.addIssue({
        code: "custom",
        path: ["days"],
        message: `expected a whole number of days for ${vector.op}`,
      });
    }
    if (vector.op === "shift" && vector.rule === undefined) {
      context.addIssue({
        code: "custom",
        path: ["rule"],
        message: `expected one of ${SHIFT_RULES.join(", ")}`,
      });
    }
  });

/**
 * A `calendar` vector.
 *
 * @example
 * ```ts
 * import type { CalendarVector } from "@incasso/cli";
 * const vector: CalendarVector = {
 *   kind: "calendar", name: "x", calendar: "nl", op: "deadline", date: "2026-04-02", days: 3, expect: "2026-04-08",
 * };
 * ```
 */
export type CalendarVector = z.infer<typeof calendarVectorSchema>;

/**
 * Zod schema of a `reference` vector of the case-file contract.
 *
 * @example
 * ```ts
 * import { referenceVectorSchema } from "@incasso/cli";
 * referenceVectorSchema.parse({
 *   kind: "reference", name: "x", scheme: "rf", op: "create", input: "539007547034", expect: "RF18539007547034",
 * });
 * ```
 */
export const referenceVectorSchema = z.object({
  kind: z.literal("reference"),
  ...common,
  scheme: z.enum(["be.ogm", "rf", "nl.betalingskenmerk"]),
  op: z.enum(["create", "validate"]),
  input: z.string(),
  expect: z.union([z.string(), z.boolean()]),
});

/**
 * A `reference` vector.
 *
 * @example
 * ```ts
 * import type { ReferenceVector } from "@incasso/cli";
 * const vector: ReferenceVector = {
 *   kind: "reference", name: "x", scheme: "be.ogm", op: "validate", input: "+++123/4567/89002+++", expect: true,
 * };
 * ```
 */
export type ReferenceVector = z.infer<typeof referenceVectorSchema>;

/**
 * The envelope every vector shares: its kind and name, read before the kind's own schema.
 *
 * @example
 * ```ts
 * import { vectorEnvelopeSchema } from "@incasso/cli";
 * vectorEnvelopeSchema.parse({ kind: "statement", name: "nl-bik-6000", expect: {} }).kind; // "statement"
 * ```
 */
export const vectorEnvelopeSchema = z.looseObject({
  kind: z.string().min(1),
  name: z.string().min(1),
  expect: z.unknown(),
});

/**
 * Zod schema of a `statement` vector: the case (validated by the core's case-file schema when run)
 * and the expected subset of the statement.
 *
 * @example
 * ```ts
 * import { statementVectorSchema } from "@incasso/cli";
 * statementVectorSchema.parse({ kind: "statement", name: "x", case: {}, expect: { totals: {} } });
 * ```
 */
export const statementVectorSchema = z.object({
  kind: z.literal("statement"),
  ...common,
  case: z.unknown(),
  expect: z.record(z.string(), z.unknown()),
});

/**
 * A `statement` vector.
 *
 * @example
 * ```ts
 * import type { StatementVector } from "@incasso/cli";
 * const vector: StatementVector = { kind: "statement", name: "x", case: {}, expect: {} };
 * ```
 */
export type StatementVector = z.infer<typeof statementVectorSchema>;
