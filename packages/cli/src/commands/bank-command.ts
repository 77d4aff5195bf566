import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describeMatchReason, Temporal } from "@incasso/core";
import type { BankEntryDetail, BankImportResult, ReviewDecision } from "@incasso/import-bank";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";
import { InputFileError } from "../read-json-file.js";

/**
 * The declaration of `incasso bank`: `bank import` reads bank statements (CODA, camt.053/054,
 * MT940, or a ZIP of them), matches every entry to a case and records what it is sure of;
 * `bank review` lists the entries waiting for a clerk, or decides one.
 *
 * @example
 * ```ts
 * import { BANK_COMMAND, commandHelp } from "@incasso/cli";
 * console.log(commandHelp(BANK_COMMAND));
 * ```
 */
export const BANK_COMMAND: CommandSpec = {
  name: "bank",
  summary:
    "imports bank statements and matches payments to cases, with the score and reasons of each; reviews what it was not sure of",
  arguments: [
    { name: "import|review", description: "import: read statements; review: the review queue" },
    {
      name: "[file|batch row]...",
      description:
        "import: the bank files; review: a batch id and row to decide (none: list the queue)",
      variadic: true,
    },
  ],
  synopsis:
    "import <file>... [--client ID] [--dry-run] [--json] [--db DIR|URL] [--tenant ID] | review [<batch> <row> (--accept | --reassign CASE | --reject REASON)]",
  options: [
    {
      name: "client",
      value: "ID",
      description:
        "the client the import batch and its review queue are kept under (the creditor whose account it is, or the firm's third-party account); required unless --dry-run",
    },
    { name: "dry-run", description: "match and print only: nothing is stored" },
    { name: "json", description: "print the result as JSON" },
    {
      name: "language",
      value: "nl|fr|en",
      description: "the language of the reasons (default en)",
    },
    {
      name: "as-of",
      value: "YYYY-MM-DD",
      description: "the date balances are read as of (default: today)",
    },
    {
      name: "at",
      value: "INSTANT",
      description: "the instant recorded as the import's or decision's (default: now)",
    },
    { name: "by", value: "NAME", description: "who imports or decides (default: cli)" },
    { name: "accept", description: "review: record what was proposed" },
    {
      name: "reassign",
      value: "CASE",
      description: "review: record the entry on this case id instead",
    },
    {
      name: "payment",
      value: "ID",
      description: "review --reassign of a debit: the payment of the case it returns",
    },
    { name: "reject", value: "REASON", description: "review: the entry is not ours to record" },
    ...STORE_OPTIONS,
  ],
  notes: [
    "bank import prints per entry the decision (applied, proposed, unmatched, duplicate, ignored), the case, the score out of 100 and its reasons, then the totals.",
    "Importing the same file again, or the same day's statement in another format, records nothing twice.",
    "Matching, scores, review and idempotency: docs/bank-statements.md.",
  ],
  example: "incasso bank import 2026-03-02.cod --client firm-account --db ./incasso-data",
};

const WORDS: Record<BankEntryDetail["decision"], string> = {
  apply: "applied",
  propose: "proposed",
  unmatched: "unmatched",
  duplicate: "duplicate",
  ignore: "ignored",
};

function instantOption(parsed: ParsedArguments): string {
  const at = parsed.value("at");
  if (at === undefined) return Temporal.Now.instant().toString();
  try {
    return Temporal.Instant.from(at).toString();
  } catch {
    throw new UsageError(
      `--at: expected an ISO instant such as 2026-03-03T08:00:00Z, got ${JSON.stringify(at)}`,
    );
  }
}

function languageOption(parsed: ParsedArguments): "nl" | "fr" | "en" {
  const language = parsed.value("language") ?? "en";
  if (language !== "nl" && language !== "fr" && language !== "en")
    throw new UsageError(`--language: expected nl, fr or en, got ${JSON.stringify(language)}`);
  return language;
}

/**
 * The lines `incasso bank import` prints for a result: one block per entry (row, date, amount,
 * payer, the decision with the case and score, the parts of a split, each reason in words) and the
 * totals.
 *
 * @example
 * ```ts
 * import { bankImportLines } from "@incasso/cli";
 * declare const result: import("@incasso/import-bank").BankImportResult;
 * bankImportLines(result, "nl").join("\n");
 * ```
 */
export function bankImportLines(
  result: BankImportResult,
  language: "nl" | "fr" | "en" = "en",
): string[] {
  const lines: string[] = [];
  for (const { row, detail, stored } of result.entries) {
    const entry = detail.entry;
    const amount = entry.amount.startsWith("-") ? entry.amount : `+${entry.amount}`;
    const payer = [entry.counterpartyName, entry.counterpartyIban]
      .filter((part) => part !== null)
      .join(" ");
    const target =
      detail.allocations.length > 0
        ? detail.allocations
            .map(
              (part) =>
                `${part.caseNumber}${detail.allocations.length > 1 ? ` ${part.amount}` : ""}`,
            )
            .join(", ")
        : detail.reversals.length > 0
          ? `returns ${detail.reversals.map((reversal) => `${reversal.paymentId} on ${reversal.caseNumber}`).join(", ")}`
          : (detail.candidates[0]?.caseNumber ?? "");
    const already = stored === "already-recorded" ? " (recorded before)" : "";
    lines.push(
      `${String(row).padStart(4)}  ${entry.valueDate}  ${amount.padStart(12)} ${entry.currency}  ${payer === "" ? "-" : payer}`,
    );
    lines.push(
      `      ${WORDS[detail.decision]}${already}${target === "" ? "" : `  ${target}`}  score ${detail.score}`,
    );
    for (const reason of detail.reasons)
      lines.push(`        ${describeMatchReason(reason, language)}`);
    if (detail.note !== null) lines.push(`        ${detail.note}`);
  }
  const t = result.totals;
  lines.push(
    "",
    `${t.entries} entries: ${t.applied} applied (${t.appliedAmount}), ${t.proposed} proposed, ${t.unmatched} unmatched, ${t.duplicates} duplicates, ${t.reversals} reversals, ${t.ignored} ignored`,
    result.dryRun
      ? "dry run: nothing was stored"
      : `batch ${result.batchId}${result.resumed ? " (imported before: its plan was carried out again)" : ""}`,
  );
  return lines;
}

