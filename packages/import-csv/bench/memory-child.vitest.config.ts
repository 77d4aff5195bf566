import { defineConfig } from "vitest/config";

// One import of the memory benchmark in a process of its own (started by bench/memory.bench.ts).
export default defineConfig({
  resolve: { conditions: ["@incasso/source"] },
  ssr: { resolve: { conditions: ["@incasso/source"] } },
  test: {
    name: "import-csv-memory-child",
    include: ["bench/memory-child.bench.ts"],
    testTimeout: 120 * 60_000,
    hookTimeout: 5 * 60_000,
    disableConsoleIntercept: true,
  },
});
