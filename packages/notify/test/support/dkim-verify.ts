/**
 * Test support: checks a DKIM-Signature (RFC 6376) of a raw message against a public key, with
 * relaxed/relaxed or simple/simple canonicalization and rsa-sha256, as a receiving server
 * does, so a test proves the signature verifies (not only that a header is there).
 *
 * @example
 * ```ts
 * const result = verifyDkim(raw, publicKeyPem); // { valid: true, domain: "peeters.example", selector: "mail2026" }
 * ```
 */
import { createHash, createVerify } from "node:crypto";

/** What the check found: whether both the body hash and the signature hold, and the d= and s=. */
export interface DkimCheck {
  readonly valid: boolean;
  readonly bodyHashMatches: boolean;
  readonly domain: string;
  readonly selector: string;
}

function splitMessage(raw: Buffer): { headerLines: string[]; body: string } {
  const text = raw.toString("binary");
  const end = text.indexOf("\r\n\r\n");
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? "" : text.slice(end + 4);
  // Unfold into one entry per header field, keeping the original folding for "simple".
  const headerLines: string[] = [];
  for (const line of head.split("\r\n")) {
    if (/^[ \t]/.test(line) && headerLines.length > 0)
      headerLines[headerLines.length - 1] += `\r\n${line}`;
    else headerLines.push(line);
  }
  return { headerLines, body };
}

const relaxedHeader = (field: string): string => {
  const colon = field.indexOf(":");
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r\n/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
  return `${name}:${value}`;
};

const relaxedBody = (body: string): string => {
  const lines = body.split("\r\n").map((line) => line.replace(/[ \t]+/g, " ").replace(/ $/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? "" : `${lines.join("\r\n")}\r\n`;
};

const simpleBody = (body: string): string => {
  let text = body;
  while (text.endsWith("\r\n\r\n")) text = text.slice(0, -2);
  if (text === "") return "\r\n";
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
};

/**
 * Verifies the first DKIM-Signature of a raw message with the signer's public key (PEM).
 *
 * @example
 * ```ts
 * verifyDkim(raw, publicKeyPem).valid; // true
 * ```
 */
export function verifyDkim(raw: Buffer, publicKeyPem: string): DkimCheck {
  const { headerLines, body } = splitMessage(raw);
  const signatureField = headerLines.find((line) => /^dkim-signature:/i.test(line));
  if (signatureField === undefined) throw new Error("the message has no DKIM-Signature");
  const tags = new Map<string, string>();
  for (const part of signatureField.slice(signatureField.indexOf(":") + 1).split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    tags.set(part.slice(0, eq).replace(/\s+/g, ""), part.slice(eq + 1).replace(/\s+/g, ""));
  }
  if (tags.get("a") !== "rsa-sha256") throw new Error(`unsupported algorithm ${tags.get("a")}`);
  const [headerCanon, bodyCanon] = (tags.get("c") ?? "simple/simple").split("/");
  const canonicalBody =
    (bodyCanon ?? "simple") === "relaxed" ? relaxedBody(body) : simpleBody(body);
  const bodyHash = createHash("sha256").update(canonicalBody, "binary").digest("base64");
  const bodyHashMatches = bodyHash === tags.get("bh");

  const canonHeader = (field: string) => (headerCanon === "relaxed" ? relaxedHeader(field) : field);
  // Each name in h= takes the last unused instance of that header, from the bottom up.
  const used = new Set<number>();
  const signed: string[] = [];
  for (const name of (tags.get("h") ?? "").split(":")) {
    for (let i = headerLines.length - 1; i >= 0; i--) {
      const line = headerLines[i] as string;
      if (
        used.has(i) ||
        line.slice(0, line.indexOf(":")).trim().toLowerCase() !== name.toLowerCase()
      )
        continue;
      used.add(i);
      signed.push(`${canonHeader(line)}\r\n`);
      break;
    }
  }
  const withoutB = signatureField.replace(/(;[ \t\r\n]*b=)[^;]*/, "$1");
  signed.push(canonHeader(withoutB));
  const verifier = createVerify("RSA-SHA256");
  verifier.update(signed.join(""), "binary");
  const signatureValid = verifier.verify(publicKeyPem, tags.get("b") ?? "", "base64");
  return {
    valid: bodyHashMatches && signatureValid,
    bodyHashMatches,
    domain: tags.get("d") ?? "",
    selector: tags.get("s") ?? "",
  };
}
