import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../index.js";
import {
  caseStatement,
  caseSummary,
  foldCase,
  formatCaseNumber,
  IncassoError,
  parseCaseEvents,
  parseIsoDate,
  RULE_PACKS,
  statementToJson,
  validateFields,
  whatIf,
} from "../index.js";

const meta = { recordedAt: "2026-01-01T00:00:00Z", by: "clerk" };
const opened = (rulePack: string, terms: object = {}): CaseEventJson =>
  ({
    id: "e1",
    type: "case.opened",
    at: "2024-01-01",
    ...meta,
    caseNumber: "T-1",
    client: { id: "C1", name: "Client NV" },
    debtors: [
      {
        id: "D1",
        kind: "legal-person",
        name: "Debtor BV",
        language: "nl",
        consumer: rulePack.endsWith("consumer"),
      },
    ],
    owner: "owner",
    lawyer: "lawyer",
    rulePack,
    terms,
  }) as CaseEventJson;
const claim = (id: string, dueDate: string, amount: string): CaseEventJson => ({
  id: `claim-${id}`,
  type: "claim.added",
  at: "2024-01-01",
  ...meta,
  claim: { id, invoiceNumber: `INV-${id}`, invoiceDate: dueDate, dueDate, amount },
});
const at = (date: string) => parseIsoDate(date);
const totals = (events: CaseEventJson[], date: string) =>
  statementToJson(caseStatement(events, at(date)).statement).totals;
const codes = (events: CaseEventJson[], date: string, policy = {}) =>
  caseStatement(events, at(date), { policy }).findings.map((finding) => finding.code);

describe("be.b2b", () => {
  it("runs the commercial rate from the day after the due date and charges 40 EUR per late invoice", () => {
    const result = caseStatement(
      [opened("be.b2b"), claim("F1", "2024-01-31", "1000.00"), claim("F2", "2024-02-29", "500.00")],
      at("2024-06-30"),
    );
    expect(result.statement.interestLines[0]).toMatchObject({ claim: "F1" });
    expect(result.statement.interestLines[0]?.from.toString()).toBe("2024-02-01");
    expect(result.statement.interestLines[0]?.rate.toString()).toBe("12.5");
    expect(result.statement.charges.map((c) => `${c.id} ${c.date} ${c.amount.toFixed(2)}`)).toEqual(
      ["b2b40-F1 2024-02-01 40.00", "b2b40-F2 2024-03-01 40.00"],
    );
  });

  it("fixes a contractual penalty clause on the formal notice, and warns about the cumulation", () => {
    const events = [
      opened("be.b2b", { penalty: { kind: "percent", percent: "10", min: "50.00" } }),
      claim("F1", "2024-01-31", "1000.00"),
      {
        id: "n",
        type: "notice.sent",
        at: "2024-03-15",
        ...meta,
        channel: "registered-post",
      } as CaseEventJson,
    ];
    const result = caseStatement(events, at("2024-06-30"));
    expect(result.statement.charges.find((c) => c.penalty)?.date.toString()).toBe("2024-03-15");
    expect(result.statement.totals.penalty.toFixed(2)).toBe("100.00");
    expect(result.findings.map((f) => f.code)).toContain("B2B_COMPENSATION_WITH_CLAUSE");
  });
});

