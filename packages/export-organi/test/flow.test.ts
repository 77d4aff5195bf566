import type { CaseStore } from "@incasso/core";
import { caseStatement, parseIsoDate, parseScenario, scenarioState } from "@incasso/core";
import { reminderScenario } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACKNOWLEDGEMENT_CSV_COLUMNS,
  DEFAULT_PROFILE,
  exportToBailiff,
  importAcknowledgement,
  ORGANI_PROFILE,
  parseAcknowledgement,
} from "../src/index.js";
import { exportInput, must, sampleEvents, seedCase } from "./support/sample.js";
import type { TestStore } from "./support/stores.js";
import { STORES } from "./support/stores.js";

const scope = { tenantId: "firm" };
const TO_MODERO = {
  office: { id: "modero", name: "Modero" },
  clientId: "acme",
  selection: {
    caseNumbers: [
      "2026/00042",
      "2026/09999",
      "2026/00044",
      "2026/00045",
      "2026/00046",
      "2026/00048",
      "2026/00043",
    ],
  },
};
const RESEND_TO_MODERO = {
  office: { id: "modero", name: "Modero" },
  selection: { caseNumbers: ["2026/00042"] },
  resend: { reason: "De Wolf closed its office" },
};
const other = { tenantId: "other-firm" };

async function events(store: CaseStore, caseId: string, tenant = scope) {
  return (await store.readEvents(tenant, caseId)).map((stored) => stored.event);
}

