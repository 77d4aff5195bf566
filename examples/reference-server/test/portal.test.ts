// The client portal through the app: a client sees its own cases only (another client's case is
// 404 by page, API and crafted export), searches by both references, exports CSV and XLSX, sees
// the statement and the history the firm shares, and hands in a new case with its invoices' PDFs.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CaseEventJson } from "@incasso/core";
import { readSheetRows } from "@incasso/import-csv";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/auth/users.js";
import { DEMO_CLIENTS, DEMO_TENANTS, demoLogin } from "../src/demo/logins.js";
import { putFirm } from "../src/server-schema/firms.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const NOW = Temporal.Instant.from("2026-06-15T08:00:00Z");
const BE = { tenantId: DEMO_TENANTS.belgium };
const acmeUser = () => demoLogin("portal", DEMO_TENANTS.belgium, DEMO_CLIENTS.beB2b);
const fitlifeUser = () => demoLogin("portal", DEMO_TENANTS.belgium, DEMO_CLIENTS.beConsumer);

const envelope = (id: string, at: string) => ({
  id,
  at,
  recordedAt: "2026-06-01T09:00:00Z",
  by: "clerk",
});

async function openCase(
  server: TestServer,
  spec: {
    caseId: string;
    caseNumber: string;
    client: { id: string; name: string };
    reference: string;
    debtor: string;
    amount: string;
    extra?: CaseEventJson[];
  },
): Promise<void> {
  const events: CaseEventJson[] = [
    {
      ...envelope("e1", "2026-03-01"),
      type: "case.opened",
      caseNumber: spec.caseNumber,
      client: { ...spec.client, reference: spec.reference },
      debtors: [
        {
          id: `${spec.caseId}-D`,
          kind: "legal-person",
          name: spec.debtor,
          language: "nl",
          consumer: false,
        },
      ],
      owner: "lies.janssens",
      lawyer: "marc.dubois",
      rulePack: "be.b2b",
    },
    {
      ...envelope("e2", "2026-03-01"),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: `INV-${spec.caseId}`,
        invoiceDate: "2026-01-15",
        dueDate: "2026-02-14",
        amount: spec.amount,
      },
    },
    ...(spec.extra ?? []),
  ];
  await server.services.store.append(BE, {
    caseId: spec.caseId,
    expectedVersion: 0,
    events,
    asOf: "2026-06-15",
  });
}

let server: TestServer;

beforeAll(async () => {
  // The firm, its two clients and the users the tests sign in as; no demo cases, so that the
  // lists hold exactly the cases below.
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
  const acme = { id: DEMO_CLIENTS.beB2b, name: "Acme Bouw NV" };
  const fitlife = { id: DEMO_CLIENTS.beConsumer, name: "FitLife Fitnesscentra BV" };
  await server.services.store.putClient(BE, acme);
  await server.services.store.putClient(BE, fitlife);
  for (const login of [acmeUser(), fitlifeUser(), demoLogin("clerk"), demoLogin("admin")])
    await createUser(server.services, login.tenant, {
      userId: login.userId,
      email: login.email,
      name: login.name,
      role: login.role,
      clientId: login.client,
      language: login.language,
      password: login.password,
    });
  await openCase(server, {
    caseId: "T-ACME-1",
    caseNumber: "2026/00101",
    client: acme,
    reference: "ACME-REF-7",
    debtor: "Bouwmaterialen Claes BV",
    amount: "1500.00",
    extra: [
      {
        ...envelope("e3", "2026-04-01"),
        type: "payment.received",
        paymentId: "P1",
        amount: "500.00",
      },
      {
        ...envelope("e4", "2026-04-02"),
        type: "note.added",
        text: "Internal: debtor sounded evasive",
      },
      { ...envelope("e5", "2026-04-03"), type: "reminder.sent", channel: "email" },
    ],
  });
  await openCase(server, {
    caseId: "T-ACME-2",
    caseNumber: "2026/00102",
    client: acme,
    reference: '=HYPERLINK("http://evil.example")',
    debtor: "@Dakwerken Peeters",
    amount: "250.00",
    extra: [{ ...envelope("e3", "2026-05-01"), type: "case.closed", reason: "settled" }],
  });
  await openCase(server, {
    caseId: "T-FIT-1",
    caseNumber: "2026/00201",
    client: fitlife,
    reference: "FIT-SECRET-1",
    debtor: "Jan Secret",
    amount: "99.00",
  });
});

afterAll(async () => {
  await server?.close();
});

