import type { Temporal } from "temporal-polyfill";
import type { CaseEventJson } from "../case/case-event.js";
import type { CaseOnAgenda } from "./agenda.js";
import type { Activity } from "./scenario-definition.js";

/**
 * The result of a mass action for one case number of the file: whether the action was ordered, and
 * why not.
 *
 * @example
 * ```ts
 * import type { MassActionRow } from "@incasso/core";
 * const failed = (row: MassActionRow) => !row.ordered;
 * ```
 */
export interface MassActionRow {
  readonly caseNumber: string;
  readonly owner: string | null;
  readonly ordered: boolean;
  readonly reason: string | null;
}

/**
 * Orders one action for every case number of a file (a mass action): each known case gets an
 * event, `action.ordered` when it could be executed or a note saying why not (closed, written off,
 * handed over, nothing owed); unknown numbers are reported. Returns the events per case, the result
 * table, and a summary line per owner.
 *
 * @example
 * ```ts
 * import { massAction, parseIsoDate, type Activity, type CaseOnAgenda } from "@incasso/core";
 * declare const cases: CaseOnAgenda[];
 * declare const activity: Activity;
 * massAction(cases, ["2025/00042"], activity, parseIsoDate("2026-02-01"), { recordedAt: "2026-02-01T08:00:00Z", by: "an.peeters" }).summaries;
 * ```
 */
export function massAction(
  cases: readonly CaseOnAgenda[],
  caseNumbers: readonly string[],
  activity: Activity,
  dueDate: Temporal.PlainDate,
  meta: { readonly recordedAt: string; readonly by: string },
): {
  rows: MassActionRow[];
  events: { caseNumber: string; event: CaseEventJson }[];
  summaries: string[];
} {
  const byNumber = new Map(cases.map((prepared) => [prepared.state.caseNumber, prepared]));
  const rows: MassActionRow[] = [];
  const events: { caseNumber: string; event: CaseEventJson }[] = [];
  caseNumbers.forEach((caseNumber, index) => {
    const prepared = byNumber.get(caseNumber);
    if (prepared === undefined) {
      rows.push({ caseNumber, owner: null, ordered: false, reason: "unknown case number" });
      return;
    }
    const status = prepared.state.status;
    const reason =
      status === "closed" || status === "written-off" || status === "with-bailiff"
        ? `the case is ${status}`
        : prepared.statement.totals.balance.lte(0)
          ? "nothing is owed"
          : null;
    const id = `mass-${meta.recordedAt}-${index}`;
    const at = dueDate.toString();
    events.push({
      caseNumber,
      event:
        reason === null
          ? {
              id,
              type: "action.ordered",
              at,
              recordedAt: meta.recordedAt,
              by: meta.by,
              actionId: id,
              activity: activity.code,
              dueDate: at,
            }
          : {
              id,
              type: "note.added",
              at,
              recordedAt: meta.recordedAt,
              by: meta.by,
              text: `mass action ${activity.code} not executed: ${reason}`,
            },
    });
    rows.push({ caseNumber, owner: prepared.state.opened.owner, ordered: reason === null, reason });
  });
  const byOwner = new Map<string, MassActionRow[]>();
  for (const row of rows) {
    if (row.ordered) continue;
    const owner = row.owner ?? "(unknown case numbers)";
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), row]);
  }
  const summaries = [...byOwner].map(([owner, failed]) => {
    const reasons = [...new Set(failed.map((row) => row.reason))].join("; ");
    return `${owner}: for ${failed.length} of your cases the action ${activity.code} was ordered and not executed, because ${reasons}`;
  });
  return { rows, events, summaries };
}

/**
 * Writes rows as CSV (semicolon-separated, as Belgian and Dutch spreadsheets expect), quoting
 * where needed.
 *
 * @example
 * ```ts
 * import { toCsv } from "@incasso/core";
 * toCsv([{ caseNumber: "1", ordered: true }]); // "caseNumber;ordered\n1;true\n"
 * ```
 */
export function toCsv(rows: readonly object[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value);
    return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [
    columns.join(";"),
    ...rows.map((row) =>
      columns.map((column) => cell((row as Record<string, unknown>)[column])).join(";"),
    ),
  ]
    .map((line) => `${line}\n`)
    .join("");
}
