import { defineIncassoProject } from "../../vitest.shared.js";

export default defineIncassoProject({
  test: { name: "cli", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