describe("the client portal", () => {
  it("lists the client's own open cases, and closed ones on their tab", async () => {
    const open = await server.request("/portal", {}, acmeUser());
    expect(open.status).toBe(200);
    const page = await open.text();
    expect(page).toContain("2026/00101");
    expect(page).toContain("ACME-REF-7");
    expect(page).not.toContain("2026/00102");
    expect(page).not.toContain("2026/00201");
    expect(page).not.toContain("Jan Secret");
    const closed = await (await server.request("/portal?state=closed", {}, acmeUser())).text();
    expect(closed).toContain("2026/00102");
    expect(closed).not.toContain("2026/00101");
  });

  it("searches by our reference and by the client's reference, only within the client's cases", async () => {
    const ours = (await (
      await server.request("/api/portal/cases?q=2026-00101", {}, acmeUser())
    ).json()) as {
      items: { caseId: string }[];
    };
    expect(ours.items.map((item) => item.caseId)).toEqual(["T-ACME-1"]);
    const theirs = (await (
      await server.request("/api/portal/cases?q=acme%20ref%207", {}, acmeUser())
    ).json()) as {
      items: { caseId: string; clientReference: string }[];
    };
    expect(theirs.items.map((item) => item.caseId)).toEqual(["T-ACME-1"]);
    const other = (await (
      await server.request("/api/portal/cases?q=FIT-SECRET-1", {}, acmeUser())
    ).json()) as {
      items: unknown[];
    };
    expect(other.items).toEqual([]);
  });

  it("answers 404 for another client's case by URL, by API and by a crafted export, with none of its data", async () => {
    const paths = [
      "/portal/cases/T-FIT-1",
      "/api/portal/cases/T-FIT-1",
      "/api/portal/cases.csv?caseId=T-FIT-1",
      "/api/portal/cases.xlsx?caseId=T-FIT-1",
      `/api/portal/cases.csv?clientId=${DEMO_CLIENTS.beConsumer}&state=all`,
      "/api/portal/cases?caseId=T-ACME-1&caseId=T-FIT-1",
      "/portal/cases/NO-SUCH-CASE",
    ];
    for (const path of paths) {
      const response = await server.request(path, {}, acmeUser());
      expect(response.status, path).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("Jan Secret");
      expect(body).not.toContain("FIT-SECRET-1");
    }
    // The owner of the case sees it.
    expect((await server.request("/portal/cases/T-FIT-1", {}, fitlifeUser())).status).toBe(200);
  });

  it("keeps the portal to portal users and the firm's routes to the firm", async () => {
    expect((await server.request("/portal", {}, "clerk")).status).toBe(403);
    expect((await server.request("/api/portal/cases", {}, "clerk")).status).toBe(403);
    const put = await server.request(
      `/api/portal-settings/${DEMO_CLIENTS.beB2b}`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ columns: ["caseNumber"] }),
      },
      acmeUser(),
    );
    expect(put.status).toBe(403);
    const anonymous = await server.request("/portal");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });

  it("exports the list as CSV with a BOM, semicolons and neutralised formulas", async () => {
    const response = await server.request(
      "/api/portal/cases.csv?state=all&lang=en",
      {},
      acmeUser(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n").filter((line) => line !== "");
    expect(lines[0]).toBe(
      "Our reference;Your reference;Debtor;Status;Principal;Balance;Last contact",
    );
    expect(lines).toHaveLength(3);
    expect(text).toContain("'=HYPERLINK");
    expect(text).toContain("'@Dakwerken Peeters");
    expect(text).not.toContain("2026/00201");
    expect(lines[1]).toMatch(/^2026\/00101;ACME-REF-7;Bouwmaterialen Claes BV;Open;1500\.00;/);
  });

  it("exports the list as XLSX with the same rows", async () => {
    const response = await server.request(
      "/api/portal/cases.xlsx?state=all&lang=nl",
      {},
      acmeUser(),
    );
    expect(response.status).toBe(200);
    const rows = await readSheetRows(new Uint8Array(await response.arrayBuffer()), undefined);
    const cells = rows.map((row) => row.cells.map((cell) => cell.text));
    expect(cells[0]?.[0]).toBe("Onze referentie");
    expect(cells.map((row) => row[0])).toEqual(["Onze referentie", "2026/00101", "2026/00102"]);
    expect(cells[2]?.[1]).toBe('=HYPERLINK("http://evil.example")');
    expect(cells[1]?.[4]).toBe("1500");
  });

  it("shows the columns the firm chose for the client, and refuses a choice without our reference", async () => {
    const bad = await server.request(
      `/api/portal-settings/${DEMO_CLIENTS.beB2b}`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ columns: ["balance"] }),
      },
      "admin",
    );
    expect(bad.status, await bad.clone().text()).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("columns");
    const good = await server.request(
      `/api/portal-settings/${DEMO_CLIENTS.beB2b}`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ columns: ["caseNumber", "paid", "daysPastDue"] }),
      },
      "admin",
    );
    expect(good.status).toBe(200);
    const csv = await (
      await server.request("/api/portal/cases.csv?lang=en", {}, acmeUser())
    ).text();
    expect(csv.split("\r\n")[0]).toBe("Our reference;Paid;Days past due");
    expect(csv.split("\r\n")[1]).toBe("2026/00101;500.00;121");
    const page = await (await server.request("/portal?lang=en", {}, acmeUser())).text();
    expect(page).toContain("Days past due");
    expect(page).not.toContain("Your reference</th>");
    // The other client keeps the defaults.
    const fit = await (
      await server.request("/api/portal/cases.csv?lang=en", {}, fitlifeUser())
    ).text();
    expect(fit.split("\r\n")[0]).toBe(
      "Our reference;Your reference;Debtor;Status;Principal;Balance;Last contact",
    );
  });

  it("shows a case's statement as of today and only the history the firm shares", async () => {
    const response = await server.request("/api/portal/cases/T-ACME-1?lang=en", {}, acmeUser());
    expect(response.status).toBe(200);
    const detail = (await response.json()) as {
      statement: {
        asOf: string;
        totals: Record<string, string>;
        claims: { invoiceNumber: string }[];
      };
      history: { type: string; text: string }[];
    };
    expect(detail.statement.asOf).toBe("2026-06-15");
    expect(detail.statement.totals.paid).toBe("500.00");
    expect(detail.statement.claims[0]?.invoiceNumber).toBe("INV-T-ACME-1");
    expect(detail.history.map((entry) => entry.type)).toEqual([
      "case.opened",
      "claim.added",
      "payment.received",
      "reminder.sent",
    ]);
    expect(detail.history[2]?.text).toBe("Payment of €500.00 received");
    const page = await (
      await server.request("/portal/cases/T-ACME-1?lang=en", {}, acmeUser())
    ).text();
    expect(page).toContain("Payment of €500.00 received");
    expect(page).toContain("Statement as of 15 Jun 2026");
    expect(page).not.toContain("evasive");
  });
});

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

