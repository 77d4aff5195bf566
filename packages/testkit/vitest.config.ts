import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "testkit",
    testTimeout: 60_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
