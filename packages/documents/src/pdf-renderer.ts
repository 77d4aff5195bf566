import type { LetterContext } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import type { HtmlRendererOptions } from "./html-renderer.js";
import { createLetterFiller, refuseFormat } from "./html-renderer.js";
import { sha256Hex } from "./letter-checks.js";
import { LETTER_LABELS } from "./letter-layout.js";
import type { DocumentFormat, DocumentRenderer, RenderedDocument } from "./port.js";

/**
 * The options of the PDF renderer: those of the HTML renderer, plus the Chromium to run
 * (`executablePath`, default `$INCASSO_CHROMIUM` or Debian's `/usr/bin/chromium`), the number of
 * pages rendering at once (`pages`, default 2) and extra command-line switches.
 *
 * @example
 * ```ts
 * import type { PdfRendererOptions } from "@incasso/documents";
 * const options: PdfRendererOptions = { executablePath: "/usr/bin/chromium", pages: 4, layout: { addressWindow: "right" } };
 * ```
 */
export interface PdfRendererOptions extends HtmlRendererOptions {
  readonly executablePath?: string;
  readonly pages?: number;
  readonly launchArgs?: readonly string[];
}

/**
 * The switches Chromium runs with: headless, no sandbox (the renderer runs as a service user or
 * root in CI; the pages it opens have scripts off and every request refused), no GPU, and none of
 * Chromium's own network traffic (updates, sync, field trials), which a closed network refuses.
 *
 * @example
 * ```ts
 * import { CHROMIUM_ARGS } from "@incasso/documents";
 * CHROMIUM_ARGS.includes("--disable-gpu"); // true
 * ```
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--metrics-recording-only",
  "--mute-audio",
];

interface SharedBrowser {
  readonly browser: Promise<Browser>;
  users: number;
}

/** One browser per process and executable, shared by every PDF renderer of the process. */
const BROWSERS = new Map<string, SharedBrowser>();

function acquireBrowser(executablePath: string, args: readonly string[]): Promise<Browser> {
  const key = `${executablePath}\n${args.join(" ")}`;
  let shared = BROWSERS.get(key);
  if (shared === undefined) {
    const browser = chromium
      .launch({ executablePath, args: [...args], headless: true, chromiumSandbox: false })
      .catch((error: unknown) => {
        BROWSERS.delete(key);
        throw new IncassoError(
          "INVALID_INPUT",
          `pdf: Chromium could not be started from ${executablePath} (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); install it (Debian: apt-get install chromium) or pass executablePath`,
          [{ path: "executablePath", message: "expected a Chromium that starts" }],
        );
      });
    shared = { browser, users: 0 };
    BROWSERS.set(key, shared);
  }
  shared.users++;
  return shared.browser;
}

async function releaseBrowser(executablePath: string, args: readonly string[]): Promise<void> {
  const key = `${executablePath}\n${args.join(" ")}`;
  const shared = BROWSERS.get(key);
  if (shared === undefined) return;
  shared.users--;
  if (shared.users > 0) return;
  BROWSERS.delete(key);
  const browser = await shared.browser.catch(() => undefined);
  await browser?.close();
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * Chromium writes the time of rendering into the PDF (`/CreationDate`, `/ModDate`); they are set
 * to the letter's date, in place and at the same length, so that the same letter gives the same
 * bytes and the same SHA-256 on every run.
 */
function stampDates(pdf: Uint8Array, date: string): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  const day = date.replace(/-/g, "");
  const stamped = text.replace(
    /\/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)/g,
    (_whole, key: string, _time: string, zone: string) =>
      `/${key} (D:${day}000000${zone.length === 7 ? "+00'00'" : "Z".padEnd(zone.length, "0")})`,
  );
  return new Uint8Array(Buffer.from(stamped, "latin1"));
}

