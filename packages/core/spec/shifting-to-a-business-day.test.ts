import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  addBusinessDays,
  beCalendar,
  countBusinessDays,
  nlCalendar,
  SHIFT_RULES,
  shiftDate,
} from "../src/index.js";
import { anyCalendar, anyDate } from "./arbitraries.js";

const moving = SHIFT_RULES.filter((rule) => rule !== "none");

describe("shifting a date to a business day (ISDA conventions)", () => {
  test.prop([anyCalendar, anyDate, fc.constantFrom(...moving)])(
    "a shifted date is a business day",
    (calendar, date, rule) => {
      expect(calendar.isBusinessDay(shiftDate(calendar, date, rule))).toBe(true);
    },
  );

  test.prop([anyCalendar, anyDate, fc.constantFrom(...SHIFT_RULES)])(
    "shifting a business day does not move it",
    (calendar, date, rule) => {
      fc.pre(calendar.isBusinessDay(date));
      expect(shiftDate(calendar, date, rule).equals(date)).toBe(true);
    },
  );

  test.prop([anyCalendar, anyDate])(
    "modified-following never leaves the month",
    (calendar, date) => {
      expect(shiftDate(calendar, date, "modified-following").month).toBe(date.month);
    },
  );

  test.prop([anyCalendar, anyDate])(
    "modified-preceding never leaves the month",
    (calendar, date) => {
      expect(shiftDate(calendar, date, "modified-preceding").month).toBe(date.month);
    },
  );

  test.prop([anyCalendar, anyDate])(
    "following moves to the first business day on or after the date, preceding to the last on or before",
    (calendar, date) => {
      const following = shiftDate(calendar, date, "following");
      const preceding = shiftDate(calendar, date, "preceding");
      expect(following.since(date).days).toBeGreaterThanOrEqual(0);
      expect(date.since(preceding).days).toBeGreaterThanOrEqual(0);
      for (
        let day = preceding.add({ days: 1 });
        day.until(following).days > 0;
        day = day.add({ days: 1 })
      ) {
        expect(calendar.isBusinessDay(day)).toBe(false);
      }
    },
  );

  test.prop([anyCalendar, anyDate])(
    "the rule none leaves every date where it is",
    (calendar, date) => {
      expect(shiftDate(calendar, date, "none").equals(date)).toBe(true);
    },
  );
});

describe("the integer day walk of built calendars", () => {
  const built = { be: beCalendar(), nl: nlCalendar() };
  test.prop([
    fc.constantFrom("be" as const, "nl" as const),
    anyDate,
    fc.constantFrom(...SHIFT_RULES),
    fc.integer({ min: -40, max: 40 }),
  ])(
    "gives the same business days as walking the calendar's own isBusinessDay day by day",
    (id, date, rule, days) => {
      const calendar = built[id];
      // A copy of the calendar is not one createCalendar built, so it takes the generic walk.
      const generic = { ...calendar };
      expect(shiftDate(calendar, date, rule).equals(shiftDate(generic, date, rule))).toBe(true);
      expect(
        addBusinessDays(calendar, date, days).equals(addBusinessDays(generic, date, days)),
      ).toBe(true);
      const other = date.add({ days: days * 3 });
      expect(countBusinessDays(calendar, date, other)).toBe(
        countBusinessDays(generic, date, other),
      );
    },
  );
});
