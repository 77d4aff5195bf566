import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { addBusinessDays } from "../../calendar/add-business-days.js";
import { beBook19Damages, penaltyAmount } from "../../charges/penalty-clause.js";
import { parseIsoDate } from "../../dates/parse-iso-date.js";
import { MoneyDecimal } from "../../money/decimal.js";
import type { RateTable } from "../../rates/rate-table.js";
import { createRateTable } from "../../rates/rate-table.js";
import type { Charge, Claim } from "../../statement/case-file.js";
import { toPenalty } from "../../statement/case-file-schema.js";
import { computeStatement } from "../../statement/compute-statement.js";
import type { PackDefinition, PackResolution } from "./pack-context.js";
import { contractRate, DEFAULT_IMPUTATION, d } from "./pack-context.js";

const constants = {
  /** Book XIX applies to reminders from this day (Law of 4 May 2023 art. 15). */
  inForce: "2023-09-01",
  /** The waiting period after the free first reminder, in days (WER art. XIX.2). */
  waitingDays: 14,
  /** A posted reminder: the waiting period starts on this working day after posting (WER art. XIX.2). */
  postalWorkingDays: 3,
  /** The most an extra reminder may cost, in EUR, postage excluded (WER art. XIX.4). */
  reminderFeeCapEur: "7.50",
  /** Recurring supply: the reminders of this many defaults a year are free (WER art. XIX.3). */
  freeDefaultsPerYear: 3,
  /** A contractual rate is capped at this table (WER art. XIX.4; law of 2 August 2002 art. 5). */
  capTable: "be.commercial",
  /** The table of a claim whose stipulated rate is a table, or under the `legal-interest-only` policy. */
  legalTable: "be.legal",
  /** What a clause above the caps yields by default (policy `book19AboveCap`). */
  aboveCap: "capped",
} as const;

/**
 * `be.consumer`, Belgium, consumer (Book XIX of the Code of Economic Law): nothing before the free
 * first reminder and the 14-day waiting period after it; stipulated interest and damages only,
 * capped; extra reminders capped and never inside the waiting period.
 *
 * @internal
 */
