// Imports of clients' files for the work page and the API: the dry run (answered at once) and the
// apply (run in the background, followed by its progress URL), both by @incasso/import-csv as
// `incasso import` runs them.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreScope } from "@incasso/core";
import type { ImportReport } from "@incasso/import-csv";
import { applyImport, dryRunImport } from "@incasso/import-csv";
import type { Language, ServerServices, SessionUser } from "../context.js";
import { defineMessages } from "../web/messages.js";
import type { Job, JobRegistry } from "./job-registry.js";
import { createJobRegistry } from "./job-registry.js";
import { actorOf, workDir } from "./work-files.js";

/**
 * What an apply job keeps when it is done.
 *
 * @example
 * ```ts
 * const errors = (result: ImportJobResult) => result.report.totals.errors;
 * ```
 */
export interface ImportJobResult {
  readonly report: ImportReport;
  readonly fileName: string;
}

/**
 * An import job.
 *
 * @example
 * ```ts
 * const done = (job: ImportJob) => job.state === "done";
 * ```
 */
export type ImportJob = Job<ImportJobResult>;

const registries = new WeakMap<ServerServices, JobRegistry<ImportJobResult>>();

/**
 * The import jobs of a server (one registry per composition root, shared by the page and the API).
 *
 * @example
 * ```ts
 * const job = importJobsOf(c.get("services")).get(c.get("scope").tenantId, id);
 * ```
 */
export function importJobsOf(services: ServerServices): JobRegistry<ImportJobResult> {
  let registry = registries.get(services);
  if (registry === undefined) {
    registry = createJobRegistry<ImportJobResult>(() => services.now().toString());
    registries.set(services, registry);
  }
  return registry;
}

/**
 * What an import reads: the profile (JSON as agreed), the file's bytes and its name.
 *
 * @example
 * ```ts
 * const input: ImportInput = { profile, bytes: new TextEncoder().encode("Dossier;..."), fileName: "acme.csv" };
 * ```
 */
