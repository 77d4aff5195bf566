// The outbox, reports and rates pages against a real server (PGlite, the demo firm): a failed
// message is listed with its reason and can be queued again; the aging totals equal the sum of
// the cases' balances to the cent; the rates page lists every table; a rates file with a bad
// field is refused naming it.
import type { Mailer } from "@incasso/core";
import {
  builtInRateTables,
  caseStatement,
  DeliveryError,
  parseRatesFile,
  resolveRateTables,
  Temporal,
} from "@incasso/core";
import { createDispatcher } from "@incasso/notify";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_STATUSES } from "../src/work/reports-work.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const scope = { tenantId: "be-peeters" };
const now = Temporal.Instant.from("2026-11-27T10:00:00Z");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: () => now });
});
afterAll(async () => {
  await server?.close();
});

describe("the outbox page", () => {
  it("lists a failed message with the reason, and sends it again as a new message", async () => {
    await server.services.store.enqueueOutbox(scope, [
      {
        key: "test:bounce:1",
        kind: "send-email",
        payload: { to: "nobody@example.be", subject: "Uw dossier", text: "Beste, ..." },
      },
    ]);
    const refusing: Mailer = {
      async send() {
        throw new DeliveryError("550 5.1.1 mailbox nobody@example.be unknown", {
          permanent: true,
          providerCode: "550",
        });
      },
      async close() {},
    };
    const dispatch = (mailer: Mailer) =>
      createDispatcher({
        store: server.services.store,
        scope,
        mailer,
        from: { address: "dossiers@peeters.example" },
        workerId: "test",
        clock: () => now,
      }).runOnce();
    const first = await dispatch(refusing);
    expect(first.failed.map((failure) => failure.id)).toContain("test:bounce:1");

    const page = await (
      await server.request("/work/outbox?status=failed&lang=en", {}, "clerk")
    ).text();
    expect(page).toContain("<caption>Messages: failed (dead letters)</caption>");
    expect(page).toContain("test:bounce:1");
    expect(page).toContain("550 5.1.1 mailbox nobody@example.be unknown");

    const api = (await (
      await server.request("/api/work/outbox?status=failed", {}, "clerk")
    ).json()) as { id: string; detail: string | null }[];
    expect(api.find((message) => message.id === "test:bounce:1")?.detail).toContain("550 5.1.1");

    const retried = await server.request(
      "/work/outbox/retry?lang=en",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ id: "test:bounce:1" }),
      },
      "clerk",
    );
    expect(retried.status).toBe(200);
    expect(await retried.text()).toContain("queued again as test:bounce:1:retry-1");
    const again = await server.services.store.listOutbox(scope, { status: "pending", limit: 1000 });
    expect(again.map((message) => message.id)).toContain("test:bounce:1:retry-1");

    // Sent through the catch-all mailer this time: the page links the kept e-mail.
    const second = await dispatch(server.services.mailer);
    expect(second.sent.map((sent) => sent.id)).toContain("test:bounce:1:retry-1");
    const sentPage = await (await server.request("/work/outbox?status=sent", {}, "clerk")).text();
    expect(sentPage).toMatch(/href="\/mail\/[^"]+\.eml"/);

    // A message that has not failed cannot be sent again.
    const refused = await server.request(
      "/api/work/outbox/retry",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "test:bounce:1:retry-1" }),
      },
      "clerk",
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("id");
  });
});

describe("the reports page", () => {
  it("aging totals equal the sum of the open cases' balances to the cent", async () => {
    const asOf = Temporal.PlainDate.from("2026-11-27");
    let sum = new Decimal(0);
    let count = 0;
    const page = await server.services.store.listCases(scope, {
      status: [...OPEN_STATUSES],
      limit: 1000,
    });
    for (const row of page.items) {
      const events = (await server.services.store.readEvents(scope, row.caseId)).map(
        (stored) => stored.event,
      );
      sum = sum.plus(
        caseStatement(events, asOf, { rateTables: builtInRateTables() }).statement.totals.balance,
      );
      count++;
    }
    expect(count).toBeGreaterThan(0);
    for (const groupBy of ["client", "owner", "collection-group"]) {
      const report = (await (
        await server.request(
          `/api/work/reports/aging?groupBy=${groupBy}&asOf=2026-11-27`,
          {},
          "lawyer",
        )
      ).json()) as {
        totals: { total: string; buckets: Record<string, string> };
        rows: { total: string }[];
        cases: number;
        notComputable: unknown[];
      };
      expect(report.notComputable).toEqual([]);
      expect(report.cases).toBe(count);
      expect(report.totals.total).toBe(sum.toFixed(2));
      const buckets = Object.values(report.totals.buckets).reduce(
        (total, value) => total.plus(value),
        new Decimal(0),
      );
      expect(buckets.toFixed(2)).toBe(sum.toFixed(2));
    }
    const html = await (await server.request("/work/reports?lang=nl", {}, "clerk")).text();
    expect(html).toContain(`data-total="${sum.toFixed(2)}"`);
    expect(html).toMatch(/<svg id="aging-chart"[^>]*role="img"/);
    expect(html).toContain('<label for="aging-group-by">Groeperen per</label>');
    const csv = await (
      await server.request("/work/reports/aging.csv?groupBy=owner&asOf=2026-11-27", {}, "clerk")
    ).text();
    expect(
      csv
        .trimEnd()
        .split("\r\n")
        .at(-1)
        ?.endsWith(`;${sum.toFixed(2)}`),
    ).toBe(true);
  });

  it("refuses a bad query naming the field", async () => {
    const response = await server.request("/api/work/reports/aging?groupBy=debtor", {}, "clerk");
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors[0]?.path).toBe("groupBy");
  });
});

