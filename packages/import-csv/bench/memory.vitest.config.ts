import { defineConfig } from "vitest/config";

// The import's memory benchmark: `pnpm --filter @incasso/import-csv bench:memory` (needs DATABASE_URL).
// Not part of `pnpm test`: the package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  resolve: { conditions: ["@incasso/source"] },
  ssr: { resolve: { conditions: ["@incasso/source"] } },
  test: {
    name: "import-csv-memory-bench",
    include: ["bench/memory.bench.ts"],
    testTimeout: 240 * 60_000,
    disableConsoleIntercept: true,
  },
});
