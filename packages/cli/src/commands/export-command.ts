import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { DocumentRenderer } from "@incasso/core";
import { openStore, STORE_OPTIONS } from "../open-store.js";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";
import { InputFileError, readJsonFile } from "../read-json-file.js";

/**
 * The declaration of `incasso export`: `export bailiff` hands cases over to a bailiff office as a
 * handover package (a ZIP written to `--out`), `export ack` records the office's acknowledgement.
 *
 * @example
 * ```ts
 * import { commandHelp, EXPORT_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(EXPORT_COMMAND));
 * ```
 */
export const EXPORT_COMMAND: CommandSpec = {
  name: "export",
  summary:
    "hands cases over to a bailiff office (a handover package), or records the office's acknowledgement",
  arguments: [
    {
      name: "bailiff|ack",
      description:
        "bailiff: make the package and record the handover on each case; ack: record an acknowledgement",
    },
    {
      name: "[file]",
      description:
        "bailiff: a file of case numbers, one a line (or --query); ack: the acknowledgement, JSON or CSV",
    },
  ],
  synopsis:
    "bailiff --office O [--profile P] (<case-numbers-file> | --query JSON) --out DIR [--db DIR|URL] [--tenant ID] | ack <file>",
  options: [
    {
      name: "office",
      value: "ID|office.json",
      description:
        "the bailiff office: an id, or a JSON file { id, name, enterpriseNumber, addressLines, email }",
    },
    {
      name: "sender",
      value: "firm.json",
      description:
        "the firm handing over: { name, enterpriseNumber, vatNumber, lawyer, addressLines, email, phone } (required)",
    },
    {
      name: "profile",
      value: "default|organi|profile.json",
      description:
        "the office's profile (default: default); organi is a placeholder refused until completed from the office's specification",
    },
    {
      name: "query",
      value: "JSON",
      description:
        'the cases by a case list query instead of a file, such as {"status":["open"],"clientId":"acme"}',
    },
    { name: "out", value: "DIR", description: "where the package is written (made when absent)" },
    {
      name: "phase",
      value: "amicable|summary-procedure|enforcement",
      description: "the phase and instruction (default amicable)",
    },
    {
      name: "cut-off",
      value: "YYYY-MM-DD",
      description: "the date the amounts are computed as of (default: today)",
    },
    {
      name: "client",
      value: "ID",
      description: "hand over only this client's cases (others refused)",
    },
    {
      name: "resend",
      value: "REASON",
      description: "send cases already handed over again, for this reason",
    },
    {
      name: "creditors",
      value: "creditors.json",
      description:
        "the clients' details by client id: { acme: { enterpriseNumber, vatNumber, iban, bic, addressLines, email, phone } }",
    },
    {
      name: "judgments",
      value: "judgments.json",
      description:
        "judgments by case id: { C1: [{ court, date, rollNumber, enforceable, principal, interest, costs }] } (enforcement needs one)",
    },
    {
      name: "invoices",
      value: "DIR",
      description: "a folder of the claims' invoices, each named <invoice number>.pdf",
    },
    {
      name: "letters",
      value: "DIR",
      description:
        "a folder of the letters sent, under any names and subfolders: each is found by the SHA-256 its event recorded",
    },
    {
      name: "statement-format",
      value: "pdf|html|none",
      description:
        "the statement added to each case (default pdf, through Chromium; none: no statement)",
    },
    { name: "by", value: "NAME", description: "who exports or records (default: cli)" },
    ...STORE_OPTIONS,
  ],
  notes: [
    "export bailiff prints the package's file, its SHA-256 and each case handed over or refused with the reason; exit code 1 when a case was refused.",
    "Running the same export again answers the same package, byte for byte, and records nothing twice.",
    "A letter sent whose bytes are not in --letters is listed in the package by its SHA-256 alone.",
    "export ack prints one line per case of the acknowledgement; exit code 1 when one was refused.",
    "The handover model, formats, profiles and the acknowledgement format: docs/bailiff-handover.md.",
  ],
  example:
    "incasso export bailiff --office dewolf --sender firm.json cases.txt --out handover/ --db ./incasso-data",
};

function readText(file: string, label: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new InputFileError(file, label, (error as Error).message);
  }
}

