import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IncassoError } from "@incasso/core";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { describeDocumentRendererConformance } from "../../testkit/src/document-renderer-conformance.js";
import {
  createDocxRenderer,
  createDocxTemplate,
  STARTER_TEMPLATES,
  starterTemplate,
} from "../src/index.js";
import { figuresOf, starterContext } from "./fixtures.js";
import { realComponents } from "./tools.js";

describeDocumentRendererConformance({
  name: "docx",
  create: () => createDocxRenderer(),
  template: async (source) => ({
    kind: "docx",
    name: "conformance.docx",
    bytes: await createDocxTemplate({ body: [source] }),
  }),
});

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const run = (text: string, bold = false) =>
  `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;
/** A complex MERGEFIELD as Word writes it: the instruction split over runs, a shown result. */
const complexField = (name: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r><w:r><w:instrText xml:space="preserve">FIELD  ${name.slice(0, 3)}</w:instrText></w:r><w:r><w:instrText xml:space="preserve">${name.slice(3)}  \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>«${name}»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
const simpleField = (name: string) =>
  `<w:fldSimple w:instr=" MERGEFIELD ${name} \\* MERGEFORMAT "><w:r><w:rPr><w:i/></w:rPr><w:t>«${name}»</w:t></w:r></w:fldSimple>`;
const pageField =
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';

/** A firm's letter as Word leaves it: tags split over runs, MERGEFIELDs in both forms everywhere. */
async function firmLetter(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await createDocxTemplate({ body: [""] }));
  const p = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${[
      p(run("Aan: "), simpleField("Naam")),
      p(run("Adres: "), complexField("debtor.addressLines")),
      p(
        run("Wij verzoeken u "),
        run("{{ tot"),
        run("als.bal", true),
        run("ance.text }}"),
        run(" te betalen uiterlijk op "),
      ),
      p(complexField("deadline.payBy"), run(".")),
      p(
        run(
          "Anders zijn incassokosten van {{ ifUnpaid.damages }} verschuldigd, inclusief btw die wij niet kunnen verrekenen.",
        ),
      ),
      p(run("{{ epc_qr }}")),
    ].join(
      "",
    )}<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr></w:body></w:document>`,
  );
  zip.file(
    "word/header1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W}>${p(complexField("creditor.name"), run(" – "), simpleField("references.ours"))}</w:hdr>`,
  );
  zip.file(
    "word/footer1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${W}>${p(run("IBAN {{ creditor.iban }} · pagina "), pageField)}</w:ftr>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** The words of a part of a .docx, read with nothing but unzip and the w:t elements. */
async function wordsOf(bytes: Uint8Array, part: string): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file(part)?.async("string");
  return [...(xml ?? "").matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)]
    .map((match) => (match[1] ?? "").replace(/&amp;/g, "&"))
    .join("");
}