for (const target of STORES) {
  describe.skipIf(target.skip)(`the handover flow on ${target.name}`, () => {
    let opened: TestStore;
    let store: CaseStore;
    const letters = new Map<string, Uint8Array>();
    beforeAll(async () => {
      opened = await target.open();
      store = opened.store;
      await seedCase(store, scope, "C42", sampleEvents(), letters);
      await seedCase(store, scope, "C43", sampleEvents({ caseNumber: "2026/00043" }), letters);
      await seedCase(
        store,
        scope,
        "C44",
        sampleEvents({ caseNumber: "2026/00044", payments: ["3000.00"] }),
        letters,
      );
      await seedCase(
        store,
        scope,
        "C45",
        sampleEvents({ caseNumber: "2026/00045", client: "globex", clientName: "Globex BV" }),
        letters,
      );
      await seedCase(store, scope, "C46", sampleEvents({ caseNumber: "2026/00046" }), letters);
      await store.append(scope, {
        caseId: "C46",
        expectedVersion: (await events(store, "C46")).length,
        events: [
          {
            id: "dispute-3",
            type: "dispute.opened",
            at: "2026-10-01",
            recordedAt: "2026-10-01T09:00:00Z",
            by: "clerk",
            reason: "Contests the amount",
          },
        ],
        asOf: "2026-10-01",
      });
      await seedCase(
        store,
        scope,
        "C47",
        sampleEvents({ caseNumber: "2026/00047", rulePack: "be.consumer", consumer: true }),
        letters,
      );
      await seedCase(
        store,
        other,
        "X1",
        sampleEvents({ caseNumber: "2026/00048", debtorName: "Other Tenant Debtor NV" }),
        letters,
      );
    }, 120_000);
    afterAll(async () => opened?.close());

    it("hands a case over in one package, records bailiff.handover with the package id, the ZIP's SHA-256 and the phase, and the case's scenario stops", async () => {
      const result = await exportToBailiff(
        exportInput(store, scope, letters, { selection: { caseNumbers: ["2026/00042"] } }),
      );
      const made = must(result.package);
      expect(result.refused).toEqual([]);
      expect(result.handedOver).toEqual([
        { caseId: "C42", caseNumber: "2026/00042", version: expect.any(Number), replayed: false },
      ]);
      const handover = (await events(store, "C42")).find(
        (event) => event.type === "bailiff.handover",
      );
      expect(handover).toMatchObject({
        bailiff: "Gerechtsdeurwaarder De Wolf & Partners",
        packageId: made.id,
        sha256: made.sha256,
        phase: "amicable",
        at: "2026-11-27",
      });
      const all = await events(store, "C42");
      const { state, statement } = caseStatement(all, parseIsoDate("2026-11-27"));
      expect(state.status).toBe("with-bailiff");
      const scenario = scenarioState(
        parseScenario(reminderScenario()),
        state,
        statement.totals.balance,
        parseIsoDate("2026-11-27"),
        { startedOn: parseIsoDate("2026-02-01") },
      );
      expect(scenario.status).toBe("stopped");
      expect(scenario.current).toBeNull();
      expect((await store.getCase(scope, "C42"))?.status).toBe("with-bailiff");
    });

    it("a rerun of the same selection answers the same package byte for byte, even at another instant, and stores nothing new", async () => {
      const first = await exportToBailiff(
        exportInput(store, scope, letters, { selection: { caseNumbers: ["2026/00042"] } }),
      );
      const before = (await events(store, "C42")).length;
      const again = await exportToBailiff(
        exportInput(store, scope, letters, {
          selection: { caseNumbers: ["2026/00042"] },
          createdAt: "2026-11-28T15:30:00Z",
        }),
      );
      expect(must(again.package).id).toBe(must(first.package).id);
      expect(
        Buffer.from(must(again.package).bytes).equals(Buffer.from(must(first.package).bytes)),
      ).toBe(true);
      expect(must(again.package).handover.envelope.createdAt).toBe("2026-11-27T09:00:00Z");
      expect(again.handedOver.map((entry) => entry.replayed)).toEqual([true]);
      expect(again.refused).toEqual([]);
      expect((await events(store, "C42")).length).toBe(before);
    });

    it("refuses, with the reason, a case already handed over (another office), unknown numbers, a case owing nothing, a disputed one, another client's, and another tenant's", async () => {
      const result = await exportToBailiff(exportInput(store, scope, letters, TO_MODERO));
      const codes = Object.fromEntries(
        result.refused.map((entry) => [entry.caseNumber, entry.code]),
      );
      expect(codes).toEqual({
        "2026/00042": "already-handed-over",
        "2026/09999": "unknown-case",
        "2026/00044": "nothing-owed",
        "2026/00045": "other-client",
        "2026/00046": "disputed",
        "2026/00048": "unknown-case",
      });
      expect(result.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00043"]);
      const text = new TextDecoder().decode(must(result.package).bytes);
      expect(text).not.toContain("Globex");
      expect(JSON.stringify(must(result.package).handover)).not.toContain("Other Tenant Debtor");
      expect(JSON.stringify(must(result.package).handover)).not.toContain("Globex");
      for (const refused of result.refused) expect(refused.reason.length).toBeGreaterThan(5);
    });

    it("sends a case again only with a reason: the package says so, and the case gets a note", async () => {
      const result = await exportToBailiff(exportInput(store, scope, letters, RESEND_TO_MODERO));
      const made = must(result.package);
      expect(made.handover.envelope.resend).toEqual({ reason: "De Wolf closed its office" });
      expect(
        must(made.handover.cases[0]).procedure.handovers.map((handover) => handover.bailiff),
      ).toEqual(["Gerechtsdeurwaarder De Wolf & Partners"]);
      const notes = (await events(store, "C42")).filter((event) => event.type === "note.added");
      expect(notes.at(-1)).toMatchObject({
        text: expect.stringContaining("De Wolf closed its office"),
      });
    });

    it("the summary procedure takes business debts only, and enforcement needs an enforceable judgment", async () => {
      const summary = await exportToBailiff(
        exportInput(store, scope, letters, {
          phase: "summary-procedure",
          selection: { caseNumbers: ["2026/00047"] },
        }),
      );
      expect(summary.package).toBeNull();
      expect(summary.refused.map((entry) => entry.code)).toEqual(["not-summary-procedure"]);
      const enforcement = await exportToBailiff(
        exportInput(store, scope, letters, {
          phase: "enforcement",
          selection: { caseNumbers: ["2026/00047"] },
        }),
      );
      expect(enforcement.refused.map((entry) => entry.code)).toEqual(["no-enforceable-judgment"]);
      const judged = await exportToBailiff(
        exportInput(store, scope, letters, {
          phase: "enforcement",
          selection: { caseNumbers: ["2026/00047"] },
          judgments: {
            C47: [
              {
                court: "Vredegerecht Gent 1",
                date: "2026-09-10",
                rollNumber: "26A123",
                enforceable: true,
                principal: "1730.50",
              },
            ],
          },
        }),
      );
      const made = must(judged.package);
      expect(made.handover.envelope.instruction.kind).toBe("judgment-enforcement");
      expect(must(made.handover.cases[0]).procedure.judgments).toEqual([
        {
          court: "Vredegerecht Gent 1",
          date: "2026-09-10",
          rollNumber: "26A123",
          enforceable: true,
          principal: "1730.50",
          interest: null,
          costs: null,
          description: null,
        },
      ]);
    });

    it("refuses the organi placeholder profile until its fields are confirmed, naming them and how to confirm", async () => {
      const attempt = exportToBailiff(
        exportInput(store, scope, letters, {
          profile: ORGANI_PROFILE,
          selection: { caseNumbers: ["2026/00043"] },
        }),
      );
      await expect(attempt).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: expect.stringContaining("csv.columns"),
        issues: expect.arrayContaining([expect.objectContaining({ path: "profile.csv.columns" })]),
      });
      await expect(attempt).rejects.toThrow(/confirmedFrom/);
    });

    it("a selection by a case list query answers the same package when run again, though its cases left the statuses it names", async () => {
      const firm2 = { tenantId: "query-firm" };
      await seedCase(store, firm2, "Q1", sampleEvents({ caseNumber: "2026/00101" }), letters);
      await seedCase(
        store,
        firm2,
        "Q2",
        sampleEvents({ caseNumber: "2026/00102", payments: ["3000.00"] }),
        letters,
      );
      await seedCase(
        store,
        firm2,
        "Q3",
        sampleEvents({ caseNumber: "2026/00103", client: "globex", clientName: "Globex BV" }),
        letters,
      );
      const input = exportInput(store, firm2, letters, {
        selection: { query: { status: ["open", "paid"], clientId: "acme" } },
      });
      const first = await exportToBailiff(input);
      expect(first.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00101"]);
      expect(first.refused.map((entry) => [entry.caseNumber, entry.code])).toEqual([
        ["2026/00102", "nothing-owed"],
      ]);
      expect((await store.getCase(firm2, "Q1"))?.status).toBe("with-bailiff");
      const again = await exportToBailiff({ ...input, createdAt: "2026-11-29T10:00:00Z" });
      expect(must(again.package).id).toBe(must(first.package).id);
      expect(
        Buffer.from(must(again.package).bytes).equals(Buffer.from(must(first.package).bytes)),
      ).toBe(true);
      expect(again.handedOver).toEqual([
        expect.objectContaining({ caseNumber: "2026/00101", replayed: true }),
      ]);
    });

    it("a query's rerun answers its own latest package, never one made from a list of the same cases nor an earlier run", async () => {
      const firm3 = { tenantId: "query-firm-3" };
      await seedCase(store, firm3, "R1", sampleEvents({ caseNumber: "2026/00201" }), letters);
      const byNumbers = await exportToBailiff(
        exportInput(store, firm3, letters, { selection: { caseNumbers: ["2026/00201"] } }),
      );
      await seedCase(store, firm3, "R2", sampleEvents({ caseNumber: "2026/00202" }), letters);
      const query = exportInput(store, firm3, letters, {
        selection: { query: { status: ["open"], clientId: "acme" } },
        createdAt: "2026-11-28T09:00:00Z",
      });
      const first = await exportToBailiff(query);
      expect(first.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00202"]);
      expect(must(first.package).id).not.toBe(must(byNumbers.package).id);
      const again = await exportToBailiff({ ...query, createdAt: "2026-11-28T10:00:00Z" });
      expect(must(again.package).id).toBe(must(first.package).id);
      expect(again.handedOver).toEqual([
        expect.objectContaining({ caseNumber: "2026/00202", replayed: true }),
      ]);
      // A new open case, and the query run the next day: a new package with that case only.
      await seedCase(store, firm3, "R3", sampleEvents({ caseNumber: "2026/00203" }), letters);
      const next = await exportToBailiff({ ...query, createdAt: "2026-11-29T09:00:00Z" });
      expect(next.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00203"]);
      const nextAgain = await exportToBailiff({ ...query, createdAt: "2026-11-29T10:00:00Z" });
      expect(must(nextAgain.package).id).toBe(must(next.package).id);
      expect(
        Buffer.from(must(nextAgain.package).bytes).equals(Buffer.from(must(next.package).bytes)),
      ).toBe(true);
    });

    it("a client-portal scope never hands over", async () => {
      await expect(
        exportToBailiff(exportInput(store, { tenantId: "firm", clientId: "acme" }, letters)),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    });

    it("the acknowledgement keeps the office's file number, records payments through imputation, notes a refusal, and importing it twice adds nothing", async () => {
      // The package that sent 2026/00042 again to Modero, answered again by a rerun.
      const exported = await exportToBailiff(exportInput(store, scope, letters, RESEND_TO_MODERO));
      expect(exported.handedOver.map((entry) => entry.replayed)).toEqual([true]);
      const packageId = must(exported.package).id;
      const paidBefore = caseStatement(await events(store, "C42"), parseIsoDate("2026-12-10"))
        .statement.totals.paid;
      const ack = parseAcknowledgement(
        JSON.stringify({
          format: "incasso-bailiff-acknowledgement",
          version: "1.0",
          packageId,
          office: "modero",
          cases: [
            {
              caseNumber: "2026/00042",
              status: "accepted",
              date: "2026-11-30",
              bailiffFileNumber: "DW-26-1187",
            },
            {
              caseNumber: "2026/00042",
              status: "in-progress",
              date: "2026-12-05",
              text: "Demand served",
              payments: [
                { id: "DW-P-1", date: "2026-12-04", amount: "250.00", reference: "DW-26-1187" },
              ],
            },
            {
              caseNumber: "2026/00043",
              status: "accepted",
              date: "2026-11-30",
              bailiffFileNumber: "DW-26-1188",
            },
            {
              caseNumber: "2026/09999",
              status: "accepted",
              date: "2026-11-30",
              bailiffFileNumber: "DW-26-1189",
            },
          ],
        }),
      );
      const outcomes = await importAcknowledgement({
        store,
        scope,
        acknowledgement: ack,
        recordedAt: "2026-12-06T08:00:00Z",
        by: "clerk",
      });
      expect(outcomes.map((outcome) => outcome.result)).toEqual([
        "recorded",
        "recorded",
        "refused",
        "refused",
      ]);
      expect(outcomes[2]?.reason).toMatch(/not handed over in package/);
      const after = await events(store, "C42");
      const { state, statement } = caseStatement(after, parseIsoDate("2026-12-10"));
      expect(state.fields["bailiff.fileNumber"]).toBe("DW-26-1187");
      expect(state.fields["bailiff.status"]).toBe("in-progress");
      expect(state.payments.map((payment) => payment.paymentId)).toContain("bailiff-modero-DW-P-1");
      expect(statement.totals.paid.toFixed(2)).toBe(paidBefore.plus(250).toFixed(2));
      expect(
        statement.allocations
          .filter((allocation) => allocation.payment === "bailiff-modero-DW-P-1")
          .reduce(
            (sum, allocation) => sum.plus(allocation.amount),
            statement.totals.balance.minus(statement.totals.balance),
          )
          .toFixed(2),
      ).toBe("250.00");
      const twice = await importAcknowledgement({
        store,
        scope,
        acknowledgement: ack,
        recordedAt: "2026-12-07T08:00:00Z",
        by: "clerk",
      });
      expect(twice.map((outcome) => outcome.result)).toEqual([
        "already-recorded",
        "already-recorded",
        "refused",
        "refused",
      ]);
      expect((await events(store, "C42")).length).toBe(after.length);
    });

    it("reads the acknowledgement's CSV form, and records a refusal as a note, the office's status and the case's return to the firm", async () => {
      // 2026/00043 went to Modero in the refusal test above; this is that package's rerun.
      const exported = await exportToBailiff(exportInput(store, scope, letters, TO_MODERO));
      expect(exported.handedOver).toEqual([
        expect.objectContaining({ caseNumber: "2026/00043", replayed: true }),
      ]);
      const packageId = must(exported.package).id;
      const header = ACKNOWLEDGEMENT_CSV_COLUMNS.join(";");
      const csv = `\uFEFF${header}\r\nincasso-bailiff-acknowledgement;1.0;${packageId};modero;case;2026/00043;refused;2026-11-29;;"Debtor lives abroad; not our district";;;;\r\n`;
      const outcomes = await importAcknowledgement({
        store,
        scope,
        acknowledgement: parseAcknowledgement(csv),
        recordedAt: "2026-11-29T10:00:00Z",
        by: "clerk",
      });
      expect(outcomes.map((outcome) => outcome.result)).toEqual(["recorded"]);
      const after = await events(store, "C43");
      const { state } = caseStatement(after, parseIsoDate("2026-11-30"));
      expect(state.fields["bailiff.status"]).toBe("refused");
      expect(state.notes.at(-1)?.text).toContain("Debtor lives abroad; not our district");
      // The case is the firm's again: no longer with the bailiff, in the fold and in the row.
      const handover = after.filter((event) => event.type === "bailiff.handover").at(-1);
      expect(after.at(-1)).toMatchObject({
        type: "bailiff.returned",
        bailiff: "Modero",
        handoverId: must(handover).id,
        packageId,
        reason: "Debtor lives abroad; not our district",
      });
      expect(state.status).toBe("open");
      expect((await store.getCase(scope, "C43"))?.status).toBe("open");
      // Read again, the refusal adds nothing.
      const again = await importAcknowledgement({
        store,
        scope,
        acknowledgement: parseAcknowledgement(csv),
        recordedAt: "2026-11-30T10:00:00Z",
        by: "clerk",
      });
      expect(again.map((outcome) => outcome.result)).toEqual(["already-recorded"]);
      expect((await events(store, "C43")).length).toBe(after.length);

      // Sent to another office, the case is with the bailiff again; a later refusal of the first
      // package is noted only, and does not take it from the second office.
      const resent = await exportToBailiff(
        exportInput(store, scope, letters, {
          office: { id: "janssens", name: "Janssens" },
          selection: { caseNumbers: ["2026/00043"] },
          resend: { reason: "Modero refused: not its district" },
        }),
      );
      expect(resent.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00043"]);
      expect((await store.getCase(scope, "C43"))?.status).toBe("with-bailiff");
      const late = `\uFEFF${header}\r\nincasso-bailiff-acknowledgement;1.0;${packageId};modero;case;2026/00043;refused;2026-12-01;;"Still not our district";;;;\r\n`;
      const lateOutcomes = await importAcknowledgement({
        store,
        scope,
        acknowledgement: parseAcknowledgement(late),
        recordedAt: "2026-12-01T10:00:00Z",
        by: "clerk",
      });
      expect(lateOutcomes.map((outcome) => outcome.result)).toEqual(["recorded"]);
      const latest = await events(store, "C43");
      expect(latest.filter((event) => event.type === "bailiff.returned")).toHaveLength(1);
      expect(latest.at(-1)).toMatchObject({
        type: "note.added",
        text: expect.stringContaining("was sent on to"),
      });
      expect((await store.getCase(scope, "C43"))?.status).toBe("with-bailiff");
    });
  });
}

describe("the statement as a PDF through Chromium", () => {
  it("is in the package as a real PDF, and a rerun still answers the same package byte for byte", async () => {
    const { createMemoryStore } = await import("@incasso/memory");
    const { createPdfRenderer, starterTemplate } = await import("@incasso/documents");
    const store = createMemoryStore();
    const letters = new Map<string, Uint8Array>();
    await seedCase(store, scope, "C42", sampleEvents(), letters);
    const renderer = createPdfRenderer();
    try {
      const input = exportInput(store, scope, letters, {
        documents: {
          renderer,
          statementTemplate: (language) => starterTemplate("statement", language),
          statementFormat: "pdf",
        },
      });
      const first = must((await exportToBailiff(input)).package);
      const statement = must(
        must(first.handover.cases[0]).documents.find((entry) => entry.kind === "statement"),
      );
      expect(statement.fileName).toBe("documents/2026-00042_statement_1.pdf");
      expect(statement.mediaType).toBe("application/pdf");
      const again = await exportToBailiff({ ...input, createdAt: "2026-12-01T09:00:00Z" });
      expect(again.handedOver.map((entry) => entry.replayed)).toEqual([true]);
      expect(must(again.package).sha256).toBe(first.sha256);
      const { readZip } = await import("./support/read-zip.js");
      const pdf = must(readZip(first.bytes).find((entry) => entry.name === statement.fileName));
      expect(new TextDecoder().decode(pdf.data.subarray(0, 5))).toBe("%PDF-");
    } finally {
      await renderer.close();
    }
  }, 120_000);
});

describe("a later package carries the office's file number", () => {
  it("as references.bailiffFileNumber", async () => {
    const { createMemoryStore } = await import("@incasso/memory");
    const store = createMemoryStore();
    const letters = new Map<string, Uint8Array>();
    await seedCase(store, scope, "C42", sampleEvents(), letters);
    const first = await exportToBailiff(exportInput(store, scope, letters));
    await importAcknowledgement({
      store,
      scope,
      acknowledgement: parseAcknowledgement(
        JSON.stringify({
          format: "incasso-bailiff-acknowledgement",
          version: "1.0",
          packageId: must(first.package).id,
          office: "dewolf",
          cases: [
            {
              caseNumber: "2026/00042",
              status: "returned",
              date: "2026-12-01",
              bailiffFileNumber: "DW-26-1187",
              text: "Returned on request",
            },
          ],
        }),
      ),
      recordedAt: "2026-12-01T10:00:00Z",
      by: "clerk",
    });
    const again = await exportToBailiff(
      exportInput(store, scope, letters, {
        cutOff: "2026-12-02",
        resend: { reason: "Enforcement after return" },
        profile: DEFAULT_PROFILE,
      }),
    );
    expect(must(must(again.package).handover.cases[0]).references.bailiffFileNumber).toBe(
      "DW-26-1187",
    );
  });
});
