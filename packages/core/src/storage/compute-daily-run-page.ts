import type { Temporal } from "temporal-polyfill";
import type { AgendaRecord, DailyRunPage, ShardCase } from "../ports/agenda-store.js";
import type { AgendaEntry } from "../scenarios/agenda.js";
import { agendaEntries } from "../scenarios/agenda.js";
import type { ProjectionContext } from "./project-case.js";
import { projectCase } from "./project-case.js";

/**
 * The id of a stored agenda entry: run date, case, and the scenario step or extra action. The same
 * entry on the same run date always has the same id, which makes the daily run idempotent.
 *
 * @example
 * ```ts
 * import { agendaEntryId } from "@incasso/core/adapter-kit";
 * agendaEntryId("2026-01-31", "C1", { step: 2, actionId: null }); // "2026-01-31/C1/step-2"
 * ```
 */
export function agendaEntryId(
  runDate: string,
  caseId: string,
  entry: Pick<AgendaEntry, "step" | "actionId">,
): string {
  return `${runDate}/${caseId}/${entry.step === null ? `action-${entry.actionId}` : `step-${entry.step}`}`;
}

/**
 * Computes a page of the daily run without I/O: for each case of the page, its row as of the run
 * date and its agenda entries due by then, as open stored entries.
 *
 * @param contextOf - the projection context of a client (its terms and scenarios)
 * @example
 * ```ts
 * import { parseIsoDate, type ShardCase } from "@incasso/core";
 * import { computeDailyRunPage } from "@incasso/core/adapter-kit";
 * declare const cases: ShardCase[];
 * computeDailyRunPage(cases, parseIsoDate("2026-01-31"), () => ({ terms: null, scenarios: [] })).entries.length;
 * ```
 */
export function computeDailyRunPage(
  cases: readonly ShardCase[],
  runDate: Temporal.PlainDate,
  contextOf: (clientId: string) => ProjectionContext,
): DailyRunPage {
  const run = runDate.toString();
  const rows: DailyRunPage["rows"][number][] = [];
  const entries: AgendaRecord[] = [];
  for (const shardCase of cases) {
    const context = contextOf(shardCase.clientId);
    const { row, prepared } = projectCase(shardCase.caseId, shardCase.events, runDate, context);
    rows.push(row);
    if (prepared === null) continue;
    for (const entry of agendaEntries(prepared, context.scenarios, runDate)) {
      entries.push({
        id: agendaEntryId(run, shardCase.caseId, entry),
        runDate: run,
        caseId: shardCase.caseId,
        clientId: shardCase.clientId,
        owner: entry.owner,
        collectionGroup: entry.collectionGroup,
        scenarioId: entry.scenarioId,
        step: entry.step,
        actionId: entry.actionId,
        activity: entry.activity,
        dueDate: entry.dueDate.toString(),
        approval: entry.approval,
        balance: entry.amounts.balance.toFixed(2),
        status: "open",
        disposition: null,
      });
    }
  }
  return { runDate: run, rows, entries };
}