/**
 * The PDF adapter of the document port (it also makes `html` and `text`): the letter filled and
 * checked as by the HTML renderer, then printed by headless Chromium through `playwright-core`:
 * A4, the letterhead, the address where a window envelope shows it, the page number and total on
 * every page, statement tables whose header repeats on every page and whose rows never split,
 * fonts embedded, the EPC QR code drawn as vectors. One browser per process, shared by every
 * renderer, started at the first PDF; a pool of `pages` pages (scripts off, every network request
 * refused). `close()` gives the browser back (it ends when its last renderer closes).
 *
 * @example
 * ```ts
 * import { createPdfRenderer, starterTemplate } from "@incasso/documents";
 * import type { LetterContext } from "@incasso/core";
 * declare const context: LetterContext;
 * const renderer = createPdfRenderer({ executablePath: "/usr/bin/chromium" });
 * const pdf = await renderer.render(starterTemplate("letter14", "nl"), context, "pdf");
 * await renderer.close();
 * ```
 */
export function createPdfRenderer(options: PdfRendererOptions = {}): DocumentRenderer {
  const filler = createLetterFiller(options);
  const formats: readonly DocumentFormat[] = ["pdf", "html", "text"];
  const executablePath =
    options.executablePath ?? process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium";
  const args = options.launchArgs ?? CHROMIUM_ARGS;
  const size = Math.max(1, Math.min(16, Math.floor(options.pages ?? 2)));
  let browser: Promise<Browser> | undefined;
  let context: Promise<BrowserContext> | undefined;
  const idle: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  let open = 0;
  let closed = false;

  const browserContext = (): Promise<BrowserContext> => {
    browser ??= acquireBrowser(executablePath, args);
    context ??= browser.then(async (running) => {
      const created = await running.newContext({ javaScriptEnabled: false, offline: true });
      // A letter reads nothing from outside: no file, no address, no font from the network.
      await created.route("**/*", (route) => route.abort("blockedbyclient"));
      return created;
    });
    return context;
  };

  const acquirePage = async (): Promise<Page> => {
    const page = idle.pop();
    if (page !== undefined) return page;
    if (open < size) {
      open++;
      try {
        return await (await browserContext()).newPage();
      } catch (error) {
        open--;
        throw error;
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const releasePage = (page: Page) => {
    const next = waiting.shift();
    if (next !== undefined) next(page);
    else idle.push(page);
  };

  const print = async (html: string, letter: LetterContext): Promise<Uint8Array> => {
    const page = await acquirePage();
    try {
      await page.setContent(html, { waitUntil: "load" });
      const labels = LETTER_LABELS[letter.language];
      const pdf = await page.pdf({
        format: "A4",
        preferCSSPageSize: true,
        printBackground: true,
        tagged: false,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="width:100%;margin:0 20mm;font:7pt 'Liberation Sans','DejaVu Sans',sans-serif;color:#444;display:flex;justify-content:space-between"><span>${escapeHtml(letter.creditor.name)} · ${escapeHtml(letter.references.ours)}</span><span>${escapeHtml(labels.page)} <span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`,
      });
      return stampDates(new Uint8Array(pdf), letter.date.value);
    } finally {
      releasePage(page);
    }
  };

  return {
    formats,
    async render(template, letter, format): Promise<RenderedDocument> {
      if (closed)
        throw new IncassoError("INVALID_INPUT", "pdf: the renderer was closed", [
          { path: "renderer", message: "expected an open renderer" },
        ]);
      if (format !== "pdf" && format !== "html" && format !== "text")
        return refuseFormat(formats, format);
      const filled = await filler.fill(template, letter, format === "text" ? "text" : "html");
      const bytes =
        format === "pdf"
          ? await print(filled.output, letter)
          : new TextEncoder().encode(filled.output);
      return {
        format,
        bytes,
        mediaType:
          format === "pdf"
            ? "application/pdf"
            : format === "html"
              ? "text/html; charset=utf-8"
              : "text/plain; charset=utf-8",
        text: filled.text,
        sha256: sha256Hex(bytes),
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (context !== undefined) await (await context.catch(() => undefined))?.close();
      if (browser !== undefined) await releaseBrowser(executablePath, args);
    },
  };
}
