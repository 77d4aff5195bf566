// Writes the JSON Schemas of the handover package and of the acknowledgement into schema/,
// generated from the zod model (z.toJSONSchema). Run: pnpm --filter @incasso/export-organi schema
// A test fails when the shipped files differ from what this writes.

import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "scripts", ".schema-bundle.mjs");
// esbuild (vite's, in node_modules/.bin) bundles the TypeScript sources for Node.
execFileSync(join(root, "node_modules", ".bin", "esbuild"), [
  join(root, "src", "model", "handover-json-schema.ts"),
  "--bundle",
  "--platform=node",
  "--format=esm",
  "--conditions=@incasso/source",
  "--log-level=warning",
  `--outfile=${bundle}`,
]);
try {
  const { acknowledgementJsonSchemaText, handoverJsonSchemaText } = await import(
    pathToFileURL(bundle).href
  );
  writeFileSync(join(root, "schema", "handover-1.0.schema.json"), handoverJsonSchemaText());
  writeFileSync(
    join(root, "schema", "acknowledgement-1.0.schema.json"),
    acknowledgementJsonSchemaText(),
  );
  console.log("wrote schema/handover-1.0.schema.json and schema/acknowledgement-1.0.schema.json");
} finally {
  rmSync(bundle, { force: true });
}
