import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  target: "node20",
  sourcemap: true,
  shims: true,
  dts: { compilerOptions: { ignoreDeprecations: "6.0", noCheck: true } },
});
