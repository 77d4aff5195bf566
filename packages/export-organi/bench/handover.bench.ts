// The cost of a handover package per case, against the case statements it is made from, measured
// in the same run: `exportToBailiff` on an in-memory store (selection by case numbers, each case
// with two claims, a payment and an invoice of 3 KiB per claim; no renderer), against
// `caseStatement` of the same cases as of the same cut-off date. The export is timed on reruns:
// the first run records the handovers, every timed run answers the same package (the appends
// replay), which is the same work of reading, computing, writing the JSON, XML, CSV and ZIP.
// Run: pnpm --filter @incasso/export-organi bench (from packages/export-organi).
import { loadavg } from "node:os";
import type { CaseEventJson } from "@incasso/core";
import { caseStatement, parseIsoDate } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { it } from "vitest";
import { exportToBailiff } from "../src/index.js";
import { CREDITORS, OFFICE, SENDER, sampleEvents } from "../test/support/sample.js";

const CUT_OFF = "2026-06-30";
const SIZES = [1, 10, 100];
const RUNS = 15;
const INVOICE = new TextEncoder().encode(
  "%PDF-1.4\n% an invoice, front and back\n%%EOF\n".repeat(80),
);

const cpuNow = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) * 1000;
};
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;

it("the handover package per case, against the case statements", async () => {
  const loadAtStart = loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  const rows: string[] = [];
  for (const size of SIZES) {
    const store = createMemoryStore();
    const scope = { tenantId: "bench" };
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    const numbers: string[] = [];
    const cases: CaseEventJson[][] = [];
    for (let i = 1; i <= size; i++) {
      const caseNumber = `2026/${String(i).padStart(5, "0")}`;
      const events = sampleEvents({ caseNumber });
      await store.append(scope, { caseId: `C${i}`, expectedVersion: 0, events, asOf: CUT_OFF });
      numbers.push(caseNumber);
      cases.push(events);
    }
    const run = () =>
      exportToBailiff({
        store,
        scope,
        selection: { caseNumbers: numbers },
        office: OFFICE,
        sender: SENDER,
        phase: "amicable",
        cutOff: CUT_OFF,
        createdAt: "2026-06-30T08:00:00Z",
        by: "bench",
        creditors: CREDITORS,
        documents: {
          invoice: async () => ({ bytes: INVOICE, mediaType: "application/pdf" }),
        },
      });
    const first = await run();
    if (first.package === null || first.handedOver.length !== size)
      throw new Error(`expected ${size} cases handed over`);
    const statements = () => {
      for (const events of cases) caseStatement(events, parseIsoDate(CUT_OFF));
    };
    const work: number[] = [];
    const base: number[] = [];
    const wall: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      let started = cpuNow();
      const startedWall = performance.now();
      await run();
      work.push(cpuNow() - started);
      wall.push((performance.now() - startedWall) * 1e6);
      started = cpuNow();
      statements();
      base.push(cpuNow() - started);
    }
    const perCase = median(work) / size;
    const basePerCase = median(base) / size;
    rows.push(
      `| ${size} | ${ms(perCase)} (${ms(median(wall) / size)}) | ${ms(basePerCase)} | ${(perCase / basePerCase).toFixed(1)} | ${(first.package.bytes.length / 1024).toFixed(1)} KiB (${(first.package.bytes.length / size / 1024).toFixed(1)} KiB a case) |`,
    );
  }
  const end = loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  console.log(
    [
      "",
      "### A handover package per case, against the case statements",
      "",
      `Node ${process.version}, load average ${loadAtStart} at the start, ${end} at the end; ${RUNS} runs each, medians of CPU time (wall clock in brackets).`,
      "",
      "| cases | package, per case | caseStatement, per case | ratio | ZIP |",
      "| ---: | ---: | ---: | ---: | ---: |",
      ...rows,
      "",
    ].join("\n"),
  );
});
