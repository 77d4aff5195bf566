/**
 * `@incasso/documents`: letters from the letter context of `@incasso/core`. LiquidJS templates in
 * a sandbox, starter letters in nl, fr and en, the HTML, PDF (headless Chromium) and Word (.docx)
 * adapters of the document port, the legal checks run on every letter before it is produced, and
 * the EPC QR code.
 *
 * @packageDocumentation
 */

export {
  createDocxRenderer,
  createDocxTemplate,
  type DocxRendererOptions,
} from "./docx-renderer.js";
export { createHtmlRenderer, type HtmlRendererOptions } from "./html-renderer.js";
export { htmlText } from "./html-text.js";
export { assertLetterPasses } from "./letter-checks.js";
export {
  ADDRESS_WINDOWS,
  type AddressWindow,
  LETTER_LABELS,
  type LetterLayoutOptions,
} from "./letter-layout.js";
export type { TemplateEngineOptions, TemplateLimits } from "./liquid-sandbox.js";
export { CHROMIUM_ARGS, createPdfRenderer, type PdfRendererOptions } from "./pdf-renderer.js";
export {
  type ProducedLetter,
  type ProduceLetterInput,
  produceLetter,
  renderLetterCommand,
} from "./produce-letter.js";
export { qrPng, qrSvg } from "./qr-code.js";
export {
  STARTER_TEMPLATES,
  type StarterTemplateName,
  starterTemplate,
} from "./starter-templates.js";
