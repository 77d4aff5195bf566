import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  createNlPaymentReference,
  createOgm,
  createRfReference,
  findOgms,
  formatIban,
  isValidIban,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
  lettersToDigits,
  mod97,
} from "../src/index.js";

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length });
const changeOneDigit = (text: string, position: number, delta: number): string => {
  const indexes = [...text].flatMap((char, index) => (/\d/.test(char) ? [index] : []));
  const at = indexes[position % indexes.length] ?? 0;
  const changed = (Number(text[at]) + delta) % 10;
  return `${text.slice(0, at)}${changed}${text.slice(at + 1)}`;
};
const position = fc.nat();
const delta = fc.integer({ min: 1, max: 9 });

describe("Belgian structured communication (OGM/VCS)", () => {
  test.prop([digits(10)])("a created structured communication always validates", (base) => {
    expect(isValidOgm(createOgm(base))).toBe(true);
    expect(isValidOgm(createOgm(base, "*"))).toBe(true);
  });

  test.prop([digits(10), position, delta])("any single-digit change breaks it", (base, at, by) => {
    expect(isValidOgm(changeOneDigit(createOgm(base), at, by))).toBe(false);
  });

  test.prop([digits(10), fc.string(), fc.string()])(
    "it is found in free text with or without separators",
    (base, before, after) => {
      const ogm = createOgm(base);
      const twelve = ogm.replace(/\D/g, "");
      expect(findOgms(`${before.replace(/\d/g, "")} ${ogm} ${after.replace(/\d/g, "")}`)).toContain(
        twelve,
      );
      expect(findOgms(`ref ${twelve}.`)).toEqual([twelve]);
    },
  );
});

describe("ISO 11649 creditor reference (RF)", () => {
  const reference = fc.string({
    unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    minLength: 1,
    maxLength: 21,
  });

  test.prop([reference])("a created creditor reference always validates", (ref) => {
    expect(isValidRfReference(createRfReference(ref))).toBe(true);
  });

  test.prop([digits(12), position, delta])(
    "any single-digit change breaks a numeric one",
    (ref, at, by) => {
      const created = createRfReference(ref);
      const changed = `RF${changeOneDigit(created.slice(2), at, by)}`;
      expect(isValidRfReference(changed)).toBe(false);
    },
  );
});

describe("Dutch payment reference (betalingskenmerk)", () => {
  test.prop([digits(15)])("a created 16-digit payment reference always validates", (body) => {
    expect(isValidNlPaymentReference(createNlPaymentReference(body))).toBe(true);
  });

  test.prop([digits(15), fc.integer({ min: 1, max: 9 })])(
    "changing the check digit breaks it",
    (body, by) => {
      const created = createNlPaymentReference(body);
      expect(isValidNlPaymentReference(changeOneDigit(created, 0, by))).toBe(false);
    },
  );
});

describe("IBAN", () => {
  test.prop([digits(10)])("a Belgian IBAN built from an account number validates", (account) => {
    const national = String(mod97(account) === 0 ? 97 : mod97(account)).padStart(2, "0");
    const bban = `${account}${national}`;
    const check = String(98 - mod97(lettersToDigits(`${bban}BE00`))).padStart(2, "0");
    const iban = `BE${check}${bban}`;
    expect(isValidIban(iban)).toBe(true);
    expect(isValidIban(formatIban(iban).toLowerCase())).toBe(true);
  });

  test.prop([
    fc.constantFrom("BE72000000001616", "NL91ABNA0417164300", "DE89370400440532013000"),
    position,
    delta,
  ])("any single-digit change breaks an IBAN", (iban, at, by) => {
    const changed = `${iban.slice(0, 2)}${changeOneDigit(iban.slice(2), at, by)}`;
    expect(isValidIban(changed)).toBe(false);
  });
});
