import { test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { builtInRateTables, computeStatement, statementToJson } from "../src/index.js";
import { caseFile } from "./support/case-arbitraries.js";
import { dayByDayStatement } from "./support/day-by-day-model.js";

const tables = builtInRateTables();

describe("the engine against an independent day-by-day model", () => {
  test.prop([caseFile], { numRuns: 300 })(
    "every generated case gives the same statement, line by line and to the cent",
    (file) => {
      expect(statementToJson(computeStatement(file, { rateTables: tables }))).toEqual(
        dayByDayStatement(file, tables),
      );
    },
  );
});
