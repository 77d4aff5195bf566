import { describe, expect, it } from "vitest";
import {
  beCalendar,
  judicialCodeDeadline,
  judicialCodeDeadlineAfterPosting,
  nlCalendar,
  parseIsoDate,
  postalNotificationDate,
  statutoryDeadline,
  termijnenwetDeadline,
} from "../index.js";

const d = (text: string) => parseIsoDate(text);

describe("Judicial Code art. 52/53/53bis", () => {
  it("moves an expiry on the National Day to the next working day (vector be-art53-deadline-on-holiday)", () => {
    const deadline = judicialCodeDeadline(beCalendar(), d("2026-07-06"), 15);
    expect(deadline.start.toString()).toBe("2026-07-07");
    expect(deadline.nominalExpiry.toString()).toBe("2026-07-21");
    expect(deadline.expiry.toString()).toBe("2026-07-22");
    expect(deadline.skipped.map((s) => s.holidays[0]?.names.fr)).toEqual(["Fête nationale"]);
    expect(deadline.rule).toBe("BE Judicial Code art. 52 and 53");
  });

  it("counts a letter as notified on the third working day after posting", () => {
    expect(postalNotificationDate(beCalendar(), d("2026-04-02")).toString()).toBe("2026-04-08");
    expect(postalNotificationDate(beCalendar(), d("2026-11-20")).toString()).toBe("2026-11-25");
    const deadline = judicialCodeDeadlineAfterPosting(beCalendar(), d("2026-04-02"), 15);
    expect(deadline.expiry.toString()).toBe("2026-04-23");
    expect(deadline.notes[0]).toMatch(/third working day/);
  });

  it("rejects a period of no days", () => {
    expect(() => judicialCodeDeadline(beCalendar(), d("2026-07-06"), 0)).toThrow(
      /days: expected a period of 1 day or more/,
    );
  });
});

describe("Algemene termijnenwet", () => {
  it("extends a 3-day period ending on Saturday to Monday (art. 1)", () => {
    expect(termijnenwetDeadline(nlCalendar(), d("2026-06-04"), 3).expiry.toString()).toBe(
      "2026-06-08",
    );
  });

  it("extends to Tuesday when that Monday is Easter Monday, and further by art. 2 after Good Friday", () => {
    // Thursday 2 April 2026 + 3 days = Sunday; Monday is Easter Monday; Good Friday counts as a holiday,
    // so only Tuesday would be a working day inside the period: art. 2 asks for two, hence Wednesday.
    const deadline = termijnenwetDeadline(nlCalendar(), d("2026-04-02"), 3);
    expect(deadline.expiry.toString()).toBe("2026-04-08");
    expect(deadline.rule).toBe("NL Algemene termijnenwet art. 1 and 2");
  });

  it("runs the 14-day letter term over King's Day and a decree day", () => {
    // Received Wednesday 29 April 2026: day 14 is Wednesday 13 May, no extension needed.
    expect(termijnenwetDeadline(nlCalendar(), d("2026-04-29"), 14).expiry.toString()).toBe(
      "2026-05-13",
    );
    // Received 30 April 2026: day 14 is Ascension (14 May), the 15th is a decree day, then the weekend.
    expect(termijnenwetDeadline(nlCalendar(), d("2026-04-30"), 14).expiry.toString()).toBe(
      "2026-05-18",
    );
  });

  it("warns past the known decree days and applies the long-period exclusion only when asked", () => {
    expect(termijnenwetDeadline(nlCalendar(), d("2029-03-01"), 14).notes.join()).toMatch(
      /through 2028/,
    );
    const long = termijnenwetDeadline(nlCalendar(), d("2026-01-03"), 120, { longPeriodLimit: 90 });
    expect(long.expiry.toString()).toBe("2026-05-03");
    expect(termijnenwetDeadline(nlCalendar(), d("2026-01-03"), 120).expiry.toString()).toBe(
      "2026-05-04",
    );
    expect(termijnenwetDeadline(nlCalendar(), d("2026-01-01"), 120).notes.join()).toMatch(
      /art\. 4/,
    );
  });

  it("is the deadline rule of the nl calendar", () => {
    expect(statutoryDeadline(nlCalendar(), d("2026-04-02"), 3).expiry.toString()).toBe(
      "2026-04-08",
    );
    expect(statutoryDeadline(beCalendar(), d("2026-04-02"), 3).expiry.toString()).toBe(
      "2026-04-07",
    );
  });
});
