import type { LetterContext } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import { htmlText } from "./html-text.js";
import { assertLetterPasses, sha256Hex } from "./letter-checks.js";
import type { LetterLayoutOptions } from "./letter-layout.js";
import { resolveLayout, templateScope } from "./letter-layout.js";
import type { TemplateEngineOptions } from "./liquid-sandbox.js";
import { createTemplateEngine, renderSandboxed } from "./liquid-sandbox.js";
import type {
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  RenderedDocument,
} from "./port.js";

/**
 * The options of the HTML renderer: the sandbox's limits and partials, and the page layout.
 *
 * @example
 * ```ts
 * import type { HtmlRendererOptions } from "@incasso/documents";
 * const options: HtmlRendererOptions = { layout: { addressWindow: "right" }, limits: { renderMilliseconds: 1000 } };
 * ```
 */
export interface HtmlRendererOptions extends TemplateEngineOptions {
  readonly layout?: LetterLayoutOptions;
}

/** A letter filled and checked, before it becomes a format's bytes. */
export interface FilledLetter {
  /** The rendered template: an HTML page, or plain text. */
  readonly output: string;
  /** The words the debtor reads, which passed the legal checks. */
  readonly text: string;
}

/** The sandboxed filling of Liquid templates that the HTML and PDF renderers share. */
export function createLetterFiller(options: HtmlRendererOptions = {}) {
  const layout = resolveLayout(options.layout);
  const html = createTemplateEngine(true, options);
  const plain = createTemplateEngine(false, options);
  return {
    layout,
    async fill(
      template: DocumentTemplate,
      context: LetterContext,
      format: "html" | "text",
    ): Promise<FilledLetter> {
      if (template.kind !== "liquid")
        throw new IncassoError(
          "INVALID_INPUT",
          `template ${JSON.stringify(template.name)}: expected a Liquid template for ${format} (got a ${template.kind} template)`,
          [{ path: "template.kind", message: "expected liquid" }],
        );
      const scope = templateScope(context, layout);
      const output = await renderSandboxed(
        format === "html" ? html : plain,
        template.name,
        template.source,
        scope,
        options.limits,
      );
      const text = format === "html" ? htmlText(output) : output.trim();
      assertLetterPasses(context, text, template.name);
      return { output, text };
    },
  };
}

/** Refuses a format the renderer does not make. */
export function refuseFormat(formats: readonly DocumentFormat[], format: string): never {
  throw new IncassoError(
    "INVALID_INPUT",
    `format: expected one of ${formats.join(", ")} (got ${JSON.stringify(format)})`,
    [{ path: "format", message: `expected one of ${formats.join(", ")}` }],
  );
}

/**
 * The HTML adapter of the document port: Liquid templates in a sandbox (strict variables and
 * filters, own properties only, no file access, render limits) filled from the letter context,
 * checked by the legal checks of the letter's kind, as a complete HTML page (`html`) or plain text
 * (`text`, for an e-mail body or an SMS).
 *
 * @example
 * ```ts
 * import { createHtmlRenderer, starterTemplate } from "@incasso/documents";
 * import type { LetterContext } from "@incasso/core";
 * declare const context: LetterContext;
 * const renderer = createHtmlRenderer();
 * const page = await renderer.render(starterTemplate("letter14", "nl"), context, "html");
 * ```
 */
export function createHtmlRenderer(options: HtmlRendererOptions = {}): DocumentRenderer {
  const filler = createLetterFiller(options);
  const formats: readonly DocumentFormat[] = ["html", "text"];
  return {
    formats,
    async render(template, context, format): Promise<RenderedDocument> {
      if (format !== "html" && format !== "text") return refuseFormat(formats, format);
      const filled = await filler.fill(template, context, format);
      const bytes = new TextEncoder().encode(filled.output);
      return {
        format,
        bytes,
        mediaType: format === "html" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
        text: filled.text,
        sha256: sha256Hex(bytes),
      };
    },
    async close() {},
  };
}
