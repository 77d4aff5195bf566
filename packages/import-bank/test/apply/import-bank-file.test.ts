import type { CaseEventJson, CaseStore } from "@incasso/core";
import { createOgm, Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importBankFile, listReviewQueue, reviewEntry } from "../../src/index.js";
import type { WritableStatement } from "../support/spec.js";
import { writeCamt053 } from "../support/write-camt.js";
import { writeCoda } from "../support/write-coda.js";
import type { TestStore } from "./stores.js";
import { STORES } from "./stores.js";

const scope = { tenantId: "firm-1" };
const ACCOUNT = "BE68539007547034";
const PAYER = "BE71096123456769";
const REF = {
  C1: createOgm("0000000101"),
  C2: createOgm("0000000202"),
  C3: createOgm("0000000303"),
};
const day = Temporal.PlainDate.from("2026-03-02");

function opened(
  caseNumber: string,
  debtor: string,
  name: string,
  paymentReference?: string,
): CaseEventJson {
  return {
    id: "open",
    type: "case.opened",
    at: "2026-01-05",
    recordedAt: "2026-01-05T09:00:00Z",
    by: "clerk",
    caseNumber,
    client: { id: "acme", name: "Acme NV" },
    debtors: [{ id: debtor, kind: "natural-person", name, language: "nl", consumer: false }],
    owner: "an",
    lawyer: "mr. X",
    rulePack: "be.b2b",
    ...(paymentReference === undefined ? {} : { paymentReference }),
  };
}

function claim(invoiceNumber: string, amount: string, dueDate: string): CaseEventJson {
  return {
    id: `claim-${invoiceNumber}`,
    type: "claim.added",
    at: "2026-01-05",
    recordedAt: "2026-01-05T09:00:00Z",
    by: "clerk",
    claim: { id: invoiceNumber, invoiceNumber, invoiceDate: "2025-08-01", dueDate, amount },
  };
}

async function seed(store: CaseStore): Promise<void> {
  await store.putClient(scope, { id: "acme", name: "Acme NV" });
  await store.putClient(scope, { id: "firm-account", name: "Third-party account" });
  const cases: Record<string, CaseEventJson[]> = {
    C1: [opened("2026/00001", "D1", "Jan Peeters", REF.C1), claim("F-101", "300.00", "2026-02-01")],
    C2: [opened("2026/00002", "D1", "Jan Peeters", REF.C2), claim("F-102", "200.00", "2025-12-01")],
    C3: [
      opened("2026/00003", "D2", "Marie Dubois", REF.C3),
      claim("F-2026-77", "150.00", "2026-02-15"),
    ],
    C4: [opened("2026/00004", "D3", "Bakkerij Smits"), claim("F-104", "99.00", "2026-02-20")],
  };
  for (const [caseId, events] of Object.entries(cases))
    await store.append(scope, { caseId, expectedVersion: 0, events, asOf: "2026-03-02" });
}

const statement: WritableStatement = {
  account: ACCOUNT,
  statementNumber: 12,
  date: day,
  openingBalance: new Decimal("1000.00"),
  entries: [
    // 1: Marie Dubois pays C3 in full with its structured reference.
    {
      amount: new Decimal("150.00"),
      valueDate: day,
      counterparty: { name: "Marie Dubois", iban: PAYER, bic: "GKCCBEBB" },
      structuredReference: { kind: "ogm", value: REF.C3.replace(/\D/g, "") },
    },
    // 2: Jan Peeters pays 400 quoting C1 (300 open): the rest pays C2.
    {
      amount: new Decimal("400.00"),
      valueDate: day,
      counterparty: { name: "J. Peeters", iban: "BE43068999999501", bic: null },
      communication: `betaling ${REF.C1.replace(/\+/g, "")}`,
    },
    // 3: an invoice number of C3 only: proposed.
    {
      amount: new Decimal("50.00"),
      valueDate: day,
      counterparty: { name: "Onbekend", iban: null, bic: null },
      communication: "factuur F-2026-77",
    },
    // 4: nothing of ours: unmatched.
    { amount: new Decimal("20.00"), valueDate: day, communication: "gift" },
    // 5: the first payment comes back (to the account that paid, quoting its reference).
    {
      amount: new Decimal("-150.00"),
      valueDate: day,
      counterparty: { name: "Marie Dubois", iban: PAYER, bic: null },
      communication: `RETOUR ${REF.C3}`,
    },
    // 6: the firm pays a supplier: ignored.
    {
      amount: new Decimal("-500.00"),
      valueDate: day,
      counterparty: { name: "Supplier", iban: "BE62510007547061", bic: null },
      communication: "invoice 88",
    },
  ],
};

