import type {
  CaseOptions,
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  LetterRequest,
} from "@incasso/core";
import { IncassoError, letterContext, parseCaseEvents } from "@incasso/core";
import type { HandoverFile } from "../formats/handover-zip.js";
import { safeFileName, sha256Hex } from "../formats/safe-file-name.js";
import type { HandoverDocumentEntry } from "../model/build-handover-case.js";
import type { HandoverProfile } from "../profiles/handover-profile.js";

/**
 * Where the documents of a handover come from, as the host passes them: the renderer of
 * `@incasso/documents` (the document port) with the statement's template and format, the bytes
 * of the letters already sent (looked up by the SHA-256 their events recorded, and checked
 * against it), and the claims' invoices. Each part is optional: a letter whose bytes the host
 * cannot give is listed by its hash alone.
 *
 * @example
 * ```ts
 * import type { HandoverDocumentSources } from "@incasso/export-organi";
 * declare const store: Map<string, Uint8Array>;
 * const sources: HandoverDocumentSources = {
 *   letter: async (_caseId, document) => store.get(document.sha256) ?? null,
 * };
 * ```
 */
export interface HandoverDocumentSources {
  readonly renderer?: DocumentRenderer;
  /** The statement's template, or a function of the debtor's language giving it. */
  readonly statementTemplate?:
    | DocumentTemplate
    | ((language: "nl" | "fr" | "en") => DocumentTemplate);
  /** The statement's format (default `pdf`). */
  readonly statementFormat?: DocumentFormat;
  /** The bytes of a letter sent, by the document its event recorded; null when not kept. */
  readonly letter?: (
    caseId: string,
    document: {
      readonly eventId: string;
      readonly sha256: string;
      readonly format: DocumentFormat;
    },
  ) => Promise<Uint8Array | null>;
  /** A claim's invoice (front and back, with the terms), or null. */
  readonly invoice?: (
    caseId: string,
    claim: { readonly id: string; readonly invoiceNumber: string },
  ) => Promise<{ readonly bytes: Uint8Array; readonly mediaType: string } | null>;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  "application/pdf": "pdf",
  "text/html": "html",
  "text/html; charset=utf-8": "html",
  "text/plain": "txt",
  "text/plain; charset=utf-8": "txt",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/tiff": "tif",
  "application/xml": "xml",
};
const FORMAT_EXTENSIONS: Readonly<Record<DocumentFormat, string>> = {
  pdf: "pdf",
  html: "html",
  docx: "docx",
  text: "txt",
};
const FORMAT_TYPES: Readonly<Record<DocumentFormat, string>> = {
  pdf: "application/pdf",
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  text: "text/plain",
};

/**
 * The documents of one case for its handover: the statement as of the cut-off date rendered
 * through the host's renderer, the letters sent (their bytes checked against the SHA-256 the
 * events recorded: a mismatch is refused, never shipped), and the invoices; each named by the
 * profile's document name under `documents/`, from the case key.
 *
 * @example
 * ```ts
 * import { collectCaseDocuments, DEFAULT_PROFILE } from "@incasso/export-organi";
 * declare const events: unknown[];
 * const { files, entries } = await collectCaseDocuments({
 *   caseId: "C1", caseKey: "2026-00042", events, cutOff: "2026-11-27",
 *   creditor: { name: "Acme NV" }, profile: DEFAULT_PROFILE, sources: {},
 * });
 * ```
 */
export async function collectCaseDocuments(input: {
  readonly caseId: string;
  readonly caseKey: string;
  readonly events: readonly unknown[];
  readonly cutOff: string;
  readonly creditor: LetterRequest["creditor"];
  readonly profile: HandoverProfile;
  readonly sources: HandoverDocumentSources;
  readonly options?: CaseOptions;
}): Promise<{ files: HandoverFile[]; entries: HandoverDocumentEntry[] }> {
  const { sources, profile, caseKey } = input;
  const files: HandoverFile[] = [];
  const entries: HandoverDocumentEntry[] = [];
  if (!profile.files.documents) return { files, entries };
  const counters = new Map<string, number>();
  const add = (
    kind: HandoverDocumentEntry["kind"],
    bytes: Uint8Array,
    mediaType: string,
    ext: string,
    eventId: string | null,
    claimId: string | null,
  ) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    const name = profile.fileNames.document
      .replaceAll("{caseKey}", caseKey)
      .replaceAll("{kind}", kind)
      .replaceAll("{n}", String(n))
      .replaceAll("{ext}", ext);
    const path = `documents/${safeFileName(name)}`;
    files.push({ path, bytes, mediaType });
    entries.push({
      fileName: path,
      kind,
      mediaType,
      sha256: sha256Hex(bytes),
      size: bytes.length,
      eventId,
      claimId,
    });
  };
  const events = parseCaseEvents(input.events);
  if (sources.renderer !== undefined && sources.statementTemplate !== undefined) {
    const format = sources.statementFormat ?? "pdf";
    const context = letterContext(
      input.events,
      { kind: "statement", date: input.cutOff, creditor: input.creditor },
      input.options ?? {},
    );
    const template =
      typeof sources.statementTemplate === "function"
        ? sources.statementTemplate(context.language)
        : sources.statementTemplate;
    const rendered = await sources.renderer.render(template, context, format);
    add("statement", rendered.bytes, FORMAT_TYPES[format], FORMAT_EXTENSIONS[format], null, null);
  }
  if (sources.letter !== undefined) {
    for (const event of events) {
      if (event.at > input.cutOff) continue;
      const document =
        event.type === "reminder.sent" ||
        event.type === "notice.sent" ||
        event.type === "letter14.sent" ||
        event.type === "document.produced" ||
        event.type === "message.sent"
          ? event.document
          : undefined;
      if (document === undefined) continue;
      const bytes = await sources.letter(input.caseId, {
        eventId: event.id,
        sha256: document.sha256,
        format: document.format,
      });
      if (bytes === null) continue;
      const actual = sha256Hex(bytes);
      if (actual !== document.sha256)
        throw new IncassoError(
          "INVALID_INPUT",
          `documents: the letter of event ${event.id} has SHA-256 ${actual}, not the ${document.sha256} its event recorded`,
          [
            {
              path: `documents.${input.caseId}.${event.id}`,
              message: `expected the bytes whose SHA-256 is ${document.sha256}`,
            },
          ],
        );
      add(
        "letter",
        bytes,
        FORMAT_TYPES[document.format],
        FORMAT_EXTENSIONS[document.format],
        event.id,
        null,
      );
    }
  }
  if (sources.invoice !== undefined) {
    const claims = events.flatMap((event) =>
      event.type === "claim.added" && event.at <= input.cutOff ? [event.claim] : [],
    );
    for (const claim of claims) {
      const invoice = await sources.invoice(input.caseId, {
        id: claim.id,
        invoiceNumber: claim.invoiceNumber,
      });
      if (invoice === null) continue;
      const ext = EXTENSIONS[invoice.mediaType.toLowerCase()];
      if (ext === undefined)
        throw new IncassoError(
          "INVALID_INPUT",
          `documents: the invoice of claim ${claim.id} has media type ${JSON.stringify(invoice.mediaType)}`,
          [
            {
              path: `documents.${input.caseId}.${claim.id}.mediaType`,
              message: `expected one of ${Object.keys(EXTENSIONS).join(", ")}`,
            },
          ],
        );
      add("invoice", invoice.bytes, invoice.mediaType.toLowerCase(), ext, null, claim.id);
    }
  }
  return { files, entries };
}
