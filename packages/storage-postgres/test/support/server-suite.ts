import { serverUrl } from "./server.js";

/**
 * Whether the server suites of a test file run: true when `DATABASE_URL` names a PostgreSQL
 * server. When it does not, prints a loud warning naming what was skipped, so a green run without
 * the server is never mistaken for a run on PostgreSQL 15.
 */
export function onServer(what: string): boolean {
  if (serverUrl() !== undefined) return true;
  console.warn(
    `\n*** storage-postgres: ${what} on the PostgreSQL server SKIPPED: DATABASE_URL is not set (.ci/run sets it to a PostgreSQL 15 database). ***\n`,
  );
  return false;
}
