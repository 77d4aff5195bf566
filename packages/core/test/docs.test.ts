import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINDING_SEVERITY } from "../src/case/findings/finding-code.js";
import { RULE_PACKS } from "../src/index.js";

const DOCS = join(import.meta.dirname, "..", "..", "..", "docs");

/** The rows of the markdown tables of a page, each as its trimmed cells. */
function tableRows(page: string): string[][] {
  return page
    .split("\n")
    .filter((line) => line.trim().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

describe("the documentation keeps step with the code", () => {
  it("docs/rule-packs.md lists every rule of every pack with its source", () => {
    const page = readFileSync(join(DOCS, "rule-packs.md"), "utf8");
    const rows = tableRows(page).map((cells) => cells.join(" | "));
    for (const pack of Object.values(RULE_PACKS)) {
      expect(page).toContain(`\`${pack.id}\``);
      for (const rule of pack.rules)
        expect(rows).toContain(`${rule.topic} | ${rule.rule} | ${rule.source}`);
    }
  });

  it("docs/rule-packs.md lists every finding code with its severity, and no other", () => {
    const page = readFileSync(join(DOCS, "rule-packs.md"), "utf8");
    const documented = tableRows(page)
      .filter((cells) => /^`[A-Z0-9_]+`$/.test(cells[0] ?? ""))
      .map((cells) => `${cells[0]} | ${cells[1]}`);
    const codes = Object.entries(FINDING_SEVERITY).map(
      ([code, severity]) => `\`${code}\` | ${severity}`,
    );
    expect(documented.sort()).toEqual(codes.sort());
  });
});
