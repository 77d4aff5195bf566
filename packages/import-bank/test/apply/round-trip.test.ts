import { fc, test } from "@fast-check/vitest";
import type { MatchCase, TransactionMatch } from "@incasso/core";
import {
  bankEntryKeys,
  createCandidateIndex,
  createOgm,
  MoneyDecimal,
  matchTransactions,
  normalizeMatchKey,
  Temporal,
} from "@incasso/core";
import { describe, expect } from "vitest";
import { parseBankFile, toBankTransactions } from "../../src/index.js";
import type { WritableEntry, WritableStatement } from "../support/spec.js";
import { writeCamt053 } from "../support/write-camt.js";
import { writeCoda } from "../support/write-coda.js";

const ACCOUNT = "BE68539007547034";
const day = Temporal.PlainDate.from("2026-03-02");

function casesOf(count: number, balances: readonly number[]): MatchCase[] {
  return Array.from({ length: count }, (_, i) => ({
    caseId: `C${i}`,
    clientId: "acme",
    caseNumber: `2026/${String(i + 1).padStart(5, "0")}`,
    status: "open",
    debtorIds: [`D${i}`],
    debtorNames: [`Debtor ${i}`],
    balance: new MoneyDecimal(balances[i % balances.length] ?? 10_000).dividedBy(100),
    oldestDueDate: Temporal.PlainDate.from("2025-06-01").add({ days: i }),
    paymentReferences: [normalizeMatchKey(createOgm(String(4_000_000_000 + i * 131)))],
    clientReferences: [],
    invoiceNumbers: [],
    knownIbans: [],
    expected: [],
    payments: [],
  }));
}

const ogmOf = (entry: MatchCase) => entry.paymentReferences[0] as string;

/** How the debtor wrote what they paid: our reference in the field, typed in the text, or a case number. */
function entryFor(target: MatchCase, cents: number, how: number, typo: boolean): WritableEntry {
  const digits = ogmOf(target);
  const amount = new MoneyDecimal(cents).dividedBy(100);
  const typed = [
    `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`,
    `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
    digits,
  ][how % 3] as string;
  if (how % 4 === 0)
    return { amount, valueDate: day, structuredReference: { kind: "ogm", value: digits } };
  if (how % 4 === 3)
    return {
      amount,
      valueDate: day,
      communication: `Dossier ${target.caseNumber}${typo ? " merci" : ""}`,
    };
  return { amount, valueDate: day, communication: typo ? `betaling ref ${typed} dank u` : typed };
}

const statementOf = (entries: readonly WritableEntry[]): WritableStatement => ({
  account: ACCOUNT,
  statementNumber: 12,
  date: day,
  openingBalance: new MoneyDecimal(0),
  entries,
});

async function read(text: string, name: string) {
  const parsed = await parseBankFile(text, { fileName: name });
  return parsed.statements.flatMap((statement) => toBankTransactions(statement));
}

function recorded(cases: readonly MatchCase[], matches: readonly TransactionMatch[]): MatchCase[] {
  return cases.map((entry) => {
    const payments = [...entry.payments];
    let balance = entry.balance;
    for (const match of matches)
      for (const part of match.decision === "apply" ? match.allocations : [])
        if (part.caseId === entry.caseId) {
          balance = balance?.minus(part.amount) ?? null;
          payments.push({
            paymentId: part.paymentId,
            amount: part.amount,
            date: match.transaction.valueDate,
            account: match.transaction.account,
            entryReference: match.transaction.entryReference,
            counterpartyIban: null,
            communication: match.transaction.communication,
          });
        }
    return { ...entry, balance, payments };
  });
}

describe("bank statements round trip", () => {
  test.prop(
    [
      fc.integer({ min: 2, max: 12 }),
      fc.array(fc.integer({ min: 500, max: 90_000 }), { minLength: 1, maxLength: 5 }),
      fc.array(
        fc.record({
          pick: fc.nat(),
          cents: fc.integer({ min: 1, max: 90_000 }),
          how: fc.nat(),
          typo: fc.boolean(),
        }),
        { minLength: 1, maxLength: 10 },
      ),
      fc.boolean(),
    ],
    { numRuns: 25 },
  )(
    "a statement written as CODA or camt.053 from payments on random cases is read and matched back to exactly the cases paid, and the same day's file in the other format pays nothing twice",
    async (count, balances, payments, codaFirst) => {
      const cases = casesOf(count, balances);
      const targets = payments.map((payment) => cases[payment.pick % cases.length] as MatchCase);
      const statement = statementOf(
        payments.map((payment, n) =>
          entryFor(targets[n] as MatchCase, payment.cents, payment.how, payment.typo),
        ),
      );
      const [first, second] = codaFirst
        ? [
            await read(writeCoda(statement), "day.cod"),
            await read(writeCamt053(statement), "day.xml"),
          ]
        : [
            await read(writeCamt053(statement), "day.xml"),
            await read(writeCoda(statement), "day.cod"),
          ];
      expect(first.length).toBe(payments.length);
      const matches = matchTransactions(first, createCandidateIndex(cases));
      matches.forEach((match, n) => {
        expect(match.candidates[0]?.caseId).toBe(targets[n]?.caseId);
        expect(
          match.transaction.amount.eq(new MoneyDecimal(payments[n]?.cents ?? 0).dividedBy(100)),
        ).toBe(true);
        // Our reference, in the field or typed in the text, is applied; a case number alone is proposed.
        if ((payments[n]?.how ?? 0) % 4 !== 3) expect(match.decision).toBe("apply");
      });
      // Both formats give each transfer the same key, whatever entry references they carry.
      expect(bankEntryKeys(second).map((key) => key.key)).toEqual(
        bankEntryKeys(first).map((key) => key.key),
      );
      const again = matchTransactions(second, createCandidateIndex(recorded(cases, matches)));
      again.forEach((match, n) => {
        if (matches[n]?.decision === "apply") expect(match.decision).toBe("duplicate");
        else expect(match.decision).not.toBe("apply");
      });
    },
  );
});
