import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";
import { defineProject, mergeConfig } from "vitest/config";

/** Vite's default conditions for code run in Node, after the workspace's source condition. */
const CONDITIONS = ["@incasso/source", "module", "node", "development|production"];

/**
 * What every test project shares: workspace packages resolve to their TypeScript sources through
 * the `@incasso/source` export condition (tests and editors never read a stale build, and a fresh
 * clone runs its tests without building), hook timeouts that fit a loaded 2-core machine, and the
 * setup that makes a fast-check run reproducible from its printed seed (`FC_SEED=<seed>`).
 */
export function defineIncassoProject(config: ViteUserConfig): ViteUserConfig {
  return mergeConfig(
    defineProject({
      resolve: { conditions: CONDITIONS },
      ssr: { resolve: { conditions: CONDITIONS } },
      test: {
        // Tests that start a process (the incasso binary, a server) take seconds on a loaded
        // 2-core machine; 5 s, Vitest's default, is not enough there.
        testTimeout: 30_000,
        hookTimeout: 60_000,
        setupFiles: [fileURLToPath(new URL("./scripts/vitest-setup.ts", import.meta.url))],
      },
    }),
    config,
  );
}
