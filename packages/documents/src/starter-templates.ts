import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LetterKind } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import type { DocumentTemplate } from "./port.js";
import { TEMPLATE_DIR } from "./template-dir.js";

/**
 * The starter letters the package ships, each in nl, fr and en: its name (the file
 * `templates/<language>/<name>.liquid`), the letter kind whose legal checks it passes, and what it
 * is: a letter (HTML, for `html` and `pdf`), an e-mail body (HTML) or an SMS (plain text, for
 * `text`).
 *
 * @example
 * ```ts
 * import { STARTER_TEMPLATES } from "@incasso/documents";
 * STARTER_TEMPLATES.map((template) => template.name);
 * ```
 */
export const STARTER_TEMPLATES = [
  { name: "book19-first-reminder", kind: "book19-first-reminder", medium: "letter" },
  { name: "reminder", kind: "reminder", medium: "letter" },
  { name: "formal-notice-b2b", kind: "formal-notice", medium: "letter" },
  { name: "formal-notice-civil", kind: "formal-notice", medium: "letter" },
  { name: "letter14", kind: "letter14", medium: "letter" },
  { name: "plan-agreement", kind: "plan-agreement", medium: "letter" },
  { name: "instalment-reminder-email", kind: "instalment-reminder", medium: "email" },
  { name: "instalment-reminder-sms", kind: "instalment-reminder", medium: "sms" },
  { name: "statement", kind: "statement", medium: "letter" },
  { name: "bailiff", kind: "bailiff", medium: "letter" },
] as const satisfies readonly {
  name: string;
  kind: LetterKind;
  medium: "letter" | "email" | "sms";
}[];

/**
 * The name of a starter letter (see {@link STARTER_TEMPLATES}).
 *
 * @example
 * ```ts
 * import type { StarterTemplateName } from "@incasso/documents";
 * const name: StarterTemplateName = "letter14";
 * ```
 */
export type StarterTemplateName = (typeof STARTER_TEMPLATES)[number]["name"];

/**
 * A starter letter of the package as a Liquid template, named `<language>/<name>`.
 *
 * @example
 * ```ts
 * import { starterTemplate } from "@incasso/documents";
 * const template = starterTemplate("formal-notice-b2b", "fr");
 * template.name; // "fr/formal-notice-b2b"
 * ```
 */
export function starterTemplate(
  name: StarterTemplateName,
  language: "nl" | "fr" | "en",
): DocumentTemplate {
  if (!STARTER_TEMPLATES.some((template) => template.name === name))
    throw new IncassoError("INVALID_INPUT", `template: no starter letter ${JSON.stringify(name)}`, [
      {
        path: "template",
        message: `expected one of ${STARTER_TEMPLATES.map((t) => t.name).join(", ")}`,
      },
    ]);
  if (language !== "nl" && language !== "fr" && language !== "en")
    throw new IncassoError("INVALID_INPUT", `language: expected nl, fr or en`, [
      { path: "language", message: "expected nl, fr or en" },
    ]);
  return {
    kind: "liquid",
    name: `${language}/${name}`,
    source: readFileSync(join(TEMPLATE_DIR, language, `${name}.liquid`), "utf8"),
  };
}
