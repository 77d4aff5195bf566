import { Temporal } from "temporal-polyfill";
import type { CaseEventJson } from "../case/case-event.js";
import { fieldError } from "../errors/incasso-error.js";
import { LIMITS } from "../validation/json-primitives.js";
import type { CaseOnAgenda } from "./agenda.js";
import type { Activity } from "./scenario-definition.js";

/**
 * The result of a mass action for one case number of the file: whether the action was ordered, and
 * why not. `owner` is the case's owner when the file came in (before an `assign-owner` it
 * carries out): the one responsible for what the file asked.
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
 * What a mass action does to each case of its file:
 * - `order`: orders a scenario activity (`action.ordered`, due on the action's date);
 * - `suspend`: suspends collection (`case.suspended`), until `until` (the day it resumes by itself)
 *   or until resumed;
 * - `resume`: resumes a suspended case (`case.resumed`);
 * - `set-status`: `closed` (`case.closed`), `written-off` (`case.written-off`) or `active`
 *   (`case.reinstated` of a written-off case);
 * - `assign-owner`: makes `owner` the case's owner (`case.owner-assigned`).
 *
 * @example
 * ```ts
 * import { parseIsoDate, type MassActionRequest } from "@incasso/core";
 * const request: MassActionRequest = { action: "suspend", reason: "client asks to wait", until: parseIsoDate("2026-05-01") };
 * ```
 */
export type MassActionRequest =
  | { readonly action: "order"; readonly activity: Activity }
  | {
      readonly action: "suspend";
      readonly reason: string;
      readonly until?: Temporal.PlainDate;
    }
  | { readonly action: "resume"; readonly reason: string }
  | {
      readonly action: "set-status";
      readonly status: "closed" | "written-off" | "active";
      readonly reason: string;
    }
  | { readonly action: "assign-owner"; readonly owner: string; readonly reason?: string };

/**
 * The words a mass action is named by in results, notes and summaries: the activity's code for an
 * `order`, else the action with its arguments (`suspend until 2026-05-01`, `set-status closed`,
 * `assign-owner k.devries`).
 *
 * @example
 * ```ts
 * import { massActionLabel } from "@incasso/core";
 * massActionLabel({ action: "set-status", status: "closed", reason: "paid to the client" }); // "set-status closed"
 * ```
 */
export function massActionLabel(request: MassActionRequest): string {
  switch (request.action) {
    case "order":
      return request.activity.code;
    case "suspend":
      return request.until === undefined ? "suspend" : `suspend until ${request.until.toString()}`;
    case "resume":
      return "resume";
    case "set-status":
      return `set-status ${request.status}`;
    case "assign-owner":
      return `assign-owner ${request.owner}`;
  }
}

/**
 * Why a mass action cannot be carried out on a prepared case, or null when it can: an activity is
 * not ordered on a closed, written-off, handed-over or suspended case nor when nothing is owed; a
 * closed, written-off or handed-over case is not suspended; only a suspended case is resumed; a
 * closed case is not closed again, written off or reinstated; only a written-off case is
 * reinstated (`active`); an owner is not assigned to the case they own already.
 *
 * @example
 * ```ts
 * import { massActionRefusal, type CaseOnAgenda } from "@incasso/core";
 * declare const prepared: CaseOnAgenda;
 * massActionRefusal(prepared, { action: "resume", reason: "client agrees" }); // "the case is not suspended"
 * ```
 */
export function massActionRefusal(
  prepared: CaseOnAgenda,
  request: MassActionRequest,
): string | null {
  const state = prepared.state;
  const status = state.status;
  const ended = status === "closed" || status === "written-off" || status === "with-bailiff";
  switch (request.action) {
    case "order":
      return ended || status === "suspended"
        ? `the case is ${status}`
        : prepared.statement.totals.balance.lte(0)
          ? "nothing is owed"
          : null;
    case "suspend":
      return ended ? `the case is ${status}` : null;
    case "resume":
      return state.suspension === null ? "the case is not suspended" : null;
    case "set-status":
      if (request.status === "closed")
        return status === "closed" ? "the case is already closed" : null;
      if (request.status === "written-off")
        return status === "closed"
          ? "the case is closed"
          : state.writtenOff
            ? "the case is already written-off"
            : null;
      return status === "closed"
        ? "the case is closed"
        : state.writtenOff
          ? null
          : "the case is not written-off";
    case "assign-owner":
      return state.owner === request.owner ? "the case already has this owner" : null;
  }
}

/** The event that carries out a mass action (id and envelope given). */
function eventOf(
  request: MassActionRequest,
  envelope: { id: string; at: string; recordedAt: string; by: string },
): CaseEventJson {
  switch (request.action) {
    case "order":
      return {
        ...envelope,
        type: "action.ordered",
        actionId: envelope.id,
        activity: request.activity.code,
        dueDate: envelope.at,
      };
    case "suspend":
      return {
        ...envelope,
        type: "case.suspended",
        reason: request.reason,
        ...(request.until === undefined ? {} : { until: request.until.toString() }),
      };
    case "resume":
      return { ...envelope, type: "case.resumed", reason: request.reason };
    case "set-status":
      return {
        ...envelope,
        type:
          request.status === "closed"
            ? "case.closed"
            : request.status === "written-off"
              ? "case.written-off"
              : "case.reinstated",
        reason: request.reason,
      };
    case "assign-owner":
      return {
        ...envelope,
        type: "case.owner-assigned",
        owner: request.owner,
        ...(request.reason === undefined ? {} : { reason: request.reason }),
      };
  }
}

