import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The public bank files beside the clone (../shared/external, see its SOURCES.md), read in place. */
export const EXTERNAL = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "..",
  "..",
  "shared",
  "external",
);

export function external(...path: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(EXTERNAL, ...path)));
}

export function externalText(...path: string[]): string {
  return readFileSync(join(EXTERNAL, ...path), "utf8");
}

/** Spaces collapsed and trimmed, to compare texts whose joining the sources disagree on. */
export function normalised(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/**
 * Reads a Python literal (the golden `.pydata` files: tuples, lists, dicts, strings with implicit
 * concatenation, numbers, True/False/None) into JSON values; tuples become arrays.
 */
export function parsePythonLiteral(source: string): PyValue {
  let i = 0;
  const skip = (): void => {
    while (i < source.length && /\s/.test(source[i] as string)) i += 1;
  };
  const str = (): string => {
    const quote = source[i] as string;
    i += 1;
    let out = "";
    while (source[i] !== quote) {
      const c = source[i] as string;
      if (c === "\\") {
        const n = source[i + 1] as string;
        out += n === "n" ? "\n" : n === "t" ? "\t" : n;
        i += 2;
      } else {
        out += c;
        i += 1;
      }
      if (i >= source.length) throw new Error("unterminated string");
    }
    i += 1;
    return out;
  };
  const value = (): PyValue => {
    skip();
    const c = source[i] as string;
    if (c === "'" || c === '"') {
      let s = str();
      skip();
      while (source[i] === "'" || source[i] === '"') {
        s += str();
        skip();
      }
      return s;
    }
    if (c === "[" || c === "(") {
      const close = c === "[" ? "]" : ")";
      i += 1;
      const items: PyValue[] = [];
      for (;;) {
        skip();
        if (source[i] === close) {
          i += 1;
          return items;
        }
        items.push(value());
        skip();
        if (source[i] === ",") i += 1;
      }
    }
    if (c === "{") {
      i += 1;
      const obj: { [key: string]: PyValue } = {};
      for (;;) {
        skip();
        if (source[i] === "}") {
          i += 1;
          return obj;
        }
        const key = String(value());
        skip();
        i += 1; // :
        obj[key] = value();
        skip();
        if (source[i] === ",") i += 1;
      }
    }
    const word = /^(True|False|None|-?\d+(\.\d+)?)/.exec(source.slice(i));
    if (word === null) throw new Error(`unexpected ${source.slice(i, i + 20)}`);
    i += word[0].length;
    if (word[0] === "True") return true;
    if (word[0] === "False") return false;
    if (word[0] === "None") return null;
    return Number(word[0]);
  };
  return value();
}

/** From a wolph/mt940 expected-output YAML: every transaction's amount, in order, as written. */
export function yamlTransactionAmounts(yaml: string): string[] {
  return yaml
    .split("- !!python/object:mt940.models.Transaction")
    .slice(1)
    .map((block) => {
      const m = /amount: !!python\/object\/apply:decimal\.Decimal\s*\n\s*- '([^']+)'/.exec(block);
      if (m === null) throw new Error("transaction without an amount");
      return m[1] as string;
    });
}

/** From the same YAML: the top-level `final_closing_balance` amount and the account identification. */
export function yamlSummary(yaml: string): {
  closing: string | null;
  opening: string | null;
  account: string | null;
} {
  const head = yaml.split("\ntransactions:")[0] ?? "";
  const amountAfter = (key: string): string | null => {
    const at = head.indexOf(`${key}:`);
    if (at === -1) return null;
    return /- '([^']+)'/.exec(head.slice(at))?.[1] ?? null;
  };
  return {
    closing: amountAfter("final_closing_balance"),
    opening: amountAfter("final_opening_balance"),
    account: /account_identification: '?([^'\n]+)'?/.exec(head)?.[1] ?? null,
  };
}
