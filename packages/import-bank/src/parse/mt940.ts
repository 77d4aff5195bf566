import type { IssueDetail, Temporal } from "@incasso/core";
import { fieldError, IncassoError } from "@incasso/core";
import { Decimal } from "decimal.js";
import { balanceFinding, exactSum, finding } from "./checks.js";
import type {
  Balance,
  BankStatement,
  Counterparty,
  FileLocation,
  Finding,
  ParsedReference,
  StatementEntry,
} from "./model.js";
import { classifyReference, ibanOrNull } from "./references.js";
import { nonEmpty, splitLines, yymmdd } from "./text.js";

// SWIFT MT940 (customer statement) as Dutch banks export it: optional SWIFT blocks {1:}{2:}{4:
// ... -}, or a `:940:` line (Rabobank) or bank-specific header lines (ABN AMRO, ING old) before the
// first :20:; then fields :20: :21: :25: :28(C): :60F/M: (:61: [:86:])* :62F/M: [:64:] [:65:] [:86:].

const KNOWN_TAGS = new Set([
  "20",
  "21",
  "25",
  "28",
  "28C",
  "60F",
  "60M",
  "61",
  "62F",
  "62M",
  "64",
  "65",
  "86",
  "13",
  "13D",
  "34F",
  "90D",
  "90C",
  "NS",
  "940",
]);

interface Field {
  readonly tag: string;
  readonly value: string;
  readonly line: number;
}

/**
 * The `:86:` layouts this reader decodes: slash tags (ING, Rabobank, ABN AMRO SEPA), Triodos'
 * `>20` subfields, and free text (kept whole).
 *
 * @example
 * ```ts
 * import type { Mt940Dialect } from "@incasso/import-bank";
 * const dialect: Mt940Dialect = "structured-tags";
 * ```
 */
export type Mt940Dialect = "structured-tags" | "triodos-subfields" | "free-text";

/**
 * What a `:86:` field says, decoded by dialect: the tags as written, the counterparty, the
 * end-to-end id, a structured reference with the scheme the bank named, and the free text.
 *
 * @example
 * ```ts
 * import { decodeMt940Details, type Mt940Details } from "@incasso/import-bank";
 * const details: Mt940Details = decodeMt940Details("/EREF/E2E-1//REMI/USTD//Invoice 17/");
 * ```
 */
export interface Mt940Details {
  readonly dialect: Mt940Dialect;
  readonly tags: Readonly<Record<string, string>>;
  readonly counterparty: {
    readonly name: string | null;
    readonly account: string | null;
    readonly bic: string | null;
  };
  readonly endToEndId: string | null;
  readonly reference: { readonly raw: string; readonly scheme: string | null } | null;
  readonly text: string | null;
}

const STRUCTURED_KEYS = [
  "EREF",
  "PREF",
  "MARF",
  "CSID",
  "CNTP",
  "REMI",
  "BENM",
  "ORDP",
  "NAME",
  "ADDR",
  "ISDT",
  "RTRN",
  "IBAN",
  "BIC",
  "TRCD",
  "SVCL",
  "PURP",
  "ULTC",
  "ULTD",
  "ULTB",
  "BUSP",
  "IREF",
  "EXCH",
  "CHGS",
  "ORIG",
  "ID",
  "SUM",
];
const KEY_PATTERN = new RegExp(`/(${STRUCTURED_KEYS.join("|")})/`, "g");

/**
 * Decodes a `:86:` field: the slash-tag layout of ING (`/EREF/`, `/CNTP/iban/bic/name/city/`,
 * `/REMI/USTD//text/` or `/REMI/STRD/CUR/ref/`), Rabobank (`/EREF/`, `/BENM//NAME/`, `/ORDP//NAME/`,
 * `/REMI/`) and ABN AMRO SEPA; the `>20`-`>33` subfields of Triodos; otherwise free text (ABN AMRO's
 * older layout, SNS, ASN, Knab), where a `BETALINGSKENM.` followed by digits is the Dutch payment
 * reference.
 *
 * @example
 * ```ts
 * import { decodeMt940Details } from "@incasso/import-bank";
 * const d = decodeMt940Details("/EREF/E2E-1//CNTP/NL02ABNA0123456789/ABNANL2A/J de Vries/AMSTERDAM///REMI/STRD/CUR/5000056789012345/");
 * d.counterparty.name; // "J de Vries"
 * d.reference; // { raw: "5000056789012345", scheme: "CUR" }
 * ```
 */
