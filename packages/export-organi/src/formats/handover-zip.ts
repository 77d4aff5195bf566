import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IncassoError } from "@incasso/core";
import JSZip from "jszip";
import { fields } from "../model/handover-fields.js";
import type { HandoverPackage } from "../model/handover-package.js";
import { HANDOVER_SCHEMA_VERSION } from "../model/handover-package.js";
import type { HandoverProfile } from "../profiles/handover-profile.js";
import { SCHEMA_DIR } from "../schema-dir.js";
import { handoverToCsv } from "./handover-csv.js";
import { handoverToJson } from "./handover-json.js";
import { handoverToXml } from "./handover-xml.js";
import { sha256Hex } from "./safe-file-name.js";

/**
 * The instant every entry of a handover ZIP carries (1 January 2000, 00:00 UTC), so that the same
 * package always gives the same bytes; the real time is `envelope.createdAt` in the data.
 *
 * @example
 * ```ts
 * import { ZIP_ENTRY_DATE } from "@incasso/export-organi";
 * ZIP_ENTRY_DATE.toISOString(); // "2000-01-01T00:00:00.000Z"
 * ```
 */
export const ZIP_ENTRY_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/**
 * A file of a handover package: its path in the ZIP, bytes, media type.
 *
 * @example
 * ```ts
 * import type { HandoverFile } from "@incasso/export-organi";
 * const file: HandoverFile = { path: "handover.json", bytes: new Uint8Array(), mediaType: "application/json" };
 * ```
 */
export interface HandoverFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

/**
 * The entry of one file in `manifest.json`.
 *
 * @example
 * ```ts
 * import type { ManifestEntry } from "@incasso/export-organi";
 * const line = (entry: ManifestEntry) => `${entry.sha256}  ${entry.path}`;
 * ```
 */
export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
}

/**
 * A handover ZIP: its bytes, their SHA-256 (what `bailiff.handover` records) and every file in it
 * with its SHA-256 (as `manifest.json` lists them, plus the manifest itself).
 *
 * @example
 * ```ts
 * import type { HandoverZip } from "@incasso/export-organi";
 * const name = (zip: HandoverZip) => `handover-${zip.sha256.slice(0, 12)}.zip`;
 * ```
 */
export interface HandoverZip {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly files: readonly ManifestEntry[];
}

const encoder = new TextEncoder();

function readme(handover: HandoverPackage, profile: HandoverProfile, paths: readonly string[]) {
  const e = handover.envelope;
  return [
    `Incasso bailiff handover package ${e.packageId}`,
    "",
    `Schema version ${HANDOVER_SCHEMA_VERSION}; profile ${profile.id} ${profile.version}.`,
    `From ${e.sender.name} (${e.sender.enterpriseNumber}) to ${e.bailiff.name}.`,
    `Phase: ${e.phase} (${e.instruction.kind}); legal basis: ${e.instruction.legalBasis}.`,
    `${e.caseCount} case(s), amounts as of ${e.cutOffDate}, total balance EUR ${e.totals.balance}.`,
    "",
    "Files:",
    ...paths.map((path) => `  ${path}`),
    "",
    "manifest.json lists every file with its SHA-256; check them before use.",
    "handover.json validates against schema/handover-1.0.schema.json (JSON Schema 2020-12),",
    "handover.xml against schema/handover-1.0.xsd. Every document is named by its case key.",
    "Please acknowledge with the Incasso acknowledgement format 1.0 (schema/acknowledgement-1.0.schema.json):",
    "your file number per case, accepted or refused with a reason, then status and payments.",
    "",
  ].join("\r\n");
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** General purpose flag bit 11 (APPNOTE 4.4.4): the entry's name and comment are UTF-8. */
const UTF8_NAMES = 0x0800;

/**
 * Sets the UTF-8 flag (bit 11) on every local and central header of a ZIP written without a
 * comment and without data descriptors, as jszip writes it here. jszip sets the flag only on a
 * name outside ASCII; the package's names are ASCII (see `safeFileName`), which reads the same in
 * UTF-8, and the flag says so to every unzip tool. The entries' data and CRCs are untouched.
 */
function markNamesUtf8(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY)
    throw new Error("handover ZIP: no end of central directory where expected");
  const count = view.getUint16(end + 10, true);
  let central = view.getUint32(end + 16, true);
  for (let entry = 0; entry < count; entry++) {
    if (view.getUint32(central, true) !== CENTRAL_HEADER)
      throw new Error(`handover ZIP: no central header at ${central}`);
    view.setUint16(central + 8, view.getUint16(central + 8, true) | UTF8_NAMES, true);
    const local = view.getUint32(central + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER)
      throw new Error(`handover ZIP: no local header at ${local}`);
    view.setUint16(local + 6, view.getUint16(local + 6, true) | UTF8_NAMES, true);
    central +=
      46 +
      view.getUint16(central + 28, true) +
      view.getUint16(central + 30, true) +
      view.getUint16(central + 32, true);
  }
  return zip;
}

