import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { beBook19Damages, MoneyDecimal, nlBikAmount } from "../src/index.js";

const amount = fc
  .integer({ min: 0, max: 300_000_000 })
  .map((c) => new MoneyDecimal(c).dividedBy(100));

describe("the Dutch BIK scale (Besluit BIK art. 2)", () => {
  test.prop([amount, amount])("a larger principal never gives lower collection costs", (a, b) => {
    const [low, high] = a.lte(b) ? [a, b] : [b, a];
    expect(nlBikAmount(low).lte(nlBikAmount(high))).toBe(true);
  });

  test.prop([amount])("the costs are at least 40 and at most 6,775 euro", (a) => {
    const fee = nlBikAmount(a);
    expect(fee.gte(40) && fee.lte(6775)).toBe(true);
  });

  test.prop([amount])(
    "with VAT the costs are the scale amount raised by the VAT, to the cent",
    (a) => {
      const withVat = nlBikAmount(a, new MoneyDecimal(21));
      expect(withVat.equals(nlBikAmount(a).times("1.21").toDecimalPlaces(2, 4))).toBe(true);
    },
  );
});

describe("the Belgian Book XIX damages cap (WER art. XIX.4)", () => {
  test.prop([amount, amount])("a larger amount outstanding never gives lower damages", (a, b) => {
    const [low, high] = a.lte(b) ? [a, b] : [b, a];
    expect(beBook19Damages(low).lte(beBook19Damages(high))).toBe(true);
  });

  test.prop([amount])("the damages are at least 20 and at most 2,000 euro", (a) => {
    const damages = beBook19Damages(a);
    expect(damages.gte(20) && damages.lte(2000)).toBe(true);
  });
});
