import type { LetterContext } from "../letters/letter-context.js";

/**
 * The formats a {@link DocumentRenderer} may produce: `html` (a complete HTML page), `pdf` (A4,
 * fonts embedded), `docx` (a filled Word document) and `text` (plain text, for an e-mail body or an
 * SMS). An adapter lists the ones it makes in {@link DocumentRenderer.formats}.
 *
 * @example
 * ```ts
 * import type { DocumentFormat } from "@incasso/core";
 * const format: DocumentFormat = "pdf";
 * ```
 */
export type DocumentFormat = "html" | "pdf" | "docx" | "text";

/**
 * A letter template, as the host hands it to a renderer: a logic-less text template (`liquid`: the
 * HTML or text of a letter with `{{ ... }}` tags, rendered for `html`, `pdf` and `text`) or a Word
 * document (`docx`: tags and MERGEFIELDs filled from the same context). `name` identifies it in
 * errors and in the record of what was sent ("nl/letter14", a firm's file name).
 *
 * @example
 * ```ts
 * import type { DocumentTemplate } from "@incasso/core";
 * const template: DocumentTemplate = {
 *   kind: "liquid", name: "firm/reminder", source: "<p>{{ totals.balance.text }}</p>",
 * };
 * ```
 */
export type DocumentTemplate =
  | { readonly kind: "liquid"; readonly name: string; readonly source: string }
  | { readonly kind: "docx"; readonly name: string; readonly bytes: Uint8Array };

/**
 * A rendered document: its bytes, their media type, the letter's words as the debtor reads them
 * (`text`: what `checkLetter` was run on), the SHA-256 of the bytes in lowercase hex (for the
 * event that records the letter). A letter that fails its legal checks never becomes one.
 *
 * @example
 * ```ts
 * import type { RenderedDocument } from "@incasso/core";
 * const name = (document: RenderedDocument) => `letter-${document.sha256.slice(0, 12)}.pdf`;
 * ```
 */
export interface RenderedDocument {
  readonly format: DocumentFormat;
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly text: string;
  readonly sha256: string;
}

/**
 * The port of document rendering: a letter template filled from a {@link LetterContext} (which
 * holds every figure, date and reference, already computed and formatted; a template never
 * computes) into a document.
 *
 * The contract, which `describeDocumentRendererConformance` in `@incasso/testkit` checks on every
 * adapter:
 * - a template sees the context and nothing else: no code runs, no property outside the context's
 *   own is reached (no prototype, no constructor), no file is read but the adapter's own
 *   templates, and a template that tries, or that names a variable or filter the context does not
 *   have, or exceeds the adapter's limits (parse size, render time, memory, output size), is
 *   refused with `IncassoError` `TEMPLATE_REFUSED` naming the template;
 * - the rendered words are checked with `checkLetter` against the letter's kind, and a letter
 *   that lacks an element the law requires is refused with `IncassoError` `LETTER_CHECK_FAILED`,
 *   one issue per finding (`path` the finding's code, `message` the element and its source);
 * - the same template and context give the same bytes (`sha256`) every time;
 * - a format the adapter does not make is refused with `INVALID_INPUT`.
 *
 * `close` releases what the adapter holds (a browser process); rendering after it is an error.
 *
 * @example
 * ```ts
 * import type { DocumentRenderer, DocumentTemplate, LetterContext } from "@incasso/core";
 * declare const renderer: DocumentRenderer;
 * declare const template: DocumentTemplate;
 * declare const context: LetterContext;
 * const pdf = await renderer.render(template, context, "pdf");
 * pdf.sha256; // recorded with the letter's event
 * ```
 */
export interface DocumentRenderer {
  /** The formats this adapter makes. */
  readonly formats: readonly DocumentFormat[];
  /** Fills the template from the context, checks the letter and gives the document. */
  render(
    template: DocumentTemplate,
    context: LetterContext,
    format: DocumentFormat,
  ): Promise<RenderedDocument>;
  /** Releases the adapter's resources (a browser, its pages). */
  close(): Promise<void>;
}
