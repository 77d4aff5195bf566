import { defineConfig } from "vitest/config";

/** The workspace's packages from their sources, as the tests read them (no build needed). */
const CONDITIONS = ["@incasso/source", "module", "node", "development|production"];

// The handover's benchmark: `pnpm --filter @incasso/export-organi bench`. Not part of `pnpm test`:
// the package's own vitest.config.ts includes src/ and test/ only. It prints one table of medians,
// each row with the baseline it is measured against in the same run and the ratio to it.
export default defineConfig({
  resolve: { conditions: CONDITIONS },
  ssr: { resolve: { conditions: CONDITIONS } },
  test: {
    name: "export-organi-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    disableConsoleIntercept: true,
    fileParallelism: false,
  },
});
