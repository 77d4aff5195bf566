// Draws the growth curves of docs/performance.md as SVG from the JSON the benchmarks write.
// Run the benchmarks with BENCH_JSON=<dir>/run, then: node bench/charts.mjs <dir>
// (from packages/core). Writes docs/images/performance-*.svg at the repository's root.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.argv[2];
if (dir === undefined)
  throw new Error("usage: node bench/charts.mjs <directory of the bench JSON>");
const images = join(dirname(fileURLToPath(import.meta.url)), "../../../docs/images");
const tables = readdirSync(dir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")));
const table = (title) => {
  const found = tables.find((candidate) => candidate.title === title);
  if (found === undefined) throw new Error(`no table "${title}" in ${dir}`);
  return found;
};

const xml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const µs = (ns) => ns / 1000;

/**
 * A line chart: x on a log scale (the size of one dimension), y the median in µs, one line per
 * series (the measure, and its baseline in grey), each point labelled with its value.
 */
function chart({ title, xLabel, yLabel, series, note }) {
  const width = 720;
  const height = 400;
  const left = 70;
  const right = 44;
  const top = 48;
  const bottom = 64;
  const xs = series.flatMap((line) => line.points.map((point) => point.x));
  const ys = series.flatMap((line) => line.points.map((point) => point.y));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...ys) * 1.1;
  const x = (value) =>
    left +
    (xMax === xMin
      ? 0
      : ((Math.log(value) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) *
        (width - left - right));
  const y = (value) => top + (1 - value / yMax) * (height - top - bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${xml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${xml(title)}</text>`,
    `<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">${xml(note)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (yMax / 4) * i;
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e5e5"/>`,
      `<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end">${value < 10 ? value.toFixed(1) : value.toFixed(0)}</text>`,
    );
  }
  for (const value of [...new Set(xs)])
    parts.push(
      `<text x="${x(value)}" y="${height - bottom + 18}" text-anchor="middle">${value.toLocaleString("en")}</text>`,
    );
  parts.push(
    `<text x="${width / 2}" y="${height - 18}" text-anchor="middle">${xml(xLabel)}</text>`,
    `<text transform="translate(16 ${height / 2}) rotate(-90)" text-anchor="middle">${xml(yLabel)}</text>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>`,
  );
  series.forEach((line, index) => {
    const path = line.points.map((point) => `${x(point.x)},${y(point.y)}`).join(" ");
    parts.push(
      `<polyline points="${path}" fill="none" stroke="${line.color}" stroke-width="2"/>`,
      ...line.points.map(
        (point) =>
          `<circle cx="${x(point.x)}" cy="${y(point.y)}" r="3.5" fill="${line.color}"/><text x="${x(point.x) + 5}" y="${y(point.y) - 7}" fill="${line.color}">${point.y < 10 ? point.y.toFixed(2) : point.y.toFixed(0)}</text>`,
      ),
      `<rect x="${left + 12}" y="${top + 8 + index * 18}" width="12" height="12" fill="${line.color}"/>`,
      `<text x="${left + 30}" y="${top + 18 + index * 18}">${xml(line.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

const sizeOf = (measure, pattern) => Number(pattern.exec(measure)?.[1]?.replace(/,/g, ""));
const write = (name, svg) => {
  writeFileSync(join(images, name), svg);
  console.log(`wrote docs/images/${name}`);
};
const loadNote = (data) =>
  `load average ${data.load[0].split(" ")[0]} at the start, CPU time medians`;

const statementGrowth = table("Statement growth");
for (const [dimension, pattern, file] of [
  ["claims", /^claims: (\d+)/, "performance-statement-claims.svg"],
  ["payments", /^payments: (\d+)/, "performance-statement-payments.svg"],
]) {
  const rows = statementGrowth.rows.filter((row) => pattern.test(row.measure));
  write(
    file,
    chart({
      title: `Statement, every field read, by number of ${dimension}`,
      note: loadNote(statementGrowth),
      xLabel: `${dimension} (log scale)`,
      yLabel: "median µs per statement",
      series: [
        {
          name: "computeStatement",
          color: "#1f77b4",
          points: rows.map((row) => ({ x: sizeOf(row.measure, pattern), y: µs(row.median) })),
        },
        {
          name: "floor: its lines in BigInt",
          color: "#999",
          points: rows.map((row) => ({
            x: sizeOf(row.measure, pattern),
            y: µs(row.baselineMedian),
          })),
        },
      ],
    }),
  );
}

const planGrowth = table("Payment plan growth");
const planPattern = /^planState, (\d+) weekly/;
write(
  "performance-plan-instalments.svg",
  chart({
    title: "planState by number of instalments (as many payments)",
    note: loadNote(planGrowth),
    xLabel: "instalments (log scale)",
    yLabel: "median µs per call",
    series: [
      {
        name: "planState",
        color: "#2ca02c",
        points: planGrowth.rows.map((row) => ({
          x: sizeOf(row.measure, planPattern),
          y: µs(row.median),
        })),
      },
      {
        name: "floor: the allocation in BigInt",
        color: "#999",
        points: planGrowth.rows.map((row) => ({
          x: sizeOf(row.measure, planPattern),
          y: µs(row.baselineMedian),
        })),
      },
    ],
  }),
);

const agenda = table("Agenda step");
const casesPattern = /^([\d,]+) cases/;
write(
  "performance-agenda-cases.svg",
  chart({
    title: "Agenda step per case by number of cases",
    note: `${loadNote(agenda)}; target ≤ 20 µs per case`,
    xLabel: "cases (log scale)",
    yLabel: "median µs per case",
    series: [
      ["a page of 500 held at a time", "a page of 500 at a time (daily run)", "#2ca02c"],
      ["all held at once with the fold and totals", "all at once, fold and totals", "#d62728"],
      ["all held at once with whole statements", "all at once, whole statements", "#ff7f0e"],
    ].map(([hold, name, color]) => ({
      name,
      color,
      points: agenda.rows
        .filter((row) => row.measure.includes(hold))
        .map((row) => ({ x: sizeOf(row.measure, casesPattern), y: µs(row.median) })),
    })),
  }),
);

const events = table("Agenda step growth in events");
const eventsPattern = /\(([\d.]+) events per case\)/;
write(
  "performance-agenda-events.svg",
  chart({
    title: "Agenda step per case by events per case (10,000 cases)",
    note: loadNote(events),
    xLabel: "events per case (log scale)",
    yLabel: "median µs per case",
    series: [
      {
        name: "agenda step",
        color: "#9467bd",
        points: [
          { x: 5, y: µs(events.rows[0].baselineMedian) },
          ...events.rows.map((row) => ({
            x: sizeOf(row.measure, eventsPattern),
            y: µs(row.median),
          })),
        ],
      },
    ],
  }),
);
