import type { CaseEventJson, RulePackId } from "@incasso/core";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";

const FIRST = Temporal.PlainDate.from("2023-09-01");
const day = (offset: number) => FIRST.add({ days: offset }).toString();
const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));
const recorded = "2025-01-01T00:00:00Z";

/**
 * The date the arbitrary cases are computed as of: every built-in rate table is trusted through
 * this day, so a statement of an arbitrary case as of it never lacks a rate.
 *
 * @example
 * ```ts
 * import { ARBITRARY_CASES_AS_OF } from "@incasso/testkit";
 * ARBITRARY_CASES_AS_OF; // "2025-06-30"
 * ```
 */
export const ARBITRARY_CASES_AS_OF = "2025-06-30";

/**
 * A fast-check arbitrary of a case told as events, valid for the core: `case.opened` (client `C1`,
 * debtor `D1`, a consumer for the consumer packs, optional contract interest and penalty), one to
 * three claims, and optional reminders, a formal notice, a 14-day letter, payments and charges,
 * with dates from September 2023 to mid-2025, for any of the given rule packs (default: all five).
 *
 * @param packs - the rule packs the case may be opened under
 * @example
 * ```ts
 * import { arbitraryCaseEvents } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.assert(fc.property(arbitraryCaseEvents(["be.b2b"]), (events) => events[0]?.type === "case.opened"));
 * ```
 */
export const arbitraryCaseEvents = (
  packs: readonly RulePackId[] = ["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"],
): fc.Arbitrary<CaseEventJson[]> =>
  fc
    .record({
      pack: fc.constantFrom(...packs),
      claims: fc.array(
        fc.record({ due: fc.integer({ min: 0, max: 300 }), amount: cents(100, 2_000_000) }),
        { minLength: 1, maxLength: 3 },
      ),
      payments: fc.array(
        fc.record({ at: fc.integer({ min: 0, max: 640 }), amount: cents(100, 500_000) }),
        { maxLength: 3 },
      ),
      reminders: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 640 }),
          channel: fc.constantFrom("post" as const, "email" as const),
          cost: fc.option(cents(0, 1500), { nil: undefined }),
        }),
        { maxLength: 3 },
      ),
      firstReminder: fc.option(
        fc.record({
          at: fc.integer({ min: 0, max: 400 }),
          channel: fc.constantFrom("post" as const, "email" as const),
        }),
        { nil: undefined },
      ),
      notice: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      letter: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      charges: fc.array(
        fc.record({ at: fc.integer({ min: 0, max: 640 }), amount: cents(100, 20000) }),
        { maxLength: 2 },
      ),
      interest: fc.option(fc.constantFrom("8", "12", "15"), { nil: undefined }),
      penalty: fc.option(
        fc.constantFrom(
          { kind: "percent" as const, percent: "10", min: "50.00" },
          { kind: "fixed" as const, amount: "75.00" },
        ),
        { nil: undefined },
      ),
    })
    .map((c) => {
      const events: CaseEventJson[] = [
        {
          id: "open",
          type: "case.opened",
          at: day(0),
          recordedAt: recorded,
          by: "gen",
          caseNumber: "G-1",
          client: { id: "C1", name: "Client" },
          debtors: [
            {
              id: "D1",
              kind: "natural-person",
              name: "Debtor",
              language: "nl",
              consumer: c.pack.endsWith("consumer"),
            },
          ],
          owner: "owner",
          lawyer: "lawyer",
          rulePack: c.pack,
          terms: {
            ...(c.interest ? { interest: { rate: { fixed: c.interest } } } : {}),
            ...(c.penalty ? { penalty: c.penalty } : {}),
          },
        },
      ];
      c.claims.forEach((claim, index) => {
        events.push({
          id: `claim${index}`,
          type: "claim.added",
          at: day(0),
          recordedAt: recorded,
          by: "gen",
          claim: {
            id: `F${index}`,
            invoiceNumber: `I${index}`,
            invoiceDate: day(claim.due),
            dueDate: day(claim.due),
            amount: claim.amount,
          },
        });
      });
      if (c.firstReminder) {
        events.push({
          id: "first",
          type: "reminder.sent",
          at: day(c.firstReminder.at),
          recordedAt: recorded,
          by: "gen",
          channel: c.firstReminder.channel,
          first: true,
        });
      }
      c.reminders.forEach((reminder, index) => {
        events.push({
          id: `reminder${index}`,
          type: "reminder.sent",
          at: day(reminder.at),
          recordedAt: recorded,
          by: "gen",
          channel: reminder.channel,
          ...(reminder.cost ? { cost: reminder.cost } : {}),
        });
      });
      if (c.notice !== undefined)
        events.push({
          id: "notice",
          type: "notice.sent",
          at: day(c.notice),
          recordedAt: recorded,
          by: "gen",
          channel: "registered-post",
        });
      if (c.letter !== undefined)
        events.push({
          id: "letter",
          type: "letter14.sent",
          at: day(c.letter),
          recordedAt: recorded,
          by: "gen",
          channel: "post",
        });
      c.payments.forEach((payment, index) => {
        events.push({
          id: `pay${index}`,
          type: "payment.received",
          at: day(payment.at),
          recordedAt: recorded,
          by: "gen",
          paymentId: `P${index}`,
          amount: payment.amount,
        });
      });
      c.charges.forEach((charge, index) => {
        events.push({
          id: `charge${index}`,
          type: "charge.added",
          at: day(charge.at),
          recordedAt: recorded,
          by: "gen",
          chargeId: `K${index}`,
          kind: "cost",
          amount: charge.amount,
          description: "fee",
        });
      });
      return events;
    });

/**
 * A fast-check arbitrary of a day between two ISO dates, both included.
 *
 * @example
 * ```ts
 * import { arbitraryDayBetween } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.sample(arbitraryDayBetween("2025-01-01", "2025-01-31"), 1)[0]?.month; // 1
 * ```
 */
export const arbitraryDayBetween = (from: string, to: string): fc.Arbitrary<Temporal.PlainDate> =>
  fc
    .integer({ min: 0, max: Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days })
    .map((n) => Temporal.PlainDate.from(from).add({ days: n }));
