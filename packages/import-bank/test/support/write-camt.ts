import { Decimal } from "decimal.js";
import type { WritableEntry, WritableStatement } from "./spec.js";

// A camt.053 / camt.054 writer for tests, after ISO 20022 BankToCustomerStatement (.001.02 and
// later): Stmt with OPBD/CLBD balances and Ntry elements; a movement with `details` becomes one
// entry with a batch (NbOfTxs) and one TxDtls per detail.

function xmlText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function amountOf(entry: WritableEntry): Decimal {
  return entry.details !== undefined && entry.details.length > 0
    ? entry.details.reduce((sum, d) => sum.plus(amountOf(d)), new Decimal(0))
    : entry.amount;
}

function balance(code: string, amount: Decimal, currency: string, date: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount.abs().toFixed(2)}</Amt><CdtDbtInd>${amount.isNegative() ? "DBIT" : "CRDT"}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

function remittance(entry: WritableEntry): string {
  const parts: string[] = [];
  if (entry.communication !== undefined && entry.communication !== null)
    parts.push(`<Ustrd>${xmlText(entry.communication)}</Ustrd>`);
  const ref = entry.structuredReference;
  if (ref !== undefined && ref !== null) {
    const issuer = ref.kind === "ogm" ? "BBA" : ref.kind === "rf" ? "ISO" : "CUR";
    parts.push(
      `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>${issuer}</Issr></Tp><Ref>${xmlText(ref.value)}</Ref></CdtrRefInf></Strd>`,
    );
  }
  return parts.length === 0 ? "" : `<RmtInf>${parts.join("")}</RmtInf>`;
}

function txDetails(entry: WritableEntry, currency: string, withAmount: boolean): string {
  const party = entry.counterparty ?? {};
  const credit = !amountOf(entry).isNegative();
  const role = credit ? "Dbtr" : "Cdtr";
  const name = party.name ?? null;
  const iban = party.iban ?? null;
  const bic = party.bic ?? null;
  const parties =
    name === null && iban === null
      ? ""
      : `<RltdPties>${name === null ? "" : `<${role}><Nm>${xmlText(name)}</Nm></${role}>`}${iban === null ? "" : `<${role}Acct><Id><IBAN>${iban}</IBAN></Id></${role}Acct>`}</RltdPties>`;
  const agents =
    bic === null
      ? ""
      : `<RltdAgts><${role}Agt><FinInstnId><BIC>${bic}</BIC></FinInstnId></${role}Agt></RltdAgts>`;
  const amount = withAmount
    ? `<Amt Ccy="${currency}">${entry.amount.abs().toFixed(2)}</Amt><CdtDbtInd>${entry.amount.isNegative() ? "DBIT" : "CRDT"}</CdtDbtInd>`
    : "";
  return `<TxDtls><Refs><EndToEndId>${xmlText(entry.endToEndId ?? "NOTPROVIDED")}</EndToEndId></Refs>${amount}${parties}${agents}${remittance(entry)}</TxDtls>`;
}

function entryXml(entry: WritableEntry, index: number, currency: string, date: string): string {
  const amount = amountOf(entry);
  const details = entry.details !== undefined && entry.details.length > 0 ? entry.details : null;
  const booking = (entry.bookingDate ?? entry.valueDate).toString();
  const inner =
    details === null
      ? txDetails(entry, currency, false)
      : `<Btch><NbOfTxs>${details.length}</NbOfTxs></Btch>${details.map((d) => txDetails(d, currency, true)).join("")}`;
  return `<Ntry><NtryRef>${index + 1}</NtryRef><Amt Ccy="${currency}">${amount.abs().toFixed(2)}</Amt><CdtDbtInd>${amount.isNegative() ? "DBIT" : "CRDT"}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${booking}</Dt></BookgDt><ValDt><Dt>${entry.valueDate.toString()}</Dt></ValDt><AcctSvcrRef>${xmlText(entry.bankReference ?? `${date}-${index + 1}`)}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${amount.isNegative() ? "ICDT" : "RCDT"}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls>${inner}</NtryDtls></Ntry>`;
}

function statementXml(statement: WritableStatement, tag: "Stmt" | "Ntfctn"): string {
  const currency = statement.currency ?? "EUR";
  const date = statement.date.toString();
  const movements = statement.entries.reduce((sum, e) => sum.plus(amountOf(e)), new Decimal(0));
  const closing = statement.closingBalance ?? statement.openingBalance.plus(movements);
  const credits = statement.entries.filter((e) => !amountOf(e).isNegative());
  const debits = statement.entries.filter((e) => amountOf(e).isNegative());
  const sum = (list: readonly WritableEntry[]): string =>
    list.reduce((s, e) => s.plus(amountOf(e).abs()), new Decimal(0)).toFixed(2);
  const balances =
    tag === "Stmt"
      ? `${balance("OPBD", statement.openingBalance, currency, statement.date.subtract({ days: 1 }).toString())}${balance("CLBD", closing, currency, date)}`
      : "";
  return `<${tag}><Id>${date}-${statement.statementNumber}</Id><ElctrncSeqNb>${statement.statementNumber}</ElctrncSeqNb><CreDtTm>${date}T18:00:00</CreDtTm><Acct><Id><IBAN>${statement.account}</IBAN></Id><Ccy>${currency}</Ccy>${statement.holder === undefined ? "" : `<Ownr><Nm>${xmlText(statement.holder)}</Nm></Ownr>`}</Acct>${balances}<TxsSummry><TtlNtries><NbOfNtries>${statement.entries.length}</NbOfNtries></TtlNtries><TtlCdtNtries><NbOfNtries>${credits.length}</NbOfNtries><Sum>${sum(credits)}</Sum></TtlCdtNtries><TtlDbtNtries><NbOfNtries>${debits.length}</NbOfNtries><Sum>${sum(debits)}</Sum></TtlDbtNtries></TxsSummry>${statement.entries.map((e, i) => entryXml(e, i, currency, date)).join("")}</${tag}>`;
}

/**
 * Writes statements as one camt.053.001.08 document (UTF-8 XML), which `parseBankFile` reads
 * back. An OGM goes into `Strd/CdtrRefInf` with `Tp/CdOrPrtry/Cd` `SCOR` and `Issr` `BBA`, an RF
 * with `Issr` `ISO`, a Dutch payment reference with `Issr` `CUR` (as Rabobank writes it).
 */
export function writeCamt053(
  statement: WritableStatement | readonly WritableStatement[],
  version = "001.08",
): string {
  const list = Array.isArray(statement) ? statement : [statement as WritableStatement];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.${version}"><BkToCstmrStmt><GrpHdr><MsgId>TEST-${list[0]?.date.toString() ?? ""}</MsgId><CreDtTm>${list[0]?.date.toString() ?? "2026-01-01"}T18:00:00</CreDtTm></GrpHdr>${list.map((s) => statementXml(s, "Stmt")).join("")}</BkToCstmrStmt></Document>\n`;
}

/** Writes a statement's movements as a camt.054.001.08 notification (no balances). */
export function writeCamt054(statement: WritableStatement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>TEST</MsgId><CreDtTm>${statement.date.toString()}T18:00:00</CreDtTm></GrpHdr>${statementXml(statement, "Ntfctn")}</BkToCstmrDbtCdtNtfctn></Document>\n`;
}
