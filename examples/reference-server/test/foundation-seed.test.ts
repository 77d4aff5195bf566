import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/demo/seed.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("the demo data", () => {
  it("has cases at every stage in both firms, and today's agenda has entries", async () => {
    const be = await server.services.store.listCases({ tenantId: "be-peeters" }, { limit: 100 });
    expect(be.items.length).toBeGreaterThanOrEqual(11);
    const agenda = await server.services.store.listAgenda(
      { tenantId: "be-peeters" },
      { runDate: server.services.today().toString() },
    );
    expect(agenda.items.length).toBeGreaterThan(0);
  });

  it("seeding again changes nothing", async () => {
    const again = await seedDemo(server.services);
    expect(again).toMatchObject({ users: 0, cases: 0 });
  });
});
