import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  addBusinessDays,
  beCalendar,
  countBusinessDays,
  judicialCodeDeadline,
  judicialCodeDeadlineAfterPosting,
  nlCalendar,
  termijnenwetDeadline,
} from "../src/index.js";
import { anyDate } from "./arbitraries.js";

const period = fc.integer({ min: 1, max: 120 });
const be = beCalendar();
const nl = nlCalendar();

describe("Belgian Judicial Code art. 52, 53 and 53bis", () => {
  test.prop([anyDate, period])(
    "the period runs from the day after the act and expires on a working day, never before act + days",
    (act, days) => {
      const deadline = judicialCodeDeadline(be, act, days);
      expect(deadline.start.equals(act.add({ days: 1 }))).toBe(true);
      expect(deadline.nominalExpiry.equals(act.add({ days }))).toBe(true);
      expect(be.isBusinessDay(deadline.expiry)).toBe(true);
      expect(deadline.nominalExpiry.until(deadline.expiry).days).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([anyDate, period])(
    "an expiry on a Saturday, Sunday or legal holiday moves to the next working day, no further",
    (act, days) => {
      const deadline = judicialCodeDeadline(be, act, days);
      const daysMoved = deadline.nominalExpiry.until(deadline.expiry).days;
      expect(deadline.skipped).toHaveLength(daysMoved);
      for (const skipped of deadline.skipped) expect(be.isBusinessDay(skipped.date)).toBe(false);
    },
  );

  test.prop([anyDate, period])(
    "a period notified by letter runs from the third working day after posting",
    (posted, days) => {
      const deadline = judicialCodeDeadlineAfterPosting(be, posted, days);
      expect(countBusinessDays(be, posted, deadline.trigger)).toBe(3);
      expect(be.isBusinessDay(deadline.trigger)).toBe(true);
      expect(deadline.expiry.equals(judicialCodeDeadline(be, deadline.trigger, days).expiry)).toBe(
        true,
      );
    },
  );
});

describe("Dutch Algemene termijnenwet art. 1 and 2", () => {
  test.prop([anyDate, period])(
    "a period ending on a Saturday, Sunday or recognised holiday is extended to the next day that is none of these",
    (start, days) => {
      const deadline = termijnenwetDeadline(nl, start, days);
      expect(nl.isBusinessDay(deadline.expiry)).toBe(true);
      expect(deadline.nominalExpiry.until(deadline.expiry).days).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([anyDate, fc.integer({ min: 3, max: 120 })])(
    "a period of three days or more contains at least two days that are not a Saturday, Sunday or holiday",
    (start, days) => {
      const deadline = termijnenwetDeadline(nl, start, days);
      expect(countBusinessDays(nl, start, deadline.expiry)).toBeGreaterThanOrEqual(2);
    },
  );

  test.prop([anyDate, fc.integer({ min: 3, max: 120 })])(
    "the extension is the least that satisfies both articles",
    (start, days) => {
      const deadline = termijnenwetDeadline(nl, start, days);
      const art1 = judicialCodeDeadline(nl, start, days).expiry;
      const art2 = addBusinessDays(nl, start, 2);
      const latest = art1.until(art2).days > 0 ? art2 : art1;
      expect(deadline.expiry.equals(latest)).toBe(true);
    },
  );
});
