import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseEventJson, CaseStore, StoreScope } from "@incasso/core";
import { createHtmlRenderer, produceLetter, starterTemplate } from "@incasso/documents";
import type { ExportToBailiffInput, HandoverDocumentSources } from "../../src/index.js";

const at = (date: string) => `${date}T09:00:00Z`;

export interface SampleOptions {
  readonly caseNumber?: string;
  readonly client?: string;
  readonly clientName?: string;
  readonly debtorName?: string;
  readonly invoiceNumber?: string;
  readonly description?: string;
  readonly amounts?: readonly string[];
  readonly payments?: readonly string[];
  readonly rulePack?: "be.b2b" | "be.consumer";
  readonly consumer?: boolean;
}

/**
 * The events of a Belgian business case: two debtors (jointly liable), one with a national number
 * held on a recorded basis and one without, contacts, claims, a reminder, a dispute opened and
 * closed, a plan agreed and defaulted, payments and a returned letter.
 */
export function sampleEvents(options: SampleOptions = {}): CaseEventJson[] {
  const amounts = options.amounts ?? ["1250.00", "480.50"];
  const payments = options.payments ?? ["300.00"];
  const consumer = options.consumer ?? false;
  const events: CaseEventJson[] = [
    {
      id: "open",
      type: "case.opened",
      at: "2026-02-01",
      recordedAt: at("2026-02-01"),
      by: "clerk",
      caseNumber: options.caseNumber ?? "2026/00042",
      client: {
        id: options.client ?? "acme",
        name: options.clientName ?? "Acme NV",
        reference: "ACME-77",
      },
      debtors: [
        {
          id: "D1",
          kind: consumer ? "natural-person" : "legal-person",
          name: options.debtorName ?? "Bouwbedrijf Peeters BV",
          language: "nl",
          consumer,
          enterpriseNumber: consumer ? "" : "0403.170.701",
          nationalNumber: "85.07.30-033.28",
          nationalNumberBasis:
            "Judgment of the Ondernemingsrechtbank Gent, 2025-11-03 (identification of the debtor)",
          contacts: [
            {
              id: "D1-a",
              kind: "address",
              value: "Kerkstraat 1\n9000 Gent",
              current: true,
              source: "client",
              date: "2026-02-01",
            },
            {
              id: "D1-m",
              kind: "email",
              value: "boekhouding@peeters.example",
              current: true,
              source: "client",
              date: "2026-02-01",
            },
            {
              id: "D1-p",
              kind: "phone",
              value: "+3292345678",
              current: true,
              source: "client",
              date: "2026-02-01",
            },
          ],
        },
        {
          id: "D2",
          kind: "natural-person",
          name: "Jan Peeters",
          language: "nl",
          consumer,
          nationalNumber: "85.07.30-033.28",
          contacts: [
            {
              id: "D2-a",
              kind: "address",
              value: "Dorpsstraat 5\n9050 Gentbrugge",
              current: true,
              source: "registry",
              date: "2026-02-01",
            },
          ],
        },
      ],
      owner: "an.peeters",
      lawyer: "mr. De Smet",
      rulePack: options.rulePack ?? "be.b2b",
      paymentReference: "+++123/4567/89002+++",
      terms: { penalty: { kind: "percent", percent: "10", min: "50.00" } },
    },
    ...amounts.map(
      (amount, index): CaseEventJson => ({
        id: `claim-${index + 1}`,
        type: "claim.added",
        at: "2026-02-01",
        recordedAt: at("2026-02-01"),
        by: "clerk",
        claim: {
          id: `F${index + 1}`,
          invoiceNumber:
            index === 0 && options.invoiceNumber !== undefined
              ? options.invoiceNumber
              : `2025-${101 + index}`,
          invoiceDate: "2025-11-15",
          dueDate: "2025-12-15",
          amount,
          ...(options.description === undefined ? {} : { description: options.description }),
        },
      }),
    ),
    {
      id: "dispute-1",
      type: "dispute.opened",
      at: "2026-03-02",
      recordedAt: at("2026-03-02"),
      by: "clerk",
      reason: "Debtor says the work was not finished",
    },
    {
      id: "dispute-2",
      type: "dispute.closed",
      at: "2026-03-20",
      recordedAt: at("2026-03-20"),
      by: "clerk",
      outcome: "Site report shows completion; debtor withdrew",
    },
    {
      id: "plan-1",
      type: "plan.agreed",
      at: "2026-04-01",
      recordedAt: at("2026-04-01"),
      by: "clerk",
      planId: "P1",
      description: "6 monthly instalments",
    },
    ...payments.map(
      (amount, index): CaseEventJson => ({
        id: `payment-${index + 1}`,
        type: "payment.received",
        at: "2026-05-01",
        recordedAt: at("2026-05-01"),
        by: "clerk",
        paymentId: `PAY${index + 1}`,
        amount,
        reference: "+++123/4567/89002+++",
      }),
    ),
    {
      id: "plan-2",
      type: "plan.defaulted",
      at: "2026-06-15",
      recordedAt: at("2026-06-15"),
      by: "clerk",
      planId: "P1",
    },
    {
      id: "returned-1",
      type: "mail.returned",
      at: "2026-06-20",
      recordedAt: at("2026-06-20"),
      by: "clerk",
      channel: "post",
      reason: "moved",
    },
  ];
  return events;
}

