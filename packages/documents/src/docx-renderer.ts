import JSZip from "jszip";
import { fillDocx } from "./docx-fill.js";
import type { HtmlRendererOptions } from "./html-renderer.js";
import { createLetterFiller, refuseFormat } from "./html-renderer.js";
import { htmlToDocx } from "./html-to-docx.js";
import { assertLetterPasses, sha256Hex } from "./letter-checks.js";
import type { DocumentFormat, DocumentRenderer, RenderedDocument } from "./port.js";

/**
 * The options of the Word renderer: `aliases` maps the MERGEFIELD names of a firm's existing
 * letters to paths of the letter context (`{ Naam: "debtor.name", Saldo: "totals.balance" }`);
 * the sandbox's limits and partials apply to Liquid templates (the starter letters).
 *
 * @example
 * ```ts
 * import type { DocxRendererOptions } from "@incasso/documents";
 * const options: DocxRendererOptions = { aliases: { Naam: "debtor.name", Saldo: "totals.balance" } };
 * ```
 */
export interface DocxRendererOptions extends HtmlRendererOptions {
  readonly aliases?: Readonly<Record<string, string>>;
}

/**
 * The Word adapter of the document port: a `.docx` template filled from the letter context with
 * no code evaluated (a field is a path into the context, nothing else): `{{ path }}` tags, also
 * when Word split them over runs, and MERGEFIELDs in both forms (`w:fldSimple`, and
 * `w:fldChar` begin/instruction/separate/result/end over any runs), in the body, headers and
 * footers; `epc_qr` (a tag or a MERGEFIELD) is the EPC QR code as an image. A Liquid template (a
 * starter letter) is filled in the sandbox and written as a Word document with its headings,
 * paragraphs, tables (header rows repeated, rows unsplit) and QR code. The document's words pass
 * the legal checks of the letter's kind, or it is refused.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { createDocxRenderer } from "@incasso/documents";
 * import type { LetterContext } from "@incasso/core";
 * declare const context: LetterContext;
 * const renderer = createDocxRenderer({ aliases: { Naam: "debtor.name" } });
 * const docx = await renderer.render(
 *   { kind: "docx", name: "firm/aanmaning.docx", bytes: readFileSync("aanmaning.docx") },
 *   context,
 *   "docx",
 * );
 * ```
 */
export function createDocxRenderer(options: DocxRendererOptions = {}): DocumentRenderer {
  const formats: readonly DocumentFormat[] = ["docx"];
  let filler: ReturnType<typeof createLetterFiller> | undefined;
  return {
    formats,
    async render(template, context, format): Promise<RenderedDocument> {
      if (format !== "docx") return refuseFormat(formats, format);
      let bytes = template.kind === "docx" ? template.bytes : undefined;
      if (template.kind === "liquid") {
        filler ??= createLetterFiller(options);
        const html = await filler.fill(template, context, "html");
        bytes = await htmlToDocx(html.output, context.epcQr?.bytes ?? null);
      }
      const filled = await fillDocx(
        bytes as Uint8Array,
        context,
        template.name,
        options.aliases ?? {},
        template.kind === "docx",
      );
      assertLetterPasses(context, filled.text, template.name);
      return {
        format,
        bytes: filled.bytes,
        mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        text: filled.text,
        sha256: sha256Hex(filled.bytes),
      };
    },
    async close() {},
  };
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const paragraphs = (lines: readonly string[]) =>
  lines
    .map(
      (line) =>
        `<w:p><w:r><w:t xml:space="preserve">${line.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`,
    )
    .join("");

/**
 * A minimal Word document (.docx) whose body, header and footer are the given paragraphs, each
 * one run: a starting point for a firm's template, and what the tests fill. Paragraph text is
 * written as is (tags such as `{{ debtor.name }}` stay tags).
 *
 * @example
 * ```ts
 * import { createDocxTemplate } from "@incasso/documents";
 * const bytes = await createDocxTemplate({ body: ["Geachte {{ debtor.name }},"], footer: ["{{ creditor.name }}"] });
 * ```
 */
export async function createDocxTemplate(parts: {
  readonly body: readonly string[];
  readonly header?: readonly string[];
  readonly footer?: readonly string[];
}): Promise<Uint8Array> {
  const date = new Date(Date.UTC(2000, 0, 1));
  const zip = new JSZip();
  const add = (name: string, text: string) => zip.file(name, text, { date, createFolders: false });
  add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`,
  );
  add(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  add(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
  );
  add(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${paragraphs(parts.body)}<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  add(
    "word/header1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="${W}" xmlns:r="${R}">${paragraphs(parts.header ?? [""])}</w:hdr>`,
  );
  add(
    "word/footer1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}" xmlns:r="${R}">${paragraphs(parts.footer ?? [""])}</w:ftr>`,
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
