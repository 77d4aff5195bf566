import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { beCalendar, nlCalendar } from "../src/index.js";

const FIRST = Temporal.PlainDate.from("1901-01-01");
const SPAN = FIRST.until(Temporal.PlainDate.from("2199-12-31"), { largestUnit: "days" }).days;

/** Any day from 1901 to 2199 (a year of margin inside the supported 1900-2200). */
export const anyDate = fc.integer({ min: 0, max: SPAN }).map((days) => FIRST.add({ days }));

/** A day in the years a firm works in now, where the decree-day data lies. */
export const recentDate = fc
  .integer({ min: 0, max: 365 * 12 })
  .map((days) => Temporal.PlainDate.from("2020-01-01").add({ days }));

/** One of the built-in calendars, created fresh. */
export const anyCalendar = fc
  .constantFrom("be", "nl")
  .map((id) => (id === "be" ? beCalendar() : nlCalendar()));
