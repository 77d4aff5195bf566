/**
 * The test projects of the repository: the one place that lists them. Vitest 4 reads projects from
 * `test.projects` in `vitest.config.ts`, which imports this list.
 */
export default ["packages/*", "examples/daily-run-queue", "examples/reference-server"];
