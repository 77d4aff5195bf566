import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** A Node child process running a script, with the lines it printed and a wait for one. */
export interface ChildScript {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  /** Its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  stderr(): string;
  /** Resolves with the first line (already printed or to come) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes a line to its stdin. */
  send(line: string): void;
}

/** Starts `node script '<config as JSON>'`. */
export function startScript(script: string, config: Record<string, unknown>): ChildScript {
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const waiter of [...waiters])
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor(pattern, timeoutMs = 20_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line ${pattern}; it said: ${lines.join(" | ")} ${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}
