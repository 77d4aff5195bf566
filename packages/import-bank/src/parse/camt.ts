import type { Temporal } from "@incasso/core";
import { fieldError, IncassoError } from "@incasso/core";
import { Decimal } from "decimal.js";
import { XMLParser } from "fast-xml-parser";
import { balanceFinding, exactSum, finding, sequenceFindings } from "./checks.js";
import type {
  Balance,
  BankFileFormat,
  BankStatement,
  Counterparty,
  FileLocation,
  Finding,
  ParsedReference,
  StatementAccount,
  StatementEntry,
} from "./model.js";
import { classifyReference, ibanOrNull } from "./references.js";
import { isoDateIn, nonEmpty } from "./text.js";

// ISO 20022 cash management: camt.053 BankToCustomerStatement (versions .001.02 to .001.13) and
// camt.054 BankToCustomerDebitCreditNotification. Elements read are named in the comments with
// their path below Stmt (or Ntfctn).

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The five predefined XML entities and numeric character references; nothing else is expanded. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? "";
  });
}

function child(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    const next: unknown = (current as Node)[key];
    current = Array.isArray(next) ? next[0] : next;
  }
  return current;
}

function list(node: unknown, key: string): unknown[] {
  if (node === null || typeof node !== "object") return [];
  const value = (node as Node)[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function text(node: unknown, ...path: string[]): string | null {
  const value = child(node, ...path);
  if (typeof value === "string") return nonEmpty(decodeEntities(value));
  if (value !== null && typeof value === "object" && typeof (value as Node)["#text"] === "string")
    return nonEmpty(decodeEntities((value as Node)["#text"] as string));
  return null;
}

function attribute(node: unknown, name: string): string | null {
  if (node === null || typeof node !== "object") return null;
  const value = (node as Node)[`@${name}`];
  return typeof value === "string" ? value : null;
}

const AMOUNT = /^\d{1,18}(\.\d{1,5})?$/;

function amountOf(
  node: unknown,
  where: string,
  file: string,
): { amount: Decimal; currency: string | null } | null {
  const value = text(node);
  if (value === null) return null;
  if (!AMOUNT.test(value))
    throw fieldError(
      "INVALID_INPUT",
      `${file}:${where}`,
      "expected an ISO 20022 amount (digits, a point and at most 5 decimals)",
      value,
    );
  return { amount: new Decimal(value), currency: attribute(node, "Ccy") };
}

/** `Dt` or `DtTm` below a date choice (BookgDt, ValDt, Bal/Dt): the calendar date as written. */
function dateChoice(node: unknown, timeZone: string): Temporal.PlainDate | null {
  const value = text(node, "Dt") ?? text(node, "DtTm");
  return value === null ? null : isoDateIn(value, timeZone);
}

function signed(amount: Decimal, indicator: string | null, where: string, file: string): Decimal {
  if (indicator === "CRDT") return amount;
  if (indicator === "DBIT") return amount.negated();
  throw fieldError(
    "INVALID_INPUT",
    `${file}:${where}/CdtDbtInd`,
    "expected CRDT or DBIT",
    indicator ?? "",
  );
}

function partyName(node: unknown): string | null {
  // .02-.07: Dbtr/Nm; .08 and later: Dbtr/Pty/Nm (or Dbtr/Agt for an agent).
  return text(node, "Nm") ?? text(node, "Pty", "Nm");
}

function accountId(node: unknown): { iban: string | null; account: string | null } {
  const iban = text(node, "Id", "IBAN");
  const other = text(node, "Id", "Othr", "Id");
  const account = iban ?? other;
  return { iban: ibanOrNull(account), account };
}

function bic(node: unknown): string | null {
  return text(node, "FinInstnId", "BIC") ?? text(node, "FinInstnId", "BICFI");
}

function transactionCode(node: unknown): string | null {
  const domain = text(node, "Domn", "Cd");
  if (domain !== null)
    return [domain, text(node, "Domn", "Fmly", "Cd"), text(node, "Domn", "Fmly", "SubFmlyCd")]
      .filter((p) => p !== null)
      .join("-");
  const proprietary = text(node, "Prtry", "Cd");
  return proprietary === null ? null : `${text(node, "Prtry", "Issr") ?? "Prtry"}:${proprietary}`;
}

function parseXml(xml: string, fileName: string): unknown {
  try {
    return parser.parse(xml, true);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IncassoError("INVALID_INPUT", `${fileName}: not well-formed XML: ${reason}`, [
      { path: fileName, message: `expected well-formed XML (${reason})` },
    ]);
  }
}

/** The `Stmt`/`Ntfctn` elements cut out of a document, and what is left; null when it has comments or CDATA, or an element is not closed. */
function splitStatements(
  xml: string,
): { skeleton: string; parts: { tag: "Stmt" | "Ntfctn"; text: string }[] } | null {
  if (xml.includes("<!--") || xml.includes("<![CDATA[")) return null;
  const open = /<((?:[A-Za-z_][\w.-]*:)?)(Stmt|Ntfctn)(?=[\s>])/g;
  const parts: { tag: "Stmt" | "Ntfctn"; text: string }[] = [];
  let skeleton = "";
  let last = 0;
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    const close = `</${m[1]}${m[2]}>`;
    const end = xml.indexOf(close, m.index);
    if (end === -1) return null;
    skeleton += xml.slice(last, m.index);
    parts.push({ tag: m[2] as "Stmt" | "Ntfctn", text: xml.slice(m.index, end + close.length) });
    last = end + close.length;
    open.lastIndex = last;
  }
  return { skeleton: skeleton + xml.slice(last), parts };
}

/** The version of a camt namespace such as `urn:iso:std:iso:20022:tech:xsd:camt.053.001.02`. */
export function camtNamespace(xml: string): { format: BankFileFormat; version: string } | null {
  const match = /urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.(\d{3}\.\d{2})/.exec(
    xml.slice(0, 4096),
  );
  if (match === null) return null;
  return { format: match[1] === "053" ? "camt.053" : "camt.054", version: match[2] ?? "" };
}

/**
 * Reads a camt.053 statement or camt.054 notification document into its statements, each entry
 * checked. A DOCTYPE is refused (no entity can be declared, so none is expanded); numbers stay
 * strings until they become Decimals.
 */
export function parseCamt(
  xml: string,
  fileName: string,
  timeZone = "Europe/Brussels",
): { statements: BankStatement[]; findings: Finding[] } {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw fieldError(
      "INVALID_INPUT",
      fileName,
      "expected an ISO 20022 document without a DOCTYPE or entity declarations",
    );
  // Each statement is cut out and parsed on its own, so that a large file never holds the tree
  // of all its statements at once; a document with comments or CDATA is parsed whole.
  const split = splitStatements(xml);
  const doc = parseXml(split?.skeleton ?? xml, fileName);
  const document = child(doc, "Document");
  const statementList: unknown[] =
    split === null
      ? list(child(document, "BkToCstmrStmt"), "Stmt")
      : split.parts.filter((p) => p.tag === "Stmt").map((p) => p.text);
  const notificationList: unknown[] =
    split === null
      ? list(child(document, "BkToCstmrDbtCdtNtfctn"), "Ntfctn")
      : split.parts.filter((p) => p.tag === "Ntfctn").map((p) => p.text);
  if (
    document === undefined ||
    (child(document, "BkToCstmrStmt") === undefined &&
      child(document, "BkToCstmrDbtCdtNtfctn") === undefined)
  )
    throw fieldError(
      "INVALID_INPUT",
      `${fileName}:Document`,
      "expected Document/BkToCstmrStmt (camt.053) or Document/BkToCstmrDbtCdtNtfctn (camt.054)",
    );
  const format: BankFileFormat =
    notificationList.length > 0 || child(document, "BkToCstmrDbtCdtNtfctn") !== undefined
      ? "camt.054"
      : "camt.053";
  const groupDate = isoDateIn(
    text(
      child(document, format === "camt.053" ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn"),
      "GrpHdr",
      "CreDtTm",
    ) ?? "",
    timeZone,
  );
  const tag = format === "camt.053" ? "Stmt" : "Ntfctn";
  const nodes = format === "camt.053" ? statementList : notificationList;
  const statements = nodes.map((item, index) =>
    readStatement(
      typeof item === "string" ? child(parseXml(`<W>${item}</W>`, fileName), "W", tag) : item,
      `${tag}[${index + 1}]`,
      format,
      fileName,
      groupDate,
      timeZone,
    ),
  );
  // Sequence numbers per account, in file order.
  const findings: Finding[] = [];
  const byAccount = new Map<string, { value: number; location: FileLocation }[]>();
  for (const s of statements) {
    if (s.sequence === null || !/^\d+$/.test(s.sequence)) continue;
    const seqs = byAccount.get(s.account.id) ?? [];
    seqs.push({ value: Number(s.sequence), location: s.location });
    byAccount.set(s.account.id, seqs);
  }
  for (const [account, seqs] of byAccount)
    for (const f of sequenceFindings(seqs, `electronic sequence number of account ${account}:`))
      findings.push({ ...f, code: "statement-sequence-gap" });
  return { statements, findings };
}

function readStatement(
  node: unknown,
  path: string,
  format: BankFileFormat,
  fileName: string,
  groupDate: Temporal.PlainDate | null,
  timeZone: string,
): BankStatement {
  const isoDate = (value: string): Temporal.PlainDate | null => isoDateIn(value, timeZone);
  const at = (element: string): FileLocation => ({
    file: fileName,
    line: null,
    element: element === "" ? path : `${path}/${element}`,
  });
  const findings: Finding[] = [];
  const acct = child(node, "Acct");
  const { iban, account: number } = accountId(acct);
  if (number === null)
    throw fieldError(
      "INVALID_INPUT",
      `${fileName}:${path}/Acct/Id`,
      "expected the account's IBAN or Othr/Id",
    );
  const id = text(node, "Id");
  const balances = list(node, "Bal").map((bal, i) => {
    const amount = amountOf(child(bal, "Amt"), `${path}/Bal[${i + 1}]/Amt`, fileName);
    if (amount === null)
      throw fieldError(
        "INVALID_INPUT",
        `${fileName}:${path}/Bal[${i + 1}]/Amt`,
        "expected a balance amount",
      );
    return {
      code: text(bal, "Tp", "CdOrPrtry", "Cd") ?? text(bal, "Tp", "CdOrPrtry", "Prtry"),
      balance: {
        amount: signed(amount.amount, text(bal, "CdtDbtInd"), `${path}/Bal[${i + 1}]`, fileName),
        date: dateChoice(child(bal, "Dt"), timeZone),
      } satisfies Balance,
      currency: amount.currency,
    };
  });
  const opening =
    balances.find((b) => b.code === "OPBD") ?? balances.find((b) => b.code === "PRCD") ?? null;
  const closing = balances.find((b) => b.code === "CLBD") ?? null;
  const currency = text(acct, "Ccy") ?? opening?.currency ?? closing?.currency ?? "EUR";
  const account: StatementAccount = {
    id: iban ?? number,
    iban,
    number,
    currency,
    bic: bic(child(acct, "Svcr")),
    holder: text(acct, "Nm") ?? text(acct, "Ownr", "Nm"),
    holderIdentification: null,
    description: null,
  };
  // The statement's day: its closing balance's date, else the end of its period, else its creation.
  const date =
    closing?.balance.date ??
    isoDate(text(node, "FrToDt", "ToDtTm") ?? "") ??
    isoDate(text(node, "CreDtTm") ?? "") ??
    groupDate;
  if (date === null)
    throw fieldError(
      "INVALID_INPUT",
      `${fileName}:${path}/CreDtTm`,
      "expected a statement date (FrToDt, a closing balance date or CreDtTm)",
    );
  const statementKey = id ?? `${account.id}/${date.toString()}`;
  const entries: StatementEntry[] = [];
  const totals: StatementEntry[] = [];
  const booked: Decimal[] = [];
  const seenReferences = new Map<string, string>();
  list(node, "Ntry").forEach((ntry, index) => {
    const where = `Ntry[${index + 1}]`;
    const amount = amountOf(child(ntry, "Amt"), `${path}/${where}/Amt`, fileName);
    if (amount === null)
      throw fieldError(
        "INVALID_INPUT",
        `${fileName}:${path}/${where}/Amt`,
        "expected the entry's amount",
      );
    const value = signed(amount.amount, text(ntry, "CdtDbtInd"), `${path}/${where}`, fileName);
    const status = text(ntry, "Sts") ?? text(ntry, "Sts", "Cd");
    if (status === null || status === "BOOK") booked.push(value);
    const bookingDate =
      dateChoice(child(ntry, "BookgDt"), timeZone) ??
      dateChoice(child(ntry, "ValDt"), timeZone) ??
      date;
    let valueDate = dateChoice(child(ntry, "ValDt"), timeZone);
    if (valueDate === null) {
      findings.push(
        finding(
          "unknown-value-date",
          "warning",
          "the entry has no ValDt; its booking date is used",
          at(where),
        ),
      );
      valueDate = bookingDate;
    }
    const reversal = text(ntry, "RvslInd") === "true";
    const bankReference = text(ntry, "AcctSvcrRef");
    const ntryRef = text(ntry, "NtryRef");
    const entryReference = bankReference ?? `${statementKey}/${ntryRef ?? String(index + 1)}`;
    const previous = seenReferences.get(entryReference);
    if (previous !== undefined)
      findings.push(
        finding(
          "duplicate-entry",
          "error",
          `the entry reference ${entryReference} was already used by ${previous} of this statement`,
          at(where),
        ),
      );
    seenReferences.set(entryReference, where);
    const code = transactionCode(child(ntry, "BkTxCd"));
    const entryInfo = text(ntry, "AddtlNtryInf");
    const details = list(ntry, "NtryDtls").flatMap((d, i) =>
      list(d, "TxDtls").map((tx, j) => ({
        tx,
        where: `${where}/NtryDtls[${i + 1}]/TxDtls[${j + 1}]`,
      })),
    );
    const batchCount = text(ntry, "NtryDtls", "Btch", "NbOfTxs");
    if (batchCount !== null && details.length > 0 && Number(batchCount) !== details.length)
      findings.push(
        finding(
          "entry-count-mismatch",
          "warning",
          `the batch declares ${batchCount} transactions (NbOfTxs), ${details.length} TxDtls are given`,
          at(`${where}/NtryDtls/Btch/NbOfTxs`),
        ),
      );
    const detailAmounts = details.map((d) => {
      const a = amountOf(
        child(d.tx, "AmtDtls", "TxAmt", "Amt") ?? child(d.tx, "Amt"),
        `${path}/${d.where}/Amt`,
        fileName,
      );
      if (a === null) return null;
      const indicator = text(d.tx, "CdtDbtInd") ?? text(ntry, "CdtDbtInd");
      return signed(a.amount, indicator, `${path}/${d.where}`, fileName);
    });
    const base = {
      bookingDate,
      valueDate,
      currency: amount.currency ?? currency,
      reversal,
      transactionCode: code,
      codaCommunication: null,
      codaInformation: [],
    };
    const fromDetail = (
      tx: unknown,
      detailWhere: string,
      detailAmount: Decimal,
      reference: string,
      role: StatementEntry["role"],
      parent: string | null,
    ): StatementEntry => {
      // The other party: the debtor of a credit, the creditor of a debit; when the bank gives only
      // the other role (as some do for a reversal), that one.
      const parties = child(tx, "RltdPties");
      const hasDebtor = child(parties, "Dbtr") !== undefined;
      const hasCreditor = child(parties, "Cdtr") !== undefined;
      const credit = detailAmount.isNegative()
        ? hasDebtor && !hasCreditor
        : hasDebtor || !hasCreditor;
      const [party, partyAcct, agent] = credit
        ? ["Dbtr", "DbtrAcct", "DbtrAgt"]
        : ["Cdtr", "CdtrAcct", "CdtrAgt"];
      const otherAcct = accountId(child(parties, partyAcct));
      const counterparty: Counterparty = {
        name:
          partyName(child(parties, party)) ??
          partyName(child(parties, credit ? "UltmtDbtr" : "UltmtCdtr")),
        iban: otherAcct.iban,
        account: otherAcct.account,
        bic: bic(child(tx, "RltdAgts", agent)),
      };
      const rmt = child(tx, "RmtInf");
      const ustrd = list(rmt, "Ustrd")
        .map((u) => text(u))
        .filter((u): u is string => u !== null && u !== "NOTPROVIDED");
      let structuredReference: ParsedReference | null = null;
      for (const strd of list(rmt, "Strd")) {
        const ref = text(strd, "CdtrRefInf", "Ref");
        if (ref === null) continue;
        const tp = child(strd, "CdtrRefInf", "Tp");
        const scheme =
          text(tp, "Issr") ?? text(tp, "CdOrPrtry", "Prtry") ?? text(tp, "CdOrPrtry", "Cd");
        structuredReference = classifyReference(ref, scheme, account.id.slice(0, 2));
        if (!structuredReference.valid)
          findings.push(
            finding(
              "invalid-reference",
              "warning",
              `structured reference ${ref} (${structuredReference.kind}, ${scheme ?? "no issuer"}) fails its check; kept and flagged`,
              at(`${detailWhere}/RmtInf/Strd/CdtrRefInf/Ref`),
            ),
          );
        break;
      }
      const endToEnd = text(tx, "Refs", "EndToEndId");
      const info = [text(tx, "AddtlTxInf"), role === "detail" ? null : entryInfo].filter(
        (t): t is string => t !== null,
      );
      return {
        ...base,
        entryReference: reference,
        bankReference: text(tx, "Refs", "AcctSvcrRef") ?? bankReference,
        role,
        parentReference: parent,
        amount: detailAmount,
        counterparty,
        structuredReference,
        communication: ustrd.length === 0 ? null : ustrd.join(""),
        additionalInformation: info.length === 0 ? null : info.join(" "),
        customerReference: null,
        endToEndId: endToEnd === "NOTPROVIDED" ? null : endToEnd,
        location: at(detailWhere),
      };
    };
    if (details.length > 1 && detailAmounts.every((a) => a !== null)) {
      const amounts = detailAmounts as Decimal[];
      const sum = exactSum(amounts);
      const total = fromDetail({}, where, value, entryReference, "total", null);
      totals.push({ ...total, additionalInformation: entryInfo });
      if (!sum.equals(value))
        findings.push(
          finding(
            "detail-sum-mismatch",
            "error",
            `the ${details.length} TxDtls of the entry add up to ${sum.toString()}, the entry is ${value.toString()}`,
            at(where),
          ),
        );
      details.forEach((d, i) => {
        entries.push(
          fromDetail(
            d.tx,
            d.where,
            amounts[i] as Decimal,
            `${entryReference}/${i + 1}`,
            "detail",
            entryReference,
          ),
        );
      });
      return;
    }
    const only = details[0];
    entries.push(
      fromDetail(only?.tx ?? {}, only?.where ?? where, value, entryReference, "single", null),
    );
  });
  // Declared totals (TxsSummry), where the bank gives them.
  const summary = child(node, "TxsSummry");
  const declaredCount = text(summary, "TtlNtries", "NbOfNtries");
  const ntryCount = list(node, "Ntry").length;
  if (declaredCount !== null && Number(declaredCount) !== ntryCount)
    findings.push(
      finding(
        "entry-count-mismatch",
        "error",
        `TxsSummry/TtlNtries/NbOfNtries declares ${declaredCount} entries, the statement has ${ntryCount}`,
        at("TxsSummry/TtlNtries/NbOfNtries"),
      ),
    );
  const declaredSum = text(summary, "TtlNtries", "Sum");
  const all = list(node, "Ntry").map((n) => new Decimal(text(n, "Amt") ?? "0"));
  if (
    declaredSum !== null &&
    AMOUNT.test(declaredSum) &&
    !new Decimal(declaredSum).equals(exactSum(all))
  )
    findings.push(
      finding(
        "entry-sum-mismatch",
        "error",
        `TxsSummry/TtlNtries/Sum declares ${declaredSum}, the entries' amounts add up to ${exactSum(all).toString()}`,
        at("TxsSummry/TtlNtries/Sum"),
      ),
    );
  for (const [tag, sign] of [
    ["TtlCdtNtries", "CRDT"],
    ["TtlDbtNtries", "DBIT"],
  ] as const) {
    const count = text(summary, tag, "NbOfNtries");
    const sum = text(summary, tag, "Sum");
    const matching = list(node, "Ntry").filter((n) => text(n, "CdtDbtInd") === sign);
    if (count !== null && Number(count) !== matching.length)
      findings.push(
        finding(
          "entry-count-mismatch",
          "error",
          `TxsSummry/${tag}/NbOfNtries declares ${count}, the statement has ${matching.length}`,
          at(`TxsSummry/${tag}/NbOfNtries`),
        ),
      );
    const actual = exactSum(matching.map((n) => new Decimal(text(n, "Amt") ?? "0")));
    if (sum !== null && AMOUNT.test(sum) && !new Decimal(sum).equals(actual))
      findings.push(
        finding(
          "entry-sum-mismatch",
          "error",
          `TxsSummry/${tag}/Sum declares ${sum}, those entries add up to ${actual.toString()}`,
          at(`TxsSummry/${tag}/Sum`),
        ),
      );
  }
  if (format === "camt.053") {
    const balance = balanceFinding(
      opening?.balance ?? null,
      closing?.balance ?? null,
      exactSum(booked),
      at("Bal"),
    );
    if (balance !== null) findings.push(balance);
  }
  const information = list(node, "AddtlStmtInf")
    .map((i) => text(i))
    .filter((i): i is string => i !== null);
  return {
    format,
    fileName,
    account,
    number: id,
    sequence: text(node, "ElctrncSeqNb") ?? text(node, "LglSeqNb"),
    date,
    openingBalance: opening?.balance ?? null,
    closingBalance: closing?.balance ?? null,
    entries,
    totals,
    information,
    findings,
    location: at(""),
  };
}
