import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "import-bank",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
