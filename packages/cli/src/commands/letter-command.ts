import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import type {
  CaseOptions,
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  LetterKind,
  LetterRequest,
  RulePackPolicy,
} from "@incasso/core";
import { caseStatement, letterContext, parseIsoDate } from "@incasso/core";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { UsageError } from "../options.js";
import {
  CALCULATING_OPTIONS,
  POLICY_NOTES,
  POLICY_OPTIONS,
  policyFromArguments,
  ratesFromArguments,
} from "../policy-options.js";
import { InputFileError, readJsonFile } from "../read-json-file.js";

const KINDS: readonly LetterKind[] = [
  "book19-first-reminder",
  "reminder",
  "formal-notice",
  "letter14",
  "plan-agreement",
  "instalment-reminder",
  "statement",
  "bailiff",
];

/**
 * The names of `@incasso/documents`' starter letters, for the help text: the command loads the
 * documents package (its template engine, Chromium driver and Word filler, about 1.6 s) only when
 * a letter is made, so that every other command starts fast. A test keeps this list equal to the
 * package's.
 *
 * @example
 * ```ts
 * import { STARTER_LETTER_NAMES } from "@incasso/cli";
 * STARTER_LETTER_NAMES.includes("letter14"); // true
 * ```
 */
export const STARTER_LETTER_NAMES: readonly string[] = [
  "book19-first-reminder",
  "reminder",
  "formal-notice-b2b",
  "formal-notice-civil",
  "letter14",
  "plan-agreement",
  "instalment-reminder-email",
  "instalment-reminder-sms",
  "statement",
  "bailiff",
];

/**
 * The declaration of `incasso letter`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { commandHelp, LETTER_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(LETTER_COMMAND));
 * ```
 */
export const LETTER_COMMAND: CommandSpec = {
  name: "letter",
  summary: "a letter from a case's events: HTML, PDF or Word, checked against the law first",
  arguments: [
    {
      name: "<events.json>",
      description: 'the events of the case: an array, or { "events": [...] }',
    },
    {
      name: "<template>",
      description: `a starter letter (${STARTER_LETTER_NAMES.join(", ")}) or a template file (.liquid, .html, .txt, .docx)`,
    },
  ],
  synopsis: "--as-of YYYY-MM-DD [--format html|pdf|docx|text] [--out file]",
  options: [
    { name: "as-of", value: "YYYY-MM-DD", description: "the date of the letter (required)" },
    {
      name: "format",
      value: "html|pdf|docx|text",
      description: "what to make (default: html, or docx for a .docx template)",
    },
    {
      name: "out",
      value: "file",
      description: "where to write it (required for pdf and docx; else standard output)",
    },
    {
      name: "creditor",
      value: "creditor.json",
      description:
        "the letterhead: { name, addressLines, enterpriseNumber, iban, bic, email, phone } (default: the client's name)",
    },
    {
      name: "kind",
      value: KINDS.join("|"),
      description:
        "the kind of letter, whose legal checks it must pass (required for a template file)",
    },
    {
      name: "channel",
      value: "post|registered-post|email|hand-delivered",
      description: "how the letter is sent (default post)",
    },
    {
      name: "lang",
      value: "nl|fr|en",
      description: "the starter letter's language (default: the debtor's)",
    },
    {
      name: "window",
      value: "left|right",
      description: "the envelope's address window (default left)",
    },
    {
      name: "chromium",
      value: "path",
      description: "the Chromium for PDF (default /usr/bin/chromium)",
    },
    ...POLICY_OPTIONS,
    ...CALCULATING_OPTIONS,
  ],
  notes: [
    "The letter is refused (exit 2) when it lacks what the law requires of its kind; the message names each element and its source.",
    "With --out, the lines written name the file, its SHA-256 and the event that records the letter.",
    ...POLICY_NOTES,
  ],
  example:
    "incasso letter examples/cases/nl-consumer.json letter14 --as-of 2026-03-02 --format pdf --out letter.pdf --creditor creditor.json",
};

/**
 * `incasso letter <events.json> <template> --as-of YYYY-MM-DD [--format html|pdf|docx|text]
 * [--out file] [--creditor creditor.json] [--kind K] [--channel C] [--lang L] [--window W]`: the
 * letter context of the case as of the date with the letter taken as sent, filled into the
 * template, checked, and written. Gives the lines to print (the document itself when it goes to
 * standard output).
 *
 * @param events - the parsed JSON: an array of events or `{ "events": [...] }`
 * @param parsed - the command's arguments, parsed
 * @example
 * ```ts
 * import { letterCommand, LETTER_COMMAND, parseArguments } from "@incasso/cli";
 * declare const events: unknown;
 * const lines = await letterCommand(events, parseArguments(LETTER_COMMAND, ["x.json", "letter14", "--as-of", "2026-03-02"]));
 * ```
 */
