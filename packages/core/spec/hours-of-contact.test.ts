import { fc, test } from "@fast-check/vitest";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { BusinessCalendar, ContactHoursPolicy, ContactSituation } from "../src/index.js";
import {
  beCalendar,
  contactHoursPolicy,
  DEFAULT_CONTACT_HOURS,
  IncassoError,
  nextLawfulMoment,
  nlCalendar,
} from "../src/index.js";
import { anyCalendar } from "./arbitraries.js";

// The rules stated again, independently of the implementation: read the wall clock of the zone
// with Intl-free Temporal arithmetic and count contacts in the rolling period by hand.
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function lawful(at: Temporal.Instant, situation: ContactSituation, policy: ContactHoursPolicy) {
  const local = at.toZonedDateTimeISO(situation.timeZone);
  if (local.dayOfWeek === 7 && !policy.sundays) return false;
  if (local.dayOfWeek === 6 && !policy.saturdays) return false;
  if (!policy.holidays && situation.calendar.holidaysOn(local.toPlainDate()).length > 0)
    return false;
  const now = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
  const from = minutes(policy.quietFrom);
  const until = minutes(policy.quietUntil);
  const quiet =
    from === until ? false : from > until ? now >= from || now < until : now >= from && now < until;
  if (quiet) return false;
  if (policy.cap === null) return true;
  const periodNs = BigInt(policy.cap.days) * 86_400_000_000_000n;
  const count = situation.recentContacts.filter(
    (c) =>
      c.epochNanoseconds <= at.epochNanoseconds &&
      c.epochNanoseconds > at.epochNanoseconds - periodNs,
  ).length;
  return count < policy.cap.contacts;
}

/**
 * Every instant where lawfulness can change from no to yes between two instants: local midnights,
 * the ends of quiet hours (and the ends of daylight-saving gaps), and cap releases. A lawful
 * instant in [now, at) would make one of these (or `now` itself) lawful.
 */
function openings(
  now: Temporal.Instant,
  at: Temporal.Instant,
  situation: ContactSituation,
  policy: ContactHoursPolicy,
): Temporal.Instant[] {
  const points: Temporal.Instant[] = [now];
  let day = now.toZonedDateTimeISO(situation.timeZone).toPlainDate();
  const last = at.toZonedDateTimeISO(situation.timeZone).toPlainDate();
  while (Temporal.PlainDate.compare(day, last) <= 0) {
    const midnight = day.toZonedDateTime({ timeZone: situation.timeZone });
    points.push(midnight.toInstant());
    const until = day.toPlainDateTime(Temporal.PlainTime.from(policy.quietUntil));
    points.push(
      until.toZonedDateTime(situation.timeZone, { disambiguation: "earlier" }).toInstant(),
    );
    points.push(until.toZonedDateTime(situation.timeZone, { disambiguation: "later" }).toInstant());
    const transition = midnight.getTimeZoneTransition("next");
    if (transition !== null) points.push(transition.toInstant());
    day = day.add({ days: 1 });
  }
  if (policy.cap !== null)
    for (const contact of situation.recentContacts)
      points.push(contact.add({ hours: policy.cap.days * 24 }));
  return points.filter(
    (p) => Temporal.Instant.compare(p, now) >= 0 && Temporal.Instant.compare(p, at) < 0,
  );
}

const zones = fc.constantFrom(
  "Europe/Brussels",
  "Europe/Amsterdam",
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
);
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const policies = fc
  .record({
    quietFrom: clock,
    quietUntil: clock,
    sundays: fc.boolean(),
    saturdays: fc.boolean(),
    holidays: fc.boolean(),
    cap: fc.option(
      fc.record({
        contacts: fc.integer({ min: 1, max: 4 }),
        days: fc.integer({ min: 1, max: 10 }),
      }),
      { nil: null },
    ),
  })
  .map((policy) => contactHoursPolicy(policy));
// Instants from 2026 to 2028 at any second, DST weekends included.
const START = Temporal.Instant.from("2026-01-01T00:00:00Z");
const instants = fc
  .integer({ min: 0, max: 3 * 365 * 86_400 })
  .map((seconds) => START.add({ seconds }));
const situations = fc
  .tuple(
    instants,
    zones,
    anyCalendar,
    fc.array(fc.integer({ min: 0, max: 12 * 86_400 }), { maxLength: 6 }),
  )
  .map(([now, timeZone, calendar, ago]) => ({
    now,
    situation: {
      timeZone,
      calendar,
      recentContacts: ago.map((seconds) => now.subtract({ seconds })),
    } satisfies ContactSituation,
  }));

describe("the hours an automatic message may reach a debtor", () => {
  test.prop([situations, policies])(
    "no moment inside quiet hours in the debtor's zone, on a Sunday or holiday, or beyond the cap is ever returned",
    ({ now, situation }, policy) => {
      const { at } = nextLawfulMoment(now, situation, policy);
      expect(Temporal.Instant.compare(at, now)).toBeGreaterThanOrEqual(0);
      expect(lawful(at, situation, policy)).toBe(true);
    },
  );

  test.prop([situations, policies])(
    "the returned moment is the earliest lawful one: every instant from now up to it is unlawful",
    ({ now, situation }, policy) => {
      const { at, reason } = nextLawfulMoment(now, situation, policy);
      for (const opening of openings(now, at, situation, policy))
        expect(lawful(opening, situation, policy), opening.toString()).toBe(false);
      if (Temporal.Instant.compare(at, now) > 0) {
        expect(lawful(at.subtract({ nanoseconds: 1 }), situation, policy)).toBe(false);
        expect(reason).not.toBeNull();
      } else expect(reason).toBeNull();
    },
  );

  test.prop([situations])(
    "a moment that is lawful is kept as it is, with no reason",
    ({ now, situation }) => {
      const policy = contactHoursPolicy({ cap: null });
      const first = nextLawfulMoment(now, situation, policy);
      expect(nextLawfulMoment(first.at, situation, policy)).toEqual({ at: first.at, reason: null });
    },
  );
});

