import type { PGlite } from "@electric-sql/pglite";
import { describeStoreConformance } from "@incasso/testkit";
import { createPostgresStore, fromPglite, migrate } from "../src/index.js";
import { freshPglite } from "./support/pglite.js";

let db: PGlite | undefined;

describeStoreConformance({
  name: "PostgreSQL adapter on PGlite",
  async create() {
    db = await freshPglite();
    await migrate(fromPglite(db));
    return createPostgresStore({ client: fromPglite(db) });
  },
  async dispose() {
    await db?.close();
  },
});
