import { z } from "zod";
import { isIsoDate } from "../dates/parse-iso-date.js";

/**
 * The zod building blocks every JSON boundary of the core shares, so that the same kind of field
 * is read, and explained, the same way everywhere.
 *
 * @internal
 */
export const jsonFields = {
  /** A calendar date written `YYYY-MM-DD` that exists. */
  isoDate: z.string().refine(isIsoDate, { message: "expected a date written YYYY-MM-DD" }),
  /** An amount of money: a decimal string of zero or more with at most two decimals. */
  amount: z.string().regex(/^\d+(\.\d{1,2})?$/, {
    message: "expected an amount of zero or more with at most 2 decimals, such as 1234.50",
  }),
  /** A rate in percent per year, zero or more. */
  percent: z
    .string()
    .regex(/^\d+(\.\d+)?$/, { message: "expected a percentage of zero or more, such as 10.5" }),
  /** Percentage points that may be negative (a margin). */
  signedPercent: z
    .string()
    .regex(/^[+-]?\d+(\.\d+)?$/, { message: "expected percentage points, such as 3 or -1.5" }),
  /** A non-empty identifier. */
  id: z.string().min(1, { message: "expected a non-empty id" }),
} as const;
