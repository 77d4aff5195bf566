import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "memory",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
