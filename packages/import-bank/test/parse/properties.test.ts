import { fc, test } from "@fast-check/vitest";
import { createOgm, Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import { describe, expect } from "vitest";
import { findDuplicates, parseBankFile, toBankTransactions } from "../../src/parse/index.js";
import type { WritableEntry, WritableStatement } from "../support/spec.js";
import { writeCamt053 } from "../support/write-camt.js";
import { writeCoda } from "../support/write-coda.js";

const base = Temporal.PlainDate.from("2026-01-01");

const thousandths = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
const cents = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).filter((c) => c !== 0n);

function fromUnits(units: bigint, decimals: number): Decimal {
  return new Decimal(units.toString()).dividedBy(10 ** decimals);
}

const ogmBase = fc
  .bigInt({ min: 0n, max: 9_999_999_999n })
  .map((n) => n.toString().padStart(10, "0"));
const name = fc.stringMatching(/^[A-Z][A-Za-z ]{0,30}[a-z]$/);

const entry: fc.Arbitrary<WritableEntry> = fc.record({
  amount: cents.map((c) => fromUnits(c, 2)),
  valueDate: fc.integer({ min: 0, max: 300 }).map((d) => base.add({ days: d })),
  counterparty: fc.record({
    name,
    iban: fc.constantFrom("BE71096123456769", "BE62510007547061", "NL91ABNA0417164300"),
  }),
  structuredReference: fc.option(
    ogmBase.map((b) => ({ kind: "ogm" as const, value: createOgm(b).replace(/\D/g, "") })),
    { nil: null },
  ),
});

function make(
  entries: readonly WritableEntry[],
  over: Partial<WritableStatement> = {},
): WritableStatement {
  return {
    account: "BE68539007547034",
    statementNumber: 42,
    date: base.add({ days: 301 }),
    openingBalance: new Decimal("1000.00"),
    entries,
    ...over,
  };
}

describe("laws of the parsers", () => {
  test.prop([thousandths], { numRuns: 200 })(
    "an amount written in CODA's 15-digit 3-decimal field reads back exactly",
    async (units) => {
      const amount = fromUnits(units, 3);
      const coda = writeCoda(
        make([{ amount, valueDate: base }], { openingBalance: new Decimal(0) }),
      );
      const [s] = (await parseBankFile(coda)).statements;
      expect(s?.entries[0]?.amount.equals(amount)).toBe(true);
      expect(s?.closingBalance?.amount.equals(amount)).toBe(true);
      expect(s?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
    },
  );

  test.prop(
    [fc.array(entry, { minLength: 1, maxLength: 8 }), cents, fc.constantFrom("coda", "camt")],
    { numRuns: 60 },
  )(
    "a statement whose movements do not sum to the new balance is always reported (and one that does never is)",
    async (entries, delta, format) => {
      const sum = entries.reduce((s, e) => s.plus(e.amount), new Decimal("1000.00"));
      const write = format === "coda" ? writeCoda : writeCamt053;
      const wrong = (
        await parseBankFile(write(make(entries, { closingBalance: sum.plus(fromUnits(delta, 2)) })))
      ).statements[0];
      expect(wrong?.findings.filter((f) => f.code === "balance-mismatch")).toHaveLength(1);
      const right = (await parseBankFile(write(make(entries)))).statements[0];
      expect(right?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
    },
  );

  test.prop([ogmBase, fc.integer({ min: 1, max: 96 }), fc.constantFrom("coda", "camt")], {
    numRuns: 100,
  })(
    "a structured reference with a wrong check digit is never dropped: the payment keeps it, flagged invalid",
    async (digits, shift, format) => {
      const good = createOgm(digits).replace(/\D/g, "");
      const check = ((Number(good.slice(10)) - 1 + shift) % 97) + 1;
      const wrong = `${digits}${String(check).padStart(2, "0")}`;
      const entries = [
        {
          amount: new Decimal("10.00"),
          valueDate: base,
          structuredReference: { kind: "ogm" as const, value: wrong },
        },
      ];
      const file = format === "coda" ? writeCoda(make(entries)) : writeCamt053(make(entries));
      const [tx] = toBankTransactions((await parseBankFile(file)).statements[0] as never);
      expect(tx?.structuredReference).toEqual({ kind: "ogm", value: wrong, valid: false });
      expect(tx?.amount.toFixed(2)).toBe("10.00");
    },
  );

  test.prop([fc.array(entry, { minLength: 0, maxLength: 10 }), fc.constantFrom("coda", "camt")], {
    numRuns: 60,
  })(
    "what a statement is written with reads back as the same transactions (amount, value date, counterparty, reference)",
    async (entries, format) => {
      const file = format === "coda" ? writeCoda(make(entries)) : writeCamt053(make(entries));
      const [s] = (await parseBankFile(file)).statements;
      const txs = toBankTransactions(s as never);
      expect(
        txs.map((t) => [
          t.account,
          t.amount.toFixed(2),
          t.valueDate.toString(),
          t.counterparty.iban,
          t.counterparty.name,
          t.structuredReference?.value ?? null,
          t.structuredReference?.valid ?? null,
        ]),
      ).toEqual(
        entries.map((e) => [
          "BE68539007547034",
          e.amount.toFixed(2),
          e.valueDate.toString(),
          e.counterparty?.iban,
          e.counterparty?.name,
          e.structuredReference?.value ?? null,
          e.structuredReference === null ? null : true,
        ]),
      );
      expect(s?.findings.filter((f) => f.severity === "error")).toEqual([]);
    },
  );

  test.prop(
    [
      fc.array(fc.array(entry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom("coda", "camt"),
    ],
    { numRuns: 40 },
  )(
    "the details of a globalised movement are the payments: the transactions add up to the movements, no total is paid twice",
    async (batches, format) => {
      const entries = batches.map((details) => ({
        amount: new Decimal(0),
        valueDate: base,
        details,
      }));
      const file = format === "coda" ? writeCoda(make(entries)) : writeCamt053(make(entries));
      const [s] = (await parseBankFile(file)).statements;
      const txs = toBankTransactions(s as never);
      const all = batches.flat();
      expect(txs).toHaveLength(all.length);
      const sum = (list: readonly { amount: Decimal }[]): string =>
        list.reduce((a, e) => a.plus(e.amount), new Decimal(0)).toFixed(2);
      expect(sum(txs)).toBe(sum(all));
      expect(s?.findings.map((f) => f.code)).not.toContain("balance-mismatch");
    },
  );

  test.prop([fc.array(entry, { minLength: 1, maxLength: 6 }), fc.constantFrom("coda", "camt")], {
    numRuns: 40,
  })(
    "re-importing the same file finds its statement and every entry already imported, and nothing new",
    async (entries, format) => {
      const file = format === "coda" ? writeCoda(make(entries)) : writeCamt053(make(entries));
      const first = findDuplicates((await parseBankFile(file)).statements, {
        statementKeys: new Set(),
        entryKeys: new Set(),
      });
      expect(first.newEntryKeys).toHaveLength(entries.length);
      const again = findDuplicates((await parseBankFile(file)).statements, {
        statementKeys: new Set(first.newStatementKeys),
        entryKeys: new Set(first.newEntryKeys),
      });
      expect(again.statements).toHaveLength(1);
      expect(again.entries).toHaveLength(entries.length);
      expect(again.newEntryKeys).toEqual([]);
    },
  );
});
