import type {
  CaseEventJson,
  CaseOnAgenda,
  MassActionRequest,
  MassActionResult,
  MassActionRow,
  Temporal,
} from "@incasso/core";
import { massAction, massActionLabel, massReasonText, prepareCase } from "@incasso/core";
import type { LocalizedText, MassActionRowRecord } from "../records.js";
import type { OwnerSummary } from "./import-report.js";
import { say } from "./localized.js";
import { digest, localId } from "./natural-ids.js";
import type {
  CasePlan,
  ImportPlan,
  MassActionCount,
  PlanContext,
  RowDraft,
  Slot,
} from "./plan-context.js";
import { activityOf, casesByNumber, draft, emptyCaseReport, hasError } from "./plan-context.js";

/** The reason of an action whose row gives none (neither `reason` nor `note`). */
const NO_REASON = "mass action from a file";

/** Characters an event id keeps as they are; a key with others is hashed. */
const READABLE = /^[A-Za-z0-9._:@~/-]{1,80}$/;

/**
 * The key of a row's action on a case: the action and its arguments and date, the same in every
 * import of the same row (an order keeps the key `<activity>@<due date>` it always had).
 */
function actionKey(request: MassActionRequest, date: Temporal.PlainDate): string {
  const day = date.toString();
  switch (request.action) {
    case "order":
      return `${request.activity.code}@${day}`;
    case "suspend":
      return `suspend@${day}${request.until === undefined ? "" : `~${request.until.toString()}`}`;
    case "resume":
      return `resume@${day}`;
    case "set-status":
      return `status-${request.status}@${day}`;
    case "assign-owner": {
      const key = `owner-${request.owner}@${day}`;
      return READABLE.test(key) ? key : `owner#${digest(request.owner).slice(0, 24)}@${day}`;
    }
  }
}

/** How a row's action reads in the messages of its row, per language. */
function actionWords(request: MassActionRequest): LocalizedText {
  const until = (request.action === "suspend" && request.until?.toString()) || null;
  switch (request.action) {
    case "order":
      return say(
        `Actie ${request.activity.code}`,
        `L'action ${request.activity.code}`,
        `Action ${request.activity.code}`,
      );
    case "suspend":
      return until === null
        ? say("De opschorting", "La suspension", "The suspension")
        : say(
            `De opschorting tot ${until}`,
            `La suspension jusqu'au ${until}`,
            `The suspension until ${until}`,
          );
    case "resume":
      return say("De hervatting", "La reprise", "The resumption");
    case "set-status":
      return say(
        `De status ${request.status}`,
        `Le statut ${request.status}`,
        `The status ${request.status}`,
      );
    case "assign-owner":
      return say(
        `De toewijzing aan ${request.owner}`,
        `L'attribution à ${request.owner}`,
        `The assignment to ${request.owner}`,
      );
  }
}

/** One owner's tally: per action label, how many cases it was carried out on and why not. */
export type Tally = Map<string, { order: boolean; done: number; failed: Map<string, number> }>;

/**
 * Plans a `mass-action` file with the core's `massAction`: per row, on the client's case its number
 * names, the action the row asks for (see {@link MassActionRowRecord}: order an activity, suspend,
 * resume, set the status, assign an owner) or, when it cannot be carried out, a note saying why;
 * both under ids made of the action, its arguments and date, so a re-import adds nothing (the row
 * is then `duplicate`). Rows of one case are carried out in their order, each on the case as the
 * rows before it left it. Unknown case numbers and activities, and a date before the import's day
 * for an action other than an order, are row errors. Each owner (the case's owner when the file
 * came in, also for an `assign-owner`) gets a summary line, and the results per action go to the
 * owners' alerts.
 */
