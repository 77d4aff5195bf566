// The daily run of a tenant as graphile-worker jobs: one job per case-id shard, under a job key
// that makes enqueueing idempotent, and a task that runs the core's runDailyShard on the
// PostgreSQL store. See the README for how a host spreads this over many workers and machines.
import type { CaseStore, DailyRunReport, ShardRequest } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import type { ShardRange, SqlClientInput } from "@incasso/storage-postgres";
import { planShards } from "@incasso/storage-postgres";
import type { JobHelpers, Task, TaskList, WorkerUtils } from "graphile-worker";

/** The graphile-worker task identifier of one shard of the daily run. */
export const DAILY_RUN_TASK = "daily-run-shard";

/** What a `daily-run-shard` job carries: everything the task needs, so workers never re-plan. */
export interface DailyRunShardPayload {
  readonly tenantId: string;
  readonly runDate: string;
  /** The shard's number, from 0, and how many shards the plan had (for logs and monitoring). */
  readonly shard: number;
  readonly shards: number;
  readonly caseIdFrom?: string;
  readonly caseIdTo?: string;
  /** Cases per page (and per transaction) of runDailyShard; the core's default is 500. */
  readonly batchSize?: number;
}

/**
 * The job key of a shard: `daily:<tenant>:<date>:<shard>`. Adding a job under a key that is
 * already queued replaces that job instead of adding a second one, so enqueueing the same day
 * twice (a cron that fires twice, a deploy that restarts the scheduler) queues each shard once.
 */
export function dailyJobKey(tenantId: string, runDate: string, shard: number): string {
  return `daily:${tenantId}:${runDate}:${shard}`;
}

/** Options of {@link enqueueDailyRun}. */
export interface EnqueueOptions {
  readonly tenantId: string;
  readonly runDate: string;
  /** How many shards to cut the tenant's cases into (about equal case counts each). */
  readonly shards: number;
  readonly batchSize?: number;
  /** Attempts per shard before graphile-worker gives up on it (default 10, with its backoff). */
  readonly maxAttempts?: number;
}

/**
 * Plans a tenant's cases into shards with the adapter's `planShards` (case-id ranges of about the
 * same size; the first and last are open-ended, so every case, even one opened after the plan, is
 * in exactly one shard) and adds one `daily-run-shard` job per shard under its
 * {@link dailyJobKey}. Answers the jobs' payloads.
 */
export async function enqueueDailyRun(
  utils: WorkerUtils,
  database: SqlClientInput,
  options: EnqueueOptions,
): Promise<DailyRunShardPayload[]> {
  const ranges: ShardRange[] = await planShards(database, {
    tenantId: options.tenantId,
    shards: options.shards,
  });
  const payloads = ranges.map(
    (range, shard): DailyRunShardPayload => ({
      tenantId: options.tenantId,
      runDate: options.runDate,
      shard,
      shards: ranges.length,
      ...range,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    }),
  );
  for (const payload of payloads) {
    await utils.addJob(DAILY_RUN_TASK, payload, {
      jobKey: dailyJobKey(payload.tenantId, payload.runDate, payload.shard),
      jobKeyMode: "replace",
      maxAttempts: options.maxAttempts ?? 10,
    });
  }
  return payloads;
}

/** Reads a job's payload, refusing anything that is not a shard of the daily run. */
export function shardPayloadOf(payload: unknown): DailyRunShardPayload {
  const value = (payload ?? {}) as Record<string, unknown>;
  const text = (key: string) => typeof value[key] === "string";
  const whole = (key: string) => Number.isInteger(value[key]);
  const optional = (key: string, ok: (key: string) => boolean) =>
    value[key] === undefined || ok(key);
  if (
    !text("tenantId") ||
    !text("runDate") ||
    !whole("shard") ||
    !whole("shards") ||
    !optional("caseIdFrom", text) ||
    !optional("caseIdTo", text) ||
    !optional("batchSize", whole)
  ) {
    throw new TypeError(`not a ${DAILY_RUN_TASK} payload: ${JSON.stringify(payload)}`);
  }
  return value as unknown as DailyRunShardPayload;
}

/** The core's shard request of a payload. */
export function shardRequestOf(payload: DailyRunShardPayload): ShardRequest {
  return {
    runDate: payload.runDate,
    ...(payload.caseIdFrom === undefined ? {} : { caseIdFrom: payload.caseIdFrom }),
    ...(payload.caseIdTo === undefined ? {} : { caseIdTo: payload.caseIdTo }),
    ...(payload.batchSize === undefined ? {} : { batchSize: payload.batchSize }),
  };
}

/** Options of {@link dailyRunTasks}. */
export interface DailyRunTaskOptions {
  /** Called after each shard with what it did (metrics, tests). */
  readonly onShardDone?: (
    payload: DailyRunShardPayload,
    report: DailyRunReport,
    helpers: JobHelpers,
  ) => void;
}

/**
 * The task list of a worker: `daily-run-shard` runs the core's `runDailyShard` for the job's
 * tenant and case-id range on `store`. A shard that throws is retried by graphile-worker; that is
 * safe, because a shard run again for the same date changes nothing (agenda entry ids are fixed,
 * disposed entries are kept, and rows whose case moved on are skipped).
 */
export function dailyRunTasks(store: CaseStore, options: DailyRunTaskOptions = {}): TaskList {
  const task: Task = async (raw, helpers) => {
    const payload = shardPayloadOf(raw);
    const report = await runDailyShard(
      store,
      { tenantId: payload.tenantId },
      shardRequestOf(payload),
    );
    helpers.logger.info(
      `${dailyJobKey(payload.tenantId, payload.runDate, payload.shard)} (${payload.shard + 1}/${payload.shards}): ` +
        `${report.cases} cases in ${report.pages} pages, ${report.entries} agenda entries, ${report.skipped} skipped`,
    );
    options.onShardDone?.(payload, report, helpers);
  };
  return { [DAILY_RUN_TASK]: task };
}
