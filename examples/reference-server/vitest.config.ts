import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "reference-server",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
