// Handover to a bailiff office for the work page and the API, as `incasso export bailiff` runs it:
// the selection, the office and its profile, the phase, the sending firm; the package kept in the
// data directory for download; the office's acknowledgement read back.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreScope } from "@incasso/core";
import { starterTemplate } from "@incasso/documents";
import type { AcknowledgementOutcome, BailiffExport, HandoverPhase } from "@incasso/export-organi";
import {
  assertProfileConfirmed,
  BUILT_IN_PROFILES,
  bailiffOfficeSchema,
  exportToBailiff,
  importAcknowledgement,
  parseAcknowledgement,
  senderFirmSchema,
} from "@incasso/export-organi";
import { z } from "zod";
import type { ServerServices, SessionUser } from "../context.js";
import { actorOf, workDir } from "./work-files.js";

/**
 * The ZIP names the exporter gives (`<package id>_<office id>.zip`).
 *
 * @example
 * ```ts
 * PACKAGE_FILE.test("HO-0123456789abcdef0123456789abcdef_dewolf.zip"); // true
 * ```
 */
export const PACKAGE_FILE = /^HO-[0-9a-f]{32}_[A-Za-z0-9._-]{1,64}\.zip$/;

/**
 * What a handover asks: the cases (by number), the office and its profile, the phase, the sending
 * firm and the cut-off date; checked with the exporter's own schemas for office and sender.
 *
 * @example
 * ```ts
 * handoverRequestSchema.parse({ caseNumbers: ["2026/00042"], office: { id: "dewolf", name: "De Wolf" },
 *   sender: { name: "De Smet", enterpriseNumber: "0566.988.259" }, phase: "amicable", profile: "default", cutOff: "2026-11-27" });
 * ```
 */
export const handoverRequestSchema = z.strictObject({
  caseNumbers: z
    .array(z.string().trim().min(1).max(200))
    .min(1, { message: "expected at least one case" })
    .max(1000),
  office: bailiffOfficeSchema,
  sender: senderFirmSchema,
  phase: z.enum(["amicable", "summary-procedure", "enforcement"]),
  profile: z.string().min(1).max(64).default("default"),
  cutOff: z.iso.date({ message: "expected a date YYYY-MM-DD" }),
  resendReason: z.string().min(1).max(1000).optional(),
});

/**
 * A handover request (see {@link handoverRequestSchema}).
 *
 * @example
 * ```ts
 * const request: HandoverRequest = { caseNumbers: ["2026/00042"], office: { id: "dewolf", name: "De Wolf" },
 *   sender: { name: "De Smet", enterpriseNumber: "0566.988.259" }, phase: "amicable", cutOff: "2026-11-27" };
 * ```
 */
export type HandoverRequest = z.input<typeof handoverRequestSchema>;

/**
 * The office profiles a handover may name: the exporter's built-in ones.
 *
 * @example
 * ```ts
 * PROFILE_IDS.includes("default"); // true
 * ```
 */
export const PROFILE_IDS: readonly string[] = Object.keys(BUILT_IN_PROFILES);

/**
 * Makes the handover package and records the handover on each case; the ZIP is kept in the
 * tenant's folder for download. Refused cases come back with their code and reason. A profile
 * that is not confirmed (the Organi placeholder) is an `IncassoError` before anything is read.
 *
 * @example
 * ```ts
 * const result = await handOver(services, scope, user, request);
 * result.refused.map((r) => `${r.caseNumber}: ${r.reason}`);
 * ```
 */
export async function handOver(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  input: HandoverRequest,
): Promise<BailiffExport> {
  const request = handoverRequestSchema.parse(input);
  const profile = BUILT_IN_PROFILES[request.profile];
  if (profile === undefined)
    throw new z.ZodError([
      {
        code: "custom",
        path: ["profile"],
        message: `expected one of ${PROFILE_IDS.join(", ")}`,
        input: request.profile,
      },
    ]);
  assertProfileConfirmed(profile);
  const renderer = services.renderer;
  const format = renderer.formats.includes("pdf") ? ("pdf" as const) : ("html" as const);
  const result = await exportToBailiff({
    store: services.store,
    scope,
    selection: { caseNumbers: request.caseNumbers },
    office: request.office,
    sender: request.sender,
    phase: request.phase as HandoverPhase,
    cutOff: request.cutOff,
    createdAt: services.now().toString(),
    by: actorOf(user),
    profile,
    ...(request.resendReason === undefined ? {} : { resend: { reason: request.resendReason } }),
    documents: {
      renderer,
      statementTemplate: (language: "nl" | "fr" | "en") => starterTemplate("statement", language),
      statementFormat: format,
    },
  });
  if (result.package !== null)
    await writeFile(
      join(await workDir(services.dataDir, scope.tenantId, "bailiff"), result.package.fileName),
      result.package.bytes,
    );
  return result;
}

/**
 * The bytes of a package kept by {@link handOver}, or null.
 *
 * @example
 * ```ts
 * const zip = await readPackage(services, scope, "HO-0123…_dewolf.zip");
 * ```
 */
export async function readPackage(
  services: ServerServices,
  scope: StoreScope,
  fileName: string,
): Promise<Uint8Array | null> {
  if (!PACKAGE_FILE.test(fileName)) return null;
  try {
    return new Uint8Array(
      await readFile(join(await workDir(services.dataDir, scope.tenantId, "bailiff"), fileName)),
    );
  } catch {
    return null;
  }
}

/**
 * Reads an office's acknowledgement (JSON or CSV) and records it on the cases it names.
 *
 * @example
 * ```ts
 * const outcomes = await acknowledge(services, scope, user, text);
 * ```
 */
export async function acknowledge(
  services: ServerServices,
  scope: StoreScope,
  user: SessionUser,
  text: string,
): Promise<AcknowledgementOutcome[]> {
  return importAcknowledgement({
    store: services.store,
    scope,
    acknowledgement: parseAcknowledgement(text),
    recordedAt: services.now().toString(),
    by: actorOf(user),
  });
}

/**
 * The office and sender a tenant used last, offered again in the form.
 *
 * @example
 * ```ts
 * const empty: HandoverDefaults = { office: { id: "", name: "", email: "" }, sender: { name: "", enterpriseNumber: "", lawyer: "" } };
 * ```
 */
export interface HandoverDefaults {
  readonly office: { id: string; name: string; email: string };
  readonly sender: { name: string; enterpriseNumber: string; lawyer: string };
}

/**
 * The office and sender used last by the tenant (or empty values).
 *
 * @example
 * ```ts
 * const defaults = await handoverDefaults(services, "firm-1");
 * ```
 */
export async function handoverDefaults(
  services: ServerServices,
  tenantId: string,
): Promise<HandoverDefaults> {
  try {
    return JSON.parse(
      await readFile(
        join(await workDir(services.dataDir, tenantId, "bailiff"), "defaults.json"),
        "utf8",
      ),
    ) as HandoverDefaults;
  } catch {
    return {
      office: { id: "", name: "", email: "" },
      sender: { name: "", enterpriseNumber: "", lawyer: "" },
    };
  }
}

/**
 * Keeps the office and sender of a handover as the tenant's defaults.
 *
 * @example
 * ```ts
 * await saveHandoverDefaults(services, "firm-1", defaults);
 * ```
 */
export async function saveHandoverDefaults(
  services: ServerServices,
  tenantId: string,
  defaults: HandoverDefaults,
): Promise<void> {
  await writeFile(
    join(await workDir(services.dataDir, tenantId, "bailiff"), "defaults.json"),
    JSON.stringify(defaults),
  );
}
