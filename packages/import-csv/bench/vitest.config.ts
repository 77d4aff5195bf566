import { defineConfig } from "vitest/config";

// The import benchmark: `pnpm --filter @incasso/import-csv bench` (needs DATABASE_URL).
// Not part of `pnpm test`: the package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  resolve: { conditions: ["@incasso/source"] },
  ssr: { resolve: { conditions: ["@incasso/source"] } },
  test: {
    name: "import-csv-bench",
    include: ["bench/import.bench.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    disableConsoleIntercept: true,
  },
});
