// An independent model of the calculation contract, written for the tests: it walks the calendar
// one day at a time with Temporal dates, looks up every day's rate in the table, and imputes
// payments with plain loops. It shares no code with the engine beyond the data types, the rate
// lookup and the penalty scales, so agreement between the two is evidence, not tautology.
import { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import type { CaseFile, InterestTerms, RateTable, StatementJson } from "../../src/index.js";
import { penaltyAmount, rateEntryOn } from "../../src/index.js";

const D = Decimal.clone({ precision: 50 });
const zero = new D(0);
const round = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

interface Run {
  from: Temporal.PlainDate;
  to: Temporal.PlainDate;
  base: Decimal;
  rate: Decimal;
  divisor: number;
}

interface ModelClaim {
  id: string;
  index: number;
  due: Temporal.PlainDate;
  terms: InterestTerms | null;
  first: Temporal.PlainDate;
  principal: Decimal;
  capitalised: Decimal;
  capitalisedTotal: Decimal;
  paidUncapitalised: Decimal;
  runs: Run[];
}

const amountOf = (run: Run, through: Temporal.PlainDate) =>
  round(
    run.base
      .times(run.rate)
      .times(run.from.until(through).days + 1)
      .dividedBy(new D(100).times(run.divisor)),
  );

/** The statement JSON of a case, computed day by day. */
export function dayByDayStatement(
  file: CaseFile,
  tables: ReadonlyMap<string, RateTable>,
): StatementJson {
  const asOf = file.asOf;
  const before = (a: Temporal.PlainDate, b: Temporal.PlainDate) =>
    Temporal.PlainDate.compare(a, b) < 0;
  const same = (a: Temporal.PlainDate, b: Temporal.PlainDate) => a.equals(b);
  const claims: ModelClaim[] = file.claims.map((claim, index) => {
    const terms = claim.interest === undefined ? file.terms.interest : claim.interest;
    let first = claim.dueDate.add({ days: 1 });
    if (terms?.start.kind === "due-date") first = claim.dueDate;
    if (terms?.start.kind === "date" && before(first, terms.start.date)) first = terms.start.date;
    return {
      id: claim.id,
      index,
      due: claim.dueDate,
      terms,
      first,
      principal: new D(claim.principal),
      capitalised: zero,
      capitalisedTotal: zero,
      paidUncapitalised: zero,
      runs: [],
    };
  });
  const byDue = [...claims].sort(
    (a, b) => Temporal.PlainDate.compare(a.due, b.due) || a.index - b.index,
  );
  const charges: {
    id: string;
    kind: "cost" | "interest";
    date: Temporal.PlainDate;
    amount: Decimal;
    open: Decimal;
    penalty: boolean;
  }[] = [];
  const credits: Decimal[] = [];
  let paid = zero;

  const accrued = (claim: ModelClaim) =>
    claim.runs.reduce((sum, run) => sum.plus(amountOf(run, run.to)), zero);
  const uncapitalised = (claim: ModelClaim) =>
    accrued(claim).minus(claim.capitalisedTotal).minus(claim.paidUncapitalised);
  const take = (left: Decimal, owed: Decimal) => (left.lt(owed) ? left : owed);
  const giveCredit = (charge: (typeof charges)[number]) => {
    while (charge.open.gt(0) && credits.length > 0) {
      const available = credits[0] as Decimal;
      const used = take(available, charge.open);
      charge.open = charge.open.minus(used);
      if (available.minus(used).isZero()) credits.shift();
      else credits[0] = available.minus(used);
    }
  };

  const dates = [
    ...claims.map((c) => c.first),
    ...file.payments.map((p) => p.date),
    ...file.charges.map((c) => c.date),
    ...(file.terms.penaltyDate ? [file.terms.penaltyDate] : []),
  ];
  let day = dates.reduce((min, date) => (before(date, min) ? date : min), asOf);
  for (; !before(asOf, day); day = day.add({ days: 1 })) {
    for (const claim of claims) {
      const terms = claim.terms;
      if (terms === null || before(day, claim.first)) continue;
      const base = claim.principal.plus(claim.capitalised);
      if (base.lte(0)) continue;
      const tableRate =
        "fixed" in terms.rate
          ? terms.rate.fixed
          : rateEntryOn(tables.get(terms.rate.table) as RateTable, day).rate;
      const rate = new D(tableRate).plus(terms.margin);
      const divisor =
        terms.dayCount === "act/360" ? 360 : terms.dayCount === "act/365" ? 365 : day.daysInYear;
      const last = claim.runs.at(-1);
      if (
        last &&
        same(last.to.add({ days: 1 }), day) &&
        last.base.eq(base) &&
        last.rate.eq(rate) &&
        last.divisor === divisor
      ) {
        last.to = day;
      } else claim.runs.push({ from: day, to: day, base, rate, divisor });
    }
    for (const charge of file.charges) {
      if (!same(charge.date, day)) continue;
      const entry = {
        id: charge.id,
        kind: charge.kind,
        date: day,
        amount: new D(charge.amount),
        open: new D(charge.amount),
        penalty: false,
      };
      charges.push(entry);
      giveCredit(entry);
    }
    for (const payment of file.payments) {
      if (!same(payment.date, day)) continue;
      let left = new D(payment.amount);
      paid = paid.plus(payment.amount);
      const order = {
        "costs-interest-principal": ["c", "i", "p"],
        "interest-costs-principal": ["i", "c", "p"],
        "principal-interest-costs": ["p", "i", "c"],
      }[file.terms.imputation];
      for (const bucket of order) {
        if (bucket === "c" || bucket === "i") {
          const kind = bucket === "c" ? "cost" : "interest";
          for (const charge of charges.filter((c) => c.kind === kind)) {
            const used = take(left, charge.open);
            charge.open = charge.open.minus(used);
            left = left.minus(used);
          }
        }
        if (bucket === "i") {
          for (const claim of byDue) {
            const fromUncapitalised = take(left, uncapitalised(claim));
            claim.paidUncapitalised = claim.paidUncapitalised.plus(fromUncapitalised);
            left = left.minus(fromUncapitalised);
            const fromCapitalised = take(left, claim.capitalised);
            claim.capitalised = claim.capitalised.minus(fromCapitalised);
            left = left.minus(fromCapitalised);
          }
        }
        if (bucket === "p") {
          for (const claim of byDue) {
            const used = take(left, claim.principal);
            claim.principal = claim.principal.minus(used);
            left = left.minus(used);
          }
        }
      }
      if (left.gt(0)) credits.push(left);
    }
    const penaltyDay = file.terms.penaltyDate ?? asOf;
    if (file.terms.penalty && same(day, penaltyDay)) {
      const base = claims.reduce((sum, claim) => sum.plus(claim.principal), zero);
      const amount = penaltyAmount(file.terms.penalty, base);
      if (amount.gt(0)) {
        const entry = {
          id: "penalty",
          kind: "cost" as const,
          date: day,
          amount: new D(amount),
          open: new D(amount),
          penalty: true,
        };
        charges.push(entry);
        giveCredit(entry);
      }
    }
    for (const claim of claims) {
      if (claim.terms?.compounding !== "yearly") continue;
      for (let year = 1; year <= 400; year++) {
        const end = claim.first
          .add({ years: year }, { overflow: "constrain" })
          .subtract({ days: 1 });
        if (before(day, end)) break;
        if (!same(day, end)) continue;
        const unpaid = uncapitalised(claim);
        if (unpaid.gt(0)) {
          claim.capitalisedTotal = claim.capitalisedTotal.plus(unpaid);
          claim.capitalised = claim.capitalised.plus(unpaid);
        }
      }
    }
  }

  const money = (value: Decimal) => value.toFixed(2);
  const claimInterest = (claim: ModelClaim) => uncapitalised(claim).plus(claim.capitalised);
  const principal = claims.reduce((sum, c) => sum.plus(c.principal), zero);
  const interest = claims
    .reduce((sum, c) => sum.plus(claimInterest(c)), zero)
    .plus(charges.filter((c) => c.kind === "interest").reduce((sum, c) => sum.plus(c.open), zero));
  const costs = charges.filter((c) => c.kind === "cost").reduce((sum, c) => sum.plus(c.open), zero);
  const credit = credits.reduce((sum, c) => sum.plus(c), zero);
  const lines = claims
    .flatMap((claim) => claim.runs.map((run) => ({ claim, run })))
    .sort(
      (a, b) => Temporal.PlainDate.compare(a.run.from, b.run.from) || a.claim.index - b.claim.index,
    );
  return {
    asOf: asOf.toString(),
    totals: {
      principal: money(principal),
      interest: money(interest),
      costs: money(costs),
      interestAccrued: money(claims.reduce((sum, c) => sum.plus(accrued(c)), zero)),
      penalty: money(charges.filter((c) => c.penalty).reduce((sum, c) => sum.plus(c.amount), zero)),
      paid: money(paid),
      credit: money(credit),
      balance: money(principal.plus(interest).plus(costs).minus(credit)),
    },
    claims: Object.fromEntries(
      claims.map((c) => [
        c.id,
        { principal: money(c.principal), interest: money(claimInterest(c)) },
      ]),
    ),
    interestLines: lines.map(({ claim, run }) => ({
      claim: claim.id,
      from: run.from.toString(),
      to: run.to.toString(),
      days: run.from.until(run.to).days + 1,
      base: money(run.base),
      rate: run.rate.toString(),
      amount: money(amountOf(run, run.to)),
    })),
  };
}
