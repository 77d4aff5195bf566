// The demo's bank statement: a camt.053 (ISO 20022 BankToCustomerStatement, version 02) of the
// Belgian firm's client account for yesterday, built from the demo cases' structured references
// (OGM/VCS, as the Belgian creditor reference `SCOR` issued by `BBA`) and one transfer that names
// only the invoice in free text, so the review queue has something to decide. Written to
// `<dataDir>/demo/` for a newcomer to upload on the bank page.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import type { ReferenceServices } from "../services.js";
import { demoCases } from "./cases.js";
import { DEMO_TENANTS } from "./logins.js";

/** The client account of the Belgian demo firm. */
export const DEMO_ACCOUNT_IBAN = "BE68539007547034";

/**
 * A Belgian IBAN of a bank code and account number, with its check digits (ISO 13616, mod 97).
 *
 * @example
 * ```ts
 * belgianIban("539", "0075470", 34); // "BE68539007547034"
 * ```
 */
export function belgianIban(bank: string, account: string, check: number): string {
  const bban = `${bank}${account}${String(check).padStart(2, "0")}`;
  const digits = `${bban}111400`; // B=11 E=14, then "00"
  const remainder = BigInt(digits) % 97n;
  return `BE${String(98n - remainder).padStart(2, "0")}${bban}`;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[ch] ?? ch,
  );

interface Entry {
  readonly amount: string;
  readonly debtorName: string;
  readonly debtorIban: string;
  readonly reference: { readonly structured: string } | { readonly text: string };
  readonly id: string;
}

/**
 * The camt.053 bytes of the demo statement for a booking date.
 *
 * @example
 * ```ts
 * const xml = demoStatementXml(Temporal.PlainDate.from("2026-03-02"));
 * ```
 */
export function demoStatementXml(
  bookingDate: { toString(): string },
  today: Parameters<typeof demoCases>[0],
): string {
  const date = bookingDate.toString();
  const cases = demoCases(today).filter((demo) => demo.tenantId === DEMO_TENANTS.belgium);
  const debtorOf = (demo: (typeof cases)[number]) => {
    const opened = demo.events[0] as { debtors?: { name: string }[] };
    return opened.debtors?.[0]?.name ?? demo.caseId;
  };
  const entries: Entry[] = cases
    .filter((demo) => demo.statementPayment !== undefined)
    .map((demo, index) => ({
      amount: demo.statementPayment as string,
      debtorName: debtorOf(demo),
      debtorIban: belgianIban("001", String(4_100_000 + index * 137).padStart(7, "0"), 10 + index),
      reference: { structured: demo.paymentReference.replace(/\D/g, "") },
      id: `DEMO-${date.replace(/-/g, "")}-${index + 1}`,
    }));
  const lambert = cases.find((demo) => debtorOf(demo) === "Julie Lambert");
  if (lambert !== undefined) {
    const claim = lambert.events.find((event) => event.type === "claim.added") as
      | { claim: { invoiceNumber?: string; amount: string } }
      | undefined;
    // Half of the invoice, named only in free text: the match is proposed for review, not applied.
    entries.push({
      amount: new Decimal(claim?.claim.amount ?? "239.40").dividedBy(2).toFixed(2),
      debtorName: "J. Lambert",
      debtorIban: belgianIban("310", "1234567", 55),
      reference: { text: `Facture ${claim?.claim.invoiceNumber ?? ""} Lambert` },
      id: `DEMO-${date.replace(/-/g, "")}-${entries.length + 1}`,
    });
  }
  const total = entries.reduce((sum, entry) => sum + Math.round(Number(entry.amount) * 100), 0);
  const cents = (value: number) =>
    `${Math.floor(value / 100)}.${String(value % 100).padStart(2, "0")}`;
  const opening = 1_250_000;
  const ntry = entries
    .map(
      (entry) => `      <Ntry>
        <NtryRef>${entry.id}</NtryRef>
        <Amt Ccy="EUR">${entry.amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt>
        <ValDt><Dt>${date}</Dt></ValDt>
        <AcctSvcrRef>${entry.id}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>${entry.id}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${entry.amount}</Amt></TxAmt></AmtDtls>
            <RltdPties>
              <Dbtr><Nm>${escapeXml(entry.debtorName)}</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>${entry.debtorIban}</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf>
${
  "structured" in entry.reference
    ? `              <Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${entry.reference.structured}</Ref></CdtrRefInf></Strd>`
    : `              <Ustrd>${escapeXml(entry.reference.text)}</Ustrd>`
}
            </RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>INCASSO-DEMO-${date}</MsgId>
      <CreDtTm>${date}T23:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>INCASSO-DEMO-${date}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>${date}T23:00:00</CreDtTm>
      <FrToDt><FrDtTm>${date}T00:00:00</FrDtTm><ToDtTm>${date}T23:59:59</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>${DEMO_ACCOUNT_IBAN}</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>Advocatenkantoor Peeters - derdenrekening</Nm></Ownr>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">${cents(opening)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>${date}</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">${cents(opening + total)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>${date}</Dt></Dt>
      </Bal>
      <TxsSummry>
        <TtlCdtNtries><NbOfNtries>${entries.length}</NbOfNtries><Sum>${cents(total)}</Sum></TtlCdtNtries>
      </TxsSummry>
${ntry}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

/**
 * Writes the demo statement (booked yesterday) to `<dataDir>/demo/` and answers its path.
 *
 * @example
 * ```ts
 * const path = await writeDemoStatement(services);
 * ```
 */
export async function writeDemoStatement(services: ReferenceServices): Promise<string> {
  const today = services.today();
  const booked = today.subtract({ days: 1 });
  const dir = join(services.dataDir, "demo");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `camt053-peeters-${booked.toString()}.xml`);
  await writeFile(path, demoStatementXml(booked, today), "utf8");
  return path;
}