describe("be.civil", () => {
  const base = [opened("be.civil"), claim("F1", "2023-06-30", "2000.00")];
  const notice: CaseEventJson = {
    id: "n",
    type: "notice.sent",
    at: "2023-09-15",
    ...meta,
    channel: "registered-post",
  };

  it("runs no interest without a formal notice, and the legal rate from the day of the notice", () => {
    expect(totals(base, "2024-06-30").interestAccrued).toBe("0.00");
    expect(codes(base, "2024-06-30")).toEqual(["NO_FORMAL_NOTICE"]);
    const lines = caseStatement([...base, notice], at("2024-06-30")).statement.interestLines;
    expect(lines.map((l) => `${l.from} ${l.rate}`)).toEqual(["2023-09-15 5.25", "2024-01-01 5.75"]);
  });

  it("capitalises only on a dated art. 1154 demand, and only interest due a whole year", () => {
    const early: CaseEventJson = {
      id: "a1",
      type: "anatocism.demanded",
      at: "2024-03-01",
      ...meta,
      basis: "judicial-demand",
    };
    expect(codes([...base, notice, early], "2024-12-31")).toContain("ANATOCISM_TOO_EARLY");
    const valid: CaseEventJson = {
      id: "a2",
      type: "anatocism.demanded",
      at: "2024-10-01",
      ...meta,
      basis: "judicial-demand",
    };
    const lines = caseStatement([...base, notice, valid], at("2024-12-31")).statement.interestLines;
    expect(lines.at(-1)?.from.toString()).toBe("2024-10-02");
    expect(lines.at(-1)?.base.gt(2000)).toBe(true);
  });

  it("imputes interest before costs when the firm's policy says so", () => {
    const events = [
      ...base,
      notice,
      {
        id: "k",
        type: "charge.added",
        at: "2023-10-01",
        ...meta,
        chargeId: "K1",
        kind: "cost",
        amount: "100.00",
        description: "bailiff",
      } as CaseEventJson,
      {
        id: "p",
        type: "payment.received",
        at: "2024-01-10",
        ...meta,
        paymentId: "P1",
        amount: "50.00",
      } as CaseEventJson,
    ];
    const costsFirst = caseStatement(events, at("2024-01-31")).statement.allocations[0]?.bucket;
    const interestFirst = caseStatement(events, at("2024-01-31"), {
      policy: { beCivilImputation: "interest-costs-principal" },
    }).statement.allocations[0]?.bucket;
    expect([costsFirst, interestFirst]).toEqual(["costs", "interest"]);
  });
});

describe("be.consumer (Book XIX)", () => {
  const terms = { interest: { rate: { fixed: "8" } }, penalty: { kind: "fixed", amount: "40.00" } };
  const base = [opened("be.consumer", terms), claim("F1", "2024-01-31", "420.00")];
  const first = (channel: "post" | "email", date: string): CaseEventJson => ({
    id: "r1",
    type: "reminder.sent",
    at: date,
    ...meta,
    channel,
    first: true,
  });

  it("charges nothing before the free first reminder", () => {
    const result = caseStatement(base, at("2024-06-30"));
    expect(result.statement.totals.balance.toFixed(2)).toBe("420.00");
    expect(result.findings.map((f) => f.code)).toEqual(["NO_FIRST_REMINDER"]);
  });

  it("counts 14 days from the day after an e-mail, or from the third working day after posting", () => {
    expect(
      caseStatement(
        [...base, first("email", "2024-02-05")],
        at("2024-06-30"),
      ).chargeableFrom?.toString(),
    ).toBe("2024-02-20");
    // Posted Thursday 28 March 2024: Friday 29, Tuesday 2 April (after Easter Monday), Wednesday 3.
    expect(
      caseStatement(
        [...base, first("post", "2024-03-28")],
        at("2024-06-30"),
      ).chargeableFrom?.toString(),
    ).toBe("2024-04-17");
  });

  it("starts interest and damages at the end of the waiting period, within the caps", () => {
    const result = caseStatement([...base, first("email", "2024-02-05")], at("2024-06-30"));
    expect(result.statement.interestLines[0]?.from.toString()).toBe("2024-02-20");
    expect(result.statement.interestLines[0]?.rate.toString()).toBe("8");
    expect(result.statement.charges.find((c) => c.penalty)?.amount.toFixed(2)).toBe("40.00");
  });

  it("applies the configured policy to a clause above the caps", () => {
    const high = [
      opened("be.consumer", {
        interest: { rate: { fixed: "15" } },
        penalty: { kind: "percent", percent: "20" },
      }),
      claim("F1", "2024-01-31", "420.00"),
      first("email", "2024-02-05"),
    ];
    const capped = caseStatement(high, at("2024-06-30"));
    expect(capped.statement.interestLines[0]?.rate.toString()).toBe("12.5");
    expect(capped.statement.totals.penalty.toFixed(2)).toBe("57.00");
    const legal = caseStatement(high, at("2024-06-30"), {
      policy: { book19AboveCap: "legal-interest-only" },
    });
    expect(legal.statement.interestLines[0]?.rate.toString()).toBe("5.75");
    expect(legal.statement.totals.penalty.toFixed(2)).toBe("0.00");
    const nothing = caseStatement(high, at("2024-06-30"), {
      policy: { book19AboveCap: "nothing" },
    });
    expect(nothing.statement.totals.interestAccrued.toFixed(2)).toBe("0.00");
  });

  it("refuses reminder fees inside the waiting period or above 7.50 EUR plus postage", () => {
    const events = [
      ...base,
      first("email", "2024-02-05"),
      {
        id: "r2",
        type: "reminder.sent",
        at: "2024-02-10",
        ...meta,
        channel: "post",
        cost: "5.00",
      } as CaseEventJson,
      {
        id: "r3",
        type: "reminder.sent",
        at: "2024-03-10",
        ...meta,
        channel: "post",
        cost: "12.00",
        postage: "1.96",
      } as CaseEventJson,
    ];
    const result = caseStatement(events, at("2024-06-30"));
    expect(result.findings.map((f) => f.code)).toEqual([
      "REMINDER_FEE_IN_WAITING_PERIOD",
      "REMINDER_FEE_ABOVE_CAP",
    ]);
    expect(
      result.statement.charges.filter((c) => !c.penalty).map((c) => c.amount.toFixed(2)),
    ).toEqual(["9.46"]);
  });
});

