import type { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import type { WritableEntry, WritableStatement } from "./spec.js";

// A CODA 2.x writer for tests, after the Febelfin record layouts (128 characters a record):
// 0 header, 1 old balance, 2.1/2.2/2.3 movement, 8 new balance, 9 trailer.

function field(text: string, width: number): string {
  if (text.length > width)
    throw new Error(`CODA field wider than ${width}: ${JSON.stringify(text)}`);
  return text.padEnd(width, " ");
}

function digits(value: number | string, width: number): string {
  const text = String(value);
  if (!/^\d+$/.test(text) || text.length > width) throw new Error(`not ${width} digits: ${text}`);
  return text.padStart(width, "0");
}

/** DDMMYY, as CODA writes dates. */
export function codaDate(date: Temporal.PlainDate): string {
  return `${digits(date.day, 2)}${digits(date.month, 2)}${digits(date.year % 100, 2)}`;
}

/** Sign (0 credit, 1 debit) and 15 digits with 3 decimals. */
export function codaAmount(amount: Decimal): string {
  const thousandths = amount.abs().times(1000);
  if (!thousandths.isInteger()) throw new Error(`CODA keeps 3 decimals: ${amount.toString()}`);
  return `${amount.isNegative() ? "1" : "0"}${digits(thousandths.toFixed(0), 15)}`;
}

function accountField(iban: string, currency: string): { structure: string; text: string } {
  if (/^BE\d{14}$/.test(iban)) return { structure: "2", text: `${field(iban, 34)}${currency}` };
  return { structure: "3", text: `${field(iban, 34)}${currency}` };
}

function record(text: string): string {
  if (text.length !== 128) throw new Error(`CODA record of ${text.length} characters: ${text}`);
  return text;
}

function sumOf(entries: readonly WritableEntry[]): Decimal {
  return entries.reduce((sum, entry) => sum.plus(entryAmount(entry)), new Decimal(0));
}

function entryAmount(entry: WritableEntry): Decimal {
  return entry.details !== undefined && entry.details.length > 0
    ? sumOf(entry.details)
    : entry.amount;
}

/**
 * Writes a statement as a CODA 2 file (records joined with CRLF, ending with one), which
 * `parseBankFile` reads back. An OGM is written as structured communication type 101; an RF or
 * Dutch reference goes into the free communication, as CODA has no structured type for them. A
 * movement with `details` is written as a globalised total (type 1) followed by its details (type 5).
 */
export function writeCoda(statement: WritableStatement): string {
  const currency = statement.currency ?? "EUR";
  const number = digits(statement.statementNumber, 3);
  const account = accountField(statement.account, currency);
  const holder = statement.holder ?? "INCASSO TEST";
  const lines: string[] = [];
  lines.push(
    record(
      `00000${codaDate(statement.date)}00005 ${" ".repeat(7)}${field("", 10)}${field(holder.slice(0, 26), 26)}${field(statement.bic ?? "GEBABEBB", 11)}${digits(0, 11)} 00000${field("", 16)}${field("", 16)}${" ".repeat(7)}2`,
    ),
  );
  lines.push(
    record(
      `1${account.structure}${number}${account.text}${codaAmount(statement.openingBalance)}${codaDate(statement.date.subtract({ days: 1 }))}${field(holder.slice(0, 26), 26)}${field("", 35)}${number}`,
    ),
  );
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  let sequence = 0;
  const movement = (
    entry: WritableEntry,
    seq: number,
    detail: number,
    type: string,
    globalisation: string,
  ): void => {
    const amount = entryAmount(entry);
    const bankReference = field(
      (entry.bankReference ?? `REF${digits(seq, 4)}${digits(detail, 4)}`).slice(0, 21),
      21,
    );
    const code = `${type}01${amount.isNegative() ? "01" : "50"}000`;
    let commType = "0";
    let comm = entry.communication ?? "";
    const ref = entry.structuredReference;
    if (ref?.kind === "ogm") {
      commType = "1";
      comm = `101${digits(ref.value, 12)}`;
    } else if (ref !== undefined && ref !== null) {
      comm =
        entry.communication === undefined || entry.communication === null
          ? ref.value
          : `${ref.value} ${entry.communication}`;
    }
    if (comm.length > 53 + 53 + 43) throw new Error(`CODA communication longer than 149: ${comm}`);
    const c21 = comm.slice(0, 53);
    const c22 = commType === "1" ? "" : comm.slice(53, 106);
    const c23 = commType === "1" ? "" : comm.slice(106);
    const party = entry.counterparty ?? {};
    const has23 = c23 !== "" || (party.iban ?? null) !== null || (party.name ?? null) !== null;
    const has22 = has23 || c22 !== "" || (party.bic ?? null) !== null;
    const head = `${digits(seq, 4)}${digits(detail, 4)}`;
    lines.push(
      record(
        `21${head}${bankReference}${codaAmount(amount)}${codaDate(entry.valueDate)}${code}${commType}${field(c21, 53)}${codaDate(entry.bookingDate ?? statement.date)}${number}${globalisation}${has22 ? "1" : "0"} 0`,
      ),
    );
    if (has22)
      lines.push(
        record(
          `22${head}${field(c22, 53)}${field("", 35)}${field(party.bic ?? "", 11)}${" ".repeat(3)} ${" ".repeat(4)}${" ".repeat(4)}${" ".repeat(4)}${has23 ? "1" : "0"} 0`,
        ),
      );
    if (has23) {
      const iban = party.iban ?? "";
      lines.push(
        record(
          `23${head}${field(iban, 34)}${iban === "" ? "   " : currency}${field((party.name ?? "").slice(0, 35), 35)}${field(c23, 43)}0 0`,
        ),
      );
    }
  };
  for (const entry of statement.entries) {
    sequence += 1;
    const amount = entryAmount(entry);
    if (amount.isNegative()) debit = debit.plus(amount.abs());
    else credit = credit.plus(amount);
    if (entry.details !== undefined && entry.details.length > 0) {
      movement(entry, sequence, 0, "1", "1");
      entry.details.forEach((detail, index) => {
        movement(detail, sequence, index + 1, "5", "0");
      });
    } else {
      movement(entry, sequence, 0, "0", "0");
    }
  }
  const closing =
    statement.closingBalance ?? statement.openingBalance.plus(sumOf(statement.entries));
  lines.push(
    record(
      `8${number}${account.text}${codaAmount(closing)}${codaDate(statement.date)}${" ".repeat(64)}0`,
    ),
  );
  const count = lines.length - 1;
  lines.push(
    record(
      `9${" ".repeat(15)}${digits(count, 6)}${codaAmount(debit.negated()).slice(1)}${codaAmount(credit).slice(1)}${" ".repeat(75)}2`,
    ),
  );
  return `${lines.join("\r\n")}\r\n`;
}
