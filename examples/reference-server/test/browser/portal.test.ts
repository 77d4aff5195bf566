// The client portal in a real browser (Debian's Chromium through playwright-core) against the
// server listening on 127.0.0.1: a client's user signs in and sees only its client's cases, gets
// 404 for another client's case by URL, by API and by a crafted export, exports the list, searches,
// hands in a new case with its PDF, is refused a form without its CSRF token; every page is
// reachable by keyboard with a visible focus, its controls labelled, and axe-core finds nothing
// serious or critical.
import type { CaseEventJson } from "@incasso/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/auth/users.js";
import { DEMO_CLIENTS, DEMO_TENANTS, demoLogin } from "../../src/demo/logins.js";
import { putFirm } from "../../src/server-schema/firms.js";
import type { TestServer } from "../support/server.js";
import { startTestServer } from "../support/server.js";
import {
  launchBrowser,
  newContext,
  seriousViolations,
  signIn,
  tabThrough,
  unlabelledControls,
} from "./browser.js";

const NOW = Temporal.Instant.from("2026-06-15T08:00:00Z");
const BE = { tenantId: DEMO_TENANTS.belgium };
const acme = () => demoLogin("portal", DEMO_TENANTS.belgium, DEMO_CLIENTS.beB2b);

const at = (id: string, day: string) => ({
  id,
  at: day,
  recordedAt: "2026-06-01T09:00:00Z",
  by: "clerk",
});

