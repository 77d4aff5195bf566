// The README's test command: every check CI runs, in order, with one closing line for the whole
// run: "N passed, N failed". Vitest tests and golden vectors count one each; every other step
// (lint, typecheck, build, package checks, API docs) counts as one check. All steps run even when
// one fails, so one run shows every problem; the exit code is 1 when anything failed.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const summaryFile = join(mkdtempSync(join(tmpdir(), "incasso-test-")), "vitest.json");

/** Runs a command, echoing its output; resolves with its exit code and what it printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => process.stderr.write(chunk));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const steps = [
  { name: "lint", run: () => run("pnpm", ["lint"]) },
  // The build comes first: the CLI is typechecked against the core's published .d.ts, as users see it.
  { name: "build", run: () => run("pnpm", ["build"]) },
  { name: "typecheck", run: () => run("pnpm", ["typecheck"]) },
  {
    name: "unit and property tests",
    counts: () => JSON.parse(readFileSync(summaryFile, "utf8")),
    run: () => run("pnpm", ["-s", "exec", "vitest", "run"], { INCASSO_SUMMARY_FILE: summaryFile }),
  },
  {
    name: "package checks (publint, are-the-types-wrong)",
    run: () => run("pnpm", ["check:packages"]),
  },
  {
    name: "API docs (typedoc, TSDoc check)",
    run: async () => {
      const docs = await run("pnpm", ["-s", "docs:api"]);
      return docs.code !== 0 ? docs : run("node", ["scripts/check-api-docs.mjs"]);
    },
  },
  { name: "golden vectors", vectors: true, run: () => run("pnpm", ["-s", "vectors"]) },
];

let passed = 0;
let failed = 0;
const report = [];
for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ ${step.name}`);
  const result = await step.run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  let stepPassed = 0;
  let stepFailed = 0;
  if (step.counts) {
    try {
      const counts = step.counts();
      stepPassed = counts.passed;
      stepFailed = counts.failed + (result.code !== 0 && counts.failed === 0 ? 1 : 0);
    } catch {
      stepFailed = 1;
    }
  } else if (step.vectors) {
    const line = result.output.trim().split("\n").at(-1) ?? "";
    const match = /^(\d+) passed, (\d+) failed$/.exec(line);
    stepPassed = match ? Number(match[1]) : 0;
    stepFailed = match ? Number(match[2]) + (result.code !== 0 && match[2] === "0" ? 1 : 0) : 1;
  } else if (result.code === 0) stepPassed = 1;
  else stepFailed = 1;
  passed += stepPassed;
  failed += stepFailed;
  report.push(
    `${stepFailed === 0 ? "ok  " : "FAIL"} ${step.name}: ${stepPassed} passed, ${stepFailed} failed (${seconds} s)`,
  );
}
console.log(`\n${report.join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
