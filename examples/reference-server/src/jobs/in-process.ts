// Background work in the server's own process, for PGlite (one process owns the data directory):
// each firm's daily work at start and then every day at 06:00 in its zone, and one outbox
// dispatcher per firm polling until the server stops.
import type { Firm } from "../server-schema/firms.js";
import type { ReferenceServices } from "../services.js";
import {
  firmDispatcher,
  localDate,
  nextDailyRun,
  recordDailyRun,
  runDailyWork,
} from "./daily-work.js";

/** The running background work. */
export interface BackgroundWork {
  /** Stops the timers and dispatchers and waits for work under way. */
  stop(): Promise<void>;
}

/** Options of {@link startInProcessWork}. */
export interface InProcessOptions {
  /** Called with each line of news (started, finished, failed). */
  readonly log?: (line: string) => void;
  /** Run the daily work right away at start (default true). */
  readonly runAtStart?: boolean;
}

/**
 * Starts the in-process background work.
 *
 * @example
 * ```ts
 * const work = startInProcessWork(services, { log: console.log });
 * process.on("SIGTERM", () => work.stop());
 * ```
 */
export function startInProcessWork(
  services: ReferenceServices,
  options: InProcessOptions = {},
): BackgroundWork {
  const log = options.log ?? (() => {});
  const controller = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>) => {
    running.add(promise);
    promise.finally(() => running.delete(promise)).catch(() => {});
    return promise;
  };

  const daily = async (firm: Firm) => {
    const runDate = localDate(services, firm).toString();
    try {
      const report = await runDailyWork(services, firm, runDate);
      await recordDailyRun(services, report);
      log(
        `daily run of ${firm.tenantId} for ${runDate}: ${report.cases} cases, ${report.agendaEntries} agenda entries, ${report.instalmentReminders} instalment reminders`,
      );
    } catch (error) {
      log(
        `daily run of ${firm.tenantId} for ${runDate} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const schedule = (firm: Firm) => {
    if (controller.signal.aborted) return;
    const at = nextDailyRun(services.now(), firm.timeZone);
    const wait = Math.max(1000, Number(services.now().until(at).total("milliseconds")));
    // setTimeout holds at most 2^31-1 ms; a day is far below.
    const timer = setTimeout(() => {
      timers.delete(timer);
      void track(daily(firm)).then(() => schedule(firm));
    }, wait);
    timer.unref();
    timers.add(timer);
  };

  for (const firm of services.firms()) {
    if (options.runAtStart ?? true) void track(daily(firm)).then(() => schedule(firm));
    else schedule(firm);
    const dispatcher = firmDispatcher(services, firm, `in-process:${firm.tenantId}`);
    void track(
      dispatcher.run({ signal: controller.signal }).then(
        (report) =>
          log(
            `dispatcher of ${firm.tenantId} stopped after ${report.sent} sent, ${report.failed} failed`,
          ),
        (error) =>
          log(
            `dispatcher of ${firm.tenantId} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
      ),
    );
  }

  return {
    async stop() {
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
