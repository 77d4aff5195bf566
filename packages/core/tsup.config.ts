import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/adapter-kit.ts"],
  // One copy of the shared code (the error classes above all) for both entries, in CJS as in ESM:
  // an error thrown by the adapter kit is an instance of the root entry's classes.
  splitting: true,
  format: ["esm", "cjs"],
  target: "node20",
  sourcemap: true,
  dts: { compilerOptions: { ignoreDeprecations: "6.0", noCheck: true } },
});
