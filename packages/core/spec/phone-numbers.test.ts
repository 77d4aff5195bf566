import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { IncassoError, isMobileNumber, parsePhoneNumber, toE164 } from "../src/index.js";

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length });

/** A Belgian or Dutch number as its country and national significant number (without the 0). */
const nationalNumber = fc.oneof(
  fc
    .tuple(fc.constant("BE" as const), fc.constantFrom("45", "46", "47", "48", "49"), digits(7))
    .map(([country, prefix, rest]) => ({ country, nsn: prefix + rest, mobile: true })),
  fc
    .tuple(
      fc.constant("BE" as const),
      fc.constantFrom("2", "3", "9", "4", "50", "71", "81", "89"),
      digits(8),
    )
    .map(([country, prefix, rest]) => ({
      country,
      nsn: (prefix + rest).slice(0, 8),
      mobile: false,
    })),
  fc
    .tuple(
      fc.constant("NL" as const),
      fc.constantFrom("61", "62", "63", "64", "65", "68"),
      digits(7),
    )
    .map(([country, prefix, rest]) => ({ country, nsn: prefix + rest, mobile: true })),
  fc
    .tuple(
      fc.constant("NL" as const),
      fc.constantFrom("10", "20", "30", "43", "58", "70", "79"),
      digits(7),
    )
    .map(([country, prefix, rest]) => ({ country, nsn: prefix + rest, mobile: false })),
);

const CODES = { BE: "32", NL: "31" } as const;
const separator = fc.constantFrom("", " ", "-", ".", "/");

/** The number written as people write it: national, +CC, 00CC or +CC (0), with separators. */
const written = nationalNumber.chain((number) =>
  fc
    .tuple(
      fc.constantFrom("national", "plus", "double-zero", "plus-bracket"),
      fc.array(separator, { minLength: 12, maxLength: 12 }),
    )
    .map(([form, seps]) => {
      const body = [...number.nsn].map((d, i) => d + (seps[i] ?? "")).join("");
      const code = CODES[number.country];
      const text =
        form === "national"
          ? `0${body}`
          : form === "plus"
            ? `+${code} ${body}`
            : form === "double-zero"
              ? `00${code} ${body}`
              : `+${code} (0)${body}`;
      return { ...number, text };
    }),
);

describe("telephone numbers (E.164)", () => {
  test.prop([written])(
    "a number written nationally, with +, with 00 or with (0), with any separators, has one E.164 form",
    (number) => {
      expect(toE164(number.text, { defaultCountry: number.country })).toBe(
        `+${CODES[number.country]}${number.nsn}`,
      );
    },
  );

  test.prop([written, fc.constantFrom("BE" as const, "NL" as const)])(
    "the E.164 form reads back as itself, whatever country is the default",
    (number, defaultCountry) => {
      const e164 = toE164(number.text, { defaultCountry: number.country });
      expect(toE164(e164, { defaultCountry })).toBe(e164);
    },
  );

  test.prop([written])("a mobile number is a mobile, a landline never is", (number) => {
    expect(isMobileNumber(number.text, { defaultCountry: number.country })).toBe(number.mobile);
  });

  test.prop([written])(
    "an E.164 number is + and at most 15 digits, without the trunk 0",
    (number) => {
      const e164 = toE164(number.text, { defaultCountry: number.country });
      expect(e164).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(e164.startsWith(`+${CODES[number.country]}0`)).toBe(false);
    },
  );

  test.prop([nationalNumber, fc.integer({ min: 1, max: 3 }), fc.boolean()])(
    "a number with digits missing or added is refused, or read as another kind, never as the same number",
    (number, count, add) => {
      const nsn = add ? number.nsn + "5".repeat(count) : number.nsn.slice(0, -count);
      const text = `+${CODES[number.country]}${nsn}`;
      try {
        const read = parsePhoneNumber(text, { defaultCountry: number.country });
        expect(read.e164).not.toBe(`+${CODES[number.country]}${number.nsn}`);
        if (number.mobile) expect(read.kind).not.toBe("mobile");
      } catch (error) {
        expect(error).toBeInstanceOf(IncassoError);
        expect((error as IncassoError).issues[0]?.path).toBe("phoneNumber");
      }
    },
  );

  test.prop([fc.string().filter((s) => /[a-zA-Z]/.test(s))])(
    "a text with letters is refused with INVALID_INPUT naming the field",
    (text) => {
      expect(() => toE164(text, { defaultCountry: "BE", field: "contacts.0.value" })).toThrow(
        expect.objectContaining({
          code: "INVALID_INPUT",
          issues: [expect.objectContaining({ path: "contacts.0.value" })],
        }),
      );
    },
  );
});
