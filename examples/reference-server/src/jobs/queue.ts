// Background work on PostgreSQL through graphile-worker (the job queue of
// examples/daily-run-queue): any number of worker processes share the work.
//
// - `incasso-daily-tick` (cron, every 15 minutes): for each firm whose local time is past 06:00
//   and whose daily work of today is not recorded, enqueues `incasso-daily` under the job key
//   `daily:<tenant>:<date>` (enqueueing twice keeps one job).
// - `incasso-daily`: cuts the firm's cases into shards (storage-postgres' planShards) and enqueues
//   one `incasso-daily-shard` job per shard, plus `incasso-daily-done` after them.
// - `incasso-daily-shard`: the daily run and instalment reminders of one shard.
// - `incasso-daily-done`: records the day as done once every shard job has finished.
// - `incasso-dispatch` (cron, every minute): each firm's outbox dispatcher, batch after batch
//   until nothing is left (the outbox is claimed with SKIP LOCKED: workers never share a message).
import { planShards } from "@incasso/storage-postgres";
import type { Runner, Task, TaskList } from "graphile-worker";
import { Logger, run } from "graphile-worker";
import type pg from "pg";
import type { ReferenceServices } from "../services.js";
import {
  DAILY_HOUR,
  dailyRunDone,
  firmDispatcher,
  localDate,
  recordDailyRun,
  runDailyWork,
} from "./daily-work.js";

/** The task names. */
export const TASKS = {
  tick: "incasso-daily-tick",
  daily: "incasso-daily",
  shard: "incasso-daily-shard",
  done: "incasso-daily-done",
  dispatch: "incasso-dispatch",
} as const;

/** The crontab of the workers. */
export const CRONTAB = `*/15 * * * * ${TASKS.tick}\n* * * * * ${TASKS.dispatch}\n`;

interface DailyPayload {
  readonly tenantId: string;
  readonly runDate: string;
}
interface ShardPayload extends DailyPayload {
  readonly caseIdFrom?: string;
  readonly caseIdTo?: string;
}

const dailyPayload = (value: unknown): ShardPayload => {
  const payload = (value ?? {}) as Record<string, unknown>;
  if (
    typeof payload.tenantId !== "string" ||
    typeof payload.runDate !== "string" ||
    !/^\d{4}-\d{2}-\d{2}$/.test(payload.runDate)
  )
    throw new TypeError(`not a daily payload: ${JSON.stringify(value)}`);
  for (const key of ["caseIdFrom", "caseIdTo"])
    if (payload[key] !== undefined && typeof payload[key] !== "string")
      throw new TypeError(`not a daily payload: ${JSON.stringify(value)}`);
  return payload as unknown as ShardPayload;
};

/**
 * The task list of the workers.
 *
 * @example
 * ```ts
 * const runner = await run({ pgPool, taskList: queueTasks(services), crontab: CRONTAB });
 * ```
 */