for (const target of STORES) {
  describe.skipIf(target.skip)(`bank import on ${target.name}`, () => {
    let opened: TestStore;
    let store: CaseStore;
    beforeAll(async () => {
      opened = await target.open();
      store = opened.store;
      await seed(store);
    });
    afterAll(async () => opened.close());

    const payments = async (caseId: string) =>
      (await store.readEvents(scope, caseId))
        .map((stored) => stored.event)
        .filter((event) => event.type === "payment.received" || event.type === "payment.reversed");
    const everything = async () =>
      Object.fromEntries(
        await Promise.all(["C1", "C2", "C3", "C4"].map(async (id) => [id, await payments(id)])),
      );
    const base = {
      scope,
      clientId: "firm-account",
      importedAt: "2026-03-03T08:00:00Z",
      by: "bank-import",
    };

    test("a dry run matches and stores nothing", async () => {
      const result = await importBankFile({
        ...base,
        store,
        files: [{ name: "day.xml", bytes: writeCamt053(statement) }],
        dryRun: true,
      });
      expect(result.entries.map((entry) => entry.detail.decision)).toEqual([
        "apply",
        "apply",
        "propose",
        "unmatched",
        "apply",
        "ignore",
      ]);
      expect(Object.values(await everything()).flat()).toEqual([]);
      expect(await store.listImportBatches(scope)).toEqual([]);
    });

    test("applies what it is sure of, split oldest due first, records the return, and keeps the rest for review", async () => {
      // C1 owes its claim with the B2B compensation and interest: that much, the rest to C2.
      const owed = new Decimal((await store.getCase(scope, "C1"))?.balance ?? "0");
      expect(owed.gt(300)).toBe(true);
      const result = await importBankFile({
        ...base,
        store,
        files: [{ name: "day.xml", bytes: writeCamt053(statement) }],
      });
      expect(result.totals).toEqual({
        entries: 6,
        applied: 2,
        proposed: 1,
        unmatched: 1,
        duplicates: 0,
        reversals: 1,
        ignored: 1,
        appliedAmount: "550.00",
      });
      const split = result.entries[1]?.detail.allocations.map((part) => [
        part.caseId,
        part.amount,
        part.basis,
      ]);
      expect(split).toEqual([
        ["C1", owed.toFixed(2), "named"],
        ["C2", new Decimal(400).minus(owed).toFixed(2), "split"],
      ]);
      const stored = await everything();
      expect(stored.C1).toMatchObject([
        {
          type: "payment.received",
          amount: owed.toFixed(2),
          at: "2026-03-02",
          bank: { account: ACCOUNT, counterpartyIban: "BE43068999999501" },
        },
      ]);
      expect(stored.C2).toMatchObject([
        { type: "payment.received", amount: new Decimal(400).minus(owed).toFixed(2) },
      ]);
      const c3 = stored.C3 as CaseEventJson[];
      expect(c3.map((event) => event.type)).toEqual(["payment.received", "payment.reversed"]);
      const received = c3[0] as Extract<CaseEventJson, { type: "payment.received" }>;
      expect(received.reference).toBe(REF.C3);
      expect(received.bank?.matchReasons?.[0]).toBe(
        `+100 the structured reference ${REF.C3} is the case's payment reference`,
      );
      expect((c3[1] as Extract<CaseEventJson, { type: "payment.reversed" }>).paymentId).toBe(
        received.paymentId,
      );
      const batch = await store.getImportBatch(scope, result.batchId);
      expect(batch?.rows.map((row) => row.outcome)).toEqual([
        "imported",
        "imported",
        "proposed",
        "unmatched",
        "imported",
        "skipped",
      ]);
      expect(batch?.rows[2]?.detail).toMatchObject({
        decision: "propose",
        candidates: [{ caseId: "C3" }],
      });
    });

    test("the same file again, and the same day's CODA file, pay nothing twice", async () => {
      const before = await everything();
      const again = await importBankFile({
        ...base,
        store,
        importedAt: "2026-03-04T08:00:00Z",
        files: [{ name: "day.xml", bytes: writeCamt053(statement) }],
      });
      expect(again.resumed).toBe(true);
      expect(again.totals.applied + again.totals.reversals).toBe(0);
      expect(again.totals.duplicates).toBe(3);
      const coda = await importBankFile({
        ...base,
        store,
        importedAt: "2026-03-04T09:00:00Z",
        files: [{ name: "day.cod", bytes: writeCoda(statement) }],
      });
      expect(coda.resumed).toBe(false);
      expect(coda.totals.applied).toBe(0);
      expect(coda.totals.reversals).toBe(0);
      expect(await everything()).toEqual(before);
    });

    test("the review queue: accept, reassign and reject, each once", async () => {
      const queue = await listReviewQueue({ store, scope });
      const rows = queue.map((entry) => [entry.detail.file, entry.row, entry.outcome]);
      expect(rows.slice(0, 2)).toEqual([
        ["day.xml", 3, "proposed"],
        ["day.xml", 4, "unmatched"],
      ]);
      const [proposed, unmatched] = queue;
      const at = "2026-03-04T10:00:00Z";
      const accept = { store, scope, batchId: proposed?.batchId ?? "", row: 3, at, by: "an" };
      expect(await reviewEntry({ ...accept, decision: { kind: "accept" } })).toMatchObject({
        replayed: false,
        recorded: "recorded",
      });
      expect(await reviewEntry({ ...accept, decision: { kind: "accept" } })).toMatchObject({
        replayed: true,
        recorded: "none",
      });
      await expect(
        reviewEntry({ ...accept, decision: { kind: "reject", reason: "not ours" } }),
      ).rejects.toMatchObject({
        code: "IDEMPOTENCY_KEY_REUSED",
      });
      const reassign = { ...accept, batchId: unmatched?.batchId ?? "", row: 4 };
      await expect(
        reviewEntry({ ...reassign, decision: { kind: "accept" } }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
      expect(
        await reviewEntry({ ...reassign, decision: { kind: "reassign", caseId: "C4" } }),
      ).toMatchObject({ recorded: "recorded" });
      expect(
        await reviewEntry({ ...reassign, decision: { kind: "reassign", caseId: "C4" } }),
      ).toMatchObject({ replayed: true });
      expect((await payments("C3")).map((event) => event.type)).toEqual([
        "payment.received",
        "payment.reversed",
        "payment.received",
      ]);
      expect(await payments("C4")).toMatchObject([
        {
          type: "payment.received",
          amount: "20.00",
          bank: { matchReasons: ["reassigned on review by an"] },
        },
      ]);
      const left = await listReviewQueue({ store, scope });
      expect(left.filter((entry) => entry.batchId === proposed?.batchId)).toEqual([]);
      // The CODA import's own proposed and unmatched entries remain, to reject.
      for (const entry of left)
        await reviewEntry({
          store,
          scope,
          batchId: entry.batchId,
          row: entry.row,
          at,
          by: "an",
          decision: { kind: "reject", reason: "read twice" },
        });
      expect(await listReviewQueue({ store, scope })).toEqual([]);
    });
  });
}
