import { describe, expect, it } from "vitest";
import {
  createNlPaymentReference,
  createOgm,
  createRfReference,
  findOgms,
  formatBeEnterpriseNumber,
  formatRfReference,
  isValidBeEnterpriseNumber,
  isValidBeNationalNumber,
  isValidIban,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
  parseBeNationalNumber,
  parseOgm,
} from "../index.js";

describe("published test values (practice-and-formats section 3)", () => {
  it("Belgian structured communication", () => {
    expect(createOgm("1234567890")).toBe("+++123/4567/89002+++");
    expect(createOgm("0123456789")).toBe("+++012/3456/78939+++");
    expect(createOgm("0000000000")).toBe("+++000/0000/00097+++");
    expect(isValidOgm("***123/4567/89002***")).toBe(true);
    expect(isValidOgm("123456789002")).toBe(true);
    expect(isValidOgm("+++123/4567/89003+++")).toBe(false);
    expect(isValidOgm("+++123/4567/89002***")).toBe(false);
    expect(parseOgm("+++ 123 / 4567 / 89002 +++")).toBe("123456789002");
    expect(() => createOgm("123")).toThrow(/base: expected exactly 10 digits/);
  });

  it("finds structured communications on bank statement lines", () => {
    expect(findOgms("STORTING +++123/4567/89002+++ EN ***012/3456/78939***")).toEqual([
      "123456789002",
      "012345678939",
    ]);
    expect(findOgms("101123456789002")).toEqual(["123456789002"]);
    expect(findOgms("rekening 123456789003 factuur 2026-001")).toEqual([]);
    expect(findOgms("IBAN BE72000000001616")).toEqual([]);
  });

  it("ISO 11649 creditor reference", () => {
    expect(createRfReference("539007547034")).toBe("RF18539007547034");
    expect(isValidRfReference("RF18 5390 0754 7034")).toBe(true);
    expect(isValidRfReference("RF712348231")).toBe(true);
    expect(isValidRfReference("RF18 5390 0754 7035")).toBe(false);
    expect(isValidRfReference("RF18")).toBe(false);
    expect(formatRfReference("rf18539007547034")).toBe("RF18 5390 0754 7034");
    expect(() => createRfReference("1234567890123456789012")).toThrow(/1 to 21 letters or digits/);
  });

  it("Dutch payment reference", () => {
    expect(isValidNlPaymentReference("5000 0567 8901 2345")).toBe(true);
    expect(isValidNlPaymentReference("12 2345 3462 2567")).toBe(true);
    expect(isValidNlPaymentReference("13 2345 3462 2567")).toBe(false);
    expect(isValidNlPaymentReference("1234567")).toBe(true);
    expect(isValidNlPaymentReference("12345678")).toBe(false);
    expect(isValidNlPaymentReference("123456789012345")).toBe(false);
    expect(createNlPaymentReference("000056789012345")).toBe("5000056789012345");
  });

  it("IBAN, enterprise number and national number", () => {
    expect(isValidIban("BE72000000001616")).toBe(true);
    expect(isValidIban("BE72 0000 0000 1617")).toBe(false);
    expect(isValidIban("NL91ABNA0417164300")).toBe(true);
    expect(isValidIban("NL91ABNA041716430")).toBe(false);
    expect(isValidBeEnterpriseNumber("0566.988.259")).toBe(true);
    expect(isValidBeEnterpriseNumber("BE0566988259")).toBe(true);
    expect(isValidBeEnterpriseNumber("0566.988.258")).toBe(false);
    expect(isValidBeEnterpriseNumber("2566.988.259")).toBe(false);
    expect(formatBeEnterpriseNumber("0566988259")).toBe("0566.988.259");
    expect(parseBeNationalNumber("85.07.30-033.28")).toEqual({
      digits: "85073003328",
      bornFrom2000: false,
    });
    expect(parseBeNationalNumber("00.01.25-567.77")).toEqual({
      digits: "00012556777",
      bornFrom2000: true,
    });
    expect(isValidBeNationalNumber("85.07.30-033.29")).toBe(false);
  });
});
