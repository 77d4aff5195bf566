import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: {
    name: "export-organi",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