export function decodeMt940Details(raw: string): Mt940Details {
  const joined = raw.replace(/\r?\n/g, "");
  if (/^\s*\/[A-Z]{2,4}\//.test(joined) && (joined.match(KEY_PATTERN)?.length ?? 0) > 0) {
    const tags: Record<string, string> = {};
    const matches = [...joined.matchAll(KEY_PATTERN)];
    matches.forEach((m, i) => {
      const start = (m.index ?? 0) + m[0].length;
      const end = matches[i + 1]?.index ?? joined.length;
      const key = m[1] as string;
      if (tags[key] === undefined) tags[key] = joined.slice(start, end);
    });
    const clean = (v: string | undefined): string | null =>
      v === undefined ? null : nonEmpty(v.replace(/^\/+|\/+$/g, ""));
    const cntp = tags.CNTP?.split("/") ?? [];
    let reference: Mt940Details["reference"] = null;
    let text: string | null = null;
    const remi = tags.REMI ?? "";
    const strd = /^STRD\/([A-Z]*)\/([^/]*)/.exec(remi);
    if (strd !== null) reference = { raw: strd[2] ?? "", scheme: nonEmpty(strd[1]) };
    else if (remi.startsWith("USTD//")) text = clean(remi.slice(6));
    else text = clean(remi);
    const party = tags.BENM ?? tags.ORDP;
    return {
      dialect: "structured-tags",
      tags,
      counterparty: {
        name: nonEmpty(cntp[2]) ?? clean(tags.NAME) ?? null,
        account:
          nonEmpty(cntp[0]) ??
          clean(tags.IBAN) ??
          (party !== undefined ? nonEmpty(party.split("/")[0]) : null),
        bic: nonEmpty(cntp[1]) ?? clean(tags.BIC),
      },
      endToEndId: clean(tags.EREF),
      reference,
      text,
    };
  }
  if (/^\s*\d{3}>\d{2}/.test(joined) || /(^|\n)>\d{2}/.test(raw)) {
    const tags: Record<string, string> = {};
    for (const m of joined.matchAll(/>(\d{2})([^>]*)/g))
      tags[m[1] as string] = `${tags[m[1] as string] ?? ""}${m[2] ?? ""}`;
    const description = [
      "20",
      "21",
      "22",
      "23",
      "24",
      "25",
      "26",
      "27",
      "28",
      "29",
      "60",
      "61",
      "62",
      "63",
    ]
      .map((k) => tags[k] ?? "")
      .join("");
    return {
      dialect: "triodos-subfields",
      tags,
      counterparty: {
        name: nonEmpty(`${tags["32"] ?? ""}${tags["33"] ?? ""}`),
        account: nonEmpty(tags["10"] ?? tags["31"]),
        bic: null,
      },
      endToEndId: null,
      reference: null,
      text: nonEmpty(description),
    };
  }
  const text = nonEmpty(
    raw
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .join(" ")
      .replace(/\s+/g, " "),
  );
  const kenmerk = /BETALINGSKENM\.?\s*:?\s*(\d[\d ]{6,20}\d)/.exec(raw.replace(/\r?\n/g, ""));
  return {
    dialect: "free-text",
    tags: {},
    counterparty: { name: null, account: null, bic: null },
    endToEndId: null,
    reference:
      kenmerk === null
        ? null
        : { raw: (kenmerk[1] ?? "").replace(/\s+/g, "").slice(0, 16), scheme: "BETALINGSKENM" },
    text,
  };
}

function amount(text: string, file: string, line: number): Decimal {
  if (!/^\d+(,\d*)?$/.test(text))
    throw fieldError(
      "INVALID_INPUT",
      `${file}:${line}`,
      "expected an MT940 amount: digits, a comma, decimals",
      text,
    );
  const [whole, decimals] = text.split(",");
  return new Decimal(`${whole}.${decimals === "" || decimals === undefined ? "0" : decimals}`);
}

