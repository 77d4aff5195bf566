import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { addBusinessDays, countBusinessDays, shiftDate } from "../src/index.js";
import { anyCalendar, anyDate } from "./arbitraries.js";

const days = fc.integer({ min: -60, max: 60 });

describe("adding and counting business days", () => {
  test.prop([anyCalendar, anyDate, fc.integer({ min: 1, max: 60 })])(
    "adding n then -n business days returns to a business day at or before the start",
    (calendar, date, n) => {
      const back = addBusinessDays(calendar, addBusinessDays(calendar, date, n), -n);
      expect(calendar.isBusinessDay(back)).toBe(true);
      expect(back.until(date).days).toBeGreaterThanOrEqual(0);
      expect(back.equals(shiftDate(calendar, date, "preceding"))).toBe(true);
    },
  );

  test.prop([anyCalendar, anyDate, fc.integer({ min: 1, max: 60 })])(
    "going back n then forward n business days returns to a business day at or after the start",
    (calendar, date, n) => {
      const back = addBusinessDays(calendar, addBusinessDays(calendar, date, -n), n);
      expect(back.equals(shiftDate(calendar, date, "following"))).toBe(true);
    },
  );

  test.prop([anyCalendar, anyDate])(
    "adding zero business days leaves the date as it is",
    (calendar, date) => {
      expect(addBusinessDays(calendar, date, 0).equals(date)).toBe(true);
    },
  );

  test.prop([anyCalendar, anyDate, days])(
    "n business days later lies exactly n business days away",
    (calendar, date, n) => {
      expect(countBusinessDays(calendar, date, addBusinessDays(calendar, date, n))).toBe(n);
    },
  );

  test.prop([anyCalendar, anyDate, days.filter((n) => n !== 0)])(
    "adding a non-zero number of business days always lands on a business day",
    (calendar, date, n) => {
      expect(calendar.isBusinessDay(addBusinessDays(calendar, date, n))).toBe(true);
    },
  );

  test.prop([anyCalendar, anyDate, anyDate])(
    "between two business days, counting from a to b is minus counting from b to a",
    (calendar, a, b) => {
      const from = shiftDate(calendar, a, "following");
      const to = shiftDate(calendar, b, "following");
      fc.pre(Math.abs(from.until(to).days) < 3000);
      expect(countBusinessDays(calendar, from, to)).toBe(0 - countBusinessDays(calendar, to, from));
    },
  );

  test.prop([
    anyCalendar,
    anyDate,
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 40 }),
  ])("adding business days is additive: m then n is m + n", (calendar, date, m, n) => {
    const stepwise = addBusinessDays(calendar, addBusinessDays(calendar, date, m), n);
    const atOnce = addBusinessDays(calendar, date, m + n);
    expect(stepwise.equals(atOnce)).toBe(true);
  });
});
