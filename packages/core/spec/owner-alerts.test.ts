import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { OwnerMailbox, UndeliveredMessage } from "../src/index.js";
import { ownerAlerts, parseIsoDate, parseOutboxPayload } from "../src/index.js";

const OWNERS = ["an.peeters", "Luc Dubois", "marie", "x/y"];
const item: fc.Arbitrary<UndeliveredMessage> = fc.record({
  owner: fc.option(fc.constantFrom(...OWNERS), { nil: null }),
  caseId: fc.constantFrom("C1", "C2", "C3"),
  caseNumber: fc.constantFrom("2026/1", "2026/2", "2026/3"),
  outboxKey: fc.stringMatching(/^k[0-9]{1,3}$/),
  kind: fc.constantFrom("send-email", "send-sms", "send-letter-email"),
  state: fc.constantFrom("failed" as const, "postponed" as const),
  attempts: fc.integer({ min: 1, max: 9 }),
  reason: fc.constantFrom("550 5.1.1 user unknown", "no current contact", "quiet hours"),
});
const directory = fc
  .subarray(OWNERS)
  .chain((known) =>
    fc.tuple(
      fc.constant(known),
      fc.array(fc.constantFrom<OwnerMailbox["language"]>("nl", "fr", "en"), {
        minLength: known.length,
        maxLength: known.length,
      }),
    ),
  )
  .map(([known, languages]) =>
    Object.fromEntries(
      known.map((owner, index) => [
        owner,
        { address: `${owner.replace(/\W/g, "")}@firm.example`, language: languages[index] },
      ]),
    ),
  ) as fc.Arbitrary<Record<string, OwnerMailbox>>;

describe("owner alerts", () => {
  test.prop([
    fc.uniqueArray(item, { maxLength: 30, selector: (u) => u.outboxKey }),
    directory,
    fc.boolean(),
  ])(
    "one alert per known owner per day under its own key, and no undelivered message is dropped: each is in its owner's alert, with an unknown owner, or without an owner",
    (undelivered, owners, withFallback) => {
      const alerts = ownerAlerts({
        date: parseIsoDate("2026-03-02"),
        undelivered,
        owners,
        ...(withFallback ? { fallback: { address: "office@firm.example", language: "en" } } : {}),
      });
      const keys = alerts.messages.map((message) => message.key);
      expect(new Set(keys).size).toBe(keys.length);
      const distinct = new Map(undelivered.map((u) => [u.outboxKey, u]));
      const withOwner = [...distinct.values()].filter((u) => u.owner !== null);
      for (const message of alerts.messages) {
        expect(parseOutboxPayload(message.kind, message.payload).kind).toBe("send-email");
        for (const owner of message.payload.owners) {
          if (owners[owner] !== undefined) expect(message.payload.to).toBe(owners[owner]?.address);
        }
      }
      // Every key with an owner appears exactly once across the alerts and the unknown owners.
      const reported = alerts.messages.reduce(
        (sum, m) => sum + m.payload.failed + m.payload.postponed,
        0,
      );
      const unknownCount = alerts.unknownOwners.reduce((sum, o) => sum + o.items, 0);
      const inKnown = withOwner.filter((u) => owners[u.owner as string] !== undefined).length;
      expect(reported).toBe(inKnown + (withFallback ? unknownCount : 0));
      expect(unknownCount).toBe(withOwner.length - inKnown);
      expect(alerts.withoutOwner.length).toBe(distinct.size - withOwner.length);
      for (const u of withOwner) {
        const text = alerts.messages.map((m) => m.payload.text).join("\n");
        if (owners[u.owner as string] !== undefined || withFallback)
          expect(text).toContain(`[${u.outboxKey}]`);
      }
      // Known owners with something to report get exactly one alert each.
      const known = new Set(withOwner.map((u) => u.owner).filter((o) => owners[o as string]));
      expect(
        alerts.messages.filter(
          (m) => m.payload.owners.length === 1 && known.has(m.payload.owners[0] as string),
        ).length,
      ).toBe(known.size);
    },
  );

  test.prop([fc.uniqueArray(item, { maxLength: 20, selector: (u) => u.outboxKey }), directory])(
    "the alerts of a day are the same however often and in whatever order they are composed",
    (undelivered, owners) => {
      const date = parseIsoDate("2026-03-02");
      const once = ownerAlerts({ date, undelivered, owners });
      const dedupedReversed = ownerAlerts({
        date,
        undelivered: [...undelivered].reverse(),
        owners,
      });
      expect(dedupedReversed.messages.map((m) => m.key)).toEqual(once.messages.map((m) => m.key));
      expect(ownerAlerts({ date, undelivered, owners })).toEqual(once);
    },
  );
});
