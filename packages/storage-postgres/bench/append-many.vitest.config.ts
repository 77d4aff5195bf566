import { defineConfig } from "vitest/config";

// The benchmark of appendMany: `pnpm --filter @incasso/storage-postgres
// bench:append-many` (needs DATABASE_URL). It reads the workspace's packages from their
// sources (the `@incasso/source` condition), so it measures the store as it is in the tree.
const CONDITIONS = ["@incasso/source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions: CONDITIONS },
  ssr: { resolve: { conditions: CONDITIONS } },
  test: {
    name: "storage-postgres-bench-append-many",
    include: ["bench/append-many.bench.ts"],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    disableConsoleIntercept: true,
  },
});
