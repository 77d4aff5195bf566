import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ERROR_CODES, IncassoError } from "@incasso/core";
import { describe, expect, it } from "vitest";
import { BUG_ERROR_CODES, isBadInput } from "../src/exit-codes.js";
import type { CliIo } from "../src/index.js";
import { EXIT_CODES, main, UsageError } from "../src/index.js";

const BIN = join(import.meta.dirname, "..", "dist", "bin.js");
const STDOUT_FAULT = join(import.meta.dirname, "fixtures", "stdout-fault.mjs");
const STACK_LINE = /^\s+at /m;
const REPORT =
  "This is a bug in incasso, not a problem with your input: please report it to the maintainers of @incasso/cli with the command and the input.";

async function runBinary(
  args: string[],
  nodeOptions: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      ...nodeOptions,
      BIN,
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** An io whose standard output throws: the command meets an error it does not expect. */
function faultyIo(): { io: CliIo; err: string[] } {
  const err: string[] = [];
  const io: CliIo = {
    out: () => {
      throw new TypeError("injected fault");
    },
    err: (line) => err.push(line),
  };
  return { io, err };
}

describe("exit codes", () => {
  it("are 0, 1, 2 and 70", () => {
    expect(EXIT_CODES).toEqual({ ok: 0, failed: 1, badInput: 2, internalError: 70 });
  });

  it("take the storage codes of an IncassoError as a bug, every other code as bad input", () => {
    const bugs = Object.keys(ERROR_CODES).filter(
      (code) => !isBadInput(new IncassoError(code as keyof typeof ERROR_CODES, "x")),
    );
    expect(bugs).toEqual([...BUG_ERROR_CODES]);
    expect(bugs).toEqual([
      "VERSION_CONFLICT",
      "IDEMPOTENCY_KEY_REUSED",
      "NOT_FOUND",
      "FORBIDDEN",
      "OUTBOX_NOT_CLAIMED",
      "ALREADY_FINAL",
    ]);
    expect(isBadInput(new IncassoError("INVALID_INPUT", "case.asOf: expected a date"))).toBe(true);
    expect(isBadInput(new IncassoError("RATE_NOT_COVERED", "nl.legal"))).toBe(true);
    expect(isBadInput(new IncassoError("NOT_FOUND", "case 1"))).toBe(false);
    expect(isBadInput(new UsageError("case: unknown option --x"))).toBe(true);
    expect(isBadInput(new TypeError("x is undefined"))).toBe(false);
  });

  it("answer a crash with 70, one short line and where to report it, without the stack", async () => {
    const { io, err } = faultyIo();
    expect(await main(["holidays", "nl", "2026"], io)).toBe(70);
    expect(err).toEqual([
      "incasso: internal error: TypeError: injected fault",
      REPORT,
      "Run the command again with --debug to see where it happened.",
    ]);
  });

  it("show the stack of a crash with --debug, wherever it stands before --", async () => {
    for (const args of [
      ["--debug", "holidays", "nl", "2026"],
      ["holidays", "--debug", "nl", "2026"],
      ["holidays", "nl", "2026", "--debug"],
    ]) {
      const { io, err } = faultyIo();
      expect(await main(args, io)).toBe(70);
      expect(err.slice(0, 2)).toEqual([
        "incasso: internal error: TypeError: injected fault",
        REPORT,
      ]);
      expect(err[2]).toMatch(/^TypeError: injected fault\n\s+at /);
    }
  });

  it("accept --debug on every command without changing what it does", async () => {
    const out: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => out.push(line) };
    expect(await main(["reference", "create", "be.ogm", "1234567890", "--debug"], io)).toBe(0);
    expect(out).toEqual(["+++123/4567/89002+++"]);
  });
});

describe("the binary's exit codes", () => {
  it("exits 70 on a crash with the short message and no stack", async () => {
    const result = await runBinary(["holidays", "nl", "2026"], ["--import", STDOUT_FAULT]);
    expect(result.code).toBe(70);
    expect(result.stderr).toBe(
      [
        "incasso: internal error: TypeError: injected fault: standard output refused the line",
        REPORT,
        "Run the command again with --debug to see where it happened.",
        "",
      ].join("\n"),
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("shows the stack of a crash with --debug", async () => {
    const result = await runBinary(
      ["holidays", "nl", "2026", "--debug"],
      ["--import", STDOUT_FAULT],
    );
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(/^incasso: internal error: TypeError: injected fault/);
    expect(result.stderr).toMatch(STACK_LINE);
    expect(result.stderr).toContain("bin.js");
  });

  it("exits 2 on bad input, naming the field, and on bad usage, naming the option", async () => {
    const dir = mkdtempSync(join(tmpdir(), "incasso-exit-"));
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        asOf: "2024-06-30",
        claims: [{ id: "F1", principal: "1,00", dueDate: "2024-01-01" }],
      }),
    );
    const badInput = await runBinary(["statement", file, "--debug"]);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toMatch(
      /^INVALID_INPUT: case\.claims\.0\.principal: expected an amount/,
    );
    expect(badInput.stderr).not.toContain("internal error");
    expect(badInput.stderr).not.toMatch(STACK_LINE);
    const badUsage = await runBinary(["deadline", "be", "2026-01-01", "soon"]);
    expect([badUsage.code, badUsage.stderr]).toEqual([
      2,
      'days: expected a whole number of days (got: "soon")\n',
    ]);
    const unknown = await runBinary(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command "frobnicate"/);
  });

  it("exits 1 on a failed check", async () => {
    const result = await runBinary(["reference", "validate", "be.ogm", "+++123/4567/89003+++"]);
    expect([result.code, result.stdout]).toEqual([1, "invalid\n"]);
  });
});
