import { defineConfig } from "vitest/config";

// The PostgreSQL benchmarks: `pnpm --filter @incasso/storage-postgres bench` (needs DATABASE_URL).
// Not part of `pnpm test`: the package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  test: {
    name: "storage-postgres-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    // Print the progress lines and the table as they come, not buffered per test.
    disableConsoleIntercept: true,
  },
});