/**
 * The files of a folder and its subfolders by their SHA-256: where `--letters` finds the letter
 * each event recorded by its hash, whatever the file is called.
 */
function filesBySha256(dir: string): Map<string, string> {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch (error) {
    throw new InputFileError(dir, "--letters", (error as Error).message);
  }
  const byHash = new Map<string, string>();
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
    if (!byHash.has(hash)) byHash.set(hash, path);
  }
  return byHash;
}

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Runs `incasso export`: `bailiff` makes the handover package of the cases listed (or found by
 * `--query`) and writes it to `--out`, recording `bailiff.handover` on each case of the store;
 * `ack` records a bailiff office's acknowledgement (JSON or CSV) on the cases. Returns the lines
 * to print and whether every case went through.
 *
 * @example
 * ```ts
 * import { EXPORT_COMMAND, exportCommand, parseArguments } from "@incasso/cli";
 * const parsed = parseArguments(EXPORT_COMMAND, ["ack", "ack.json", "--db", "./incasso-data"]);
 * const { lines, ok } = await exportCommand(parsed);
 * ```
 */
export async function exportCommand(
  parsed: ParsedArguments,
): Promise<{ lines: string[]; ok: boolean }> {
  const [action, file] = parsed.positionals;
  if (action === "ack") return acknowledge(parsed, file);
  if (action === "bailiff") return handOver(parsed, file);
  throw new UsageError(
    `export: expected bailiff or ack (got ${JSON.stringify(action ?? "")}); see incasso export --help`,
  );
}

async function acknowledge(
  parsed: ParsedArguments,
  file: string | undefined,
): Promise<{ lines: string[]; ok: boolean }> {
  if (file === undefined) throw new UsageError("export ack: expected the acknowledgement file");
  const text = readText(file, "acknowledgement");
  const { importAcknowledgement, parseAcknowledgement } = await import("@incasso/export-organi");
  const acknowledgement = parseAcknowledgement(text);
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    const outcomes = await importAcknowledgement({
      store: opened.store,
      scope: opened.scope,
      acknowledgement,
      recordedAt: new Date().toISOString(),
      by: parsed.value("by") ?? "cli",
    });
    const lines = outcomes.map(
      (outcome) =>
        `${outcome.caseNumber}\t${outcome.status}\t${outcome.result}${outcome.reason === null ? "" : `\t${outcome.reason}`}`,
    );
    const refused = outcomes.filter((outcome) => outcome.result === "refused").length;
    lines.push(
      `${outcomes.length - refused} recorded or already recorded, ${refused} refused (package ${acknowledgement.packageId})`,
    );
    return { lines, ok: refused === 0 };
  } finally {
    await opened.close();
  }
}

