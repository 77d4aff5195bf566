import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOgm, MoneyDecimal, Temporal } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCamt053 } from "../../import-bank/test/support/write-camt.js";
import type { CliIo } from "../src/index.js";
import { main, openStore } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "incasso-bank-"));
const db = join(dir, "db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { code: await main(args, io), out, err };
}

const ogm = createOgm("2026004200");
const day = Temporal.PlainDate.from("2026-03-02");
const file = join(dir, "day.xml");
writeFileSync(
  file,
  writeCamt053({
    account: "BE68539007547034",
    statementNumber: 12,
    date: day,
    openingBalance: new MoneyDecimal("0.00"),
    entries: [
      {
        amount: new MoneyDecimal("120.00"),
        valueDate: day,
        counterparty: { name: "Jan Peeters", iban: "BE71096123456769", bic: null },
        structuredReference: { kind: "ogm", value: ogm.replace(/\D/g, "") },
      },
      { amount: new MoneyDecimal("35.00"), valueDate: day, communication: "dossier 2026/00042" },
    ],
  }),
);
const common = [
  "--db",
  db,
  "--tenant",
  "firm",
  "--at",
  "2026-03-03T08:00:00Z",
  "--as-of",
  "2026-03-03",
];

beforeAll(async () => {
  const opened = await openStore(db, "firm");
  await opened.store.putClient(opened.scope, { id: "acme", name: "Acme NV" });
  await opened.store.putClient(opened.scope, { id: "firm-account", name: "Derdenrekening" });
  await opened.store.append(opened.scope, {
    caseId: "C42",
    expectedVersion: 0,
    asOf: "2026-02-01",
    events: [
      {
        id: "open",
        type: "case.opened",
        at: "2026-02-01",
        recordedAt: "2026-02-01T09:00:00Z",
        by: "clerk",
        caseNumber: "2026/00042",
        client: { id: "acme", name: "Acme NV" },
        debtors: [
          { id: "D1", kind: "natural-person", name: "Jan Peeters", language: "nl", consumer: true },
        ],
        owner: "an",
        lawyer: "mr. X",
        rulePack: "be.consumer",
        paymentReference: ogm,
      },
      {
        id: "claim",
        type: "claim.added",
        at: "2026-02-01",
        recordedAt: "2026-02-01T09:00:00Z",
        by: "clerk",
        claim: {
          id: "F1",
          invoiceNumber: "F-1",
          invoiceDate: "2026-01-01",
          dueDate: "2026-01-31",
          amount: "500.00",
        },
      },
    ],
  });
  await opened.close();
});

describe("incasso bank", () => {
  it("import --dry-run prints each entry's match, score and reasons, and the totals, and stores nothing", async () => {
    const { code, out } = await run(["bank", "import", file, "--dry-run", ...common]);
    expect(code).toBe(0);
    expect(out).toContain("      applied  2026/00042  score 100");
    expect(out).toContain(
      `        +100 the structured reference ${ogm} is the case's payment reference`,
    );
    expect(out).toContain("      proposed  2026/00042  score 60");
    expect(out).toContain(
      "2 entries: 1 applied (120.00), 1 proposed, 0 unmatched, 0 duplicates, 0 reversals, 0 ignored",
    );
    expect(out.at(-1)).toBe("dry run: nothing was stored");
  });

  it("import records the payment once, in the language asked; a second import is all duplicates", async () => {
    const first = await run([
      "bank",
      "import",
      file,
      "--client",
      "firm-account",
      "--language",
      "nl",
      ...common,
    ]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      `        +100 de gestructureerde mededeling ${ogm} is het betalingskenmerk van het dossier`,
    );
    const again = await run([
      "bank",
      "import",
      file,
      "--client",
      "firm-account",
      "--json",
      ...common,
    ]);
    const result = JSON.parse(again.out.join("\n"));
    expect(result.resumed).toBe(true);
    expect(result.totals).toMatchObject({ applied: 0, duplicates: 1, proposed: 1 });
  });

  it("review lists the queue and decides an entry once", async () => {
    const queue = await run(["bank", "review", ...common]);
    expect(queue.out.at(-1)).toBe("1 entries to review");
    const [batch, row] = (queue.out[0] ?? "").split(" ");
    const accepted = await run(["bank", "review", batch ?? "", row ?? "", "--accept", ...common]);
    expect(accepted.out).toEqual([`${batch} row ${row}: accept, recorded`]);
    const again = await run(["bank", "review", batch ?? "", row ?? "", "--accept", ...common]);
    expect(again.out).toEqual([`${batch} row ${row}: accept (decided before)`]);
    expect((await run(["bank", "review", ...common])).out.at(-1)).toBe("0 entries to review");
  });

  it("refuses an import without --client, and a review without a decision, as usage errors", async () => {
    expect((await run(["bank", "import", file, ...common])).code).toBe(2);
    expect((await run(["bank", "review", "bank-x", "1", ...common])).code).toBe(2);
  });
});
