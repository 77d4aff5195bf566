import { describe, expect, it } from "vitest";
import type { CaseEventJson, PlanProposal } from "../index.js";
import {
  MoneyDecimal,
  parseIsoDate,
  planReminders,
  planState,
  promiseState,
  proposePlan,
  proposePlanForCase,
  remindersDue,
  reminderText,
} from "../index.js";

const d = (value: string) => new MoneyDecimal(value);
const at = (date: string) => parseIsoDate(date);
const plan = (request: object): PlanProposal => {
  const result = proposePlan(request);
  if (!result.ok) throw new Error(result.code);
  return result.plan;
};
const amounts = (p: PlanProposal) => p.instalments.map((i) => i.amount.toFixed(2));
const dates = (p: PlanProposal) => p.instalments.map((i) => i.dueDate.toString());

describe("proposals", () => {
  it("splits by number of instalments with the remainder on the last, or the first, and moves due dates to business days", () => {
    const last = plan({
      amount: "1000.00",
      firstDueDate: "2026-05-31",
      frequency: "monthly",
      schedule: { count: 3 },
    });
    expect(amounts(last)).toEqual(["333.33", "333.33", "333.34"]);
    expect(dates(last)).toEqual(["2026-06-01", "2026-06-30", "2026-07-31"]);
    const first = plan({
      amount: "1000.00",
      firstDueDate: "2026-06-01",
      frequency: "monthly",
      schedule: { count: 3 },
      remainder: "first",
    });
    expect(amounts(first)).toEqual(["333.34", "333.33", "333.33"]);
    const none = plan({
      amount: "100.00",
      firstDueDate: "2026-05-31",
      frequency: "monthly",
      schedule: { count: 1 },
      shift: "none",
    });
    expect(dates(none)).toEqual(["2026-05-31"]);
  });

  it("plans by instalment amount, with a down payment and a fee", () => {
    const p = plan({
      amount: "1000.00",
      firstDueDate: "2026-03-02",
      frequency: "monthly",
      schedule: { instalment: "300.00" },
      fee: "25.00",
      downPayment: { amount: "100.00", dueDate: "2026-02-16" },
    });
    expect(amounts(p)).toEqual(["100.00", "308.33", "308.33", "308.34"]);
    expect(p.totals.total.toFixed(2)).toBe("1025.00");
  });

  it("plans up to an end date, weekly, every two weeks, quarterly or on given dates", () => {
    expect(
      plan({
        amount: "400.00",
        firstDueDate: "2026-03-02",
        frequency: "weekly",
        schedule: { endDate: "2026-03-23" },
      }).instalments,
    ).toHaveLength(4);
    expect(
      dates(
        plan({
          amount: "300.00",
          firstDueDate: "2026-03-02",
          frequency: "biweekly",
          schedule: { count: 3 },
        }),
      ),
    ).toEqual(["2026-03-02", "2026-03-16", "2026-03-30"]);
    expect(
      dates(
        plan({
          amount: "300.00",
          firstDueDate: "2026-01-15",
          frequency: "quarterly",
          schedule: { count: 3 },
        }),
      ),
    ).toEqual(["2026-01-15", "2026-04-15", "2026-07-15"]);
    expect(
      amounts(
        plan({
          amount: "100.00",
          firstDueDate: "2026-03-02",
          frequency: { dates: ["2026-03-02", "2026-03-20"] },
          schedule: { count: 2 },
        }),
      ),
    ).toEqual(["50.00", "50.00"]);
  });

  it("shows interest and principal on the declining balance with the running rate of a table", () => {
    const p = plan({
      amount: "1200.00",
      agreedOn: "2026-02-01",
      firstDueDate: "2026-03-01",
      frequency: "monthly",
      schedule: { count: 4 },
      interest: { kind: "running", rate: { table: "be.legal" } },
    });
    expect(p.instalments.map((i) => `${i.principal.toFixed(2)}+${i.interest.toFixed(2)}`)).toEqual([
      "300.00+4.14",
      "300.00+3.44",
      "300.00+2.22",
      "300.00+1.15",
    ]);
  });

  it("computes an annuity at a fixed rate, the last instalment settling the cents", () => {
    const p = plan({
      amount: "1200.00",
      firstDueDate: "2026-03-01",
      frequency: "monthly",
      schedule: { count: 12 },
      interest: { kind: "annuity", rate: "6" },
    });
    expect(new Set(amounts(p).slice(0, 11))).toEqual(new Set(["103.28"]));
    expect(p.instalments.at(-1)?.amount.toFixed(2)).toBe("103.24");
    expect(p.instalments.at(-1)?.balanceAfter.toFixed(2)).toBe("0.00");
  });

  it("answers requests that cannot be met with a code", () => {
    const refuse = (request: object) => {
      const result = proposePlan(request);
      return result.ok ? "ok" : result.code;
    };
    const base = { firstDueDate: "2026-03-01", frequency: "monthly" as const };
    expect(
      refuse({
        ...base,
        amount: "1000.00",
        schedule: { count: 100 },
        limits: { minInstalment: "25.00" },
      }),
    ).toBe("INSTALMENT_BELOW_MINIMUM");
    expect(
      refuse({ ...base, amount: "1000.00", schedule: { count: 24 }, limits: { maxMonths: 12 } }),
    ).toBe("DURATION_ABOVE_MAXIMUM");
    expect(
      refuse({
        ...base,
        amount: "1000.00",
        schedule: { instalment: "5.00" },
        interest: { kind: "annuity", rate: "12" },
      }),
    ).toBe("INSTALMENT_DOES_NOT_COVER_INTEREST");
    expect(refuse({ ...base, amount: "1000.00", schedule: { endDate: "2026-02-01" } })).toBe(
      "END_DATE_BEFORE_FIRST_DUE_DATE",
    );
    expect(refuse({ ...base, amount: "0.00", schedule: { count: 2 } })).toBe("NOTHING_TO_FINANCE");
    expect(
      refuse({
        ...base,
        amount: "100.00",
        schedule: { count: 2 },
        downPayment: { amount: "100.00", dueDate: "2026-02-01" },
      }),
    ).toBe("DOWN_PAYMENT_TOO_LARGE");
    expect(
      refuse({
        amount: "100.00",
        firstDueDate: "2026-03-01",
        frequency: { dates: ["2026-03-01"] },
        schedule: { count: 2 },
        interest: { kind: "annuity", rate: "5" },
      }),
    ).toBe("ANNUITY_NEEDS_REGULAR_FREQUENCY");
    expect(() => proposePlan({ ...base, amount: "1,00", schedule: { count: 2 } })).toThrow(
      /plan\.amount: expected an amount/,
    );
  });
});

