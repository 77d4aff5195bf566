import { caseStatement, IncassoError, letterContext, parseIsoDate } from "@incasso/core";
import { describe, expect, it } from "vitest";
import { createHtmlRenderer, STARTER_TEMPLATES, starterTemplate } from "../src/index.js";
import { beConsumerCase, figuresOf, starterContext, starterInput } from "./fixtures.js";

describe("the starter letters", () => {
  const renderer = createHtmlRenderer();
  for (const starter of STARTER_TEMPLATES)
    for (const language of ["nl", "fr", "en"] as const)
      it(`${language}/${starter.name} renders, passes its legal checks and shows the case's figures`, async () => {
        const { events, request, options } = starterInput(starter.name, language);
        const context = letterContext(events, request, options);
        expect(context.kind).toBe(starter.kind);
        const format = starter.medium === "sms" ? "text" : "html";
        const document = await renderer.render(
          starterTemplate(starter.name, language),
          context,
          format,
        );
        expect(document.text.length).toBeGreaterThan(50);
        const words = document.text.replace(/\s+/g, " ");
        const figures =
          starter.medium === "letter"
            ? figuresOf(context)
            : [context.references.payment?.text ?? context.references.ours];
        for (const figure of figures) expect(words).toContain(figure.replace(/\s+/g, " "));
        if (context.plan !== null && starter.medium !== "letter")
          expect(words).toContain(context.plan.instalments[0]?.amount.text.replace(/\s+/g, " "));
        // The figures are those of `incasso case` for the same case with the letter's event.
        const withLetter = context.event === null ? events : [...events, context.event];
        const statement = caseStatement(
          withLetter,
          parseIsoDate(context.date.value),
          options,
        ).statement;
        expect(context.totals.balance.value).toBe(statement.totals.balance.toFixed(2));
        if (starter.medium === "sms") expect(document.text.length).toBeLessThanOrEqual(306);
      });

  it("refuses the Book XIX first reminder of a creditor without an enterprise number", async () => {
    const context = letterContext(beConsumerCase("nl"), {
      kind: "book19-first-reminder",
      date: "2026-12-01",
      creditor: { name: "Acme NV", iban: "BE71096123456769" },
    });
    const error = await renderer
      .render(starterTemplate("book19-first-reminder", "nl"), context, "html")
      .then(
        () => new IncassoError("INVALID_INPUT", "rendered"),
        (caught: unknown) => caught as IncassoError,
      );
    expect(error).toBeInstanceOf(IncassoError);
    expect(error.code).toBe("LETTER_CHECK_FAILED");
    expect(error.issues.map((issue) => issue.path)).toEqual(["CREDITOR_ENTERPRISE_NUMBER"]);
    expect(error.message).toContain("WER art. XIX.2");
  });

  it("puts the letter's date, parties and references in the right places of the letterhead and address", async () => {
    const context = starterContext("letter14", "nl");
    const page = await renderer.render(starterTemplate("letter14", "nl"), context, "html");
    const html = new TextDecoder().decode(page.bytes);
    expect(html).toMatch(
      /<address class="address">\s*<div>M\. Bakker<\/div>\s*<div>Kerkstraat 1<\/div>\s*<div>1017 GA Amsterdam<\/div>/,
    );
    expect(html).toContain('<svg class="epc-qr"');
  });
});
