// Small pieces of HTML the work pages share.
import { html } from "hono/html";
import type { FieldError } from "../api/problem.js";
import type { Html } from "../web/layout.js";

/**
 * The error list of a form, each error naming its field, announced to screen readers.
 *
 * @example
 * ```ts
 * errorList("Errors", [{ path: "profile.columns.amount", message: "expected a column" }]);
 * ```
 */
export function errorList(title: string, errors: readonly FieldError[]): Html {
  return html`<div class="errors" role="alert" id="form-errors"><h2>${title}</h2><ul>${errors.map(
    (error) => html`<li><code>${error.path}</code>: ${error.message}</li>`,
  )}</ul></div>`;
}

/**
 * A file field of a multipart form, or null when none was chosen.
 *
 * @example
 * ```ts
 * const file = fileOf((await c.req.parseBody()).file);
 * ```
 */
export const fileOf = (value: unknown): File | null =>
  value instanceof File && value.size > 0 ? value : null;

/**
 * A text field of a multipart or urlencoded form ("" when absent).
 *
 * @example
 * ```ts
 * const phase = textOf((await c.req.parseBody()).phase);
 * ```
 */
export const textOf = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
