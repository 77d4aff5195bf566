import type {
  ActionCommand,
  CaseEventJson,
  CaseOptions,
  LetterContext,
  LetterRequest,
  PlanProposal,
} from "@incasso/core";
import { IncassoError, letterContext } from "@incasso/core";
import type {
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  RenderedDocument,
} from "./port.js";
import { STARTER_TEMPLATES, starterTemplate } from "./starter-templates.js";

/**
 * What {@link produceLetter} needs: the renderer, the case's events, the letter request (kind,
 * date, channel, creditor), the template and format, the case options (policy, rate tables, a
 * plan), and who records the letter and when (`by`, `recordedAt`, an ISO instant).
 *
 * @example
 * ```ts
 * import type { ProduceLetterInput } from "@incasso/documents";
 * type Who = Pick<ProduceLetterInput, "by" | "recordedAt">;
 * const who: Who = { by: "clerk", recordedAt: "2026-11-27T09:00:00Z" };
 * ```
 */
export interface ProduceLetterInput {
  readonly renderer: DocumentRenderer;
  readonly events: readonly unknown[];
  readonly request: LetterRequest;
  readonly template: DocumentTemplate;
  readonly format: DocumentFormat;
  readonly options?: CaseOptions & { readonly plan?: PlanProposal };
  readonly by: string;
  readonly recordedAt: string;
}

/**
 * A produced letter: the document, its context, and the events to append to the case: the
 * letter's own event when its kind has one (a first reminder starts the Book XIX wait, a 14-day
 * letter its term, a formal notice its interest), carrying the document's template, format and
 * SHA-256, or `document.produced` for a document without a legal effect, so that the history shows
 * what was sent.
 *
 * @example
 * ```ts
 * import type { ProducedLetter } from "@incasso/documents";
 * const hash = (letter: ProducedLetter) => letter.document.sha256;
 * ```
 */
export interface ProducedLetter {
  readonly document: RenderedDocument;
  readonly context: LetterContext;
  readonly events: readonly CaseEventJson[];
}

/**
 * Renders a letter from a case and gives the event that records it: the letter's own event (as
 * `letterContext` computed the case with it) carrying the document (its SHA-256, template and
 * format), or `document.produced` for a document without a legal effect (a statement annex, a plan
 * agreement). Append it with the document when it is sent; nothing is appended here. A letter that
 * fails its legal checks throws `LETTER_CHECK_FAILED` and gives no events.
 *
 * @example
 * ```ts
 * import { createPdfRenderer, produceLetter, starterTemplate } from "@incasso/documents";
 * declare const events: unknown[];
 * const renderer = createPdfRenderer();
 * const letter = await produceLetter({
 *   renderer, events, format: "pdf", by: "clerk", recordedAt: "2026-11-27T09:00:00Z",
 *   request: { kind: "letter14", date: "2026-11-27", creditor: { name: "Acme BV", iban: "NL91ABNA0417164300" } },
 *   template: starterTemplate("letter14", "nl"),
 * });
 * letter.events; // [letter14.sent with its document's SHA-256]
 * ```
 */
export async function produceLetter(input: ProduceLetterInput): Promise<ProducedLetter> {
  const context = letterContext(input.events, input.request, input.options ?? {});
  const document = await input.renderer.render(input.template, context, input.format);
  const envelope = { at: context.date.value, recordedAt: input.recordedAt, by: input.by };
  const carried = {
    sha256: document.sha256,
    template: input.template.name.slice(0, 500),
    format: document.format,
  };
  if (context.event !== null)
    return {
      document,
      context,
      events: [{ ...context.event, ...envelope, document: carried } as CaseEventJson],
    };
  const produced = {
    id: `letter-${context.kind}-${context.date.value}-${input.events.length + 1}`,
    type: "document.produced",
    ...envelope,
    kind: context.kind,
    channel: context.channel,
    document: carried,
  } as CaseEventJson;
  return { document, context, events: [produced] };
}

/**
 * Carries out a scenario's `render-letter` command through the document port: the command's
 * template names a starter letter (`letter14`, `fr/letter14`; without a language, the debtor's),
 * whose kind sets the legal checks; the letter is produced as {@link produceLetter} does. Other
 * commands, and a template that names no starter letter, are refused `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * import { createHtmlRenderer, renderLetterCommand } from "@incasso/documents";
 * import type { ActionCommand } from "@incasso/core";
 * declare const command: ActionCommand;
 * declare const events: unknown[];
 * const letter = await renderLetterCommand(command, {
 *   renderer: createHtmlRenderer(), events, format: "html", date: "2026-11-27",
 *   creditor: { name: "Acme NV" }, by: "scenario", recordedAt: "2026-11-27T06:00:00Z",
 * });
 * ```
 */
export async function renderLetterCommand(
  command: ActionCommand,
  input: Omit<ProduceLetterInput, "request" | "template"> & {
    readonly date: string;
    readonly creditor: LetterRequest["creditor"];
  },
): Promise<ProducedLetter> {
  const refuse = (message: string) =>
    new IncassoError("INVALID_INPUT", `command: ${message}`, [{ path: "command", message }]);
  if (command.kind !== "render-letter")
    throw refuse(`expected a render-letter command (got ${command.kind})`);
  const [first, second] = (command.template ?? "").split("/");
  const name = second ?? first ?? "";
  const starter = STARTER_TEMPLATES.find((template) => template.name === name);
  if (starter === undefined)
    throw refuse(
      `expected a template naming a starter letter (got ${JSON.stringify(command.template)})`,
    );
  const channel =
    command.channel === "email"
      ? "email"
      : command.channel === "registered-post"
        ? "registered-post"
        : "post";
  const request: LetterRequest = {
    kind: starter.kind,
    date: input.date,
    channel,
    creditor: input.creditor,
  };
  const language =
    second === undefined
      ? letterContext(input.events, request, input.options ?? {}).language
      : (first as "nl" | "fr" | "en");
  return produceLetter({
    ...input,
    request,
    template: starterTemplate(starter.name, language),
  });
}
