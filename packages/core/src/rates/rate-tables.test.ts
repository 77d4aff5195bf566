import { describe, expect, it } from "vitest";
import {
  builtInRateTables,
  createRateTable,
  extendRateTable,
  IncassoError,
  parseIsoDate,
  rateEntryOn,
} from "../index.js";

const tables = builtInRateTables();
const table = (id: string) => {
  const found = tables.get(id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};
const rate = (id: string, date: string) =>
  rateEntryOn(table(id), parseIsoDate(date)).rate.toString();

describe("the built-in rate tables", () => {
  it("hold the published rates, with their sources", () => {
    expect(rate("be.legal", "2024-06-30")).toBe("5.75");
    expect(rate("be.legal", "2026-12-31")).toBe("4.5");
    expect(rate("be.commercial", "2024-07-01")).toBe("12.5");
    expect(rate("nl.commercial", "2024-07-01")).toBe("12.25");
    expect(rate("nl.commercial", "2013-03-16")).toBe("8.75");
    expect(rate("nl.legal", "2024-12-31")).toBe("7");
    expect(rateEntryOn(table("be.legal"), parseIsoDate("2024-03-01")).source).toMatch(
      /BS 23\.02\.2024/,
    );
  });

  it("keep the two Belgian commercial regimes apart around 16 March 2013", () => {
    expect(rate("be.commercial", "2014-03-01")).toBe("8.5");
    expect(rate("be.commercial.pre-2013", "2014-03-01")).toBe("7.5");
    expect(rate("be.commercial.pre-2013", "2015-03-15")).toBe("7.5");
    expect(rate("be.commercial.pre-2013", "2015-03-16")).toBe("8.5");
  });

  it("refuse a date past the last trusted entry, saying which table and how to add one", () => {
    expect(() => rate("nl.legal", "2027-01-01")).toThrow(IncassoError);
    expect(() => rate("nl.legal", "2027-01-01")).toThrow(
      /rate table nl\.legal covers 2009-07-01 to 2026-12-31: it has no rate for 2027-01-01 yet.*API: resolveRateTables\(parseRatesFile\(json\)\).*CLI: .*--rates file\.json/,
    );
    expect(() => rate("nl.commercial", "2027-01-01")).toThrow(
      /derived from ecb\.mro.*adding the ECB rate to ecb\.mro is enough/,
    );
    expect(() => rate("be.legal", "2009-12-31")).toThrow(
      expect.objectContaining({ code: "RATE_NOT_COVERED" }),
    );
  });

  it("can be extended by the host application without changing the original", () => {
    const extended = extendRateTable(
      table("nl.legal"),
      [{ from: "2027-01-01", rate: "5", source: "host: Staatsblad 2026", status: "unconfirmed" }],
      "2027-06-30",
    );
    expect(rateEntryOn(extended, parseIsoDate("2027-02-01")).rate.toString()).toBe("5");
    expect(() => rate("nl.legal", "2027-02-01")).toThrow();
  });

  it("validate a host-defined table, naming the wrong field", () => {
    expect(() =>
      createRateTable({
        id: "x",
        name: "x",
        source: "x",
        trustedUntil: "2020-01-01",
        entries: [{ from: "2021-01-01", rate: "-1", source: "x" }],
      }),
    ).toThrow(
      /rateTable\.trustedUntil.*rateTable\.entries\.0\.rate|rateTable\.entries\.0\.rate.*rateTable\.trustedUntil/,
    );
  });
});
