import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextDailyRun } from "../src/jobs/daily-work.js";
import { startInProcessWork } from "../src/jobs/in-process.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

// A Wednesday, 10:00 in Brussels: inside the hours of contact, so the dispatcher sends at once.
const NOW = Temporal.Instant.from("2026-11-25T09:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
});
afterAll(async () => {
  await server?.close();
});

describe("when the daily work runs", () => {
  it("next is 06:00 in the firm's zone: today while it is ahead, else tomorrow", () => {
    expect(
      nextDailyRun(Temporal.Instant.from("2026-11-25T04:00:00Z"), "Europe/Brussels").toString(),
    ).toBe("2026-11-25T05:00:00Z");
    expect(
      nextDailyRun(Temporal.Instant.from("2026-11-25T05:00:00Z"), "Europe/Brussels").toString(),
    ).toBe("2026-11-26T05:00:00Z");
    expect(
      nextDailyRun(Temporal.Instant.from("2026-11-25T09:00:00Z"), "Europe/Amsterdam").toString(),
    ).toBe("2026-11-26T05:00:00Z");
  });

  it("across the change to summer time 06:00 local stays 06:00 local (04:00 UTC)", () => {
    expect(
      nextDailyRun(Temporal.Instant.from("2026-03-28T12:00:00Z"), "Europe/Brussels").toString(),
    ).toBe("2026-03-29T04:00:00Z");
  });
});

describe("the in-process background work on PGlite", () => {
  it("runs each firm's daily work at start, and the dispatcher sends a queued e-mail into the firm's .eml folder", async () => {
    const scope = { tenantId: "be-peeters" };
    const events = await server.services.store.readEvents(scope, "BE-0001");
    await server.services.store.append(scope, {
      caseId: "BE-0001",
      expectedVersion: events.length,
      events: [
        {
          id: `e${events.length + 1}`,
          type: "note.added",
          at: "2026-11-25",
          recordedAt: NOW.toString(),
          by: "be-clerk",
          text: "Sent the debtor a copy of the invoice",
        },
      ],
      outbox: [
        {
          key: "BE-0001.copy",
          kind: "send-email",
          payload: {
            debtorId: "D-JANSSENS",
            subject: "Kopie factuur AB-2026-0412",
            text: "Geachte,\n\nIn bijlage vindt u een kopie van de factuur.",
          },
        },
      ],
      asOf: "2026-11-25",
    });
    const work = startInProcessWork(server.services);
    const folder = join(server.services.mailDir ?? "", "be-peeters");
    let files: string[] = [];
    let days = 0;
    try {
      for (let wait = 0; wait < 120 && (files.length === 0 || days < 2); wait++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        files = (await readdir(folder).catch(() => [] as string[])).filter((name) =>
          name.endsWith(".eml"),
        );
        days = 0;
        for (const tenant of ["be-peeters", "nl-devries"])
          days += await server.services.inTenant(
            tenant,
            async (tx) =>
              (
                await tx.query(
                  "SELECT 1 FROM daily_runs WHERE tenant_id = $1 AND run_date = '2026-11-25'",
                  [tenant],
                )
              ).rows.length,
          );
      }
    } finally {
      await work.stop();
    }
    expect(days).toBe(2);
    const copies = await Promise.all(
      files.map(async (name) => simpleParser(await readFile(join(folder, name)))),
    );
    const copy = copies.find((mail) => mail.subject === "Kopie factuur AB-2026-0412");
    expect(copy?.to && !Array.isArray(copy.to) ? copy.to.value[0]?.address : undefined).toBe(
      "boekhouding@janssens.example",
    );
    expect(copy?.from?.value[0]?.address).toBe("dossiers@peeters.example");
    expect(copy?.messageId).toMatch(/^<BE-0001\.copy@/);
    // The page of the kept e-mails lists it for the firm's users.
    const page = await (await server.request("/mail", {}, "clerk")).text();
    expect(page).toContain("Kopie factuur AB-2026-0412");
    expect((await server.request("/mail", {}, "portal")).status).toBe(403);
  });
});