function balance(field: Field, file: string): { balance: Balance; currency: string } {
  const m = /^([DC])(\d{6})([A-Z]{3})(\d+(?:,\d*)?)\s*$/.exec(field.value);
  if (m === null)
    throw fieldError(
      "INVALID_INPUT",
      `${file}:${field.line}`,
      `expected :${field.tag}: as D/C, YYMMDD, currency, amount`,
      field.value,
    );
  const value = amount(m[4] ?? "", file, field.line);
  return {
    balance: { amount: m[1] === "D" ? value.negated() : value, date: yymmdd(m[2] ?? "") },
    currency: m[3] ?? "",
  };
}

function accountOf(text: string): {
  id: string;
  iban: string | null;
  number: string;
  currency: string | null;
} {
  const value = text.trim();
  const withCurrency = /^(.*?)[\s]*([A-Z]{3})$/.exec(value);
  const candidates = withCurrency === null ? [value] : [withCurrency[1] ?? "", value];
  for (const c of candidates) {
    const iban = ibanOrNull(c);
    if (iban !== null)
      return {
        id: iban,
        iban,
        number: c.trim(),
        currency: c === value ? null : (withCurrency?.[2] ?? null),
      };
  }
  const number =
    withCurrency !== null && /\d$/.test(withCurrency[1] ?? "") ? (withCurrency[1] ?? value) : value;
  return {
    id: number.trim(),
    iban: null,
    number: number.trim(),
    currency: number === value ? null : (withCurrency?.[2] ?? null),
  };
}

function precededBy61(group: readonly Field[], index: number): boolean {
  let j = index - 1;
  while (group[j]?.tag === "86") j -= 1;
  return group[j]?.tag === "61";
}

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

const LINE61 = /^(\d{6})(\d{4})?(R?[DC])([A-Z])?(\d+(?:,\d*)?)([NFS][A-Z0-9]{3})(.*)$/;

/**
 * Reads an MT940 file (text already decoded): one statement per :20: ... :62: group, every
 * :61: with its :86: decoded by dialect, balances checked. A tag MT940 does not define, or a field
 * that does not follow its layout, makes the file refused with an error naming the line.
 */
