import type { LetterContext } from "./letter-context.js";

/**
 * One element the law requires of a letter that the letter (or its context) lacks: a stable code,
 * the element, what was looked for, and the legal source. A letter with any is not sent.
 *
 * @example
 * ```ts
 * import type { LetterCheckFinding } from "@incasso/core";
 * const line = (f: LetterCheckFinding) => `${f.code}: ${f.element} (${f.source})`;
 * ```
 */
export interface LetterCheckFinding {
  readonly code: string;
  readonly element: string;
  readonly expected: string;
  readonly source: string;
}

interface Requirement {
  readonly code: string;
  readonly element: string;
  readonly source: string;
  /** The texts any of which must appear in the letter, or `null` when the context itself fails. */
  readonly texts: (context: LetterContext) => readonly string[] | null;
}

const BOOK19 = "WER art. XIX.2 §1 (content of the first reminder)";
const BIK = "BW art. 6:96 lid 6; Besluit BIK art. 2 lid 3";

const has = (value: string | null | undefined): readonly string[] | null =>
  value === null || value === undefined || value === "" ? null : [value];

const REQUIREMENTS: Partial<Record<LetterContext["kind"], readonly Requirement[]>> = {
  "book19-first-reminder": [
    {
      code: "CREDITOR_NAME",
      element: "the creditor's name",
      source: BOOK19,
      texts: (c) => has(c.creditor.name),
    },
    {
      code: "CREDITOR_ENTERPRISE_NUMBER",
      element: "the creditor's enterprise number",
      source: BOOK19,
      texts: (c) => has(c.creditor.enterpriseNumber),
    },
    {
      code: "AMOUNT_DUE",
      element: "the amount due",
      source: BOOK19,
      texts: (c) => [c.totals.balance.text],
    },
    {
      code: "DEBT_DESCRIBED",
      element: "what the debt is for (an invoice number or description) and its due date",
      source: BOOK19,
      texts: (c) => {
        const claim = c.claims[0];
        return claim === undefined
          ? null
          : [claim.invoiceNumber, claim.description ?? claim.invoiceNumber];
      },
    },
    {
      code: "DUE_DATE",
      element: "the due date of the debt",
      source: BOOK19,
      texts: (c) => (c.claims[0] === undefined ? null : [c.claims[0].dueDate.text]),
    },
    {
      code: "TERM",
      element: "the term to pay before anything may be charged (the last day)",
      source: BOOK19,
      texts: (c) => [c.deadline.payBy.text],
    },
    {
      code: "DAMAGES_IF_UNPAID",
      element: "the damages that will be claimed if the debt is not paid within the term",
      source: BOOK19,
      texts: (c) => (c.ifUnpaid.damages === null ? [] : [c.ifUnpaid.damages.text]),
    },
    {
      code: "INTEREST_IF_UNPAID",
      element: "the interest that will be claimed if the debt is not paid within the term",
      source: BOOK19,
      texts: (c) => c.ifUnpaid.interest.map((line) => line.rate),
    },
    {
      code: "REMINDER_FREE",
      element: "a free first reminder (no cost charged for it)",
      source: "WER art. XIX.2 §1",
      texts: (c) =>
        c.event?.type === "reminder.sent" &&
        "cost" in c.event &&
        c.event.cost !== undefined &&
        c.event.cost !== "0.00"
          ? null
          : [],
    },
  ],
  letter14: [
    {
      code: "BIK_AMOUNT",
      element: "the amount of the collection costs (BIK) that will be charged",
      source: BIK,
      texts: (c) => (c.ifUnpaid.damages === null ? null : [c.ifUnpaid.damages.text]),
    },
    {
      code: "TERM_14_DAYS",
      element: "a term of 14 days from the day after receipt, as its last day",
      source: "BW art. 6:96 lid 6; HR 25-11-2016 ECLI:NL:HR:2016:2704",
      texts: (c) => (c.deadline.days >= 14 ? [c.deadline.payBy.text] : null),
    },
    {
      code: "AMOUNT_DUE",
      element: "the amount due",
      source: "BW art. 6:96 lid 6",
      texts: (c) => [c.totals.balance.text],
    },
    {
      code: "BIK_VAT_DECLARATION",
      element: "the declaration that the creditor cannot deduct the VAT added to the BIK",
      source: BIK,
      texts: (c) => (c.ifUnpaid.bikVatPercent === null ? [] : ["btw", "BTW", "VAT", "TVA"]),
    },
  ],
  "formal-notice": [
    {
      code: "AMOUNT_DUE",
      element: "the amounts due",
      source: "new BW art. 5.231 (ingebrekestelling / mise en demeure)",
      texts: (c) => [c.totals.balance.text],
    },
    {
      code: "PENALTY_CLAUSE",
      element: "the penalty clause invoked and its amount",
      source: "old Civil Code art. 1230; new BW art. 5.88",
      texts: (c) => (c.ifUnpaid.damages === null ? [] : [c.ifUnpaid.damages.text]),
    },
    {
      code: "B2B_COMPENSATION",
      element: "the 40 EUR compensation for recovery costs",
      source: "Law of 2 August 2002 art. 6",
      texts: (c) =>
        c.rulePack.id === "be.b2b"
          ? c.charges
              .filter((charge) => charge.id.startsWith("b2b40-"))
              .map((charge) => charge.amount.text)
              .slice(0, 1)
          : [],
    },
  ],
};

/**
 * Checks a letter against what the law requires of its kind, on the context and on the rendered
 * text (the letter's words as the debtor reads them: an HTML body without its tags, a PDF's text):
 * the Book XIX first reminder (free; the amount due; the damages and interest that will be claimed
 * if unpaid within the term; the creditor's name and enterprise number; what the debt is for and
 * its due date; the term), the Dutch 14-day letter (the BIK amount; a 14-day term from the day
 * after receipt; the VAT declaration when the BIK is raised by VAT), the Belgian formal notice (the
 * amounts, the clause, the 40 EUR B2B compensation). A firm's own template is checked the same
 * way. No findings: the letter may go.
 *
 * @example
 * ```ts
 * import { checkLetter, type LetterContext } from "@incasso/core";
 * declare const context: LetterContext;
 * const missing = checkLetter(context, "Geachte heer, ...");
 * if (missing.length > 0) throw new Error(missing.map((f) => f.element).join("; "));
 * ```
 */
export function checkLetter(context: LetterContext, renderedText: string): LetterCheckFinding[] {
  const text = renderedText.replace(/\s+/g, " ");
  const normal = (value: string) => value.replace(/\s+/g, " ");
  const findings: LetterCheckFinding[] = [];
  for (const requirement of REQUIREMENTS[context.kind] ?? []) {
    const wanted = requirement.texts(context);
    if (wanted === null) {
      findings.push({
        code: requirement.code,
        element: requirement.element,
        expected: "data the letter's context does not have",
        source: requirement.source,
      });
      continue;
    }
    if (wanted.length === 0) continue;
    if (!wanted.some((value) => text.includes(normal(value))))
      findings.push({
        code: requirement.code,
        element: requirement.element,
        expected: wanted.map((value) => JSON.stringify(value)).join(" or "),
        source: requirement.source,
      });
  }
  return findings;
}
