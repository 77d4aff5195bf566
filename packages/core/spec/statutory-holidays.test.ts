import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { beCalendar, easterSunday, nlCalendar } from "../src/index.js";

const year = fc.integer({ min: 1900, max: 2200 });
const be = beCalendar();
const nl = nlCalendar();

describe("the statutory holiday lists", () => {
  test.prop([year])("Easter is a Sunday between 22 March and 25 April", (y) => {
    const easter = easterSunday(y);
    expect(easter.dayOfWeek).toBe(7);
    expect(easter.toString() >= `${y}-03-22` && easter.toString() <= `${y}-04-25`).toBe(true);
  });

  test.prop([year])("Belgium has its ten legal holidays every year", (y) => {
    expect(be.holidaysOf(y)).toHaveLength(10);
    const dates = be.holidaysOf(y).map((h) => h.date.toString().slice(5));
    for (const fixed of ["01-01", "05-01", "07-21", "08-15", "11-01", "11-11", "12-25"]) {
      expect(dates).toContain(fixed);
    }
  });

  test.prop([year])("2 November and 26 December are never Belgian holidays", (y) => {
    const dates = be.holidaysOf(y).map((h) => h.date.toString().slice(5));
    expect(dates).not.toContain("11-02");
    expect(dates).not.toContain("12-26");
  });

  test.prop([fc.integer({ min: 2014, max: 2200 })])(
    "King's Day is 27 April, or 26 April when the 27th is a Sunday, never a Sunday",
    (y) => {
      const kingsDay = nl.holidaysOf(y).find((h) => h.names.en === "King's Day");
      const april27 = `${y}-04-27`;
      const expected = new Date(`${april27}T12:00:00Z`).getUTCDay() === 0 ? `${y}-04-26` : april27;
      expect(kingsDay?.date.toString()).toBe(expected);
      expect(kingsDay?.date.dayOfWeek).not.toBe(7);
    },
  );

  test.prop([year])(
    "Good Friday and 5 May count as Dutch holidays every year, and neither as Belgian",
    (y) => {
      const goodFriday = easterSunday(y).subtract({ days: 2 });
      const fifthOfMay = goodFriday.with({ month: 5, day: 5 });
      expect(nl.holidaysOn(goodFriday).length).toBeGreaterThan(0);
      expect(nl.holidaysOn(fifthOfMay).length).toBeGreaterThan(0);
      expect(be.holidaysOn(goodFriday)).toHaveLength(0);
    },
  );

  test.prop([year])("every holiday of a year lies in that year, in date order", (y) => {
    for (const calendar of [be, nl]) {
      const list = calendar.holidaysOf(y);
      expect(list.every((h) => h.date.year === y)).toBe(true);
      const sorted = [...list].sort((a, b) => a.date.toString().localeCompare(b.date.toString()));
      expect(list).toEqual(sorted);
    }
  });
});
