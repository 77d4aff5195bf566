const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  euro: "€",
};

/**
 * The words of an HTML letter as the debtor reads them: the body's text without the head, styles,
 * scripts and SVG drawings, tags turned into spaces (blocks into line breaks), entities decoded,
 * runs of blank space collapsed. This is the text the legal checks read.
 *
 * @example
 * ```ts
 * import { htmlText } from "@incasso/documents";
 * htmlText("<p>Te betalen: <b>&euro; 10,00</b></p>"); // "Te betalen: € 10,00"
 * ```
 */
export function htmlText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/gi, " ")
    .replace(/<(style|script|svg|template)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<\/?(p|div|tr|h[1-6]|li|br|table|section|header|footer|address)\b[^>]*>/gi, "\n")
    .replace(/<\/?(td|th|dt|dd|li|ul|ol|dl|tbody|thead|tfoot)\b[^>]*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X"))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\r]+/g, " ")
    .replace(/ ?\n[ \n]*/g, "\n")
    .trim();
}
