// Bank statements for the work page and the API, as `incasso bank` runs them: the file read and
// matched by @incasso/import-bank (`importBankFile`), what its checks found kept beside the batch,
// the entries of a batch read back with their review state, and a clerk's decision on one
// (`reviewEntry`).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreScope } from "@incasso/core";
import type {
  BankEntryDetail,
  BankImportResult,
  Finding,
  ReviewDecision,
  ReviewResult,
} from "@incasso/import-bank";
import {
  bankEntryDetailSchema,
  importBankFile,
  parseBankFile,
  reviewBatchId,
  reviewEntry,
} from "@incasso/import-bank";
import type { ServerServices, SessionUser } from "../context.js";
import { actorOf, workDir } from "./work-files.js";

/**
 * A finding of the bank file checks, with the file it is about.
 *
 * @example
 * ```ts
 * const serious = (findings: BankFinding[]) => findings.filter((f) => f.severity === "error");
 * ```
 */
export interface BankFinding {
  readonly file: string;
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly line: number | null;
}

/**
 * The clients a bank import may be kept under (the store requires an existing client): the
 * tenant's clients, the first one being the default.
 *
 * @example
 * ```ts
 * const [first] = await bankClients(services, scope);
 * ```
 */
export async function bankClients(
  services: ServerServices,
  scope: StoreScope,
): Promise<{ id: string; name: string }[]> {
  return (await services.store.listClients(scope))
    .map((client) => ({ id: client.id, name: client.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const BATCH_ID = /^bank-[0-9a-f]{32}$/;

async function findingsOf(files: readonly { name: string; bytes: Uint8Array }[]) {
  const findings: BankFinding[] = [];
  for (const file of files) {
    const parsed = await parseBankFile(file.bytes, { fileName: file.name });
    const all: Finding[] = [
      ...parsed.findings,
      ...parsed.statements.flatMap((statement) => statement.findings),
    ];
    for (const finding of all)
      findings.push({
        file: file.name,
        code: finding.code,
        severity: finding.severity,
        message: finding.message,
        line: finding.location.line ?? null,
      });
  }
  return findings;
}

/**
 * Imports bank statements: reads each file (CODA, camt.053/054, MT940 or a ZIP of them), keeps
 * what the file checks found, matches every entry to a case and records the payments it is sure
 * of; the others wait for review. A bad file is an `IncassoError` naming it.
 *
 * @example
 * ```ts
 * const { result, findings } = await importStatements(services, scope, user, "firm-account", [{ name: "day.cod", bytes }]);
 * ```
 */
export async function importStatements(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  clientId: string,
  files: readonly { name: string; bytes: Uint8Array }[],
): Promise<{ result: BankImportResult; findings: BankFinding[] }> {
  const findings = await findingsOf(files);
  const result = await importBankFile({
    store: services.store,
    scope,
    clientId,
    files,
    importedAt: services.now().toString(),
    by: actorOf(user),
    asOf: services.today().toString(),
  });
  await writeFile(
    join(
      await workDir(services.dataDir, scope.tenantId, "bank-findings"),
      `${result.batchId}.json`,
    ),
    JSON.stringify(findings),
  );
  return { result, findings };
}

/**
 * One entry of a bank import batch as the page shows it, with its review.
 *
 * @example
 * ```ts
 * const waiting = (entries: BatchEntry[]) => entries.filter((e) => e.outcome === "proposed" && e.review === null);
 * ```
 */
export interface BatchEntry {
  readonly row: number;
  readonly outcome: string;
  readonly detail: BankEntryDetail;
  /** The clerk's decision, when the entry was reviewed. */
  readonly review: ReviewDecision | null;
}

/**
 * A bank import batch read back from the store: its entries with their review state, and the
 * findings kept when it was imported. Null when the batch is not in the scope.
 *
 * @example
 * ```ts
 * const batch = await readBankBatch(services, scope, "bank-0123456789abcdef0123456789abcdef");
 * ```
 */
export async function readBankBatch(
  services: ServerServices,
  scope: StoreScope,
  batchId: string,
): Promise<{
  batchId: string;
  importedAt: string;
  source: string;
  clientId: string;
  entries: BatchEntry[];
  findings: BankFinding[];
} | null> {
  if (!BATCH_ID.test(batchId)) return null;
  const batch = await services.store.getImportBatch(scope, batchId);
  if (batch === null) return null;
  const reviews = new Map<string, ReviewDecision>();
  for (const other of await services.store.listImportBatches(scope, {
    clientId: batch.clientId,
  })) {
    if (!other.id.startsWith(`${batchId}/review/`)) continue;
    const decision = other.rows[0]?.detail?.decision as ReviewDecision | undefined;
    if (decision !== undefined) reviews.set(other.id, decision);
  }
  let findings: BankFinding[] = [];
  try {
    findings = JSON.parse(
      await readFile(
        join(await workDir(services.dataDir, scope.tenantId, "bank-findings"), `${batchId}.json`),
        "utf8",
      ),
    ) as BankFinding[];
  } catch {
    // Imported elsewhere (the CLI): no findings kept.
  }
  return {
    batchId,
    importedAt: batch.importedAt,
    source: batch.source,
    clientId: batch.clientId,
    findings,
    entries: batch.rows.map((row) => ({
      row: row.row,
      outcome: row.outcome,
      detail: bankEntryDetailSchema.parse(row.detail),
      review: reviews.get(reviewBatchId(batchId, row.row)) ?? null,
    })),
  };
}

/**
 * The case a clerk names on review, by case number or case id; null when none is in the scope.
 *
 * @example
 * ```ts
 * const caseId = await caseIdOf(services, scope, "2026/00042");
 * ```
 */
export async function caseIdOf(
  services: ServerServices,
  scope: StoreScope,
  text: string,
): Promise<string | null> {
  const wanted = text.trim();
  if (wanted === "") return null;
  try {
    const page = await services.store.listCases(scope, { caseNumbers: [wanted], limit: 2 });
    if (page.items.length === 1) return page.items[0]?.caseId ?? null;
  } catch {
    // Not a valid case number: try it as an id.
  }
  try {
    return (await services.store.getCase(scope, wanted))?.caseId ?? null;
  } catch {
    return null;
  }
}

/**
 * Records a clerk's decision on a proposed or unmatched entry: accept the proposal, assign it to
 * another case, or reject it; the payment lands on the case with its imputation.
 *
 * @example
 * ```ts
 * await reviewBankEntry(services, scope, user, batchId, 3, { kind: "accept" });
 * ```
 */
export function reviewBankEntry(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  batchId: string,
  row: number,
  decision: ReviewDecision,
): Promise<ReviewResult> {
  return reviewEntry({
    store: services.store,
    scope,
    batchId,
    row,
    decision,
    at: services.now().toString(),
    by: actorOf(user),
    asOf: services.today().toString(),
  });
}
