import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { LetterContext } from "@incasso/core";
import {
  formatAmount,
  formatIban,
  formatLetterDate,
  IncassoError,
  isValidIban,
  Money,
  parseIsoDate,
} from "@incasso/core";
import { Liquid, Tag } from "liquidjs";
import { qrSvg } from "./qr-code.js";
import { TEMPLATE_DIR } from "./template-dir.js";

/**
 * The limits a letter template renders within. A template that exceeds one is refused
 * (`TEMPLATE_REFUSED`), never cut short.
 *
 * @example
 * ```ts
 * import type { TemplateLimits } from "@incasso/documents";
 * const limits: TemplateLimits = { renderMilliseconds: 500 };
 * ```
 */
export interface TemplateLimits {
  /** The largest template source, in characters (default 200,000). */
  readonly templateCharacters?: number;
  /** The longest render, in milliseconds (default 2,000). */
  readonly renderMilliseconds?: number;
  /** The most memory the template's own strings and arrays may take, in LiquidJS units (default 10,000,000). */
  readonly memory?: number;
  /** The largest rendered output, in characters (default 5,000,000). */
  readonly outputCharacters?: number;
}

/**
 * How the sandboxed template engine is made: the render limits and the host's own partials (by
 * name, such as `"firm/letterhead"`), added to the package's (`partials/letter`, ...). Partials
 * are held in memory: a template never reads a file.
 *
 * @example
 * ```ts
 * import type { TemplateEngineOptions } from "@incasso/documents";
 * const options: TemplateEngineOptions = { partials: { "firm/footer": "<p>{{ creditor.name }}</p>" } };
 * ```
 */
export interface TemplateEngineOptions {
  readonly limits?: TemplateLimits;
  readonly partials?: Readonly<Record<string, string>>;
}

/** The package's partials, read once from its `templates/partials` folder. */
function packagePartials(): Record<string, string> {
  const root = join(TEMPLATE_DIR, "partials");
  const partials: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".liquid"))
        partials[
          `partials/${relative(root, path)
            .split(sep)
            .join("/")
            .replace(/\.liquid$/, "")}`
        ] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return partials;
}

let cachedPartials: Record<string, string> | undefined;

/**
 * A LiquidJS engine in which a letter template can only read its context: strict variables and
 * filters (a name the context lacks is an error, not an empty string), own properties only (no
 * `constructor`, no prototype), partials from memory only (the package's and the host's, never
 * the disk), render limits, and the letter filters. `escape` says whether output is HTML-escaped
 * (for HTML and PDF) or not (for plain text).
 */
export function createTemplateEngine(
  escapeHtml: boolean,
  options: TemplateEngineOptions = {},
): Liquid {
  cachedPartials ??= packagePartials();
  const limits = options.limits ?? {};
  const templates: Record<string, string> = { ...cachedPartials, ...(options.partials ?? {}) };
  const engine = new Liquid({
    templates,
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    lenientIf: true,
    relativeReference: false,
    jsTruthy: false,
    greedy: true,
    ...(escapeHtml ? { outputEscape: "escape" as const } : {}),
    parseLimit: limits.templateCharacters ?? 200_000,
    renderLimit: limits.renderMilliseconds ?? 2_000,
    memoryLimit: limits.memory ?? 10_000_000,
  });
  registerLetterFilters(engine);
  engine.registerTag("epc_qr", EpcQrTag);
  return engine;
}

/** The letter context a filter sees: the scope's own `locale` and `language`. */
function scopeOf(filter: {
  context: { getAll(): object };
}): Pick<LetterContext, "locale" | "language"> {
  const all = filter.context.getAll() as Partial<LetterContext>;
  return { locale: all.locale ?? "en", language: all.language ?? "en" };
}

function registerLetterFilters(engine: Liquid): void {
  // The context is formatted already; the filters accept its objects ({ value, text }) and give
  // their text, or format a bare value in the letter's locale.
  engine.registerFilter("amount", function (this: { context: { getAll(): object } }, value) {
    if (isText(value)) return value.text;
    if (typeof value === "string" || typeof value === "number")
      return formatAmount(Money.of(String(value), "EUR"), { locale: scopeOf(this).locale });
    throw refusedFilter("amount", value);
  });
  engine.registerFilter("day", function (this: { context: { getAll(): object } }, value) {
    if (isText(value)) return value.text;
    if (typeof value === "string")
      return formatLetterDate(parseIsoDate(value), scopeOf(this).language);
    throw refusedFilter("day", value);
  });
  engine.registerFilter("reference", (value) => {
    if (value === null || value === undefined) return "";
    if (isText(value)) return value.text;
    throw refusedFilter("reference", value);
  });
  engine.registerFilter("iban", (value) => {
    if (typeof value === "string" && isValidIban(value.replace(/\s+/g, "")))
      return formatIban(value);
    throw refusedFilter("iban", value);
  });
  engine.registerFilter("lines", (value) => {
    if (Array.isArray(value) && value.every((line) => typeof line === "string"))
      return value.join(", ");
    throw refusedFilter("lines", value);
  });
}

function isText(value: unknown): value is { text: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.hasOwn(value, "text") &&
    typeof (value as { text: unknown }).text === "string"
  );
}

function refusedFilter(name: string, value: unknown): Error {
  return new Error(
    `filter ${name}: expected an amount, date or reference of the letter context (got ${typeof value})`,
  );
}

/**
 * `{% epc_qr %}`: the EPC QR code of the letter's context as an inline SVG (nothing when the
 * letter has none), drawn from the payload's bytes at error correction M.
 */
class EpcQrTag extends Tag {
  render(ctx: { getAll(): object }, emitter: { write(html: string): void }): void {
    const payload = (ctx.getAll() as Partial<LetterContext>).epcQr;
    if (payload != null) emitter.write(qrSvg(payload.bytes));
  }
}

/**
 * Renders a template in the sandbox, turning LiquidJS's errors (a parse error, an undefined
 * variable or filter, a limit) and an output over the limit into `TEMPLATE_REFUSED` naming the
 * template.
 */
export async function renderSandboxed(
  engine: Liquid,
  name: string,
  source: string,
  scope: object,
  limits: TemplateLimits = {},
): Promise<string> {
  let output: string;
  try {
    const parsed = engine.parse(source);
    output = await engine.render(parsed, scope);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new IncassoError(
      "TEMPLATE_REFUSED",
      `template ${JSON.stringify(name)} refused: ${message}`,
      [{ path: `template.${name}`, message }],
    );
  }
  const most = limits.outputCharacters ?? 5_000_000;
  if (output.length > most)
    throw new IncassoError(
      "TEMPLATE_REFUSED",
      `template ${JSON.stringify(name)} refused: its output exceeds ${most} characters`,
      [{ path: `template.${name}`, message: `expected at most ${most} characters of output` }],
    );
  return output;
}
