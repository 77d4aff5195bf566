import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/open-store.js";
import { UsageError } from "../src/options.js";

const dir = mkdtempSync(join(tmpdir(), "incasso-open-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openStore", () => {
  it("opens a PGlite directory, migrated, and keeps what was written across openings", async () => {
    const first = await openStore(join(dir, "db"), "firm-1");
    await first.store.putClient(first.scope, { id: "acme", name: "Acme NV" });
    await first.close();
    const second = await openStore(join(dir, "db"), "firm-1");
    expect(await second.store.listClients(second.scope)).toEqual([
      expect.objectContaining({ id: "acme", name: "Acme NV" }),
    ]);
    await second.close();
  });

  it("answers a bad tenant with a usage error naming --tenant", async () => {
    await expect(openStore(join(dir, "db2"), "no spaces")).rejects.toThrow(UsageError);
    await expect(openStore(join(dir, "db2"), "no spaces")).rejects.toThrow(/--tenant/);
  });
});
