// Every finding code is told in every language, and no catalogue tells a code that does not exist.
// The list of codes comes from FINDING_SEVERITY, whose mapped type names every code and no other,
// so a code added to FindingParams without a severity or a message fails the type check, and a
// catalogue that is not typed as FindingMessages (or is edited by hand into shape) fails here.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { FindingCode, FindingParams } from "./finding-code.js";
import { FINDING_CODES } from "./finding-code.js";
import { FINDING_CATALOGUES, findingMessage } from "./finding-messages.js";

/** Params for every code, each value distinct, so a message that drops one is caught. */
const SAMPLES: { readonly [C in FindingCode]: FindingParams[C] } = {
  B2B_COMPENSATION_WITH_CLAUSE: {},
  NO_FORMAL_NOTICE: {},
  ANATOCISM_TOO_EARLY: {},
  NO_FIRST_REMINDER: {},
  FIRST_REMINDER_NOT_FREE: {},
  BOOK19_NOT_IN_FORCE: {},
  CHARGE_IN_WAITING_PERIOD: { chargeId: "K-17" },
  INTEREST_ABOVE_CAP: { rate: "12.5", policy: "legal-interest-only" },
  REMINDER_FEE_IN_WAITING_PERIOD: {},
  RECURRING_FREE_REMINDER: {},
  REMINDER_FEE_ABOVE_CAP: { fee: "12.00" },
  DAMAGES_ABOVE_CAP: { agreed: "431.20", cap: "139.06", policy: "nothing" },
  COST_BESIDES_BIK: { chargeId: "K-23" },
  NO_14_DAY_LETTER: {},
  LETTER_BEFORE_DEFAULT: { sent: "2024-03-01" },
  LETTER_TERM_TOO_SHORT: { stated: "2024-03-12", termExpiry: "2024-03-19" },
  LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS: { sent: "2024-04-02", claims: "F-2, F-3" },
};

const LANGUAGES = Object.keys(FINDING_CATALOGUES) as (keyof typeof FINDING_CATALOGUES)[];

describe("every finding is told in every language", () => {
  it("knows the three languages and seventeen codes", () => {
    expect([...LANGUAGES].sort()).toEqual(["en", "fr", "nl"]);
    expect(new Set(FINDING_CODES).size).toBe(FINDING_CODES.length);
    expect(FINDING_CODES).toHaveLength(17);
    expectTypeOf<Exclude<keyof FindingParams, FindingCode>>().toEqualTypeOf<never>();
  });

  it.each(LANGUAGES)("the %s catalogue has a message for every code and no other", (language) => {
    const catalogue = FINDING_CATALOGUES[language];
    expect(Object.keys(catalogue).sort()).toEqual([...FINDING_CODES].sort());
    for (const code of FINDING_CODES) expect(typeof catalogue[code]).toBe("function");
  });

  it.each(FINDING_CODES)("%s renders in every language with its params", (code) => {
    const params = SAMPLES[code];
    const message = findingMessage(code, params as never);
    expect(Object.keys(message)).toEqual(["en", "nl", "fr"]);
    for (const language of LANGUAGES) {
      const text = message[language];
      expect(text.trim().length, `${code} in ${language}`).toBeGreaterThan(10);
      expect(text, `${code} in ${language}`).not.toMatch(
        /undefined|null|NaN|\[object Object\]|\$\{/,
      );
      for (const value of Object.values(params) as string[])
        expect(text, `${code} in ${language} shows ${value}`).toContain(value);
    }
  });

  it("each language has its own text", () => {
    for (const code of FINDING_CODES) {
      const message = findingMessage(code, SAMPLES[code] as never);
      expect(new Set([message.en, message.nl, message.fr]).size, code).toBe(3);
    }
  });
});