describe("nl.b2b", () => {
  it("compounds the handelsrente yearly and charges the BIK the day after the last due date, at least 40", () => {
    const result = caseStatement(
      [opened("nl.b2b"), claim("F1", "2023-03-31", "10000.00")],
      at("2025-03-31"),
    );
    expect(statementToJson(result.statement).totals.interestAccrued).toBe("2524.35");
    expect(result.statement.charges[0]?.date.toString()).toBe("2023-04-01");
    expect(result.statement.totals.penalty.toFixed(2)).toBe("875.00");
    const clause = caseStatement(
      [
        opened("nl.b2b", { penalty: { kind: "fixed", amount: "25.00" } }),
        claim("F1", "2024-03-31", "100.00"),
      ],
      at("2024-06-30"),
    );
    expect(clause.statement.totals.penalty.toFixed(2)).toBe("40.00");
  });
});

describe("nl.consumer", () => {
  const base = [opened("nl.consumer"), claim("F1", "2024-01-16", "3000.00")];
  const letter = (statedExpiry?: string): CaseEventJson => ({
    id: "l1",
    type: "letter14.sent",
    at: "2024-02-02",
    ...meta,
    channel: "post",
    ...(statedExpiry ? { statedExpiry } : {}),
  });

  it("charges the BIK only after the 14-day term, counted from the day after presumed receipt", () => {
    expect(caseStatement(base, at("2024-06-30")).statement.totals.penalty.toFixed(2)).toBe("0.00");
    const result = caseStatement([...base, letter()], at("2024-06-30"));
    // Sent Friday 2 February; received Tuesday 6 (Saturday counts, Sunday and Monday do not); term 7-20 February.
    expect(result.letterTermExpiry?.toString()).toBe("2024-02-20");
    expect(result.statement.totals.penalty.toFixed(2)).toBe("425.00");
  });

  it("lowers the BIK base by a partial payment within the term", () => {
    const paid: CaseEventJson = {
      id: "p",
      type: "payment.received",
      at: "2024-02-15",
      ...meta,
      paymentId: "P1",
      amount: "1000.00",
    };
    expect(
      caseStatement([...base, letter(), paid], at("2024-06-30")).statement.totals.penalty.toFixed(
        2,
      ),
    ).toBe("302.59");
  });

  it("charges no BIK when the letter states a shorter term", () => {
    const result = caseStatement([...base, letter("2024-02-16")], at("2024-06-30"));
    expect(result.statement.totals.penalty.toFixed(2)).toBe("0.00");
    expect(result.findings.map((f) => f.code)).toContain("LETTER_TERM_TOO_SHORT");
  });

  it("counts an e-mailed letter's term from the day after sending, not from a postal presumption", () => {
    // Art. 3:37 lid 3 BW: the e-mail reached the debtor on Friday 2 February; term 3-16 February.
    const email = { ...letter("2024-02-16"), channel: "email" } as CaseEventJson;
    const result = caseStatement([...base, email], at("2024-06-30"));
    expect(result.letters14?.[0]).toMatchObject({ channel: "email", foundsBik: true });
    expect(result.letters14?.[0]?.received.toString()).toBe("2024-02-02");
    expect(result.letterTermExpiry?.toString()).toBe("2024-02-16");
    expect(result.findings.map((f) => f.code)).not.toContain("LETTER_TERM_TOO_SHORT");
    expect(result.statement.totals.penalty.toFixed(2)).toBe("425.00");
  });

  it("presumes a registered letter received like a posted one", () => {
    const registered = { ...letter(), channel: "registered-post" } as CaseEventJson;
    const result = caseStatement([...base, registered], at("2024-06-30"));
    expect(result.letters14?.[0]?.received.toString()).toBe("2024-02-06");
    expect(result.letterTermExpiry?.toString()).toBe("2024-02-20");
  });

  it("charges no BIK on a letter sent on the due date, and charges it on a later proper letter", () => {
    const early = { ...letter(), id: "early", at: "2024-01-16" } as CaseEventJson;
    const alone = caseStatement([...base, early], at("2024-06-30"));
    expect(alone.statement.totals.penalty.toFixed(2)).toBe("0.00");
    const finding = alone.findings.find((f) => f.code === "LETTER_BEFORE_DEFAULT");
    expect(finding).toMatchObject({ severity: "error", eventId: "early" });
    expect(finding?.source).toContain("6:96 lid 6");
    expect(alone.letterTermExpiry).toBeUndefined();
    const both = caseStatement([...base, early, letter()], at("2024-06-30"));
    expect(both.letters14?.map((term) => [term.eventId, term.foundsBik])).toEqual([
      ["early", false],
      ["l1", true],
    ]);
    expect(both.letterTermExpiry?.toString()).toBe("2024-02-20");
    expect(both.statement.totals.penalty.toFixed(2)).toBe("425.00");
  });

  it("computes the BIK on the claims the debtor was in default for when the letter was sent", () => {
    const later = claim("F2", "2024-03-01", "2000.00");
    const result = caseStatement([...base, later, letter()], at("2024-06-30"));
    expect(result.letters14?.[0]?.claims).toEqual(["F1"]);
    expect(result.findings.map((f) => f.code)).toContain("LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS");
    // BIK on 3000.00 (F1) only: 15 % of 2500 + 10 % of 500 = 425.00.
    expect(result.statement.totals.penalty.toFixed(2)).toBe("425.00");
  });

  it("never runs interest before the due date under the notice policy, even on a notice sent earlier", () => {
    const notice: CaseEventJson = {
      id: "n",
      type: "notice.sent",
      at: "2024-01-10",
      ...meta,
      channel: "post",
    } as CaseEventJson;
    const result = caseStatement([...base, notice], at("2024-06-30"), {
      policy: { nlConsumerDefault: "notice" },
    });
    // The notice came before the due date (16 January): default and interest from 17 January.
    expect(result.statement.interestLines[0]?.from.toString()).toBe("2024-01-17");
  });

  it("warns about a cost charged to a consumer besides the BIK", () => {
    const cost: CaseEventJson = {
      id: "k",
      type: "charge.added",
      at: "2024-03-01",
      ...meta,
      chargeId: "K1",
      kind: "cost",
      amount: "25.00",
      description: "file costs",
    } as CaseEventJson;
    const finding = caseStatement([...base, letter(), cost], at("2024-06-30")).findings.find(
      (f) => f.code === "COST_BESIDES_BIK",
    );
    expect(finding).toMatchObject({ severity: "warning", eventId: "k" });
    expect(finding?.source).toContain("6:96 lid 5");
  });

  it("lets the receipt presumption be configured", () => {
    expect(
      caseStatement([...base, letter()], at("2024-06-30"), {
        policy: { receiptDays: 4 },
      }).letterTermExpiry?.toString(),
    ).toBe("2024-02-22");
  });
});

