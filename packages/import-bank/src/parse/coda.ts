import type { IssueDetail, Temporal } from "@incasso/core";
import { fieldError, IncassoError } from "@incasso/core";
import type { Decimal } from "decimal.js";
import { balanceFinding, exactSum, finding, sequenceFindings } from "./checks.js";
import type {
  BankStatement,
  CodaStructuredCommunication,
  Counterparty,
  FileLocation,
  Finding,
  ParsedReference,
  StatementAccount,
  StatementEntry,
} from "./model.js";
import { belgianBbanToIban, ibanOrNull, ogmReference } from "./references.js";
import { ddmmyy, impliedDecimal, nonEmpty, splitLines } from "./text.js";

// Febelfin CODA 2.x ("Coded statement of account", standard 2.6): 128-character records.
// Positions below are 1-based as in the standard; `cut(line, from, to)` takes them inclusive.

/**
 * The names of CODA structured-communication types (record 2.1 position 62 = `1`, the type in
 * positions 63-65; information records 3.1 position 40 = `1`, the type in positions 41-43), from
 * the Febelfin list of the CODA standard 2.6. Types 101 and 102 are read as OGMs, 001 (counterparty
 * name and address), 103 and 127 are decoded into fields; every other type is kept raw with its name.
 *
 * @example
 * ```ts
 * import { CODA_COMMUNICATION_TYPES } from "@incasso/import-bank";
 * CODA_COMMUNICATION_TYPES["127"]; // "European (SEPA) direct debit"
 * ```
 */
export const CODA_COMMUNICATION_TYPES: Readonly<Record<string, string>> = {
  "001": "data concerning the counterparty (name, address, identification)",
  "002": "communication of the bank",
  "004": "counterparty's banker",
  "005": "data concerning the correspondent",
  "006": "information concerning the detail amount",
  "007": "information concerning the detail cash",
  "008": "identification of the ultimate beneficiary or creditor",
  "009": "identification of the ultimate ordering customer or debtor",
  "010": "information pertaining to sale or purchase of securities",
  "011": "information pertaining to coupons",
  "101": "credit transfer or cash payment with a structured communication (OGM)",
  "102": "credit transfer or cash payment with a reconstituted structured communication",
  "103": "number (of a cheque, card, ...)",
  "104": "equivalent in EUR",
  "105": "original amount of the transaction",
  "106": "method of calculation (VAT, withholding tax, interest, ...)",
  "107": "direct debit (domiciliation)",
  "108": "closing (periodical settlement of interest and charges)",
  "111": "POS credit, globalised",
  "112": "ATM payment",
  "113": "ATM/POS debit",
  "114": "POS credit, individual transaction",
  "115": "terminal cash deposit",
  "121": "correction of a transaction",
  "122": "bills: calculation of interest",
  "123": "fees and commissions",
  "124": "number of the credit card",
  "125": "credit",
  "126": "term investments",
  "127": "European (SEPA) direct debit",
};

function cut(line: string, from: number, to: number): string {
  return line.slice(from - 1, to);
}

interface Movement {
  readonly line: number;
  readonly seq: number;
  readonly detail: number;
  readonly bankReference: string;
  readonly amount: Decimal;
  readonly valueDate: Temporal.PlainDate | null;
  readonly transactionCode: string;
  readonly type: string;
  readonly structured: boolean;
  readonly bookingDate: Temporal.PlainDate | null;
  comm: string;
  comm22: string;
  comm23: string;
  clientReference: string;
  bic: string;
  account: string;
  name: string;
  info: { structured: boolean; text: string; line: number }[];
}

interface Section {
  header: {
    line: number;
    date: Temporal.PlainDate | null;
    bic: string;
    holderId: string;
    version: string;
  };
  account: StatementAccount | null;
  accountLine: number;
  sequence: string;
  opening: { amount: Decimal; date: Temporal.PlainDate | null } | null;
  closing: {
    amount: Decimal;
    date: Temporal.PlainDate | null;
    line: number;
    account: string;
  } | null;
  movements: Movement[];
  information: string[];
  records: number;
  findings: Finding[];
}

function accountFromField(
  structure: string,
  text: string,
): { number: string; iban: string | null; currency: string; description: string | null } {
  // text = the 37 characters of the account field (record 1 positions 6-42, record 8 positions 5-41).
  switch (structure) {
    case "0": {
      const number = text.slice(0, 12);
      return {
        number,
        iban: belgianBbanToIban(number),
        currency: text.slice(13, 16),
        description: null,
      };
    }
    case "2": {
      const number = text.slice(0, 16).trim();
      return { number, iban: ibanOrNull(number), currency: text.slice(34, 37), description: null };
    }
    default: {
      const number = text.slice(0, 34).trim();
      return { number, iban: ibanOrNull(number), currency: text.slice(34, 37), description: null };
    }
  }
}

