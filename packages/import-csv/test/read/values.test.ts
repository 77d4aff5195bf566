import { fc, test } from "@fast-check/vitest";
import { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import { describe, expect } from "vitest";
import type { NumberConvention } from "../../src/index.js";
import {
  applyTransforms,
  dateToExcelSerial,
  excelSerialToDate,
  parseAmountText,
  parseDateText,
  parseDebtorKind,
  parseLanguage,
  parseYesNo,
} from "../../src/index.js";

const conventions: NumberConvention[] = [
  { decimalSeparator: ",", thousandsSeparator: "." },
  { decimalSeparator: ",", thousandsSeparator: " " },
  { decimalSeparator: ",", thousandsSeparator: "" },
  { decimalSeparator: ".", thousandsSeparator: "," },
  { decimalSeparator: ".", thousandsSeparator: "'" },
  { decimalSeparator: ".", thousandsSeparator: "" },
];

/** Writes an amount the way a client's tool would in a convention. */
function writeAmount(
  amount: Decimal,
  convention: NumberConvention,
  grouped: boolean,
  form: number,
): string {
  const [integer = "0", fraction] = amount.abs().toFixed(2).split(".");
  const groupedInteger =
    grouped && convention.thousandsSeparator !== ""
      ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, convention.thousandsSeparator)
      : integer;
  const body = `${groupedInteger}${convention.decimalSeparator}${fraction}`;
  if (!amount.isNegative()) return form === 3 ? `€ ${body}` : body;
  return form === 0
    ? `-${body}`
    : form === 1
      ? `${body}-`
      : form === 2
        ? `(${body})`
        : `-€ ${body}`;
}

const amountArbitrary = fc
  .bigInt({ min: -99_999_999_999_999n, max: 99_999_999_999_999n })
  .map((cents) => new Decimal(cents.toString()).div(100));

describe("amounts", () => {
  test.prop([
    amountArbitrary,
    fc.constantFrom(...conventions),
    fc.boolean(),
    fc.integer({ min: 0, max: 3 }),
  ])(
    "any amount written in the profile's decimal and thousands convention (any sign form, with or without grouping) reads back as the same Decimal",
    (amount, convention, grouped, form) => {
      const result = parseAmountText(writeAmount(amount, convention, grouped, form), convention);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value.equals(amount)).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })])(
    "a text that uses the other separator where a decimal comma is expected is refused, never read a thousand times off",
    (thousands, units) => {
      const text = `${thousands}.${String(units).padStart(3, "0")},00`;
      const wrong = parseAmountText(text, { decimalSeparator: ".", thousandsSeparator: "" });
      expect(wrong.ok).toBe(false);
    },
  );

  test("Belgian and Dutch forms, and what is refused with the reason", () => {
    const be = { decimalSeparator: ",", thousandsSeparator: "." } as const;
    const ok = (text: string, c: NumberConvention = be) => {
      const result = parseAmountText(text, c);
      return result.ok ? result.value.toFixed(2) : result.code;
    };
    expect(ok("1.234,56")).toBe("1234.56");
    expect(ok("1234,5")).toBe("1234.50");
    expect(ok(" 12 ")).toBe("12.00");
    expect(ok("1234,56 EUR")).toBe("1234.56");
    expect(ok("(75,00)")).toBe("-75.00");
    expect(ok("75,00-")).toBe("-75.00");
    expect(ok("1,23E+11")).toBe("excel-scientific");
    expect(ok("12,345")).toBe("too-many-decimals");
    expect(ok("12,3400")).toBe("12.34");
    expect(ok("1.23")).toBe("ambiguous-amount");
    expect(ok("1234.56", { decimalSeparator: ",", thousandsSeparator: "" })).toBe(
      "ambiguous-amount",
    );
    expect(ok("12.34.56")).toBe("invalid-amount");
    expect(ok("abc")).toBe("invalid-amount");
    expect(ok("")).toBe("invalid-amount");
    expect(ok("1234567890123,00")).toBe("amount-out-of-range");
    expect(ok("1 234,56", { decimalSeparator: ",", thousandsSeparator: " " })).toBe("1234.56");
    expect(ok("1\u00a0234,56", { decimalSeparator: ",", thousandsSeparator: " " })).toBe("1234.56");
  });
});

const dateArbitrary = fc
  .integer({ min: 0, max: 109_000 })
  .map((days) => Temporal.PlainDate.from("1900-03-01").add({ days }))
  .filter((date) => date.year <= 2199);

function writeDate(date: Temporal.PlainDate, format: string): string {
  const dd = String(date.day).padStart(2, "0");
  const mm = String(date.month).padStart(2, "0");
  const yyyy = String(date.year);
  switch (format) {
    case "dd/mm/yyyy":
      return `${dd}/${mm}/${yyyy}`;
    case "dd-mm-yyyy":
      return `${dd}-${mm}-${yyyy}`;
    case "dd.mm.yyyy":
      return `${dd}.${mm}.${yyyy}`;
    case "yyyy-mm-dd":
      return date.toString();
    case "yyyymmdd":
      return `${yyyy}${mm}${dd}`;
    default:
      return String(dateToExcelSerial(date));
  }
}

