import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDocxTemplate } from "@incasso/documents";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/index.js";
import { main } from "../src/index.js";

const CASES = join(import.meta.dirname, "..", "..", "..", "examples", "cases");
const NL = join(CASES, "nl-consumer.json");
const CHROMIUM = process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium";

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { code: await main(args, io), out, err };
}

const dir = mkdtempSync(join(tmpdir(), "incasso-letter-"));
const creditor = join(dir, "creditor.json");
writeFileSync(
  creditor,
  JSON.stringify({
    name: "Installatiebedrijf De Vries BV",
    addressLines: ["Damrak 1", "1012 LG Amsterdam"],
    iban: "NL91ABNA0417164300",
  }),
);

describe("incasso letter", () => {
  it("writes a starter letter as HTML to standard output, in the debtor's language", async () => {
    const result = await run([
      "letter",
      NL,
      "reminder",
      "--as-of",
      "2026-03-02",
      "--creditor",
      creditor,
    ]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const html = result.out.join("\n");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("Installatiebedrijf De Vries BV");
    expect(html).toContain("NL91 ABNA 0417 1643 00");
  });

  it("refuses a firm's template that lacks what the law requires, naming it (exit 2)", async () => {
    const template = join(dir, "short.liquid");
    writeFileSync(template, "<p>Betaal {{ totals.balance.text }}.</p>");
    const result = await run([
      "letter",
      NL,
      template,
      "--kind",
      "letter14",
      "--as-of",
      "2026-03-02",
    ]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(/^LETTER_CHECK_FAILED: .*BIK.*6:96 lid 6/);
  });

  it("refuses a template that reaches outside its context (exit 2)", async () => {
    const template = join(dir, "evil.liquid");
    writeFileSync(template, "{{ constructor.constructor }}");
    const result = await run([
      "letter",
      NL,
      template,
      "--kind",
      "statement",
      "--as-of",
      "2026-03-02",
    ]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(/^TEMPLATE_REFUSED: /);
  });

  it("fills a Word template and names the file, its hash and the letter's event", async () => {
    const template = join(dir, "aanmaning.docx");
    writeFileSync(
      template,
      await createDocxTemplate({
        body: [
          "Geachte {{ debtor.name }},",
          "Betaal {{ totals.balance.text }} uiterlijk op {{ deadline.payBy.text }}; anders incassokosten {{ ifUnpaid.damages.text }}.",
        ],
      }),
    );
    const out = join(dir, "aanmaning-filled.docx");
    const result = await run([
      "letter",
      NL,
      template,
      "--kind",
      "letter14",
      "--as-of",
      "2026-03-02",
      "--out",
      out,
    ]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/aanmaning-filled\.docx: .* sha256 [0-9a-f]{64}$/);
    expect(result.out[2]).toMatch(/^event: \{.*"type":"letter14.sent"/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("asks for --out for a PDF", async () => {
    const result = await run([
      "letter",
      NL,
      "letter14",
      "--as-of",
      "2026-03-02",
      "--format",
      "pdf",
    ]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toContain("--out");
  });

  it.skipIf(!existsSync(CHROMIUM))("prints a PDF through Chromium", async () => {
    const out = join(dir, "letter14.pdf");
    const result = await run([
      "letter",
      NL,
      "letter14",
      "--as-of",
      "2026-03-02",
      "--format",
      "pdf",
      "--out",
      out,
      "--creditor",
      creditor,
      "--chromium",
      CHROMIUM,
      "--window",
      "right",
    ]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("the letter command's help", () => {
  it("names every starter letter of @incasso/documents, which it loads only to make a letter", async () => {
    const { STARTER_TEMPLATES } = await import("@incasso/documents");
    const { STARTER_LETTER_NAMES } = await import("../src/index.js");
    expect([...STARTER_LETTER_NAMES]).toEqual(STARTER_TEMPLATES.map((template) => template.name));
  });
});