/** Checks a request's texts and dates as its events will (a bad request changes no case). */
function checkRequest(request: MassActionRequest, date: Temporal.PlainDate): void {
  const bounded = (field: string, value: string, max: number, what: string) => {
    if (value.trim() === "" || value.length > max)
      throw fieldError("INVALID_INPUT", field, `expected ${what} of 1 to ${max} characters`, value);
  };
  switch (request.action) {
    case "order":
      return;
    case "assign-owner":
      bounded("owner", request.owner, LIMITS.nameLength, "the user id of the new owner,");
      if (request.reason !== undefined && request.reason.length > LIMITS.textLength)
        throw fieldError(
          "INVALID_INPUT",
          "reason",
          `expected a reason of at most ${LIMITS.textLength} characters`,
        );
      return;
    case "suspend":
      bounded("reason", request.reason, LIMITS.textLength, "the reason,");
      if (request.until !== undefined && Temporal.PlainDate.compare(request.until, date) <= 0)
        throw fieldError(
          "INVALID_INPUT",
          "until",
          `expected a day after the suspension's date ${date.toString()}`,
          request.until.toString(),
        );
      return;
    case "resume":
    case "set-status":
      bounded("reason", request.reason, LIMITS.textLength, "the reason,");
      return;
  }
}

/**
 * Carries out one action for every case number of a file (a mass action): each known case gets an
 * event, the action's own (`action.ordered`, `case.suspended`, `case.resumed`, `case.closed`,
 * `case.written-off`, `case.reinstated`, `case.owner-assigned`) when it can be carried out, or a
 * `note.added` saying why not (see {@link massActionRefusal}); unknown numbers are reported. Every
 * event is dated `date` (an ordered activity is due then). Returns the events per case, the result
 * table, a summary line per owner of what was not carried out, and the action's label.
 *
 * Rows and summaries name the owner of each case when the file came in, also for an `assign-owner`
 * (that owner hears the case left them; the new owner finds it in their list).
 *
 * The third argument may be an activity, for `{ action: "order", activity }`.
 *
 * @example
 * ```ts
 * import { massAction, parseIsoDate, type Activity, type CaseOnAgenda } from "@incasso/core";
 * declare const cases: CaseOnAgenda[];
 * declare const activity: Activity;
 * const meta = { recordedAt: "2026-02-01T08:00:00Z", by: "an.peeters" };
 * massAction(cases, ["2025/00042"], activity, parseIsoDate("2026-02-01"), meta).summaries;
 * massAction(cases, ["2025/00042"], { action: "assign-owner", owner: "k.devries" }, parseIsoDate("2026-02-01"), meta).rows;
 * ```
 */
export function massAction(
  cases: readonly CaseOnAgenda[],
  caseNumbers: readonly string[],
  what: MassActionRequest | Activity,
  date: Temporal.PlainDate,
  meta: { readonly recordedAt: string; readonly by: string },
): {
  rows: MassActionRow[];
  events: { caseNumber: string; event: CaseEventJson }[];
  summaries: string[];
  label: string;
} {
  const request: MassActionRequest = "action" in what ? what : { action: "order", activity: what };
  checkRequest(request, date);
  const label = massActionLabel(request);
  const byNumber = new Map(cases.map((prepared) => [prepared.state.caseNumber, prepared]));
  const rows: MassActionRow[] = [];
  const events: { caseNumber: string; event: CaseEventJson }[] = [];
  const at = date.toString();
  caseNumbers.forEach((caseNumber, index) => {
    const prepared = byNumber.get(caseNumber);
    if (prepared === undefined) {
      rows.push({ caseNumber, owner: null, ordered: false, reason: "unknown case number" });
      return;
    }
    const reason = massActionRefusal(prepared, request);
    const envelope = { id: `mass-${meta.recordedAt}-${index}`, at, ...meta };
    events.push({
      caseNumber,
      event:
        reason === null
          ? eventOf(request, envelope)
          : {
              ...envelope,
              type: "note.added",
              text: `mass action ${label} not executed: ${reason}`,
            },
    });
    rows.push({ caseNumber, owner: prepared.state.owner, ordered: reason === null, reason });
  });
  const byOwner = new Map<string, MassActionRow[]>();
  for (const row of rows) {
    if (row.ordered) continue;
    const owner = row.owner ?? "(unknown case numbers)";
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), row]);
  }
  const summaries = [...byOwner].map(([owner, failed]) => {
    const reasons = [...new Set(failed.map((row) => row.reason))].join("; ");
    return `${owner}: for ${failed.length} of your cases the action ${label} was ordered and not executed, because ${reasons}`;
  });
  return { rows, events, summaries, label };
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
