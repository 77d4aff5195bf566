import type { LetterContext } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import JSZip from "jszip";
import { qrPng } from "./qr-code.js";

/** The names a template may never reach through, whatever the object. */
const FORBIDDEN = new Set(["constructor", "__proto__", "prototype", "__defineGetter__"]);

/** The date every part of a filled document carries, so that the same letter gives the same bytes. */
const PART_DATE = new Date(Date.UTC(2000, 0, 1));

const QR_FIELD = "epc_qr";

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_whole, name: string) => {
    switch (name) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(
          name[1] === "x" || name[1] === "X"
            ? Number.parseInt(name.slice(2), 16)
            : Number.parseInt(name.slice(1), 10),
        );
    }
  });

function refuse(template: string, message: string): IncassoError {
  return new IncassoError(
    "TEMPLATE_REFUSED",
    `template ${JSON.stringify(template)} refused: ${message}`,
    [{ path: `template.${template}`, message }],
  );
}

/**
 * The text of a field: a path into the letter context (`totals.balance.text`, `debtor.name`),
 * own properties only; an amount or date gives its text, a list of lines its lines. Anything else
 * (a missing name, `constructor`, an object) refuses the template.
 */
function resolve(
  context: LetterContext,
  path: string,
  template: string,
  aliases: Readonly<Record<string, string>>,
): string | readonly string[] {
  const target = Object.hasOwn(aliases, path) ? (aliases[path] as string) : path;
  let value: unknown = context;
  for (const name of target.split(".")) {
    if (
      FORBIDDEN.has(name) ||
      value === null ||
      typeof value !== "object" ||
      !Object.hasOwn(value, name)
    )
      throw refuse(template, `the field ${JSON.stringify(path)} is not in the letter context`);
    value = (value as Record<string, unknown>)[name];
  }
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (value === null) return "";
  if (
    typeof value === "object" &&
    Object.hasOwn(value, "text") &&
    typeof (value as { text: unknown }).text === "string"
  )
    return (value as { text: string }).text;
  if (Array.isArray(value) && value.every((line) => typeof line === "string"))
    return value as string[];
  throw refuse(
    template,
    `the field ${JSON.stringify(path)} is not a text, an amount, a date or a list of lines`,
  );
}

/** The runs of a value: one w:t, with w:br between lines. */
function runsOf(value: string | readonly string[], properties: string): string {
  const lines = typeof value === "string" ? value.split("\n") : value;
  const texts = lines
    .map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`)
    .join("<w:br/>");
  return `<w:r>${properties}${texts}</w:r>`;
}

const QR_EMU = 32 * 36_000; // 32 mm

function drawing(relationship: string): string {
  return `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="${QR_EMU}" cy="${QR_EMU}"/><wp:docPr id="4242" name="EPC QR"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="4242" name="epc-qr.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${relationship}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${QR_EMU}" cy="${QR_EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
}

interface FillState {
  readonly context: LetterContext;
  readonly template: string;
  readonly aliases: Readonly<Record<string, string>>;
  /** The relationship id of the QR image in this part, made on first use. */
  qr: (() => string) | null;
}

/** The value runs of a field name, or the QR drawing. */
function fieldRuns(name: string, properties: string, state: FillState): string {
  if (name === QR_FIELD) {
    if (state.context.epcQr === null) return "";
    if (state.qr === null)
      throw refuse(
        state.template,
        "the EPC QR code may only stand in the body, a header or a footer",
      );
    return drawing(state.qr());
  }
  return runsOf(resolve(state.context, name, state.template, state.aliases), properties);
}

/** The name of a MERGEFIELD instruction: ` MERGEFIELD  debtor.name  \* MERGEFORMAT ` → `debtor.name`. */
function mergeFieldName(instruction: string): string | null {
  const match = /^\s*MERGEFIELD\s+("([^"]+)"|(\S+))/i.exec(unescapeXml(instruction));
  return match === null ? null : (match[2] ?? match[3] ?? null);
}

const firstProperties = (xml: string) => /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(xml)?.[0] ?? "";

