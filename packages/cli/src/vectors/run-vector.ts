import type { BusinessCalendar } from "@incasso/core";
import {
  addBusinessDays,
  beCalendar,
  computeStatement,
  fromZodError,
  IncassoError,
  nlCalendar,
  parseCaseFile,
  parseIsoDate,
  shiftDate,
  statementToJson,
  statutoryDeadline,
} from "@incasso/core";
import type { z } from "zod";
import { REFERENCE_CREATORS, REFERENCE_VALIDATORS } from "../commands/reference-command.js";
import { compareSubset } from "./compare-subset.js";
import type { CalendarVector, ReferenceVector, StatementVector } from "./vector-schema.js";
import {
  calendarVectorSchema,
  referenceVectorSchema,
  statementVectorSchema,
  vectorEnvelopeSchema,
} from "./vector-schema.js";

/**
 * One difference between a vector's `expect` and what Incasso computed.
 *
 * @example
 * ```ts
 * import type { VectorFailure } from "@incasso/cli";
 * const failure: VectorFailure = { path: "expect", expected: "2026-07-22", actual: "2026-07-21" };
 * ```
 */
export interface VectorFailure {
  /** The field compared (`expect`, or a path inside it), or the input field that was rejected. */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * The outcome of one vector: its name and the failures (none when it passed).
 *
 * @example
 * ```ts
 * import type { VectorResult } from "@incasso/cli";
 * const result: VectorResult = { name: "be-easter-monday-2026", failures: [] };
 * ```
 */
export interface VectorResult {
  readonly name: string;
  readonly failures: readonly VectorFailure[];
}

/**
 * Runs one vector of the case-file contract and compares the result with its `expect`. Kinds
 * handled: `calendar`, `reference` and `statement`. A vector of another kind, or one that does not match its
 * kind's schema, is a failure that says so: nothing is skipped silently.
 *
 * @param vector - the parsed JSON of one vector
 * @param index - its position in its file, to name it when it has no name
 * @example
 * ```ts
 * import { runVector } from "@incasso/cli";
 * runVector({ kind: "reference", name: "ogm", scheme: "be.ogm", op: "create",
 *             input: "1234567890", expect: "+++123/4567/89002+++" }).failures.length; // 0
 * ```
 */
export function runVector(vector: unknown, index = 0): VectorResult {
  const envelope = vectorEnvelopeSchema.safeParse(vector);
  if (!envelope.success) {
    return { name: `#${index + 1}`, failures: [inputFailure(envelope.error)] };
  }
  const { kind, name } = envelope.data;
  try {
    switch (kind) {
      case "calendar":
        return { name, failures: withSchema(calendarVectorSchema, vector, runCalendarVector) };
      case "reference":
        return { name, failures: withSchema(referenceVectorSchema, vector, runReferenceVector) };
      case "statement":
        return { name, failures: withSchema(statementVectorSchema, vector, runStatementVector) };
      default:
        return {
          name,
          failures: [
            {
              path: "kind",
              expected: "calendar, reference or statement",
              actual: `${kind} (kind not supported)`,
            },
          ],
        };
    }
  } catch (error) {
    const message =
      error instanceof IncassoError ? `${error.code}: ${error.message}` : String(error);
    return {
      name,
      failures: [
        { path: "expect", expected: JSON.stringify(envelope.data.expect), actual: message },
      ],
    };
  }
}

function withSchema<T>(
  schema: z.ZodType<T>,
  vector: unknown,
  run: (parsed: T) => VectorFailure[],
): VectorFailure[] {
  const parsed = schema.safeParse(vector);
  return parsed.success ? run(parsed.data) : [inputFailure(parsed.error)];
}

function inputFailure(error: z.ZodError): VectorFailure {
  const issue = fromZodError(error).issues[0];
  return {
    path: issue?.path || "(vector)",
    expected: issue?.message ?? "a valid vector",
    actual: "invalid input",
  };
}

function compare(expected: unknown, actual: unknown): VectorFailure[] {
  return expected === actual
    ? []
    : [{ path: "expect", expected: JSON.stringify(expected), actual: JSON.stringify(actual) }];
}

function calendarOf(id: "be" | "nl"): BusinessCalendar {
  return id === "be" ? beCalendar() : nlCalendar();
}

function runCalendarVector(vector: CalendarVector): VectorFailure[] {
  const calendar = calendarOf(vector.calendar);
  const date = parseIsoDate(vector.date, "date");
  const days = vector.days ?? 0;
  switch (vector.op) {
    case "isBusinessDay":
      return compare(vector.expect, calendar.isBusinessDay(date));
    case "shift":
      return compare(vector.expect, shiftDate(calendar, date, vector.rule ?? "none").toString());
    case "addBusinessDays":
      return compare(vector.expect, addBusinessDays(calendar, date, days).toString());
    case "deadline":
      return compare(vector.expect, statutoryDeadline(calendar, date, days).expiry.toString());
  }
}

function runReferenceVector(vector: ReferenceVector): VectorFailure[] {
  const operation =
    vector.op === "create"
      ? REFERENCE_CREATORS[vector.scheme]
      : REFERENCE_VALIDATORS[vector.scheme];
  return compare(vector.expect, operation?.(vector.input));
}

function runStatementVector(vector: StatementVector): VectorFailure[] {
  const statement = statementToJson(computeStatement(parseCaseFile(vector.case)));
  return compareSubset(vector.expect, statement);
}
