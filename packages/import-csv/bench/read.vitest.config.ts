import { defineConfig } from "vitest/config";

// The reading benchmark: `pnpm --filter @incasso/import-csv bench:read`.
// Not part of `pnpm test`: the package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  resolve: { conditions: ["@incasso/source"] },
  test: {
    name: "import-csv-read-bench",
    include: ["bench/read*.bench.ts"],
    testTimeout: 30 * 60_000,
    disableConsoleIntercept: true,
  },
});
