import type {
  CaseEventJson,
  CaseEventStore,
  CaseListStore,
  InstalmentReminderMessage,
  InstalmentReminderSkipCode,
  RateTable,
  StoreScope,
} from "@incasso/core";
import { instalmentReminders, messageKey, parseIsoDate } from "@incasso/core";
import { z } from "zod";
import {
  incassoErrorOf,
  jobActorSchema,
  jobDateSchema,
  jobInstantSchema,
  parseJobOptions,
  shardRangeSchema,
} from "./job-input.js";

/**
 * Options of {@link writeInstalmentReminders}: the store (its case lists and events), the tenant's
 * scope, the run date, the instant and author of the history events it appends, and optionally
 * the host's rate tables, the days of catch-up, a shard's case-id range and the page size.
 *
 * @example
 * ```ts
 * import type { WriteInstalmentRemindersOptions } from "@incasso/notify";
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * const options: WriteInstalmentRemindersOptions = {
 *   store, scope: { tenantId: "firm-1" }, runDate: "2026-03-27", recordedAt: "2026-03-27T05:00:00Z", by: "reminders",
 * };
 * ```
 */
export interface WriteInstalmentRemindersOptions {
  readonly store: Pick<CaseListStore, "listCases"> & Pick<CaseEventStore, "readEvents" | "append">;
  readonly scope: StoreScope;
  /** The day the reminders are for (YYYY-MM-DD or a Temporal.PlainDate). */
  readonly runDate: string | { toString(): string };
  /** The instant the history events are recorded at (ISO 8601 with offset), passed in by the host. */
  readonly recordedAt: string;
  /** Who records them (a job's name). */
  readonly by: string;
  readonly rateTables?: ReadonlyMap<string, RateTable>;
  /** Reminders a missed run did not write, up to this many days back (0 to 31; default 0). */
  readonly catchUpDays?: number;
  /** The shard: cases with ids in `[caseIdFrom, caseIdTo)`. */
  readonly caseIdFrom?: string;
  readonly caseIdTo?: string;
  /** Cases read per page of the case list (1 to 1000; default 200). */
  readonly pageSize?: number;
}

/**
 * Why a case's reminder was not written: the core's reasons (see
 * `InstalmentReminderSkipCode` of `@incasso/core`).
 *
 * @example
 * ```ts
 * import type { SkippedReminder } from "@incasso/notify";
 * const line = (skip: SkippedReminder) => `${skip.caseNumber}: ${skip.code} ${skip.message}`;
 * ```
 */
export interface SkippedReminder {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly code: InstalmentReminderSkipCode;
  readonly message: string;
  readonly instalment?: number;
}

/**
 * What a run of {@link writeInstalmentReminders} did: the cases read, the reminders written now,
 * those an earlier run had written already (a rerun writes none), the cases that got a history
 * event, and what was skipped and why.
 *
 * @example
 * ```ts
 * import type { InstalmentReminderReport } from "@incasso/notify";
 * const line = (r: InstalmentReminderReport) => `${r.written} written, ${r.alreadyWritten} already, ${r.skipped.length} skipped`;
 * ```
 */
export interface InstalmentReminderReport {
  readonly runDate: string;
  readonly cases: number;
  readonly casesWritten: number;
  readonly written: number;
  readonly alreadyWritten: number;
  readonly skipped: readonly SkippedReminder[];
}

const optionsSchema = z.strictObject({
  runDate: jobDateSchema,
  recordedAt: jobInstantSchema,
  by: jobActorSchema,
  catchUpDays: z
    .number()
    .int({ message: "expected a whole number of days" })
    .min(0, { message: "expected 0 to 31 days" })
    .max(31, { message: "expected 0 to 31 days" })
    .default(0),
  pageSize: z
    .number()
    .int()
    .min(1, { message: "expected 1 to 1000 cases a page" })
    .max(1000, { message: "expected 1 to 1000 cases a page" })
    .default(200),
  ...shardRangeSchema,
});

/** Attempts per case when other writers keep moving it on (a version conflict re-reads it). */
const ATTEMPTS = 5;

