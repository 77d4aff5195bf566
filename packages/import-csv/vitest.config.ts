import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "import-csv",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
