import { defineConfig } from "vitest/config";

// The dispatcher's benchmark: `pnpm --filter @incasso/notify bench`. Not part of `pnpm test`: the
// package's own vitest.config.ts only includes src/ and test/.
export default defineConfig({
  test: {
    name: "notify-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    disableConsoleIntercept: true,
  },
  resolve: { conditions: ["@incasso/source"] },
  ssr: { resolve: { conditions: ["@incasso/source"] } },
});
