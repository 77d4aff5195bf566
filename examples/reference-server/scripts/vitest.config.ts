import { defineIncassoProject } from "../../../vitest.shared.js";

// The screenshots of the docs: `pnpm --filter @incasso/reference-server screenshots`. Run on
// demand, not in CI: the package's vitest.config.ts includes test/ only.
export default defineIncassoProject({
  test: {
    name: "reference-server-screenshots",
    include: ["scripts/**/*.run.ts"],
    testTimeout: 10 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
