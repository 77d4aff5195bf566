import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The core's benchmarks: `pnpm --filter @incasso/core bench`. Not part of `pnpm test`: the core's
// own vitest.config.ts only includes src/, spec/ and test/. Each file prints one table of medians,
// every row with the baseline it is measured against in the same run and the ratio to it.
//
// They measure the built package (dist/, as users run it: `pnpm --filter @incasso/core build`
// first) when it exists and BENCH_SOURCE is not set. Run from the sources, every call between two
// modules goes through the test runner's module wrapper, which costs the engine's many small
// functions a factor of 2 to 3 that no user pays.
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const fromDist = existsSync(dist) && process.env.BENCH_SOURCE === undefined;
console.log(`benchmarks of the core from ${fromDist ? "dist/ (the built package)" : "src/"}`);

export default defineConfig({
  resolve: {
    alias: fromDist ? [{ find: /^\.\.\/src\/index\.js$/, replacement: dist }] : [],
  },
  test: {
    name: "core-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    // Print the tables as they come, not buffered per test.
    disableConsoleIntercept: true,
    // The agenda benchmark reads the heap after a full collection.
    execArgv: ["--expose-gc"],
    // One file at a time: two benchmarks in parallel would measure each other.
    fileParallelism: false,
  },
});
