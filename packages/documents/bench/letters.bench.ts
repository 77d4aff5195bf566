// 1,000 letters of a typical case (the Dutch 14-day letter with its statement, payment block and
// EPC QR code) to PDF with one browser, against the same 1,000 letters to HTML only, in the same
// run: letters per second, and memory (this process's RSS and heap, the browser's processes' RSS).
//
// Run: pnpm --filter @incasso/documents bench   (BENCH_LETTERS=200 for a quick try;
// BENCH_PAGES sets the page pool, default 2 on a 2-core machine)
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { expect, test } from "vitest";
import { createHtmlRenderer, createPdfRenderer, starterTemplate } from "../src/index.js";
import { starterContext } from "../test/fixtures.js";

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1000);
const PAGES = Number(process.env.BENCH_PAGES ?? 2);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The resident memory of the Chromium processes of this machine, in bytes. */
function chromiumRss(): number {
  const out = execFileSync("ps", ["-eo", "rss=,comm="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => /chrom/i.test(line))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[0]) * 1024, 0);
}

async function timed(
  renderer: ReturnType<typeof createHtmlRenderer>,
  format: "html" | "pdf",
  concurrency: number,
): Promise<{ seconds: number; bytes: number }> {
  const template = starterTemplate("letter14", "nl");
  const context = starterContext("letter14", "nl");
  let next = 0;
  let bytes = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < LETTERS) {
        next++;
        bytes += (await renderer.render(template, context, format)).bytes.length;
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, bytes };
}

test(`${LETTERS} letters to PDF with one browser, against HTML only`, async () => {
  const html = createHtmlRenderer();
  await timed(html, "html", 1); // warm-up: parse caches, JIT
  const htmlRun = await timed(html, "html", 1);
  const pdf = createPdfRenderer({ pages: PAGES });
  const before = process.memoryUsage();
  const first = process.hrtime.bigint();
  await pdf.render(starterTemplate("letter14", "nl"), starterContext("letter14", "nl"), "pdf");
  const startup = Number(process.hrtime.bigint() - first) / 1e9;
  const pdfRun = await timed(pdf, "pdf", PAGES);
  const after = process.memoryUsage();
  const browser = chromiumRss();
  await pdf.close();
  const rows = [
    ["machine", `${cpus().length} cores, Node ${process.version}, page pool ${PAGES}`],
    [
      "HTML only",
      `${(LETTERS / htmlRun.seconds).toFixed(0)} letters/s (${htmlRun.seconds.toFixed(2)} s)`,
    ],
    [
      "PDF",
      `${(LETTERS / pdfRun.seconds).toFixed(1)} letters/s (${pdfRun.seconds.toFixed(1)} s), ${(pdfRun.bytes / LETTERS / 1024).toFixed(0)} KB a letter`,
    ],
    ["PDF / HTML time per letter", `${(pdfRun.seconds / htmlRun.seconds).toFixed(0)} ×`],
    ["browser start + first PDF", `${startup.toFixed(2)} s`],
    [
      "this process",
      `RSS ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}`,
    ],
    ["Chromium processes", `RSS ${mb(browser)} in all`],
  ];
  console.log(`\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}\n`);
  expect(pdfRun.bytes).toBeGreaterThan(0);
});
