// The page images of the starter letters in docs/images/letters (first page, 60 dpi), made from
// the same contexts as the tests: `pnpm --filter @incasso/documents images` (needs chromium and
// poppler-utils).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { createPdfRenderer, STARTER_TEMPLATES, starterTemplate } from "../src/index.js";
import { starterContext } from "../test/fixtures.js";

const OUT = join(import.meta.dirname, "..", "..", "..", "docs", "images", "letters");

test("page images of the starter letters in nl and fr", async () => {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "incasso-images-"));
  const renderer = createPdfRenderer({ layout: { addressWindow: "left" } });
  try {
    for (const language of ["nl", "fr"] as const)
      for (const starter of STARTER_TEMPLATES.filter((t) => t.medium === "letter")) {
        const name = `${language}-${starter.name}`;
        const pdf = await renderer.render(
          starterTemplate(starter.name, language),
          starterContext(starter.name, language),
          "pdf",
        );
        writeFileSync(join(dir, `${name}.pdf`), pdf.bytes);
        execFileSync("pdftoppm", [
          "-png",
          "-r",
          "60",
          "-f",
          "1",
          "-l",
          "1",
          "-singlefile",
          join(dir, `${name}.pdf`),
          join(OUT, name),
        ]);
      }
  } finally {
    await renderer.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(true).toBe(true);
});
