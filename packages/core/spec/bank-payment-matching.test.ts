import { fc, test } from "@fast-check/vitest";
import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import type { BankTransaction, MatchCase, TransactionMatch } from "../src/index.js";
import {
  accountKey,
  bankEntryKeys,
  caseKeysOf,
  createCandidateIndex,
  createOgm,
  createRfReference,
  DEFAULT_MATCH_POLICY,
  describeMatchReason,
  findReferences,
  MoneyDecimal,
  matchCaseOf,
  matchTransactions,
  nearReferences,
  normalizeMatchKey,
  resolveMatchPolicy,
  Temporal,
} from "../src/index.js";

const ACCOUNT = "BE68539007547034";
const day = (offset: number) => Temporal.PlainDate.from("2026-03-02").add({ days: offset });
const money = (cents: number) => new MoneyDecimal(cents).dividedBy(100);

interface WorldCase extends MatchCase {
  readonly ogm: string;
  readonly iban: string;
}

/** A firm's open cases: debtors with one to three cases each, every case with its OGM. */
const world = fc
  .array(
    fc.record({
      cases: fc.array(
        fc.record({
          balance: fc.integer({ min: 1_000, max: 500_000 }),
          due: fc.integer({ min: 0, max: 900 }),
          invoice: fc.integer({ min: 1000, max: 9999 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      name: fc.constantFrom("Jan Peeters", "Marie Dubois", "Bakkerij Smits BV", "Ahmed El Amrani"),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((debtors) => {
    const cases: WorldCase[] = [];
    let sequence = 0;
    debtors.forEach((debtor, d) => {
      const iban = ibanOf(d);
      for (const spec of debtor.cases) {
        sequence++;
        const base = String(1_000_000_000 + sequence * 7919).slice(-10);
        const ogm = createOgm(base);
        cases.push({
          caseId: `C${sequence}`,
          clientId: "acme",
          caseNumber: `2026/${String(sequence).padStart(5, "0")}`,
          status: "open",
          debtorIds: [`D${d}`],
          debtorNames: [debtor.name],
          balance: money(spec.balance),
          oldestDueDate: Temporal.PlainDate.from("2023-01-01").add({ days: spec.due }),
          paymentReferences: [normalizeMatchKey(ogm)],
          clientReferences: [],
          invoiceNumbers: [normalizeMatchKey(`F-${spec.invoice}-${sequence}`)],
          knownIbans: [],
          expected: [],
          payments: [],
          ogm,
          iban,
        });
      }
    });
    return cases;
  });

function ibanOf(n: number): string {
  const account = String(100_000_000 + n * 37).padStart(10, "0");
  const remainder = Number(BigInt(account) % 97n);
  const bban = `${account}${String(remainder === 0 ? 97 : remainder).padStart(2, "0")}`;
  return accountKey(bban);
}

function transfer(
  n: number,
  amount: Decimal,
  fields: Partial<BankTransaction> = {},
): BankTransaction {
  return {
    account: ACCOUNT,
    statement: "2026/012",
    entryReference: `E${n}`,
    bookingDate: day(0),
    valueDate: day(0),
    amount,
    currency: "EUR",
    counterparty: { name: null, iban: null, bic: null },
    structuredReference: null,
    communication: null,
    ...fields,
  };
}

/** The ways a payer writes our OGM in the free text. */
const typedForms = (ogm: string): string[] => {
  const digits = normalizeMatchKey(ogm);
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)];
  return [
    ogm,
    `${a}/${b}/${c}`,
    `${a} ${b} ${c}`,
    digits,
    `***${a}/${b}/${c}***`,
    `+++ ${a} / ${b} / ${c}`,
    `${a}.${b}.${c}`,
    `101${digits}`,
  ];
};

/** The cases after the applied matches were recorded: the index a re-import sees. */
function recorded(cases: readonly MatchCase[], matches: readonly TransactionMatch[]): MatchCase[] {
  return cases.map((entry) => {
    let balance = entry.balance;
    const payments = [...entry.payments];
    for (const match of matches) {
      if (match.decision !== "apply") continue;
      for (const part of match.allocations) {
        if (part.caseId !== entry.caseId) continue;
        balance = balance === null ? null : balance.minus(part.amount);
        payments.push({
          paymentId: part.paymentId,
          amount: part.amount,
          date: match.transaction.valueDate,
          account: match.transaction.account,
          entryReference: match.transaction.entryReference,
          counterpartyIban:
            match.transaction.counterparty.iban === null
              ? null
              : normalizeMatchKey(match.transaction.counterparty.iban),
          communication: match.transaction.communication,
        });
      }
    }
    return { ...entry, balance, payments };
  });
}

const total = (match: TransactionMatch) =>
  match.allocations.reduce((sum, part) => sum.plus(part.amount), money(0));

describe("matching bank payments to cases", () => {
  test.prop([world, fc.nat(), fc.nat(), fc.boolean()])(
    "a transfer that quotes our structured reference, in the reference field or typed in the text in any usual way, is applied to that case",
    (cases, pick, form, structured) => {
      const target = cases[pick % cases.length] as WorldCase;
      const forms = typedForms(target.ogm);
      const amount = target.balance as Decimal;
      const transaction = structured
        ? transfer(1, amount, {
            structuredReference: { kind: "ogm", value: normalizeMatchKey(target.ogm), valid: true },
          })
        : transfer(1, amount, { communication: `betaling ${forms[form % forms.length]} dank u` });
      const [match] = matchTransactions([transaction], createCandidateIndex(cases));
      expect(match?.decision).toBe("apply");
      expect(match?.allocations.map((part) => part.caseId)).toEqual([target.caseId]);
      expect(match?.reasons[0]?.code).toBe(
        structured ? "structured-reference" : "reference-in-text",
      );
    },
  );

  test.prop([world, fc.nat(), fc.nat({ max: 11 }), fc.integer({ min: 1, max: 9 })])(
    "a structured reference with a wrong check digit is never applied on its strength, and the reasons say the check failed",
    (cases, pick, position, delta) => {
      const target = cases[pick % cases.length] as WorldCase;
      const digits = normalizeMatchKey(target.ogm);
      const wrong = `${digits.slice(0, position)}${(Number(digits[position]) + delta) % 10}${digits.slice(position + 1)}`;
      const transaction = transfer(1, target.balance as Decimal, {
        structuredReference: { kind: "ogm", value: wrong, valid: false },
        counterparty: { name: target.debtorNames[0] ?? null, iban: null, bic: null },
      });
      const [match] = matchTransactions([transaction], createCandidateIndex(cases));
      expect(match?.decision).not.toBe("apply");
      const ours = match?.candidates.find((candidate) => candidate.caseId === target.caseId);
      // One slip away: the case it was meant for is proposed, and the reasons say why.
      expect(ours).toBeDefined();
      expect(ours?.reasons.map((reason) => reason.code)).toContain("reference-check-failed");
      expect(ours?.reasons.map((reason) => reason.code)).toContain("reference-near");
    },
  );

  test.prop([world, fc.nat(), fc.integer({ min: 1, max: 400_000 })])(
    "every cent of a matched payment is allocated: the parts add up to the amount received",
    (cases, pick, cents) => {
      const target = cases[pick % cases.length] as WorldCase;
      const transaction = transfer(1, money(cents), { communication: target.ogm });
      const [match] = matchTransactions([transaction], createCandidateIndex(cases));
      expect(total(match as TransactionMatch).eq(money(cents))).toBe(true);
      expect(match?.allocations.every((part) => part.amount.gt(0))).toBe(true);
    },
  );

  test.prop([world, fc.nat(), fc.integer({ min: 1, max: 900_000 })])(
    "a payment larger than the case's balance pays the debtor's other open cases, oldest due first, and only the last rest stays on the named case",
    (cases, pick, extra) => {
      const target = cases[pick % cases.length] as WorldCase;
      const amount = (target.balance as Decimal).plus(money(extra));
      const [match] = matchTransactions(
        [transfer(1, amount, { communication: target.ogm })],
        createCandidateIndex(cases),
      );
      const parts = match?.allocations ?? [];
      expect(parts[0]?.caseId).toBe(target.caseId);
      const others = cases.filter(
        (entry) => entry.caseId !== target.caseId && entry.debtorIds[0] === target.debtorIds[0],
      );
      const expected = [...others].sort(
        (a, b) =>
          Temporal.PlainDate.compare(
            a.oldestDueDate as Temporal.PlainDate,
            b.oldestDueDate as Temporal.PlainDate,
          ) || (a.caseId < b.caseId ? -1 : 1),
      );
      let rest = money(extra);
      const paid: string[] = [];
      for (const other of expected) {
        if (rest.lte(0)) break;
        paid.push(other.caseId);
        const share = MoneyDecimal.min(rest, other.balance as Decimal);
        const part = parts.find((p) => p.caseId === other.caseId);
        expect(part?.amount.eq(share)).toBe(true);
        expect(part?.basis).toBe("split");
        rest = rest.minus(share);
      }
      expect(parts.slice(1).map((part) => part.caseId)).toEqual(paid);
      expect(parts[0]?.amount.eq((target.balance as Decimal).plus(rest))).toBe(true);
      expect(total(match as TransactionMatch).eq(amount)).toBe(true);
    },
  );

  test.prop([
    world,
    fc.array(
      fc.record({ pick: fc.nat(), cents: fc.integer({ min: 1, max: 600_000 }), how: fc.nat() }),
      {
        minLength: 1,
        maxLength: 12,
      },
    ),
  ])(
    "a statement made of payments on random cases is matched back to exactly the cases that were paid, and importing it again or the same day's file of another format pays nothing twice",
    (cases, payments) => {
      const transactions = payments.map(({ pick, cents, how }, n) => {
        const target = cases[pick % cases.length] as WorldCase;
        const forms = typedForms(target.ogm);
        return how % 3 === 0
          ? transfer(n, money(cents), {
              structuredReference: {
                kind: "ogm",
                value: normalizeMatchKey(target.ogm),
                valid: true,
              },
              counterparty: { name: target.debtorNames[0] ?? null, iban: target.iban, bic: null },
            })
          : how % 3 === 1
            ? transfer(n, money(cents), { communication: `Ref ${forms[how % forms.length]}` })
            : transfer(n, money(cents), { communication: `dossier ${target.caseNumber}` });
      });
      const index = createCandidateIndex(cases);
      const matches = matchTransactions(transactions, index);
      payments.forEach(({ pick }, n) => {
        const target = cases[pick % cases.length] as WorldCase;
        const match = matches[n] as TransactionMatch;
        expect(match.candidates[0]?.caseId).toBe(target.caseId);
        if (match.decision === "apply") {
          for (const part of match.allocations)
            expect(cases.find((entry) => entry.caseId === part.caseId)?.debtorIds).toEqual(
              target.debtorIds,
            );
          expect(total(match).eq(money(payments[n]?.cents ?? 0))).toBe(true);
        } else expect(match.decision).toBe("propose");
      });
      const after = createCandidateIndex(recorded(cases, matches));
      const again = matchTransactions(transactions, after);
      for (const [n, match] of again.entries()) {
        if (matches[n]?.decision === "apply") expect(match.decision).toBe("duplicate");
        else expect(["propose", "unmatched"]).toContain(match.decision);
      }
      // The same day's file in another format: other entry references, the same transfers.
      const otherFormat = transactions.map((transaction, n) => ({
        ...transaction,
        entryReference: `CODA-${n}`,
        statement: "012",
      }));
      for (const [n, match] of matchTransactions(otherFormat, after).entries()) {
        if (matches[n]?.decision === "apply") expect(match.decision).toBe("duplicate");
      }
    },
  );

  test.prop([world, fc.nat(), fc.integer({ min: 1, max: 300_000 }), fc.boolean()])(
    "a debit that returns a payment we applied reverses exactly the parts of that payment",
    (cases, pick, extra, split) => {
      const target = cases[pick % cases.length] as WorldCase;
      const amount = split ? (target.balance as Decimal).plus(money(extra)) : money(extra);
      const credit = transfer(1, amount, {
        structuredReference: { kind: "ogm", value: normalizeMatchKey(target.ogm), valid: true },
        counterparty: { name: null, iban: target.iban, bic: null },
      });
      const [applied] = matchTransactions([credit], createCandidateIndex(cases));
      const returned = transfer(2, amount.negated(), {
        valueDate: day(9),
        bookingDate: day(9),
        counterparty: { name: null, iban: target.iban, bic: null },
        communication: `RETOUR ${target.ogm}`,
        reversal: true,
        returnReason: "AC04",
      });
      // In a later statement, against the recorded payment...
      const [later] = matchTransactions(
        [returned],
        createCandidateIndex(recorded(cases, [applied as TransactionMatch])),
      );
      // ...and in the same statement as the payment.
      const [, same] = matchTransactions([credit, returned], createCandidateIndex(cases));
      for (const match of [later, same]) {
        expect(match?.decision).toBe("apply");
        expect(match?.reversals.map((reversal) => reversal.paymentId).sort()).toEqual(
          applied?.allocations.map((part) => part.paymentId).sort(),
        );
      }
    },
  );

  test.prop([world, fc.integer({ min: 1, max: 100_000 })])(
    "a debit that returns nothing of ours is left alone",
    (cases, cents) => {
      const [match] = matchTransactions(
        [transfer(1, money(-cents), { communication: "Uitbetaling client" })],
        createCandidateIndex(cases),
      );
      expect(match?.decision).toBe("ignore");
      expect(match?.reversals).toEqual([]);
    },
  );

  test.prop([
    fc.array(
      fc.record({
        cents: fc.integer({ min: -50_000, max: 50_000 }),
        day: fc.nat({ max: 3 }),
        ref: fc.nat({ max: 3 }),
      }),
      { maxLength: 30 },
    ),
  ])(
    "two entries of one list never share a key, even two equal transfers on one day",
    (entries) => {
      const transactions = entries.map((entry, n) =>
        transfer(n, money(entry.cents), {
          bookingDate: day(entry.day),
          valueDate: day(entry.day),
          communication: `r${entry.ref}`,
        }),
      );
      const keys = bankEntryKeys(transactions).map((key) => key.key);
      expect(new Set(keys).size).toBe(keys.length);
      // ...and the keys do not depend on the entry references the file gave.
      const renamed = transactions.map((transaction, n) => ({
        ...transaction,
        entryReference: `X${n * 7}`,
      }));
      expect(bankEntryKeys(renamed).map((key) => key.key)).toEqual(keys);
    },
  );
});

describe("matching: examples", () => {
  const opened = {
    id: "e1",
    type: "case.opened",
    at: "2026-01-05",
    recordedAt: "2026-01-05T09:00:00Z",
    by: "clerk",
    caseNumber: "2026/00042",
    client: { id: "acme", name: "Acme NV", reference: "ACME-77/12" },
    debtors: [
      { id: "D1", kind: "natural-person", name: "Jan Peeters", language: "nl", consumer: true },
    ],
    owner: "an",
    lawyer: "mr. X",
    rulePack: "be.b2b",
    paymentReference: "+++123/4567/89002+++",
  } as const;
  const events = [
    opened,
    {
      id: "e2",
      type: "claim.added",
      at: "2026-01-05",
      recordedAt: "2026-01-05T09:00:00Z",
      by: "clerk",
      claim: {
        id: "F1",
        invoiceNumber: "2025-0193",
        invoiceDate: "2025-11-02",
        dueDate: "2025-12-02",
        amount: "480.00",
      },
    },
    {
      id: "e3",
      type: "payment.received",
      at: "2026-02-01",
      recordedAt: "2026-02-02T09:00:00Z",
      by: "bank",
      paymentId: "P1",
      amount: "80.00",
      bank: {
        account: ACCOUNT,
        entryReference: "2026/005-0003",
        counterpartyIban: "BE71 0961 2345 6769",
      },
    },
    {
      id: "e4",
      type: "promise.recorded",
      at: "2026-02-10",
      recordedAt: "2026-02-10T09:00:00Z",
      by: "clerk",
      promiseId: "PR1",
      amount: "150.00",
      dueDate: "2026-03-15",
    },
  ];

  it("the keys of a case are its reference, number, client's reference, invoices, paying IBANs and debtors", () => {
    expect(caseKeysOf(events as never)).toEqual([
      { kind: "payment-reference", key: "123456789002" },
      { kind: "case-number", key: "202600042" },
      { kind: "client-reference", key: "ACME7712" },
      { kind: "debtor", key: "D1" },
      { kind: "invoice-number", key: "20250193" },
      { kind: "counterparty-iban", key: "BE71096123456769" },
    ]);
  });

  const view = matchCaseOf({ caseId: "C1", events: events as never, asOf: day(0) });
  const index = createCandidateIndex([{ ...view, balance: money(40000) }]);

  it("a payment naming the invoice from the account that paid before, for the promised amount, is applied with every reason in words", () => {
    const [match] = matchTransactions(
      [
        transfer(1, money(15000), {
          communication: "factuur 2025-0193",
          counterparty: { name: "PEETERS JAN", iban: "BE71096123456769", bic: null },
        }),
      ],
      index,
    );
    expect(match?.decision).toBe("apply");
    expect(match?.score).toBe(100);
    expect(match?.reasons.map((reason) => describeMatchReason(reason, "en"))).toEqual([
      "+50 the communication names the invoice 2025-0193",
      "+35 the account BE71 0961 2345 6769 paid a case of this debtor before",
      "+30 the amount 150.00 is what the debtor promised",
      "+15 the payer PEETERS JAN bears the debtor's name",
    ]);
    expect(describeMatchReason(match?.reasons[0] as never, "nl")).toBe(
      "+50 de mededeling vermeldt factuur 2025-0193",
    );
    expect(describeMatchReason(match?.reasons[0] as never, "fr")).toBe(
      "+50 la communication cite la facture 2025-0193",
    );
  });

  it("the case number alone is proposed; with the amount of the balance it is applied", () => {
    const alone = matchTransactions(
      [transfer(1, money(1000), { communication: "dossier 2026/00042" })],
      index,
    )[0];
    expect(alone?.decision).toBe("propose");
    expect(alone?.score).toBe(60);
    const full = matchTransactions(
      [transfer(1, money(40000), { communication: "dossier 2026 / 00042" })],
      index,
    )[0];
    expect(full?.decision).toBe("apply");
    expect(full?.score).toBe(90);
  });

  it("the bank entry recorded before is a duplicate, the first payment of it named", () => {
    const [match] = matchTransactions(
      [
        transfer(1, money(8000), {
          entryReference: "2026/005-0003",
          bookingDate: day(-29),
          valueDate: day(-29),
        }),
      ],
      index,
    );
    expect(match?.decision).toBe("duplicate");
    expect(match?.duplicateOf).toEqual({ caseId: "C1", paymentId: "P1" });
  });

  it("an amount in another currency is left for a clerk", () => {
    const [match] = matchTransactions(
      [transfer(1, money(40000), { currency: "USD", communication: "+++123/4567/89002+++" })],
      index,
    );
    expect(match?.decision).toBe("unmatched");
    expect(match?.note).toContain("USD");
  });

  it("references are found as payers type them, and a wrong one is flagged with its likely intent", () => {
    expect(
      findReferences("ref: 123 4567 89002; RF18 5390 0754 7034 facture 5000 0567 8901 2345").map(
        (found) => [found.kind, found.value, found.valid],
      ),
    ).toEqual([
      ["ogm", "123456789002", true],
      ["rf", "RF18539007547034", true],
      ["nl-payment-reference", "5000056789012345", true],
    ]);
    expect(findReferences("+++123/4567/89003+++")).toEqual([
      { kind: "ogm", value: "123456789003", valid: false, text: "+++123/4567/89003+++" },
    ]);
    expect(
      nearReferences({ kind: "ogm", value: "123456789003", valid: false, text: "" }),
    ).toContain("123456789002");
    expect(
      nearReferences({ kind: "ogm", value: "213456789002", valid: false, text: "" }),
    ).toContain("123456789002");
    expect(findReferences(createRfReference("2026 00042"))[0]?.valid).toBe(true);
  });

  it("a Belgian account number is keyed as its IBAN", () => {
    expect(accountKey("539-0075470-34")).toBe(ACCOUNT);
    expect(accountKey("be68 5390 0754 7034")).toBe(ACCOUNT);
  });

  it("a policy that proposes above where it applies is refused, naming the field", () => {
    expect(() => resolveMatchPolicy({ applyAt: 50, proposeAt: 60 })).toThrow(/policy.proposeAt/);
    expect(resolveMatchPolicy({}).applyAt).toBe(DEFAULT_MATCH_POLICY.applyAt);
  });
});
