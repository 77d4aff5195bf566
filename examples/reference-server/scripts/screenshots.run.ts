// Takes the screenshots of docs/reference-server.md: the server with the demo data on 127.0.0.1,
// Debian's Chromium, one PNG per page in docs/images/reference-server-<page>.png. Run on demand:
// `pnpm --filter @incasso/reference-server screenshots`.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Temporal } from "temporal-polyfill";
import { afterAll, expect, it } from "vitest";
import { DEMO_CLIENTS, DEMO_TENANTS, demoLogin } from "../src/demo/logins.js";
import { launchBrowser, newContext, signIn } from "../test/browser/browser.js";
import type { TestServer } from "../test/support/server.js";
import { startTestServer } from "../test/support/server.js";

const IMAGES = fileURLToPath(new URL("../../../docs/images/", import.meta.url));
const NOW = Temporal.Instant.from("2026-11-27T10:00:00Z");

let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
});

it("takes a screenshot of each page", async () => {
  const started = await startTestServer({ now: () => NOW });
  server = started;
  const baseURL = await started.listen();
  await mkdir(IMAGES, { recursive: true });
  const browser = await launchBrowser();
  try {
    const shoot = async (page: import("playwright-core").Page, name: string) => {
      const height = await page.evaluate("document.documentElement.scrollHeight");
      await page.screenshot({
        path: `${IMAGES}reference-server-${name}.png`,
        clip: { x: 0, y: 0, width: 1280, height: Math.min(Number(height), 1600) },
        fullPage: true,
      });
    };
    const firm = await newContext(browser, baseURL);
    const clerkPage = await firm.newPage();
    await clerkPage.goto("/login?lang=en");
    await shoot(clerkPage, "login");
    await signIn(clerkPage, demoLogin("clerk"));
    await clerkPage.goto("/agenda?lang=en");
    await shoot(clerkPage, "agenda");
    const scope = { tenantId: DEMO_TENANTS.belgium };
    const rows = (await started.services.store.listCases(scope, { sort: "balance", limit: 50 }))
      .items;
    const sheet =
      rows.find((row) => row.clientId === DEMO_CLIENTS.beB2b && row.status === "open") ?? rows[0];
    expect(sheet).toBeDefined();
    await clerkPage.goto(`/cases/${encodeURIComponent(sheet?.caseId ?? "")}?lang=en`);
    await shoot(clerkPage, "case-sheet");
    await clerkPage.goto("/work/bank?lang=en");
    await shoot(clerkPage, "work-bank");
    await clerkPage.goto("/work/reports?lang=en");
    await shoot(clerkPage, "work-reports");
    await firm.close();

    const portal = await newContext(browser, baseURL);
    const portalPage = await portal.newPage();
    await signIn(portalPage, demoLogin("portal", DEMO_TENANTS.belgium, DEMO_CLIENTS.beB2b));
    await portalPage.goto("/portal?lang=en&state=all");
    await shoot(portalPage, "portal");
    const own = rows.find((row) => row.clientId === DEMO_CLIENTS.beB2b);
    await portalPage.goto(`/portal/cases/${encodeURIComponent(own?.caseId ?? "")}?lang=en`);
    await shoot(portalPage, "portal-case");
    await portalPage.goto("/portal/cases/new?lang=en");
    await shoot(portalPage, "portal-new-case");
    await portal.close();
  } finally {
    await browser.close();
  }
});
