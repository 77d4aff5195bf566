import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaseFileJson } from "../src/index.js";
import { computeStatement, parseCaseFile, statementToJson } from "../src/index.js";
import { caseJson } from "./support/case-arbitraries.js";

const json = (file: CaseFileJson) => statementToJson(computeStatement(parseCaseFile(file)));

describe("the statement depends on the facts, not on the order they arrived in", () => {
  test.prop([caseJson, fc.infiniteStream(fc.nat())], { numRuns: 150 })(
    "the order in which payments and charges of different days are listed does not change the statement",
    (file, randomness) => {
      const payments = file.payments ?? [];
      const charges = file.charges ?? [];
      fc.pre(new Set(payments.map((p) => p.date)).size === payments.length);
      const shuffle = <T>(list: readonly T[]) => {
        const copy = [...list];
        const it = randomness[Symbol.iterator]();
        for (let i = copy.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
        }
        return copy;
      };
      const reordered = { ...file, payments: shuffle(payments), charges: shuffle(charges) };
      expect(json(reordered)).toEqual(json(file));
    },
  );

  test.prop([caseJson], { numRuns: 100 })(
    "a payment dated after the statement date changes nothing yet",
    (file) => {
      const later = { id: "LATER", date: "2099-01-01", amount: "100.00" };
      expect(json({ ...file, payments: [...(file.payments ?? []), later] })).toEqual(json(file));
    },
  );
});