export const beConsumer = {
  pack: {
    id: "be.consumer",
    name: {
      nl: "België, consument (Boek XIX)",
      fr: "Belgique, consommateur (Livre XIX)",
      en: "Belgium, consumer (Book XIX)",
    },
    jurisdiction: "be",
    debtor: "consumer",
    rules: [
      {
        topic: "first reminder",
        rule: "a free first reminder is required; nothing is chargeable before it",
        source: "WER art. XIX.2",
      },
      {
        topic: "waiting period",
        rule: "14 days, from the day after an e-mail or the third working day after posting; nothing dated inside it is charged",
        source: "WER art. XIX.2",
      },
      {
        topic: "interest",
        rule: "only if the contract stipulates it, from the end of the waiting period, capped at the be.commercial rate",
        source: "WER art. XIX.4; law of 2 August 2002 art. 5",
      },
      {
        topic: "damages",
        rule: "only if stipulated, capped by the scale 20 / 30 + 10 % / 65 + 5 % (max 2,000), fixed at the end of the waiting period",
        source: "WER art. XIX.4",
      },
      {
        topic: "clause above the caps",
        rule: "deemed unwritten; policy: capped (default), legal interest only, or nothing",
        source: "WER art. XIX.4; sources differ",
      },
      {
        topic: "extra reminders",
        rule: "at most 7.50 EUR plus postage, never before the waiting period ends",
        source: "WER art. XIX.4",
      },
      {
        topic: "recurring supply",
        rule: "reminders free for the first 3 defaults of a year; a fee only from the 4th",
        source: "WER art. XIX.3",
      },
    ],
  },
  constants,
  resolve(context): PackResolution {
    const { state, rateTables } = context;
    const first = state.reminders.find((reminder) => reminder.first);
    if (first === undefined) {
      context.report({ code: "NO_FIRST_REMINDER", source: "WER art. XIX.2" });
      return {
        claims: state.claims.map((claim) => ({ ...context.baseClaim(claim), interest: null })),
        charges: [],
      };
    }
    if (first.cost !== undefined && d(first.cost).gt(0))
      context.report({
        code: "FIRST_REMINDER_NOT_FREE",
        source: "WER art. XIX.2",
        eventId: first.id,
      });
    if (first.at < constants.inForce)
      context.report({
        code: "BOOK19_NOT_IN_FORCE",
        source: "Law of 4 May 2023 art. 15",
        eventId: first.id,
      });
    const sent = parseIsoDate(first.at);
    const waitingStart =
      first.channel === "email"
        ? sent.add({ days: 1 })
        : addBusinessDays(context.calendars.be, sent, constants.postalWorkingDays);
    const from = waitingStart.add({ days: constants.waitingDays });

    // Charges dated inside the waiting period are not due (reported latest first).
    const inWaitingPeriod = (charge: Charge) => Temporal.PlainDate.compare(charge.date, from) < 0;
    for (const charge of [...context.charges].reverse()) {
      if (inWaitingPeriod(charge))
        context.report({
          code: "CHARGE_IN_WAITING_PERIOD",
          params: { chargeId: charge.id },
          source: "WER art. XIX.2",
        });
    }
    const charges: Charge[] = context.charges.filter((charge) => !inWaitingPeriod(charge));

    // Interest only if stipulated, from the end of the waiting period, capped at the commercial rate.
    const aboveCap = context.policy.book19AboveCap ?? constants.aboveCap;
    const claims: Claim[] = state.claims.map((claim) => {
      const contract = context.contractOf(claim.terms);
      const start = { kind: "date" as const, date: from };
      if (contract.interest === undefined) return { ...context.baseClaim(claim), interest: null };
      const rate = contractRate(contract);
      const stipulated = () => context.interest(contract, constants.legalTable, start, "none");
      if (!("fixed" in rate)) return { ...context.baseClaim(claim), interest: stipulated() };
      const total = rate.fixed.plus(d(contract.interest.margin ?? "0"));
      const commercial = rateTables.get(constants.capTable);
      const exceeds =
        commercial?.entries.some(
          (entry) => entry.rate.lt(total) && entry.from.toString() <= state.asOf.toString(),
        ) ?? false;
      if (!exceeds || commercial === undefined)
        return { ...context.baseClaim(claim), interest: stipulated() };
      context.report({
        code: "INTEREST_ABOVE_CAP",
        params: { rate: total.toString(), policy: aboveCap },
        source: "WER art. XIX.4",
      });
      if (aboveCap === "nothing") return { ...context.baseClaim(claim), interest: null };
      if (aboveCap === "legal-interest-only") {
        const legal = context.interest({}, constants.legalTable, start, "none");
        return { ...context.baseClaim(claim), interest: legal };
      }
      const id = `${constants.capTable}.capped-${total.toString()}`;
      if (!rateTables.has(id)) rateTables.set(id, cappedTable(commercial, total, id));
      return { ...context.baseClaim(claim), interest: context.interest({}, id, start, "none") };
    });

    // Extra reminders: at most 7.50 EUR plus postage, never inside the waiting period.
    for (const reminder of state.reminders) {
      if (reminder === first || reminder.cost === undefined) continue;
      const when = parseIsoDate(reminder.at);
      const defaultsThatYear = state.claims.filter(
        (claim) => claim.dueDate.slice(0, 4) === reminder.at.slice(0, 4),
      ).length;
      if (Temporal.PlainDate.compare(when, from) < 0) {
        context.report({
          code: "REMINDER_FEE_IN_WAITING_PERIOD",
          source: "WER art. XIX.2",
          eventId: reminder.id,
        });
        continue;
      }
      if (state.terms.recurringSupply && defaultsThatYear <= constants.freeDefaultsPerYear) {
        context.report({
          code: "RECURRING_FREE_REMINDER",
          source: "WER art. XIX.3",
          eventId: reminder.id,
        });
        continue;
      }
      let fee = d(reminder.cost);
      if (fee.gt(constants.reminderFeeCapEur)) {
        context.report({
          code: "REMINDER_FEE_ABOVE_CAP",
          params: { fee: fee.toFixed(2) },
          source: "WER art. XIX.4",
          eventId: reminder.id,
        });
        fee = d(constants.reminderFeeCapEur);
      }
      charges.push({
        id: `reminder-${reminder.id}`,
        kind: "cost",
        date: when,
        amount: fee.plus(d(reminder.postage ?? "0")),
      });
    }

    // Damages only if stipulated, on the principal open at the end of the waiting period, capped.
    const resolution = { claims, charges, chargeableFrom: from };
    const clause = state.terms.penalty;
    if (clause === undefined || Temporal.PlainDate.compare(from, state.asOf) > 0) return resolution;
    const provisional = computeStatement(
      {
        asOf: from,
        currency: "EUR",
        terms: { interest: null, penalty: null, penaltyDate: null, imputation: DEFAULT_IMPUTATION },
        claims,
        payments: context.payments,
        charges,
      },
      { asOf: from, rateTables },
    );
    const base = provisional.totals.principal;
    const agreed = penaltyAmount(toPenalty(clause), base);
    const cap = beBook19Damages(base);
    let amount: Decimal | null = agreed;
    if (agreed.gt(cap)) {
      amount = aboveCap === "capped" ? cap : null;
      context.report({
        code: "DAMAGES_ABOVE_CAP",
        params: { agreed: agreed.toFixed(2), cap: cap.toFixed(2), policy: aboveCap },
        source: "WER art. XIX.4",
      });
    }
    if (!amount?.gt(0)) return resolution;
    return { ...resolution, penalty: { clause: { kind: "fixed", amount }, date: from } };
  },
} satisfies PackDefinition;

/** A table whose every entry is the lower of the table's rate and a cap (Book XIX interest cap). */
function cappedTable(table: RateTable, cap: Decimal, id: string): RateTable {
  return createRateTable({
    id,
    name: `${table.name}, capped at ${cap.toString()} %`,
    source: `${table.source}; contractual rate ${cap.toString()} % capped (WER art. XIX.4)`,
    trustedUntil: table.trustedUntil.toString(),
    entries: table.entries.map((entry) => ({
      from: entry.from.toString(),
      rate: MoneyDecimal.min(entry.rate, cap).toString(),
      source: entry.rate.lt(cap) ? `${entry.source} (cap)` : `contractual rate ${cap.toString()} %`,
      status: entry.status,
    })),
  });
}