async function openCase(
  server: TestServer,
  caseId: string,
  client: { id: string; name: string },
  reference: string,
  debtor: string,
) {
  const events: CaseEventJson[] = [
    {
      ...at("e1", "2026-03-01"),
      type: "case.opened",
      caseNumber: caseId.replace("B-", "2026/9"),
      client: { ...client, reference },
      debtors: [
        { id: `${caseId}-D`, kind: "legal-person", name: debtor, language: "nl", consumer: false },
      ],
      owner: "lies.janssens",
      lawyer: "marc.dubois",
      rulePack: "be.b2b",
    },
    {
      ...at("e2", "2026-03-01"),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: `INV-${caseId}`,
        invoiceDate: "2026-01-15",
        dueDate: "2026-02-14",
        amount: "750.00",
      },
    },
  ];
  await server.services.store.append(BE, {
    caseId,
    expectedVersion: 0,
    events,
    asOf: "2026-06-15",
  });
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // Only what the portal needs (the firm, two clients, their portal users): the demo's cases and
  // daily run are left out to keep the browser suite quick.
  server = await startTestServer({ now: () => NOW, seed: false });
  await putFirm(
    server.services.sql,
    {
      tenantId: DEMO_TENANTS.belgium,
      name: "Advocatenkantoor Peeters",
      country: "BE",
      timeZone: "Europe/Brussels",
      mailFrom: { name: "Advocatenkantoor Peeters", address: "dossiers@peeters.example" },
    },
    NOW.toString(),
  );
  await server.services.refreshFirms();
  await server.services.store.putClient(BE, { id: DEMO_CLIENTS.beB2b, name: "Acme Bouw NV" });
  await server.services.store.putClient(BE, {
    id: DEMO_CLIENTS.beConsumer,
    name: "FitLife Fitnesscentra BV",
  });
  for (const login of [acme(), demoLogin("portal", DEMO_TENANTS.belgium, DEMO_CLIENTS.beConsumer)])
    await createUser(server.services, login.tenant, {
      userId: login.userId,
      email: login.email,
      name: login.name,
      role: login.role,
      clientId: login.client,
      language: login.language,
      password: login.password,
    });
  await openCase(
    server,
    "B-0001",
    { id: DEMO_CLIENTS.beB2b, name: "Acme Bouw NV" },
    "ACME-BROWSER-1",
    "Claes Bouwmaterialen BV",
  );
  await openCase(
    server,
    "B-0002",
    { id: DEMO_CLIENTS.beConsumer, name: "FitLife Fitnesscentra BV" },
    "FIT-HIDDEN-9",
    "Geheime Schuldenaar",
  );
  const baseURL = await server.listen();
  browser = await launchBrowser();
  context = await newContext(browser, baseURL);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe("the client portal in a browser", () => {
  it("the sign-in page has labelled fields, a visible focus and no serious axe violation", async () => {
    await page.goto("/login");
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    const stops = await tabThrough(page, 8);
    expect(stops.some((stop) => stop.tag === "input")).toBe(true);
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);
  });

  it("a client's user sees only the client's cases", async () => {
    await signIn(page, acme());
    await page.goto("/portal?lang=en");
    const table = page.locator("main table");
    await expect.poll(() => table.textContent()).toContain("ACME-BROWSER-1");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain("FIT-HIDDEN-9");
    expect(text).not.toContain("Geheime Schuldenaar");
  });

  it("gets 404 for another client's case by URL, by API and by a crafted export", async () => {
    const byUrl = await page.goto("/portal/cases/B-0002");
    expect(byUrl?.status()).toBe(404);
    expect(await page.locator("body").textContent()).not.toContain("Geheime");
    for (const path of [
      "/api/portal/cases/B-0002",
      "/api/portal/cases.csv?caseId=B-0002",
      "/api/portal/cases.xlsx?caseId=B-0002",
      `/api/portal/cases.csv?state=all&clientId=${DEMO_CLIENTS.beConsumer}`,
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text()).not.toContain("Geheime");
    }
  });

  it("searches by the client's reference and exports the list as CSV", async () => {
    await page.goto("/portal?lang=en");
    await page.getByLabel("Search by our reference or yours").fill("acme browser 1");
    await Promise.all([page.waitForURL(/q=acme/), page.keyboard.press("Enter")]);
    expect(await page.locator("main table tbody tr").count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV" }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8");
    expect(csv).toContain("ACME-BROWSER-1");
    expect(csv).not.toContain("FIT-HIDDEN-9");
    expect(csv.split("\r\n")[0]).toContain(";");
  });

  it("opens a case with its statement and history; the page passes axe and the keyboard walk", async () => {
    await page.goto("/portal?lang=en");
    await page.getByRole("link", { name: "2026/90001" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Case 2026/90001");
    expect(await page.getByRole("heading", { name: /Statement as of/ }).count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain(
      "Invoice INV-B-0001 of €750.00 taken up",
    );
    expect(await seriousViolations(page)).toEqual([]);
    const stops = await tabThrough(page, 6);
    expect(stops[0]?.text).toBe("Skip to content");
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);
  });

  it("the list page reaches its controls by keyboard and passes axe", async () => {
    await page.goto("/portal?lang=en");
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    const stops = await tabThrough(page, 20);
    const texts = stops.map((stop) => stop.text);
    expect(texts).toContain("My cases");
    expect(stops.some((stop) => stop.tag === "input")).toBe(true);
    expect(texts).toContain("Search");
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);
  });

  it("hands in a new case with its invoice PDF", async () => {
    await page.goto("/portal/cases/new?lang=en");
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/Your reference/).fill("ACME-BROWSER-NEW");
    await page.getByLabel("Name", { exact: true }).fill("Nieuwe Debiteur BV");
    await page.getByLabel("Invoice", { exact: true }).first().fill("2026-7001");
    await page.getByLabel("Invoice date").first().fill("2026-04-10");
    await page.getByLabel("Due date").first().fill("2026-05-10");
    await page.getByLabel("Amount").first().fill("420,50");
    await page
      .getByLabel(/Invoice \(PDF\)/)
      .first()
      .setInputFiles({
        name: "invoice-7001.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n% test invoice\n%%EOF\n"),
      });
    await Promise.all([
      page.waitForURL(/\/portal\/cases\/W-/),
      page.getByRole("button", { name: "Hand in the case" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toContain("was handed in");
    expect(await page.locator("main").textContent()).toContain("invoice-7001.pdf");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("refuses the form without its CSRF token", async () => {
    await page.goto("/portal/cases/new?lang=en");
    const before = await server.services.store.listCases(BE, { limit: 1000 });
    await page.evaluate(
      `document.querySelector('form.portal-form input[name="_csrf"]').remove(); document.querySelector('form.portal-form').noValidate = true`,
    );
    await page.getByLabel("Name", { exact: true }).fill("Zonder Token BV");
    const [response] = await Promise.all([
      page.waitForResponse(
        (answer) =>
          answer.url().endsWith("/portal/cases/new") && answer.request().method() === "POST",
      ),
      page.getByRole("button", { name: "Hand in the case" }).click({ noWaitAfter: true }),
    ]);
    expect(response.status()).toBe(403);
    const after = await server.services.store.listCases(BE, { limit: 1000 });
    expect(after.items.length).toBe(before.items.length);
  });
});