/** Replaces the simple MERGEFIELDs (`w:fldSimple`) of a part. */
function fillSimpleFields(xml: string, state: FillState): string {
  return xml.replace(
    /<w:fldSimple\b[^>]*w:instr="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/w:fldSimple>)/g,
    (whole, instruction: string, inner: string | undefined) => {
      const name = mergeFieldName(instruction);
      return name === null ? whole : fieldRuns(name, firstProperties(inner ?? ""), state);
    },
  );
}

/**
 * Replaces the complex MERGEFIELDs of a part: the runs from `fldChar begin` through the
 * instruction (split over any number of runs), `separate`, the shown result and `end`, with the
 * value in the formatting of the first result run. Other fields (PAGE, DATE) are kept as they are.
 */
function fillComplexFields(xml: string, state: FillState): string {
  const run = /<w:r\b[^>]*>(?:(?!<\/w:r>)[\s\S])*?<\/w:r>|<w:r\b[^>]*\/>/g;
  let out = "";
  let last = 0;
  let field: {
    start: number;
    instruction: string;
    result: string;
    separated: boolean;
    depth: number;
  } | null = null;
  for (let match = run.exec(xml); match !== null; match = run.exec(xml)) {
    const text = match[0];
    const type = /<w:fldChar\b[^>]*w:fldCharType="(begin|separate|end)"/.exec(text)?.[1];
    if (field === null) {
      if (type === "begin")
        field = { start: match.index, instruction: "", result: "", separated: false, depth: 0 };
      continue;
    }
    if (type === "begin") field.depth++;
    else if (type === "end" && field.depth > 0) field.depth--;
    else if (type === "separate" && field.depth === 0) field.separated = true;
    else if (type === "end") {
      const name = mergeFieldName(field.instruction);
      if (name !== null) {
        out += xml.slice(last, field.start) + fieldRuns(name, firstProperties(field.result), state);
        last = match.index + text.length;
      }
      field = null;
      continue;
    }
    if (field.depth === 0) {
      if (field.separated) field.result += text;
      else
        for (const instruction of text.matchAll(/<w:instrText\b[^>]*>([\s\S]*?)<\/w:instrText>/g))
          field.instruction += instruction[1];
    }
  }
  return out + xml.slice(last);
}

/**
 * Replaces the `{{ path }}` tags of a part, also when Word split a tag over several runs: in each
 * paragraph the texts are read as one, and each tag's value goes into the run where it starts.
 */
function fillTags(xml: string, state: FillState): string {
  return xml.replace(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g, (paragraph) => {
    const texts = [...paragraph.matchAll(/(<w:t\b[^>]*>)([\s\S]*?)(<\/w:t>)/g)];
    const joined = texts.map((t) => unescapeXml(t[2] ?? "")).join("");
    if (!joined.includes("{{")) return paragraph;
    // Where each character of the joined text lies: the index of its w:t.
    const owner: number[] = [];
    texts.forEach((t, index) => {
      for (const _ of unescapeXml(t[2] ?? "")) owner.push(index);
    });
    const chars = [...joined];
    const replacement: string[] = texts.map(() => "");
    const kept: boolean[] = chars.map(() => true);
    const inserts = new Map<number, string>();
    const tag = /\{\{\s*([^{}]*?)\s*\}\}/g;
    const codeUnits = [...joined].map((c) => c.length);
    const charAt = (unit: number) => {
      let total = 0;
      for (let i = 0; i < codeUnits.length; i++) {
        if (total === unit) return i;
        total += codeUnits[i] as number;
      }
      return codeUnits.length;
    };
    for (const found of joined.matchAll(tag)) {
      const start = charAt(found.index);
      const end = charAt(found.index + found[0].length);
      for (let i = start; i < end; i++) kept[i] = false;
      inserts.set(start, found[1] ?? "");
    }
    if (joined.replace(tag, "").includes("{{"))
      throw refuse(state.template, `an unclosed tag in "${joined.slice(0, 80)}"`);
    // A paragraph with the QR code: the drawing replaces the run.
    let qrRuns = "";
    chars.forEach((character, i) => {
      const field = inserts.get(i);
      const index = owner[i] as number;
      if (field !== undefined) {
        if (field === QR_FIELD) qrRuns += fieldRuns(field, "", state);
        else {
          const value = resolve(state.context, field, state.template, state.aliases);
          const lines = typeof value === "string" ? value.split("\n") : value;
          replacement[index] += lines
            .map((line) => escapeXml(line))
            .join('</w:t><w:br/><w:t xml:space="preserve">');
        }
      }
      if (kept[i]) replacement[index] += escapeXml(character);
    });
    let t = 0;
    const filled = paragraph.replace(/(<w:t\b[^>]*>)([\s\S]*?)(<\/w:t>)/g, () => {
      const value = replacement[t++] ?? "";
      return `<w:t xml:space="preserve">${value}</w:t>`;
    });
    return qrRuns === "" ? filled : filled.replace(/<\/w:p>$/, `${qrRuns}</w:p>`);
  });
}

