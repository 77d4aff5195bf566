import { defineConfig } from "tsup";

const shared = { target: "node20", sourcemap: true } as const;

export default defineConfig([
  {
    ...shared,
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0", noCheck: true } },
  },
  { ...shared, entry: ["src/bin.ts"], format: ["esm"] },
]);
