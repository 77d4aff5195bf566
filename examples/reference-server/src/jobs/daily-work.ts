// The daily work of a firm: the daily run (the agenda of the day, from the core's runDailyShard)
// and the instalment reminders of payment plans (@incasso/notify's writeInstalmentReminders), and
// the outbox dispatcher that sends what they and the users queued. The same functions run
// in-process on PGlite and as graphile-worker tasks on PostgreSQL.
import { runDailyShard } from "@incasso/core";
import type { Dispatcher } from "@incasso/notify";
import { createDispatcher, writeInstalmentReminders } from "@incasso/notify";
import { Temporal } from "temporal-polyfill";
import type { Firm } from "../server-schema/firms.js";
import type { ReferenceServices } from "../services.js";
import { firmLetters } from "./letters.js";

/** What one day's work of a firm did. */
export interface DailyWorkReport {
  readonly tenantId: string;
  readonly runDate: string;
  readonly agendaEntries: number;
  readonly cases: number;
  readonly instalmentReminders: number;
}

/** The local hour the daily work of a firm starts. */
export const DAILY_HOUR = 6;

/**
 * The firm's local date now.
 *
 * @example
 * ```ts
 * localDate(services, firm).toString(); // "2026-03-02"
 * ```
 */
export const localDate = (services: ReferenceServices, firm: Firm): Temporal.PlainDate =>
  services.now().toZonedDateTimeISO(firm.timeZone).toPlainDate();

/**
 * The next instant the daily work of a firm is due: 06:00 in its zone, today if that is still
 * ahead, else tomorrow.
 *
 * @example
 * ```ts
 * nextDailyRun(Temporal.Instant.from("2026-03-02T12:00:00Z"), "Europe/Brussels").toString(); // "2026-03-03T05:00:00Z"
 * ```
 */
export function nextDailyRun(now: Temporal.Instant, timeZone: string): Temporal.Instant {
  const local = now.toZonedDateTimeISO(timeZone);
  let at = local
    .toPlainDate()
    .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from({ hour: DAILY_HOUR }) });
  if (Temporal.Instant.compare(at.toInstant(), now) <= 0) at = at.add({ days: 1 });
  return at.toInstant();
}

/**
 * Runs a firm's daily run and instalment reminders for a date (the whole firm as one shard).
 *
 * @example
 * ```ts
 * const report = await runDailyWork(services, firm, "2026-03-02");
 * ```
 */
export async function runDailyWork(
  services: ReferenceServices,
  firm: Firm,
  runDate: string,
  shard: { readonly caseIdFrom?: string; readonly caseIdTo?: string } = {},
): Promise<DailyWorkReport> {
  const scope = { tenantId: firm.tenantId };
  const run = await runDailyShard(services.store, scope, { runDate, ...shard });
  const reminders = await writeInstalmentReminders({
    store: services.store,
    scope,
    runDate,
    recordedAt: services.now().toString(),
    by: "instalment-reminders",
    catchUpDays: 3,
    ...shard,
  });
  return {
    tenantId: firm.tenantId,
    runDate,
    agendaEntries: run.entries,
    cases: run.cases,
    instalmentReminders: reminders.written,
  };
}

/**
 * Records that a firm's daily work for a date is done (the job queue's tick reads it).
 *
 * @example
 * ```ts
 * await recordDailyRun(services, report);
 * ```
 */
export async function recordDailyRun(
  services: ReferenceServices,
  report: DailyWorkReport,
): Promise<void> {
  await services.inTenant(report.tenantId, (tx) =>
    tx.query(
      `INSERT INTO daily_runs (tenant_id, run_date, finished_at, agenda_entries, instalment_reminders)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, run_date) DO UPDATE SET finished_at = EXCLUDED.finished_at,
         agenda_entries = EXCLUDED.agenda_entries, instalment_reminders = EXCLUDED.instalment_reminders`,
      [
        report.tenantId,
        report.runDate,
        services.now().toString(),
        report.agendaEntries,
        report.instalmentReminders,
      ],
    ),
  );
}

/**
 * Whether a firm's daily work for a date is done.
 *
 * @example
 * ```ts
 * if (!(await dailyRunDone(services, "be-peeters", "2026-03-02"))) { … }
 * ```
 */
export async function dailyRunDone(
  services: ReferenceServices,
  tenantId: string,
  runDate: string,
): Promise<boolean> {
  return services.inTenant(
    tenantId,
    async (tx) =>
      (
        await tx.query("SELECT 1 FROM daily_runs WHERE tenant_id = $1 AND run_date = $2", [
          tenantId,
          runDate,
        ])
      ).rows.length > 0,
  );
}

/**
 * The outbox dispatcher of a firm: its sender, its letters, the server's mailer, SMS sender,
 * renderer and clock. With the catch-all mailer the firm's tenant id is the identity, so its
 * messages land in its own folder.
 *
 * @example
 * ```ts
 * const report = await firmDispatcher(services, firm, "worker-1").runOnce();
 * ```
 */
export function firmDispatcher(
  services: ReferenceServices,
  firm: Firm,
  workerId: string,
): Dispatcher {
  return createDispatcher({
    store: services.store,
    scope: { tenantId: firm.tenantId },
    mailer: services.mailer,
    ...(services.sms === null ? {} : { sms: services.sms }),
    renderer: services.renderer,
    letters: firmLetters(firm),
    from: firm.mailFrom,
    ...(services.mailDir === null ? {} : { identity: firm.tenantId }),
    timeZone: firm.timeZone,
    clock: services.now,
    workerId,
    by: "dispatcher",
  });
}
