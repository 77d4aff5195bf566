// Small pieces the agenda and case pages share: a labelled form field with its error next to it
// (linked with aria-describedby), the reading of a form, the notice after a redirect.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { FieldError } from "../api/problem.js";
import type { AppEnv } from "../context.js";
import type { Html } from "../web/layout.js";

/** The errors of a form by field name (`amount`, `claims.0.dueDate`). */
export type FormErrors = ReadonlyMap<string, string>;

/**
 * The errors of a form from field errors, keyed by path.
 *
 * @example
 * ```ts
 * const errors = formErrors([{ path: "amount", message: "expected an amount" }]);
 * ```
 */
export function formErrors(errors: readonly FieldError[]): FormErrors {
  const map = new Map<string, string>();
  for (const error of errors) {
    const known = map.get(error.path);
    map.set(error.path, known === undefined ? error.message : `${known}; ${error.message}`);
  }
  return map;
}

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** What {@link field} draws. */
export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly type?: "text" | "date" | "number" | "email" | "file" | "textarea" | "checkbox";
  readonly required?: boolean;
  readonly errors?: FormErrors;
  /** Where the error of this field is found, when not under `name`. */
  readonly errorPath?: string;
  readonly hint?: string;
  readonly inputMode?: "decimal" | "numeric";
  readonly checked?: boolean;
  readonly accept?: string;
}

/**
 * A form field with its `<label>`, its hint and its error next to it (`aria-invalid`,
 * `aria-describedby`).
 *
 * @example
 * ```ts
 * field({ name: "amount", label: "Amount", value: "100.00", errors });
 * ```
 */
export function field(options: FieldOptions): Html {
  const id = idOf(options.name);
  const error = options.errors?.get(options.errorPath ?? options.name);
  const described = [
    options.hint === undefined ? null : `${id}-hint`,
    error === undefined ? null : `${id}-error`,
  ].filter((item) => item !== null);
  const common = raw(
    [
      options.required === true ? " required" : "",
      error === undefined ? "" : ' aria-invalid="true"',
      described.length === 0 ? "" : ` aria-describedby="${described.join(" ")}"`,
      options.inputMode === undefined ? "" : ` inputmode="${options.inputMode}"`,
    ].join(""),
  );
  const type = options.type ?? "text";
  const control =
    type === "textarea"
      ? html`<textarea id="${id}" name="${options.name}" rows="3"${common}>${options.value ?? ""}</textarea>`
      : type === "checkbox"
        ? html`<input type="checkbox" id="${id}" name="${options.name}" value="on"${
            options.checked === true ? raw(" checked") : ""
          }${common}>`
        : type === "file"
          ? html`<input type="file" id="${id}" name="${options.name}"${
              options.accept === undefined ? "" : html` accept="${options.accept}"`
            }${common}>`
          : html`<input type="${type}" id="${id}" name="${options.name}" value="${options.value ?? ""}"${common}>`;
  return html`<div class="field${error === undefined ? "" : " invalid"}">
<label for="${id}">${options.label}</label>
${control}
${options.hint === undefined ? "" : html`<p class="muted" id="${id}-hint">${options.hint}</p>`}
${error === undefined ? "" : html`<p class="error" id="${id}-error">${error}</p>`}
</div>`;
}

/**
 * A select with its label and error.
 *
 * @example
 * ```ts
 * select({ name: "client", label: "Client", options: [["acme", "Acme NV"]], value: "acme" });
 * ```
 */
export function select(options: {
  readonly name: string;
  readonly label: string;
  readonly options: readonly (readonly [string, string])[];
  readonly value?: string;
  readonly errors?: FormErrors;
  readonly empty?: string;
}): Html {
  const id = idOf(options.name);
  const error = options.errors?.get(options.name);
  return html`<div class="field${error === undefined ? "" : " invalid"}">
<label for="${id}">${options.label}</label>
<select id="${id}" name="${options.name}"${
    error === undefined ? "" : raw(` aria-invalid="true" aria-describedby="${id}-error"`)
  }>
${options.empty === undefined ? "" : html`<option value="">${options.empty}</option>`}
${options.options.map(
  ([value, text]) =>
    html`<option value="${value}"${value === options.value ? raw(" selected") : ""}>${text}</option>`,
)}
</select>
${error === undefined ? "" : html`<p class="error" id="${id}-error">${error}</p>`}
</div>`;
}

/**
 * The fields of a url-encoded or multipart form as strings (files left out), and each repeated
 * field's values.
 *
 * @example
 * ```ts
 * const { one, all } = await readForm(c);
 * one("amount"); all("entry");
 * ```
 */
export async function readForm(c: Context<AppEnv>): Promise<{
  one: (name: string) => string;
  all: (name: string) => string[];
  file: (name: string) => File | null;
}> {
  const body = await c.req.parseBody({ all: true });
  const values = (name: string): unknown[] => {
    const value = body[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  return {
    one: (name) => {
      const first = values(name)[0];
      return typeof first === "string" ? first.trim() : "";
    },
    all: (name) => values(name).filter((value): value is string => typeof value === "string"),
    file: (name) => {
      const first = values(name)[0];
      return first instanceof File && first.size > 0 ? first : null;
    },
  };
}

/**
 * A list of the errors of a form at its top, each linking to its field.
 *
 * @example
 * ```ts
 * errorSummary("There are errors", errors);
 * ```
 */
export function errorSummary(title: string, errors: FormErrors): Html {
  if (errors.size === 0) return html``;
  return html`<div class="notice error" role="alert" id="error-summary">
<h2>${title}</h2>
<ul>${[...errors].map(
    ([path, message]) => html`<li><a href="#${idOf(path)}">${path}</a>: ${message}</li>`,
  )}</ul>
</div>`;
}
