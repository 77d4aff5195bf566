// Draws docs/images/bailiff-handover.png: what a bailiff office sees of the sample case's package
// (test/expected/sample-handover.json): the files of the ZIP and its CSV as a spreadsheet opens it.
// Run: node scripts/page-image.mjs (needs Chromium: INCASSO_CHROMIUM or /usr/bin/chromium).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "handover-image-"));
const bundle = join(root, "scripts", ".image-bundle.mjs");
execFileSync(join(root, "node_modules", ".bin", "esbuild"), [
  join(root, "src", "index.ts"),
  "--bundle",
  "--platform=node",
  "--format=esm",
  "--conditions=@incasso/source",
  "--log-level=warning",
  `--outfile=${bundle}`,
]);
try {
  const { DEFAULT_PROFILE, handoverToCsv } = await import(pathToFileURL(bundle).href);
  const handover = JSON.parse(
    readFileSync(join(root, "test", "expected", "sample-handover.json"), "utf8"),
  );
  const csv = handoverToCsv(handover, DEFAULT_PROFILE).replace(/^\uFEFF/, "");
  const rows = csv
    .trim()
    .split("\r\n")
    .map((line) => line.split(";"));
  const keep = [2, 3, 6, 11, 22, 24, 25, 27, 28, 33, 34];
  const text = (value) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const table = rows
    .map(
      (row, index) =>
        `<tr>${keep.map((at) => `<${index === 0 ? "th" : "td"}>${text(row[at] ?? "")}</${index === 0 ? "th" : "td"}>`).join("")}</tr>`,
    )
    .join("");
  const c = handover.cases[0];
  const files = [
    "README.txt",
    ...c.documents.map((document) => document.fileName),
    "handover.csv",
    "handover.json",
    "handover.xml",
    "manifest.json",
    "schema/acknowledgement-1.0.schema.json",
    "schema/handover-1.0.schema.json",
    "schema/handover-1.0.xsd",
  ].sort();
  const html = `<!doctype html><meta charset="utf-8"><style>
body{font:14px "Liberation Sans",Arial,sans-serif;margin:24px;color:#222}
h1{font-size:18px;margin:0 0 4px} p{margin:0 0 12px;color:#555}
.zip{font:13px "Liberation Mono",monospace;background:#f5f5f0;border:1px solid #ccc;padding:8px 12px;width:520px;margin-bottom:18px}
table{border-collapse:collapse;font-size:12px} th,td{border:1px solid #bbb;padding:3px 6px;white-space:nowrap}
th{background:#e8eef6;text-align:left} td{text-align:left}
</style>
<h1>${text(handover.envelope.packageId)}_${text(handover.envelope.bailiff.id)}.zip</h1>
<p>${text(handover.envelope.sender.name)} to ${text(handover.envelope.bailiff.name)} · phase ${text(handover.envelope.phase)} · amounts as of ${text(handover.envelope.cutOffDate)} · balance EUR ${text(handover.envelope.totals.balance)}</p>
<div class="zip">${files.map(escape).join("<br>")}</div>
<p>handover.csv as a spreadsheet opens it (some of its columns):</p>
<table>${table}</table>`;
  const page = join(work, "page.html");
  writeFileSync(page, html);
  execFileSync(
    process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--window-size=1200,390",
      `--screenshot=${join(root, "..", "..", "docs", "images", "bailiff-handover.png")}`,
      pathToFileURL(page).href,
    ],
    { stdio: "ignore" },
  );
  console.log("wrote docs/images/bailiff-handover.png");
} finally {
  rmSync(bundle, { force: true });
  rmSync(work, { recursive: true, force: true });
}
