import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "core",
    // The differential and property suites run hundreds of generated cases per test.
    testTimeout: 60_000,
    include: ["src/**/*.test.ts", "spec/**/*.test.ts", "test/**/*.test.ts"],
  },
});
