/**
 * `@incasso/core`: the pure debt-collection domain of Incasso. No I/O, no clock, no randomness:
 * dates come in as `Temporal.PlainDate` arguments and money is exact (decimal.js).
 *
 * @packageDocumentation
 */
export { Temporal } from "temporal-polyfill";
export * from "./calendar/index.js";
export * from "./case/index.js";
export * from "./charges/index.js";
export * from "./dates/index.js";
export * from "./errors/index.js";
export * from "./money/index.js";
export * from "./plans/index.js";
export * from "./rates/index.js";
export * from "./references/index.js";
export * from "./scenarios/index.js";
export * from "./statement/index.js";
export * from "./storage/index.js";
export { isStorableText, LIMITS } from "./validation/json-primitives.js";
