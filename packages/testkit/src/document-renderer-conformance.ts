import { createHash } from "node:crypto";
import type {
  CaseEventJson,
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  LetterContext,
} from "@incasso/core";
import { IncassoError, letterContext } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * How the document-renderer conformance suite gets an adapter: `create` makes one (once per
 * suite; `close` is called after), and `template` turns the suite's template text (words with
 * `{{ path }}` tags, such as `Pay {{ totals.balance.text }}`) into a template the adapter reads
 * for a format: a Liquid template by default; a Word adapter builds a .docx with the text.
 *
 * @example
 * ```ts
 * import type { DocumentRendererConformanceOptions } from "@incasso/testkit";
 * import type { DocumentRenderer } from "@incasso/core";
 * declare const createRenderer: () => DocumentRenderer;
 * const options: DocumentRendererConformanceOptions = { name: "html", create: createRenderer };
 * ```
 */
export interface DocumentRendererConformanceOptions {
  readonly name: string;
  readonly create: () => DocumentRenderer | Promise<DocumentRenderer>;
  readonly template?: (
    source: string,
    format: DocumentFormat,
  ) => DocumentTemplate | Promise<DocumentTemplate>;
}

const MEDIA_TYPES: Record<DocumentFormat, RegExp> = {
  html: /^text\/html/,
  text: /^text\/plain/,
  pdf: /^application\/pdf$/,
  docx: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/,
};

const meta = { recordedAt: "2026-09-01T09:00:00Z", by: "testkit" };

/** A Dutch consumer case of one invoice of 3,000.00, the letter a 14-day letter by e-mail. */
function conformanceContext(): LetterContext {
  const events = [
    {
      id: "e1",
      type: "case.opened",
      at: "2026-09-01",
      ...meta,
      caseNumber: "NL-2026-0001",
      client: { id: "C1", name: "Installatiebedrijf De Vries BV" },
      debtors: [
        {
          id: "D1",
          kind: "natural-person",
          name: "M. Bakker",
          language: "nl",
          consumer: true,
          contacts: [],
        },
      ],
      owner: "clerk",
      lawyer: "mr. Jansen",
      rulePack: "nl.consumer",
    },
    {
      id: "e2",
      type: "claim.added",
      at: "2026-09-01",
      ...meta,
      claim: {
        id: "F1",
        invoiceNumber: "2026-0311",
        invoiceDate: "2026-08-01",
        dueDate: "2026-08-31",
        amount: "3000.00",
      },
    },
  ] as unknown as CaseEventJson[];
  return letterContext(events, {
    kind: "letter14",
    date: "2026-11-27",
    channel: "email",
    creditor: { name: "Installatiebedrijf De Vries BV", iban: "NL91ABNA0417164300" },
  });
}

const COMPLETE =
  "Wij verzoeken u {{ totals.balance.text }} te betalen uiterlijk op {{ deadline.payBy.text }}. Anders zijn incassokosten van {{ ifUnpaid.damages.text }} verschuldigd.";
const WITHOUT_BIK =
  "Wij verzoeken u {{ totals.balance.text }} te betalen uiterlijk op {{ deadline.payBy.text }}.";

/**
 * The conformance suite of the document-rendering port: every adapter of `DocumentRenderer` must
 * pass it, on the real component (a real browser for PDF). It checks, for every format the
 * adapter lists: that a complete 14-day letter renders, with the media type of its format, a
 * SHA-256 that is that of its bytes, and the letter's words (amount, last day, BIK) in `text`;
 * that the same letter gives the same bytes twice; that a letter without the BIK amount is
 * refused `LETTER_CHECK_FAILED` naming `BIK_AMOUNT` and its source; that templates reaching for
 * the prototype (`constructor`, `__proto__`) or for a variable the context lacks are refused
 * `TEMPLATE_REFUSED`; and that a format the adapter does not list is refused `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * import { describeDocumentRendererConformance } from "@incasso/testkit";
 * import type { DocumentRenderer } from "@incasso/core";
 * declare const createRenderer: () => DocumentRenderer;
 * describeDocumentRendererConformance({ name: "html", create: createRenderer });
 * ```
 */
export function describeDocumentRendererConformance(
  options: DocumentRendererConformanceOptions,
): void {
  const template = (source: string, format: DocumentFormat) =>
    options.template?.(source, format) ??
    ({ kind: "liquid", name: "conformance", source } satisfies DocumentTemplate);

  describe(`DocumentRenderer conformance: ${options.name}`, () => {
    let renderer: DocumentRenderer;
    const context = conformanceContext();
    beforeAll(async () => {
      renderer = await options.create();
    });
    afterAll(async () => {
      await renderer?.close();
    });

    it("renders a complete letter in every format it lists, with its media type, hash and words", async () => {
      expect(renderer.formats.length).toBeGreaterThan(0);
      for (const format of renderer.formats) {
        const document = await renderer.render(await template(COMPLETE, format), context, format);
        expect(document.format).toBe(format);
        expect(document.mediaType).toMatch(MEDIA_TYPES[format] as RegExp);
        expect(document.bytes.length).toBeGreaterThan(0);
        expect(document.sha256).toBe(createHash("sha256").update(document.bytes).digest("hex"));
        const words = document.text.replace(/\s+/g, " ");
        for (const expected of [
          context.totals.balance.text,
          context.deadline.payBy.text,
          context.ifUnpaid.damages?.text ?? "",
        ])
          expect(words).toContain(expected.replace(/\s+/g, " "));
      }
    });

    it("gives the same bytes for the same template and context", async () => {
      for (const format of renderer.formats) {
        const first = await renderer.render(await template(COMPLETE, format), context, format);
        const second = await renderer.render(await template(COMPLETE, format), context, format);
        expect(second.sha256).toBe(first.sha256);
      }
    });

    it("refuses a letter that lacks what the law requires, naming the element and its source", async () => {
      for (const format of renderer.formats) {
        const refusal = await renderer
          .render(await template(WITHOUT_BIK, format), context, format)
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(refusal).toBeInstanceOf(IncassoError);
        const error = refusal as IncassoError;
        expect(error.code).toBe("LETTER_CHECK_FAILED");
        expect(error.issues).toEqual([
          expect.objectContaining({
            path: "BIK_AMOUNT",
            message: expect.stringContaining("6:96 lid 6"),
          }),
        ]);
      }
    });

    it("refuses templates that reach outside the context: the prototype, a constructor, an unknown name", async () => {
      const escapes = [
        "{{ constructor.constructor }}",
        "{{ totals.constructor.name }}",
        "{{ totals.balance.__proto__ }}",
        "{{ process.env }}",
      ];
      for (const format of renderer.formats)
        for (const source of escapes) {
          const refusal = await renderer
            .render(await template(`${COMPLETE} ${source}`, format), context, format)
            .then(
              () => undefined,
              (error: unknown) => error,
            );
          expect(refusal, `${format}: ${source}`).toBeInstanceOf(IncassoError);
          expect((refusal as IncassoError).code, `${format}: ${source}`).toBe("TEMPLATE_REFUSED");
        }
    });

    it("refuses a format it does not list", async () => {
      const other = (["html", "pdf", "docx", "text"] as const).find(
        (format) => !renderer.formats.includes(format),
      );
      if (other === undefined) return;
      const refusal = await renderer.render(await template(COMPLETE, other), context, other).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((refusal as IncassoError).code).toBe("INVALID_INPUT");
    });
  });
}