export async function planMassAction(
  context: PlanContext,
  slots: readonly Slot<MassActionRowRecord>[],
): Promise<ImportPlan> {
  const records = slots.flatMap((slot) => (slot.record === null ? [] : [slot.record]));
  const rows = await casesByNumber(
    context,
    records.map((record) => record.caseNumber),
  );
  const plans = new Map<string, CasePlan & { ids: Set<string> }>();
  const defaultScenario = context.terms?.defaultScenario;
  for (const row of rows.values()) {
    const events = (await context.store.readEvents(context.scope, row.caseId)).map((s) => s.event);
    if (events.length === 0) continue;
    plans.set(row.caseNumber, {
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      owner: row.owner,
      expectedVersion: events.length,
      existing: events,
      events: [],
      rows: [],
      report: emptyCaseReport(row.caseId, row.caseNumber, row.owner),
      ids: new Set(events.map((event) => event.id)),
    });
  }
  // A case as the rows before have left it, as of a day: prepared again when a row planned an event.
  const preparedCache = new Map<string, { key: string; prepared: CaseOnAgenda }>();
  const preparedOf = (plan: CasePlan, asOf: Temporal.PlainDate): CaseOnAgenda => {
    const key = `${plan.events.length}@${asOf.toString()}`;
    const cached = preparedCache.get(plan.caseNumber);
    if (cached?.key === key) return cached.prepared;
    const prepared = prepareCase(
      {
        events: [...plan.existing, ...plan.events],
        ...(defaultScenario === undefined ? {} : { defaultScenario }),
      },
      context.scenarios,
      asOf,
    );
    preparedCache.set(plan.caseNumber, { key, prepared });
    return prepared;
  };
  const loose: RowDraft[] = [];
  const owners = new Map<string, Tally>();
  const counted: MassActionCount[] = [];
  const results = new Map<string, { request: MassActionRequest; rows: MassActionRow[] }>();
  const today = context.today;
  for (const slot of slots) {
    const row = draft(slot);
    if (hasError(slot) || slot.record === null) {
      loose.push(row);
      continue;
    }
    const record = slot.record;
    const plan = plans.get(record.caseNumber);
    const fail = (message: LocalizedText) => {
      row.error = true;
      row.messages.push(message);
      loose.push(row);
    };
    if (plan === undefined) {
      fail(
        say(
          `Onbekend dossiernummer ${record.caseNumber} bij cliënt ${context.client.id}.`,
          `Numéro de dossier ${record.caseNumber} inconnu chez le client ${context.client.id}.`,
          `Unknown case number ${record.caseNumber} of client ${context.client.id}.`,
        ),
      );
      continue;
    }
    const action = record.action ?? "order";
    const date = record.dueDate ?? today;
    if (action !== "order" && date.toString() < today.toString()) {
      fail(
        say(
          `Rij ${slot.row}: de datum ${date} ligt vóór de dag van de import (${today}); verwacht: een dag vanaf ${today} (alleen een opgedragen activiteit mag in het verleden vervallen).`,
          `Ligne ${slot.row} : la date du ${date} précède le jour de l'import (${today}) ; attendu : un jour à partir du ${today} (seule une activité ordonnée peut échoir dans le passé).`,
          `Row ${slot.row}: the date ${date} is before the import's day (${today}); expected: a day from ${today} on (only an ordered activity may fall due in the past).`,
        ),
      );
      continue;
    }
    const reason = record.reason ?? record.note ?? NO_REASON;
    let request: MassActionRequest;
    if (action === "order") {
      const activity = activityOf(context, record.activity ?? "");
      if (activity === null) {
        fail(
          say(
            `Activiteit ${record.activity} staat in geen scenario van cliënt ${context.client.id}.`,
            `L'activité ${record.activity} ne figure dans aucun scénario du client ${context.client.id}.`,
            `Activity ${record.activity} is in no scenario of client ${context.client.id}.`,
          ),
        );
        continue;
      }
      request = { action, activity };
    } else if (action === "suspend")
      request = {
        action,
        reason,
        ...(record.until === undefined ? {} : { until: record.until }),
      };
    else if (action === "resume") request = { action, reason };
    else if (action === "set-status")
      request = { action, status: record.status ?? "closed", reason };
    else
      request = {
        action,
        owner: record.owner ?? "",
        ...(record.reason === undefined && record.note === undefined ? {} : { reason }),
      };
    if (
      request.action === "suspend" &&
      request.until !== undefined &&
      request.until.toString() <= date.toString()
    ) {
      fail(
        say(
          `Rij ${slot.row}: de einddatum ${request.until} van de opschorting valt niet na ${date}; verwacht: een dag na ${date}.`,
          `Ligne ${slot.row} : la fin ${request.until} de la suspension ne suit pas le ${date} ; attendu : un jour après le ${date}.`,
          `Row ${slot.row}: the suspension's until-date ${request.until} is not after ${date}; expected: a day after ${date}.`,
        ),
      );
      continue;
    }
    row.caseId = plan.caseId;
    row.caseNumber = plan.caseNumber;
    // An order is checked against the case as of the import's day (it falls due later); any other
    // action as of the day it takes effect.
    const onCase = preparedOf(plan, action === "order" ? today : date);
    row.debtorId = onCase.state.opened.debtors[0]?.id ?? null;
    plan.rows.push(row);
    const words = actionWords(request);
    const key = actionKey(request, date);
    const id = localId("mass", key);
    if (plan.ids.has(id)) {
      row.outcome = "duplicate";
      row.messages.push(
        say(
          `${words.nl} op ${date} werd al eerder uit een bestand opgedragen.`,
          `${words.fr} du ${date} a déjà été ordonnée par un fichier.`,
          `${words.en} on ${date} was ordered from a file before.`,
        ),
      );
      continue;
    }
    const result = massAction([onCase], [record.caseNumber], request, date, {
      recordedAt: context.importedAt,
      by: context.by,
    });
    const carried = result.rows[0];
    const planned = result.events[0]?.event;
    if (carried === undefined || planned === undefined) continue;
    const label = massActionLabel(request);
    // The owner when the file came in, also for a row after an assignment of the same file.
    const owner = plan.owner ?? carried.owner ?? "";
    const outcome: MassActionRow = { ...carried, owner };
    const tally = owners.get(owner) ?? new Map();
    owners.set(owner, tally);
    const count = tally.get(label) ?? {
      order: request.action === "order",
      done: 0,
      failed: new Map<string, number>(),
    };
    tally.set(label, count);
    const byLabel = results.get(label) ?? { request, rows: [] };
    results.set(label, byLabel);
    byLabel.rows.push(outcome);
    counted.push({ owner, label, request, row: slot.row, outcome });
    if (outcome.ordered) count.done += 1;
    else {
      const why = outcome.reason ?? "";
      count.failed.set(why, (count.failed.get(why) ?? 0) + 1);
    }
    const event: CaseEventJson =
      planned.type === "action.ordered" ? { ...planned, id, actionId: id } : { ...planned, id };
    plan.events.push(event);
    plan.ids.add(id);
    // The note (or else the reason) of an order is recorded beside it, as it always was; for the
    // other actions the note is their reason, and recorded beside it only when the row gives a
    // reason as well.
    const note =
      request.action === "order"
        ? (record.note ?? record.reason)
        : record.reason === undefined
          ? undefined
          : record.note;
    if (note !== undefined && note !== "") {
      const noteId = localId("mass-note", key);
      plan.events.push({
        id: noteId,
        type: "note.added",
        at: date.toString(),
        recordedAt: context.importedAt,
        by: context.by,
        text: note,
      });
      plan.ids.add(noteId);
    }
    if (outcome.ordered) {
      row.outcome = "ordered";
      plan.report.actionsOrdered += 1;
    } else {
      row.outcome = "not-executed";
      plan.report.actionsNotExecuted += 1;
      const why = outcome.reason ?? "";
      row.messages.push(
        say(
          `${words.nl} niet uitgevoerd: ${massReasonText(why, "nl")}.`,
          `${words.fr} : non exécutée : ${massReasonText(why, "fr")}.`,
          `${words.en} not executed: ${why}.`,
        ),
      );
    }
  }
  const cases = [...plans.values()]
    .filter((plan) => plan.rows.length > 0)
    .map(({ ids: _ids, ...plan }) => {
      plan.report.outcome = plan.events.length > 0 ? "updated" : "unchanged";
      return plan;
    });
  const ownerSummaries: OwnerSummary[] = [...owners]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([owner, tally]) => summaryOf(owner, tally));
  const massActions: MassActionResult[] = [...results].map(([label, { request, rows }]) => ({
    activity: label,
    rows,
    ...(request.action === "order" ? {} : { request }),
  }));
  return {
    cases,
    loose,
    debtors: [],
    debtorUpdates: [],
    ownerSummaries,
    massActions,
    massActionCounts: counted,
  };
}

/**
 * An owner's summary line: for a file that only orders one activity, how many of the owner's
 * cases it was ordered on and why not on the others; else the same per action.
 */
export function summaryOf(owner: string, tally: Tally): OwnerSummary {
  let ordered = 0;
  let notExecuted = 0;
  const parts: string[] = [];
  for (const [label, count] of tally) {
    const failed = [...count.failed.values()].reduce((sum, n) => sum + n, 0);
    ordered += count.done;
    notExecuted += failed;
    const reasons = [...count.failed].map(([reason, n]) => `${n} × ${reason}`).join("; ");
    const notDone = failed === 0 ? "" : ` and not executed on ${failed}, because ${reasons}`;
    parts.push(
      tally.size === 1 && count.order
        ? `the action was ordered on ${count.done} of your cases${notDone}`
        : `${label} was carried out on ${count.done} of your cases${notDone}`,
    );
  }
  return { owner, ordered, notExecuted, text: `${owner}: ${parts.join("; ")}` };
}
