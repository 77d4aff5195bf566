// The bank page and API against a real server (PGlite, the demo firm): the demo bank statement's
// payments match the demo cases and are recorded; the transfer that names only the invoice waits
// for review, and once reviewed its payment lands on the case with its imputation and the balance
// the core computes; the same statement again records nothing twice.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { caseStatement, Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoStatement } from "../src/demo/statement.js";
import { loadRateTables } from "../src/work/rates-file.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const scope = { tenantId: "be-peeters" };
const today = Temporal.PlainDate.from("2026-11-27");
let server: TestServer;
let statement: { name: string; bytes: Uint8Array };

interface Entry {
  row: number;
  outcome: string;
  review: unknown;
  detail: {
    decision: string;
    entry: { amount: string; valueDate: string; communication: string | null };
    allocations: { caseId: string; caseNumber: string; amount: string; paymentId: string }[];
    candidates: { caseId: string; caseNumber: string }[];
  };
}

const balanceOf = async (caseId: string) => {
  const events = (await server.services.store.readEvents(scope, caseId)).map((s) => s.event);
  const { statement } = caseStatement(events, today, {
    rateTables: await loadRateTables(server.dataDir),
  });
  return { events, statement, balance: statement.totals.balance };
};

/** A camt.053 statement of the demo firm's account with one credit transfer. */
function camt053(
  date: string,
  entry: { id: string; amount: string; name: string; iban: string; text: string },
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>TEST-${date}</MsgId><CreDtTm>${date}T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>TEST-${date}</Id>
      <ElctrncSeqNb>2</ElctrncSeqNb>
      <CreDtTm>${date}T23:00:00</CreDtTm>
      <Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${entry.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>
      <Ntry>
        <NtryRef>${entry.id}</NtryRef>
        <Amt Ccy="EUR">${entry.amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt>
        <ValDt><Dt>${date}</Dt></ValDt>
        <AcctSvcrRef>${entry.id}</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><AcctSvcrRef>${entry.id}</AcctSvcrRef></Refs>
          <RltdPties><Dbtr><Nm>${entry.name}</Nm></Dbtr><DbtrAcct><Id><IBAN>${entry.iban}</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>${entry.text}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => Temporal.Instant.from("2026-11-27T10:00:00Z") });
  // The statement `pnpm start` writes beside the demo data, booked yesterday.
  const path = await writeDemoStatement(server.services);
  statement = { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
});
afterAll(async () => {
  await server?.close();
});

