import { defineConfig } from "vitest/config";

// The letters benchmark: `pnpm --filter @incasso/documents bench` (needs Debian's chromium).
// Not part of `pnpm test`: the package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  test: {
    name: "documents-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    disableConsoleIntercept: true,
  },
});
