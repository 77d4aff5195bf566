import { describe, expect, it } from "vitest";
import {
  B2B_COMPENSATION,
  beBook19Damages,
  MoneyDecimal,
  nlBikAmount,
  penaltyAmount,
} from "../index.js";

const d = (value: string) => new MoneyDecimal(value);

describe("published collection-cost figures", () => {
  it("NL BIK: 6,000 gives 375 + 250 + 50 = 675 (E1)", () => {
    expect(nlBikAmount(d("6000")).toFixed(2)).toBe("675.00");
  });

  it("NL BIK with VAT: 1,000 gives 150, raised by 21 % to 181.50 (E2)", () => {
    expect(nlBikAmount(d("1000")).toFixed(2)).toBe("150.00");
    expect(nlBikAmount(d("1000"), d("21")).toFixed(2)).toBe("181.50");
  });

  it("NL BIK in court: 7,076.25 gives 728.81 (E3, Hof Den Haag 4-6-2019)", () => {
    expect(nlBikAmount(d("7076.25")).toFixed(2)).toBe("728.81");
  });

  it.each([
    ["100", "40.00"],
    ["266.67", "40.00"],
    ["2500", "375.00"],
    ["5000", "625.00"],
    ["10000", "875.00"],
    ["200000", "2775.00"],
    ["1000000", "6775.00"],
    ["2000000", "6775.00"],
  ])("NL BIK on %s is %s", (principal, fee) => {
    expect(nlBikAmount(d(principal)).toFixed(2)).toBe(fee);
  });

  it.each([
    ["100", "20.00"],
    ["150", "20.00"],
    ["150.01", "30.00"],
    ["200", "35.00"],
    ["500", "65.00"],
    ["1000", "90.00"],
    ["10000", "540.00"],
    ["39200", "2000.00"],
    ["100000", "2000.00"],
  ])("BE Book XIX damages on %s are %s", (outstanding, damages) => {
    expect(beBook19Damages(d(outstanding)).toFixed(2)).toBe(damages);
  });

  it("applies a percent clause with its minimum and maximum", () => {
    const clause = { kind: "percent", percent: d("10"), min: d("50"), max: d("2500") } as const;
    expect(penaltyAmount(clause, d("320")).toFixed(2)).toBe("50.00");
    expect(penaltyAmount(clause, d("1234.55")).toFixed(2)).toBe("123.46");
    expect(penaltyAmount(clause, d("90000")).toFixed(2)).toBe("2500.00");
    expect(penaltyAmount(clause, d("0")).toFixed(2)).toBe("0.00");
  });
});

describe("the B2B compensation", () => {
  it("is 40 EUR whatever the principal, and nothing once the principal is paid", () => {
    expect(penaltyAmount(B2B_COMPENSATION, d("1200")).toFixed(2)).toBe("40.00");
    expect(penaltyAmount(B2B_COMPENSATION, d("0.01")).toFixed(2)).toBe("40.00");
    expect(penaltyAmount(B2B_COMPENSATION, d("0")).toFixed(2)).toBe("0.00");
  });
});
