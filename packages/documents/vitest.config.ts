import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "documents",
    // Chromium starts once per test file; a PDF of a 300-line statement takes a few seconds on a
    // loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