/** The words of a part: its w:t texts, paragraphs on lines of their own. */
function partText(xml: string): string {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)]
    .map((paragraph) =>
      [...(paragraph[1] ?? "").matchAll(/<w:t\b[^>]*>([\s\S]*?)<\/w:t>|<w:(br|tab)\/>/g)]
        .map((piece) => (piece[1] === undefined ? " " : unescapeXml(piece[1])))
        .join(""),
    )
    .join("\n");
}

/**
 * Fills a Word document from a letter context, without evaluating any code: the `{{ path }}` tags
 * of its body, headers and footers (also when Word split them over runs) and its MERGEFIELDs, in
 * the simple form (`w:fldSimple`) and the complex one (`w:fldChar` begin, the instruction over any
 * number of `w:instrText` runs, separate, result, end). A field name is a path into the context or
 * one of `aliases` (the firm's own field names, such as `{ Naam: "debtor.name" }`); `epc_qr` puts
 * the EPC QR code there as a PNG image. Gives the document's bytes and its words (`fields`
 * false: only the words, for a document already filled).
 */
export async function fillDocx(
  bytes: Uint8Array,
  context: LetterContext,
  template: string,
  aliases: Readonly<Record<string, string>> = {},
  fields = true,
): Promise<{ bytes: Uint8Array; text: string }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw refuse(
      template,
      `not a Word document (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parts = Object.keys(zip.files)
    .filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
    .sort((a, b) =>
      a === "word/document.xml" ? -1 : b === "word/document.xml" ? 1 : a.localeCompare(b),
    );
  if (!parts.includes("word/document.xml")) throw refuse(template, "no word/document.xml");
  const texts: string[] = [];
  let png: Uint8Array | null = null;
  for (const part of parts) {
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const relsName = part.replace(/^word\//, "word/_rels/").replace(/$/, ".rels");
    let relationship: string | null = null;
    const state: FillState = {
      context,
      template,
      aliases,
      qr: () => {
        relationship ??= "rIdIncassoEpcQr";
        return relationship;
      },
    };
    const filled = fields
      ? fillTags(fillComplexFields(fillSimpleFields(xml, state), state), state)
      : xml;
    zip.file(part, filled, { date: PART_DATE, createFolders: false });
    texts.push(partText(filled));
    if (relationship !== null) {
      png ??= await qrPng((context.epcQr as NonNullable<LetterContext["epcQr"]>).bytes);
      const rels =
        (await zip.file(relsName)?.async("string")) ??
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
      if (!rels.includes(`Id="${relationship}"`))
        zip.file(
          relsName,
          rels.replace(
            "</Relationships>",
            `<Relationship Id="${relationship}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/incasso-epc-qr.png"/></Relationships>`,
          ),
          { date: PART_DATE, createFolders: false },
        );
    }
  }
  if (png !== null) {
    zip.file("word/media/incasso-epc-qr.png", png, { date: PART_DATE, createFolders: false });
    const types = await (zip.file("[Content_Types].xml") as JSZip.JSZipObject).async("string");
    if (!/Extension="png"/i.test(types))
      zip.file(
        "[Content_Types].xml",
        types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>'),
        { date: PART_DATE, createFolders: false },
      );
  }
  const out = await zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  return { bytes: out, text: texts.join("\n") };
}