export const OFFICE = {
  id: "dewolf",
  name: "Gerechtsdeurwaarder De Wolf & Partners",
  enterpriseNumber: "0123.456.749",
  addressLines: ["Veldstraat 10", "9000 Gent"],
  email: "dossiers@dewolf.example",
} as const;

export const SENDER = {
  name: "Advocatenkantoor De Smet",
  enterpriseNumber: "0566.988.259",
  lawyer: "mr. An De Smet",
  addressLines: ["Coupure 12", "9000 Gent"],
  email: "incasso@desmet.example",
} as const;

export const CREDITORS = {
  acme: {
    enterpriseNumber: "0403.019.261",
    iban: "BE68539007547034",
    addressLines: ["Industrieweg 3", "9000 Gent"],
  },
} as const;

/** Puts the client and appends a case with a letter produced through the renderer; returns its letters' bytes. */
export async function seedCase(
  store: CaseStore,
  scope: StoreScope,
  caseId: string,
  events: readonly CaseEventJson[],
  letters: Map<string, Uint8Array>,
): Promise<void> {
  const opened = events[0] as Extract<CaseEventJson, { type: "case.opened" }>;
  await store.putClient(scope, { id: opened.client.id, name: opened.client.name });
  const reminder = await produceLetter({
    renderer: createHtmlRenderer(),
    events: events.filter((event) => event.at <= "2026-07-01"),
    request: { kind: "reminder", date: "2026-07-01", creditor: { name: opened.client.name } },
    template: starterTemplate("reminder", "nl"),
    format: "html",
    by: "clerk",
    recordedAt: at("2026-07-01"),
  });
  letters.set(reminder.document.sha256, reminder.document.bytes);
  const withLetter = [
    ...events,
    ...reminder.events.map((event) => ({ ...event, id: "reminder-1" }) as CaseEventJson),
  ];
  await store.append(scope, { caseId, expectedVersion: 0, events: withLetter, asOf: "2026-07-01" });
}

export function documentSources(letters: Map<string, Uint8Array>): HandoverDocumentSources {
  return {
    renderer: createHtmlRenderer(),
    statementTemplate: (language) => starterTemplate("statement", language),
    statementFormat: "html",
    letter: async (_caseId, document) => letters.get(document.sha256) ?? null,
    invoice: async (_caseId, claim) =>
      claim.id === "F1"
        ? {
            bytes: new TextEncoder().encode(`%PDF-1.4 invoice ${claim.invoiceNumber}`),
            mediaType: "application/pdf",
          }
        : null,
  };
}

export function exportInput(
  store: ExportToBailiffInput["store"],
  scope: StoreScope,
  letters: Map<string, Uint8Array>,
  overrides: Partial<ExportToBailiffInput> = {},
): ExportToBailiffInput {
  return {
    store,
    scope,
    selection: { caseNumbers: ["2026/00042"] },
    office: OFFICE,
    sender: SENDER,
    phase: "amicable",
    cutOff: "2026-11-27",
    createdAt: "2026-11-27T09:00:00Z",
    by: "clerk",
    creditors: CREDITORS,
    documents: documentSources(letters),
    ...overrides,
  };
}

/** Validates XML text against an XSD with xmllint; returns xmllint's exit status and messages. */
export function xmllint(xml: string, xsd: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "handover-xml-"));
  const file = join(dir, "handover.xml");
  writeFileSync(file, xml);
  try {
    const run = spawnSync("xmllint", ["--noout", "--schema", xsd, file], { encoding: "utf8" });
    if (run.error !== undefined) throw run.error;
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value, or a failed test when it is missing. */
export function must<T>(value: T | null | undefined, what = "a value"): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}