export async function letterCommand(events: unknown, parsed: ParsedArguments): Promise<string[]> {
  const {
    createDocxRenderer,
    createHtmlRenderer,
    createPdfRenderer,
    STARTER_TEMPLATES,
    starterTemplate,
  } = await import("@incasso/documents");
  const templateArgument = parsed.positionals[1];
  if (templateArgument === undefined)
    throw new UsageError("letter: expected a template: a starter letter's name or a template file");
  const asOf = parsed.value("as-of");
  if (asOf === undefined)
    throw new UsageError("--as-of: expected the date of the letter, written YYYY-MM-DD");
  parseIsoDate(asOf, "--as-of");
  const policy: RulePackPolicy = policyFromArguments(parsed);
  const rateTables = ratesFromArguments(parsed);
  const options: CaseOptions = {
    ...(Object.keys(policy).length > 0 ? { policy } : {}),
    ...(rateTables === undefined ? {} : { rateTables }),
  };
  const starter = STARTER_TEMPLATES.find((template) => template.name === templateArgument);
  const kindText = parsed.value("kind") ?? starter?.kind;
  if (kindText === undefined)
    throw new UsageError("--kind: expected the kind of letter of a template file");
  if (!KINDS.includes(kindText as LetterKind))
    throw new UsageError(
      `--kind: expected one of ${KINDS.join(", ")} (got ${JSON.stringify(kindText)})`,
    );
  const creditorFile = parsed.value("creditor");
  const creditor = (
    creditorFile === undefined
      ? { name: caseStatement(events, parseIsoDate(asOf), options).state.opened.client.name }
      : readJsonFile(creditorFile, { label: "--creditor" })
  ) as LetterRequest["creditor"];
  const channel =
    parsed.value("channel") ??
    (starter?.medium === "email" || starter?.medium === "sms" ? "email" : "post");
  const request = {
    kind: kindText,
    date: asOf,
    channel,
    creditor,
  } as LetterRequest;
  const context = letterContext(events, request, options);
  const language = parsed.value("lang") ?? context.language;
  if (language !== "nl" && language !== "fr" && language !== "en")
    throw new UsageError(`--lang: expected nl, fr or en (got ${JSON.stringify(language)})`);
  const template: DocumentTemplate =
    starter !== undefined
      ? starterTemplate(starter.name, language)
      : templateFile(templateArgument);
  const format = (parsed.value("format") ??
    (template.kind === "docx"
      ? "docx"
      : starter?.medium === "sms"
        ? "text"
        : "html")) as DocumentFormat;
  if (!["html", "pdf", "docx", "text"].includes(format))
    throw new UsageError(
      `--format: expected html, pdf, docx or text (got ${JSON.stringify(format)})`,
    );
  const out = parsed.value("out");
  if (out === undefined && (format === "pdf" || format === "docx"))
    throw new UsageError(`--out: expected the file to write the ${format} to`);
  const window = parsed.value("window") ?? "left";
  if (window !== "left" && window !== "right")
    throw new UsageError(`--window: expected left or right (got ${JSON.stringify(window)})`);
  const chromium = parsed.value("chromium");
  const renderer: DocumentRenderer =
    format === "docx"
      ? createDocxRenderer()
      : format === "pdf"
        ? createPdfRenderer({
            layout: { addressWindow: window },
            ...(chromium === undefined ? {} : { executablePath: chromium }),
          })
        : createHtmlRenderer({ layout: { addressWindow: window } });
  try {
    const document = await renderer.render(template, context, format);
    if (out === undefined) return [new TextDecoder().decode(document.bytes)];
    writeFileSync(out, document.bytes);
    return [
      `${out}: ${template.name} (${context.kind}) as ${document.mediaType}, ${document.bytes.length} bytes, sha256 ${document.sha256}`,
      `passed the legal checks of ${context.kind}; balance ${context.totals.balance.text}, pay by ${context.deadline.payBy.text}`,
      context.event === null
        ? "no event records this letter (a statement or an annex)"
        : `event: ${JSON.stringify(context.event)}`,
    ];
  } finally {
    await renderer.close();
  }
}

/** A template file: a Word document by its extension, else a Liquid template in UTF-8. */
function templateFile(file: string): DocumentTemplate {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputFileError(
      file,
      "<template>",
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot be read",
    );
  }
  if (extname(file).toLowerCase() === ".docx")
    return { kind: "docx", name: file, bytes: new Uint8Array(bytes) };
  return { kind: "liquid", name: file, source: bytes.toString("utf8") };
}