describe("following a plan", () => {
  const p = plan({
    amount: "450.00",
    firstDueDate: "2026-03-02",
    frequency: "monthly",
    schedule: { count: 3 },
  });
  const pay = (id: string, date: string, amount: string, instalment?: number) => ({
    id,
    date: at(date),
    amount: d(amount),
    ...(instalment === undefined ? {} : { instalment }),
  });

  it("matches payments to the oldest instalments, with days late", () => {
    const state = planState(p, [pay("T1", "2026-03-05", "200.00")], at("2026-04-10"));
    expect(state.instalments.map((i) => `${i.status} ${i.paid.toFixed(2)} ${i.daysLate}`)).toEqual([
      "paid 150.00 3",
      "overdue 50.00 8",
      "upcoming 0.00 0",
    ]);
    expect(state.status).toBe("in-arrears");
  });

  it("pays the instalment a payment designates first", () => {
    const state = planState(p, [pay("T1", "2026-02-20", "150.00", 3)], at("2026-02-28"));
    expect(state.instalments.map((i) => i.status)).toEqual(["upcoming", "upcoming", "paid"]);
  });

  it("defaults on two missed instalments, or on one instalment too many days late, with a grace period", () => {
    // Due 2 March and 2 April: the second instalment is missed from 3 April, two at the same time.
    expect(planState(p, [], at("2026-04-02")).status).toBe("in-arrears");
    expect(planState(p, [], at("2026-04-03")).defaultedOn?.toString()).toBe("2026-04-03");
    const lenient = plan({
      amount: "450.00",
      firstDueDate: "2026-03-02",
      frequency: "monthly",
      schedule: { count: 3 },
      default: { kind: "missed-instalments", count: 2, graceDays: 5 },
    });
    expect(planState(lenient, [], at("2026-04-07")).status).toBe("in-arrears");
    expect(planState(lenient, [], at("2026-04-08")).status).toBe("defaulted");
    const strict = plan({
      amount: "450.00",
      firstDueDate: "2026-03-02",
      frequency: "monthly",
      schedule: { count: 3 },
      default: { kind: "days-late", days: 10 },
    });
    expect(planState(strict, [pay("T1", "2026-03-12", "150.00")], at("2026-03-31")).status).toBe(
      "active",
    );
    expect(
      planState(
        strict,
        [pay("T1", "2026-03-13", "150.00")],
        at("2026-03-31"),
      ).defaultedOn?.toString(),
    ).toBe("2026-03-13");
  });

  it("completes when everything is paid, and is cancelled by a renegotiation", () => {
    expect(planState(p, [pay("T1", "2026-03-02", "450.00")], at("2026-03-02")).status).toBe(
      "completed",
    );
    expect(planState(p, [], at("2026-03-10"), { cancelledOn: at("2026-03-05") }).status).toBe(
      "cancelled",
    );
    const result = proposePlan(
      {
        id: "plan-2",
        amount: "450.00",
        firstDueDate: "2026-04-01",
        frequency: "monthly",
        schedule: { count: 6 },
      },
      { replaces: "plan" },
    );
    expect(result.ok && result.plan.replaces).toBe("plan");
  });

  it("plans reminders before, on and after each due date, and says which are due today", () => {
    const reminders = planReminders(p, { before: [3], onDay: true, after: [1] });
    expect(reminders.filter((r) => r.instalment === 1).map((r) => `${r.kind} ${r.date}`)).toEqual([
      "before 2026-02-27",
      "on-day 2026-03-02",
      "after 2026-03-03",
    ]);
    expect(
      remindersDue(p, [], at("2026-02-27"), { before: [3], onDay: false, after: [] }),
    ).toHaveLength(1);
    expect(
      remindersDue(p, [pay("T1", "2026-02-20", "150.00")], at("2026-02-27"), {
        before: [3],
        onDay: false,
        after: [],
      }),
    ).toHaveLength(0);
    const [first] = reminders;
    if (first) {
      expect(reminderText(first, "en")).toBe("Your instalment of €150.00 is due on 2 March 2026.");
      expect(reminderText(first, "nl")).toBe("Uw afbetaling van € 150,00 vervalt op 2 maart 2026.");
      expect(reminderText(first, "fr")).toBe(
        "Votre mensualité de 150,00\u00a0€ est due le 2 mars 2026.",
      );
    }
  });

  it("follows a promise to pay: open, kept, partly kept or broken", () => {
    const promise = { amount: d("200.00"), dueDate: at("2026-01-15") };
    expect(promiseState(promise, [], at("2026-01-10"))).toBe("open");
    expect(promiseState(promise, [pay("T", "2026-01-15", "200.00")], at("2026-01-20"))).toBe(
      "kept",
    );
    expect(promiseState(promise, [pay("T", "2026-01-10", "50.00")], at("2026-01-20"))).toBe(
      "partly-kept",
    );
    expect(promiseState(promise, [pay("T", "2026-01-16", "200.00")], at("2026-01-20"))).toBe(
      "broken",
    );
  });
});

