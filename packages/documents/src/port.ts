import type { LetterContext } from "@incasso/core";

// The port as `@incasso/core` declares it in src/ports/document-renderer.ts, repeated here
// structurally until the core's root entry exports it (test/port.test.ts proves the two identical).

/**
 * The formats a renderer may produce: `html`, `pdf` (A4, fonts embedded), `docx` (a filled Word
 * document) and `text` (an e-mail body or an SMS). The same type as the core port's.
 *
 * @example
 * ```ts
 * import type { DocumentFormat } from "@incasso/documents";
 * const format: DocumentFormat = "pdf";
 * ```
 */
export type DocumentFormat = "html" | "pdf" | "docx" | "text";

/**
 * A letter template: a LiquidJS text template (`liquid`) or a Word document (`docx`), with a name
 * for errors and the record. The same type as the core port's.
 *
 * @example
 * ```ts
 * import type { DocumentTemplate } from "@incasso/documents";
 * const template: DocumentTemplate = { kind: "liquid", name: "firm/note", source: "{{ totals.balance.text }}" };
 * ```
 */
export type DocumentTemplate =
  | { readonly kind: "liquid"; readonly name: string; readonly source: string }
  | { readonly kind: "docx"; readonly name: string; readonly bytes: Uint8Array };

/**
 * A rendered document: bytes, media type, the words the debtor reads (what the legal checks ran
 * on) and the SHA-256 of the bytes in lowercase hex. The same type as the core port's.
 *
 * @example
 * ```ts
 * import type { RenderedDocument } from "@incasso/documents";
 * const file = (document: RenderedDocument) => `letter-${document.sha256.slice(0, 12)}.pdf`;
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
 * The document-rendering port: fills a template from a letter context, checks the letter with
 * `checkLetter` and refuses one that fails (`LETTER_CHECK_FAILED`) or a template that reaches
 * outside its context or its limits (`TEMPLATE_REFUSED`). The same type as the core port's.
 *
 * @example
 * ```ts
 * import type { DocumentRenderer } from "@incasso/documents";
 * declare const renderer: DocumentRenderer;
 * renderer.formats.includes("pdf");
 * ```
 */
export interface DocumentRenderer {
  readonly formats: readonly DocumentFormat[];
  render(
    template: DocumentTemplate,
    context: LetterContext,
    format: DocumentFormat,
  ): Promise<RenderedDocument>;
  close(): Promise<void>;
}