describe("the hours around daylight-saving changes", () => {
  const be: BusinessCalendar = beCalendar();
  const nl: BusinessCalendar = nlCalendar();
  const at = (
    now: string,
    timeZone: string,
    calendar: BusinessCalendar,
    policy: Partial<ContactHoursPolicy> = {},
  ) =>
    nextLawfulMoment(
      Temporal.Instant.from(now),
      { timeZone, calendar, recentContacts: [] },
      contactHoursPolicy(policy),
    );

  it("Brussels, Saturday 28 March 2026 at 21:30: no Sunday, so Monday 07:00 summer time (05:00 UTC)", () => {
    const moment = at("2026-03-28T20:30:00Z", "Europe/Brussels", be);
    expect(moment.at.toString()).toBe("2026-03-30T05:00:00Z");
    expect(moment.reason).toBe("quiet hours 20:00-07:00 in Europe/Brussels");
  });

  it("Brussels with Sundays allowed: Sunday 29 March 07:00 is already summer time (05:00 UTC, not 06:00)", () => {
    expect(at("2026-03-28T20:30:00Z", "Europe/Brussels", be, { sundays: true }).at.toString()).toBe(
      "2026-03-29T05:00:00Z",
    );
  });

  it("Amsterdam with Sundays allowed: Sunday 25 October 2026 07:00 is winter time again (06:00 UTC)", () => {
    expect(
      at("2026-10-24T19:00:00Z", "Europe/Amsterdam", nl, { sundays: true }).at.toString(),
    ).toBe("2026-10-25T06:00:00Z");
  });

  it("Amsterdam, Saturday 24 October 2026 at 21:00: Monday 26 October 07:00 winter time (06:00 UTC)", () => {
    expect(at("2026-10-24T19:00:00Z", "Europe/Amsterdam", nl).at.toString()).toBe(
      "2026-10-26T06:00:00Z",
    );
  });

  it("Amsterdam, Saturday 28 March 2026 at 22:00: Monday 30 March 07:00 summer time (05:00 UTC)", () => {
    expect(at("2026-03-28T21:00:00Z", "Europe/Amsterdam", nl).at.toString()).toBe(
      "2026-03-30T05:00:00Z",
    );
  });

  it("Brussels with Sundays allowed, Saturday 24 October 2026 at 23:00: Sunday 25 October 07:00 winter time (06:00 UTC)", () => {
    expect(at("2026-10-24T21:00:00Z", "Europe/Brussels", be, { sundays: true }).at.toString()).toBe(
      "2026-10-25T06:00:00Z",
    );
  });

  it("a quiet hour ending at 02:30 in the skipped hour of 29 March ends with the gap, at 03:00 summer time", () => {
    const moment = at("2026-03-29T00:15:00Z", "Europe/Brussels", be, {
      quietFrom: "01:00",
      quietUntil: "02:30",
      sundays: true,
    });
    // 01:15 winter time is quiet; the clock jumps from 02:00 to 03:00 at 01:00 UTC.
    expect(moment.at.toString()).toBe("2026-03-29T01:00:00Z");
  });

  it("the repeated hour of 25 October is quiet both times (quiet 01:00-03:30): free at 03:30 winter time", () => {
    // 02:15 summer time (00:15 UTC), then 02:15 winter time (01:15 UTC) are both quiet.
    for (const now of ["2026-10-25T00:15:00Z", "2026-10-25T01:15:00Z"])
      expect(
        at(now, "Europe/Amsterdam", nl, {
          quietFrom: "01:00",
          quietUntil: "03:30",
          sundays: true,
        }).at.toString(),
      ).toBe("2026-10-25T02:30:00Z");
  });

  it("Christmas in Brussels is a holiday: Friday 25 December 2026 morning moves to Saturday 26 December 07:00", () => {
    const moment = at("2026-12-25T09:00:00Z", "Europe/Brussels", be);
    expect(moment.at.toString()).toBe("2026-12-26T06:00:00Z");
    expect(moment.reason).toMatch(/^no contact on Christmas/);
  });

  it("the cap releases when the oldest counted contact leaves the rolling period", () => {
    const contacts = ["2026-02-02T09:00:00Z", "2026-02-03T09:00:00Z", "2026-02-04T09:00:00Z"];
    const moment = nextLawfulMoment(
      Temporal.Instant.from("2026-02-05T09:00:00Z"),
      {
        timeZone: "Europe/Brussels",
        calendar: be,
        recentContacts: contacts.map((c) => Temporal.Instant.from(c)),
      },
      DEFAULT_CONTACT_HOURS,
    );
    expect(moment.at.toString()).toBe("2026-02-09T09:00:00Z");
    expect(moment.reason).toBe("cap of 3 contacts in 7 days reached");
  });

  it("refuses a policy with a wrong hour, naming the field", () => {
    expect(() => contactHoursPolicy({ quietFrom: "25:00" })).toThrow(IncassoError);
    try {
      contactHoursPolicy({ quietFrom: "8pm" });
    } catch (error) {
      expect((error as IncassoError).issues[0]?.path).toBe("policy.quietFrom");
    }
  });
});
