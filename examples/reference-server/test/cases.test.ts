// The cases through the app: the new-case form and API (errors next to each field, nothing
// written), the list and its search, the sheet, payments to the cent against the core's
// statement, the what-if box that stores nothing, letters as PDF, payment plans, notes, the
// three languages, and 404 for a case of another firm.
import { caseStatement, Temporal, whatIf } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLabels } from "./support/labels.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const NOW = Temporal.Instant.from("2026-03-02T09:00:00Z");
const TODAY = Temporal.PlainDate.from("2026-03-02");
const scope = { tenantId: "be-peeters" };

let server: TestServer;
let caseId = "";

const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields),
});

const validCase = {
  client: "acme-bouw",
  clientReference: "ACME-4711",
  rulePack: "be.b2b",
  debtor: {
    kind: "legal-person",
    name: "Janssens & Zonen BV",
    language: "nl",
    consumer: false,
    enterpriseNumber: "0566.988.259",
    contacts: [
      {
        id: "m1",
        kind: "email",
        value: "boekhouding@janssens.example",
        source: "client",
        date: "2026-03-02",
      },
    ],
  },
  claims: [
    {
      invoiceNumber: "F2025-1104",
      invoiceDate: "2025-10-15",
      dueDate: "2025-11-14",
      amount: "4235.00",
    },
  ],
};

const countCases = async () =>
  (await server.services.store.listCases(scope, { limit: 1000 })).items.length;
const balanceOf = async (id: string) => {
  const events = (await server.services.store.readEvents(scope, id)).map((item) => item.event);
  return caseStatement(events, TODAY).statement.totals.balance;
};

/** Each form control of a page has a label (for its id, or aria-label) and no id repeats. */
beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  const answer = await server.request("/api/cases", json(validCase), "clerk");
  expect(answer.status).toBe(201);
  caseId = ((await answer.json()) as { caseId: string }).caseId;
});

afterAll(async () => {
  await server?.close();
});

describe("a new case", () => {
  it("shows the error next to the invalid field and writes nothing", async () => {
    const before = await countCases();
    const answer = await server.request(
      "/cases/new?lang=en",
      form({
        _csrf: (await server.session("clerk")).csrfToken,
        client: "acme-bouw",
        rulePack: "be.b2b",
        "debtor.kind": "legal-person",
        "debtor.name": "Peeters NV",
        "debtor.language": "nl",
        "claims.0.invoiceNumber": "F-1",
        "claims.0.invoiceDate": "2026-01-10",
        "claims.0.dueDate": "2026-02-30",
        "claims.0.amount": "12,5x",
      }),
      "clerk",
    );
    expect(answer.status).toBe(400);
    const page = await answer.text();
    expect(page).toMatch(/id="f-claims-0-dueDate"[^>]*aria-invalid="true"/);
    expect(page).toContain('id="f-claims-0-dueDate-error"');
    expect(page).toContain('id="f-claims-0-amount-error"');
    expect(page).not.toContain('id="f-debtor-name-error"');
    expect(page).toContain('value="Peeters NV"');
    expect(await countCases()).toBe(before);

    const api = await server.request(
      "/api/cases",
      json({ ...validCase, claims: [{ ...validCase.claims[0], amount: "-1" }] }),
      "clerk",
    );
    expect(api.status).toBe(400);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await api.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(["claims.0.amount"]);
    expect(await countCases()).toBe(before);
  });

  it("opens from the form, with a nl amount, and lands on its sheet", async () => {
    const answer = await server.request(
      "/cases/new",
      form({
        client: "acme-bouw",
        clientReference: "ACME-FORM-1",
        rulePack: "be.b2b",
        "debtor.kind": "legal-person",
        "debtor.name": "Form BV",
        "debtor.language": "fr",
        "debtor.email": "form@example.be",
        "claims.0.invoiceNumber": "F-2",
        "claims.0.invoiceDate": "2026-01-10",
        "claims.0.dueDate": "2026-02-09",
        "claims.0.amount": "1.234,50",
      }),
      "clerk",
    );
    expect(answer.status).toBe(303);
    const location = answer.headers.get("location") ?? "";
    expect(location).toMatch(/^\/cases\/web-/);
    const sheet = await server.request(`${location}?lang=en`, {}, "clerk");
    const page = await sheet.text();
    expect(sheet.status).toBe(200);
    expect(page).toContain("Form BV");
    for (const section of [
      "summary",
      "findings",
      "statement",
      "history",
      "letters",
      "payments",
      "plan",
      "promises",
      "notes",
      "what-if",
    ])
      expect(page).toContain(`<section id="${section}"`);
    const events = await server.services.store.readEvents(scope, location.slice("/cases/".length));
    const claim = events.map((item) => item.event).find((event) => event.type === "claim.added");
    expect(claim?.type === "claim.added" && claim.claim.amount).toBe("1234.50");
    // The history is written in the page's language, amounts and dates as its readers write them.
    const historyOf = async (lang: string) => {
      const text = await (await server.request(`${location}?lang=${lang}`, {}, "clerk")).text();
      return text.slice(
        text.indexOf('<section id="history"'),
        text.indexOf('<section id="letters"'),
      );
    };
    expect(page.slice(page.indexOf('<section id="history"'))).toContain(
      "invoice F-2 of 1234.50, due 2026-02-09",
    );
    // People by name: the owner, and who recorded each event (the clerk who opened the case).
    expect(page).toContain("<dt>Case owner</dt><dd>Lies Janssens</dd>");
    const byOwnerName = await (
      await server.request("/cases?lang=en&owner=lies%20janssens", {}, "clerk")
    ).text();
    expect(byOwnerName).toContain(`${location}"`);
    expect(byOwnerName).toContain("<td>Lies Janssens</td>");
    expect(page).toMatch(/<td>Lies Janssens<\/td><td>case \S+ opened for .*, owner Lies Janssens</);
    const dutch = await historyOf("nl");
    expect(dutch).toContain("factuur F-2 van € 1.234,50, vervallen op 9 februari 2026");
    expect(dutch).not.toContain("invoice F-2");
    const french = await historyOf("fr");
    expect(french).toContain("facture F-2 de 1\u202f234,50\u00a0€, échue le 9 février 2026");
  });

  it("is found in the list by our reference and the client's", async () => {
    const row = await server.services.store.getCase(scope, caseId);
    const byNumber = await server.request(
      `/cases?q=${encodeURIComponent(row?.caseNumber ?? "")}`,
      {},
      "clerk",
    );
    expect(await byNumber.text()).toContain(`/cases/${caseId}"`);
    const byReference = (await (
      await server.request("/api/cases?q=ACME-4711", {}, "clerk")
    ).json()) as { items: { caseId: string }[] };
    expect(byReference.items.map((item) => item.caseId)).toEqual([caseId]);
    const byDebtor = (await (
      await server.request("/api/cases?q=0566988259", {}, "clerk")
    ).json()) as { items: { caseId: string }[] };
    expect(byDebtor.items.map((item) => item.caseId)).toContain(caseId);
  });
});

