import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "core",
    // The differential and property suites run hundreds of generated cases per test.
    testTimeout: 60_000,
    // The core is pure (no globals, no I/O, no clock): its test files share one module graph per
    // worker instead of each importing the core anew.
    isolate: false,
    include: ["src/**/*.test.ts", "spec/**/*.test.ts", "test/**/*.test.ts"],
  },
});
