import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/index.js";
import {
  AGENDA_MAX_CASE_FILES,
  AGENDA_MAX_TOTAL_BYTES,
  InputFileError,
  JSON_FILE_MAX_BYTES,
  main,
  readJsonFile,
} from "../src/index.js";
import { firstInvalidUtf8Offset } from "../src/read-json-file.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIN = join(import.meta.dirname, "..", "dist", "bin.js");
const BE_CONSUMER = join(ROOT, "examples", "cases", "be-consumer.json");
const SCENARIOS = join(ROOT, "examples", "scenarios", "scenarios.json");
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(args, io);
  return { code, out, err };
}

async function runBinary(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "incasso-input-"));
}

function tempFile(name: string, content: string | Uint8Array): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

describe("every JSON file goes through one reader", () => {
  it("accepts a file that starts with a UTF-8 byte order mark", async () => {
    const withBom = tempFile("case.json", Buffer.concat([BOM, readFileSync(BE_CONSUMER)]));
    const plain = await run(["case", BE_CONSUMER, "--as-of", "2026-01-31", "--json"]);
    const result = await run(["case", withBom, "--as-of", "2026-01-31", "--json"]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual(plain.out);

    const policy = tempFile("policy.json", Buffer.concat([BOM, Buffer.from('{"receiptDays":3}')]));
    const withPolicy = await run([
      "case",
      withBom,
      "--as-of",
      "2026-01-31",
      "--policy-file",
      policy,
    ]);
    expect(withPolicy.code).toBe(0);
    expect(withPolicy.out.join("\n")).toContain("receiptDays 3");
  });

  it("refuses invalid UTF-8 with the file and the byte offset, never a replacement character", async () => {
    const file = tempFile(
      "bad.json",
      Buffer.from([...Buffer.from('{"a":"'), 0xc3, 0x28, 0x22, 0x7d]),
    );
    expect(() => readJsonFile(file)).toThrow(InputFileError);
    const result = await run(["case", file, "--as-of", "2026-01-31"]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toBe(
      `${file}: not valid UTF-8: invalid byte sequence at byte offset 6 (bytes C3 28 22 7D); save it as UTF-8`,
    );
  });

  it("says a UTF-16 file is UTF-16", () => {
    const file = tempFile("utf16.json", Buffer.from("\ufeff[]", "utf16le"));
    expect(() => readJsonFile(file)).toThrow(/utf16\.json: is UTF-16 .*save it as UTF-8/);
  });

  it("refuses a file above the limit with its size, before reading it", async () => {
    expect(JSON_FILE_MAX_BYTES).toBe(16 * 1024 * 1024);
    const file = join(tempDir(), "huge.json");
    writeFileSync(file, "");
    truncateSync(file, JSON_FILE_MAX_BYTES + 1); // sparse: nothing is written
    const result = await run(["statement", file]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toBe(
      `${file}: 16,777,217 bytes (16.0 MiB), larger than the limit of 16,777,216 bytes (16.0 MiB) for a JSON file; is it the right file?`,
    );
    // A file at the limit is read (and here refused only as JSON).
    truncateSync(file, JSON_FILE_MAX_BYTES);
    expect(() => readJsonFile(file)).toThrow(/huge\.json: not JSON/);
  });

  it("takes the limit as an option", () => {
    const file = tempFile("small.json", '{"a": "0123456789"}');
    expect(readJsonFile(file, { maxBytes: 19 })).toEqual({ a: "0123456789" });
    expect(() => readJsonFile(file, { maxBytes: 18, label: "--policy-file small.json" })).toThrow(
      "--policy-file small.json: 19 bytes (0.0 KiB), larger than the limit of 18 bytes (0.0 KiB) for a JSON file; is it the right file?",
    );
  });

  it("names the line and column of a syntax error", async () => {
    const file = tempFile("syntax.json", '{\n  "a": 1,\n  "b" 2\n}');
    const result = await run(["plan", file]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(/syntax\.json: not JSON: line 3, column 7: Unexpected/);
    expect(() => readJsonFile(tempFile("empty.json", " \n"))).toThrow(
      /empty\.json: is empty, expected JSON/,
    );
    expect(() => readJsonFile(tempDir())).toThrow(/is a directory, expected a JSON file/);
  });

  it("reads vector, rates and scenario files through it", async () => {
    const bad = Buffer.from([0x5b, 0xe0, 0x80, 0x80, 0x5d]); // an overlong encoding
    const vectors = await run(["vectors", tempFile("v.json", bad)]);
    expect(vectors.out[0]).toMatch(/v\.json: cannot read vectors \(not valid UTF-8: .*offset 1 /);
    expect(vectors.code).toBe(1);
    const rates = await run([
      "case",
      BE_CONSUMER,
      "--as-of",
      "2026-01-31",
      "--rates",
      tempFile("r.json", bad),
    ]);
    expect([rates.code, rates.err.join("")]).toEqual([
      2,
      expect.stringMatching(/^--rates .*r\.json: not valid UTF-8: .*offset 1 /),
    ]);
    const dir = tempDir();
    const agenda = await run(["agenda", dir, tempFile("s.json", bad), "--as-of", "2025-06-30"]);
    expect([agenda.code, agenda.err.join("")]).toEqual([
      2,
      expect.stringMatching(/s\.json: not valid UTF-8/),
    ]);
  });
});

describe("the agenda's directory", () => {
  it("reports a case file that is not UTF-8 by name, and lists the others", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.json"), readFileSync(BE_CONSUMER));
    writeFileSync(join(dir, "b.json"), Buffer.from([0x5b, 0xff, 0x5d]));
    const result = await run(["agenda", dir, SCENARIOS, "--as-of", "2026-01-31"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      "FAILED b.json: not valid UTF-8: invalid byte sequence at byte offset 1 (bytes FF 5D); save it as UTF-8",
    );
    expect(result.out[0]).toMatch(/across 1 cases/);
  });

  it(`refuses more than ${AGENDA_MAX_CASE_FILES} case files before reading any`, async () => {
    const dir = tempDir();
    for (let n = 0; n <= AGENDA_MAX_CASE_FILES; n++) writeFileSync(join(dir, `${n}.json`), "");
    const result = await run(["agenda", dir, SCENARIOS, "--as-of", "2026-01-31"]);
    expect(result.code).toBe(2);
    expect(result.err.join("")).toBe(
      `${dir}: 10,001 case files, more than the limit of 10,000 for one agenda`,
    );
  });

  it("refuses case files holding more than 256 MiB together", async () => {
    const dir = tempDir();
    for (const name of ["a.json", "b.json"]) {
      writeFileSync(join(dir, name), "");
      truncateSync(join(dir, name), AGENDA_MAX_TOTAL_BYTES / 2 + 1);
    }
    const result = await run(["agenda", dir, SCENARIOS, "--as-of", "2026-01-31"]);
    expect(result.code).toBe(2);
    expect(result.err.join("")).toMatch(/268,435,458 bytes together, more than the limit/);
  });

  it("refuses a directory that is not one", async () => {
    const result = await run(["agenda", BE_CONSUMER, SCENARIOS, "--as-of", "2026-01-31"]);
    expect([result.code, result.err.join("")]).toEqual([
      2,
      expect.stringMatching(/be-consumer\.json: cannot read the directory of case files \(ENOTDIR/),
    ]);
  });
});

describe("the binary on bad files", () => {
  it("exits 2 on invalid UTF-8 and on a file above the limit, naming the file", async () => {
    const bad = tempFile("bad.json", Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
    const notUtf8 = await runBinary(["case", bad, "--as-of", "2026-01-31"]);
    expect(notUtf8.code).toBe(2);
    expect(notUtf8.stderr).toBe(
      `${bad}: not valid UTF-8: invalid byte sequence at byte offset 1 (bytes C3 28 7D); save it as UTF-8\n`,
    );
    const huge = join(tempDir(), "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, JSON_FILE_MAX_BYTES + 1);
    const tooLarge = await runBinary(["statement", huge]);
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toMatch(
      /huge\.json: 16,777,217 bytes \(16\.0 MiB\), larger than the limit/,
    );
  });

  it("computes a case file with a byte order mark", async () => {
    const withBom = tempFile("case.json", Buffer.concat([BOM, readFileSync(BE_CONSUMER)]));
    const result = await runBinary(["case", withBom, "--as-of", "2026-01-31"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Case /);
  });
});

describe("firstInvalidUtf8Offset", () => {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const valid = (bytes: Uint8Array) => {
    try {
      decoder.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it("agrees with the fatal TextDecoder on every 1- and 2-byte input", () => {
    const disagreements: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (let b = -1; b < 256; b++) {
        const bytes = Uint8Array.from(b < 0 ? [a] : [a, b]);
        if (firstInvalidUtf8Offset(bytes) < 0 !== valid(bytes))
          disagreements.push(Buffer.from(bytes).toString("hex"));
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("agrees with it on seeded random inputs, and finds the first bad sequence", () => {
    let seed = 12;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    // Bytes drawn mostly from lead and continuation bytes, where the rules are.
    const pool = [0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef];
    pool.push(0xf0, 0xf4, 0xf5, 0xff);
    for (let n = 0; n < 20_000; n++) {
      const bytes = Uint8Array.from(
        { length: 1 + (next() % 8) },
        () => pool[next() % pool.length] as number,
      );
      const offset = firstInvalidUtf8Offset(bytes);
      expect(offset < 0).toBe(valid(bytes));
      if (offset >= 0) {
        expect(valid(bytes.subarray(0, offset))).toBe(true);
      }
    }
  });

  it("places the offset at the start of the bad sequence", () => {
    expect(firstInvalidUtf8Offset(Buffer.from("é€𝄞"))).toBe(-1);
    expect(firstInvalidUtf8Offset(Uint8Array.from([0x41, 0xc3, 0x28]))).toBe(1);
    expect(firstInvalidUtf8Offset(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
    expect(firstInvalidUtf8Offset(Uint8Array.from([0x41, 0xe2, 0x82]))).toBe(1); // cut short
  });
});