describe("Word letters", () => {
  const context = starterContext("letter14", "nl");
  const template = async () => ({
    kind: "docx" as const,
    name: "firm/aanmaning.docx",
    bytes: await firmLetter(),
  });

  it("fills tags split over runs and MERGEFIELDs of both forms in the body, header and footer", async () => {
    const renderer = createDocxRenderer({ aliases: { Naam: "debtor.name" } });
    // One template for both renderings: a zip made at another second carries other entry dates.
    const firm = await template();
    const document = await renderer.render(firm, context, "docx");
    const body = await wordsOf(document.bytes, "word/document.xml");
    expect(body).toContain(`Aan: ${context.debtor.name}`);
    expect(body).toContain(`Adres: ${context.debtor.addressLines.join("")}`);
    expect(body).toContain(
      `Wij verzoeken u ${context.totals.balance.text} te betalen uiterlijk op ${context.deadline.payBy.text}.`,
    );
    expect(body).toContain(`incassokosten van ${context.ifUnpaid.damages?.text} verschuldigd`);
    expect(body).not.toMatch(/«|\{\{|MERGEFIELD/);
    const header = await wordsOf(document.bytes, "word/header1.xml");
    expect(header).toBe(`${context.creditor.name} – ${context.references.ours}`);
    const footer = await wordsOf(document.bytes, "word/footer1.xml");
    expect(footer).toBe(`IBAN ${context.creditor.iban} · pagina 1`);
    // The result keeps the formatting of the field's shown result (bold); PAGE stays a field.
    const xml = await (await JSZip.loadAsync(document.bytes))
      .file("word/footer1.xml")
      ?.async("string");
    expect(xml).toContain("PAGE");
    // The same letter from the same template gives the same bytes.
    expect((await renderer.render(firm, context, "docx")).sha256).toBe(document.sha256);
  });

  it.skipIf(!realComponents("Word QR code"))(
    "puts the EPC QR code in as an image that a real decoder reads back byte for byte",
    async () => {
      const document = await createDocxRenderer({ aliases: { Naam: "debtor.name" } }).render(
        await template(),
        context,
        "docx",
      );
      const zip = await JSZip.loadAsync(document.bytes);
      const png = await zip.file("word/media/incasso-epc-qr.png")?.async("uint8array");
      expect(png).toBeDefined();
      expect(await zip.file("word/_rels/document.xml.rels")?.async("string")).toContain(
        "media/incasso-epc-qr.png",
      );
      expect(await zip.file("[Content_Types].xml")?.async("string")).toContain('Extension="png"');
      const dir = mkdtempSync(join(tmpdir(), "incasso-docx-"));
      try {
        writeFileSync(join(dir, "qr.png"), png as Uint8Array);
        const decoded = execFileSync("zbarimg", ["--raw", "-q", "-Sbinary", join(dir, "qr.png")], {
          stdio: ["ignore", "pipe", "ignore"],
        });
        expect(decoded).toEqual(Buffer.from(context.epcQr?.bytes ?? []));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("refuses a field the context lacks, and a name reaching for the prototype, in either field form", async () => {
    for (const name of ["Naam", "constructor.name", "totals.__proto__", "debtor.name.length"]) {
      const zip = await JSZip.loadAsync(await firmLetter());
      const xml = (await zip.file("word/header1.xml")?.async("string")) ?? "";
      zip.file("word/header1.xml", xml.replace("references.ours", name));
      const bytes = await zip.generateAsync({ type: "uint8array" });
      const error = await createDocxRenderer()
        .render({ kind: "docx", name: "firm/evil.docx", bytes }, context, "docx")
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error, name).toBeInstanceOf(IncassoError);
      expect((error as IncassoError).code, name).toBe("TEMPLATE_REFUSED");
    }
  });

  it("refuses a file that is not a Word document", async () => {
    const error = await createDocxRenderer()
      .render(
        { kind: "docx", name: "x.docx", bytes: new TextEncoder().encode("nope") },
        context,
        "docx",
      )
      .then(
        () => undefined,
        (caught: unknown) => caught as IncassoError,
      );
    expect(error?.code).toBe("TEMPLATE_REFUSED");
  });
});

describe("the starter letters in Word", () => {
  const renderer = createDocxRenderer();
  for (const language of ["nl", "fr", "en"] as const)
    it(`render in ${language}, pass their legal checks and keep their figures, tables and QR code`, async () => {
      for (const starter of STARTER_TEMPLATES.filter((t) => t.medium !== "sms")) {
        const context = starterContext(starter.name, language);
        const document = await renderer.render(
          starterTemplate(starter.name, language),
          context,
          "docx",
        );
        const body = (await wordsOf(document.bytes, "word/document.xml")).replace(/\s+/g, " ");
        for (const figure of figuresOf(context).filter(() => starter.medium === "letter"))
          expect(body, `${language}/${starter.name}: ${figure}`).toContain(
            figure.replace(/\s+/g, " "),
          );
        const zip = await JSZip.loadAsync(document.bytes);
        const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
        if (starter.medium === "letter") expect(xml).toContain("<w:tblHeader/>");
        expect(zip.file("word/media/incasso-epc-qr.png") !== null).toBe(
          context.epcQr !== null && xml.includes("rIdIncassoEpcQr"),
        );
      }
    });
});
