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
    testTimeout: 60 * 60_000,
    // A million case views and their index need more than the default heap of about 4 GiB: near
    // its limit the collector runs almost without pause and the run crawls.
    execArgv: ["--max-old-space-size=16384"],
    disableConsoleIntercept: true,
  },
});
