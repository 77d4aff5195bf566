import JSZip from "jszip";
import { qrPng } from "./qr-code.js";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PART_DATE = new Date(Date.UTC(2000, 0, 1));
const QR_EMU = 32 * 36_000;

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#")
      return String.fromCodePoint(
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

const BLOCKS = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "li",
  "address",
  "dt",
  "dd",
  "section",
  "header",
  "footer",
  "ul",
  "ol",
  "dl",
  "body",
]);

function qrDrawing(): string {
  return `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="${QR_EMU}" cy="${QR_EMU}"/><wp:docPr id="4242" name="EPC QR"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="4242" name="epc-qr.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdIncassoEpcQr"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${QR_EMU}" cy="${QR_EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
}

/**
 * A Word document with the words and structure of an HTML letter: headings, paragraphs, lists,
 * tables (their header rows repeating on every page, rows never split), bold, line breaks, and the
 * EPC QR code (the letter's `svg.epc-qr`) as a PNG drawn from the payload's bytes. Styles and
 * layout (flex boxes, the address window) are not carried over: this is the starter letters'
 * Word form, to be edited in Word, not a print layout.
 */
export async function htmlToDocx(html: string, qrBytes: Uint8Array | null): Promise<Uint8Array> {
  const body: string[] = [];
  let runs = "";
  let bold = 0;
  let heading: string | null = null;
  let table: { rows: { header: boolean; cells: string[][] }[] } | null = null;
  let cell: string[] | null = null;
  let hasQr = false;

  const flush = () => {
    if (runs === "") return;
    const style = heading === null ? "" : `<w:pPr><w:pStyle w:val="${heading}"/></w:pPr>`;
    const paragraph = `<w:p>${style}${runs}</w:p>`;
    if (cell !== null) cell.push(paragraph);
    else body.push(paragraph);
    runs = "";
  };
  const text = (raw: string) => {
    const words = decode(raw.replace(/\s+/g, " "));
    if (words.trim() === "" && runs === "") return;
    runs += `<w:r>${bold > 0 || heading !== null ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(words)}</w:t></w:r>`;
  };

  const source = html
    .replace(/<head[\s\S]*?<\/head>/gi, "")
    .replace(/<(style|script|template)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<svg\b[^>]*class="epc-qr"[\s\S]*?<\/svg>/gi, "<incasso-qr></incasso-qr>")
    .replace(/<svg\b[\s\S]*?<\/svg>/gi, "");
  for (const token of source.matchAll(/<\/?([a-z0-9-]+)\b[^>]*>|[^<]+/gi)) {
    const whole = token[0];
    const tag = token[1]?.toLowerCase();
    if (tag === undefined) {
      text(whole);
      continue;
    }
    const closing = whole.startsWith("</");
    if (tag === "incasso-qr") {
      if (!closing && qrBytes !== null) {
        flush();
        runs = qrDrawing();
        hasQr = true;
        flush();
      }
    } else if (tag === "strong" || tag === "b") bold += closing ? -1 : 1;
    else if (tag === "br") runs += "<w:br/>";
    else if (tag === "table") {
      flush();
      if (!closing) table = { rows: [] };
      else if (table !== null) {
        body.push(tableXml(table.rows));
        table = null;
      }
    } else if (tag === "tr" && table !== null && !closing)
      table.rows.push({ header: false, cells: [] });
    else if ((tag === "td" || tag === "th") && table !== null) {
      if (!closing) {
        cell = [];
        const row = table.rows.at(-1);
        if (row !== undefined && tag === "th") row.header = true;
      } else {
        flush();
        table.rows.at(-1)?.cells.push(cell ?? []);
        cell = null;
      }
    } else if (tag === "h1" || tag === "h2" || tag === "h3") {
      flush();
      heading = closing ? null : tag === "h1" ? "Heading1" : "Heading2";
    } else if (BLOCKS.has(tag)) flush();
  }
  flush();
  return packDocx(body.join(""), hasQr && qrBytes !== null ? await qrPng(qrBytes) : null);
}

function tableXml(rows: readonly { header: boolean; cells: string[][] }[]): string {
  const columns = Math.max(1, ...rows.map((row) => row.cells.length));
  const width = Math.floor(9638 / columns);
  const grid = `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
  const body = rows
    .map((row) => {
      const properties = `<w:trPr><w:cantSplit/>${row.header ? "<w:tblHeader/>" : ""}</w:trPr>`;
      const cells = row.cells
        .map(
          (paragraphs) =>
            `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraphs.length === 0 ? "<w:p/>" : paragraphs.join("")}</w:tc>`,
        )
        .join("");
      return `<w:tr>${properties}${cells}</w:tr>`;
    })
    .join("");
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="CCCCCC"/></w:tblBorders></w:tblPr>${grid}${body}</w:tbl><w:p/>`;
}

async function packDocx(body: string, png: Uint8Array | null): Promise<Uint8Array> {
  const zip = new JSZip();
  const add = (name: string, data: string | Uint8Array) =>
    zip.file(name, data, { date: PART_DATE, createFolders: false });
  add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  );
  add(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  add(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${png === null ? "" : '<Relationship Id="rIdIncassoEpcQr" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/incasso-epc-qr.png"/>'}</Relationships>`,
  );
  add(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:cs="Liberation Sans"/><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>`,
  );
  add(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="850" w:right="1134" w:bottom="1247" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  if (png !== null) add("word/media/incasso-epc-qr.png", png);
  return zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}
