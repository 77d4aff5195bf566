import type { CaseEventJson } from "../case/case-event.js";
import type { AgendaEntry } from "./agenda.js";
import type { DispositionMeta } from "./dispose-entry.js";
import { disposeEntry } from "./dispose-entry.js";
import type { Activity } from "./scenario-definition.js";

/**
 * The command to carry out an approved action, produced by approving agenda entries: render a
 * letter, send an e-mail or SMS, create a call task, hand over to a bailiff, change a status, or a
 * custom task. The host (its outbox and the adapters behind it) executes it.
 *
 * @example
 * ```ts
 * import type { ActionCommand } from "@incasso/core";
 * const isMail = (command: ActionCommand) => command.kind === "send-email";
 * ```
 */
export interface ActionCommand {
  readonly kind:
    | "render-letter"
    | "send-email"
    | "send-sms"
    | "call-task"
    | "bailiff-handover"
    | "status-change"
    | "custom-task";
  readonly caseNumber: string;
  readonly activity: string;
  readonly template: string | null;
  readonly channel: Activity["channel"];
  readonly fallbackChannel: Activity["channel"] | null;
}

/**
 * The former name of {@link ActionCommand}, named after its consumer rather than what it is.
 *
 * @deprecated Renamed {@link ActionCommand}; this alias is kept for one release, then removed.
 * @example
 * ```ts
 * import type { ActionCommand, AdapterCommand } from "@incasso/core";
 * const same = (command: AdapterCommand): ActionCommand => command;
 * ```
 */
export type AdapterCommand = ActionCommand;

/**
 * Approves agenda entries in bulk, in one pure step: the commands that carry out the actions and,
 * per case, the `action.done` event to append (and a `charge.added` for an activity with a cost,
 * which the rule pack then allows or leaves out). Entries to skip (or that need no approval) are
 * the caller's filter.
 *
 * @example
 * ```ts
 * import { approveEntries, type AgendaEntry } from "@incasso/core";
 * declare const entries: AgendaEntry[];
 * const { commands, events } = approveEntries(entries, { at: "2026-01-31", recordedAt: "2026-01-31T09:00:00Z", by: "an.peeters" });
 * ```
 */
export function approveEntries(
  entries: readonly AgendaEntry[],
  meta: Omit<DispositionMeta, "id">,
): { commands: ActionCommand[]; events: { caseNumber: string; event: CaseEventJson }[] } {
  const commands: ActionCommand[] = [];
  const events: { caseNumber: string; event: CaseEventJson }[] = [];
  entries.forEach((entry, index) => {
    const activity = entry.activity;
    const kind: ActionCommand["kind"] =
      activity.kind === "email"
        ? "send-email"
        : activity.kind === "sms"
          ? "send-sms"
          : activity.kind === "call"
            ? "call-task"
            : activity.kind === "bailiff-handover"
              ? "bailiff-handover"
              : activity.kind === "status-change"
                ? "status-change"
                : activity.kind === "custom"
                  ? "custom-task"
                  : "render-letter";
    commands.push({
      kind,
      caseNumber: entry.caseNumber,
      activity: activity.code,
      template: activity.template ?? null,
      channel: activity.channel,
      fallbackChannel: activity.fallbackChannel ?? null,
    });
    events.push({
      caseNumber: entry.caseNumber,
      event: disposeEntry(
        entry,
        { kind: "done", result: `approved: ${kind}` },
        { ...meta, id: `${meta.by}-${meta.recordedAt}-${index}` },
      ),
    });
    if (activity.cost !== undefined) {
      // The cost the activity adds; the case's rule pack decides whether it is due.
      events.push({
        caseNumber: entry.caseNumber,
        event: {
          ...meta,
          id: `${meta.by}-${meta.recordedAt}-${index}-cost`,
          type: "charge.added",
          chargeId: `${activity.code}-${meta.at}-${index}`,
          kind: "cost",
          amount: activity.cost,
          description: `${activity.code}: ${activity.description.en}`,
        },
      });
    }
  });
  return { commands, events };
}
