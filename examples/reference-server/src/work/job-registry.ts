// Background work started from a page (an import's apply) and followed by its progress URL: each
// job belongs to one tenant, reports its progress as it goes and keeps its result or error. Jobs
// live in the server's memory: a restart forgets them, while what they wrote stays in the store
// (an import batch is saved with every row's outcome).
import { randomUUID } from "node:crypto";

/**
 * How far a job has come, as its progress URL answers it.
 *
 * @example
 * ```ts
 * const half = (progress: JobProgress) => progress.share >= 0.5;
 * ```
 */
export interface JobProgress {
  /** Rows read so far. */
  readonly rows: number;
  /** Rows read per second. */
  readonly rowsPerSecond: number;
  /** The time left for reading, in milliseconds; null when not known. */
  readonly etaMs: number | null;
  /** Cases written so far, of `casesTotal`. */
  readonly casesWritten: number;
  readonly casesTotal: number;
  /** Share done, from 0 to 1: reading is the first half, writing the second. */
  readonly share: number;
}

/**
 * One job: what it is, its state, progress and outcome.
 *
 * @example
 * ```ts
 * const finished = (job: Job<unknown>) => job.state !== "running";
 * ```
 */
export interface Job<R> {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: string;
  readonly startedAt: string;
  state: "running" | "done" | "failed";
  progress: JobProgress;
  result: R | null;
  error: string | null;
  finishedAt: string | null;
}

const START: JobProgress = {
  rows: 0,
  rowsPerSecond: 0,
  etaMs: null,
  casesWritten: 0,
  casesTotal: 0,
  share: 0,
};

/**
 * A registry of background jobs: `start` runs the work without awaiting it and answers the job at
 * once; `get` finds a job of the tenant (another tenant's job is not found).
 *
 * @example
 * ```ts
 * const jobs = createJobRegistry<number>(() => new Date().toISOString());
 * const job = jobs.start("firm-1", "count", async (update) => { update({ rows: 3 }); return 3; });
 * jobs.get("firm-1", job.id)?.state; // "running", then "done"
 * ```
 */
export function createJobRegistry<R>(now: () => string, keep = 200) {
  const jobs = new Map<string, Job<R>>();
  return {
    start(
      tenantId: string,
      kind: string,
      work: (update: (progress: Partial<JobProgress>) => void) => Promise<R>,
    ): Job<R> {
      const job: Job<R> = {
        id: randomUUID(),
        tenantId,
        kind,
        startedAt: now(),
        state: "running",
        progress: START,
        result: null,
        error: null,
        finishedAt: null,
      };
      jobs.set(job.id, job);
      // Forget the oldest finished jobs beyond `keep`.
      if (jobs.size > keep) {
        for (const [id, old] of jobs) {
          if (jobs.size <= keep) break;
          if (old.state !== "running") jobs.delete(id);
        }
      }
      const update = (progress: Partial<JobProgress>) => {
        job.progress = { ...job.progress, ...progress };
      };
      const settled = Promise.resolve()
        .then(() => work(update))
        .then(
          (result) => {
            job.result = result;
            job.state = "done";
            job.progress = { ...job.progress, share: 1, etaMs: 0 };
          },
          (error: unknown) => {
            job.error = error instanceof Error ? error.message : String(error);
            job.state = "failed";
          },
        )
        .finally(() => {
          job.finishedAt = now();
        });
      running.set(job.id, settled);
      void settled.finally(() => running.delete(job.id));
      return job;
    },
    get(tenantId: string, id: string): Job<R> | null {
      const job = jobs.get(id);
      return job !== undefined && job.tenantId === tenantId ? job : null;
    },
    /** Resolves when the job has finished (tests, shutdown). */
    async settled(id: string): Promise<void> {
      await running.get(id);
    },
  };
}

const running = new Map<string, Promise<void>>();

/**
 * A job registry as {@link createJobRegistry} makes it.
 *
 * @example
 * ```ts
 * const jobs: JobRegistry<number> = createJobRegistry<number>(() => new Date().toISOString());
 * ```
 */
export type JobRegistry<R> = ReturnType<typeof createJobRegistry<R>>;