export function parseMt940(
  text: string,
  fileName: string,
): { statements: BankStatement[]; findings: Finding[] } {
  const lines = splitLines(text);
  const fields: { tag: string; value: string; line: number }[] = [];
  const issues: IssueDetail[] = [];
  let started = false;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const tagged = /^:([0-9]{2,3}[A-Z]?|NS):(.*)$/.exec(line);
    if (tagged !== null) {
      const tag = tagged[1] as string;
      if (!KNOWN_TAGS.has(tag)) {
        issues.push({
          path: `${fileName}:${lineNo}`,
          message: `expected an MT940 field tag (:20:, :25:, :28C:, :60F:, :61:, :86:, :62F:, ...), found :${tag}:`,
        });
        return;
      }
      if (tag === "20") started = true;
      if (tag === "940") return;
      fields.push({ tag, value: tagged[2] ?? "", line: lineNo });
      return;
    }
    if (!started) {
      // SWIFT blocks and bank header lines before the first :20:; a field-like line there that is
      // not :940: is not MT940.
      if (/^:[^:]*:/.test(line))
        issues.push({
          path: `${fileName}:${lineNo}`,
          message: `expected :940: or :20: before the first statement, found ${line.slice(0, 12)}`,
        });
      return;
    }
    if (/^-(\}.*)?\s*$/.test(line) || /^\{[1-5]:/.test(line)) return;
    const last = fields[fields.length - 1];
    if (last !== undefined) last.value += `\n${line}`;
  });
  if (issues.length > 0)
    throw new IncassoError(
      "INVALID_INPUT",
      `${fileName}: not a valid MT940 file: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      issues,
    );
  if (!fields.some((f) => f.tag === "20"))
    throw fieldError("INVALID_INPUT", fileName, "expected an MT940 statement starting with :20:");
  const at = (line: number): FileLocation => ({ file: fileName, line, element: null });
  const groups: Field[][] = [];
  for (const f of fields) {
    if (f.tag === "20") groups.push([]);
    // Only :61: and :86: run over several lines; anything after the first line of another field
    // (a bank's header lines between statements, a closing block) is not part of it.
    const value =
      f.tag === "61" || f.tag === "86"
        ? f.value.replace(/\n+$/g, "")
        : (f.value.split("\n")[0] ?? "");
    groups[groups.length - 1]?.push({ ...f, value });
  }
  const statements: BankStatement[] = [];
  const seen = new Map<string, number>();
  for (const group of groups) {
    const head = group[0] as Field;
    const accountField = group.find((f) => f.tag === "25");
    if (accountField === undefined)
      throw fieldError(
        "INVALID_INPUT",
        `${fileName}:${head.line}`,
        "expected a :25: account field in the statement",
      );
    const account = accountOf(accountField.value);
    const numberField = group.find((f) => f.tag === "28C" || f.tag === "28");
    const number =
      numberField === undefined ? null : nonEmpty(numberField.value.replace(/\s+/g, ""));
    const openingField = group.find((f) => f.tag === "60F" || f.tag === "60M");
    const closingField = group.find((f) => f.tag === "62F" || f.tag === "62M");
    const opening = openingField === undefined ? null : balance(openingField, fileName);
    const closing = closingField === undefined ? null : balance(closingField, fileName);
    const currency = opening?.currency ?? closing?.currency ?? account.currency ?? "EUR";
    const findings: Finding[] = [];
    const entries: StatementEntry[] = [];
    const information: string[] = [];
    const date = closing?.balance.date ?? opening?.balance.date;
    if (date === null || date === undefined)
      throw fieldError(
        "INVALID_INPUT",
        `${fileName}:${head.line}`,
        "expected a :60F:/:62F: balance with a date",
      );
    group.forEach((f, i) => {
      if (f.tag === "86" && !precededBy61(group, i)) {
        const t = nonEmpty(f.value.replace(/\r?\n/g, " "));
        if (t !== null) information.push(t);
      }
      if (f.tag !== "61") return;
      const [first = "", ...more] = f.value.split("\n");
      const m = LINE61.exec(first);
      if (m === null)
        throw fieldError(
          "INVALID_INPUT",
          `${fileName}:${f.line}`,
          "expected :61: as YYMMDD[MMDD](R)D|C[funds]amount, a type code N/F/S + 3, references",
          first,
        );
      const valueDate = yymmdd(m[1] ?? "");
      if (valueDate === null)
        throw fieldError(
          "INVALID_INPUT",
          `${fileName}:${f.line}`,
          "expected a value date YYMMDD",
          m[1],
        );
      let bookingDate: Temporal.PlainDate = valueDate;
      if (m[2] !== undefined) {
        // The entry date has no year: the value date's, or the next/previous one across new year.
        const month = Number(m[2].slice(0, 2));
        const day = Number(m[2].slice(2, 4));
        let year = valueDate.year;
        if (valueDate.month === 12 && month === 1) year += 1;
        if (valueDate.month === 1 && month === 12) year -= 1;
        try {
          bookingDate = valueDate.with({ year, month, day }, { overflow: "reject" });
        } catch {
          throw fieldError(
            "INVALID_INPUT",
            `${fileName}:${f.line}`,
            "expected an entry date MMDD",
            m[2],
          );
        }
      }
      const mark = m[3] ?? "";
      const reversal = mark.startsWith("R");
      // RC reverses a credit (money leaves), RD reverses a debit (money comes back).
      const debit = mark === "D" || mark === "RC";
      const value = amount(m[5] ?? "", fileName, f.line);
      const signedAmount = debit ? value.negated() : value;
      const rest = m[7] ?? "";
      const slash = rest.indexOf("//");
      const customerPart = slash === -1 ? rest : rest.slice(0, slash);
      const bankReference = slash === -1 ? null : nonEmpty(rest.slice(slash + 2));
      const supplementary = more.map((l) => l.trim()).filter((l) => l !== "");
      // The :86: lines after the :61: (Rabobank's older export writes several).
      const detailFields: Field[] = [];
      for (let j = i + 1; group[j]?.tag === "86"; j += 1) detailFields.push(group[j] as Field);
      const detailsField = detailFields[0];
      const details =
        detailsField === undefined
          ? null
          : decodeMt940Details(detailFields.map((d) => d.value).join("\n"));
      // The other party: the :86: tags, else the :61: line (customer reference holding an account,
      // and the supplementary line an IBAN or a name, as Rabobank, SNS and ASN write them).
      let partyAccount = details?.counterparty.account ?? null;
      let partyName = details?.counterparty.name ?? null;
      const custTokens = /^(\S+)\s*(.*)$/.exec(customerPart.trim());
      const custAccount = custTokens?.[1] ?? "";
      const customerIsAccount = IBAN_SHAPE.test(custAccount) || /^\d{9,10}$/.test(custAccount);
      if (partyAccount === null && customerIsAccount) partyAccount = custAccount;
      if (partyName === null && customerIsAccount && nonEmpty(custTokens?.[2]) !== null)
        partyName = nonEmpty(custTokens?.[2]);
      for (const s of supplementary) {
        if (s.startsWith("/")) continue;
        if (IBAN_SHAPE.test(s)) partyAccount ??= s;
        else if (partyName === null && customerIsAccount) partyName = s;
      }
      const counterparty: Counterparty = {
        name: partyName,
        iban: ibanOrNull(partyAccount),
        account: partyAccount,
        bic: details?.counterparty.bic ?? null,
      };
      let structuredReference: ParsedReference | null = null;
      if (details?.reference != null) {
        structuredReference = classifyReference(
          details.reference.raw,
          details.reference.scheme === "BETALINGSKENM" ? "CUR" : details.reference.scheme,
          account.id.slice(0, 2),
        );
        structuredReference = { ...structuredReference, scheme: details.reference.scheme };
        if (!structuredReference.valid)
          findings.push(
            finding(
              "invalid-reference",
              "warning",
              `structured reference ${structuredReference.value} fails its check; kept and flagged`,
              at(detailsField?.line ?? f.line),
            ),
          );
      }
      const customerReference = nonEmpty(customerPart) === "NONREF" ? null : nonEmpty(customerPart);
      const base = `${valueDate.toString()}/${bookingDate.toString()}/${signedAmount.toFixed(2)}/${bankReference ?? customerReference ?? ""}`;
      const count = (seen.get(`${account.id}|${base}`) ?? 0) + 1;
      seen.set(`${account.id}|${base}`, count);
      entries.push({
        entryReference: count === 1 ? base : `${base}#${count}`,
        bankReference,
        role: "single",
        parentReference: null,
        bookingDate,
        valueDate,
        amount: signedAmount,
        currency,
        reversal,
        counterparty,
        structuredReference,
        communication: details?.text ?? null,
        additionalInformation: supplementary.length === 0 ? null : supplementary.join(" "),
        customerReference,
        endToEndId: details?.endToEndId ?? null,
        transactionCode: m[6] ?? null,
        codaCommunication: null,
        codaInformation: [],
        location: at(f.line),
      });
    });
    const balanceCheck = balanceFinding(
      opening?.balance ?? null,
      closing?.balance ?? null,
      exactSum(entries.map((e) => e.amount)),
      at(closingField?.line ?? head.line),
    );
    if (balanceCheck !== null) findings.push(balanceCheck);
    statements.push({
      format: "mt940",
      fileName,
      account: {
        id: account.id,
        iban: account.iban,
        number: account.number,
        currency,
        bic: null,
        holder: null,
        holderIdentification: null,
        description: null,
      },
      number,
      sequence: number === null ? null : (number.split("/")[0] ?? null),
      date,
      openingBalance: opening?.balance ?? null,
      closingBalance: closing?.balance ?? null,
      entries,
      totals: [],
      information,
      findings,
      location: at(head.line),
    });
  }
  // Statement numbers per account: a jump between two statements is reported (0 = not numbered).
  const fileFindings: Finding[] = [];
  const lastByAccount = new Map<string, number>();
  for (const s of statements) {
    const n = Number(s.sequence ?? "0");
    const previous = lastByAccount.get(s.account.id);
    if (
      Number.isInteger(n) &&
      n > 0 &&
      previous !== undefined &&
      previous > 0 &&
      n !== previous &&
      n !== previous + 1
    )
      fileFindings.push(
        finding(
          "statement-sequence-gap",
          "warning",
          `statement ${n} of account ${s.account.id} follows ${previous}: expected ${previous + 1}`,
          s.location,
        ),
      );
    if (Number.isInteger(n)) lastByAccount.set(s.account.id, n);
  }
  return { statements, findings: fileFindings };
}
