import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { beCalendar } from "../calendar/be-calendar.js";
import { judicialCodeDeadlineAfterPosting } from "../calendar/deadline.js";
import type { CaseEventJson } from "../case/case-event.js";
import { caseStatement } from "../case/case-statement.js";
import { parseCaseEvents } from "../case/fold-case.js";
import type { CaseOptions, Finding, ResolvedCase } from "../case/index.js";
import { RULE_PACKS } from "../case/rule-packs.js";
import { MONTH_NAMES } from "../dates/month-names.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { parseInput } from "../errors/from-zod-error.js";
import type { AmountLocale } from "../money/format-amount.js";
import { formatAmount } from "../money/format-amount.js";
import { Money } from "../money/money.js";
import type { PlanProposal } from "../plans/propose-plan.js";
import {
  formatBeEnterpriseNumber,
  isValidBeEnterpriseNumber,
} from "../references/be-enterprise-number.js";
import { formatOgm, isValidOgm, parseOgm } from "../references/be-structured-communication.js";
import { formatIban, isValidIban } from "../references/iban.js";
import { isValidNlPaymentReference } from "../references/nl-payment-reference.js";
import { formatRfReference, isValidRfReference } from "../references/rf-creditor-reference.js";
import type { Statement } from "../statement/statement.js";
import { jsonFields } from "../validation/json-primitives.js";
import type { EpcQrPayload, OgmPlacement } from "./epc-qr.js";
import { epcQrPayload } from "./epc-qr.js";

/**
 * The kinds of letters the engine knows the law of. A kind with a legal effect is recorded as its
 * event when the letter is produced: `book19-first-reminder` as the free first reminder
 * (`reminder.sent`, first), `reminder` as a reminder, `formal-notice` as `notice.sent`,
 * `letter14` as `letter14.sent`.
 *
 * @example
 * ```ts
 * import type { LetterKind } from "@incasso/core";
 * const kind: LetterKind = "letter14";
 * ```
 */
export type LetterKind =
  | "book19-first-reminder"
  | "reminder"
  | "formal-notice"
  | "letter14"
  | "plan-agreement"
  | "instalment-reminder"
  | "statement"
  | "bailiff";

/**
 * Zod schema of what a letter needs besides the case: the kind, the day it is sent and by which
 * channel, the creditor's details for the letterhead and the QR code (which the case's events do
 * not hold), and choices: the locale (default from the debtor's language and the rule pack's
 * country), the days to pay for letters without a statutory term, where a Belgian OGM goes in the
 * QR code.
 *
 * @example
 * ```ts
 * import { letterRequestSchema } from "@incasso/core";
 * letterRequestSchema.parse({
 *   kind: "letter14", date: "2026-11-27", channel: "post",
 *   creditor: { name: "Acme BV", addressLines: ["Damrak 1", "1012 LG Amsterdam"], iban: "NL91ABNA0417164300" },
 * });
 * ```
 */
export const letterRequestSchema = z.strictObject({
  kind: z.enum([
    "book19-first-reminder",
    "reminder",
    "formal-notice",
    "letter14",
    "plan-agreement",
    "instalment-reminder",
    "statement",
    "bailiff",
  ]),
  date: jsonFields.isoDate,
  channel: z.enum(["post", "registered-post", "email", "hand-delivered"]).default("post"),
  creditor: z.strictObject({
    name: jsonFields.name,
    addressLines: z.array(jsonFields.name).max(6).default([]),
    enterpriseNumber: jsonFields.optionalName.optional(),
    iban: jsonFields.optionalName
      .refine((text) => isValidIban(text.replace(/\s+/g, "")), { message: "expected a valid IBAN" })
      .optional(),
    bic: jsonFields.optionalName.optional(),
    email: jsonFields.optionalName.optional(),
    phone: jsonFields.optionalName.optional(),
  }),
  locale: z.enum(["nl-BE", "nl-NL", "fr-BE", "en"]).optional(),
  payWithinDays: z.number().int().min(1).max(90).default(15),
  ogmPlacement: z
    .enum(["structured-digits", "unstructured-formatted"])
    .default("structured-digits"),
  /** The cost of this reminder, if the client charges one (Book XIX caps it). */
  reminderCost: jsonFields.amount.optional(),
});

