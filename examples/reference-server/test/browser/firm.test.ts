// The firm's pages in a real browser (Debian's Chromium through playwright-core) against the
// server listening on 127.0.0.1 with the demo data, sending through a real SMTP server on
// 127.0.0.1: a clerk signs in, approves reminders on the agenda, the letter's PDF opens, the e-mail
// arrives at the SMTP server, the case history shows it; an import with a bad row shows the error
// and writes nothing of that case; a bank statement's payment lands on the case after review; the
// pages are reachable by keyboard with a visible focus, their controls labelled, and axe-core finds
// nothing serious or critical.
import type { CaseEventJson } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import { createSmtpMailer } from "@incasso/notify";
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCertificate } from "../../../../packages/notify/test/support/smtp-server.js";
import { demoLogin } from "../../src/demo/logins.js";
import { firmDispatcher } from "../../src/jobs/daily-work.js";
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

const NOW = Temporal.Instant.from("2026-11-27T10:00:00Z");
const TODAY = "2026-11-27";
const TENANT = "be-peeters";
const CLIENT = "acme-bouw";
const scope = { tenantId: TENANT };

const received: ParsedMail[] = [];
// A real SMTP server on 127.0.0.1 with STARTTLS and a self-signed certificate that the server's
// mailer is given as its trusted CA (the mailer requires TLS, as in production).
const certificate = await makeTestCertificate();
const smtp = new SMTPServer({
  authOptional: true,
  key: certificate.key,
  cert: certificate.cert,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

const activity = (code: string, kind: "email" | "letter", channel: "email" | "post") => ({
  code,
  description: { nl: `${code} nl`, fr: `${code} fr`, en: `${code} en` },
  kind,
  channel,
  template: "reminder",
});

function browserCase(caseId: string, scenarioId: string, email: string): CaseEventJson[] {
  const at = "2026-09-01";
  const envelope = (id: string) => ({
    id: `${caseId}-${id}`,
    at,
    recordedAt: `${at}T08:00:00Z`,
    by: "test",
  });
  return [
    {
      ...envelope("open"),
      type: "case.opened",
      caseNumber: `2026/${caseId}`,
      client: { id: CLIENT, name: "Acme Bouw NV" },
      debtors: [
        {
          id: `D-${caseId}`,
          kind: "legal-person",
          name: `Debiteur ${caseId} BV`,
          language: "nl",
          consumer: false,
          contacts: [
            { id: "m1", kind: "email", value: email, source: "client", date: at },
            {
              id: "a1",
              kind: "address",
              value: "Kerkstraat 1, 2000 Antwerpen",
              source: "client",
              date: at,
            },
          ],
        },
      ],
      owner: "lies.janssens",
      lawyer: "mr. Peeters",
      rulePack: "be.b2b",
    },
    {
      ...envelope("claim"),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: `INV-${caseId}`,
        invoiceDate: "2026-08-01",
        dueDate: "2026-08-31",
        amount: "1200.00",
      },
    },
    { ...envelope("scenario"), type: "scenario.started", scenarioId },
  ];
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const address = smtp.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  server = await startTestServer({
    now: () => NOW,
    smtp: { host: "127.0.0.1", port },
    overrides: {
      mailer: createSmtpMailer({
        host: "127.0.0.1",
        port,
        secure: false,
        tls: { ca: certificate.cert },
      }),
    },
  });
  const store = server.services.store;
  const step = (code: string) => [
    { activity: code, wait: { days: 7 }, after: "due-date" as const },
  ];
  await store.putScenario(scope, CLIENT, {
    id: "browser-email",
    version: 1,
    name: "browser-email",
    calendar: "be",
    activities: [activity("BEML", "email", "email")],
    steps: step("BEML"),
  });
  await store.putScenario(scope, CLIENT, {
    id: "browser-letter",
    version: 1,
    name: "browser-letter",
    calendar: "be",
    activities: [activity("BLTR", "letter", "post")],
    steps: step("BLTR"),
  });
  await store.append(scope, {
    caseId: "BR1",
    expectedVersion: 0,
    events: browserCase("BR1", "browser-email", "debiteur-br1@example.be"),
    asOf: TODAY,
  });
  await store.append(scope, {
    caseId: "BR2",
    expectedVersion: 0,
    events: browserCase("BR2", "browser-letter", "debiteur-br2@example.be"),
    asOf: TODAY,
  });
  await runDailyShard(store, scope, { runDate: TODAY });
  const baseURL = await server.listen();
  browser = await launchBrowser();
  context = await newContext(browser, baseURL);
  page = await context.newPage();
  await signIn(page, demoLogin("clerk"));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function checkPage(path: string, tabs = 14): Promise<void> {
  await page.goto(path);
  expect(await unlabelledControls(page), path).toEqual([]);
  expect(await seriousViolations(page), path).toEqual([]);
  const stops = await tabThrough(page, tabs);
  expect(stops[0]?.text, path).toMatch(/Skip to content/);
  expect(
    stops.filter((stop) => !stop.visible),
    path,
  ).toEqual([]);
}

describe("the firm's pages in a browser", () => {
  it("a clerk approves reminders on the agenda: the letter's PDF opens, the e-mail arrives, the history shows it", async () => {
    await page.goto("/agenda?lang=en");
    await page.getByLabel("Select 2026/BR1").check();
    await page.getByLabel("Select 2026/BR2").check();
    await Promise.all([
      page.waitForLoadState("load"),
      page.getByRole("button", { name: "Approve selected" }).click(),
    ]);
    expect(await page.locator("main").textContent()).toContain("approved");

    // The background work the server does every minute: the firm's dispatcher sends the outbox.
    const firm = server.services.firms().find((one) => one.tenantId === TENANT);
    if (firm === undefined) throw new Error("the demo firm is missing");
    await firmDispatcher(server.services, firm, "browser-test").runOnce();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const mail = received.find(
      (one) => one.to !== undefined && JSON.stringify(one.to).includes("debiteur-br1@example.be"),
    );
    expect(mail).toBeDefined();
    expect(mail?.subject ?? "").not.toBe("");

    await page.goto("/cases/BR2?lang=en");
    const link = page.locator("a.letter-pdf").first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/\/cases\/BR2\/letters\/.+\.pdf$/);
    const pdf = await page.request.get(href ?? "");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await page.goto("/cases/BR1?lang=en");
    const history = (await page.locator("#history").textContent()) ?? "";
    expect(history).toContain("debiteur-br1@example.be");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("an import with a bad row shows the error and writes nothing of that case", async () => {
    const profile = {
      version: 1,
      id: "browser-cases",
      clientId: CLIENT,
      kind: "cases",
      encoding: "utf-8",
      delimiter: ";",
      decimalSeparator: ",",
      thousandsSeparator: ".",
      dateFormats: ["dd/mm/yyyy"],
      newCases: { rulePack: "be.b2b" },
      columns: {
        clientReference: { name: "Dossier" },
        debtorId: { name: "Klant" },
        debtorName: { name: "Naam" },
        debtorLanguage: { constant: "nl" },
        debtorKind: { constant: "legal-person" },
        invoiceNumber: { name: "Factuur" },
        invoiceDate: { name: "Factuurdatum" },
        dueDate: { name: "Vervaldag" },
        amount: { name: "Bedrag" },
      },
    };
    const csv = [
      "Dossier;Klant;Naam;Factuur;Factuurdatum;Vervaldag;Bedrag",
      "BI-1;BK1;Alfa BV;BF-1;05/09/2026;04/10/2026;1.234,56",
      "BI-2;BK2;Beta BV;BF-2;05/09/2026;04/10/2026;500,00",
      "BI-2;BK2;Beta BV;BF-3;05/09/2026;31/02/2026;100,00",
      "",
    ].join("\r\n");
    await page.goto("/work/import?lang=en");
    await page.locator("#profile-file").setInputFiles({
      name: "profile.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(profile)),
    });
    await Promise.all([page.waitForLoadState("load"), page.locator("#profile-upload").click()]);
    await page.locator("#import-profile").selectOption("browser-cases");
    await page
      .locator("#import-file")
      .setInputFiles({ name: "acme.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/dry-run/), page.locator("#import-dry-run").click()]);
    const bad = page.locator("#row-4");
    expect(await bad.getAttribute("class")).toBe("outcome-error");
    expect(await bad.textContent()).toContain("Vervaldag");
    await Promise.all([
      page.waitForURL(/\/work\/import\/jobs\//),
      page.locator("#import-apply").click(),
    ]);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator("#result-csv").count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const numbers = (await server.services.store.listCases(scope, { limit: 1000 })).items
      .map((row) => row.caseNumber)
      .filter((number) => number.includes("BI-"))
      .sort();
    expect(numbers).toEqual([`${CLIENT}/BI-1`]);
  });

  it("a bank statement's payment lands on the case after review", async () => {
    const legrand = (await server.services.store.listCases(scope, { limit: 1000 })).items.find(
      (row) => row.debtorIds.includes("D-LEGRAND"),
    );
    expect(legrand).toBeDefined();
    const before = await server.services.store.readEvents(scope, legrand?.caseId ?? "");
    const statement = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>BROWSER-1</MsgId><CreDtTm>2026-11-26T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>BROWSER-1</Id><ElctrncSeqNb>7</ElctrncSeqNb><CreDtTm>2026-11-26T23:00:00</CreDtTm>
      <Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-26</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-26</Dt></Dt></Bal>
      <Ntry>
        <NtryRef>BROWSER-PAY-1</NtryRef><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-26</Dt></BookgDt><ValDt><Dt>2026-11-26</Dt></ValDt><AcctSvcrRef>BROWSER-PAY-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><AcctSvcrRef>BROWSER-PAY-1</AcctSvcrRef></Refs>
          <RltdPties><Dbtr><Nm>Legrand Construction</Nm></Dbtr><DbtrAcct><Id><IBAN>BE71096123456769</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>Facture AB-2026-0433 acompte</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
    await page.goto("/work/bank?lang=en");
    const client = page.locator("#bank-client");
    if ((await client.evaluate((element) => element.tagName)) === "SELECT")
      await client.selectOption(legrand?.clientId ?? "");
    else await client.fill(legrand?.clientId ?? "");
    await page.locator("#bank-file").setInputFiles({
      name: "browser.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(statement),
    });
    await Promise.all([
      page.waitForURL(/\/work\/bank\/batches\//),
      page.locator("#bank-upload").click(),
    ]);
    await Promise.all([page.waitForLoadState("load"), page.locator("#review-1-accept").click()]);
    expect(await page.locator("main").textContent()).toMatch(
      /Row 1: (reviewed: )?accepted,? recorded\./,
    );
    const after = await server.services.store.readEvents(scope, legrand?.caseId ?? "");
    const payments = (list: typeof after) =>
      list.filter((stored) => stored.event.type === "payment.received");
    expect(payments(after).length).toBe(payments(before).length + 1);
    const landed = payments(after).at(-1)?.event;
    expect(landed?.type === "payment.received" && landed.amount).toBe("300.00");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the firm's pages reach their controls by keyboard, label every control and pass axe", async () => {
    for (const path of [
      "/agenda?lang=en",
      "/cases?lang=en",
      "/cases/BR1?lang=en",
      "/work/import?lang=en",
      "/work/bank?lang=en",
      "/work/reports?lang=en",
    ])
      await checkPage(path);
  });
});
