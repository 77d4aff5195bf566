import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { allocate, IncassoError, Money, splitEvenly } from "../index.js";

describe("Money", () => {
  it("computes exactly where binary floating point does not", () => {
    expect(Money.of("0.1").plus(Money.of("0.2")).equals(Money.of("0.3"))).toBe(true);
    expect(Money.of("605.00").times("0.105").times("92").dividedBy("365").round().toFixed()).toBe(
      "16.01",
    );
  });

  it("rounds half-up to the cent by default, half-even when asked", () => {
    expect(Money.of("2.345").round().toFixed()).toBe("2.35");
    expect(Money.of("-2.345").round().toFixed()).toBe("-2.35");
    expect(Money.of("2.345").round("half-even").toFixed()).toBe("2.34");
    expect(Money.of("2.355").round("half-even").toFixed()).toBe("2.36");
  });

  it("accepts a Decimal from the host's own decimal.js settings without losing digits", () => {
    const Host = Decimal.clone({ precision: 5 });
    expect(Money.of(new Host("123456.789")).toFixed()).toBe("123456.789");
  });

  it("refuses to mix currencies, JS numbers and malformed strings", () => {
    expect(() => Money.of("1").plus(Money.of("1", "USD"))).toThrow(
      /CURRENCY|cannot combine EUR and USD/,
    );
    expect(() => Money.of(1 as unknown as string)).toThrow(IncassoError);
    expect(() => Money.of("1e3", "EUR", "claims.0.principal")).toThrow(
      /claims\.0\.principal: expected a decimal string/,
    );
    expect(() => Money.of("1", "XYZ" as never)).toThrow(/currency: expected one of EUR/);
  });

  it("serialises amounts as decimal strings", () => {
    expect(JSON.stringify(Money.of("1.5"))).toBe('{"amount":"1.50","currency":"EUR"}');
    expect(String(Money.of("7.125"))).toBe("7.125 EUR");
  });
});

describe("allocate", () => {
  it("splits 100.00 in three without losing a cent", () => {
    expect(allocate(Money.of("100.00"), ["1", "1", "1"]).map((m) => m.toFixed())).toEqual([
      "33.34",
      "33.33",
      "33.33",
    ]);
    expect(
      splitEvenly(Money.of("100.00"), 3, { remainder: "last" }).map((m) => m.toFixed()),
    ).toEqual(["33.33", "33.33", "33.34"]);
    expect(
      splitEvenly(Money.of("100.00"), 3, { remainder: "first" }).map((m) => m.toFixed()),
    ).toEqual(["33.34", "33.33", "33.33"]);
  });

  it("gives leftover cents to the largest remainders", () => {
    expect(allocate(Money.of("0.05"), ["0.7", "0.3"]).map((m) => m.toFixed())).toEqual([
      "0.04",
      "0.01",
    ]);
    expect(allocate(Money.of("10.00"), ["0", "1", "0"]).map((m) => m.toFixed())).toEqual([
      "0.00",
      "10.00",
      "0.00",
    ]);
  });

  it("refuses what cannot be allocated", () => {
    expect(() => allocate(Money.of("1.005"), ["1"])).toThrow(/whole number of cents/);
    expect(() => allocate(Money.of("1.00"), [])).toThrow(/at least one ratio/);
    expect(() => allocate(Money.of("1.00"), ["0", "0"])).toThrow(/above zero/);
    expect(() => allocate(Money.of("1.00"), ["1", "-1"])).toThrow(/ratios\.1/);
    expect(() => splitEvenly(Money.of("1.00"), 0)).toThrow(/parts/);
  });
});