/**
 * Writes a handover package as a byte-stable ZIP: the data files the profile asks for
 * (`handover.json`, `handover.xml`, `handover.csv` under the profile's names), the schemas beside
 * them, the documents, a `README.txt`, and `manifest.json` listing every other file with its
 * SHA-256, size and media type. Entries are sorted by path, carry {@link ZIP_ENTRY_DATE}, names
 * flagged UTF-8 (general purpose bit 11, on every entry), no folder entries, regular files with
 * Unix permissions 0644, and DEFLATE level 6 (jszip's bundled pako, the same on every platform): the same package
 * gives the same bytes. File names are checked to be safe (no `..`, no absolute path, nothing but
 * `A-Z a-z 0-9 . _ - /`); two files with one name are refused.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROFILE, writeHandoverZip, type HandoverPackage } from "@incasso/export-organi";
 * declare const handover: HandoverPackage;
 * const zip = await writeHandoverZip(handover, DEFAULT_PROFILE, []);
 * zip.sha256;
 * ```
 */
export async function writeHandoverZip(
  handover: HandoverPackage,
  profile: HandoverProfile,
  documents: readonly HandoverFile[],
): Promise<HandoverZip> {
  const files: HandoverFile[] = [];
  const text = (path: string, content: string, mediaType: string) =>
    files.push({ path, bytes: encoder.encode(content), mediaType });
  const shipped = (name: string, mediaType: string) =>
    files.push({
      path: `schema/${name}`,
      bytes: new Uint8Array(readFileSync(join(SCHEMA_DIR, name))),
      mediaType,
    });
  if (profile.files.json) {
    text(profile.fileNames.json, handoverToJson(handover), "application/json");
    shipped(`handover-${HANDOVER_SCHEMA_VERSION}.schema.json`, "application/schema+json");
  }
  if (profile.files.xml) {
    text(profile.fileNames.xml, handoverToXml(handover), "application/xml");
    shipped(`handover-${HANDOVER_SCHEMA_VERSION}.xsd`, "application/xml");
  }
  if (profile.files.csv) text(profile.fileNames.csv, handoverToCsv(handover, profile), "text/csv");
  shipped("acknowledgement-1.0.schema.json", "application/schema+json");
  if (profile.files.documents) files.push(...documents);
  const paths = [...files.map((file) => file.path), "README.txt", "manifest.json"].sort();
  text("README.txt", readme(handover, profile, paths), "text/plain");
  const seen = new Set<string>();
  for (const file of files) {
    if (!fields.fileName.safeParse(file.path).success)
      throw new IncassoError(
        "INVALID_INPUT",
        `files: unsafe file name ${JSON.stringify(file.path)}`,
        [
          {
            path: "files",
            message: `expected a safe file name (got ${JSON.stringify(file.path)})`,
          },
        ],
      );
    if (seen.has(file.path) || file.path === "manifest.json")
      throw new IncassoError("INVALID_INPUT", `files: ${file.path} appears twice`, [
        { path: "files", message: `expected one file named ${file.path}` },
      ]);
    seen.add(file.path);
  }
  const entries: ManifestEntry[] = files
    .map((file) => ({
      path: file.path,
      sha256: sha256Hex(file.bytes),
      size: file.bytes.length,
      mediaType: file.mediaType,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = {
    format: "incasso-bailiff-handover",
    schemaVersion: HANDOVER_SCHEMA_VERSION,
    packageId: handover.envelope.packageId,
    createdAt: handover.envelope.createdAt,
    profile: { id: profile.id, version: profile.version },
    files: entries,
  };
  const manifestBytes = encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const all = [
    ...files,
    { path: "manifest.json", bytes: manifestBytes, mediaType: "application/json" },
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const zip = new JSZip();
  for (const file of all)
    zip.file(file.path, file.bytes, {
      binary: true,
      date: ZIP_ENTRY_DATE,
      createFolders: false,
      // A regular file (S_IFREG) with permissions 0644.
      unixPermissions: 0o100644,
    });
  const bytes = markNamesUtf8(
    await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 6 },
      platform: "UNIX",
      streamFiles: false,
    }),
  );
  return {
    bytes,
    sha256: sha256Hex(bytes),
    files: [
      ...entries,
      {
        path: "manifest.json",
        sha256: sha256Hex(manifestBytes),
        size: manifestBytes.length,
        mediaType: "application/json",
      },
    ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}
