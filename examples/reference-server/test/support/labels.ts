// The form check the page tests share: no id twice on a page, and every control a person fills in
// (not hidden, not a submit button) named by a <label for> or an aria-label.
import { expect } from "vitest";

/** Fails the test when an id repeats or a visible control has no label. */
export function checkLabels(page: string): void {
  const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  const labelled = new Set([...page.matchAll(/<label for="([^"]+)"/g)].map((match) => match[1]));
  for (const control of page.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attributes = control[2] ?? "";
    if (/type="(hidden|submit)"/.test(attributes)) continue;
    const id = / id="([^"]+)"/.exec(attributes)?.[1];
    expect(
      /aria-label="[^"]+"/.test(attributes) || (id !== undefined && labelled.has(id)),
      control[0],
    ).toBe(true);
  }
}