/**
 * Runs `incasso bank`: `import` reads the files, matches and (unless `--dry-run`) records;
 * `review` lists the review queue or decides one entry. Answers the lines to print and whether
 * it went well.
 *
 * @example
 * ```ts
 * import { bankCommand, parseArguments, BANK_COMMAND } from "@incasso/cli";
 * const parsed = parseArguments(BANK_COMMAND, ["import", "day.cod", "--dry-run", "--db", "./incasso-data"]);
 * const { lines } = await bankCommand(parsed);
 * ```
 */
export async function bankCommand(
  parsed: ParsedArguments,
): Promise<{ lines: string[]; ok: boolean }> {
  const [action, ...rest] = parsed.positionals;
  if (action !== "import" && action !== "review")
    throw new UsageError(`bank: expected import or review, got ${JSON.stringify(action ?? "")}`);
  const language = languageOption(parsed);
  const by = parsed.value("by") ?? "cli";
  const at = instantOption(parsed);
  const bank = await import("@incasso/import-bank");
  if (action === "import") {
    if (rest.length === 0) throw new UsageError("bank import: expected at least one bank file");
    const dryRun = parsed.flag("dry-run");
    const clientId = parsed.value("client");
    if (clientId === undefined && !dryRun)
      throw new UsageError(
        "bank import: --client is required (the client the import batch is kept under) unless --dry-run",
      );
    const files = rest.map((path) => {
      try {
        return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
      } catch (error) {
        throw new InputFileError(
          path,
          path,
          `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        );
      }
    });
    const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
    try {
      const asOf = parsed.value("as-of");
      const result = await bank.importBankFile({
        store: opened.store,
        scope: opened.scope,
        clientId: clientId ?? "dry-run",
        files,
        importedAt: at,
        by,
        dryRun,
        ...(asOf === undefined ? {} : { asOf }),
      });
      if (parsed.flag("json")) return { lines: [JSON.stringify(result, null, 2)], ok: true };
      return { lines: bankImportLines(result, language), ok: true };
    } finally {
      await opened.close();
    }
  }
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    if (rest.length === 0) {
      const queue = await bank.listReviewQueue({ store: opened.store, scope: opened.scope });
      if (parsed.flag("json")) return { lines: [JSON.stringify(queue, null, 2)], ok: true };
      const lines = queue.flatMap((entry) => {
        const detail = entry.detail;
        return [
          `${entry.batchId} ${entry.row}  ${detail.entry.valueDate}  ${detail.entry.amount} ${detail.entry.currency}  ${detail.entry.counterpartyName ?? "-"}  ${detail.entry.communication ?? ""}`,
          ...detail.candidates.map(
            (candidate) =>
              `      ${candidate.caseNumber} (${candidate.caseId}) score ${candidate.score}: ${candidate.reasons.map((reason) => describeMatchReason(reason, language)).join("; ")}`,
          ),
          ...(detail.candidates.length === 0 ? ["      no candidate"] : []),
        ];
      });
      lines.push("", `${queue.length} entries to review`);
      return { lines, ok: true };
    }
    const [batchId, rowText] = rest;
    const row = Number(rowText);
    if (batchId === undefined || !Number.isInteger(row) || row < 1)
      throw new UsageError("bank review: expected a batch id and a row number");
    const reassign = parsed.value("reassign");
    const reject = parsed.value("reject");
    const payment = parsed.value("payment");
    const chosen = [parsed.flag("accept"), reassign !== undefined, reject !== undefined].filter(
      Boolean,
    ).length;
    if (chosen !== 1)
      throw new UsageError(
        "bank review: expected one of --accept, --reassign CASE, --reject REASON",
      );
    const decision: ReviewDecision = parsed.flag("accept")
      ? { kind: "accept" }
      : reassign !== undefined
        ? {
            kind: "reassign",
            caseId: reassign,
            ...(payment === undefined ? {} : { paymentId: payment }),
          }
        : { kind: "reject", reason: reject ?? "" };
    const result = await bank.reviewEntry({
      store: opened.store,
      scope: opened.scope,
      batchId,
      row,
      decision,
      at,
      by,
    });
    if (parsed.flag("json")) return { lines: [JSON.stringify(result, null, 2)], ok: true };
    return {
      lines: [
        `${batchId} row ${row}: ${decision.kind}${result.replayed ? " (decided before)" : ""}${
          result.recorded === "recorded"
            ? ", recorded"
            : result.recorded === "already-recorded"
              ? ", recorded before"
              : ""
        }`,
      ],
      ok: true,
    };
  } finally {
    await opened.close();
  }
}
