import { createHash } from "node:crypto";

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * One segment of a file name made safe for every file system and every unzip tool: accents
 * folded to their letters, every character other than `A-Z a-z 0-9 . _ -` (slashes, `..`, control
 * characters, bidirectional overrides, spaces) made `-`, runs collapsed, no leading dot or dash,
 * no Windows device name, at most 100 characters. Nothing that can climb out of a folder or read
 * differently on screen survives; an empty result becomes `file`.
 *
 * @example
 * ```ts
 * import { safeFileName } from "@incasso/export-organi";
 * safeFileName("../../etc/passwd"); // "etc-passwd"
 * safeFileName("2026/00042"); // "2026-00042"
 * ```
 */
export function safeFileName(name: string): string {
  let safe = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/-{2,}/g, "-")
    .replace(/^[._-]+/, "")
    .replace(/[._-]+$/, "");
  if (safe.length > 100) safe = safe.slice(0, 100).replace(/[._-]+$/, "");
  if (safe === "") return "file";
  return WINDOWS_RESERVED.test(safe) ? `file-${safe}` : safe;
}

/**
 * The SHA-256 of bytes (or of a text as UTF-8) in lowercase hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "@incasso/export-organi";
 * sha256Hex("abc").slice(0, 8); // "ba7816bf"
 * ```
 */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
