#!/usr/bin/env node
import { EXIT_CODES, internalErrorLines } from "./exit-codes.js";
import { main } from "./main.js";

// main() answers every error of a command itself; this catches what escapes it (a failing stream).
const crash = (error: unknown) => {
  const debug = process.argv.slice(2).includes("--debug");
  process.stderr.write(`${internalErrorLines(error, debug).join("\n")}\n`);
  process.exit(EXIT_CODES.internalError);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

// A reader that stops early (`incasso ... | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
