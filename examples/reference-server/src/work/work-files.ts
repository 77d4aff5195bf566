// Where the work pages keep files in the data directory, one folder per tenant: the clients' files
// uploaded for an import (kept by their SHA-256 so the apply reads the very bytes the dry run
// checked), the import profiles, and the import results.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { IncassoError } from "@incasso/core";
import type { ImportProfile } from "@incasso/import-csv";
import { parseImportProfile } from "@incasso/import-csv";
import { z } from "zod";
import type { FieldError } from "../api/problem.js";
import { fieldErrors } from "../api/problem.js";
import type { SessionUser } from "../context.js";

/**
 * A SHA-256 in hex, the name an upload is kept under.
 *
 * @example
 * ```ts
 * UPLOAD_TOKEN.test("0".repeat(64)); // true
 * ```
 */
export const UPLOAD_TOKEN = /^[0-9a-f]{64}$/;

/** A tenant id made safe as a folder name. */
const folderOf = (tenantId: string) => tenantId.replace(/[^A-Za-z0-9._-]/g, "_");

/**
 * The folder of one tenant's work files of one kind (`uploads`, `import-profiles`, `results`),
 * made when absent.
 *
 * @example
 * ```ts
 * const dir = await workDir("/srv/incasso", "firm-1", "uploads"); // /srv/incasso/work/firm-1/uploads
 * ```
 */
export async function workDir(dataDir: string, tenantId: string, kind: string): Promise<string> {
  const dir = join(dataDir, "work", folderOf(tenantId), kind);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Keeps an uploaded file under its SHA-256 and answers that hash (the token a later step names
 * the file by).
 *
 * @example
 * ```ts
 * const token = await keepUpload("/srv/incasso", "firm-1", new TextEncoder().encode("a;b\n"));
 * ```
 */
export async function keepUpload(
  dataDir: string,
  tenantId: string,
  bytes: Uint8Array,
): Promise<string> {
  const token = createHash("sha256").update(bytes).digest("hex");
  await writeFile(join(await workDir(dataDir, tenantId, "uploads"), token), bytes);
  return token;
}

/**
 * Reads back a file kept by {@link keepUpload}; null when the token is malformed or unknown.
 *
 * @example
 * ```ts
 * const bytes = await readUpload("/srv/incasso", "firm-1", token);
 * ```
 */
export async function readUpload(
  dataDir: string,
  tenantId: string,
  token: string,
): Promise<Uint8Array | null> {
  if (!UPLOAD_TOKEN.test(token)) return null;
  try {
    return new Uint8Array(await readFile(join(await workDir(dataDir, tenantId, "uploads"), token)));
  } catch {
    return null;
  }
}

/**
 * The field errors of an input error: the issues of a zod error or an `IncassoError` (each naming
 * its field), or
 * the message of any other error under `root`.
 *
 * @example
 * ```ts
 * errorsOf(new Error("boom"), "file"); // [{ path: "file", message: "boom" }]
 * ```
 */
export function errorsOf(error: unknown, root: string): FieldError[] {
  if (error instanceof z.ZodError) return fieldErrors(error, root);
  if (error instanceof IncassoError && error.issues.length > 0)
    return error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  return [{ path: root, message: error instanceof Error ? error.message : String(error) }];
}

/**
 * Validates an import profile (the import-csv schema) and keeps it in the tenant's profiles under
 * its id. Throws the schema's `IncassoError` naming the field (`profile.columns.amount`, ...).
 *
 * @example
 * ```ts
 * const profile = await saveProfile("/srv/incasso", "firm-1", JSON.parse(text));
 * ```
 */
export async function saveProfile(
  dataDir: string,
  tenantId: string,
  input: unknown,
): Promise<ImportProfile> {
  const profile = parseImportProfile(input);
  const dir = await workDir(dataDir, tenantId, "import-profiles");
  await writeFile(
    join(dir, `${encodeURIComponent(profile.id)}.json`),
    `${JSON.stringify(input, null, 2)}\n`,
  );
  return profile;
}

/**
 * The tenant's import profiles, by id, as kept (the JSON as uploaded) and as read.
 *
 * @example
 * ```ts
 * for (const { profile } of await listProfiles("/srv/incasso", "firm-1")) console.log(profile.id);
 * ```
 */
export async function listProfiles(
  dataDir: string,
  tenantId: string,
): Promise<{ readonly json: unknown; readonly profile: ImportProfile }[]> {
  const dir = await workDir(dataDir, tenantId, "import-profiles");
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  const profiles: { json: unknown; profile: ImportProfile }[] = [];
  for (const name of names) {
    try {
      const json: unknown = JSON.parse(await readFile(join(dir, name), "utf8"));
      profiles.push({ json, profile: parseImportProfile(json) });
    } catch {
      // A file that is no longer a valid profile is left out of the picker.
    }
  }
  return profiles;
}

/**
 * One import profile of the tenant by id, or null.
 *
 * @example
 * ```ts
 * const found = await findProfile("/srv/incasso", "firm-1", "bakkerij-peeters-cases");
 * ```
 */
export async function findProfile(
  dataDir: string,
  tenantId: string,
  id: string,
): Promise<{ readonly json: unknown; readonly profile: ImportProfile } | null> {
  return (await listProfiles(dataDir, tenantId)).find((entry) => entry.profile.id === id) ?? null;
}

/**
 * Who a user is in the events and batches the work pages write: the user's e-mail address.
 *
 * @example
 * ```ts
 * actorOf(user); // "an.peeters@firm.be"
 * ```
 */
export const actorOf = (user: SessionUser): string => user.email;
