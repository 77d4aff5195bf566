import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IncassoError } from "../src/index.js";
import { epcQrPayload } from "../src/letters/index.js";

// Real EPC QR codes from public projects, decoded with zbarimg -Sbinary (../shared/external/SOURCES.md):
// test fixtures read where they lie, never copied into the repository.
const EXTERNAL = join(import.meta.dirname, "..", "..", "..", "..", "shared", "external", "epc-qr");
const decoded = (name: string) => readFileSync(join(EXTERNAL, `${name}.decoded.txt`));

describe("the EPC QR payload (EPC069-12)", () => {
  it.skipIf(!existsSync(EXTERNAL))(
    "is byte for byte what published codes hold, in UTF-8 and in ISO 8859-1",
    () => {
      const wikipedia = {
        name: "Wikimedia Foerdergesellschaft",
        iban: "DE33100205000001194700",
        reference: { kind: "text", value: "Spende fuer Wikipedia" },
      } as const;
      expect(
        Buffer.from(epcQrPayload({ ...wikipedia, characterSet: 2, amount: "20" }).bytes),
      ).toEqual(decoded("segno_spende-wikipedia"));
      expect(
        Buffer.from(epcQrPayload({ ...wikipedia, characterSet: 1, amount: "13.05" }).bytes),
      ).toEqual(decoded("segno_spende-wikipedia2"));
      // A version 001 code with a BIC, a purpose and an RF reference in line 10; the published one
      // also has spaces in its IBAN and trailing separators, which a conformant payload leaves out.
      const payme = decoded("payme_test2").toString("utf8");
      const built = epcQrPayload({
        version: "001",
        bic: "BHBLDEHHXXX",
        name: "Franz Mustermänn",
        iban: "DE71 1102 2033 0123 4567 89",
        amount: "12.30",
        purpose: "GDDS",
        reference: { kind: "rf", value: "RF18539007547034" },
      });
      expect(built.text).toBe(
        payme.replace("DE71 1102 2033 0123 4567 89", "DE71110220330123456789").replace(/\n+$/, ""),
      );
    },
  );

  it("puts a Belgian OGM in line 10 as 12 digits by default, or formatted in line 11 by option", () => {
    const request = {
      name: "Acme NV",
      iban: "BE71096123456769",
      amount: "381.13",
      reference: { kind: "be.ogm", value: "+++202/5000/42096+++" },
    } as const;
    expect(epcQrPayload(request).lines.slice(9)).toEqual(["202500042096"]);
    expect(
      epcQrPayload({ ...request, ogmPlacement: "unstructured-formatted" }).lines.slice(9),
    ).toEqual(["", "+++202/5000/42096+++"]);
  });

  it("refuses what banking apps reject, naming the field", () => {
    const base = { name: "Acme NV", iban: "BE71096123456769" };
    const cases: [object, string][] = [
      [{ ...base, version: "001" }, "epcQr.bic"],
      [{ ...base, name: "x".repeat(71) }, "epcQr.name"],
      [{ ...base, iban: "BE71096123456768" }, "epcQr.iban"],
      [{ ...base, amount: "0.00" }, "epcQr.amount"],
      [{ ...base, amount: "1000000000.00" }, "epcQr.amount"],
      [
        { ...base, reference: { kind: "be.ogm", value: "+++202/5000/42097+++" } },
        "epcQr.reference.value",
      ],
      [{ ...base, reference: { kind: "text", value: "x".repeat(141) } }, "epcQr.reference.value"],
      [{ ...base, characterSet: 2, name: "Zaïre € BV" }, "epcQr.name"],
      [{ ...base, name: "Acme\nNV" }, "epcQr.name"],
    ];
    for (const [input, path] of cases) {
      let error: unknown;
      try {
        epcQrPayload(input as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(IncassoError);
      expect((error as IncassoError).issues.map((issue) => issue.path)).toContain(path);
    }
  });

  test.prop(
    [
      fc
        .string({ minLength: 1, maxLength: 70 })
        .filter((s) => !/[\r\n\uD800-\uDFFF]/.test(s) && !s.includes("\u0000")),
      fc.option(fc.integer({ min: 1, max: 99_999_999_999 }), { nil: undefined }),
      fc.option(fc.string({ minLength: 1, maxLength: 140 }), { nil: undefined }),
    ],
    { numRuns: 200 },
  )(
    "a payload has at most 12 lines, never ends in a separator, never has both reference lines, and keeps its amount",
    (name, cents, text) => {
      const amount = cents === undefined ? undefined : (cents / 100).toFixed(2);
      let payload: ReturnType<typeof epcQrPayload>;
      try {
        payload = epcQrPayload({
          name,
          iban: "NL91ABNA0417164300",
          ...(amount === undefined ? {} : { amount }),
          ...(text === undefined ? {} : { reference: { kind: "text" as const, value: text } }),
        });
      } catch (error) {
        expect(error).toBeInstanceOf(IncassoError);
        return;
      }
      expect(payload.lines.length).toBeLessThanOrEqual(12);
      expect(payload.text.endsWith("\n")).toBe(false);
      expect(
        payload.lines[9] !== undefined &&
          payload.lines[9] !== "" &&
          (payload.lines[10] ?? "") !== "",
      ).toBe(false);
      if (amount !== undefined)
        expect(Number((payload.lines[7] ?? "").slice(3))).toBe(Number(amount));
      expect(payload.bytes.length).toBeLessThanOrEqual(331);
    },
  );
});

describe("the payload's UTF-8 bytes", () => {
  test.prop([fc.string({ unit: "grapheme", maxLength: 60 })], { numRuns: 200 })(
    "are the bytes Node's encoder gives",
    (name) => {
      fc.pre(
        name.length > 0 && name.length <= 70 && !/[\r\n]/.test(name) && !name.includes("\u0000"),
      );
      const payload = epcQrPayload({ name, iban: "BE71096123456769" });
      expect(Buffer.from(payload.bytes)).toEqual(Buffer.from(payload.text, "utf8"));
    },
  );
});
