import { z } from "zod";
import type { ShiftRule } from "../calendar/shift-date.js";
import { SHIFT_RULES } from "../calendar/shift-date.js";
import { jsonFields } from "../validation/json-primitives.js";

const { isoDate, amount, percent, signedPercent, id, optionalName, days, count } = jsonFields;

/**
 * Zod schema of a payment plan request: what to finance, how to schedule it, interest during the
 * plan, a fee, rounding, limits and the payment reference. See docs/payment-plans.md.
 *
 * @example
 * ```ts
 * import { planRequestSchema } from "@incasso/core";
 * planRequestSchema.parse({
 *   amount: "1200.00", firstDueDate: "2026-03-01", frequency: "monthly", schedule: { count: 6 },
 * });
 * ```
 */
export const planRequestSchema = z
  .strictObject({
    id: id.default("plan"),
    amount,
    agreedOn: isoDate.optional(),
    firstDueDate: isoDate,
    downPayment: z.strictObject({ amount, dueDate: isoDate }).optional(),
    schedule: z.union([
      z.strictObject({ count: count.max(600, { message: "expected 1 to 600 instalments" }) }),
      z.strictObject({ instalment: amount }),
      z.strictObject({ endDate: isoDate }),
    ]),
    frequency: z.union([
      z.enum(["weekly", "biweekly", "monthly", "quarterly"]),
      z.strictObject({
        dates: z
          .array(isoDate)
          .min(1)
          .max(600, { message: "expected at most 600 instalment dates" }),
      }),
    ]),
    calendar: z.enum(["be", "nl"]).default("be"),
    shift: z.enum(SHIFT_RULES as [ShiftRule, ...ShiftRule[]]).default("following"),
    interest: z
      .discriminatedUnion("kind", [
        z.strictObject({ kind: z.literal("none") }),
        z.strictObject({
          kind: z.literal("running"),
          rate: z.union([z.strictObject({ table: id }), z.strictObject({ fixed: percent })]),
          margin: signedPercent.default("0"),
        }),
        z.strictObject({ kind: z.literal("annuity"), rate: percent }),
      ])
      .default({ kind: "none" }),
    fee: amount.optional(),
    remainder: z.enum(["last", "first"]).default("last"),
    limits: z
      .strictObject({
        minInstalment: amount.optional(),
        maxMonths: count.optional(),
      })
      .default({}),
    reference: optionalName.optional(),
    default: z
      .discriminatedUnion("kind", [
        z.strictObject({
          kind: z.literal("missed-instalments"),
          count: count.default(2),
          graceDays: days.default(0),
        }),
        z.strictObject({
          kind: z.literal("days-late"),
          days: days.min(1, { message: `expected 1 to 3650 days` }),
        }),
      ])
      .default({ kind: "missed-instalments", count: 2, graceDays: 0 }),
  })
  .superRefine((request, context) => {
    if (typeof request.frequency === "object" && "dates" in request.frequency) {
      const dates = request.frequency.dates;
      if (dates[0] !== request.firstDueDate) {
        context.addIssue({
          code: "custom",
          path: ["frequency", "dates", 0],
          message: "expected the first custom date to be firstDueDate",
        });
      }
      dates.forEach((date, index) => {
        const previous = dates[index - 1];
        if (previous !== undefined && previous >= date) {
          context.addIssue({
            code: "custom",
            path: ["frequency", "dates", index],
            message: "expected dates in increasing order",
          });
        }
      });
    }
    if (request.downPayment && request.downPayment.dueDate > request.firstDueDate) {
      context.addIssue({
        code: "custom",
        path: ["downPayment", "dueDate"],
        message: "expected the down payment on or before the first due date",
      });
    }
  });

/**
 * A payment plan request as JSON (the input of {@link planRequestSchema}).
 *
 * @example
 * ```ts
 * import type { PlanRequestJson } from "@incasso/core";
 * const request: PlanRequestJson = { amount: "900.00", firstDueDate: "2026-03-01", frequency: "monthly", schedule: { instalment: "150.00" } };
 * ```
 */
export type PlanRequestJson = z.input<typeof planRequestSchema>;

/**
 * A validated payment plan request, defaults filled in.
 *
 * @example
 * ```ts
 * import { planRequestSchema, type PlanRequest } from "@incasso/core";
 * const request: PlanRequest = planRequestSchema.parse({ amount: "900.00", firstDueDate: "2026-03-01", frequency: "monthly", schedule: { count: 3 } });
 * ```
 */
export type PlanRequest = z.output<typeof planRequestSchema>;
