// The browser of the browser tests: Debian's Chromium driven by playwright-core, headless with the
// switches the PDF renderer uses, a sign-in helper, axe-core run inside a page, and a keyboard walk.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { CHROMIUM_ARGS } from "@incasso/documents";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import type { DemoLogin } from "../../src/demo/logins.js";

/** Where Debian installs Chromium (CI installs it with apt-get). */
export const CHROMIUM = process.env.INCASSO_CHROMIUM ?? "/usr/bin/chromium";

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
    headless: true,
    chromiumSandbox: false,
  });
}

/** A browser context on the test server (its own cookies), with downloads allowed. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
}

/** Signs a demo user in through the login form, as a person would. */
export async function signIn(page: Page, login: DemoLogin): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/e-mail/i).fill(login.email);
  await page.getByLabel(/password|wachtwoord|mot de passe/i).fill(login.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    page.keyboard.press("Enter"),
  ]);
}

let axeSource: string | undefined;

/** One axe-core violation, as the tests report it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's
 * Content-Security-Policy needs no exception) and answers the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  }
  const loaded = await page.evaluate("typeof window.axe");
  if (loaded !== "object") await page.evaluate(axeSource);
  const violations = (await page.evaluate(`window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }).then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    })))`)) as AxeViolation[];
  return violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
}

/** What the keyboard reached: each focused element's tag, name and whether its focus is visible. */
export interface FocusStop {
  readonly tag: string;
  readonly text: string;
  readonly visible: boolean;
}

/**
 * Presses Tab `count` times from the top of the page and answers each element that got focus,
 * with whether a focus indicator shows (`:focus-visible` with an outline or a box shadow).
 */
export async function tabThrough(page: Page, count: number): Promise<FocusStop[]> {
  await page.evaluate(
    "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)",
  );
  const stops: FocusStop[] = [];
  for (let index = 0; index < count; index++) {
    await page.keyboard.press("Tab");
    const stop = (await page.evaluate(`(() => {
      const element = document.activeElement;
      if (element === null || element === document.body) return null;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== "none";
      return {
        tag: element.tagName.toLowerCase(),
        text: (element.getAttribute("aria-label") || element.textContent || element.getAttribute("name") || "").trim().slice(0, 60),
        visible: element.matches(":focus-visible") && (outline || shadow),
      };
    })()`)) as FocusStop | null;
    if (stop !== null) stops.push(stop);
  }
  return stops;
}

/**
 * The form controls of the page that have no accessible name from a label (a `<label for>`, a
 * wrapping label, `aria-label` or `aria-labelledby`); hidden inputs and buttons with text excepted.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`Array.from(document.querySelectorAll("input, select, textarea"))
    .filter((element) => element.type !== "hidden" && element.type !== "submit" && element.type !== "button")
    .filter((element) => !(element.labels && element.labels.length > 0)
      && !element.getAttribute("aria-label") && !element.getAttribute("aria-labelledby"))
    .map((element) => element.outerHTML.slice(0, 120))`)) as string[];
}
