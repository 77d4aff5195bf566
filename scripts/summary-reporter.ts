import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/** Counts of one vitest run, as the test script aggregates them. */
export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Prints the plain closing line `N passed, N failed, N skipped` that CI reads, and, when
 * `INCASSO_SUMMARY_FILE` is set, writes the counts there so `scripts/test-all.mjs` can add them
 * to the whole run's closing line. A test file that fails to load counts as one failure.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts: RunCounts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      const tests = [...module.children.allTests()];
      for (const test of tests) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === "failed" && tests.length === 0) counts.failed++;
    }
    const file = process.env.INCASSO_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify(counts));
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