describe("dates", () => {
  test.prop([
    dateArbitrary,
    fc.constantFrom(
      "dd/mm/yyyy",
      "dd-mm-yyyy",
      "dd.mm.yyyy",
      "yyyy-mm-dd",
      "yyyymmdd",
      "excel-serial",
    ),
  ])("any date written in a supported format reads back as the same PlainDate", (date, format) => {
    const result = parseDateText(writeDate(date, format), [format as "dd/mm/yyyy"]);
    expect(result.ok && result.value.equals(date)).toBe(true);
  });

  test.prop([
    fc
      .integer({ min: 1970, max: 2069 })
      .chain((year) =>
        fc.tuple(
          fc.constant(year),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 28 }),
        ),
      ),
  ])("a two-digit year reads as 1970–2069", ([year, month, day]) => {
    const text = `${String(day).padStart(2, "0")}-${String(month).padStart(2, "0")}-${String(year % 100).padStart(2, "0")}`;
    const result = parseDateText(text, ["dd-mm-yy"]);
    expect(result.ok && result.value.toString()).toBe(
      Temporal.PlainDate.from({ year, month, day }).toString(),
    );
  });

  test.prop([dateArbitrary])(
    "the Excel serial of a day and the day of a serial are inverse",
    (date) => {
      expect(excelSerialToDate(dateToExcelSerial(date))?.equals(date)).toBe(true);
    },
  );

  test("Excel's 1900 leap-year bug: serial 59 is 28 February, 60 does not exist, 61 is 1 March", () => {
    expect(excelSerialToDate(1)?.toString()).toBe("1900-01-01");
    expect(excelSerialToDate(59)?.toString()).toBe("1900-02-28");
    expect(excelSerialToDate(60)).toBeUndefined();
    expect(excelSerialToDate(61)?.toString()).toBe("1900-03-01");
    expect(excelSerialToDate(45658)?.toString()).toBe("2025-01-01");
    expect(excelSerialToDate(45658.75)?.toString()).toBe("2025-01-01");
  });

  test("refusals name what was wrong", () => {
    const code = (text: string, formats: Parameters<typeof parseDateText>[1] = ["dd/mm/yyyy"]) => {
      const result = parseDateText(text, formats);
      return result.ok ? result.value.toString() : result.code;
    };
    expect(code("31/02/2026")).toBe("invalid-date");
    expect(code("45658")).toBe("excel-serial-date");
    expect(code("45658", ["dd/mm/yyyy", "excel-serial"])).toBe("2025-01-01");
    expect(code("01/01/1899")).toBe("date-out-of-range");
    expect(code("05/01/2026 00:00:00")).toBe("2026-01-05");
    expect(code("2026-01-05", ["dd/mm/yyyy", "yyyy-mm-dd"])).toBe("2026-01-05");
    expect(code("20260105", ["yyyymmdd", "excel-serial"])).toBe("2026-01-05");
    const failed = parseDateText("x", ["dd/mm/yyyy", "yyyy-mm-dd"]);
    expect(failed.ok ? "" : failed.expected.nl).toBe("een datum als dd/mm/yyyy of yyyy-mm-dd");
  });
});

describe("transforms and words", () => {
  test("each transform does what the profile reference says", () => {
    const run = (
      value: string,
      transforms: Parameters<typeof applyTransforms>[1],
      country: "BE" | "NL" = "BE",
    ) => {
      const result = applyTransforms(value, transforms, country);
      return result.ok ? result.value : result.code;
    };
    expect(run("  a  b ", ["trim"])).toBe("a  b");
    expect(run("a \u00a0  b", ["collapse-spaces"])).toBe("a b");
    expect(run("JANSSENS-DE BOCK", ["title"])).toBe("Janssens-De Bock");
    expect(run("JANSSENS, Jan Piet", ["split-surname-first-names"])).toBe("Jan Piet JANSSENS");
    expect(run("VAN DEN BROECK Marie", ["split-surname-first-names", "title"])).toBe(
      "Marie Van Den Broeck",
    );
    expect(run("0470 12 34 56", ["phone-e164"])).toBe("+32470123456");
    expect(run("06-12345678", ["phone-e164"], "NL")).toBe("+31612345678");
    expect(run("call me", ["phone-e164"])).toBe("invalid-phone");
    expect(run("be71 0961.2345 6769", ["iban"])).toBe("BE71096123456769");
    expect(run("+++090/9337/55493+++", ["reference"])).toBe("090933755493");
    expect(run("BE 0403.170.701", ["digits-only"])).toBe("0403170701");
    expect(run("Ab", ["upper"])).toBe("AB");
    expect(run("Ab", ["lower"])).toBe("ab");
  });

  test("languages, kinds and yes/no in Dutch, French and English", () => {
    expect(
      [
        "N",
        "nl",
        "Nederlands",
        "Néerlandais",
        "F",
        "Français",
        "frans",
        "E",
        "Engels",
        "D",
        "Duits",
      ].map(parseLanguage),
    ).toEqual(["nl", "nl", "nl", "nl", "fr", "fr", "fr", "en", "en", "de", "de"]);
    expect(parseLanguage("Klingon")).toBeUndefined();
    expect(
      ["Particulier", "Personne morale", "rechtspersoon", "natural-person", "BV"].map(
        parseDebtorKind,
      ),
    ).toEqual(["natural-person", "legal-person", "legal-person", "natural-person", undefined]);
    expect(["Ja", "nee", "Oui", "NON", "1", "0", "x", "maybe"].map(parseYesNo)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      undefined,
    ]);
  });
});