describe("the follow-up sheet", () => {
  const events: CaseEventJson[] = [
    opened("be.b2b"),
    claim("F1", "2024-01-31", "1000.00"),
    {
      id: "c",
      type: "claim.corrected",
      at: "2024-02-10",
      ...meta,
      claimId: "F1",
      changes: { amount: "900.00" },
      reason: "credit note",
    },
    {
      id: "p1",
      type: "payment.received",
      at: "2024-03-01",
      ...meta,
      paymentId: "P1",
      amount: "300.00",
    },
    {
      id: "r",
      type: "payment.reversed",
      at: "2024-03-05",
      ...meta,
      paymentId: "P1",
      reason: "bounced",
    },
    { id: "d", type: "dispute.opened", at: "2024-03-10", ...meta, reason: "quality" },
    {
      id: "pr",
      type: "promise.recorded",
      at: "2024-03-12",
      ...meta,
      promiseId: "PR1",
      amount: "200.00",
      dueDate: "2024-04-01",
    },
    {
      id: "ct",
      type: "contact.added",
      at: "2024-03-12",
      ...meta,
      debtorId: "D1",
      contact: {
        id: "m2",
        kind: "email",
        value: "new@example.be",
        source: "debtor",
        date: "2024-03-12",
      },
    },
  ];

  it("folds corrections, reversals, disputes, promises and contacts as of any date", () => {
    const before = foldCase(events, at("2024-03-04"));
    expect(before.claims[0]?.amount).toBe("900.00");
    expect(before.payments.map((p) => p.paymentId)).toEqual(["P1"]);
    const after = foldCase(events, at("2024-03-31"));
    expect(after.payments).toEqual([]);
    expect(after.status).toBe("disputed");
    expect(after.promises[0]?.state).toBe("open");
    expect(after.debtors[0]?.contacts.map((c) => c.value)).toEqual(["new@example.be"]);
    expect(after.history.map((h) => h.type)).toEqual(events.map((e) => e.type));
  });

  it("gives the summary row for lists", () => {
    const summary = caseSummary(events, at("2024-03-31"));
    expect(summary).toMatchObject({
      caseNumber: "T-1",
      status: "disputed",
      lastContact: "2024-03-12",
      nextActionDate: "2024-04-01",
      daysPastDue: 60,
    });
  });

  it("answers what if the debtor paid an amount on a date, without changing the events", () => {
    const result = whatIf(events, at("2024-03-31"), { date: "2024-03-31", amount: "2000.00" });
    expect(result.statement.totals.balance.lt(0)).toBe(true);
    expect(events).toHaveLength(8);
  });

  it("validates the events as a whole, naming the event", () => {
    expect(() => parseCaseEvents([claim("F1", "2024-01-31", "1.00")])).toThrow(
      /events\.0\.type: expected case\.opened as the first event/,
    );
    expect(() =>
      parseCaseEvents([
        opened("be.b2b"),
        {
          id: "x",
          type: "payment.reversed",
          at: "2024-02-01",
          ...meta,
          paymentId: "NOPE",
          reason: "r",
        },
      ]),
    ).toThrow(/events\.1\.paymentId: expected an existing payment \(NOPE\)/);
    expect(() =>
      parseCaseEvents([
        opened("be.b2b"),
        { id: "e1", type: "note.added", at: "2024-02-01", ...meta, text: "dup" },
      ]),
    ).toThrow(/events\.1\.id: expected a unique event id/);
    expect(() => parseCaseEvents({ nothing: true })).toThrow(IncassoError);
    expect(() =>
      parseCaseEvents([
        opened("be.b2b"),
        { id: "x", type: "plan.defaulted", at: "2024-02-01", ...meta, planId: "NOPE" },
      ]),
    ).toThrow(/events\.1\.planId: expected an existing plan \(NOPE\)/);
  });

  it("validates user-defined fields against the client's definitions", () => {
    const definitions = [
      { name: "segment", type: "choice" as const, choices: ["retail", "wholesale"] },
      { name: "contract", type: "text" as const, required: true },
    ];
    expect(validateFields(definitions, { segment: "retail", contract: "K-1" })).toEqual({
      segment: "retail",
      contract: "K-1",
    });
    expect(() => validateFields(definitions, { segment: "other" })).toThrow(
      /fields\.segment.*fields\.contract|fields\.contract.*fields\.segment/,
    );
    const withFields = [
      ...events,
      {
        id: "f",
        type: "fields.set",
        at: "2024-03-20",
        ...meta,
        values: { segment: "bulk" },
      } as CaseEventJson,
    ];
    expect(() => foldCase(withFields, at("2024-03-31"), { fields: definitions })).toThrow(
      /fields\.segment/,
    );
  });

  it("numbers cases with a mask", () => {
    expect(formatCaseNumber("000000", 42)).toBe("000042");
    expect(formatCaseNumber("\\L\\O\\L00000", 42)).toBe("LOL00042");
    expect(formatCaseNumber("\\2\\0\\2\\6-00000", 7)).toBe("2026-00007");
    expect(() => formatCaseNumber("000", 1234)).toThrow(/at most 3 digits/);
  });

  it("documents every pack's rules with a source", () => {
    for (const pack of Object.values(RULE_PACKS)) {
      expect(pack.rules.length).toBeGreaterThan(2);
      for (const rule of pack.rules) expect(rule.source).not.toBe("");
    }
  });
});