describe("the rates page", () => {
  it("lists every rate table with its entries, in nl, fr and en", async () => {
    const ids = [...builtInRateTables().keys()];
    expect(ids.length).toBeGreaterThan(3);
    for (const [lang, caption] of [
      ["nl", "Tabellen op"],
      ["fr", "Tables au"],
      ["en", "Tables as of"],
    ] as const) {
      const html = await (await server.request(`/work/rates?lang=${lang}`, {}, "clerk")).text();
      expect(html).toContain(`<caption>${caption}`);
      for (const id of ids) expect(html).toContain(`<tr data-table="${id}">`);
    }
  });

  it("an admin's rates file with a bad field is refused naming it; a good one is put in use", async () => {
    const bad = {
      tables: {
        "ecb.mro": {
          trustedUntil: "2027-06-30",
          entries: [{ from: "2027-01-01", rate: "two", source: "ECB", status: "confirmed" }],
        },
      },
    };
    const form = new FormData();
    form.append("file", new File([JSON.stringify(bad)], "rates.json"));
    const refused = await server.request(
      "/work/rates/upload",
      { method: "POST", body: form },
      "admin",
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("rates.tables.ecb.mro.entries.0.rate");
    const api = await server.request(
      "/api/work/rates",
      { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(bad) },
      "admin",
    );
    expect(api.status).toBe(400);
    expect(((await api.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      "rates.tables.ecb.mro.entries.0.rate",
    );
    expect((await server.request("/work/rates/rates.json", {}, "clerk")).status).toBe(404);

    const clerk = new FormData();
    clerk.append("file", new File([JSON.stringify(bad)], "rates.json"));
    expect(
      (await server.request("/work/rates/upload", { method: "POST", body: clerk }, "clerk")).status,
    ).toBe(403);

    const last = [...(builtInRateTables().get("ecb.mro")?.entries ?? [])].at(-1);
    const good = {
      tables: {
        "ecb.mro": {
          trustedUntil: "2027-06-30",
          entries: [
            {
              from: "2027-01-01",
              rate: last?.rate.toString() ?? "2.15",
              source: "ECB press release (test)",
              status: "confirmed",
            },
          ],
        },
      },
    };
    expect(() => resolveRateTables(parseRatesFile(good))).not.toThrow();
    const accepted = new FormData();
    accepted.append("file", new File([JSON.stringify(good)], "rates.json"));
    const saved = await server.request(
      "/work/rates/upload?lang=en",
      { method: "POST", body: accepted },
      "admin",
    );
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain("The new rates file is in use.");
    expect(html).toContain("ECB press release (test)");
    const download = await server.request("/work/rates/rates.json", {}, "clerk");
    expect(download.status).toBe(200);
    expect(JSON.parse(await download.text())).toEqual(good);
  });
});

describe("the work API", () => {
  it("is in the OpenAPI document", async () => {
    const document = (await (await server.request("/api/openapi.json", {}, "clerk")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, method] of [
      ["/api/work/import/dry-run", "post"],
      ["/api/work/import/apply", "post"],
      ["/api/work/import/{batchId}", "get"],
      ["/api/work/bank", "post"],
      ["/api/work/bank/{batchId}/review", "post"],
      ["/api/work/bailiff", "post"],
      ["/api/work/outbox", "get"],
      ["/api/work/reports/aging", "get"],
      ["/api/work/rates", "get"],
      ["/api/work/rates", "put"],
    ] as const)
      expect(document.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });
});