describe("the bank page", () => {
  let batchId = "";
  let entries: Entry[] = [];

  it("has labelled fields in nl, fr and en", async () => {
    for (const [lang, label] of [
      ["nl", "Bankafschrift"],
      ["fr", "Extrait bancaire"],
      ["en", "Bank statement"],
    ] as const) {
      const html = await (await server.request(`/work/bank?lang=${lang}`, {}, "clerk")).text();
      expect(html).toContain(`<label for="bank-file">${label}</label>`);
    }
  });

  it("matches the demo statement's payments to the demo cases and records them", async () => {
    const form = new FormData();
    form.append("file", new File([statement.bytes], statement.name));
    const upload = await server.request(
      "/work/bank/upload",
      { method: "POST", body: form },
      "clerk",
    );
    expect(
      upload.status,
      /<div class="errors"[\s\S]*?<\/div>/.exec(await upload.clone().text())?.[0],
    ).toBe(303);
    const location = upload.headers.get("location") ?? "";
    batchId = /^\/work\/bank\/batches\/(bank-[0-9a-f]{32})$/.exec(location)?.[1] ?? "";
    expect(batchId).not.toBe("");

    const page = await (await server.request(`${location}?lang=en`, {}, "clerk")).text();
    expect(page).toContain('id="bank-entries"');
    expect(page).toContain('id="bank-findings"');

    const batch = (await (
      await server.request(`/api/work/bank/${batchId}`, {}, "clerk")
    ).json()) as { entries: Entry[] };
    entries = batch.entries;
    const applied = entries.filter((entry) => entry.detail.decision === "apply");
    expect(applied.length).toBeGreaterThanOrEqual(2);
    for (const entry of applied) {
      const [part] = entry.detail.allocations;
      expect(part).toBeDefined();
      if (part === undefined) continue;
      expect(part.amount).toBe(entry.detail.entry.amount);
      const { events } = await balanceOf(part.caseId);
      const payment = events.find(
        (event) =>
          event.type === "payment.received" &&
          (event as { paymentId?: string }).paymentId === part.paymentId,
      ) as { amount?: string } | undefined;
      expect(payment, `${part.caseNumber} has the payment`).toBeDefined();
      expect(new Decimal(payment?.amount ?? "0").eq(part.amount)).toBe(true);
    }
  });

  it("a proposed match, accepted on review, lands on the case with the balance the core computes", async () => {
    // A transfer that names only an invoice in free text, for part of it: proposed, not applied.
    const legrand = (await server.services.store.listCases(scope, { limit: 1000 })).items.find(
      (row) => row.debtorIds.includes("D-LEGRAND"),
    );
    expect(legrand).toBeDefined();
    if (legrand === undefined) return;
    const form = new FormData();
    form.append(
      "file",
      new File(
        [
          camt053("2026-11-26", {
            id: "TEST-PARTIAL-1",
            amount: "500.00",
            name: "Legrand Construction",
            iban: "BE71096123456769",
            text: "Facture AB-2026-0433 acompte",
          }),
        ],
        "partial.xml",
      ),
    );
    const upload = await server.request(
      "/work/bank/upload",
      { method: "POST", body: form },
      "clerk",
    );
    expect(upload.status).toBe(303);
    const reviewBatch =
      /(bank-[0-9a-f]{32})$/.exec(upload.headers.get("location") ?? "")?.[1] ?? "";
    const batch = (await (
      await server.request(`/api/work/bank/${reviewBatch}`, {}, "clerk")
    ).json()) as { entries: Entry[] };
    const waiting = batch.entries[0];
    expect(waiting?.outcome).toBe("proposed");
    expect(waiting?.detail.candidates[0]?.caseId).toBe(legrand.caseId);
    if (waiting === undefined) return;
    const queue = await (await server.request("/work/bank", {}, "clerk")).text();
    expect(queue).toContain(`href="/work/bank/batches/${reviewBatch}#entry-1"`);
    const page = await (
      await server.request(`/work/bank/batches/${reviewBatch}`, {}, "clerk")
    ).text();
    expect(page).toContain('<label for="review-1-case">');
    expect(page).toContain('id="review-1-accept"');

    const before = await balanceOf(legrand.caseId);
    const reviewed = await server.request(
      `/work/bank/batches/${reviewBatch}/review?lang=en`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ row: "1", decision: "accept", case: "", reason: "" }),
      },
      "clerk",
    );
    expect(reviewed.status).toBe(200);
    expect(await reviewed.text()).toContain("Row 1: accepted, recorded.");

    const after = await balanceOf(legrand.caseId);
    const payments = after.events.filter((event) => event.type === "payment.received");
    expect(payments.length).toBe(
      before.events.filter((event) => event.type === "payment.received").length + 1,
    );
    const landed = payments.at(-1) as { amount: string; at: string };
    expect(new Decimal(landed.amount).eq("500.00")).toBe(true);
    expect(landed.at).toBe("2026-11-26");
    // The balance the core computes from the case's events is the case list's; it is the balance
    // before less the payment and less the interest the payment saved between its date and today,
    // to the cent; the payment is imputed on the costs first (the 40 euro lump sums), then on
    // interest and principal.
    const row = await server.services.store.getCase(scope, legrand.caseId);
    expect(new Decimal(row?.balance ?? "NaN").toFixed(2)).toBe(after.balance.toFixed(2));
    const saved = before.statement.totals.interestAccrued.minus(
      after.statement.totals.interestAccrued,
    );
    expect(saved.gte(0)).toBe(true);
    expect(saved.lt("1.00")).toBe(true);
    expect(before.balance.minus("500.00").minus(saved).toFixed(2)).toBe(after.balance.toFixed(2));
    expect(after.statement.totals.paid.toFixed(2)).toBe("500.00");
    expect(after.statement.totals.costs.toFixed(2)).toBe("0.00");
    expect(before.statement.totals.costs.gt(0)).toBe(true);

    // Decided: out of the queue, and a different decision on the same row is refused.
    const decided = (await (
      await server.request(`/api/work/bank/${reviewBatch}`, {}, "clerk")
    ).json()) as { entries: Entry[] };
    expect(decided.entries[0]?.review).toEqual({ kind: "accept" });
    const again = await server.request(
      `/api/work/bank/${reviewBatch}/review`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ row: 1, decision: { kind: "reject", reason: "not ours" } }),
      },
      "clerk",
    );
    expect(again.status).toBe(400);
  });

  it("the same statement again records nothing twice", async () => {
    const counts = async () =>
      Promise.all(
        entries
          .flatMap((entry) => entry.detail.allocations.map((part) => part.caseId))
          .map(async (caseId) => (await server.services.store.readEvents(scope, caseId)).length),
      );
    const before = await counts();
    const again = await server.request(
      "/api/work/bank",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          files: [
            { name: statement.name, content: Buffer.from(statement.bytes).toString("base64") },
          ],
        }),
      },
      "clerk",
    );
    expect(again.status).toBe(201);
    const result = (await again.json()) as {
      batchId: string;
      resumed: boolean;
      entries: { stored: string }[];
    };
    expect(result.batchId).toBe(batchId);
    expect(result.resumed).toBe(true);
    expect(result.entries.some((entry) => entry.stored === "recorded")).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("answers a review of an unknown row as problem+json naming the field", async () => {
    const response = await server.request(
      `/api/work/bank/${batchId}/review`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ row: 999, decision: { kind: "accept" } }),
      },
      "clerk",
    );
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors[0]?.path).toBe("row");
  });
});