export function queueTasks(
  services: ReferenceServices,
  options: { readonly shards?: number } = {},
): TaskList {
  const firmOf = async (tenantId: string) => {
    const firm = (await services.refreshFirms()).find(
      (candidate) => candidate.tenantId === tenantId,
    );
    if (firm === undefined) throw new Error(`no firm ${tenantId}`);
    return firm;
  };
  const tick: Task = async (_payload, helpers) => {
    for (const firm of await services.refreshFirms()) {
      const local = services.now().toZonedDateTimeISO(firm.timeZone);
      if (local.hour < DAILY_HOUR) continue;
      const runDate = localDate(services, firm).toString();
      if (await dailyRunDone(services, firm.tenantId, runDate)) continue;
      await helpers.addJob(
        TASKS.daily,
        { tenantId: firm.tenantId, runDate },
        { jobKey: `daily:${firm.tenantId}:${runDate}`, jobKeyMode: "preserve_run_at" },
      );
    }
  };
  const daily: Task = async (raw, helpers) => {
    const payload = dailyPayload(raw);
    const ranges = await planShards(services.db, {
      tenantId: payload.tenantId,
      shards: options.shards ?? 4,
    });
    for (const [shard, range] of ranges.entries())
      await helpers.addJob(
        TASKS.shard,
        { ...payload, ...range },
        {
          jobKey: `daily:${payload.tenantId}:${payload.runDate}:${shard}`,
          jobKeyMode: "replace",
          maxAttempts: 10,
        },
      );
    // The day is recorded by the done task, which waits until no shard job of the day is left.
    await helpers.addJob(TASKS.done, payload, {
      jobKey: `daily-done:${payload.tenantId}:${payload.runDate}`,
      runAt: new Date(Date.now() + 5000),
    });
  };
  const shard: Task = async (raw, helpers) => {
    const payload = dailyPayload(raw);
    const report = await runDailyWork(services, await firmOf(payload.tenantId), payload.runDate, {
      ...(payload.caseIdFrom === undefined ? {} : { caseIdFrom: payload.caseIdFrom }),
      ...(payload.caseIdTo === undefined ? {} : { caseIdTo: payload.caseIdTo }),
    });
    helpers.logger.info(
      `${payload.tenantId} ${payload.runDate} [${payload.caseIdFrom ?? ""}, ${payload.caseIdTo ?? ""}): ${report.cases} cases, ${report.agendaEntries} entries, ${report.instalmentReminders} instalment reminders`,
    );
  };
  const done: Task = async (raw, helpers) => {
    const payload = dailyPayload(raw);
    const left = await helpers.withPgClient((client) =>
      client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1 AND key LIKE $2",
        [TASKS.shard, `daily:${payload.tenantId}:${payload.runDate}:%`],
      ),
    );
    if ((left.rows[0]?.n ?? 0) > 0)
      throw new Error(
        `shards of ${payload.tenantId} ${payload.runDate} still running; retried later`,
      );
    const entries = await services.store.listAgenda(
      { tenantId: payload.tenantId },
      { runDate: payload.runDate, limit: 1 },
    );
    await recordDailyRun(services, {
      tenantId: payload.tenantId,
      runDate: payload.runDate,
      cases: 0,
      agendaEntries: entries.items.length,
      instalmentReminders: 0,
    });
  };
  const dispatch: Task = async (_payload, helpers) => {
    for (const firm of await services.refreshFirms()) {
      const dispatcher = firmDispatcher(services, firm, `worker:${process.pid}`);
      for (let batch = 0; batch < 50; batch++) {
        const report = await dispatcher.runOnce();
        if (report.claimed === 0) break;
        helpers.logger.info(
          `${firm.tenantId}: ${report.sent.length} sent, ${report.failed.length} failed, ${report.retried.length} to retry`,
        );
      }
    }
  };
  return {
    [TASKS.tick]: tick,
    [TASKS.daily]: daily,
    [TASKS.shard]: shard,
    [TASKS.done]: done,
    [TASKS.dispatch]: dispatch,
  };
}

/**
 * Starts a graphile-worker runner on the server's PostgreSQL pool with the tasks and the crontab,
 * and queues today's daily work of every firm at once.
 *
 * @example
 * ```ts
 * const runner = await startQueueWorker(services, pool, { concurrency: 2 });
 * await runner.stop();
 * ```
 */
export async function startQueueWorker(
  services: ReferenceServices,
  pool: pg.Pool,
  options: {
    readonly concurrency?: number;
    readonly runAtStart?: boolean;
    readonly quiet?: boolean;
  } = {},
): Promise<Runner> {
  const runner = await run({
    ...(options.quiet === true ? { logger: new Logger(() => () => {}) } : {}),
    pgPool: pool,
    concurrency: options.concurrency ?? 2,
    taskList: queueTasks(services),
    crontab: CRONTAB,
    noHandleSignals: true,
    pollInterval: 2000,
  });
  if (options.runAtStart ?? true)
    for (const firm of services.firms()) {
      const runDate = localDate(services, firm).toString();
      if (await dailyRunDone(services, firm.tenantId, runDate)) continue;
      await runner.addJob(
        TASKS.daily,
        { tenantId: firm.tenantId, runDate },
        { jobKey: `daily:${firm.tenantId}:${runDate}`, jobKeyMode: "preserve_run_at" },
      );
    }
  return runner;
}