/**
 * What a letter needs besides the case (the input of {@link letterRequestSchema}).
 *
 * @example
 * ```ts
 * import type { LetterRequest } from "@incasso/core";
 * const request: LetterRequest = { kind: "statement", date: "2026-11-27", creditor: { name: "Acme NV" } };
 * ```
 */
export type LetterRequest = z.input<typeof letterRequestSchema>;

/**
 * An amount as a letter shows it: the exact decimal (`value`, as computed) and its text in the
 * letter's locale (`text`).
 *
 * @example
 * ```ts
 * import type { LetterAmount } from "@incasso/core";
 * const total: LetterAmount = { value: "1234.50", text: "€ 1.234,50" };
 * ```
 */
export interface LetterAmount {
  readonly value: string;
  readonly text: string;
}

/**
 * A date as a letter shows it: ISO (`value`) and written out in the letter's language (`text`).
 *
 * @example
 * ```ts
 * import type { LetterDate } from "@incasso/core";
 * const due: LetterDate = { value: "2026-12-11", text: "11 december 2026" };
 * ```
 */
export interface LetterDate {
  readonly value: string;
  readonly text: string;
}

/**
 * Everything a letter may show, computed and formatted by the engine so that a template never
 * computes a figure: the parties, references, claims, the statement with the source of every
 * rate, what will be charged if the debtor does not pay and from when, the deadline the law gives
 * the letter, the printed payment reference, the plan's schedule, and the EPC QR payload.
 *
 * @example
 * ```ts
 * import type { LetterContext } from "@incasso/core";
 * const payBy = (context: LetterContext) => context.deadline.payBy.text;
 * ```
 */
