import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import { caseStatement, IncassoError, parseIsoDate } from "../src/index.js";
import { checkLetter, formatLetterDate, letterContext } from "../src/letters/index.js";

const EXAMPLES = join(import.meta.dirname, "..", "..", "..", "examples", "cases");
const events = (name: string): CaseEventJson[] =>
  JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")).events;
const meta = { recordedAt: "2026-01-02T09:00:00Z", by: "clerk" };
const nlCase = (): CaseEventJson[] => [
  {
    id: "e1",
    type: "case.opened",
    at: "2026-09-01",
    ...meta,
    caseNumber: "NL-2026-0001",
    client: { id: "C1", name: "Installatiebedrijf De Vries BV", reference: "DV-77" },
    debtors: [
      {
        id: "D1",
        kind: "natural-person",
        name: "M. Bakker",
        language: "nl",
        consumer: true,
        contacts: [
          {
            id: "a1",
            kind: "address",
            value: "Kerkstraat 1; 1017 GA Amsterdam",
            source: "client",
            date: "2026-09-01",
          },
        ],
      },
    ],
    owner: "k.devries",
    lawyer: "mr. Jansen",
    rulePack: "nl.consumer",
    paymentReference: "5000056789012345",
  } as CaseEventJson,
  {
    id: "e2",
    type: "claim.added",
    at: "2026-09-01",
    ...meta,
    claim: {
      id: "F1",
      invoiceNumber: "2026-0311",
      invoiceDate: "2026-08-01",
      dueDate: "2026-08-31",
      amount: "3000.00",
      description: "CV-ketel",
    },
  },
];
const creditor = {
  name: "Installatiebedrijf De Vries BV",
  addressLines: ["Damrak 1", "1012 LG Amsterdam"],
  iban: "NL91ABNA0417164300",
};

describe("the letter context", () => {
  it("gives a Dutch 14-day letter its term, its BIK and its figures, as the case will have them once sent", () => {
    const context = letterContext(nlCase(), {
      kind: "letter14",
      date: "2026-11-27",
      channel: "email",
      creditor,
    });
    expect(context.locale).toBe("nl-NL");
    expect(context.date.text).toBe("27 november 2026");
    // E-mail: received the day it is sent; 14 days run 28 November to 11 December.
    expect([context.deadline.received.value, context.deadline.payBy.value]).toEqual([
      "2026-11-27",
      "2026-12-11",
    ]);
    expect(context.deadline.payBy.text).toBe("11 december 2026");
    // BIK on 3,000.00: 15 % of 2,500 + 10 % of 500 = 425.00.
    expect(context.ifUnpaid.damages).toEqual({ value: "425.00", text: "€ 425,00" });
    expect(context.debtor.addressLines).toEqual(["Kerkstraat 1", "1017 GA Amsterdam"]);
    expect(context.references).toMatchObject({ ours: "NL-2026-0001", theirs: "DV-77" });
    expect(context.references.payment).toEqual({
      kind: "nl.betalingskenmerk",
      value: "5000056789012345",
      text: "5000 0567 8901 2345",
    });
    expect(context.epcQr?.lines[9]).toBe("5000056789012345");
    expect(context.event).toMatchObject({
      type: "letter14.sent",
      at: "2026-11-27",
      channel: "email",
    });
    // The figures are the case's own: the same statement as caseStatement gives.
    const statement = caseStatement(nlCase(), parseIsoDate("2026-11-27")).statement;
    expect(context.totals.balance.value).toBe(statement.totals.balance.toFixed(2));
    expect(context.interestLines.map((line) => line.amount.value)).toEqual(
      statement.interestLines.map((line) => line.amount.toFixed(2)),
    );
  });

  it("gives a Book XIX first reminder its waiting period and what may be charged after it, in French", () => {
    const be = events("be-consumer.json");
    const opened = { ...(be[0] as object) } as CaseEventJson & { debtors: { language: string }[] };
    opened.debtors = opened.debtors.map((debtor) => ({ ...debtor, language: "fr" }));
    const withoutReminders = [
      opened,
      ...be.slice(1).filter((event) => event.type !== "reminder.sent"),
    ];
    const context = letterContext(withoutReminders, {
      kind: "book19-first-reminder",
      date: "2026-12-01",
      channel: "post",
      creditor: { ...creditor, enterpriseNumber: "0403.170.701", iban: "BE71096123456769" },
    });
    expect(context.locale).toBe("fr-BE");
    expect(context.date.text).toBe("1er décembre 2026");
    // Posted Tuesday 1 December: the waiting period starts on the third working day, Friday
    // 4 December, and runs 14 days, through 17 December; charges may run from 18 December.
    expect(context.deadline.payBy.value).toBe("2026-12-17");
    expect(context.ifUnpaid.from.value).toBe("2026-12-18");
    expect(context.creditor.enterpriseNumber).toBe("0403.170.701");
    // The rates are named in the letter's language, the Book XIX cap included.
    expect(context.ifUnpaid.interest[0]?.rate).toMatch(
      /^le taux d'intérêt des transactions commerciales \(loi du 2 août 2002\)(, plafonné à [\d,]+ %)?$/,
    );
    expect(context.references.payment?.kind).toBe("be.ogm");
    expect(context.epcQr?.lines[9]).toMatch(/^\d{12}$/);
  });

  it("refuses a bad request naming the field", () => {
    expect(() =>
      letterContext(nlCase(), {
        kind: "letter14",
        date: "2026-11-27",
        creditor: { name: "X", iban: "NL91ABNA0417164301" },
      }),
    ).toThrow(IncassoError);
    try {
      letterContext(nlCase(), {
        kind: "letter14",
        date: "2026-11-27",
        creditor: { name: "X", iban: "NL00" },
      });
    } catch (error) {
      expect((error as IncassoError).issues[0]?.path).toBe("letter.creditor.iban");
    }
  });

  it("writes dates out without the host's locale data", () => {
    expect(formatLetterDate(parseIsoDate("2026-03-01"), "nl")).toBe("1 maart 2026");
    expect(formatLetterDate(parseIsoDate("2026-03-01"), "fr")).toBe("1er mars 2026");
    expect(formatLetterDate(parseIsoDate("2026-08-15"), "en")).toBe("15 August 2026");
  });
});

