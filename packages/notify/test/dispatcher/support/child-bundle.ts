// Bundles a TypeScript child script of the tests with esbuild (the one tsup uses) into one ESM
// file, the workspace packages from their sources, so a child process runs the code under test
// and not a stale build. npm packages stay external and resolve from the package's node_modules.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The part of esbuild's API used here (esbuild is tsup's dependency, not the package's). */
type Build = (options: {
  entryPoints: string[];
  outfile: string;
  bundle: boolean;
  platform: "node";
  format: "esm";
  target: string;
  conditions: string[];
  logLevel: "error";
  plugins: {
    name: string;
    setup(build: {
      onResolve(
        options: { filter: RegExp },
        callback: (args: { path: string }) => { path: string; external: boolean } | undefined,
      ): void;
    }): void;
  }[];
}) => Promise<unknown>;

/** The npm packages with native parts or workers, loaded from node_modules (the package's own). */
const EXTERNAL = new Set(["pg", "pg-native", "nodemailer", "@electric-sql/pglite"]);

export async function bundleChild(entry: string, name: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve("tsup")).resolve("esbuild");
  const { build } = (await import(pathToFileURL(esbuild).href)) as { build: Build };
  const dir = join(import.meta.dirname, "..", "..", "..", "node_modules", ".cache", "incasso-test");
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@incasso/source"],
    logLevel: "error",
    plugins: [
      {
        name: "npm-external",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            EXTERNAL.has(args.path) ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
  });
  return outfile;
}
