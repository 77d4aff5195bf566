// Reads an `.eml` file for display: the main headers (encoded words decoded), the text part, and
// the attachments. Handles multipart bodies, base64, quoted-printable and 7/8-bit parts.

/** A kept e-mail as the /mail page shows it. */
export interface ReadEmail {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly date: string;
  readonly text: string;
  readonly attachments: readonly { filename: string; contentType: string; content: Uint8Array }[];
}

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

function splitPart(bytes: Buffer): Part {
  const text = bytes.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const head = end === -1 ? text : text.slice(0, end);
  const bodyStart =
    end === -1 ? text.length : end + (/^\r?\n\r?\n/.exec(text.slice(end))?.[0].length ?? 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: bytes.subarray(Buffer.byteLength(text.slice(0, bodyStart), "latin1")) };
}

const param = (header: string | undefined, name: string): string | undefined => {
  const match = new RegExp(`${name}\\*?=("([^"]*)"|[^;\\s]+)`, "i").exec(header ?? "");
  return match === null ? undefined : (match[2] ?? match[1]);
};

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value.
 *
 * @example
 * ```ts
 * decodeWords("=?UTF-8?B?w6A=?="); // "à"
 * ```
 */
export function decodeWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, "$1$2");
  const latin = Buffer.from(joined, "latin1").toString("utf8");
  return latin.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_whole, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === "B" ? Buffer.from(data, "base64") : decodeQ(data.replace(/_/g, " "));
      return new TextDecoder(charset.toLowerCase() === "utf-8" ? "utf-8" : "latin1").decode(bytes);
    },
  );
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64")
    return Buffer.from(part.body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  if (encoding === "quoted-printable")
    return decodeQ(part.body.toString("latin1").replace(/=\r?\n/g, ""));
  return part.body;
}

function walk(
  part: Part,
  found: { text: string[]; html: string[]; attachments: ReadEmail["attachments"][number][] },
): void {
  const type = part.headers.get("content-type") ?? "text/plain";
  const mime = type.split(";")[0]?.trim().toLowerCase() ?? "text/plain";
  if (mime.startsWith("multipart/")) {
    const boundary = param(type, "boundary");
    if (boundary === undefined) return;
    const text = part.body.toString("latin1");
    const pieces = text.split(
      new RegExp(
        `\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*\\r?\\n?`,
      ),
    );
    for (const piece of pieces.slice(1)) {
      if (piece.trim() === "") continue;
      walk(splitPart(Buffer.from(piece, "latin1")), found);
    }
    return;
  }
  const disposition = part.headers.get("content-disposition") ?? "";
  const filename = param(disposition, "filename") ?? param(type, "name");
  const content = decodeBody(part);
  if (filename !== undefined || disposition.toLowerCase().startsWith("attachment")) {
    found.attachments.push({
      filename: decodeWords(filename ?? "attachment"),
      contentType: mime,
      content: new Uint8Array(content),
    });
    return;
  }
  const charset = (param(type, "charset") ?? "utf-8").toLowerCase();
  const decoded = new TextDecoder(
    charset === "utf-8" || charset === "utf8" ? "utf-8" : "latin1",
  ).decode(content);
  if (mime === "text/plain") found.text.push(decoded);
  else if (mime === "text/html") found.html.push(decoded);
}

/**
 * Reads an `.eml` file.
 *
 * @example
 * ```ts
 * const mail = readEml(await readFile("incasso-data/mail/be-firm/…eml"));
 * ```
 */
export function readEml(bytes: Uint8Array): ReadEmail {
  const root = splitPart(Buffer.from(bytes));
  const found = {
    text: [] as string[],
    html: [] as string[],
    attachments: [] as ReadEmail["attachments"][number][],
  };
  walk(root, found);
  const header = (name: string) => decodeWords(root.headers.get(name) ?? "");
  return {
    messageId: header("message-id"),
    from: header("from"),
    to: header("to"),
    subject: header("subject"),
    date: header("date"),
    text: found.text.join("\n") || found.html.join("\n").replace(/<[^>]*>/g, " "),
    attachments: found.attachments,
  };
}
