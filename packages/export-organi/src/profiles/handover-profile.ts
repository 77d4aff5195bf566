import { fromZodError, IncassoError } from "@incasso/core";
import { z } from "zod";

/**
 * The values a CSV column of a profile can take, one row per claim: the case's, the creditor's,
 * the first debtor's, the claim's and the case statement's fields.
 *
 * @example
 * ```ts
 * import { CSV_COLUMN_FIELDS } from "@incasso/export-organi";
 * CSV_COLUMN_FIELDS.includes("claim.invoiceNumber"); // true
 * ```
 */
export const CSV_COLUMN_FIELDS = [
  "package.id",
  "package.cutOffDate",
  "case.key",
  "case.number",
  "case.phase",
  "case.clientReference",
  "case.paymentReference",
  "case.bailiffFileNumber",
  "creditor.name",
  "creditor.enterpriseNumber",
  "creditor.iban",
  "debtor.name",
  "debtor.kind",
  "debtor.enterpriseNumber",
  "debtor.nationalNumber",
  "debtor.language",
  "debtor.consumer",
  "debtor.address",
  "debtor.email",
  "debtor.phone",
  "debtors.count",
  "claim.id",
  "claim.invoiceNumber",
  "claim.invoiceDate",
  "claim.dueDate",
  "claim.amount",
  "claim.description",
  "claim.principalOpen",
  "claim.interest",
  "case.principal",
  "case.interest",
  "case.costs",
  "case.penalty",
  "case.paid",
  "case.balance",
  "case.documents",
] as const;

/**
 * One field a CSV column can show (see {@link CSV_COLUMN_FIELDS}).
 *
 * @example
 * ```ts
 * import type { CsvColumnField } from "@incasso/export-organi";
 * const field: CsvColumnField = "case.balance";
 * ```
 */
export type CsvColumnField = (typeof CSV_COLUMN_FIELDS)[number];

/** The profile fields an office's specification sets, which `unconfirmed` may list. */
const CONFIRMABLE = [
  "files",
  "fileNames.json",
  "fileNames.xml",
  "fileNames.csv",
  "fileNames.document",
  "csv.separator",
  "csv.decimalSeparator",
  "csv.dateFormat",
  "csv.lineEnding",
  "csv.bom",
  "csv.header",
  "csv.columns",
] as const;

const fileNameTemplate = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9{}._-]+$/, {
    message: "expected a file name of letters, digits, . _ - and {placeholders}",
  });

/**
 * Zod schema of a bailiff office's profile: which files the package holds, their names (the
 * document name may use `{caseKey}`, `{kind}`, `{n}` and `{ext}`), the CSV layout (separator,
 * decimal separator, date format, line ending, byte order mark, header, the columns and their
 * headers), where the profile comes from, and `unconfirmed`: the fields not yet confirmed against
 * the office's specification. A profile with unconfirmed fields is refused by the exporter
 * ({@link assertProfileConfirmed}).
 *
 * @example
 * ```ts
 * import { DEFAULT_PROFILE, handoverProfileSchema } from "@incasso/export-organi";
 * handoverProfileSchema.parse({ ...DEFAULT_PROFILE, id: "office-x" });
 * ```
 */
export const handoverProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: "expected an id of lowercase letters, digits and . _ -",
  }),
  version: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  /** Where the layout comes from: the office's specification, with its date; null for none. */
  confirmedFrom: z
    .strictObject({
      document: z.string().min(1).max(500),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      by: z.string().min(1).max(200),
    })
    .nullable(),
  /** The fields not yet confirmed against the office's specification. */
  unconfirmed: z.array(z.enum(CONFIRMABLE)).max(CONFIRMABLE.length),
  files: z
    .strictObject({
      json: z.boolean(),
      xml: z.boolean(),
      csv: z.boolean(),
      documents: z.boolean(),
    })
    .refine((files) => files.json || files.xml || files.csv, {
      message: "expected at least one data file (json, xml or csv)",
    }),
  fileNames: z.strictObject({
    json: fileNameTemplate,
    xml: fileNameTemplate,
    csv: fileNameTemplate,
    document: fileNameTemplate.refine((name) => name.includes("{caseKey}"), {
      message: "expected {caseKey} in the document name (each file is named by its case)",
    }),
  }),
  csv: z.strictObject({
    separator: z.enum([";", ",", "\t"]),
    decimalSeparator: z.enum([",", "."]),
    dateFormat: z.enum(["YYYY-MM-DD", "DD/MM/YYYY", "DD-MM-YYYY", "DD.MM.YYYY"]),
    lineEnding: z.enum(["\r\n", "\n"]),
    bom: z.boolean(),
    header: z.boolean(),
    columns: z
      .array(
        z.strictObject({ header: z.string().min(1).max(100), field: z.enum(CSV_COLUMN_FIELDS) }),
      )
      .min(1)
      .max(100),
  }),
});

/**
 * A bailiff office's profile (see {@link handoverProfileSchema}).
 *
 * @example
 * ```ts
 * import type { HandoverProfile } from "@incasso/export-organi";
 * const usesCsv = (profile: HandoverProfile) => profile.files.csv;
 * ```
 */
export type HandoverProfile = z.output<typeof handoverProfileSchema>;

/**
 * Validates a profile (from a file, a database, the host's configuration): `INVALID_INPUT` naming
 * `profile.<field>` when it is not one.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROFILE, parseHandoverProfile } from "@incasso/export-organi";
 * parseHandoverProfile(JSON.parse(JSON.stringify(DEFAULT_PROFILE))).id; // "default"
 * ```
 */
export function parseHandoverProfile(input: unknown): HandoverProfile {
  const result = handoverProfileSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "profile");
  return result.data;
}

/**
 * Refuses a profile that still has unconfirmed fields (`INVALID_INPUT`, one issue per field at `profile.<field>`)
 * or that claims no source: the error says which fields, and how to confirm them (set each as the
 * office's import specification says, empty `unconfirmed`, and name the specification in
 * `confirmedFrom`). The placeholder `organi` profile is refused this way until it is completed.
 *
 * @example
 * ```ts
 * import { ORGANI_PROFILE, assertProfileConfirmed } from "@incasso/export-organi";
 * try { assertProfileConfirmed(ORGANI_PROFILE); } catch (error) { console.log((error as Error).message); }
 * ```
 */
export function assertProfileConfirmed(profile: HandoverProfile): void {
  if (profile.unconfirmed.length === 0 && profile.confirmedFrom !== null) return;
  const how =
    "complete the profile from the office's import specification: set each of these fields as the specification says, " +
    'remove it from "unconfirmed", and name the specification in "confirmedFrom" ({ document, date, by }); ' +
    "then pass the completed profile (a JSON file for --profile, or the object to exportToBailiff). " +
    'See docs/bailiff-handover.md, "Completing the Organi profile".';
  const fieldsToConfirm =
    profile.unconfirmed.length > 0 ? profile.unconfirmed : (["confirmedFrom"] as const);
  throw new IncassoError(
    "INVALID_INPUT",
    `profile ${profile.id}: not confirmed against the office's specification (${fieldsToConfirm.join(", ")}); ${how}`,
    fieldsToConfirm.map((field) => ({
      path: `profile.${field}`,
      message: `expected a value confirmed against the office's import specification (${field} is unconfirmed)`,
    })),
  );
}
