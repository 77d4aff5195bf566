// Dates are read strictly and without Temporal's object-bag parsing, which was the largest cost of
// reading stored events: these laws pin the arithmetic check to what Temporal itself accepts.
import { fc, test } from "@fast-check/vitest";
import { Temporal } from "temporal-polyfill";
import { expect } from "vitest";
import { isIsoDate, parseIsoDate } from "../src/index.js";

const pad = (value: number, width: number) => String(value).padStart(width, "0");
/** Texts shaped `YYYY-MM-DD` with months and days beyond the calendar's, to hit every edge. */
const dateLike = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2100, 2024, 2023, 0)),
    fc.integer({ min: 0, max: 19 }),
    fc.integer({ min: 0, max: 39 }),
  )
  .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);

const temporalAccepts = (text: string) => {
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  try {
    Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
};

test.prop([dateLike], { numRuns: 5000 })(
  "a YYYY-MM-DD text is a date exactly when that day exists in the ISO calendar (leap years by the Gregorian rule)",
  (text) => {
    expect(isIsoDate(text)).toBe(temporalAccepts(text));
    if (temporalAccepts(text)) expect(parseIsoDate(text).toString()).toBe(text);
    else expect(() => parseIsoDate(text)).toThrow("expected a day that exists in the calendar");
  },
);

test.prop([fc.string({ maxLength: 12 })])(
  "a text not written YYYY-MM-DD is never a date",
  (text) => {
    fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(text));
    expect(isIsoDate(text)).toBe(false);
    expect(() => parseIsoDate(text)).toThrow("expected a date written YYYY-MM-DD");
  },
);
