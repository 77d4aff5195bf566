import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  beCalendar,
  createCalendar,
  easterSunday,
  IncassoError,
  nlCalendar,
  parseIsoDate,
  shiftDate,
  withRules,
} from "../index.js";

const d = (text: string) => parseIsoDate(text);
const datesOf = (list: readonly { date: { toString(): string } }[]) =>
  list.map((h) => h.date.toString());

describe("the Belgian calendar (law of 4 January 1974)", () => {
  it("lists the ten legal holidays of 2026", () => {
    expect(datesOf(beCalendar().holidaysOf(2026))).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-07-21",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });

  it("names every holiday in nl, fr and en with its source", () => {
    const [armistice] = beCalendar().holidaysOn(d("2026-11-11"));
    expect(armistice?.names).toEqual({
      nl: "Wapenstilstand",
      fr: "Armistice",
      en: "Armistice Day",
    });
    expect(armistice?.source).toMatch(/4 January 1974/);
  });

  it("treats Good Friday, 2 November and 26 December as working days", () => {
    const be = beCalendar();
    expect(be.isBusinessDay(d("2026-04-03"))).toBe(true);
    expect(be.isBusinessDay(d("2026-11-02"))).toBe(true);
    expect(be.isBusinessDay(d("2025-12-26"))).toBe(true);
  });
});

describe("the Dutch calendar (Algemene termijnenwet)", () => {
  it.each([
    [2025, "2025-04-20", "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09", "2025-04-26"],
    [2026, "2026-04-05", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25", "2026-04-27"],
    [2027, "2027-03-28", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17", "2027-04-27"],
    [2028, "2028-04-16", "2028-04-14", "2028-04-17", "2028-05-25", "2028-06-05", "2028-04-27"],
  ])(
    "%i: Easter %s, Good Friday %s, Easter Monday %s, Ascension %s, Whit Monday %s, King's Day %s",
    (year, easter, goodFriday, easterMonday, ascension, whitMonday, kingsDay) => {
      expect(easterSunday(year).toString()).toBe(easter);
      const dates = datesOf(nlCalendar().holidaysOf(year));
      for (const day of [goodFriday, easterMonday, ascension, whitMonday, kingsDay])
        expect(dates).toContain(day);
    },
  );

  it("knows the days made equal to holidays by decree, 2023 to 2028", () => {
    const nl = nlCalendar();
    for (const day of [
      "2023-04-28",
      "2023-05-19",
      "2024-05-10",
      "2024-12-27",
      "2025-05-30",
      "2026-01-02",
      "2026-05-15",
      "2027-05-07",
      "2028-04-28",
      "2028-05-26",
    ]) {
      expect(nl.isBusinessDay(d(day))).toBe(false);
      expect(nl.holidaysOn(d(day))[0]?.kind).toBe("assimilated");
    }
    expect(beCalendar().isBusinessDay(d("2026-01-02"))).toBe(true);
  });

  it("has Queen's Day on 30 April before 2014, on the 29th when the 30th was a Sunday", () => {
    expect(nlCalendar().isBusinessDay(d("2013-04-30"))).toBe(false);
    expect(nlCalendar().holidaysOn(d("2006-04-29"))[0]?.names.nl).toBe("Koninginnedag");
    expect(nlCalendar().isBusinessDay(d("2013-04-26"))).toBe(true);
  });
});

describe("calendar operations", () => {
  it("shifts by the ISDA conventions (vector be-modified-following-month-end)", () => {
    const be = beCalendar();
    expect(shiftDate(be, d("2026-05-31"), "modified-following").toString()).toBe("2026-05-29");
    expect(shiftDate(be, d("2026-05-31"), "following").toString()).toBe("2026-06-01");
    expect(shiftDate(be, d("2026-08-01"), "modified-preceding").toString()).toBe("2026-08-03");
    expect(shiftDate(be, d("2026-08-01"), "preceding").toString()).toBe("2026-07-31");
  });

  it("adds business days over weekends and holidays, backwards too", () => {
    const be = beCalendar();
    expect(addBusinessDays(be, d("2026-04-03"), 1).toString()).toBe("2026-04-07");
    expect(addBusinessDays(be, d("2026-04-07"), -1).toString()).toBe("2026-04-03");
    expect(addBusinessDays(be, d("2026-04-04"), 0).toString()).toBe("2026-04-04");
  });

  it("works at both ends of the supported years and refuses beyond them", () => {
    const nl = nlCalendar();
    expect(nl.holidaysOf(1900).length).toBeGreaterThan(0);
    expect(nl.holidaysOf(2200).length).toBeGreaterThan(0);
    expect(() => nl.isBusinessDay(d("2201-01-01"))).toThrow(IncassoError);
    expect(() => nl.holidaysOf(1899)).toThrow(/year: expected a whole year from 1900 to 2200/);
    expect(() => addBusinessDays(nl, d("2200-12-30"), 5)).toThrow(/DATE_OUT_OF_RANGE|1900-2200/);
  });
});

describe("host-defined calendars and closures", () => {
  const closure = {
    type: "range" as const,
    start: "2026-12-24",
    end: "2027-01-02",
    kind: "closure" as const,
    source: "Firm closure",
    names: { nl: "Kantoor gesloten", fr: "Bureau fermé", en: "Office closed" },
  };

  it("adds closures without changing the calendar it starts from", () => {
    const be = beCalendar();
    const firm = withRules(be, [closure], "be-firm");
    expect(firm.isBusinessDay(d("2026-12-28"))).toBe(false);
    expect(be.isBusinessDay(d("2026-12-28"))).toBe(true);
    expect(shiftDate(firm, d("2026-12-24"), "following").toString()).toBe("2027-01-04");
    expect(firm.holidaysOn(d("2026-12-25")).map((h) => h.kind)).toEqual(["statutory", "closure"]);
  });

  it("rejects a malformed definition, naming every wrong field", () => {
    const bad = {
      id: "x",
      names: { nl: "X", fr: "X", en: "" },
      weekend: [1, 2, 3, 4, 5, 6, 7],
      source: "test",
      deadlineRule: "following",
      rules: [
        { type: "fixed", month: 2, day: 30, source: "s", names: { nl: "a", fr: "b", en: "c" } },
      ],
    };
    try {
      createCalendar(bad as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IncassoError);
      const paths = (error as IncassoError).issues.map((issue) => issue.path);
      expect(paths).toEqual(
        expect.arrayContaining(["calendar.names.en", "calendar.weekend", "calendar.rules.0.day"]),
      );
    }
  });

  it("supports a four-day week", () => {
    const fourDays = createCalendar({ ...beCalendar().definition, id: "four", weekend: [5, 6, 7] });
    expect(addBusinessDays(fourDays, d("2026-06-04"), 1).toString()).toBe("2026-06-08");
  });
});
