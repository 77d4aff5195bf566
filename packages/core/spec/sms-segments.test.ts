import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { fitSms, isGsm7Text, smsSegments } from "../src/index.js";

const GSM_BASIC = [
  ..."@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
];
const GSM_EXTENSION = [..."\f^{}\\[~]|€"];
const gsmText = fc.string({
  unit: fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION),
  maxLength: 500,
});
const basicText = fc.string({ unit: fc.constantFrom(...GSM_BASIC), maxLength: 500 });
const nonGsm = fc.constantFrom("ë", "ç", "ô", "’", "😀", "👍🏽", "中", "ł");
const anyText = fc.oneof(gsmText, fc.string({ unit: "grapheme", maxLength: 200 }));

describe("SMS segments (GSM 03.38 and UCS-2)", () => {
  test.prop([basicText])(
    "a text of the GSM basic alphabet costs one septet a character: one SMS up to 160, else ceil(n/153)",
    (text) => {
      const cost = smsSegments(text);
      expect(cost.encoding).toBe("GSM-7");
      expect(cost.units).toBe(text.length);
      const expected =
        text.length === 0 ? 0 : text.length <= 160 ? 1 : Math.ceil(text.length / 153);
      expect(cost.segments).toBe(expected);
    },
  );

  test.prop([gsmText])(
    "each extension character (€ [ ] { } \\ ^ ~ | form feed) costs two septets",
    (text) => {
      const extensions = [...text].filter((char) => GSM_EXTENSION.includes(char)).length;
      expect(smsSegments(text).units).toBe([...text].length + extensions);
    },
  );

  test.prop([gsmText, nonGsm, fc.nat()])(
    "one character outside the GSM alphabet makes the whole text UCS-2",
    (text, other, at) => {
      const chars = [...text];
      const index = chars.length === 0 ? 0 : at % (chars.length + 1);
      const mixed = [...chars.slice(0, index), other, ...chars.slice(index)].join("");
      expect(isGsm7Text(mixed)).toBe(false);
      const cost = smsSegments(mixed);
      expect(cost.encoding).toBe("UCS-2");
      expect(cost.units).toBe(mixed.length);
    },
  );

  test.prop([anyText])(
    "the parts joined give back the text, and each part fits the units of one segment",
    (text) => {
      const cost = smsSegments(text);
      expect(cost.parts.join("")).toBe(text);
      expect(cost.parts.length).toBe(cost.segments);
      for (const part of cost.parts) {
        const units =
          cost.encoding === "UCS-2"
            ? part.length
            : [...part].reduce((n, c) => n + (GSM_EXTENSION.includes(c) ? 2 : 1), 0);
        expect(units).toBeLessThanOrEqual(cost.unitsPerSegment);
      }
      expect(cost.remaining).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([anyText, fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION, "ë", "😀")])(
    "adding a character never makes a text cheaper",
    (text, char) => {
      expect(smsSegments(text + char).segments).toBeGreaterThanOrEqual(smsSegments(text).segments);
    },
  );

  test.prop([anyText, fc.integer({ min: 1, max: 4 })])(
    "a text fitted to n segments costs at most n, and is the text itself when it already fits",
    (text, max) => {
      const fitted = fitSms(text, max);
      expect(smsSegments(fitted).segments).toBeLessThanOrEqual(max);
      if (smsSegments(text).segments <= max) expect(fitted).toBe(text);
      else expect(fitted.endsWith("…")).toBe(true);
    },
  );
});
