import { existsSync, statSync } from "node:fs";
import type { ImportProgress, ImportReport, WriteProgress } from "@incasso/import-csv";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";
import { readJsonFile } from "../read-json-file.js";

/**
 * The declaration of `incasso import`: a client's file into the store by its import profile.
 *
 * @example
 * ```ts
 * import { commandHelp, IMPORT_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(IMPORT_COMMAND));
 * ```
 */
export const IMPORT_COMMAND: CommandSpec = {
  name: "import",
  summary:
    "imports a client's file (CSV or XLSX) by its import profile: cases, payments, contact updates or a mass action",
  arguments: [
    { name: "<profile.json>", description: "the import profile agreed with the client" },
    { name: "<file>", description: "the client's file: CSV in any encoding, or an XLSX workbook" },
  ],
  synopsis: "[--dry-run] [--result FILE] [--db DIR|URL] [--tenant ID]",
  options: [
    {
      name: "dry-run",
      description: "check and report everything the import would do, and write nothing",
    },
    {
      name: "result",
      value: "FILE",
      description:
        "write the result file: one line per row with its outcome, case and messages (.json for JSON, else CSV)",
    },
    { name: "lang", value: "nl|fr|en", description: "the language of the messages (default en)" },
    {
      name: "by",
      value: "NAME",
      description: "who imports, recorded on every event (default: cli)",
    },
    {
      name: "owners",
      value: "owners.json",
      description:
        'a mass action: the case owners\' mailboxes for their alerts, { "an.peeters": { "address": "an@firm.be", "language": "nl" } } or { "owners": {...}, "fallback": {...} }',
    },
    {
      name: "imported-at",
      value: "INSTANT",
      description:
        "the instant recorded as the import's (default: now), such as 2026-03-02T09:00:00Z",
    },
    ...STORE_OPTIONS,
  ],
  notes: [
    "Nothing is written before the whole file is read and checked; with onRowError stop-batch in the profile, a file with an error writes nothing at all.",
    "Importing the same file again changes nothing; a corrected file corrects the claims it imported before.",
    "Progress goes to stderr: a bar when stderr is a terminal, a line every few seconds otherwise.",
    "Exit code 0 when every row went in (or was already there), 1 when a row has an error or the batch stopped, 2 on bad usage, a bad profile or an unreadable file.",
    "Profiles, outcomes and result files: docs/import.md.",
  ],
  example:
    "incasso import profiles/bakkerij.json bakkerij-2026-03.csv --dry-run --result result.csv --db ./incasso-data",
};

/**
 * What `incasso import` answers: the lines to print, whether every row went in, and the report.
 *
 * @example
 * ```ts
 * import type { ImportCommandResult } from "@incasso/cli";
 * const code = (result: ImportCommandResult) => (result.ok ? 0 : 1);
 * ```
 */
export interface ImportCommandResult {
  readonly lines: string[];
  readonly ok: boolean;
  readonly report: ImportReport;
}

/**
 * Where progress goes: raw text redrawn in place on a terminal (`tty`), or whole lines.
 *
 * @example
 * ```ts
 * import type { ProgressSink } from "@incasso/cli";
 * const sink: ProgressSink = { tty: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) };
 * ```
 */
export interface ProgressSink {
  readonly tty: boolean;
  write(text: string): void;
}

type Mailbox = { readonly address: string; readonly language: "nl" | "fr" | "en" };

/** The owners' mailboxes of `--owners`: a map by owner, or `{ owners, fallback }`. */
function ownersOf(
  file: string | undefined,
): { owners: Record<string, Mailbox>; fallback?: Mailbox } | undefined {
  if (file === undefined) return undefined;
  const json = readJsonFile(file) as Record<string, unknown> | null;
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new UsageError(`--owners: expected a JSON object of mailboxes by owner (${file})`);
  }
  const wrapped =
    typeof json.owners === "object" && json.owners !== null && !("address" in json.owners);
  if (!wrapped) return { owners: json as Record<string, Mailbox> };
  const fallback = json.fallback as Mailbox | undefined;
  return {
    owners: json.owners as Record<string, Mailbox>,
    ...(fallback === undefined ? {} : { fallback }),
  };
}

/** A text from a client's file made safe for a terminal: control characters become `?`. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "?");
}

function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "?";
  const seconds = Math.round(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * Shows the reader's and the writer's progress (rows, rows per second, time left; cases written):
 * a bar redrawn in place on a terminal, else a plain line at most every `everyMs`.
 *
 * @example
 * ```ts
 * import { progressReporter } from "@incasso/cli";
 * const progress = progressReporter({ tty: false, write: (text) => process.stderr.write(text) });
 * progress.writing({ done: 10, total: 10 });
 * ```
 */
