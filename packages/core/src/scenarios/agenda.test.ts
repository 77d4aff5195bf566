import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { MoneyDecimal } from "../money/decimal.js";
import type { AgendaEntry } from "./agenda.js";
import { sortAgenda } from "./agenda.js";
import { activitySchema } from "./scenario-definition.js";

const activity = activitySchema.parse({
  code: "REM1",
  description: { nl: "herinnering", fr: "rappel", en: "reminder" },
  kind: "letter",
  channel: "post",
});

const entry = (
  caseNumber: string,
  owner: string,
  fields: { dueDate?: string; balance?: string; lastContact?: string | null } = {},
): AgendaEntry => {
  const balance = new MoneyDecimal(fields.balance ?? "100.00");
  return {
    caseNumber,
    client: "Acme",
    owner,
    collectionGroup: null,
    scenarioId: "s",
    step: 1,
    actionId: null,
    activity,
    dueDate: parseIsoDate(fields.dueDate ?? "2025-06-30"),
    daysOverdue: 0,
    approval: "required",
    amounts: {
      balance,
      principal: balance,
      interest: new MoneyDecimal(0),
      costs: new MoneyDecimal(0),
    },
    lastContact: fields.lastContact ?? null,
    consumer: false,
  };
};

// The host's default locale once decided these orders (a Swedish host puts Å and Ø after Z, a
// code-unit sort puts every capital before every small letter); English collation is fixed now.
const OWNERS = [
  "Zoë",
  "émile",
  "Ånund",
  "anna",
  "Émile",
  "bert",
  "Bert",
  "Øyvind",
  "oskar",
  "Zander",
];

describe("the agenda's sort", () => {
  it("orders owners the same on every host: letters first, then accents, then case", () => {
    const sorted = sortAgenda(
      OWNERS.map((owner, index) => entry(`2025/${index}`, owner)),
      "owner",
    );
    expect(sorted.map((e) => e.owner)).toEqual([
      "anna",
      "Ånund",
      "bert",
      "Bert",
      "émile",
      "Émile",
      "oskar",
      "Øyvind",
      "Zander",
      "Zoë",
    ]);
  });

  it("breaks ties by due date, then by case number in the same order", () => {
    const sorted = sortAgenda(
      [
        entry("NL-2025-0004", "an"),
        entry("nl-2025-0001", "an"),
        entry("2025/00012", "an"),
        entry("2025/00003", "an", { dueDate: "2025-07-01" }),
        entry("Émile-1", "an"),
        entry("emile-2", "an"),
      ],
      "due-date",
    );
    expect(sorted.map((e) => e.caseNumber)).toEqual([
      "2025/00012",
      "Émile-1", // the digits differ before the accent counts
      "emile-2",
      "nl-2025-0001",
      "NL-2025-0004",
      "2025/00003",
    ]);
  });

  it("orders by last contact, cases without one first, and by balance highest first", () => {
    const entries = [
      entry("A", "an", { lastContact: "2025-05-02", balance: "10.00" }),
      entry("B", "an", { lastContact: null, balance: "300.00" }),
      entry("C", "an", { lastContact: "2025-04-30", balance: "20.00" }),
    ];
    expect(sortAgenda([...entries], "last-contact").map((e) => e.caseNumber)).toEqual([
      "B",
      "C",
      "A",
    ]);
    expect(sortAgenda([...entries], "amount").map((e) => e.caseNumber)).toEqual(["B", "C", "A"]);
  });

  it("keeps canonically equal but differently encoded names apart, by code units", () => {
    const composed = "\u00e9mile"; // é as one code point
    const decomposed = "e\u0301mile"; // e + combining acute
    const sorted = sortAgenda(
      [entry("2", composed), entry("9", decomposed), entry("3", composed)],
      "owner",
    );
    expect(sorted.map((e) => e.caseNumber)).toEqual(["9", "2", "3"]);
  });
});
