import type { CaseEvent, CaseOptions, Temporal } from "@incasso/core";
import {
  caseStatement,
  formatOgm,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
  parseOgm,
} from "@incasso/core";
import type { Decimal } from "decimal.js";
import { cleanText } from "./handover-fields.js";
import type { HandoverCase, HandoverPhase } from "./handover-package.js";

type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

/**
 * The creditor's details the case's events do not hold (the client record has its id, name and
 * reference only): enterprise and VAT number, address, the account payments go to, contacts.
 *
 * @example
 * ```ts
 * import type { CreditorDetails } from "@incasso/export-organi";
 * const acme: CreditorDetails = { enterpriseNumber: "0566.988.259", iban: "BE68539007547034" };
 * ```
 */
export interface CreditorDetails {
  readonly enterpriseNumber?: string | undefined;
  readonly vatNumber?: string | undefined;
  readonly addressLines?: readonly string[] | undefined;
  readonly iban?: string | undefined;
  readonly bic?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

/**
 * A judgment the host records for a case (the events have no judgment event): the court, the date,
 * the roll number, whether it is enforceable, the amounts awarded.
 *
 * @example
 * ```ts
 * import type { JudgmentRecord } from "@incasso/export-organi";
 * const judgment: JudgmentRecord = { court: "Ondernemingsrechtbank Gent", date: "2026-05-12", enforceable: true, principal: "1250.00" };
 * ```
 */
export interface JudgmentRecord {
  readonly court: string;
  readonly date: string;
  readonly rollNumber?: string | undefined;
  readonly enforceable: boolean;
  readonly principal?: string | undefined;
  readonly interest?: string | undefined;
  readonly costs?: string | undefined;
  readonly description?: string | undefined;
}

/**
 * A document of the case as the package holds it (made by the host's renderer or supplied as
 * bytes), already named.
 *
 * @example
 * ```ts
 * import type { HandoverDocumentEntry } from "@incasso/export-organi";
 * const entry: HandoverDocumentEntry = {
 *   fileName: "documents/2026-00042_statement.html", kind: "statement", mediaType: "text/html",
 *   sha256: "0".repeat(64), size: 1200, eventId: null, claimId: null,
 * };
 * ```
 */
export type HandoverDocumentEntry = HandoverCase["documents"][number];

/**
 * What {@link buildHandoverCase} needs: the case's id, key and events, the cut-off date, the
 * phase, the case options (policy, rate tables), and what the host adds: creditor details,
 * judgments, the documents in the package.
 *
 * @example
 * ```ts
 * import type { HandoverCaseInput } from "@incasso/export-organi";
 * type Needed = Pick<HandoverCaseInput, "caseId" | "caseKey" | "phase">;
 * ```
 */
export interface HandoverCaseInput {
  readonly caseId: string;
  readonly caseKey: string;
  readonly events: readonly unknown[];
  readonly cutOff: Temporal.PlainDate;
  readonly phase: HandoverPhase;
  readonly options?: CaseOptions;
  readonly creditor?: CreditorDetails;
  readonly judgments?: readonly JudgmentRecord[];
  readonly documents?: readonly HandoverDocumentEntry[];
}

/**
 * The user field where the bailiff office's file number is kept on a case (set by
 * `importAcknowledgement`, carried by later packages as `references.bailiffFileNumber`).
 *
 * @example
 * ```ts
 * import { BAILIFF_FILE_NUMBER_FIELD } from "@incasso/export-organi";
 * BAILIFF_FILE_NUMBER_FIELD; // "bailiff.fileNumber"
 * ```
 */
export const BAILIFF_FILE_NUMBER_FIELD = "bailiff.fileNumber";

const money = (value: Decimal) => value.toFixed(2);
/** A name or id cleaned; one made only of removed characters reads "(unreadable)". */
const named = (value: string) => {
  const clean = cleanText(value);
  return clean === "" ? "(unreadable)" : clean;
};
const orNull = (value: string | undefined | null): string | null =>
  value === undefined || value === null || named(value).trim() === "" ? null : named(value);

/**
 * One case of a handover package, from its events as of the cut-off date: the statement is the
 * core's `caseStatement` (the same figures the firm's letters show), the payments carry their
 * imputation from it, the procedure lists the letters (with their documents' SHA-256), returned
 * mail, disputes, plans, promises, judgments and earlier handovers. A debtor's national number is
 * carried only when its lawful basis is recorded. Every text is cleaned ({@link cleanText}).
 *
 * @example
 * ```ts
 * import { parseIsoDate } from "@incasso/core";
 * import { buildHandoverCase } from "@incasso/export-organi";
 * declare const events: unknown[];
 * const handoverCase = buildHandoverCase({
 *   caseId: "C1", caseKey: "2026-00042", events, cutOff: parseIsoDate("2026-11-27"), phase: "amicable",
 * });
 * handoverCase.statement.totals.balance;
 * ```
 */
export function buildHandoverCase(input: HandoverCaseInput): HandoverCase {
  const resolved = caseStatement(input.events, input.cutOff, input.options ?? {});
  const { state, statement, caseFile } = resolved;
  const opened = state.opened;
  const events = state.events;
  const of = <T extends CaseEvent["type"]>(type: T) =>
    events.filter((event): event is EventOf<T> => event.type === type);
  const documents = input.documents ?? [];
  const fileOf = (sha256: string) =>
    documents.find((entry) => entry.sha256 === sha256)?.fileName ?? null;
  const corrected = new Set(of("claim.corrected").map((event) => event.claimId));
  const contactsOf = (
    contacts: (typeof state.debtors)[number]["contacts"],
    kind: "address" | "email" | "phone",
  ) =>
    contacts
      .filter((contact) => contact.kind === kind)
      .map((contact) => ({
        value: named(contact.value),
        current: contact.current,
        source: named(contact.source),
        date: contact.date,
      }));
  const joint = state.debtors.length > 1;
  const creditor = input.creditor ?? {};
  const penalty = caseFile.terms.penalty;

  const letters: HandoverCase["procedure"]["letters"] = [];
  for (const event of events) {
    const document = (doc: { sha256: string; template: string; format: string } | undefined) =>
      doc === undefined
        ? null
        : {
            sha256: doc.sha256,
            template: named(doc.template),
            format: doc.format as "html" | "pdf" | "docx" | "text",
            fileName: fileOf(doc.sha256),
          };
    switch (event.type) {
      case "reminder.sent":
        letters.push({
          eventId: named(event.id),
          kind: event.first ? "first-reminder" : "reminder",
          date: event.at,
          channel: event.channel,
          description: null,
          document: document(event.document),
        });
        break;
      case "notice.sent":
      case "letter14.sent":
        letters.push({
          eventId: named(event.id),
          kind: event.type === "notice.sent" ? "formal-notice" : "letter14",
          date: event.at,
          channel: event.channel,
          description: null,
          document: document(event.document),
        });
        break;
      case "document.produced":
        letters.push({
          eventId: named(event.id),
          kind: "document",
          date: event.at,
          channel: event.channel,
          description: orNull(event.kind),
          document: document(event.document),
        });
        break;
      case "message.sent":
        letters.push({
          eventId: named(event.id),
          kind: event.channel,
          date: event.at,
          channel: event.channel,
          description: orNull(event.template),
          document: document(event.document),
        });
        break;
      default:
        break;
    }
  }

  const disputes: HandoverCase["procedure"]["disputes"] = [];
  for (const event of events) {
    if (event.type === "dispute.opened")
      disputes.push({
        openedOn: event.at,
        reason: cleanText(event.reason),
        closedOn: null,
        outcome: null,
      });
    else if (event.type === "dispute.closed") {
      const open = [...disputes].reverse().find((dispute) => dispute.closedOn === null);
      if (open !== undefined) {
        open.closedOn = event.at;
        open.outcome = cleanText(event.outcome);
      }
    }
  }
  const plans: HandoverCase["procedure"]["plans"] = of("plan.agreed").map((event) => {
    const end = events.find(
      (other): other is EventOf<"plan.defaulted"> | EventOf<"plan.cancelled"> =>
        (other.type === "plan.defaulted" || other.type === "plan.cancelled") &&
        other.planId === event.planId,
    );
    return {
      id: named(event.planId),
      agreedOn: event.at,
      description: cleanText(event.description),
      endedOn: end?.at ?? null,
      ending: end === undefined ? null : end.type === "plan.defaulted" ? "defaulted" : "cancelled",
      reason: end?.type === "plan.cancelled" ? cleanText(end.reason) : null,
    };
  });

  const allocations = statement.allocations;
  const findings = resolved.findings.map((finding) => ({
    severity: finding.severity,
    code: named(finding.code),
    message: cleanText(finding.message.en),
    source: cleanText(finding.source),
  }));

  return {
    caseKey: input.caseKey,
    caseId: named(input.caseId),
    caseNumber: named(state.caseNumber),
    phase: input.phase,
    rulePack: state.rulePack,
    references: {
      ours: named(state.caseNumber),
      client: orNull(opened.client.reference),
      externalFileNumber: orNull(opened.externalFileNumber),
      payment: paymentReference(opened.paymentReference),
      bailiffFileNumber: orNull(
        typeof state.fields[BAILIFF_FILE_NUMBER_FIELD] === "string"
          ? (state.fields[BAILIFF_FILE_NUMBER_FIELD] as string)
          : undefined,
      ),
    },
    creditor: {
      id: named(opened.client.id),
      name: named(opened.client.name),
      reference: orNull(opened.client.reference),
      enterpriseNumber: orNull(creditor.enterpriseNumber),
      vatNumber: orNull(creditor.vatNumber),
      addressLines: (creditor.addressLines ?? []).map(cleanText).filter((line) => line !== ""),
      iban: orNull(creditor.iban),
      bic: orNull(creditor.bic),
      email: orNull(creditor.email),
      phone: orNull(creditor.phone),
    },
    debtors: state.debtors.map((debtor) => {
      const basis = orNull(debtor.nationalNumberBasis);
      const number = orNull(debtor.nationalNumber);
      return {
        id: named(debtor.id),
        kind: debtor.kind,
        name: named(debtor.name),
        language: debtor.language,
        consumer: debtor.consumer,
        enterpriseNumber: orNull(debtor.enterpriseNumber),
        nationalNumber:
          basis !== null && number !== null ? { value: number, basis: basis.trim() } : null,
        liability: joint ? "joint-and-several" : "sole",
        addresses: contactsOf(debtor.contacts, "address"),
        emails: contactsOf(debtor.contacts, "email"),
        phones: contactsOf(debtor.contacts, "phone"),
      };
    }),
    claims: state.claims.map((claim) => ({
      id: named(claim.id),
      invoiceNumber: named(claim.invoiceNumber),
      invoiceDate: claim.invoiceDate,
      dueDate: claim.dueDate,
      amount: claim.amount,
      currency: "EUR" as const,
      description: orNull(claim.description),
      corrected: corrected.has(claim.id),
    })),
    terms: {
      imputation: caseFile.terms.imputation,
      interest: caseFile.claims.flatMap((claim) => {
        const terms = claim.interest === undefined ? caseFile.terms.interest : claim.interest;
        if (terms === null || terms === undefined) return [];
        const table = "table" in terms.rate ? terms.rate.table : null;
        return [
          {
            claim: named(claim.id),
            basis: table === null ? ("fixed" as const) : ("table" as const),
            table,
            fixedRate: "fixed" in terms.rate ? terms.rate.fixed.toString() : null,
            margin: terms.margin.toString(),
            compounding: terms.compounding,
            dayCount: terms.dayCount,
          },
        ];
      }),
      penalty:
        penalty === null
          ? null
          : {
              kind: penalty.kind,
              percent: penalty.kind === "percent" ? penalty.percent.toString() : null,
              min: penalty.kind === "percent" && penalty.min ? money(penalty.min) : null,
              max: penalty.kind === "percent" && penalty.max ? money(penalty.max) : null,
              amount: penalty.kind === "fixed" ? money(penalty.amount) : null,
              date: caseFile.terms.penaltyDate?.toString() ?? null,
            },
    },
    statement: {
      asOf: statement.asOf.toString(),
      currency: "EUR",
      totals: {
        principal: money(statement.totals.principal),
        interest: money(statement.totals.interest),
        costs: money(statement.totals.costs),
        penalty: money(statement.totals.penalty),
        paid: money(statement.totals.paid),
        credit: money(statement.totals.credit),
        balance: money(statement.totals.balance),
      },
      claims: statement.claims.map((claim) => ({
        id: named(claim.id),
        originalPrincipal: money(claim.originalPrincipal),
        principal: money(claim.principal),
        interest: money(claim.interest),
        interestAccrued: money(claim.interestAccrued),
        capitalisedInterest: money(claim.capitalisedInterest),
      })),
      interestLines: statement.interestLines.map((line) => ({
        claim: named(line.claim),
        from: line.from.toString(),
        to: line.to.toString(),
        days: line.days,
        base: money(line.base),
        rate: line.rate.toString(),
        margin: line.margin.toString(),
        divisor: line.divisor,
        amount: money(line.amount),
        sources: line.rateEntries.map((entry) => ({
          table: named(entry.table),
          from: entry.from.toString(),
          rate: entry.rate.toString(),
          source: named(entry.source),
          status: entry.status,
        })),
      })),
      charges: statement.charges.map((charge) => ({
        id: named(charge.id),
        kind: charge.kind,
        date: charge.date.toString(),
        amount: money(charge.amount),
        outstanding: money(charge.outstanding),
        penalty: charge.penalty,
      })),
      findings,
    },
    payments: state.payments.map((payment) => ({
      id: named(payment.paymentId),
      date: payment.at,
      amount: payment.amount,
      reference: orNull(payment.reference),
      imputation: allocations
        .filter((allocation) => allocation.payment === payment.paymentId)
        .map((allocation) => ({
          bucket: allocation.bucket,
          targetKind: allocation.target.kind,
          targetId: named(allocation.target.id),
          amount: money(allocation.amount),
          designated: allocation.designated,
        })),
    })),
    procedure: {
      letters,
      returnedMail: of("mail.returned").map((event) => ({
        date: event.at,
        channel: event.channel,
        reason: orNull(event.reason),
      })),
      disputes,
      plans,
      promises: state.promises.map((promise) => ({
        id: named(promise.id),
        recordedOn: promise.recordedOn,
        amount: promise.amount,
        dueDate: promise.dueDate,
        state: promise.state,
      })),
      judgments: (input.judgments ?? []).map((judgment) => ({
        court: named(judgment.court),
        date: judgment.date,
        rollNumber: orNull(judgment.rollNumber),
        enforceable: judgment.enforceable,
        principal: judgment.principal ?? null,
        interest: judgment.interest ?? null,
        costs: judgment.costs ?? null,
        description: orNull(judgment.description),
      })),
      handovers: of("bailiff.handover").map((event) => ({
        date: event.at,
        bailiff: named(event.bailiff),
        packageId: orNull(event.packageId),
        phase: event.phase ?? null,
      })),
    },
    documents: [...documents],
  };
}

function paymentReference(reference: string | undefined): HandoverCase["references"]["payment"] {
  if (reference === undefined || reference.trim() === "") return null;
  if (isValidOgm(reference)) return { kind: "be.ogm", value: formatOgm(parseOgm(reference) ?? "") };
  if (isValidRfReference(reference))
    return { kind: "rf", value: reference.replace(/\s+/g, "").toUpperCase() };
  if (isValidNlPaymentReference(reference))
    return { kind: "nl.betalingskenmerk", value: reference.replace(/[\s.]+/g, "") };
  return { kind: "other", value: named(reference) };
}