function counterpartyAccount(text: string): { account: string | null; iban: string | null } {
  const account = nonEmpty(text);
  if (account === null) return { account: null, iban: null };
  const compact = account.replace(/\s+/g, "");
  if (/^\d{12}$/.test(compact)) {
    const valid =
      Number(compact.slice(0, 10)) % 97 === Number(compact.slice(10)) ||
      (Number(compact.slice(0, 10)) % 97 === 0 && compact.slice(10) === "97");
    return { account, iban: valid ? belgianBbanToIban(compact) : null };
  }
  return { account, iban: ibanOrNull(compact) };
}

function structuredCommunication(type: string, raw: string): CodaStructuredCommunication {
  const label = CODA_COMMUNICATION_TYPES[type] ?? "unknown type";
  const fields: Record<string, string> = {};
  const put = (name: string, value: string): void => {
    const v = nonEmpty(value);
    if (v !== null) fields[name] = v;
  };
  if (type === "001") {
    put("name", raw.slice(0, 70));
    put("street", raw.slice(70, 105));
    put("locality", raw.slice(105, 140));
    put("identification", raw.slice(140, 175));
  } else if (type === "127") {
    // SEPA direct debit: settlement date, type (0 unspecified, 1 recurrent, 2 one-off, 3 first,
    // 4 last), scheme (0 core, 1 B2B), paid or reason for refusal, creditor id, mandate, communication.
    put("settlementDate", raw.slice(0, 6));
    put("directDebitType", raw.slice(6, 7));
    put("scheme", raw.slice(7, 8));
    put("paidOrRefused", raw.slice(8, 9));
    put("creditorId", raw.slice(9, 44));
    put("mandateReference", raw.slice(44, 79));
    put("communication", raw.slice(79, 141));
  } else if (type === "103") {
    put("number", raw.slice(0, 12));
  }
  return { type, label, raw: raw.trimEnd(), fields };
}

function badRecord(file: string, line: number, expected: string, got: string): IssueDetail {
  return {
    path: `${file}:${line}`,
    message: `${expected} (got: ${JSON.stringify(got.slice(0, 40))})`,
  };
}

/**
 * Reads a CODA 2.x file (text already decoded) into its statements: one per record 0...9 group
 * (several statements and accounts in one file), globalised movements resolved, every check
 * reported as a finding. A record that is not 128 characters, or whose kind is unknown, makes the
 * whole file refused with an error naming each such line.
 */
