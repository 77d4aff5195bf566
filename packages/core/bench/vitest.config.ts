import { defineConfig } from "vitest/config";

// The core's benchmarks: `pnpm --filter @incasso/core bench`. Not part of `pnpm test`: the core's
// own vitest.config.ts only includes src/, spec/ and test/. Each file prints one table of medians,
// every row with the baseline it is measured against in the same run and the ratio to it.
export default defineConfig({
  test: {
    name: "core-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    // Print the tables as they come, not buffered per test.
    disableConsoleIntercept: true,
    // One file at a time: two benchmarks in parallel would measure each other.
    fileParallelism: false,
  },
});
