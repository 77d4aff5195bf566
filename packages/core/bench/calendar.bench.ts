// Calendar and money operations, against a named baseline measured in the same run: one
// `Temporal.PlainDate.add({ days: 1 })`, the step every day-by-day calendar walk pays for.
// Run: pnpm --filter @incasso/core bench
import { it } from "vitest";
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
import type { BenchRow } from "./support.js";
import { compare, load, printTable } from "./support.js";

const be = beCalendar();
const nl = nlCalendar();
const start = parseIsoDate("2026-03-27");
const yearLater = parseIsoDate("2027-03-27");
let day = 0;
const nextDate = () => start.add({ days: day++ % 400 });
const baseline = () => Temporal.PlainDate.from("2026-03-27").add({ days: 1 });
const amount = Money.of("12345.67");
const ratios = ["1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"];

it("calendar and money operations against one PlainDate.add", () => {
  const loadAtStart = load();
  const measures: [string, () => unknown][] = [
    ["isBusinessDay (be)", () => be.isBusinessDay(nextDate())],
    ["addBusinessDays 10 (nl)", () => addBusinessDays(nl, nextDate(), 10)],
    ["countBusinessDays over a year (be)", () => countBusinessDays(be, start, yearLater)],
    ["termijnenwetDeadline 14 days (nl)", () => termijnenwetDeadline(nl, nextDate(), 14)],
    ["allocate into 12 parts", () => allocate(amount, ratios)],
    ["parseAmount 1.234.567,89", () => parseAmount("1.234.567,89")],
  ];
  const rows: BenchRow[] = measures.map(([measure, work]) => ({
    measure,
    ...compare(work, baseline, { samples: 21 }),
    baseline: "PlainDate.from + add one day",
  }));
  printTable("Calendar and money", rows, loadAtStart);
});
