import { defineConfig } from "vitest/config";

// The parser benchmarks: `pnpm --filter @incasso/import-bank bench`.
// Not part of `pnpm test`: the package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  // Workspace packages from their sources (as in the tests): for code run in Node, Vite reads
  // ssr.resolve.conditions, without which @incasso/core would resolve to a stale dist/.
  resolve: { conditions: ["@incasso/source", "module", "node", "development|production"] },
  ssr: { resolve: { conditions: ["@incasso/source", "module", "node", "development|production"] } },
  test: {
    name: "import-bank-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 20 * 60_000,
    disableConsoleIntercept: true,
  },
});
