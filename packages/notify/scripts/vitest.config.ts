import { defineIncassoProject } from "../../../vitest.shared.js";

// The picture of docs/messaging.md: `pnpm --filter @incasso/notify images`. Run on demand, not in
// CI: the package's vitest.config.ts includes src/ and test/ only.
export default defineIncassoProject({
  test: {
    name: "notify-images",
    include: ["scripts/**/*.run.ts"],
    testTimeout: 10 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
