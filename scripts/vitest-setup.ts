// Every test file: a fast-check property prints its seed when it fails ("with seed=..." in the
// test title, and `{ seed, path }` in the report); `FC_SEED=<seed> pnpm vitest run <file>` replays
// every property of the run with that seed, `FC_PATH` with the shrink path too.
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== "") {
  const path = process.env.FC_PATH;
  fc.configureGlobal({
    ...fc.readConfigureGlobal(),
    seed: Number(seed),
    ...(path === undefined || path === "" ? {} : { path }),
  });
}
