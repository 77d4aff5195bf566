import { describe, expect, it } from "vitest";
import { IncassoError } from "../errors/incasso-error.js";
import { isMobileNumber, parsePhoneNumber, toE164 } from "./phone-number.js";

const BE = { defaultCountry: "BE" } as const;
const NL = { defaultCountry: "NL" } as const;

describe("toE164: Belgian forms", () => {
  it.each([
    ["0470 12 34 56", "+32470123456"],
    ["0470/12.34.56", "+32470123456"],
    ["+32 470 12 34 56", "+32470123456"],
    ["+32 (0)470 12 34 56", "+32470123456"],
    ["0032 470 12 34 56", "+32470123456"],
    ["+32 0470 12 34 56", "+32470123456"],
    ["0456 78 90 12", "+32456789012"],
    ["02 226 88 88", "+3222268888"],
    ["02/226.88.88", "+3222268888"],
    ["+32 2 226 88 88", "+3222268888"],
    ["09 123 45 67", "+3291234567"],
    ["071 12 34 56", "+3271123456"],
    ["04 123 45 67", "+3241234567"],
    ["0800 123 45", "+3280012345"],
  ])("%s is %s", (input, e164) => {
    expect(toE164(input, BE)).toBe(e164);
  });

  it("tells mobiles from landlines: 04 with 8 digits is Liège, 04xx with 8 more is a mobile", () => {
    expect(parsePhoneNumber("04 123 45 67", BE).kind).toBe("landline");
    expect(parsePhoneNumber("0471 23 45 67", BE).kind).toBe("mobile");
    expect(parsePhoneNumber("078 15 15 15", BE).kind).toBe("non-geographic");
    expect(parsePhoneNumber("0800 123 45", BE).kind).toBe("non-geographic");
  });

  it("reads a mobile number missing a digit as the Liège landline it then is (so no SMS goes to it)", () => {
    expect(parsePhoneNumber("0470 12 34 5", BE)).toMatchObject({
      e164: "+3247012345",
      kind: "landline",
    });
  });
});

describe("toE164: Dutch forms", () => {
  it.each([
    ["06-12345678", "+31612345678"],
    ["06 1234 5678", "+31612345678"],
    ["0031 6 1234 5678", "+31612345678"],
    ["+31 (0)6 12345678", "+31612345678"],
    ["+31612345678", "+31612345678"],
    ["020-1234567", "+31201234567"],
    ["010 123 4567", "+31101234567"],
    ["0800-1234", "+318001234"],
    ["0900 1234567", "+319001234567"],
  ])("%s is %s", (input, e164) => {
    expect(toE164(input, NL)).toBe(e164);
  });

  it("reads international numbers of either country whatever the default", () => {
    expect(toE164("0031 6 1234 5678", BE)).toBe("+31612345678");
    expect(toE164("+32 470 12 34 56", NL)).toBe("+32470123456");
  });

  it("classifies 06 as mobile and 020 as landline", () => {
    expect(parsePhoneNumber("06-12345678", NL)).toEqual({
      e164: "+31612345678",
      country: "NL",
      kind: "mobile",
    });
    expect(parsePhoneNumber("020-1234567", NL).kind).toBe("landline");
    expect(parsePhoneNumber("088 123 4567", NL).kind).toBe("non-geographic");
    expect(parsePhoneNumber("068 123 4567", NL).kind).toBe("mobile");
    expect(parsePhoneNumber("066 123 4567", NL).kind).toBe("non-geographic");
  });
});

describe("other countries and refusals", () => {
  it("accepts another country's number in international form, kind unknown", () => {
    expect(parsePhoneNumber("+33 6 12 34 56 78", BE)).toEqual({
      e164: "+33612345678",
      country: null,
      kind: "unknown",
    });
  });

  it.each([
    ["0470 12 34", "too short for any Belgian number"],
    ["0470 12 34 567", "too long"],
    ["06-1234567", "too short for a Dutch mobile"],
    ["470123456", "no trunk prefix or country code"],
    ["0470 12 34 56 ext 3", "letters"],
    ["", "empty"],
    ["+", "nothing after +"],
    ["+1234", "too short for E.164"],
    ["+1234567890123456", "longer than 15 digits"],
  ])("refuses %j (%s) with INVALID_INPUT naming the field", (input) => {
    const options = { ...(input.startsWith("06") ? NL : BE), field: "debtor.phone" };
    let error: unknown;
    try {
      toE164(input, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as IncassoError).code).toBe("INVALID_INPUT");
    expect((error as IncassoError).issues[0]?.path).toBe("debtor.phone");
  });

  it("reads a Dutch 06 number dialled as Belgian national form as invalid, not as something else", () => {
    expect(() => toE164("06 12345678", BE)).toThrow(/Belgian/);
  });
});

describe("isMobileNumber", () => {
  it("is true for Belgian and Dutch mobiles only", () => {
    expect(isMobileNumber("+32470123456")).toBe(true);
    expect(isMobileNumber("+31612345678")).toBe(true);
    expect(isMobileNumber("+3222268888")).toBe(false);
    expect(isMobileNumber("+31201234567")).toBe(false);
    expect(isMobileNumber("+33612345678")).toBe(false);
    expect(isMobileNumber("not a number")).toBe(false);
    expect(isMobileNumber("06-12345678", NL)).toBe(true);
  });
});