export interface LetterContext {
  readonly kind: LetterKind;
  readonly language: "nl" | "fr" | "en";
  readonly locale: AmountLocale;
  readonly date: LetterDate;
  readonly channel: "post" | "registered-post" | "email" | "hand-delivered";
  readonly rulePack: { readonly id: string; readonly name: string };
  readonly creditor: {
    readonly name: string;
    readonly addressLines: readonly string[];
    readonly enterpriseNumber: string | null;
    readonly iban: string | null;
    readonly bic: string | null;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly debtor: {
    readonly name: string;
    readonly addressLines: readonly string[];
    readonly email: string | null;
    readonly consumer: boolean;
  };
  readonly references: {
    readonly ours: string;
    readonly theirs: string | null;
    readonly payment: {
      readonly kind: string;
      readonly value: string;
      readonly text: string;
    } | null;
  };
  readonly claims: readonly {
    readonly id: string;
    readonly invoiceNumber: string;
    readonly description: string | null;
    readonly invoiceDate: LetterDate;
    readonly dueDate: LetterDate;
    readonly amount: LetterAmount;
    readonly open: LetterAmount;
  }[];
  readonly interestLines: readonly {
    readonly claim: string;
    readonly from: LetterDate;
    readonly to: LetterDate;
    readonly days: number;
    readonly base: LetterAmount;
    readonly rate: string;
    readonly amount: LetterAmount;
    readonly source: string;
  }[];
  readonly charges: readonly {
    readonly id: string;
    readonly penalty: boolean;
    readonly date: LetterDate;
    readonly amount: LetterAmount;
  }[];
  readonly payments: readonly {
    readonly id: string;
    readonly date: LetterDate;
    readonly amount: LetterAmount;
  }[];
  readonly totals: {
    readonly principal: LetterAmount;
    readonly interest: LetterAmount;
    readonly costs: LetterAmount;
    readonly penalty: LetterAmount;
    readonly paid: LetterAmount;
    readonly balance: LetterAmount;
  };
  /** What the debtor is told will be charged if the letter goes unheeded, and from when. */
  readonly ifUnpaid: {
    /** The day from which the charges below run or are due. */
    readonly from: LetterDate;
    /** The rates of interest that will run, by claim, with their sources. */
    readonly interest: readonly {
      readonly claim: string;
      readonly rate: string;
      readonly source: string;
    }[];
    /** The damages, penalty or BIK that will be charged (the amount on the balance as it is now). */
    readonly damages: LetterAmount | null;
    /** The VAT included in the BIK, when the creditor declares it cannot deduct it. */
    readonly bikVatPercent: string | null;
    /** The balance then, with the damages, before interest. */
    readonly balance: LetterAmount;
  };
  /** The deadlines the letter states. */
  readonly deadline: {
    /** The day the letter is taken to reach the debtor. */
    readonly received: LetterDate;
    /** The last day to pay. */
    readonly payBy: LetterDate;
    /** The number of days the debtor gets, counted from the day after receipt. */
    readonly days: number;
    /** How the deadline was computed, with its source. */
    readonly rule: string;
    /**
     * For a Belgian letter on paper: the day it is deemed notified under the Judicial Code
     * (art. 53bis: the third working day after posting), from which its term runs.
     */
    readonly notifiedArt53bis: LetterDate | null;
  };
  readonly plan: {
    readonly instalments: readonly {
      readonly number: number;
      readonly dueDate: LetterDate;
      readonly amount: LetterAmount;
      readonly principal: LetterAmount;
      readonly interest: LetterAmount;
      readonly fee: LetterAmount;
    }[];
    readonly total: LetterAmount;
    readonly interest: LetterAmount;
    readonly fees: LetterAmount;
    readonly defaultRule: string;
  } | null;
  readonly epcQr: EpcQrPayload | null;
  /** The rule pack's findings on the case with this letter. */
  readonly findings: readonly Finding[];
  /** The event that records this letter when it is produced (none for a statement or an annex). */
  readonly event: CaseEventJson | null;
}

/** The names of the built-in rate tables in a letter's language (the tables' own names are English). */
const RATE_NAMES: Record<string, Record<"nl" | "fr" | "en", string>> = {
  "be.legal": {
    nl: "de wettelijke interestvoet",
    fr: "le taux d'intérêt légal",
    en: "the Belgian legal interest rate",
  },
  "be.commercial": {
    nl: "de interestvoet bij handelstransacties (wet van 2 augustus 2002)",
    fr: "le taux d'intérêt des transactions commerciales (loi du 2 août 2002)",
    en: "the Belgian commercial late-payment rate (law of 2 August 2002)",
  },
  "be.commercial.pre-2013": {
    nl: "de interestvoet bij handelstransacties (wet van 2 augustus 2002)",
    fr: "le taux d'intérêt des transactions commerciales (loi du 2 août 2002)",
    en: "the Belgian commercial late-payment rate (law of 2 August 2002)",
  },
  "nl.legal": {
    nl: "de wettelijke rente (art. 6:119 BW)",
    fr: "l'intérêt légal néerlandais (art. 6:119 BW)",
    en: "the Dutch statutory interest (art. 6:119 BW)",
  },
  "nl.commercial": {
    nl: "de wettelijke handelsrente (art. 6:119a BW)",
    fr: "l'intérêt commercial légal néerlandais (art. 6:119a BW)",
    en: "the Dutch statutory commercial interest (art. 6:119a BW)",
  },
  "ecb.mro": {
    nl: "de herfinancieringsrente van de ECB",
    fr: "le taux de refinancement de la BCE",
    en: "the ECB main refinancing rate",
  },
};

/** A rate table's name in a letter's language: a Book XIX cap names the commercial rate it caps. */
function rateName(id: string, fallback: string, language: "nl" | "fr" | "en"): string {
  const capped = /^be\.commercial\.capped-(\d+(?:\.\d+)?)$/.exec(id);
  if (capped !== null) {
    const base = RATE_NAMES["be.commercial"]?.[language] ?? fallback;
    const cap = language === "en" ? capped[1] : (capped[1] ?? "").replace(".", ",");
    return language === "nl"
      ? `${base}, begrensd tot ${cap} %`
      : language === "fr"
        ? `${base}, plafonné à ${cap} %`
        : `${base}, capped at ${cap} %`;
  }
  return RATE_NAMES[id]?.[language] ?? fallback;
}

/**
 * A date written out in a letter's language, without the host's locale data: "27 november 2026",
 * "1er décembre 2026", "27 November 2026".
 *
 * @example
 * ```ts
 * import { formatLetterDate, parseIsoDate } from "@incasso/core";
 * formatLetterDate(parseIsoDate("2026-12-01"), "fr"); // "1er décembre 2026"
 * ```
 */
export function formatLetterDate(date: Temporal.PlainDate, language: "nl" | "fr" | "en"): string {
  const day = language === "fr" && date.day === 1 ? "1er" : String(date.day);
  return `${day} ${MONTH_NAMES[language][date.month - 1]} ${date.year}`;
}

/**
 * The letter context of a case: its events as of the letter's date with the letter itself taken
 * as sent (so the rule pack computes the term and what becomes due exactly as it will once the
 * letter's event is recorded), formatted for the debtor's language. Bad input is `INVALID_INPUT`
 * naming the field (`letter.creditor.iban`).
 *
 * @example
 * ```ts
 * import { letterContext } from "@incasso/core";
 * declare const events: unknown[];
 * const context = letterContext(events, {
 *   kind: "letter14", date: "2026-11-27", channel: "email",
 *   creditor: { name: "Acme BV", iban: "NL91ABNA0417164300" },
 * });
 * context.deadline.payBy.value; // the last day of the 14-day term
 * ```
 */
export function letterContext(
  events: unknown,
  input: LetterRequest,
  options: CaseOptions & { readonly plan?: PlanProposal } = {},
): LetterContext {
  const request = parseInput(letterRequestSchema, input, "letter");
  const existing = parseCaseEvents(events);
  const date = parseIsoDate(request.date);
  const event = letterEvent(request, existing.length);
  const withLetter = event === null ? existing : [...existing, event];
  const now = caseStatement(withLetter as unknown[], date, options);
  const { state } = now;
  const debtor = state.debtors[0];
  const language = (debtor?.language === "fr" ? "fr" : debtor?.language === "en" ? "en" : "nl") as
    | "nl"
    | "fr"
    | "en";
  const country = RULE_PACKS[state.rulePack].jurisdiction;
  const locale: AmountLocale =
    request.locale ??
    (language === "fr" ? "fr-BE" : language === "en" ? "en" : country === "nl" ? "nl-NL" : "nl-BE");
  const money = (value: Decimal): LetterAmount => ({
    value: value.toFixed(2),
    text: formatAmount(Money.of(value.toFixed(2), "EUR"), { locale }),
  });
  const day = (value: Temporal.PlainDate): LetterDate => ({
    value: value.toString(),
    text: formatLetterDate(value, language),
  });
  const deadline = deadlineOf(now, request, date, RULE_PACKS[now.state.rulePack].jurisdiction);
  const later = caseStatement(withLetter as unknown[], deadline.payBy.add({ days: 1 }), options);
  const damages = later.statement.totals.penalty;
  const reference = paymentReferenceOf(state.opened.paymentReference);
  const balance = now.statement.totals.balance;
  const epcQr =
    request.creditor.iban === undefined || balance.lte(0) || balance.gt("999999999.99")
      ? null
      : epcQrPayload({
          name: request.creditor.name.slice(0, 70),
          iban: request.creditor.iban,
          ...(request.creditor.bic === undefined ? {} : { bic: request.creditor.bic }),
          amount: balance.toFixed(2),
          ...(reference === null
            ? { reference: { kind: "text" as const, value: state.caseNumber } }
            : { reference: { kind: reference.kind, value: reference.value } }),
          ogmPlacement: request.ogmPlacement as OgmPlacement,
        });
  const address = (contacts: readonly { kind: string; value: string; current: boolean }[]) =>
    contacts
      .filter((contact) => contact.current && contact.kind === "address")
      .flatMap((contact) => contact.value.split(/\s*[\n;]\s*/));
  const emailOf = (contacts: readonly { kind: string; value: string; current: boolean }[]) =>
    contacts.find((contact) => contact.current && contact.kind === "email")?.value ?? null;
  const plan = options.plan;
  return Object.freeze({
    kind: request.kind,
    language,
    locale,
    date: day(date),
    channel: request.channel,
    rulePack: { id: state.rulePack, name: RULE_PACKS[state.rulePack].name[language] },
    creditor: {
      name: request.creditor.name,
      addressLines: request.creditor.addressLines,
      enterpriseNumber:
        request.creditor.enterpriseNumber === undefined
          ? null
          : isValidBeEnterpriseNumber(request.creditor.enterpriseNumber)
            ? formatBeEnterpriseNumber(request.creditor.enterpriseNumber)
            : request.creditor.enterpriseNumber,
      iban: request.creditor.iban === undefined ? null : formatIban(request.creditor.iban),
      bic: request.creditor.bic ?? null,
      email: request.creditor.email ?? null,
      phone: request.creditor.phone ?? null,
    },
    debtor: {
      name: debtor?.name ?? "",
      addressLines: debtor === undefined ? [] : address(debtor.contacts),
      email: debtor === undefined ? null : emailOf(debtor.contacts),
      consumer: debtor?.consumer ?? false,
    },
    references: {
      ours: state.caseNumber,
      theirs: state.opened.client.reference ?? state.opened.externalFileNumber ?? null,
      payment: reference,
    },
    claims: state.claims.map((claim) => {
      const computed = now.statement.claims.find((candidate) => candidate.id === claim.id);
      return {
        id: claim.id,
        invoiceNumber: claim.invoiceNumber,
        description: claim.description ?? null,
        invoiceDate: day(parseIsoDate(claim.invoiceDate)),
        dueDate: day(parseIsoDate(claim.dueDate)),
        amount: money(computed?.originalPrincipal ?? Money.of(claim.amount, "EUR").amount),
        open: money(computed?.principal ?? Money.of(claim.amount, "EUR").amount),
      };
    }),
    interestLines: now.statement.interestLines.map((line) => ({
      claim: line.claim,
      from: day(line.from),
      to: day(line.to),
      days: line.days,
      base: money(line.base),
      rate: `${formatAmount(line.rate.toString(), { locale, decimals: Math.max(2, line.rate.decimalPlaces()) })} %`,
      amount: money(line.amount),
      source:
        line.rateEntries.length === 0
          ? "contract"
          : line.rateEntries
              .map(
                (entry) =>
                  `${entry.table} ${entry.rate.toString()} % from ${entry.from.toString()}: ${entry.source}`,
              )
              .join("; "),
    })),
    charges: now.statement.charges.map((charge) => ({
      id: charge.id,
      penalty: charge.penalty,
      date: day(charge.date),
      amount: money(charge.amount),
    })),
    payments: now.caseFile.payments
      .filter((payment) => Temporal.PlainDate.compare(payment.date, date) <= 0)
      .map((payment) => ({
        id: payment.id,
        date: day(payment.date),
        amount: money(payment.amount),
      })),
    totals: totalsOf(now.statement, money),
    ifUnpaid: {
      from: day(deadline.payBy.add({ days: 1 })),
      interest: later.caseFile.claims
        .filter((claim) => claim.interest != null)
        .map((claim) => {
          const terms = claim.interest;
          const rate =
            terms == null
              ? ""
              : "table" in terms.rate
                ? `${rateName(terms.rate.table, later.rateTables.get(terms.rate.table)?.name ?? terms.rate.table, language)}${terms.margin.isZero() ? "" : ` + ${formatAmount(terms.margin.toString(), { locale, decimals: 2 })} %`}`
                : `${formatAmount(terms.rate.fixed.plus(terms.margin).toString(), { locale, decimals: 2 })} %`;
          return {
            claim: claim.id,
            rate,
            source:
              terms == null || "fixed" in terms.rate
                ? "contract"
                : (later.rateTables.get(terms.rate.table)?.source ?? ""),
          };
        }),
      damages: damages.gt(0) ? money(damages) : null,
      bikVatPercent:
        state.rulePack === "nl.consumer" || state.rulePack === "nl.b2b"
          ? (options.policy?.bikVatPercent ?? null)
          : null,
      balance: money(balance.plus(damages).minus(now.statement.totals.penalty)),
    },
    deadline: {
      received: day(deadline.received),
      payBy: day(deadline.payBy),
      days: deadline.days,
      rule: deadline.rule,
      notifiedArt53bis: deadline.notified === null ? null : day(deadline.notified),
    },
    plan:
      plan === undefined
        ? null
        : {
            instalments: plan.instalments.map((instalment) => ({
              number: instalment.number,
              dueDate: day(instalment.dueDate),
              amount: money(instalment.amount),
              principal: money(instalment.principal),
              interest: money(instalment.interest),
              fee: money(instalment.fee),
            })),
            total: money(plan.totals.total),
            interest: money(plan.totals.interest),
            fees: money(plan.totals.fees),
            defaultRule:
              plan.defaultRule.kind === "missed-instalments"
                ? `missed-instalments:${plan.defaultRule.count}:${plan.defaultRule.graceDays}`
                : `days-late:${plan.defaultRule.days}`,
          },
    epcQr,
    findings: now.findings,
    event,
  });
}

function totalsOf(statement: Statement, money: (value: Decimal) => LetterAmount) {
  const t = statement.totals;
  return {
    principal: money(t.principal),
    interest: money(t.interest),
    costs: money(t.costs),
    penalty: money(t.penalty),
    paid: money(t.paid),
    balance: money(t.balance),
  };
}

function letterEvent(
  request: z.output<typeof letterRequestSchema>,
  position: number,
): CaseEventJson | null {
  const envelope = {
    id: `letter-${request.kind}-${request.date}-${position + 1}`,
    at: request.date,
    recordedAt: `${request.date}T00:00:00Z`,
    by: "letter",
  };
  const channel = request.channel;
  switch (request.kind) {
    case "book19-first-reminder":
      return { ...envelope, type: "reminder.sent", channel, first: true };
    case "reminder":
      return {
        ...envelope,
        type: "reminder.sent",
        channel,
        first: false,
        ...(request.reminderCost === undefined ? {} : { cost: request.reminderCost }),
      };
    case "formal-notice":
      return { ...envelope, type: "notice.sent", channel };
    case "letter14":
      return { ...envelope, type: "letter14.sent", channel };
    default:
      return null;
  }
}

function deadlineOf(
  resolved: ResolvedCase,
  request: z.output<typeof letterRequestSchema>,
  date: Temporal.PlainDate,
  jurisdiction: "be" | "nl",
): {
  received: Temporal.PlainDate;
  payBy: Temporal.PlainDate;
  days: number;
  rule: string;
  notified: Temporal.PlainDate | null;
} {
  const onPaper = request.channel === "post" || request.channel === "registered-post";
  const notified =
    jurisdiction === "be" && onPaper
      ? judicialCodeDeadlineAfterPosting(beCalendar(), date, request.payWithinDays)
      : null;
  if (request.kind === "letter14") {
    const term = resolved.letters14?.at(-1);
    if (term !== undefined)
      return {
        received: term.received,
        payBy: term.termExpiry,
        days: 14,
        rule: `14 days from the day after receipt (BW art. 6:96 lid 6; HR 25-11-2016); ${term.receipt}`,
        notified: null,
      };
  }
  if (request.kind === "book19-first-reminder" && resolved.chargeableFrom !== undefined) {
    const payBy = resolved.chargeableFrom.subtract({ days: 1 });
    return {
      received: date,
      payBy,
      days: date.until(payBy).days,
      rule:
        request.channel === "email"
          ? "14 days from the day after the e-mail was sent (WER art. XIX.2)"
          : "14 days from the third working day after posting (WER art. XIX.2)",
      notified: notified?.trigger ?? null,
    };
  }
  if (notified !== null)
    // A Belgian letter on paper: its term runs from the day the Judicial Code deems it notified
    // (art. 53bis) and ends as art. 52-53 say, the later and safer of the readings of a
    // contractual term.
    return {
      received: notified.trigger,
      payBy: notified.expiry,
      days: request.payWithinDays,
      rule: `${request.payWithinDays} days from the notification on the third working day after posting (Judicial Code art. 53bis, 52 and 53; ${notified.rule})`,
      notified: notified.trigger,
    };
  const payBy = date.add({ days: request.payWithinDays });
  return {
    received: date,
    payBy,
    days: request.payWithinDays,
    rule: `${request.payWithinDays} days from the date of the letter (the firm's term)`,
    notified: null,
  };
}

function paymentReferenceOf(
  reference: string | undefined,
): { kind: "be.ogm" | "rf" | "nl.betalingskenmerk"; value: string; text: string } | null {
  if (reference === undefined) return null;
  if (isValidOgm(reference)) {
    const digits = parseOgm(reference) ?? "";
    return { kind: "be.ogm", value: digits, text: formatOgm(digits) };
  }
  if (isValidRfReference(reference)) {
    const value = reference.replace(/\s+/g, "").toUpperCase();
    return { kind: "rf", value, text: formatRfReference(value) };
  }
  if (isValidNlPaymentReference(reference)) {
    const value = reference.replace(/[\s.]+/g, "");
    return { kind: "nl.betalingskenmerk", value, text: value.replace(/(\d{4})(?=\d)/g, "$1 ") };
  }
  return null;
}
