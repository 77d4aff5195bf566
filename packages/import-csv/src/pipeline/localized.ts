import type { LocalizedText } from "../records.js";

/** A message of the pipeline in Dutch, French and English. */
export function say(nl: string, fr: string, en: string): LocalizedText {
  return { nl, fr, en };
}