export function progressReporter(sink: ProgressSink, everyMs = 5000) {
  let last = -Infinity;
  let drawn = false;
  const line = (text: string, done: boolean) => {
    if (sink.tty) {
      sink.write(`\r\x1b[2K${text}${done ? "\n" : ""}`);
      drawn = !done;
      return;
    }
    const now = performance.now();
    if (!done && now - last < everyMs) return;
    last = now;
    sink.write(`${text}\n`);
  };
  return {
    reading(progress: ImportProgress) {
      const share =
        progress.totalBytes === null || progress.totalBytes === 0
          ? null
          : Math.min(1, progress.bytesRead / progress.totalBytes);
      const width = 24;
      const bar =
        share === null ? "" : `[${"#".repeat(Math.round(share * width)).padEnd(width, ".")}] `;
      line(
        `reading ${bar}${progress.rows} rows, ${Math.round(progress.rowsPerSecond)} rows/s, ${
          progress.done ? "done" : `ETA ${formatDuration(progress.etaMs)}`
        }`,
        progress.done,
      );
    },
    writing(progress: WriteProgress) {
      line(`writing ${progress.done}/${progress.total} cases`, progress.done === progress.total);
    },
    end() {
      if (drawn) sink.write("\n");
    },
  };
}

/**
 * Runs `incasso import <profile.json> <file>`: reads the profile, opens the store, runs the dry
 * run or the import with progress on stderr, writes the result file when asked, and answers the
 * summary lines: the totals, then every row that has an error or was skipped.
 *
 * @example
 * ```ts
 * import { importCommand, IMPORT_COMMAND, parseArguments } from "@incasso/cli";
 * const parsed = parseArguments(IMPORT_COMMAND, ["profile.json", "cases.csv", "--dry-run", "--db", "./data"]);
 * const { lines, ok } = await importCommand(parsed, { tty: false, write: (text) => process.stderr.write(text) });
 * ```
 */
export async function importCommand(
  parsed: ParsedArguments,
  sink: ProgressSink,
): Promise<ImportCommandResult> {
  const [profileFile, file] = parsed.positionals;
  if (profileFile === undefined || file === undefined) {
    throw new UsageError("import: expected <profile.json> and <file> (see incasso import --help)");
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(`${file}: expected the client's file (not found)`);
  }
  const language = parsed.value("lang") ?? "en";
  if (language !== "nl" && language !== "fr" && language !== "en") {
    throw new UsageError(`--lang: expected nl, fr or en (got: ${JSON.stringify(language)})`);
  }
  const importedAt = parsed.value("imported-at") ?? new Date().toISOString();
  const profile = readJsonFile(profileFile);
  const { applyImport, dryRunImport, parseImportProfile } = await import("@incasso/import-csv");
  parseImportProfile(profile); // a bad profile is answered before the store is opened
  const alerts = ownersOf(parsed.value("owners"));
  const result = parsed.value("result");
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  const progress = progressReporter(sink);
  let report: ImportReport;
  try {
    const options = {
      store: opened.store,
      scope: opened.scope,
      profile,
      source: file,
      importedAt,
      by: parsed.value("by") ?? "cli",
      onProgress: progress.reading,
      onWrite: progress.writing,
      progressIntervalMs: sink.tty ? 200 : 1000,
      ...(alerts === undefined ? {} : { alerts }),
      // The report keeps the rows with a problem; every row goes to the result file, written row
      // by row, so a file of any size imports in flat memory.
      detail: "problems" as const,
      ...(result === undefined
        ? {}
        : {
            resultFiles: result.toLowerCase().endsWith(".json")
              ? { json: result }
              : { csv: result, language: language as "nl" | "fr" | "en" },
          }),
    };
    report = parsed.flag("dry-run") ? await dryRunImport(options) : await applyImport(options);
  } finally {
    progress.end();
    await opened.close();
  }
  const t = report.totals;
  const lines = [
    `${report.dryRun ? "dry run" : "import"} of ${file} by profile ${report.profileId} (client ${report.clientId}, ${report.kind}) into ${opened.description}, tenant ${opened.scope.tenantId}`,
    `batch ${report.batchId}${report.stopped ? ": STOPPED, nothing written (onRowError stop-batch, or a row cut at the record limit)" : ""}`,
    `rows ${t.rows}: ${t.errors} with errors, ${t.skipped} skipped, ${t.duplicates} already there`,
    `cases: ${t.newCases} new, ${t.updatedCases} updated, ${t.unchangedCases} unchanged; debtors: ${t.newDebtors} new`,
    `claims: ${t.claimsAdded} added, ${t.claimsCorrected} corrected; payments: ${t.payments}; contacts: ${t.contactsAdded} added, ${t.contactsRetired} retired; actions: ${t.actionsOrdered} ordered, ${t.actionsNotExecuted} not executed`,
    ...(report.applied === null
      ? []
      : [
          `written: ${report.applied.appended} appends (${report.applied.replayed} replayed), ${report.applied.debtorsPut} debtors, ${report.applied.alertsEnqueued} owner alerts`,
        ]),
    ...report.ownerSummaries.map((summary) => `owner ${summary.text}`),
    ...report.rows
      .filter((row) => row.outcome === "error" || row.outcome === "skipped")
      .map(
        (row) =>
          `row ${row.row}: ${row.outcome}${row.caseId === null ? "" : ` (${row.caseId})`}${
            row.messages.length === 0
              ? ""
              : `: ${row.messages.map((message) => printable(message[language])).join(" | ")}`
          }`,
      ),
    ...(t.errors + t.skipped > report.rows.length
      ? [
          `… and ${t.errors + t.skipped - report.rows.length} more rows with an error or skipped${result === undefined ? " (--result FILE lists every row)" : ", in the result file"}`,
        ]
      : []),
    ...(result === undefined ? [] : [`result file: ${result}`]),
  ];
  return { lines, ok: !report.stopped && t.errors === 0 && t.skipped === 0, report };
}
