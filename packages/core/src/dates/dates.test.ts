import { describe, expect, it } from "vitest";
import {
  addMonths,
  addYears,
  daysBetween,
  daysInYearOf,
  eachDay,
  isIsoDate,
  parseIsoDate,
} from "../index.js";

describe("ISO dates", () => {
  it("reads strict YYYY-MM-DD dates", () => {
    expect(parseIsoDate("2024-02-29").toString()).toBe("2024-02-29");
  });

  it.each([
    ["2026-02-30"],
    ["2023-02-29"],
    ["2026-13-01"],
    ["26-01-01"],
    ["2026-1-1"],
    ["2026-01-01T00:00"],
    ["20260101"],
    [""],
  ])("rejects %j with the field name", (text) => {
    expect(() => parseIsoDate(text, "claims.0.dueDate")).toThrow(
      /^claims\.0\.dueDate: expected a (date written YYYY-MM-DD|day that exists)/,
    );
    expect(isIsoDate(text)).toBe(false);
  });

  it("does the day arithmetic interest needs", () => {
    expect(daysBetween(parseIsoDate("2024-01-01"), parseIsoDate("2025-01-01"))).toBe(366);
    expect(daysInYearOf(parseIsoDate("2100-06-01"))).toBe(365);
    expect(addYears(parseIsoDate("2024-02-29"), 1).toString()).toBe("2025-02-28");
    expect(addMonths(parseIsoDate("2026-01-31"), 1).toString()).toBe("2026-02-28");
    expect(
      [...eachDay(parseIsoDate("2024-02-28"), parseIsoDate("2024-03-01"))].map(String),
    ).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
  });
});