/**
 * The daily job of instalment reminders: pages through the cases under a payment plan (the case
 * list's `payment-plan` status, within the shard's case-id range), computes each case's reminders
 * due on the run date with `instalmentReminders` of `@incasso/core`, and appends per case, in one
 * append under an idempotency key made of the messages' keys, a `note.added` history event that
 * lists them together with the outbox messages (so a message exists exactly when its note does).
 *
 * A rerun writes nothing: the same messages under the same key replay the append; a message an
 * earlier run wrote already is dropped (the outbox refuses its key) and the rest written. A case
 * another writer moves on meanwhile is read again. Bad options are `INVALID_INPUT` naming
 * `options.<field>`; a store that cannot be reached fails the run (`STORE_UNAVAILABLE`), which a
 * job queue retries as it is.
 *
 * @example
 * ```ts
 * import { writeInstalmentReminders } from "@incasso/notify";
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * const report = await writeInstalmentReminders({
 *   store, scope: { tenantId: "firm-1" }, runDate: "2026-03-27", recordedAt: "2026-03-27T05:00:00Z", by: "reminders",
 * });
 * console.log(`${report.written} reminders written`);
 * ```
 */
export async function writeInstalmentReminders(
  options: WriteInstalmentRemindersOptions,
): Promise<InstalmentReminderReport> {
  const { store, scope, rateTables, ...rest } = options;
  const parsed = parseJobOptions(optionsSchema, {
    ...rest,
    runDate: typeof rest.runDate === "string" ? rest.runDate : rest.runDate?.toString(),
  });
  const runDate = parseIsoDate(parsed.runDate);
  const skipped: SkippedReminder[] = [];
  let cases = 0;
  let casesWritten = 0;
  let written = 0;
  let alreadyWritten = 0;
  let after: string | undefined;
  do {
    const page = await store.listCases(scope, {
      status: ["payment-plan"],
      sort: "case-id",
      limit: parsed.pageSize,
      ...(parsed.caseIdFrom === undefined ? {} : { caseIdFrom: parsed.caseIdFrom }),
      ...(parsed.caseIdTo === undefined ? {} : { caseIdTo: parsed.caseIdTo }),
      ...(after === undefined ? {} : { after }),
    });
    for (const row of page.items) {
      cases++;
      const outcome = await writeCase(row.caseId);
      written += outcome.written;
      alreadyWritten += outcome.already;
      if (outcome.written > 0) casesWritten++;
    }
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return { runDate: parsed.runDate, cases, casesWritten, written, alreadyWritten, skipped };

  async function writeCase(caseId: string): Promise<{ written: number; already: number }> {
    const dropped = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const stored = await store.readEvents(scope, caseId);
      const events = stored.map((entry) => entry.event);
      const version = stored.at(-1)?.version ?? 0;
      const result = instalmentReminders(events, runDate, {
        caseId,
        catchUpDays: parsed.catchUpDays,
        ...(rateTables === undefined ? {} : { rateTables }),
      });
      const messages = result.messages.filter((message) => !dropped.has(message.key));
      // Skips are reported once per case, from its first read.
      if (attempt === 1)
        for (const skip of result.skipped)
          skipped.push({ caseId, caseNumber: result.caseNumber, ...skip });
      if (messages.length === 0) return { written: 0, already: dropped.size };
      const keys = messages.map((message) => message.key).sort();
      const idempotencyKey = messageKey(["reminders", caseId, ...keys]);
      try {
        const answer = await store.append(scope, {
          caseId,
          expectedVersion: version,
          events: [noteOf(idempotencyKey, messages)],
          outbox: messages.map((message) => ({ ...message, payload: { ...message.payload } })),
          idempotencyKey,
          asOf: parsed.runDate,
        });
        return answer.replayed
          ? { written: 0, already: dropped.size + messages.length }
          : { written: messages.length, already: dropped.size };
      } catch (error) {
        const known = incassoErrorOf(error);
        if (known === null || attempt >= ATTEMPTS + messages.length) throw error;
        if (known.code === "VERSION_CONFLICT") continue;
        if (known.code !== "IDEMPOTENCY_KEY_REUSED") throw error;
        const path = known.issues[0]?.path ?? "";
        // The same messages were written by an earlier run (recorded at another instant).
        if (path === "append.idempotencyKey")
          return { written: 0, already: dropped.size + messages.length };
        const index = /^append\.outbox\.(\d+)\.key$/.exec(path)?.[1];
        const message = index === undefined ? undefined : messages[Number(index)];
        if (message === undefined) throw error;
        dropped.add(message.key);
      }
    }
  }

  function noteOf(id: string, messages: readonly InstalmentReminderMessage[]): CaseEventJson {
    const lines = messages.map(
      ({ key, kind, payload }) =>
        `instalment ${payload.instalment} of plan ${payload.planId} (${payload.amount} due ${payload.dueDate}) by ${kind === "send-sms" ? "SMS" : "e-mail"} to ${payload.address} [${key}]`,
    );
    return {
      id,
      type: "note.added",
      at: parsed.runDate,
      recordedAt: parsed.recordedAt,
      by: parsed.by,
      text: `instalment reminders queued: ${lines.join("; ")}`.slice(0, 10_000),
    };
  }
}
