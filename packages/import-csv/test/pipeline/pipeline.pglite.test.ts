import type { PGlite } from "@electric-sql/pglite";
import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
import { freshPglite } from "../../../storage-postgres/test/support/pglite.js";
import { describePipelineSuite } from "./pipeline-suite.js";

let db: PGlite | undefined;

describePipelineSuite({
  name: "PGlite",
  async create() {
    db = await freshPglite();
    await migrate(fromPglite(db));
    return createPostgresStore({ client: fromPglite(db) });
  },
  async dispose() {
    await db?.close();
  },
});
