import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "storage-postgres",
    testTimeout: 60_000,
    // Setup appends on PGlite (WebAssembly) take seconds on a loaded 2-core machine.
    hookTimeout: 120_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