describe("the case sheet", () => {
  it("shows the statement with each interest line and its source", async () => {
    const page = await (await server.request(`/cases/${caseId}?lang=en`, {}, "clerk")).text();
    expect(page).toContain('<table id="interest-lines">');
    const statement = (await (
      await server.request(`/api/cases/${caseId}/statement`, {}, "clerk")
    ).json()) as {
      interestLines: { rateEntries: { source: string }[] }[];
      totals: { balance: string };
    };
    expect(statement.interestLines.length).toBeGreaterThan(0);
    const source = statement.interestLines[0]?.rateEntries[0]?.source ?? "";
    expect(source.length).toBeGreaterThan(0);
    expect(page).toContain(
      source
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;"),
    );
    expect(statement.totals.balance).toBe((await balanceOf(caseId)).toFixed(2));
  });

  it("registers a payment that lowers the balance to the cent, as the core's statement says", async () => {
    const before = await balanceOf(caseId);
    const answer = await server.request(
      `/api/cases/${caseId}/payments`,
      json({ amount: "1234.56", date: "2026-03-02" }),
      "clerk",
    );
    expect(answer.status).toBe(201);
    const after = await balanceOf(caseId);
    expect(after.toFixed(2)).toBe(before.minus("1234.56").toFixed(2));
    expect(((await answer.json()) as { balance: string }).balance).toBe(after.toFixed(2));

    const byForm = await server.request(
      `/cases/${caseId}/payments`,
      form({ amount: "10,01", date: "2026-03-01", imputation: "principal-interest-costs" }),
      "clerk",
    );
    expect(byForm.status).toBe(303);
    const statement = (await (
      await server.request(`/api/cases/${caseId}/statement`, {}, "clerk")
    ).json()) as { totals: { balance: string } };
    expect(statement.totals.balance).toBe((await balanceOf(caseId)).toFixed(2));
    const page = await (await server.request(`/cases/${caseId}?lang=en`, {}, "clerk")).text();
    expect(page).toContain('<table id="payments-table">');

    const bad = await server.request(
      `/cases/${caseId}/payments?lang=en`,
      form({ amount: "abc", date: "2026-03-01" }),
      "clerk",
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="f-amount-error"');
  });

  it("answers what-if without storing anything", async () => {
    const versionBefore = (await server.services.store.readEvents(scope, caseId)).length;
    const outboxBefore = (await server.services.store.listOutbox(scope, {})).length;
    const page = await (
      await server.request(`/cases/${caseId}?lang=en&amount=500&date=2026-03-31`, {}, "clerk")
    ).text();
    expect(page).toContain('<output id="what-if-result"');
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    const api = (await (
      await server.request(
        `/api/cases/${caseId}/what-if?amount=500.00&date=2026-03-31`,
        {},
        "clerk",
      )
    ).json()) as {
      totals: { balance: string };
    };
    const events = (await server.services.store.readEvents(scope, caseId)).map(
      (item) => item.event,
    );
    const expected = whatIf(events, Temporal.PlainDate.from("2026-03-31"), {
      date: "2026-03-31",
      amount: "500.00",
    }).statement.totals.balance;
    expect(api.totals.balance).toBe(expected.toFixed(2));
    expect((await server.services.store.readEvents(scope, caseId)).length).toBe(versionBefore);
    expect((await server.services.store.listOutbox(scope, {})).length).toBe(outboxBefore);
  });

  it("opens the statement letter as a PDF", async () => {
    const pdf = await server.request(`/cases/${caseId}/letters/statement.pdf`, {}, "clerk");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  });

  it("opens a demo case's recorded letters as PDF", async () => {
    const rows = (await server.services.store.listCases(scope, { limit: 1000 })).items;
    let found: { caseId: string; eventId: string } | null = null;
    for (const row of rows) {
      const events = (await server.services.store.readEvents(scope, row.caseId)).map(
        (item) => item.event,
      );
      const notice = events.find((event) => event.type === "notice.sent");
      if (notice !== undefined) {
        found = { caseId: row.caseId, eventId: notice.id };
        break;
      }
    }
    expect(found).not.toBeNull();
    const sheet = await (await server.request(`/cases/${found?.caseId}`, {}, "clerk")).text();
    const href = `/cases/${found?.caseId}/letters/${encodeURIComponent(found?.eventId ?? "")}.pdf`;
    expect(sheet).toContain(`href="${href}"`);
    const pdf = await server.request(href, {}, "clerk");
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))).toBe(
      "%PDF-",
    );
  });

  it("proposes a plan from the balance, agrees it and prints the agreement", async () => {
    const request = { firstDueDate: "2026-04-01", schedule: { count: 4 }, frequency: "monthly" };
    const proposed = await server.request(
      `/api/cases/${caseId}/plan`,
      json({ action: "propose", request }),
      "clerk",
    );
    expect(proposed.status).toBe(200);
    const proposal = (await proposed.json()) as {
      plan: { instalments: { amount: string }[]; totals: { financed: string } };
    };
    expect(proposal.plan.instalments).toHaveLength(4);
    expect(proposal.plan.totals.financed).toBe((await balanceOf(caseId)).toFixed(2));
    const versionBefore = (await server.services.store.readEvents(scope, caseId)).length;
    expect(versionBefore).toBeGreaterThan(0);

    const bad = await server.request(
      `/api/cases/${caseId}/plan`,
      json({ action: "propose", request: { ...request, schedule: { count: 0 } } }),
      "clerk",
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      "request.schedule.count",
    );

    const page = await server.request(
      `/cases/${caseId}/plan?lang=en`,
      form({ action: "propose", firstDueDate: "2026-04-01", count: "4", frequency: "monthly" }),
      "clerk",
    );
    expect(await page.text()).toContain('<form id="plan-agree"');
    const agreed = await server.request(
      `/cases/${caseId}/plan`,
      form({ action: "agree", firstDueDate: "2026-04-01", count: "4", frequency: "monthly" }),
      "clerk",
    );
    expect(agreed.status).toBe(303);
    const events = (await server.services.store.readEvents(scope, caseId)).map(
      (item) => item.event,
    );
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["plan.agreed", "document.produced"]),
    );
    const letter = events.find((event) => event.type === "document.produced");
    const pdf = await server.request(
      `/cases/${caseId}/letters/${encodeURIComponent(letter?.id ?? "")}.pdf`,
      {},
      "clerk",
    );
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))).toBe(
      "%PDF-",
    );
    const sheet = await (await server.request(`/cases/${caseId}?lang=en`, {}, "clerk")).text();
    expect(sheet).toContain('id="plan-status"');
    // In Dutch, the case's status, the plan's state and each instalment's are words, not codes.
    const dutch = await (await server.request(`/cases/${caseId}?lang=nl`, {}, "clerk")).text();
    expect(dutch).toMatch(
      /Toestand van het plan: (lopend|achterstallig|niet nageleefd|volledig betaald|stopgezet)</,
    );
    expect(dutch).toMatch(/<dt>Status<\/dt><dd>(Afbetalingsplan|Lopend|Betaald)<\/dd>/);
    const instalments = dutch.slice(
      dutch.indexOf('id="plan-status"'),
      dutch.indexOf('id="promises"'),
    );
    expect(instalments).toMatch(
      /<td>(betaald|deels betaald|vervalt vandaag|achterstallig|nog te vervallen)<\/td>/,
    );
    expect(instalments).not.toMatch(/<td>(paid|partly-paid|due|overdue|upcoming)<\/td>/);
    expect((await server.request(`/api/cases/${caseId}`, {}, "clerk")).status).toBe(200);
  });

  it("adds a note", async () => {
    const answer = await server.request(
      `/cases/${caseId}/notes`,
      form({ text: "Called <the> debtor: pays Friday" }),
      "clerk",
    );
    expect(answer.status).toBe(303);
    const page = await (await server.request(`/cases/${caseId}`, {}, "clerk")).text();
    expect(page).toContain("Called &lt;the&gt; debtor: pays Friday");
    const empty = await server.request(`/api/cases/${caseId}/notes`, json({ text: "" }), "clerk");
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("text");
  });

  it("declares its routes in the OpenAPI document", async () => {
    const document = (await (await server.request("/api/openapi.json", {}, "clerk")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const path of [
      "/api/cases",
      "/api/cases/{caseId}",
      "/api/cases/{caseId}/statement",
      "/api/cases/{caseId}/payments",
      "/api/cases/{caseId}/notes",
      "/api/cases/{caseId}/plan",
      "/api/agenda",
      "/api/agenda/approve",
      "/api/agenda/dispositions",
    ])
      expect(Object.keys(document.paths), path).toContain(path);
    expect(document.paths["/api/cases"]?.post).toHaveProperty("requestBody");
  });

  it("labels every form field, with no id twice, on each page", async () => {
    for (const path of [
      "/cases",
      "/cases/new",
      `/cases/${caseId}/payments`,
      `/cases/${caseId}`,
      `/cases/${caseId}?amount=100&date=2026-03-10`,
    ])
      checkLabels(await (await server.request(path, {}, "clerk")).text());
  });

  it("speaks nl, fr and en", async () => {
    const text = async (lang: string) =>
      (await server.request(`/cases/${caseId}?lang=${lang}`, {}, "clerk")).text();
    expect(await text("nl")).toContain("Afrekening op");
    expect(await text("fr")).toContain("Décompte au");
    expect(await text("en")).toContain("Statement as of");
    expect(await (await server.request("/cases/new?lang=fr", {}, "clerk")).text()).toContain(
      "Ouvrir le dossier",
    );
  });

  it("answers 404, never 403, for a case of another firm", async () => {
    const other = { tenantId: "nl-devries" };
    await server.services.store.append(other, {
      caseId: "nl-secret",
      expectedVersion: 0,
      asOf: "2026-03-02",
      events: [
        {
          id: "o1",
          type: "case.opened",
          at: "2026-03-01",
          recordedAt: "2026-03-01T08:00:00Z",
          by: "nl-clerk",
          caseNumber: "NL/1",
          client: { id: "hollandse-handel", name: "Hollandse Handel B.V." },
          debtors: [
            { id: "d1", kind: "legal-person", name: "Geheim BV", language: "nl", consumer: false },
          ],
          owner: "nl-clerk",
          lawyer: "nl-lawyer",
          rulePack: "nl.b2b",
        },
      ],
    });
    for (const path of [
      "/cases/nl-secret",
      "/api/cases/nl-secret",
      "/api/cases/nl-secret/statement",
      "/cases/nl-secret/letters/statement.pdf",
    ]) {
      const answer = await server.request(path, {}, "clerk");
      expect(answer.status, path).toBe(404);
    }
    const write = await server.request("/api/cases/nl-secret/notes", json({ text: "x" }), "clerk");
    expect(write.status).toBe(404);
    expect((await server.services.store.readEvents(other, "nl-secret")).length).toBe(1);
  });
});
