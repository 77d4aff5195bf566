// The letters the dispatcher makes for a firm: the firm as letterhead, and the scenario templates
// (`be-reminder`, `nl-letter14`, ...) mapped onto the starter letters of @incasso/documents.

import type { StarterTemplateName } from "@incasso/documents";
import { STARTER_TEMPLATES, starterTemplate } from "@incasso/documents";
import type { DispatcherLetters } from "@incasso/notify";
import type { Firm } from "../server-schema/firms.js";

const ALIASES: Record<string, StarterTemplateName> = {
  "formal-notice": "formal-notice-b2b",
  "instalment-reminder": "instalment-reminder-email",
};

/**
 * The starter letter a scenario's template name stands for: the name without its country prefix
 * (`be-reminder` is `reminder`), a formal notice is the business one.
 *
 * @example
 * ```ts
 * starterNameOf("nl-letter14"); // "letter14"
 * ```
 */
export function starterNameOf(name: string): StarterTemplateName | undefined {
  const bare = (name.split("/").at(-1) ?? name).replace(/^(be|nl)-/, "");
  const known = STARTER_TEMPLATES.find((template) => template.name === bare);
  return known?.name ?? ALIASES[bare];
}

/**
 * The dispatcher's letters of a firm.
 *
 * @example
 * ```ts
 * createDispatcher({ ...options, letters: firmLetters(firm) });
 * ```
 */
export function firmLetters(firm: Firm): DispatcherLetters {
  return {
    creditor: {
      name: firm.name,
      addressLines: [],
      email: firm.mailFrom.address,
    },
    template(name, language) {
      const starter = starterNameOf(name);
      const entry = STARTER_TEMPLATES.find((template) => template.name === starter);
      if (starter === undefined || entry === undefined)
        throw new Error(`no letter template ${name}`);
      return { kind: entry.kind, template: starterTemplate(starter, language) };
    },
  };
}
