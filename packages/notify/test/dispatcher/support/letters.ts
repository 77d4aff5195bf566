// The host's letters for the dispatcher in tests: the starter letters of @incasso/documents.

import type { StarterTemplateName } from "@incasso/documents";
import { STARTER_TEMPLATES, starterTemplate } from "@incasso/documents";
import type { DispatcherLetters } from "../../../src/index.js";

export const creditor = {
  name: "Bouwwerken Peeters BV",
  addressLines: ["Meir 12", "2000 Antwerpen"],
  enterpriseNumber: "0403.170.701",
  iban: "BE71096123456769",
  bic: "GKCCBEBB",
  email: "invordering@peeters.example.be",
};

/** Resolves `reminder` or `nl/reminder` to a starter letter in the given (or named) language. */
export const starterLetters: DispatcherLetters = {
  creditor,
  template(name, language) {
    const [first, second] = name.split("/");
    const starter = STARTER_TEMPLATES.find((t) => t.name === (second ?? first));
    if (starter === undefined) throw new Error(`no starter letter ${name}`);
    const lang = second === undefined ? language : (first as "nl" | "fr" | "en");
    return {
      kind: starter.kind,
      template: starterTemplate(starter.name as StarterTemplateName, lang),
    };
  },
};