export function parseCoda(
  text: string,
  fileName: string,
): { statements: BankStatement[]; findings: Finding[] } {
  const lines = splitLines(text);
  const issues: IssueDetail[] = [];
  lines.forEach((line, index) => {
    if (line.length !== 128)
      issues.push(
        badRecord(
          fileName,
          index + 1,
          `expected a CODA record of 128 characters, found ${line.length}`,
          line,
        ),
      );
    else if (
      !/^(0|1|2[123]|3[123]|4|8|9)$/.test(
        line[0] === "2" || line[0] === "3" ? line.slice(0, 2) : (line[0] ?? ""),
      )
    )
      issues.push(
        badRecord(fileName, index + 1, "expected a record 0, 1, 2.1-2.3, 3.1-3.3, 4, 8 or 9", line),
      );
  });
  if (issues.length > 0)
    throw new IncassoError(
      "INVALID_INPUT",
      `${fileName}: not a valid CODA file: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ")}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ""}`,
      issues,
    );
  const at = (line: number): FileLocation => ({ file: fileName, line, element: null });
  const sections: Section[] = [];
  const fileFindings: Finding[] = [];
  let current: Section | null = null;
  let last: Movement | null = null;
  const need = (lineNo: number, what: string): Section => {
    if (current === null)
      throw fieldError(
        "INVALID_INPUT",
        `${fileName}:${lineNo}`,
        `expected a record 0 (header) before ${what}`,
      );
    return current;
  };
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const kind = line[0];
    if (kind === "0") {
      current = {
        header: {
          line: lineNo,
          date: ddmmyy(cut(line, 6, 11)),
          bic: cut(line, 61, 71).trim(),
          holderId: cut(line, 72, 82).trim(),
          version: cut(line, 128, 128),
        },
        account: null,
        accountLine: lineNo,
        sequence: "",
        opening: null,
        closing: null,
        movements: [],
        information: [],
        records: 0,
        findings: [],
      };
      sections.push(current);
      last = null;
      if (current.header.version !== "2")
        current.findings.push(
          finding(
            "unexpected-record",
            "warning",
            `record 0 position 128 gives CODA version ${JSON.stringify(current.header.version)}; this reader follows version 2`,
            at(lineNo),
          ),
        );
      return;
    }
    const section = need(lineNo, `record ${line.slice(0, 2)}`);
    if (kind === "9") {
      const declared = Number(cut(line, 17, 22));
      if (declared !== section.records)
        section.findings.push(
          finding(
            "record-count-mismatch",
            "error",
            `the trailer declares ${declared} records, the file has ${section.records} between its header and trailer`,
            at(lineNo),
          ),
        );
      const top = section.movements.filter((m) => "0123".includes(m.type));
      const debit = exactSum(top.filter((m) => m.amount.isNegative()).map((m) => m.amount.abs()));
      const credit = exactSum(top.filter((m) => !m.amount.isNegative()).map((m) => m.amount));
      const declaredDebit = impliedDecimal(cut(line, 23, 37), 3);
      const declaredCredit = impliedDecimal(cut(line, 38, 52), 3);
      if (!declaredDebit.equals(debit) || !declaredCredit.equals(credit))
        section.findings.push(
          finding(
            "trailer-total-mismatch",
            "error",
            `the trailer declares debits ${declaredDebit.toFixed(3)} and credits ${declaredCredit.toFixed(3)}, the movements add up to debits ${debit.toFixed(3)} and credits ${credit.toFixed(3)}`,
            at(lineNo),
          ),
        );
      current = null;
      return;
    }
    section.records += 1;
    if (kind === "1") {
      const structure = cut(line, 2, 2);
      const account = accountFromField(structure, cut(line, 6, 42));
      section.sequence = cut(line, 3, 5);
      section.accountLine = lineNo;
      const sign = cut(line, 43, 43) === "1" ? "-" : "";
      section.opening = {
        amount: impliedDecimal(`${cut(line, 44, 58)}`, 3).times(sign === "-" ? -1 : 1),
        date: ddmmyy(cut(line, 59, 64)),
      };
      section.account = {
        id: account.iban ?? account.number,
        iban: account.iban,
        number: account.number,
        currency: account.currency,
        bic: nonEmpty(section.header.bic),
        holder: nonEmpty(cut(line, 65, 90)),
        holderIdentification: nonEmpty(section.header.holderId),
        description: nonEmpty(cut(line, 91, 125)),
      };
      return;
    }
    if (kind === "2") {
      const article = line[1];
      if (article === "1") {
        const sign = cut(line, 32, 32) === "1";
        const amount = impliedDecimal(cut(line, 33, 47), 3);
        last = {
          line: lineNo,
          seq: Number(cut(line, 3, 6)),
          detail: Number(cut(line, 7, 10)),
          bankReference: cut(line, 11, 31).trim(),
          amount: sign ? amount.negated() : amount,
          valueDate: ddmmyy(cut(line, 48, 53)),
          transactionCode: cut(line, 54, 61),
          type: cut(line, 54, 54),
          structured: cut(line, 62, 62) === "1",
          comm: cut(line, 63, 115),
          bookingDate: ddmmyy(cut(line, 116, 121)),
          comm22: "",
          comm23: "",
          clientReference: "",
          bic: "",
          account: "",
          name: "",
          info: [],
        };
        section.movements.push(last);
        return;
      }
      if (last === null) {
        section.findings.push(
          finding(
            "unexpected-record",
            "error",
            `record 2.${article} without a record 2.1 before it`,
            at(lineNo),
          ),
        );
        return;
      }
      if (article === "2") {
        last.comm22 = cut(line, 11, 63);
        last.clientReference = cut(line, 64, 98).trim();
        last.bic = cut(line, 99, 109).trim();
      } else {
        last.account = cut(line, 11, 47).slice(0, 34);
        last.name = cut(line, 48, 82).trim();
        last.comm23 = cut(line, 83, 125);
      }
      return;
    }
    if (kind === "3") {
      if (last === null) {
        section.findings.push(
          finding(
            "unexpected-record",
            "error",
            `record 3.${line[1]} without a movement before it`,
            at(lineNo),
          ),
        );
        return;
      }
      if (line[1] === "1")
        last.info.push({
          structured: cut(line, 40, 40) === "1",
          text: cut(line, 41, 113),
          line: lineNo,
        });
      else {
        const info = last.info[last.info.length - 1];
        const more = line[1] === "2" ? cut(line, 11, 115) : cut(line, 11, 100);
        if (info === undefined) last.info.push({ structured: false, text: more, line: lineNo });
        else info.text += more;
      }
      return;
    }
    if (kind === "4") {
      const text = nonEmpty(cut(line, 33, 112));
      if (text !== null) section.information.push(text);
      return;
    }
    if (kind === "8") {
      const sign = cut(line, 42, 42) === "1";
      const amount = impliedDecimal(cut(line, 43, 57), 3);
      section.closing = {
        amount: sign ? amount.negated() : amount,
        date: ddmmyy(cut(line, 58, 63)),
        line: lineNo,
        account: cut(line, 5, 41),
      };
    }
  });
  if (current !== null) {
    const open: Section = current;
    open.findings.push(
      finding(
        "record-count-mismatch",
        "error",
        "the file ends without a trailer (record 9)",
        at(lines.length),
      ),
    );
  }
  const statements = sections.map((section) => buildStatement(section, fileName, at));
  // Statement sequence numbers per account, in file order (001 follows 999 at a new year).
  const byAccount = new Map<string, { value: number; location: FileLocation }[]>();
  for (const s of statements) {
    const list = byAccount.get(s.account.id) ?? [];
    list.push({ value: Number(s.sequence), location: s.location });
    byAccount.set(s.account.id, list);
  }
  for (const [account, list] of byAccount)
    for (const f of sequenceFindings(list, `statement sequence number of account ${account}:`))
      if (!(f.message.includes(" 1 follows ") && list.some((l) => l.value === 1)))
        fileFindings.push({ ...f, code: "statement-sequence-gap" });
  return { statements, findings: fileFindings };
}

