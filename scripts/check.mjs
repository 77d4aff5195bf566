// `pnpm check`: the quick check while working, on what changed since the last commit (staged,
// unstaged and new files): lint, the types of the packages those files are in (against the other
// packages' sources, so nothing needs building), and the tests that import a changed file
// (`vitest related`, through the workspace's source condition). `pnpm test` stays the whole check
// that CI runs. Prints each step's time; exits 1 when a step fails.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const git = (args) =>
  spawnSync("git", args, { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
const changed = [
  ...new Set([
    ...git(["diff", "--name-only", "HEAD"]),
    ...git(["ls-files", "--others", "--exclude-standard"]),
  ]),
].filter((file) => existsSync(file));
if (changed.length === 0) {
  console.log("nothing changed since the last commit");
  process.exit(0);
}
const packages = [
  ...new Set(changed.map((file) => /^(packages|examples)\/[^/]+/.exec(file)?.[0]).filter(Boolean)),
];
const code = changed.filter((file) => /\.(ts|mjs|js|json)$/.test(file));
let failed = 0;
const report = [];
function step(name, command, args) {
  const started = performance.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  if (!ok) failed++;
  report.push(`${ok ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
}
step("lint", "pnpm", ["-s", "exec", "biome", "check", "--no-errors-on-unmatched", ...changed]);
for (const dir of packages) {
  const project = existsSync(`${dir}/tsconfig.test.json`)
    ? `${dir}/tsconfig.test.json`
    : `${dir}/tsconfig.json`;
  if (existsSync(project))
    step(`types of ${dir}`, "pnpm", [
      "-s",
      "exec",
      "tsc",
      "-p",
      project,
      "--noEmit",
      "--customConditions",
      "@incasso/source",
    ]);
}
if (code.length > 0)
  step("affected tests", "pnpm", [
    "-s",
    "exec",
    "vitest",
    "related",
    "--run",
    "--passWithNoTests",
    ...code,
  ]);
console.log(`\n${report.join("\n")}`);
process.exit(failed > 0 ? 1 : 0);
