// Runs the golden vectors: the project's shared public set (../shared/vectors, beside the clone in
// CI) when it is there, and the project's own examples/vectors always. Ends with the runner's
// "N passed, N failed" line and its exit code.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const paths = ["examples/vectors"];
if (existsSync("../shared/vectors")) paths.unshift("../shared/vectors");
else
  console.log(
    "note: ../shared/vectors is not beside this clone; running the project's own vectors only",
  );
const result = spawnSync(process.execPath, ["packages/cli/dist/bin.js", "vectors", ...paths], {
  stdio: "inherit",
});
process.exitCode = result.status ?? 1;
