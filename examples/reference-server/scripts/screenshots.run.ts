// Takes the screenshots of docs/reference-server.md: the server with the demo data on 127.0.0.1,
// Debian's Chromium, one PNG per page in docs/images/reference-server-<page>.png. Run on demand:
// `pnpm --filter @incasso/reference-server screenshots`.
import { Buffer } from "node:buffer";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Temporal } from "temporal-polyfill";
import { afterAll, expect, it } from "vitest";
import { demoCases } from "../src/demo/cases.js";
import { DEMO_CLIENTS, DEMO_TENANTS, demoLogin } from "../src/demo/logins.js";
import { refreshCaseAgenda } from "../src/pages/agenda-actions.js";
import { launchBrowser, newContext, signIn } from "../test/browser/browser.js";
import type { TestServer } from "../test/support/server.js";
import { startTestServer } from "../test/support/server.js";

const IMAGES = fileURLToPath(new URL("../../../docs/images/", import.meta.url));
const NOW = Temporal.Instant.from("2026-11-27T10:00:00Z");

// The import page's dry run: a Belgian client's profile and a file of that client in
// windows-1252 with semicolons, four cases; line 5 (the second invoice of LT-0412) has a due date
// that does not exist, so the report shows the error and leaves that case out whole.
const IMPORT_PROFILE = {
  version: 1,
  id: "acme-bouw-monthly",
  clientId: DEMO_CLIENTS.beB2b,
  kind: "cases",
  encoding: "windows-1252",
  delimiter: ";",
  decimalSeparator: ",",
  thousandsSeparator: ".",
  dateFormats: ["dd/mm/yyyy"],
  newCases: { rulePack: "be.b2b" },
  columns: {
    clientReference: { name: "Dossier" },
    debtorId: { name: "Klantnummer" },
    debtorName: { name: "Naam" },
    debtorLanguage: { name: "Taal" },
    debtorKind: { constant: "legal-person" },
    invoiceNumber: { name: "Factuur" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldag" },
    amount: { name: "Openstaand" },
  },
};
const IMPORT_CSV = [
  "Dossier;Klantnummer;Naam;Taal;Factuur;Factuurdatum;Vervaldag;Openstaand",
  "LT-0410;K3101;Bouwwerken Claessens BV;nl;AB-2026-0810;02/10/2026;01/11/2026;3.120,00",
  "LT-0411;K3102;Menuiserie Hébert SRL;fr;AB-2026-0811;05/10/2026;04/11/2026;845,30",
  "LT-0412;K3103;Façades Lambert SA;fr;AB-2026-0812;08/10/2026;07/11/2026;1.960,75",
  "LT-0412;K3103;Façades Lambert SA;fr;AB-2026-0829;12/10/2026;31/02/2026;410,00",
  "LT-0413;K3104;Dakwerken Verhoeven BV;nl;AB-2026-0833;20/10/2026;19/11/2026;1.275,40",
  "",
].join("\r\n");

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
    // The page from the top, at most 1600 pixels high; with `through`, down to the end of that
    // element instead (a section further down that the picture is about).
    const shoot = async (page: import("playwright-core").Page, name: string, through?: string) => {
      const height =
        through === undefined
          ? Math.min(Number(await page.evaluate("document.documentElement.scrollHeight")), 1600)
          : Math.ceil(
              Number(
                await page
                  .locator(through)
                  .evaluate((element) => element.getBoundingClientRect().bottom + window.scrollY),
              ) + 16,
            );
      await page.screenshot({
        path: `${IMAGES}reference-server-${name}.png`,
        clip: { x: 0, y: 0, width: 1280, height },
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

    // Last, so that the pages above show the demo as seeded: the import page's dry run (which
    // writes nothing to the cases), uploaded through its forms as a clerk does.
    const work = await newContext(browser, baseURL);
    const workPage = await work.newPage();
    await signIn(workPage, demoLogin("clerk"));
    await workPage.goto("/work/import?lang=en");
    await workPage.locator("#profile-file").setInputFiles({
      name: "acme-bouw-monthly.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(IMPORT_PROFILE)),
    });
    await Promise.all([
      workPage.waitForURL(/\/work\/import\/profiles/),
      workPage.locator("#profile-upload").click(),
    ]);
    await workPage.locator("#import-profile").selectOption(IMPORT_PROFILE.id);
    await workPage.locator("#import-file").setInputFiles({
      name: "acme-bouw-2026-11.csv",
      mimeType: "text/csv",
      // Latin-1 gives the windows-1252 bytes of the file's accented letters (é, ç).
      buffer: Buffer.from(IMPORT_CSV, "latin1"),
    });
    await Promise.all([
      workPage.waitForURL(/\/work\/import\/dry-run/),
      workPage.locator("#import-dry-run").click(),
    ]);
    expect(await workPage.locator("#row-5").getAttribute("class")).toBe("outcome-error");
    await shoot(workPage, "work-import");

    // A suspended case: the reminded demo case of Acme Bouw handed to the lawyer and its
    // collection suspended until a day in January, appended through the store as the case
    // actions append (at the case's version), then its sheet.
    const reminded = demoCases(started.services.today()).find(
      (item) => item.tenantId === DEMO_TENANTS.belgium && item.stage === "reminded",
    );
    expect(reminded).toBeDefined();
    const caseId = reminded?.caseId ?? "";
    const stored = await started.services.store.readEvents(scope, caseId);
    const today = started.services.today().toString();
    await started.services.store.append(scope, {
      caseId,
      expectedVersion: stored.at(-1)?.version ?? stored.length,
      asOf: today,
      events: [
        {
          id: "owner-screenshot",
          at: today,
          recordedAt: NOW.toString(),
          by: "be-admin",
          type: "case.owner-assigned",
          owner: "be-lawyer",
          reason: "the debtor's counsel wrote to the firm",
        },
        {
          id: "suspended-screenshot",
          at: today,
          recordedAt: NOW.toString(),
          by: "be-lawyer",
          type: "case.suspended",
          reason: "the client negotiates a settlement with the debtor",
          until: "2027-01-15",
        },
      ],
    });
    await refreshCaseAgenda(started.services, scope, caseId);
    await workPage.goto(`/cases/${encodeURIComponent(caseId)}?lang=en`);
    expect(await workPage.locator("#history").textContent()).toContain("collection suspended");
    await shoot(workPage, "case-suspended", "#history");
    // The same history as a Dutch-speaking clerk reads it.
    await workPage.goto(`/cases/${encodeURIComponent(caseId)}?lang=nl`);
    expect(await workPage.locator("#history").textContent()).toContain(
      "invordering opgeschort tot 15 januari 2027",
    );
    await shoot(workPage, "case-history-nl", "#history");
    await work.close();
  } finally {
    await browser.close();
  }
});