describe("the legal checks of a letter", () => {
  it("pass a 14-day letter that states the BIK, the amount and the last day, and name what a letter lacks", () => {
    const context = letterContext(nlCase(), {
      kind: "letter14",
      date: "2026-11-27",
      channel: "email",
      creditor,
    });
    const complete = `Wij verzoeken u ${context.totals.balance.text} te betalen uiterlijk op ${context.deadline.payBy.text}. Anders zijn incassokosten van ${context.ifUnpaid.damages?.text} verschuldigd.`;
    expect(checkLetter(context, complete)).toEqual([]);
    const withoutBik = `Wij verzoeken u ${context.totals.balance.text} te betalen uiterlijk op ${context.deadline.payBy.text}.`;
    expect(checkLetter(context, withoutBik)).toEqual([
      expect.objectContaining({
        code: "BIK_AMOUNT",
        source: expect.stringContaining("6:96 lid 6"),
      }),
    ]);
  });

  it("require the VAT declaration when the BIK is raised by VAT", () => {
    const context = letterContext(
      nlCase(),
      { kind: "letter14", date: "2026-11-27", channel: "email", creditor },
      { policy: { bikVatPercent: "21" } },
    );
    expect(context.ifUnpaid.damages?.value).toBe("514.25");
    const text = `${context.totals.balance.text} uiterlijk ${context.deadline.payBy.text}; incassokosten ${context.ifUnpaid.damages?.text}`;
    expect(checkLetter(context, text).map((f) => f.code)).toEqual(["BIK_VAT_DECLARATION"]);
    expect(
      checkLetter(context, `${text}, verhoogd met 21 % btw die wij niet kunnen verrekenen`),
    ).toEqual([]);
  });

  it("refuse a Book XIX first reminder without the creditor's enterprise number", () => {
    const be = events("be-consumer.json").filter((event) => event.type !== "reminder.sent");
    const context = letterContext(be, {
      kind: "book19-first-reminder",
      date: "2026-12-01",
      creditor: { name: "Acme NV" },
    });
    expect(checkLetter(context, "").map((f) => f.code)).toContain("CREDITOR_ENTERPRISE_NUMBER");
  });
});

describe("a Belgian letter on paper", () => {
  it("runs its term from the notification the Judicial Code deems on the third working day after posting (art. 53bis)", () => {
    const be = events("be-b2b.json");
    const posted = letterContext(be, {
      kind: "formal-notice",
      date: "2026-04-02",
      channel: "registered-post",
      payWithinDays: 15,
      creditor: { name: "Bouwwerken Peeters BV" },
    });
    // Posted Thursday 2 April 2026 (Good Friday, Easter Monday follow): notified Wednesday
    // 8 April; 15 days run to 23 April.
    expect(posted.deadline.notifiedArt53bis?.value).toBe("2026-04-08");
    expect(posted.deadline.payBy.value).toBe("2026-04-23");
    expect(posted.deadline.rule).toContain("art. 53bis");
    const emailed = letterContext(be, {
      kind: "formal-notice",
      date: "2026-04-02",
      channel: "email",
      payWithinDays: 15,
      creditor: { name: "Bouwwerken Peeters BV" },
    });
    expect(emailed.deadline.notifiedArt53bis).toBeNull();
    expect(emailed.deadline.payBy.value).toBe("2026-04-17");
  });
});