function joinText(parts: readonly string[]): string | null {
  return nonEmpty(parts.join("").trimEnd());
}

function buildStatement(
  section: Section,
  fileName: string,
  at: (line: number) => FileLocation,
): BankStatement {
  const findings = [...section.findings];
  const account = section.account;
  if (account === null)
    throw fieldError(
      "INVALID_INPUT",
      `${fileName}:${section.header.line}`,
      "expected a record 1 (old balance) after the header",
    );
  const date = section.header.date ?? section.closing?.date ?? section.opening?.date;
  if (date === null || date === undefined)
    throw fieldError(
      "INVALID_INPUT",
      `${fileName}:${section.header.line}`,
      "expected a creation date DDMMYY at positions 6-11 of record 0",
    );
  const number = `${date.year}/${section.sequence}`;
  if (section.closing !== null) {
    const closingAccount = accountFromField(
      String(lines8Structure(section)),
      section.closing.account,
    );
    if (closingAccount.number !== account.number)
      findings.push(
        finding(
          "account-mismatch",
          "error",
          `record 8 names account ${closingAccount.number}, record 1 names ${account.number}`,
          at(section.closing.line),
        ),
      );
  }
  const top = section.movements.filter((m) => "0123".includes(m.type));
  findings.push(
    ...sequenceFindings(
      uniqueSequences(section.movements).map((m) => ({ value: m.seq, location: at(m.line) })),
      "movement sequence number",
    ),
  );
  const movementsSum = exactSum(top.map((m) => m.amount));
  const balance = balanceFinding(
    section.opening,
    section.closing === null
      ? null
      : { amount: section.closing.amount, date: section.closing.date },
    movementsSum,
    at(section.closing?.line ?? section.accountLine),
  );
  if (balance !== null) findings.push(balance);

  const entries: StatementEntry[] = [];
  const totals: StatementEntry[] = [];
  const reference = (m: Movement): string =>
    `${number}/${String(m.seq).padStart(4, "0")}/${String(m.detail).padStart(4, "0")}`;
  const toEntry = (
    m: Movement,
    role: StatementEntry["role"],
    parent: Movement | null,
    extra: { texts: readonly string[]; structured: readonly CodaStructuredCommunication[] },
  ): StatementEntry => {
    let structuredReference: ParsedReference | null = null;
    let codaCommunication: CodaStructuredCommunication | null = null;
    let communication: string | null;
    if (m.structured) {
      const type = m.comm.slice(0, 3);
      const rest = `${m.comm.slice(3)}${m.comm22}${m.comm23}`;
      if (type === "101" || type === "102")
        structuredReference = ogmReference(rest.slice(0, 12), type);
      else codaCommunication = structuredCommunication(type, rest);
      communication = null;
    } else communication = joinText([m.comm, m.comm22, m.comm23]);
    const codaInformation: CodaStructuredCommunication[] = [];
    const freeInfo: string[] = [];
    for (const info of m.info) {
      if (info.structured)
        codaInformation.push(structuredCommunication(info.text.slice(0, 3), info.text.slice(3)));
      else {
        const t = nonEmpty(info.text);
        if (t !== null) freeInfo.push(t);
      }
    }
    const texts = [communication, ...extra.texts].filter((t): t is string => t !== null);
    communication = texts.length === 0 ? null : texts.join(" ");
    codaInformation.push(...extra.structured);
    if (structuredReference !== null && !structuredReference.valid)
      findings.push(
        finding(
          "invalid-reference",
          "warning",
          `structured communication ${structuredReference.value} (type ${structuredReference.scheme}) fails its mod-97 check; kept and flagged`,
          at(m.line),
        ),
      );
    const party = counterpartyAccount(m.account);
    const infoName = codaInformation.find((c) => c.type === "001")?.fields.name ?? null;
    const counterparty: Counterparty = {
      name: nonEmpty(m.name) ?? infoName,
      iban: party.iban,
      account: party.account,
      bic: nonEmpty(m.bic),
    };
    const bookingDate = m.bookingDate ?? date;
    if (m.valueDate === null && role !== "total")
      findings.push(
        finding(
          "unknown-value-date",
          "warning",
          "the movement has no value date (000000); its booking date is used",
          at(m.line),
        ),
      );
    return {
      entryReference: reference(m),
      bankReference: nonEmpty(m.bankReference),
      role,
      parentReference: parent === null ? null : reference(parent),
      bookingDate,
      valueDate: m.valueDate ?? bookingDate,
      amount: m.amount,
      currency: account.currency,
      reversal: false,
      counterparty,
      structuredReference,
      communication,
      additionalInformation: freeInfo.length === 0 ? null : freeInfo.join(" "),
      customerReference: nonEmpty(m.clientReference),
      endToEndId: null,
      transactionCode: m.transactionCode,
      codaCommunication,
      codaInformation,
      location: at(m.line),
    };
  };
  const movements = section.movements;
  for (let i = 0; i < movements.length; i += 1) {
    const m = movements[i] as Movement;
    const children: Movement[] = [];
    for (let j = i + 1; j < movements.length; j += 1) {
      const c = movements[j] as Movement;
      if (c.seq !== m.seq || c.detail === 0) break;
      children.push(c);
    }
    i += children.length;
    const none = { texts: [], structured: [] };
    // A total (type 1 or 2) followed by movements under its sequence number: those are its details,
    // the payments; the total is kept apart. Type 3 ("simple amount with detailed data") followed by
    // breakdown lines (types 8, 9): the movement is the payment, the lines only add their text.
    const breakdown = children.every((c) => c.type === "8" || c.type === "9");
    if ((m.type === "1" || m.type === "2") && children.length > 0 && !breakdown) {
      totals.push(toEntry(m, "total", null, none));
      const sum = exactSum(children.map((d) => d.amount));
      if (!sum.equals(m.amount))
        findings.push(
          finding(
            "detail-sum-mismatch",
            "error",
            `the ${children.length} details of the globalised movement add up to ${sum.toString()}, its total is ${m.amount.toString()}`,
            at(m.line),
          ),
        );
      for (const d of children) entries.push(toEntry(d, "detail", m, none));
      continue;
    }
    const texts: string[] = [];
    const structured: CodaStructuredCommunication[] = [];
    for (const c of children) {
      if (c.structured)
        structured.push(
          structuredCommunication(c.comm.slice(0, 3), `${c.comm.slice(3)}${c.comm22}${c.comm23}`),
        );
      else {
        const t = joinText([c.comm, c.comm22, c.comm23]);
        if (t !== null) texts.push(t);
      }
    }
    entries.push(toEntry(m, "single", null, { texts, structured }));
  }
  return {
    format: "coda",
    fileName,
    account,
    number,
    sequence: section.sequence,
    date,
    openingBalance: section.opening,
    closingBalance:
      section.closing === null
        ? null
        : { amount: section.closing.amount, date: section.closing.date },
    entries,
    totals,
    information: section.information,
    findings,
    location: at(section.header.line),
  };
}

function lines8Structure(section: Section): string {
  // Record 8 has no structure code of its own; it repeats record 1's account field.
  const a = section.account;
  if (a === null) return "3";
  if (/^\d{12}$/.test(a.number)) return "0";
  return a.number.startsWith("BE") && a.number.length === 16 ? "2" : "3";
}

function uniqueSequences(movements: readonly Movement[]): Movement[] {
  const out: Movement[] = [];
  for (const m of movements)
    if (out.length === 0 || out[out.length - 1]?.seq !== m.seq) out.push(m);
  return out;
}
