import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LetterContext } from "@incasso/core";
import { letterContext } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPdfRenderer, STARTER_TEMPLATES, starterTemplate } from "../src/index.js";
import type { DocumentRenderer } from "../src/port.js";
import { beConsumerCase, figuresOf, starterContext } from "./fixtures.js";
import { CHROMIUM, realComponents } from "./tools.js";

// Real EPC QR codes from public projects with their payloads as zbarimg -Sbinary decodes them
// (../shared/external/SOURCES.md): read where they lie, never copied into the repository.
const EXTERNAL = join(import.meta.dirname, "..", "..", "..", "..", "shared", "external", "epc-qr");

/**
 * The bytes of the QR code in an image as zbarimg reads them: `-Sbinary` gives the raw bytes with
 * no newline appended (without it, zbar decodes UTF-8 "ç" as Shift-JIS).
 */
function decodeQr(png: string): Buffer {
  return execFileSync("zbarimg", ["--raw", "-q", "-Sbinary", png], {
    stdio: ["ignore", "pipe", "ignore"],
  });
}

const words = (text: string) => text.replace(/\s+/g, " ");

const run = realComponents("PDF read back");

describe.skipIf(!run)("PDF letters read back with poppler and zbar", () => {
  let renderer: DocumentRenderer;
  let dir: string;
  beforeAll(() => {
    renderer = createPdfRenderer({ executablePath: CHROMIUM });
    dir = mkdtempSync(join(tmpdir(), "incasso-pdf-"));
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pdfOf = async (
    name: string,
    context: LetterContext,
    template = starterTemplate("letter14", "nl"),
  ) => {
    const document = await renderer.render(template, context, "pdf");
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, document.bytes);
    return { document, file };
  };
  const text = (file: string, ...args: string[]) =>
    execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" });

  it("shows every amount, date and reference of the context, in fonts embedded in the file", async () => {
    for (const [name, language] of [
      ["letter14", "nl"],
      ["book19-first-reminder", "fr"],
      ["formal-notice-b2b", "nl"],
      ["plan-agreement", "fr"],
    ] as const) {
      const context = starterContext(name, language);
      const { document, file } = await pdfOf(
        `${language}-${name}`,
        context,
        starterTemplate(name, language),
      );
      expect(Buffer.from(document.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
      const read = words(text(file));
      const expected = [
        ...figuresOf(context),
        ...(name === "plan-agreement" ? [] : [context.deadline.payBy.text]),
        ...(context.ifUnpaid.damages ? [context.ifUnpaid.damages.text] : []),
        ...(context.creditor.iban ? [context.creditor.iban] : []),
        ...(name === "formal-notice-b2b"
          ? context.interestLines.map((line) => line.amount.text)
          : []),
        ...(context.plan?.instalments.flatMap((i) => [i.dueDate.text, i.amount.text]) ?? []),
      ];
      for (const figure of expected) expect(read, `${name}: ${figure}`).toContain(words(figure));
      const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" })
        .trim()
        .split("\n")
        .slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font.split(/\s+/).at(-5), font).toBe("yes");
      // The page number and total on every page.
      expect(read).toMatch(/(Pagina|Page) 1\/\d/);
    }
  });

  it("prints every starter letter in nl, fr and en, with the case's figures", async () => {
    for (const language of ["nl", "fr", "en"] as const)
      for (const starter of STARTER_TEMPLATES.filter((t) => t.medium !== "sms")) {
        const context = starterContext(starter.name, language);
        const { file } = await pdfOf(
          `all-${language}-${starter.name}`,
          context,
          starterTemplate(starter.name, language),
        );
        const read = words(text(file));
        for (const figure of starter.medium === "letter"
          ? figuresOf(context)
          : [context.totals.balance.text])
          expect(read, `${language}/${starter.name}: ${figure}`).toContain(words(figure));
      }
  });

  it("draws the EPC QR code that a real decoder reads back byte for byte, in UTF-8", async () => {
    const context = letterContext(beConsumerCase("fr"), {
      kind: "book19-first-reminder",
      date: "2026-12-01",
      creditor: {
        name: "Société Générale de Façades SA",
        enterpriseNumber: "0403.170.701",
        iban: "BE71096123456769",
        bic: "GKCCBEBB",
      },
    });
    const payload = context.epcQr;
    if (payload === null) throw new Error("expected an EPC QR payload");
    expect(payload.text).toContain("Façades");
    const { file } = await pdfOf("qr", context, starterTemplate("book19-first-reminder", "fr"));
    execFileSync("pdftoppm", ["-png", "-r", "200", "-f", "1", "-l", "1", file, join(dir, "qr")]);
    const page = readdirSync(dir).find((entry) => entry.startsWith("qr") && entry.endsWith(".png"));
    expect(page).toBeDefined();
    expect(decodeQr(join(dir, page as string))).toEqual(Buffer.from(payload.bytes));
  });

  it("paginates a 300-line statement with its header on every page and no row split", async () => {
    const base = starterContext("statement", "nl");
    const line = base.interestLines[0];
    if (line === undefined) throw new Error("expected an interest line");
    const lines = Array.from({ length: 300 }, (_, index) => ({
      ...line,
      days: index + 1,
      amount: {
        value: `${index + 1}.00`,
        text: `€ ${index + 1},${String(index % 100).padStart(2, "0")}`,
      },
      source: `rate source of line ${index + 1}`,
    }));
    const context = { ...base, interestLines: lines };
    const { file } = await pdfOf("long", context, starterTemplate("statement", "nl"));
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(3);
    const seen = new Set<number>();
    for (let page = 1; page <= pages; page++) {
      const layout = text(file, "-layout", "-f", String(page), "-l", String(page));
      const rows = [...layout.matchAll(/rate source of line (\d+)/g)].map((match) =>
        Number(match[1]),
      );
      if (rows.length === 0) continue;
      // The interest table's header repeats on every page that holds its rows.
      expect(layout, `page ${page}`).toMatch(/Factuur\s+Van\s+Tot\s+Dagen\s+Basis\s+Rentevoet/);
      for (const row of rows) {
        // A row never splits: its amount and its source are on the same printed line.
        const printed =
          layout.split("\n").find((text) => text.includes(`rate source of line ${row}`)) ?? "";
        expect(printed, `row ${row}`).toContain(
          `€ ${row},${String((row - 1) % 100).padStart(2, "0")}`,
        );
        expect(seen.has(row), `row ${row} printed twice`).toBe(false);
        seen.add(row);
      }
    }
    expect(seen.size).toBe(300);
  });

  it.skipIf(!existsSync(EXTERNAL))(
    "decodes published EPC QR images with the same decoder, byte for byte",
    () => {
      const images = readdirSync(EXTERNAL).filter((entry) => entry.endsWith(".png"));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images)
        expect(decodeQr(join(EXTERNAL, image)), image).toEqual(
          readFileSync(join(EXTERNAL, image.replace(/\.png$/, ".decoded.txt"))),
        );
    },
  );
});