async function handOver(
  parsed: ParsedArguments,
  file: string | undefined,
): Promise<{ lines: string[]; ok: boolean }> {
  const officeArg = parsed.value("office");
  if (officeArg === undefined) throw new UsageError("export bailiff: expected --office");
  const out = parsed.value("out");
  if (out === undefined) throw new UsageError("export bailiff: expected --out DIR");
  const senderFile = parsed.value("sender");
  if (senderFile === undefined)
    throw new UsageError(
      "export bailiff: expected --sender firm.json (the firm's name and enterprise number)",
    );
  const query = parsed.value("query");
  if ((file === undefined) === (query === undefined))
    throw new UsageError("export bailiff: expected a file of case numbers or --query, not both");
  const phase = parsed.value("phase") ?? "amicable";
  if (phase !== "amicable" && phase !== "summary-procedure" && phase !== "enforcement")
    throw new UsageError(
      `--phase: expected amicable, summary-procedure or enforcement (got ${phase})`,
    );
  const statementFormat = parsed.value("statement-format") ?? "pdf";
  if (statementFormat !== "pdf" && statementFormat !== "html" && statementFormat !== "none")
    throw new UsageError(`--statement-format: expected pdf, html or none (got ${statementFormat})`);
  const office = officeArg.endsWith(".json")
    ? (readJsonFile(officeArg) as { id: string; name: string })
    : { id: officeArg, name: officeArg };
  const sender = readJsonFile(senderFile) as { name: string; enterpriseNumber: string };
  let selection: { caseNumbers: string[] } | { query: Record<string, never> };
  if (file !== undefined) {
    const caseNumbers = readText(file, "case numbers")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    if (caseNumbers.length === 0)
      throw new InputFileError(
        file,
        "case numbers",
        "expected at least one case number, one a line",
      );
    selection = { caseNumbers };
  } else {
    try {
      selection = { query: JSON.parse(query as string) };
    } catch (error) {
      throw new UsageError(
        `--query: expected a JSON case list query (${(error as Error).message})`,
      );
    }
  }
  const exporter = await import("@incasso/export-organi");
  const profileArg = parsed.value("profile") ?? "default";
  const profile =
    exporter.BUILT_IN_PROFILES[profileArg] ??
    exporter.parseHandoverProfile(readJsonFile(profileArg));
  // An unconfirmed profile (the organi placeholder) is refused before anything is opened.
  exporter.assertProfileConfirmed(profile);
  // The folder is made and checked before anything is recorded: a handover is never recorded
  // for a package that cannot be written.
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (error) {
    throw new InputFileError(
      out,
      "--out",
      `cannot write the package there (${(error as Error).message})`,
    );
  }
  const invoices = parsed.value("invoices");
  const lettersDir = parsed.value("letters");
  const letters = lettersDir === undefined ? undefined : filesBySha256(lettersDir);
  let renderer: DocumentRenderer | undefined;
  const documents = await import("@incasso/documents");
  if (statementFormat === "pdf") renderer = documents.createPdfRenderer();
  else if (statementFormat === "html") renderer = documents.createHtmlRenderer();
  const opened = await openStore(parsed.value("db"), parsed.value("tenant"));
  try {
    const cutOff = parsed.value("cut-off") ?? today();
    const client = parsed.value("client");
    const resend = parsed.value("resend");
    const creditors = parsed.value("creditors");
    const judgments = parsed.value("judgments");
    const result = await exporter.exportToBailiff({
      store: opened.store,
      scope: opened.scope,
      selection,
      office,
      sender,
      phase,
      cutOff,
      createdAt: new Date().toISOString(),
      by: parsed.value("by") ?? "cli",
      profile,
      ...(client === undefined ? {} : { clientId: client }),
      ...(resend === undefined ? {} : { resend: { reason: resend } }),
      ...(creditors === undefined
        ? {}
        : { creditors: readJsonFile(creditors) as Record<string, never> }),
      ...(judgments === undefined
        ? {}
        : { judgments: readJsonFile(judgments) as Record<string, never> }),
      documents: {
        ...(renderer === undefined
          ? {}
          : {
              renderer,
              statementTemplate: (language: "nl" | "fr" | "en") =>
                documents.starterTemplate("statement", language),
              statementFormat: statementFormat === "pdf" ? ("pdf" as const) : ("html" as const),
            }),
        ...(letters === undefined
          ? {}
          : {
              letter: async (_caseId: string, document: { sha256: string }) => {
                const path = letters.get(document.sha256);
                return path === undefined ? null : new Uint8Array(readFileSync(path));
              },
            }),
        ...(invoices === undefined
          ? {}
          : {
              invoice: async (_caseId: string, claim: { invoiceNumber: string }) => {
                const path = join(invoices, `${exporter.safeFileName(claim.invoiceNumber)}.pdf`);
                return existsSync(path)
                  ? { bytes: new Uint8Array(readFileSync(path)), mediaType: "application/pdf" }
                  : null;
              },
            }),
      },
    });
    const lines: string[] = [];
    if (result.package !== null) {
      // Written beside and renamed: the folder never holds half a package under its name.
      const path = join(out, result.package.fileName);
      writeFileSync(`${path}.part`, result.package.bytes);
      renameSync(`${path}.part`, path);
      lines.push(`package ${result.package.id}: ${path}`);
      lines.push(`sha256 ${result.package.sha256}`);
    } else lines.push("no package: no case could be handed over");
    for (const entry of result.handedOver)
      lines.push(`${entry.caseNumber}\thanded over${entry.replayed ? " (already recorded)" : ""}`);
    for (const entry of result.refused)
      lines.push(`${entry.caseNumber}\trefused\t${entry.code}\t${entry.reason}`);
    lines.push(`${result.handedOver.length} handed over, ${result.refused.length} refused`);
    return { lines, ok: result.refused.length === 0 };
  } finally {
    await renderer?.close();
    await opened.close();
  }
}
