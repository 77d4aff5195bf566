import type { PGlite } from "@electric-sql/pglite";
import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
import { freshPglite } from "../../../storage-postgres/test/support/pglite.js";
import { describeImportExamples } from "./examples-suite.js";
import { describePipelineSuite } from "./pipeline-suite.js";

const databases: PGlite[] = [];

const pglite = {
  name: "PGlite",
  async create() {
    const db = await freshPglite();
    databases.push(db);
    await migrate(fromPglite(db));
    return createPostgresStore({ client: fromPglite(db) });
  },
  async dispose() {
    await databases.pop()?.close();
  },
};
describePipelineSuite(pglite);
describeImportExamples(pglite);
