import { z } from "zod";
import { fromZodError } from "../errors/from-zod-error.js";
import { jsonFields } from "../validation/json-primitives.js";

const { amount, id, name, optionalName, days } = jsonFields;
const names = z.strictObject({ nl: name, fr: name, en: name });

/**
 * Zod schema of an activity of the pool: a code of at most 10 characters, a description, its kind,
 * the document template, the channel and fallback channel, the cost it adds, and whether it moves
 * before or after a weekend or holiday.
 *
 * @example
 * ```ts
 * import { activitySchema } from "@incasso/core";
 * activitySchema.parse({ code: "REM1", description: { nl: "Herinnering", fr: "Rappel", en: "Reminder" }, kind: "letter", channel: "email", fallbackChannel: "post" });
 * ```
 */
export const activitySchema = z.strictObject({
  code: id.max(10, { message: "expected a code of at most 10 characters" }),
  description: names,
  kind: z.enum([
    "letter",
    "email",
    "sms",
    "call",
    "formal-notice",
    "letter14",
    "book19-first-reminder",
    "bailiff-handover",
    "status-change",
    "custom",
  ]),
  template: optionalName.optional(),
  channel: z.enum(["post", "registered-post", "email", "sms", "phone", "none"]),
  fallbackChannel: z.enum(["post", "registered-post", "email", "sms", "phone", "none"]).optional(),
  cost: amount.optional(),
  move: z.enum(["before", "after", "none"]).default("after"),
});

/**
 * An activity of the pool (see {@link activitySchema}).
 *
 * @example
 * ```ts
 * import type { Activity } from "@incasso/core";
 * const isLetter = (activity: Activity) => activity.kind === "letter";
 * ```
 */
export type Activity = z.output<typeof activitySchema>;

const step = z.strictObject({
  activity: id,
  wait: z.strictObject({
    days,
    unit: z.enum(["calendar", "business"]).default("calendar"),
  }),
  after: z.enum(["previous", "case-start", "due-date", "notice"]).default("previous"),
  threshold: amount.optional(),
  conditions: z
    .strictObject({
      consumer: z.boolean().optional(),
      noEmail: z.boolean().optional(),
      previousLetterReturned: z.boolean().optional(),
    })
    .default({}),
  approval: z.enum(["required", "automatic"]).default("required"),
});

/**
 * Zod schema of a scenario: a versioned template of steps over an activity pool, with the step a
 * suspended scenario resumes at.
 *
 * @example
 * ```ts
 * import { scenarioSchema } from "@incasso/core";
 * scenarioSchema.shape.id.parse("be-b2b");
 * ```
 */
export const scenarioSchema = z
  .strictObject({
    id,
    version: z
      .number()
      .int({ message: "expected a whole version number" })
      .min(1, { message: "expected a version of 1 or more" })
      .max(1_000_000, { message: "expected a version of at most 1000000" }),
    name,
    calendar: z.enum(["be", "nl"]),
    activities: z
      .array(activitySchema)
      .min(1)
      .max(200, { message: "expected at most 200 activities" }),
    steps: z.array(step).min(1).max(200, { message: "expected at most 200 steps" }),
    resume: z.enum(["current-step", "restart"]).default("current-step"),
  })
  .superRefine((scenario, context) => {
    const codes = new Set<string>();
    scenario.activities.forEach((activity, index) => {
      if (codes.has(activity.code))
        context.addIssue({
          code: "custom",
          path: ["activities", index, "code"],
          message: `expected a unique code (${activity.code} repeats)`,
        });
      codes.add(activity.code);
    });
    scenario.steps.forEach((candidate, index) => {
      if (!codes.has(candidate.activity))
        context.addIssue({
          code: "custom",
          path: ["steps", index, "activity"],
          message: `expected an activity of the pool (got: ${candidate.activity})`,
        });
    });
  });

/**
 * A validated scenario.
 *
 * @example
 * ```ts
 * import type { Scenario } from "@incasso/core";
 * const stepsOf = (scenario: Scenario) => scenario.steps.length;
 * ```
 */
export type Scenario = z.output<typeof scenarioSchema>;

/**
 * One step of a scenario.
 *
 * @example
 * ```ts
 * import type { ScenarioStep } from "@incasso/core";
 * const needsApproval = (step: ScenarioStep) => step.approval === "required";
 * ```
 */
export type ScenarioStep = Scenario["steps"][number];

/**
 * Reads a scenario definition (JSON data), answering bad input with `INVALID_INPUT` naming
 * `scenario.<path>`.
 *
 * @example
 * ```ts
 * import { parseScenario } from "@incasso/core";
 * declare const json: unknown;
 * const scenario = parseScenario(json);
 * ```
 */
export function parseScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "scenario");
  return result.data;
}