describe("a plan for a case", () => {
  it("finances the case's balance as of a date, with the case's payment reference", () => {
    const meta = { recordedAt: "2026-01-01T00:00:00Z", by: "clerk" };
    const events: CaseEventJson[] = [
      {
        id: "e1",
        type: "case.opened",
        at: "2025-01-01",
        ...meta,
        caseNumber: "P-1",
        client: { id: "C", name: "C" },
        debtors: [{ id: "D", kind: "legal-person", name: "D", language: "nl", consumer: false }],
        owner: "o",
        lawyer: "l",
        rulePack: "be.b2b",
        paymentReference: "+++123/4567/89002+++",
      },
      {
        id: "e2",
        type: "claim.added",
        at: "2025-01-01",
        ...meta,
        claim: {
          id: "F1",
          invoiceNumber: "1",
          invoiceDate: "2025-01-01",
          dueDate: "2025-12-31",
          amount: "1000.00",
        },
      },
    ];
    const result = proposePlanForCase(events, at("2026-01-31"), {
      firstDueDate: "2026-02-16",
      frequency: "monthly",
      schedule: { count: 4 },
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.plan.totals.financed.toFixed(2)).toBe("1048.92");
      expect(result.plan.reference).toBe("+++123/4567/89002+++");
    }
  });
});
