import { IncassoError } from "@incasso/core";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";

/**
 * `incasso batches`: the import batches an import left incomplete (saved in parts, its last part
 * never saved: the process ended, the store failed), and discarding one nobody will resume.
 *
 * @example
 * ```ts
 * import { BATCHES_COMMAND, commandHelp } from "@incasso/cli";
 * commandHelp(BATCHES_COMMAND);
 * ```
 */
export const BATCHES_COMMAND: CommandSpec = {
  name: "batches",
  summary:
    "lists the import batches an import left incomplete, with how far each got; --discard discards one",
  arguments: [],
  synopsis: "[--discard BATCH_ID] [--client ID] [--db DIR|URL] [--tenant ID]",
  options: [
    {
      name: "discard",
      value: "BATCH_ID",
      description:
        "discard this incomplete batch: its parts and rows saved so far (a complete batch is kept)",
    },
    { name: "client", value: "ID", description: "only the batches of this client" },
    ...STORE_OPTIONS,
  ],
  notes: [
    "An incomplete batch is never shown as an import's record. A rerun of incasso import saves a batch of its own (the rows written before are duplicates then): discard the incomplete one once the rerun succeeded, or before it when the import gives its own batch id.",
    "Exit code 0 when listed or discarded, 1 when the batch to discard is unknown or complete, 2 on bad usage.",
  ],
  example: "incasso batches --db ./incasso-data --discard imp-3f2a…",
};

/**
 * What `incasso batches` answers: the lines to print and whether it did what was asked.
 *
 * @example
 * ```ts
 * import type { BatchesCommandResult } from "@incasso/cli";
 * const code = (result: BatchesCommandResult) => (result.ok ? 0 : 1);
 * ```
 */
export interface BatchesCommandResult {
  readonly lines: string[];
  readonly ok: boolean;
}

/**
 * Runs `incasso batches` on parsed arguments: lists the tenant's incomplete import batches (of one
 * client with `--client`), or discards the one `--discard` names.
 *
 * @example
 * ```ts
 * import { BATCHES_COMMAND, batchesCommand, parseArguments } from "@incasso/cli";
 * const result = await batchesCommand(parseArguments(BATCHES_COMMAND, ["--db", "./incasso-data"]));
 * console.log(result.lines.join("\n"));
 * ```
 */
export async function batchesCommand(parsed: ParsedArguments): Promise<BatchesCommandResult> {
  const discard = parsed.value("discard");
  const client = parsed.value("client");
  if (discard !== undefined && client !== undefined)
    throw new UsageError("--client: lists only; --discard names the batch itself");
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    if (discard !== undefined) {
      const before = (await opened.store.listIncompleteImportBatches(opened.scope)).find(
        (item) => item.batch.id === discard,
      );
      try {
        const discarded = await opened.store.discardIncompleteImportBatch(opened.scope, discard);
        if (!discarded)
          return { lines: [`No import batch ${discard} in ${opened.description}.`], ok: false };
      } catch (error) {
        if (error instanceof IncassoError && error.code === "ALREADY_FINAL")
          return {
            lines: [
              `Import batch ${discard} is complete: it is the record of an import and is kept.`,
            ],
            ok: false,
          };
        throw error;
      }
      return {
        lines: [
          `Discarded import batch ${discard}${before === undefined ? "" : ` (${before.batch.source}, ${rowsText(before.savedRows)} in ${before.savedParts} ${before.savedParts === 1 ? "part" : "parts"} saved)`}.`,
        ],
        ok: true,
      };
    }
    const batches = await opened.store.listIncompleteImportBatches(
      opened.scope,
      client === undefined ? {} : { clientId: client },
    );
    if (batches.length === 0)
      return { lines: [`No incomplete import batches in ${opened.description}.`], ok: true };
    return {
      lines: [
        `Incomplete import batches in ${opened.description}: ${batches.length}`,
        ...batches.map(
          ({ batch, savedParts, savedRows }) =>
            `  ${batch.id}  client ${batch.clientId}  ${batch.source}  imported ${batch.importedAt}  ${rowsText(savedRows)} in ${savedParts} ${savedParts === 1 ? "part" : "parts"} saved`,
        ),
      ],
      ok: true,
    };
  } finally {
    await opened.close();
  }
}

function rowsText(rows: number): string {
  return `${rows.toLocaleString("en")} ${rows === 1 ? "row" : "rows"}`;
}
