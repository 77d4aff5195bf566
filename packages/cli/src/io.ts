/**
 * Where a command writes: the process streams in the `incasso` binary, buffers in tests.
 *
 * @example
 * ```ts
 * import type { CliIo } from "@incasso/cli";
 * const lines: string[] = [];
 * const io: CliIo = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
 * ```
 */
export interface CliIo {
  /** Writes one line to standard output. */
  out(line: string): void;
  /** Writes one line to standard error. */
  err(line: string): void;
}
