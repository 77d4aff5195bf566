import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./scripts/summary-reporter.js";
import projects from "./vitest.workspace.js";

export default defineConfig({
  test: {
    projects,
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, which runs
    // every test file after the other while most of them wait on PostgreSQL, PGlite or Chromium.
    maxWorkers: 2,
    reporters: ["default", new SummaryReporter()],
  },
});