async function intakeForm(
  server: TestServer,
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Uint8Array },
) {
  const session = await server.session(acmeUser());
  const form = await (await server.request("/portal/cases/new", {}, acmeUser())).text();
  const token = /name="submission" value="([^"]+)"/.exec(form)?.[1] ?? "";
  const body = new FormData();
  body.set("_csrf", session.csrfToken);
  body.set("submission", fields.submission ?? token);
  for (const [name, value] of Object.entries(fields))
    if (name !== "submission") body.set(name, value);
  body.set("file0", new File([file.bytes], file.name, { type: file.type }));
  const response = await server.request(
    "/portal/cases/new",
    { method: "POST", body, headers: { "x-csrf-token": session.csrfToken } },
    acmeUser(),
  );
  return { response, token: fields.submission ?? token };
}

const goodFields = {
  clientReference: "ACME-NEW-1",
  debtorName: "Nieuwe Klant BV",
  debtorKind: "legal-person",
  debtorConsumer: "business",
  debtorLanguage: "nl",
  debtorEmail: "boekhouding@nieuweklant.example",
  invoiceNumber0: "2026-0456",
  invoiceDate0: "2026-04-01",
  dueDate0: "2026-05-01",
  amount0: "1.234,56",
};

describe("handing in a new case", () => {
  it("refuses a file that is not a PDF and writes nothing", async () => {
    const before = await server.services.store.listCases(
      { tenantId: DEMO_TENANTS.belgium, clientId: DEMO_CLIENTS.beB2b },
      { limit: 100 },
    );
    const { response } = await intakeForm(server, goodFields, {
      name: "invoice.pdf",
      type: "application/pdf",
      bytes: new TextEncoder().encode("MZ not a pdf at all"),
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("invoices.0.file");
    expect(page).toContain('value="Nieuwe Klant BV"');
    const after = await server.services.store.listCases(
      { tenantId: DEMO_TENANTS.belgium, clientId: DEMO_CLIENTS.beB2b },
      { limit: 100 },
    );
    expect(after.items.length).toBe(before.items.length);
  });

  it("refuses a due date before the invoice date, naming the field", async () => {
    const { response } = await intakeForm(
      server,
      { ...goodFields, dueDate0: "2026-03-01" },
      { name: "a.pdf", type: "application/pdf", bytes: PDF },
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("invoices.0.dueDate");
  });

  it("writes the case for the user's client with its invoice and keeps the PDF by its SHA-256; sent twice, one case", async () => {
    const first = await intakeForm(server, goodFields, {
      name: "factuur 456.pdf",
      type: "application/pdf",
      bytes: PDF,
    });
    expect(first.response.status).toBe(303);
    const location = first.response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/portal\/cases\/W-[0-9a-f]{24}\?created=1$/);
    const caseId = decodeURIComponent(location.split("/")[3]?.split("?")[0] ?? "");
    const events = await server.services.store.readEvents(BE, caseId);
    const opened = events[0]?.event;
    expect(opened?.type).toBe("case.opened");
    if (opened?.type !== "case.opened") throw new Error("expected case.opened");
    expect(opened.client.id).toBe(DEMO_CLIENTS.beB2b);
    expect(opened.client.reference).toBe("ACME-NEW-1");
    expect(opened.caseNumber).toBe("W2026-00001");
    expect(opened.rulePack).toBe("be.b2b");
    const claim = events[1]?.event;
    expect(claim?.type === "claim.added" && claim.claim.amount).toBe("1234.56");
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(PDF).digest("hex");
    const path = join(server.dataDir, "uploads", DEMO_TENANTS.belgium, `${hash}.pdf`);
    expect(existsSync(path)).toBe(true);
    expect(new Uint8Array(await readFile(path))).toEqual(PDF);
    const page = await (await server.request(location, {}, acmeUser())).text();
    expect(page).toContain("W2026-00001");
    expect(page).toContain("factuur 456.pdf");
    const download = await server.request(
      `/portal/cases/${caseId}/documents/${hash}`,
      {},
      acmeUser(),
    );
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    // Another client cannot fetch it.
    expect(
      (await server.request(`/portal/cases/${caseId}/documents/${hash}`, {}, fitlifeUser())).status,
    ).toBe(404);
    // The same form sent again answers the same case.
    const again = await intakeForm(
      server,
      { ...goodFields, submission: first.token },
      { name: "factuur 456.pdf", type: "application/pdf", bytes: PDF },
    );
    expect(again.response.headers.get("location")).toBe(location);
    const cases = await server.services.store.findCasesByKeys(BE, {
      keys: [{ kind: "client-reference", key: "ACMENEW1" }],
    });
    expect(cases.map((hit) => hit.caseId)).toEqual([caseId]);
  });

  it("takes a case by the API, for the user's client whatever the body says", async () => {
    const body = {
      submission: "api-submission-0001",
      clientReference: "ACME-API-9",
      debtor: { kind: "natural-person", name: "Piet Consument", language: "nl", consumer: true },
      invoices: [
        {
          invoiceNumber: "2026-0999",
          invoiceDate: "2026-05-02",
          dueDate: "2026-05-16",
          amount: "80.00",
        },
      ],
      documents: [
        { invoice: 0, fileName: "f.pdf", contentBase64: Buffer.from(PDF).toString("base64") },
      ],
    };
    const response = await server.request(
      "/api/portal/cases",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      },
      acmeUser(),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as { caseId: string; caseNumber: string };
    expect(created.caseNumber).toBe("W2026-00002");
    const events = await server.services.store.readEvents(BE, created.caseId);
    const opened = events[0]?.event;
    expect(opened?.type === "case.opened" && opened.client.id).toBe(DEMO_CLIENTS.beB2b);
    expect(opened?.type === "case.opened" && opened.rulePack).toBe("be.consumer");
    const crafted = await server.request(
      "/api/portal/cases",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ...body,
          submission: "api-submission-0002",
          clientId: DEMO_CLIENTS.beConsumer,
        }),
      },
      acmeUser(),
    );
    expect(crafted.status).toBe(400);
    const bad = await server.request(
      "/api/portal/cases",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ...body,
          submission: "api-submission-0003",
          invoices: [{ ...body.invoices[0], amount: "-5" }],
        }),
      },
      acmeUser(),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("invoices.0.amount");
  });

  it("refuses the form without its CSRF token", async () => {
    const body = new FormData();
    for (const [name, value] of Object.entries(goodFields)) body.set(name, value);
    const session = await server.session(acmeUser());
    const response = await server.app.request("/portal/cases/new", {
      method: "POST",
      body,
      headers: { cookie: session.cookie },
    });
    expect(response.status).toBe(403);
  });
});
