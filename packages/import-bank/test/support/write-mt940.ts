import type { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import type { WritableEntry, WritableStatement } from "./spec.js";

// An MT940 writer for tests, in the :86: layouts Dutch banks use:
// - "ing": /EREF/…//CNTP/iban/bic/name/city///REMI/USTD//text/ or /REMI/STRD/CUR/ref/
// - "rabobank": counterparty IBAN on the :61: second line, /EREF/…/BENM//NAME/…/REMI/…/
// - "triodos": >10 account, >20.. description, >32 name
// - "free-text": ABN AMRO's older layout, BETALINGSKENM. and the text.

export type Mt940Dialect = "ing" | "rabobank" | "triodos" | "free-text";

function yymmdd(date: Temporal.PlainDate): string {
  return `${String(date.year % 100).padStart(2, "0")}${String(date.month).padStart(2, "0")}${String(date.day).padStart(2, "0")}`;
}

function amount(value: Decimal): string {
  return value.abs().toFixed(2).replace(".", ",");
}

function balance(tag: string, value: Decimal, date: Temporal.PlainDate, currency: string): string {
  return `:${tag}:${value.isNegative() ? "D" : "C"}${yymmdd(date)}${currency}${amount(value)}`;
}

function details(entry: WritableEntry, dialect: Mt940Dialect): string {
  const party = entry.counterparty ?? {};
  const ref = entry.structuredReference ?? null;
  const text = entry.communication ?? "";
  switch (dialect) {
    case "ing": {
      const remi =
        ref === null ? `USTD//${text}/` : `STRD/${ref.kind === "rf" ? "ISO" : "CUR"}/${ref.value}/`;
      const cntp =
        party.iban === undefined && party.name === undefined
          ? ""
          : `/CNTP/${party.iban ?? ""}/${party.bic ?? ""}/${party.name ?? ""}/CITY//`;
      return `/EREF/${entry.endToEndId ?? "NOTPROVIDED"}/${cntp}/REMI/${remi}`;
    }
    case "rabobank":
      return `/EREF/${entry.endToEndId ?? "NOTPROVIDED"}/BENM//NAME/${party.name ?? ""}/REMI/${ref === null ? text : ref.value}/ISDT/${entry.valueDate.toString()}`;
    case "triodos":
      return `000>10${(party.iban ?? "").replace(/^NL\d{2}[A-Z]{4}/, "")}\n>20${text.slice(0, 27)}>21${text.slice(27, 54)}>32${(party.name ?? "").slice(0, 27)}`;
    default:
      return `${party.iban ?? ""} ${party.name ?? ""}${ref === null ? "" : `  BETALINGSKENM.  ${ref.value}`}  ${text}`;
  }
}

/** Splits a field into lines of at most 65 characters, as banks write :86:. */
function wrap(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n"))
    for (let i = 0; i < line.length || i === 0; i += 65) out.push(line.slice(i, i + 65));
  return out.join("\r\n");
}

/**
 * Writes a statement as MT940 text (CRLF) in one of the Dutch :86: dialects, which
 * `parseBankFile` reads back. Batches (`details`) are written as their details.
 */
export function writeMt940(statement: WritableStatement, dialect: Mt940Dialect = "ing"): string {
  const currency = statement.currency ?? "EUR";
  const entries = statement.entries.flatMap((e) =>
    e.details !== undefined && e.details.length > 0 ? e.details : [e],
  );
  const sum = entries.reduce((s, e) => s.plus(e.amount), new Decimal(0));
  const closing = statement.closingBalance ?? statement.openingBalance.plus(sum);
  const lines = [
    ":940:",
    `:20:940S${yymmdd(statement.date)}`,
    `:25:${statement.account}${dialect === "ing" ? currency : ` ${currency}`}`,
    `:28C:${statement.statementNumber}/1`,
    balance("60F", statement.openingBalance, statement.date.subtract({ days: 1 }), currency),
  ];
  entries.forEach((entry, index) => {
    const booking = entry.bookingDate ?? entry.valueDate;
    const mark = entry.amount.isNegative() ? "D" : "C";
    const bankRef =
      entry.bankReference ?? `${yymmdd(statement.date)}${String(index + 1).padStart(6, "0")}`;
    const second =
      dialect === "rabobank" && entry.counterparty?.iban ? `\r\n${entry.counterparty.iban}` : "";
    lines.push(
      `:61:${yymmdd(entry.valueDate)}${yymmdd(booking).slice(2)}${mark}${amount(entry.amount)}NTRFNONREF//${bankRef}${second}`,
    );
    lines.push(`:86:${wrap(details(entry, dialect))}`);
  });
  lines.push(balance("62F", closing, statement.date, currency));
  return `${lines.join("\r\n")}\r\n-\r\n`;
}
