import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sampleCase } from "@incasso/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlQueryable } from "../src/index.js";
import { createPostgresStore, fromPg, fromPglite, migrate } from "../src/index.js";
import { freshPglite } from "./support/pglite.js";
import type { TestDatabase } from "./support/server.js";
import { createTestDatabase } from "./support/server.js";
import { onServer } from "./support/server-suite.js";

const AS_OF = "2026-01-31";

/** Two tenants with a client and a case each, written through the store. */
async function seed(db: Parameters<typeof createPostgresStore>[0]["client"]) {
  const store = createPostgresStore({ client: db });
  for (const tenantId of ["firm-a", "firm-b"]) {
    const scope = { tenantId };
    await store.putClient(scope, { id: "acme", name: `Acme of ${tenantId}` });
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: 0,
      events: sampleCase(1),
      outbox: [{ key: "M1", kind: "send-email", payload: {} }],
      asOf: AS_OF,
    });
  }
}

/** What an ordinary (non-superuser) role sees and may write, in a transaction of `firm-a`. */
async function asTenantA(tx: SqlQueryable) {
  await tx.query("SELECT set_config('incasso.tenant_id', 'firm-a', true)");
  const count = async (table: string) =>
    (
      await tx.query<{ tenants: string[] }>(
        `SELECT COALESCE(array_agg(DISTINCT tenant_id ORDER BY tenant_id), '{}') AS tenants FROM ${table}`,
      )
    ).rows[0]?.tenants;
  return {
    // Queries without any tenant filter: the policy adds it.
    clients: await count("clients"),
    cases: await count("cases"),
    events: await count("events"),
    outbox: await count("outbox"),
  };
}

const SEEN = { clients: ["firm-a"], cases: ["firm-a"], events: ["firm-a"], outbox: ["firm-a"] };

describe("row-level security on PGlite", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await freshPglite();
    await migrate(db);
    await seed(fromPglite(db));
    await db.exec(`
      CREATE ROLE incasso_app NOLOGIN;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO incasso_app;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO incasso_app;`);
  });
  afterAll(async () => {
    await db.close();
  });

  it("shows an ordinary role only the rows of the transaction's tenant, and none without one", async () => {
    const seen = await db.transaction(async (tx) => {
      await tx.query("SET LOCAL ROLE incasso_app");
      const { rows } = await tx.query<{ superuser: boolean }>(
        "SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user",
      );
      expect(rows[0]?.superuser).toBe(false);
      expect((await tx.query("SELECT * FROM cases")).rows).toEqual([]);
      return asTenantA(tx);
    });
    expect(seen).toEqual(SEEN);
  });

  it("refuses to let an ordinary role write a row of another tenant", async () => {
    const error = await db
      .transaction(async (tx) => {
        await tx.query("SET LOCAL ROLE incasso_app");
        await tx.query("SELECT set_config('incasso.tenant_id', 'firm-a', true)");
        await tx.query(
          "INSERT INTO clients (tenant_id, client_id, name) VALUES ('firm-b', 'x', 'X')",
        );
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "42501" });
    expect(String(error)).toMatch(/row-level security/);
  });

  it("lets a superuser see everything (which is why production uses an ordinary role)", async () => {
    const { rows } = await db.query("SELECT DISTINCT tenant_id FROM cases ORDER BY tenant_id");
    expect(rows).toEqual([{ tenant_id: "firm-a" }, { tenant_id: "firm-b" }]);
  });
});

describe.skipIf(!onServer("the row-level security tests"))(
  "row-level security on the PostgreSQL server, with the store connected as an ordinary role",
  () => {
    let db: TestDatabase;
    let app: pg.Pool;
    const role = `incasso_app_${randomBytes(6).toString("hex")}`;
    const password = randomBytes(12).toString("hex");
    beforeAll(async () => {
      db = await createTestDatabase();
      await migrate(db.pool);
      await db.pool.query(
        `CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOBYPASSRLS`,
      );
      await db.pool.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role};`,
      );
      const url = new URL(db.url);
      url.username = role;
      url.password = password;
      app = new pg.Pool({ connectionString: url.toString(), max: 2 });
      await seed(app); // the whole store works as the ordinary role
    });
    afterAll(async () => {
      await app?.end();
      await db?.pool.query(`DROP OWNED BY ${role}`);
      await db?.dispose();
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    });

    it("shows the role only the rows of the transaction's tenant, and none without one", async () => {
      expect((await app.query("SELECT * FROM cases")).rows).toEqual([]);
      expect(await fromPg(app).transaction(asTenantA)).toEqual(SEEN);
      const store = createPostgresStore({ client: app });
      expect((await store.listCases({ tenantId: "firm-b" })).items).toHaveLength(1);
    });

    it("refuses to let the role write a row of another tenant", async () => {
      const error = await fromPg(app)
        .transaction(async (tx) => {
          await tx.query("SELECT set_config('incasso.tenant_id', 'firm-a', true)");
          await tx.query(
            "INSERT INTO clients (tenant_id, client_id, name) VALUES ('firm-b', 'x', 'X')",
          );
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "42501" });
    });

    it("keeps the events append-only even for a role allowed to update and delete", async () => {
      const error = await fromPg(app)
        .transaction(async (tx) => {
          await tx.query("SELECT set_config('incasso.tenant_id', 'firm-a', true)");
          await tx.query("DELETE FROM events WHERE case_id = 'C1'");
        })
        .catch((e: unknown) => e);
      expect(String(error)).toMatch(/append-only/);
    });
  },
);
