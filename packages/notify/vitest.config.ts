import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "notify",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
