import type { CaseEventJson, CaseOnAgenda, MassActionRow } from "@incasso/core";
import { massAction, prepareCase } from "@incasso/core";
import type { MassActionRowRecord } from "../records.js";
import type { OwnerSummary } from "./import-report.js";
import { say } from "./localized.js";
import { localId } from "./natural-ids.js";
import type { CasePlan, ImportPlan, PlanContext, RowDraft, Slot } from "./plan-context.js";
import { activityOf, casesByNumber, draft, emptyCaseReport, hasError } from "./plan-context.js";

/**
 * Plans a `mass-action` file with the core's `massAction`: for every case number of the client the
 * ordered action (`action.ordered`) or, when it cannot be executed, a note saying why; both under
 * ids made of the activity and due date, so a re-import adds nothing. Unknown case numbers and
 * activities are row errors. Each owner gets a summary line.
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
  const prepared = new Map<string, CaseOnAgenda>();
  const plans = new Map<string, CasePlan & { ids: Set<string> }>();
  const defaultScenario = context.terms?.defaultScenario;
  for (const row of rows.values()) {
    const events = (await context.store.readEvents(context.scope, row.caseId)).map((s) => s.event);
    if (events.length === 0) continue;
    prepared.set(
      row.caseNumber,
      prepareCase(
        { events, ...(defaultScenario === undefined ? {} : { defaultScenario }) },
        context.scenarios,
        context.today,
      ),
    );
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
  const loose: RowDraft[] = [];
  const owners = new Map<string, { ordered: number; failed: Map<string, number> }>();
  const massActions = new Map<string, MassActionRow[]>();
  for (const slot of slots) {
    const row = draft(slot);
    if (hasError(slot) || slot.record === null) {
      loose.push(row);
      continue;
    }
    const record = slot.record;
    const plan = plans.get(record.caseNumber);
    const onCase = prepared.get(record.caseNumber);
    if (plan === undefined || onCase === undefined) {
      row.error = true;
      row.messages.push(
        say(
          `Onbekend dossiernummer ${record.caseNumber} bij cliënt ${context.client.id}.`,
          `Numéro de dossier ${record.caseNumber} inconnu chez le client ${context.client.id}.`,
          `Unknown case number ${record.caseNumber} of client ${context.client.id}.`,
        ),
      );
      loose.push(row);
      continue;
    }
    row.caseId = plan.caseId;
    row.caseNumber = plan.caseNumber;
    row.debtorId = onCase.state.opened.debtors[0]?.id ?? null;
    const activity = activityOf(context, record.activity);
    if (activity === null) {
      row.error = true;
      row.messages.push(
        say(
          `Activiteit ${record.activity} staat in geen scenario van cliënt ${context.client.id}.`,
          `L'activité ${record.activity} ne figure dans aucun scénario du client ${context.client.id}.`,
          `Activity ${record.activity} is in no scenario of client ${context.client.id}.`,
        ),
      );
      loose.push(row);
      continue;
    }
    plan.rows.push(row);
    const dueDate = record.dueDate ?? context.today;
    const result = massAction([onCase], [record.caseNumber], activity, dueDate, {
      recordedAt: context.importedAt,
      by: context.by,
    });
    const outcome = result.rows[0];
    const planned = result.events[0]?.event;
    if (outcome === undefined || planned === undefined) continue;
    const id = localId("mass", `${activity.code}@${dueDate.toString()}`);
    if (plan.ids.has(id)) {
      row.outcome = "duplicate";
      row.messages.push(
        say(
          `Actie ${activity.code} met vervaldag ${dueDate} werd al eerder uit een bestand opgedragen.`,
          `L'action ${activity.code} à échéance du ${dueDate} a déjà été ordonnée par un fichier.`,
          `Action ${activity.code} due ${dueDate} was ordered from a file before.`,
        ),
      );
      continue;
    }
    const owner = plan.owner ?? "";
    const tally = owners.get(owner) ?? { ordered: 0, failed: new Map<string, number>() };
    owners.set(owner, tally);
    massActions.set(activity.code, [...(massActions.get(activity.code) ?? []), outcome]);
    if (outcome.ordered) tally.ordered += 1;
    else {
      const reason = outcome.reason ?? "";
      tally.failed.set(reason, (tally.failed.get(reason) ?? 0) + 1);
    }
    const event: CaseEventJson =
      planned.type === "action.ordered" ? { ...planned, id, actionId: id } : { ...planned, id };
    plan.events.push(event);
    plan.ids.add(id);
    if (record.note !== undefined) {
      const noteId = localId("mass-note", `${activity.code}@${dueDate.toString()}`);
      plan.events.push({
        id: noteId,
        type: "note.added",
        at: dueDate.toString(),
        recordedAt: context.importedAt,
        by: context.by,
        text: record.note,
      });
      plan.ids.add(noteId);
    }
    if (outcome.ordered) {
      row.outcome = "ordered";
      plan.report.actionsOrdered += 1;
    } else {
      row.outcome = "not-executed";
      plan.report.actionsNotExecuted += 1;
      row.messages.push(
        say(
          `Actie ${activity.code} niet uitgevoerd: ${outcome.reason ?? ""}.`,
          `Action ${activity.code} non exécutée : ${outcome.reason ?? ""}.`,
          `Action ${activity.code} not executed: ${outcome.reason ?? ""}.`,
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
    .map(([owner, tally]) => {
      const notExecuted = [...tally.failed.values()].reduce((sum, count) => sum + count, 0);
      const reasons = [...tally.failed].map(([reason, count]) => `${count} × ${reason}`).join("; ");
      return {
        owner,
        ordered: tally.ordered,
        notExecuted,
        text:
          notExecuted === 0
            ? `${owner}: the action was ordered on ${tally.ordered} of your cases`
            : `${owner}: the action was ordered on ${tally.ordered} of your cases and not executed on ${notExecuted}, because ${reasons}`,
      };
    });
  return {
    cases,
    loose,
    debtors: [],
    debtorUpdates: [],
    ownerSummaries,
    massActions: [...massActions].map(([activity, rows]) => ({ activity, rows })),
  };
}