export interface ImportInput {
  readonly profile: unknown;
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

const optionsOf = (
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  input: ImportInput,
) => ({
  store: services.store,
  scope,
  profile: input.profile,
  source: input.bytes,
  sourceName: input.fileName,
  importedAt: services.now().toString(),
  by: actorOf(user),
  timeZone: services.timeZone,
});

/**
 * Runs the dry run of an import: every row read, checked and planned, nothing written.
 *
 * @example
 * ```ts
 * const report = await dryRun(services, scope, user, { profile, bytes, fileName: "cases.csv" });
 * ```
 */
export function dryRun(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  input: ImportInput,
): Promise<ImportReport> {
  return dryRunImport(optionsOf(services, scope, user, input));
}

/**
 * Starts the apply of an import in the background and answers its job at once; the job's progress
 * follows the reader (rows, rows per second, time left: the first half of the bar) and the writer
 * (cases written: the second half).
 *
 * @example
 * ```ts
 * const job = startApply(services, scope, user, { profile, bytes, fileName: "cases.csv" });
 * ```
 */
export function startApply(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  input: ImportInput,
): ImportJob {
  const job: ImportJob = importJobsOf(services).start(scope.tenantId, "import", async (update) => {
    const report = await applyImport({
      ...optionsOf(services, scope, user, input),
      progressIntervalMs: 250,
      onProgress: (progress) =>
        update({
          rows: progress.rows,
          rowsPerSecond: Math.round(progress.rowsPerSecond),
          etaMs: progress.etaMs,
          share:
            progress.done || progress.totalBytes === null || progress.totalBytes === 0
              ? 0.5
              : Math.min(0.5, progress.bytesRead / progress.totalBytes / 2),
        }),
      onWrite: (progress) =>
        update({
          casesWritten: progress.done,
          casesTotal: progress.total,
          share: progress.total === 0 ? 1 : 0.5 + progress.done / progress.total / 2,
        }),
    });
    const result = { report, fileName: input.fileName };
    await writeFile(
      join(await workDir(services.dataDir, scope.tenantId, "import-results"), `${job.id}.json`),
      JSON.stringify({
        ...result,
        startedAt: job.startedAt,
        finishedAt: services.now().toString(),
      }),
    );
    return result;
  });
  return job;
}

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An import job of the tenant: a running or recent one from the server's memory, or a finished
 * one read back from the result it kept in the data directory (so the result files outlive a
 * restart). Null when there is none.
 *
 * @example
 * ```ts
 * const job = await findImportJob(services, "firm-1", id);
 * ```
 */
export async function findImportJob(
  services: ServerServices,
  tenantId: string,
  id: string,
): Promise<ImportJob | null> {
  const known = importJobsOf(services).get(tenantId, id);
  if (known !== null || !JOB_ID.test(id)) return known;
  try {
    const kept = JSON.parse(
      await readFile(
        join(await workDir(services.dataDir, tenantId, "import-results"), `${id}.json`),
        "utf8",
      ),
    ) as ImportJobResult & { startedAt: string; finishedAt: string };
    return {
      id,
      tenantId,
      kind: "import",
      startedAt: kept.startedAt,
      finishedAt: kept.finishedAt,
      state: "done",
      progress: {
        rows: kept.report.totals.rows,
        rowsPerSecond: 0,
        etaMs: 0,
        casesWritten: kept.report.cases.length,
        casesTotal: kept.report.cases.length,
        share: 1,
      },
      result: { report: kept.report, fileName: kept.fileName },
      error: null,
    };
  } catch {
    return null;
  }
}

const messages = defineMessages({
  nl: {
    running:
      "Bezig: {rows} rijen gelezen, {rate} rijen/s, nog {eta} s; {written} van {total} dossiers geschreven.",
    done: "Klaar: {written} dossiers geschreven.",
    failed: "De import is mislukt: {error}",
  },
  fr: {
    running:
      "En cours : {rows} lignes lues, {rate} lignes/s, encore {eta} s ; {written} dossiers écrits sur {total}.",
    done: "Terminé : {written} dossiers écrits.",
    failed: "L'import a échoué : {error}",
  },
  en: {
    running:
      "Running: {rows} rows read, {rate} rows/s, {eta} s left; {written} of {total} cases written.",
    done: "Done: {written} cases written.",
    failed: "The import failed: {error}",
  },
});

/**
 * The state of an import job in words, in the page's language.
 *
 * @example
 * ```ts
 * progressMessage("nl", job); // "Bezig: 1200 rijen gelezen, 300 rijen/s, nog 4 s; 0 van 0 dossiers geschreven."
 * ```
 */
export function progressMessage(lang: Language, job: ImportJob): string {
  const p = job.progress;
  if (job.state === "failed") return messages(lang, "failed", { error: job.error ?? "" });
  if (job.state === "done")
    return messages(lang, "done", { written: job.result?.report.applied?.appended ?? 0 });
  return messages(lang, "running", {
    rows: p.rows,
    rate: p.rowsPerSecond,
    eta: p.etaMs === null ? "?" : Math.ceil(p.etaMs / 1000),
    written: p.casesWritten,
    total: p.casesTotal,
  });
}

/**
 * The progress document of an import job, as `/api/work/import/:batchId` answers it and the page's
 * progress bar reads it (`done` of `total`, `finished`, `message`: the contract of the server's
 * script), with the figures (rows, rows per second, time left, cases written) and, when finished,
 * the batch, its totals and the result files.
 *
 * @example
 * ```ts
 * c.json(progressOf(job, "en"));
 * ```
 */
export function progressOf(job: ImportJob, lang: Language) {
  const report = job.result?.report ?? null;
  return {
    id: job.id,
    state: job.state,
    finished: job.state !== "running",
    done: Math.round(job.progress.share * 100),
    total: 100,
    message: progressMessage(lang, job),
    rows: job.progress.rows,
    rowsPerSecond: job.progress.rowsPerSecond,
    etaSeconds: job.progress.etaMs === null ? null : Math.ceil(job.progress.etaMs / 1000),
    casesWritten: job.progress.casesWritten,
    casesTotal: job.progress.casesTotal,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error: job.error,
    batchId: report?.batchId ?? null,
    totals: report?.totals ?? null,
    resultCsv: report === null ? null : `/work/import/jobs/${job.id}/result.csv`,
    resultJson: report === null ? null : `/work/import/jobs/${job.id}/result.json`,
    page: `/work/import/jobs/${job.id}`,
  };
}
