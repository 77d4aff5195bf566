import { IncassoError } from "@incasso/core";
import { describe, expect, it } from "vitest";
import { createHtmlRenderer, htmlText } from "../src/index.js";
import { starterContext } from "./fixtures.js";

const context = starterContext("letter14", "nl");
const complete =
  "<p>Betaal {{ totals.balance.text }} uiterlijk op {{ deadline.payBy.text }}; anders incassokosten {{ ifUnpaid.damages.text }}, verhoogd met btw.</p>";

async function refusal(source: string, limits = {}): Promise<IncassoError> {
  const renderer = createHtmlRenderer({ limits });
  const error = await renderer
    .render({ kind: "liquid", name: "firm/evil", source: `${complete}${source}` }, context, "html")
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(IncassoError);
  return error as IncassoError;
}

describe("the template sandbox", () => {
  it("refuses prototype and constructor access, naming the template", async () => {
    for (const source of [
      "{{ constructor.constructor }}",
      "{{ creditor.constructor.constructor }}",
      "{{ totals.balance.__proto__ }}",
      "{{ claims.constructor }}",
      "{{ this }}",
      "{{ globalThis.process }}",
    ]) {
      const error = await refusal(source);
      expect(error.code, source).toBe("TEMPLATE_REFUSED");
      expect(error.message).toContain('"firm/evil"');
    }
    // LiquidJS's assign is lenient: it stores nothing for a missing property, so nothing leaks.
    const assigned = await createHtmlRenderer().render(
      {
        kind: "liquid",
        name: "firm/assign",
        source: `${complete}<p>[{% assign f = totals.constructor %}{{ f }}]</p>`,
      },
      context,
      "html",
    );
    expect(assigned.text).toContain("[]");
  });

  it("reads no file: includes, renders and layouts come from the package's partials only", async () => {
    for (const source of [
      '{% include "/etc/passwd" %}',
      '{% include "../../package.json" %}',
      '{% render "../src/index.ts" %}',
      '{% layout "/etc/hostname" %}',
    ]) {
      const error = await refusal(source);
      expect(error.code, source).toBe("TEMPLATE_REFUSED");
    }
  });

  it("stops an endless loop, a memory bomb and a huge output at the limits", async () => {
    const loop = await refusal(
      "{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}",
      { renderMilliseconds: 300 },
    );
    expect(loop.code).toBe("TEMPLATE_REFUSED");
    expect(loop.message).toMatch(/limit/i);
    const memory = await refusal(
      '{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}',
    );
    expect(memory.code).toBe("TEMPLATE_REFUSED");
    const output = await refusal("{% for i in (1..20000) %}xxxxxxxxxx{% endfor %}", {
      outputCharacters: 100_000,
    });
    expect(output.message).toContain("exceeds 100000 characters");
    const big = await refusal("x".repeat(300), { templateCharacters: 200 });
    expect(big.code).toBe("TEMPLATE_REFUSED");
  });

  it("refuses a name or filter the context does not have, rather than printing nothing", async () => {
    expect((await refusal("{{ debtor.bankBalance }}")).message).toContain("debtor.bankBalance");
    expect((await refusal("{{ totals.balance | shell }}")).code).toBe("TEMPLATE_REFUSED");
  });

  it("escapes what the context holds: a debtor's name is text, never markup", async () => {
    const evil = { ...context, debtor: { ...context.debtor, name: '<script>alert("x")</script>' } };
    const page = await createHtmlRenderer().render(
      { kind: "liquid", name: "firm/name", source: `${complete}<p>{{ debtor.name }}</p>` },
      evil,
      "html",
    );
    const html = new TextDecoder().decode(page.bytes);
    expect(html).not.toContain("<script>");
    expect(page.text).toContain('<script>alert("x")</script>');
  });

  it("formats with the letter filters in the letter's locale", async () => {
    const page = await createHtmlRenderer().render(
      {
        kind: "liquid",
        name: "firm/filters",
        source: `${complete}<p>{{ totals.balance | amount }}|{{ "1234.5" | amount }}|{{ deadline.payBy | day }}|{{ "2026-03-01" | day }}|{{ references.payment | reference }}|{{ creditor.addressLines | lines }}</p>`,
      },
      context,
      "html",
    );
    expect(page.text).toContain(
      `${context.totals.balance.text}|€ 1.234,50|${context.deadline.payBy.text}|1 maart 2026|5000 0567 8901 2345|Damrak 1, 1012 LG Amsterdam`,
    );
  });

  it("refuses a letter that fails its legal checks, with each missing element and its source", async () => {
    const error = await createHtmlRenderer()
      .render(
        { kind: "liquid", name: "firm/short", source: "<p>Betaal {{ totals.balance.text }}.</p>" },
        context,
        "html",
      )
      .then(
        () => new IncassoError("INVALID_INPUT", "rendered"),
        (caught: unknown) => caught as IncassoError,
      );
    expect(error.code).toBe("LETTER_CHECK_FAILED");
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "BIK_AMOUNT",
      "TERM_14_DAYS",
      "BIK_VAT_DECLARATION",
    ]);
    expect(error.message).toContain("BW art. 6:96 lid 6");
  });

  it("reads the debtor's words out of HTML", () => {
    expect(
      htmlText(
        "<html><head><style>p{}</style></head><body><p>Te betalen: <b>&euro;&nbsp;10,00</b></p><svg><text>x</text></svg></body></html>",
      ),
    ).toBe("Te betalen: €\u00a010,00");
  });
});
