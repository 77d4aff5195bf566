import { describe, expect, it } from "vitest";
import { fitSms, isGsm7Text, smsSegments } from "./sms-segments.js";

describe("smsSegments: known cases", () => {
  it("the euro sign costs 2 septets in GSM-7", () => {
    expect(smsSegments("€")).toMatchObject({ encoding: "GSM-7", units: 2, characters: 1 });
    expect(smsSegments("Betaal € 120,00").units).toBe(16);
  });

  it("one emoji forces the whole text into UCS-2, and costs two UTF-16 units", () => {
    const text = `${"a".repeat(68)}👍`;
    expect(smsSegments(text)).toMatchObject({
      encoding: "UCS-2",
      units: 70,
      characters: 69,
      segments: 1,
      remaining: 0,
    });
    expect(smsSegments(`${text}a`).segments).toBe(2);
  });

  it("160 GSM characters are one SMS, 161 are two of 153", () => {
    expect(smsSegments("x".repeat(160))).toMatchObject({
      segments: 1,
      unitsPerSegment: 160,
      remaining: 0,
    });
    const two = smsSegments("x".repeat(161));
    expect(two).toMatchObject({ segments: 2, unitsPerSegment: 153, remaining: 145 });
    expect(two.parts.map((part) => part.length)).toEqual([153, 8]);
    expect(smsSegments("x".repeat(306)).segments).toBe(2);
    expect(smsSegments("x".repeat(307)).segments).toBe(3);
  });

  it("70 UCS-2 units are one SMS, 71 are two of 67", () => {
    expect(smsSegments("ç".repeat(70)).segments).toBe(1);
    expect(smsSegments("ç".repeat(71))).toMatchObject({ segments: 2, unitsPerSegment: 67 });
  });

  it("never splits an extension character across two segments", () => {
    const text = `${"x".repeat(152)}€${"x".repeat(10)}`; // the € would straddle septets 153-154
    const cost = smsSegments(text);
    expect(cost.units).toBe(164);
    expect(cost.parts[0]).toBe("x".repeat(152));
    expect(cost.parts[1]?.startsWith("€")).toBe(true);
  });

  it("the accented letters of Dutch and French: é è à ù ì ò Ä Ö Ü ä ö ü ñ are GSM, ë ç ï ô û are not", () => {
    expect(isGsm7Text("éèàùìòÄÖÜäöüñÑÉÇ")).toBe(true);
    for (const char of ["ë", "ç", "ï", "ô", "û", "’", "“"]) expect(isGsm7Text(char)).toBe(false);
  });

  it("an empty text is nothing to send", () => {
    expect(smsSegments("")).toMatchObject({ segments: 0, units: 0, parts: [] });
  });
});

describe("fitSms", () => {
  it("leaves a text that fits as it is, and cuts one that does not with the ellipsis", () => {
    expect(fitSms("Herinnering", 1)).toBe("Herinnering");
    const cut = fitSms("x".repeat(400), 2, "...");
    expect(cut.endsWith("...")).toBe(true);
    expect(cut.length).toBe(306);
    expect(smsSegments(cut).segments).toBe(2);
  });

  it("refuses a maximum below one segment", () => {
    expect(() => fitSms("x", 0)).toThrow(RangeError);
  });
});
