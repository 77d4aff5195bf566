// Calendar and money operations, against a named baseline measured in the same run: one
// `Temporal.PlainDate.add({ days: 1 })`, the step every day-by-day calendar walk pays for.
// Run: pnpm --filter @incasso/core bench
import { bench, describe } from "vitest";
import {
  addBusinessDays,
  allocate,
  beCalendar,
  countBusinessDays,
  Money,
  nlCalendar,
  parseAmount,
  parseIsoDate,
  Temporal,
  termijnenwetDeadline,
} from "../src/index.js";

const be = beCalendar();
const nl = nlCalendar();
const start = parseIsoDate("2026-03-27");
const yearLater = parseIsoDate("2027-03-27");
let day = 0;
const nextDate = () => start.add({ days: day++ % 400 });

describe("calendar", () => {
  bench("baseline: PlainDate.add one day", () => {
    Temporal.PlainDate.from("2026-03-27").add({ days: 1 });
  });
  bench("isBusinessDay (be)", () => {
    be.isBusinessDay(nextDate());
  });
  bench("addBusinessDays 10 (nl)", () => {
    addBusinessDays(nl, nextDate(), 10);
  });
  bench("countBusinessDays over a year (be)", () => {
    countBusinessDays(be, start, yearLater);
  });
  bench("termijnenwetDeadline 14 days (nl)", () => {
    termijnenwetDeadline(nl, nextDate(), 14);
  });
});

describe("money", () => {
  const amount = Money.of("12345.67");
  const ratios = ["1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"];
  bench("baseline: PlainDate.add one day", () => {
    Temporal.PlainDate.from("2026-03-27").add({ days: 1 });
  });
  bench("allocate into 12 parts", () => {
    allocate(amount, ratios);
  });
  bench("parseAmount 1.234.567,89", () => {
    parseAmount("1.234.567,89");
  });
});
