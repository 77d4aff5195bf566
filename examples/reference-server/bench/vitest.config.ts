import { defineIncassoProject } from "../../../vitest.shared.js";

// The load benchmark: `pnpm --filter @incasso/reference-server bench` (needs DATABASE_URL). Not part
// of the tests: the package's vitest.config.ts includes test/ only.
export default defineIncassoProject({
  test: {
    name: "reference-server-bench",
    include: ["bench/**/*.bench.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    disableConsoleIntercept: true,
  },
});
