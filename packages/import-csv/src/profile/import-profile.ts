import { contractTermsSchema, fromZodError, IncassoError } from "@incasso/core";
import { z } from "zod";

/**
 * The transforms a profile can apply to a cell, in the order listed on the column, after the cell
 * is decoded and before its value is parsed:
 *
 * - `trim`: strip spaces, tabs and no-break spaces at both ends (every cell is trimmed anyway
 *   before an amount, date or identifier is read; `trim` also trims free text).
 * - `collapse-spaces`: every run of white space becomes one space.
 * - `upper`, `lower`: letter case (locale-independent).
 * - `title`: first letter of every word upper, the rest lower ("JANSSENS-DE BOCK" → "Janssens-De Bock").
 * - `split-surname-first-names`: "JANSSENS, Jan Piet" → "Jan Piet JANSSENS", "VAN DEN BROECK Marie" → "Marie VAN DEN BROECK" (add `title` for "Marie Van Den Broeck"):
 *   a registry's SURNAME-first form into the order letters use (the surname is the part before a
 *   comma, else the leading upper-case words).
 * - `phone-e164`: a Belgian or Dutch phone number in any common notation into E.164 (`+3225551234`),
 *   with the profile's `phoneCountry` for national numbers.
 * - `iban`: strip spaces and dots, upper case (`be71 0961 2345 6769` → `BE71096123456769`).
 * - `reference`: strip spaces, `+`, `/`, `.` and `-` (an OGM `+++090/9337/55493+++` → `090933755493`).
 * - `digits-only`: keep the digits only (an enterprise number `BE 0403.170.701` → `0403170701`).
 *
 * @example
 * ```ts
 * import { cellTransformSchema } from "@incasso/import-csv";
 * cellTransformSchema.parse("collapse-spaces"); // "collapse-spaces"
 * ```
 */
export const cellTransformSchema = z.enum([
  "trim",
  "upper",
  "lower",
  "title",
  "collapse-spaces",
  "split-surname-first-names",
  "phone-e164",
  "iban",
  "reference",
  "digits-only",
]);

/**
 * One cell transform (see {@link cellTransformSchema}).
 *
 * @example
 * ```ts
 * import type { CellTransform } from "@incasso/import-csv";
 * const transforms: CellTransform[] = ["trim", "title"];
 * ```
 */
export type CellTransform = z.output<typeof cellTransformSchema>;

/**
 * The date notations a profile can accept, tried in the profile's order; the first that reads the
 * whole cell as an existing day wins:
 *
 * - `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`: day and month of one or two digits, four-digit year.
 * - `dd-mm-yy`, `dd/mm/yy`: a two-digit year, read as 2000–2069 for 00–69 and 1970–1999 for 70–99.
 * - `yyyy-mm-dd`: ISO 8601.
 * - `yyyymmdd`: eight digits, as accounting packages export them.
 * - `excel-serial`: Excel's day number (1 = 1900-01-01, with Excel's phantom 1900-02-29 accounted:
 *   45658 = 2025-01-01). A serial is read as a date only when this format is listed; otherwise a
 *   cell that looks like a serial gets the issue `excel-serial-date`.
 *
 * @example
 * ```ts
 * import { dateFormatSchema } from "@incasso/import-csv";
 * dateFormatSchema.parse("dd/mm/yyyy");
 * ```
 */
export const dateFormatSchema = z.enum([
  "dd/mm/yyyy",
  "dd-mm-yyyy",
  "dd.mm.yyyy",
  "dd-mm-yy",
  "dd/mm/yy",
  "yyyy-mm-dd",
  "yyyymmdd",
  "excel-serial",
]);

/**
 * One date notation (see {@link dateFormatSchema}).
 *
 * @example
 * ```ts
 * import type { DateFormat } from "@incasso/import-csv";
 * const formats: DateFormat[] = ["dd/mm/yyyy", "yyyy-mm-dd"];
 * ```
 */
export type DateFormat = z.output<typeof dateFormatSchema>;

const label = z
  .string()
  .min(1, { message: "expected a non-empty text" })
  .max(200, { message: "expected at most 200 characters" })
  .refine((text) => !hasControlCharacter(text), {
    message: "expected text without control characters",
  });

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const profileId = z.string().regex(/^[A-Za-z0-9._:/-]{1,120}$/, {
  message: "expected 1 to 120 letters, digits or . _ : / -",
});

/**
 * Where a field's value comes from: a column found by `name` (or one of its `aliases`) in the
 * header row, a column found by its 1-based `position`, or a `constant` the same for every row.
 * Header names match case-, accent-, space- and punctuation-insensitively ("Factuur nr." matches
 * "factuurnr", "Échéance" matches "echeance"). When both a name and a position are given, the name
 * is looked up in a file with a header row and the position is used in a file without.
 *
 * `values` maps the client's words to the value the field expects, compared the same insensitive
 * way: `{ "NV": "legal-person", "particulier": "natural-person" }`. A cell that is not in the map
 * is read as it stands (and refused when the field does not accept it). `transforms` run before.
 *
 * @example
 * ```ts
 * import { columnMappingSchema } from "@incasso/import-csv";
 * columnMappingSchema.parse({ name: "Factuurnummer", aliases: ["Factuur nr", "Invoice"], transforms: ["trim"] });
 * ```
 */
export const columnMappingSchema = z
  .strictObject({
    name: label.optional(),
    aliases: z.array(label).max(20, { message: "expected at most 20 aliases" }).default([]),
    position: z
      .number()
      .int({ message: "expected a whole column number" })
      .min(1, { message: "expected a column number from 1 (the first column)" })
      .max(1000, { message: "expected a column number up to 1000" })
      .optional(),
    constant: z
      .string()
      .max(500, { message: "expected a constant of at most 500 characters" })
      .optional(),
    transforms: z.array(cellTransformSchema).max(10).default([]),
    values: z.record(label, label).optional(),
  })
  .refine(
    (column) =>
      column.name !== undefined || column.position !== undefined || column.constant !== undefined,
    { message: "expected a column name, a position or a constant" },
  )
  .refine(
    (column) =>
      column.constant === undefined || (column.name === undefined && column.position === undefined),
    { message: "expected either a constant or a column (name/position), not both" },
  );

/**
 * A column mapping (see {@link columnMappingSchema}), as written in a profile.
 *
 * @example
 * ```ts
 * import type { ColumnMapping } from "@incasso/import-csv";
 * const amount: ColumnMapping = { name: "Openstaand", aliases: ["Saldo"] };
 * ```
 */
export type ColumnMapping = z.input<typeof columnMappingSchema>;

const column = columnMappingSchema;

/** The columns of a `cases` file: one row per claim (invoice), grouped into cases. */
const caseColumns = z.strictObject({
  /** The client's own reference of the case (its dossier number); the default group key. */
  clientReference: column.optional(),
  /** The client's id of the debtor (customer number): the same debtor across rows and files. */
  debtorId: column,
  /** `natural-person` or `legal-person` (map the client's words with `values`). Default: a legal person when an enterprise number is given, else a natural person. */
  debtorKind: column.optional(),
  /** The debtor's name. */
  debtorName: column,
  /** `nl`, `fr`, `en` or `de`; also read: N/F/E/D, NL/FR/EN/DE, Nederlands, Français, ... */
  debtorLanguage: column,
  /** Whether the debtor is a consumer: yes/no, ja/nee, oui/non, true/false, 1/0, J/N, O/N, Y/N. Default: a natural person is a consumer, a legal person is not. */
  debtorConsumer: column.optional(),
  /** The Belgian enterprise number (KBO/BCE) or Dutch KvK number. */
  enterpriseNumber: column.optional(),
  /** The Belgian national number, where the client holds it lawfully. */
  nationalNumber: column.optional(),
  /** A whole postal address in one cell. */
  address: column.optional(),
  /** Street and number, joined with postalCode, city and country into one address when `address` is absent. */
  street: column.optional(),
  postalCode: column.optional(),
  city: column.optional(),
  country: column.optional(),
  email: column.optional(),
  phone: column.optional(),
  /** The debtor's IBAN (for matching payments later). */
  iban: column.optional(),
  invoiceNumber: column,
  invoiceDate: column,
  dueDate: column,
  /** The amount still to recover of the invoice. */
  amount: column,
  description: column.optional(),
  /** The client's structured communication (OGM) or payment reference for the case. */
  paymentReference: column.optional(),
});

/** The columns of a `payments` file: one row per payment the client already received. */
const paymentColumns = z.strictObject({
  clientReference: column.optional(),
  invoiceNumber: column.optional(),
  debtorId: column.optional(),
  /** The client's id of the payment; when absent the payment key is made of the row's values. */
  paymentId: column.optional(),
  date: column,
  amount: column,
  /** The payment's communication (an OGM when `validate.ogm` and it looks like one). */
  reference: column.optional(),
});

/** The columns of a `contacts` file: contact data found by an external source, per debtor or case. */
const contactColumns = z.strictObject({
  nationalNumber: column.optional(),
  enterpriseNumber: column.optional(),
  debtorId: column.optional(),
  caseNumber: column.optional(),
  address: column.optional(),
  street: column.optional(),
  postalCode: column.optional(),
  city: column.optional(),
  country: column.optional(),
  email: column.optional(),
  phone: column.optional(),
  /** Who supplied the data (a registry, a tracing agency); usually a `constant`. */
  source: column,
  /** The date the source gave the data; usually a column, or a constant in ISO form. */
  date: column,
});

/**
 * The columns of a `mass-action` file: one action to carry out per row, on the case its number
 * names. `action` says which (default `order`); each action reads its own columns.
 */
const massActionColumns = z.strictObject({
  caseNumber: column,
  /**
   * What to do: `order` (the default: order the scenario activity of `activity`), `suspend`,
   * `resume`, `set-status` or `assign-owner`; Dutch and French words are read too (see
   * docs/import.md), and a profile's `values` map a client's own words.
   */
  action: column.optional(),
  /** The activity code of the scenario to order (`order` rows only). */
  activity: column.optional(),
  /**
   * When an ordered activity falls due; for the other actions the day they take effect (not before
   * the import's day). The import's day when absent.
   */
  dueDate: column.optional(),
  /**
   * A note to record with the action; it is also the reason of a suspension, resumption, status
   * or owner change when `reason` is empty.
   */
  note: column.optional(),
  /** The user id of the new owner (`assign-owner` rows only). */
  owner: column.optional(),
  /** `closed`, `written-off` or `active` (`set-status` rows only; nl/fr words read too). */
  status: column.optional(),
  /** The day a suspension ends by itself (`suspend` rows only); absent: until resumed. */
  until: column.optional(),
  /** Why: the reason of a suspension, resumption, status or owner change. */
  reason: column.optional(),
});

const sharedFields = {
  /** The version of the profile format; this is version 1. */
  version: z.literal(1, { message: "expected version 1 (the only profile version)" }),
  /** The profile's id, unique per tenant. */
  id: profileId,
  /** The client (creditor) whose files this profile reads. */
  clientId: profileId,
  /** A human name for the profile. */
  label: label.optional(),
  /** The file's character encoding; `auto` detects a BOM, then valid UTF-8, else windows-1252. */
  encoding: z.enum(["auto", "utf-8", "windows-1252", "iso-8859-15", "utf-16le"]).default("auto"),
  /** The column separator; `auto` picks the one that splits the first lines most consistently. */
  delimiter: z.enum(["auto", ";", ",", "\t", "|"]).default("auto"),
  /** The quote character around cells that contain the delimiter, quotes or line breaks. */
  quote: z.enum(['"', "'"]).default('"'),
  /** Whether the first line (after `skipLines`) names the columns; without it every column is mapped by `position`. */
  header: z.boolean().default(true),
  /** Lines to skip before the header (a title, an export date). */
  skipLines: z.number().int().min(0).max(100).default(0),
  /** The decimal separator of amounts. */
  decimalSeparator: z.enum([",", "."]),
  /** The thousands separator of amounts: `.`, `,`, a space (also a no-break or thin space), `'`, or `""` for none. */
  thousandsSeparator: z.enum([".", ",", " ", "'", ""]).default(""),
  /** Date notations, tried in this order. */
  dateFormats: z
    .array(dateFormatSchema)
    .min(1, { message: "expected at least one date format" })
    .max(8),
  /** The country of national phone numbers for the `phone-e164` transform. */
  phoneCountry: z.enum(["BE", "NL"]).default("BE"),
  /** Identifier checks: each on by default; a value that fails a check is a row error. */
  validate: z
    .strictObject({
      /** Belgian structured communications (OGM/VCS) in `paymentReference`/`reference` when they look like one (12 digits). */
      ogm: z.boolean().default(true),
      /** Belgian enterprise numbers (modulo 97) for 10-digit values; a Dutch 8-digit KvK number is checked for its form only. */
      kbo: z.boolean().default(true),
      /** Belgian national numbers (modulo 97, both centuries). */
      nationalNumber: z.boolean().default(true),
      /** IBANs (length per country and modulo 97). */
      iban: z.boolean().default(true),
    })
    .default({ ogm: true, kbo: true, nationalNumber: true, iban: true }),
  /** What the apply does with a bad row: leave out its whole case and go on, or apply nothing. */
  onRowError: z.enum(["skip-case", "stop-batch"]).default("skip-case"),
  /**
   * What a text cell that starts like a spreadsheet formula (`formula`) or looks like a file path
   * (`path-like`) is: a row `error` (the default: such a cell is refused, and with it the row's
   * case), or a `warning` for a client whose names really start so (the text is then kept as it
   * is, never evaluated, and the result files neutralise it).
   */
  hostileText: z.enum(["error", "warning"]).default("error"),
  /** The worksheet of an XLSX file: its name, or its number from 1. Default: the first sheet. */
  sheet: z.union([label, z.number().int().min(1).max(1000)]).optional(),
  /** Safety limits: a longer cell or record is a row error, never read whole into memory. */
  limits: z
    .strictObject({
      /** Characters in one cell (default 10,000, the longest text a case holds). */
      cellLength: z.number().int().min(10).max(1_000_000).default(10_000),
      /** Characters in one record, all its cells and quotes (default 100,000). */
      recordLength: z.number().int().min(100).max(10_000_000).default(100_000),
    })
    .default({ cellLength: 10_000, recordLength: 100_000 }),
};

const newCasesSchema = z.strictObject({
  /** The rule pack new cases are opened under. */
  rulePack: z.enum(["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"]),
  /** The contract terms new cases start from (else the client's terms). */
  terms: contractTermsSchema.optional(),
  /** The scenario started on new cases (else the client's default scenario). */
  scenarioId: profileId.optional(),
  /** The owner (case handler) of new cases. */
  owner: label.optional(),
});

const casesProfile = z.strictObject({
  ...sharedFields,
  kind: z.literal("cases"),
  /** Which column groups rows into one case: the client's reference, the invoice or the debtor. */
  grouping: z.enum(["client-reference", "invoice-number", "debtor-id"]).default("client-reference"),
  newCases: newCasesSchema,
  columns: caseColumns,
});

const paymentsProfile = z.strictObject({
  ...sharedFields,
  kind: z.literal("payments"),
  /** Which column names the case a payment belongs to. */
  grouping: z.enum(["client-reference", "invoice-number", "debtor-id"]).default("client-reference"),
  columns: paymentColumns,
});

const contactsProfile = z.strictObject({
  ...sharedFields,
  kind: z.literal("contacts"),
  /** The identifiers a row is matched by, in order: the first one the row fills in is used. */
  matchBy: z
    .array(z.enum(["national-number", "enterprise-number", "debtor-id", "case-number"]))
    .min(1)
    .max(4)
    .default(["national-number", "enterprise-number", "debtor-id", "case-number"]),
  columns: contactColumns,
});

const massActionProfile = z.strictObject({
  ...sharedFields,
  kind: z.literal("mass-action"),
  columns: massActionColumns,
});

const GROUP_FIELD = {
  "client-reference": "clientReference",
  "invoice-number": "invoiceNumber",
  "debtor-id": "debtorId",
} as const;

const MATCH_FIELD = {
  "national-number": "nationalNumber",
  "enterprise-number": "enterpriseNumber",
  "debtor-id": "debtorId",
  "case-number": "caseNumber",
} as const;

/**
 * Zod schema of an import profile, version 1: the conventions agreed with one client for one kind
 * of file. The `kind` says what the file holds and which `columns` exist:
 *
 * - `cases`: claims to open cases for (`grouping` puts the rows of one case together: by client
 *   reference, by invoice number or by debtor id), with `newCases` saying how a new case opens.
 * - `payments`: payments the client already received, per case (`grouping` names the column that
 *   finds the case).
 * - `contacts`: addresses, e-mail addresses and phone numbers from an external source, matched to a
 *   debtor by `matchBy`.
 * - `mass-action`: a collection action to carry out per case.
 *
 * The rest describes the file: `encoding`, `delimiter`, `quote`, `header`, `decimalSeparator`,
 * `thousandsSeparator`, `dateFormats`, identifier checks (`validate`), `sheet` for workbooks,
 * and `limits`. Unknown keys are refused, so a misspelt option is an error, never ignored. Besides
 * its shape, a profile must map every required field and the column its grouping or matching uses,
 * and must map by position when `header` is false. See {@link parseImportProfile}.
 *
 * @example
 * ```ts
 * import { importProfileSchema } from "@incasso/import-csv";
 * const profile = importProfileSchema.parse({
 *   version: 1, id: "acme-cases", clientId: "acme", kind: "mass-action",
 *   decimalSeparator: ",", dateFormats: ["dd/mm/yyyy"],
 *   columns: { caseNumber: { name: "Dossier" }, activity: { constant: "reminder-2" } },
 * });
 * profile.encoding; // "auto"
 * ```
 */
export const importProfileSchema = z
  .discriminatedUnion("kind", [casesProfile, paymentsProfile, contactsProfile, massActionProfile])
  .superRefine((profile, context) => {
    const columns = profile.columns as Record<
      string,
      z.output<typeof columnMappingSchema> | undefined
    >;
    if (profile.kind === "cases" || profile.kind === "payments") {
      const field = GROUP_FIELD[profile.grouping];
      if (columns[field] === undefined) {
        context.addIssue({
          code: "custom",
          path: ["columns", field],
          message: `expected a column for ${field}: the grouping "${profile.grouping}" finds the case by it`,
        });
      }
    }
    if (profile.kind === "contacts") {
      if (!profile.matchBy.some((by) => columns[MATCH_FIELD[by]] !== undefined)) {
        context.addIssue({
          code: "custom",
          path: ["columns"],
          message: `expected a column for one of ${profile.matchBy.map((by) => MATCH_FIELD[by]).join(", ")} to match rows by`,
        });
      }
      if (!["address", "street", "email", "phone"].some((field) => columns[field] !== undefined)) {
        context.addIssue({
          code: "custom",
          path: ["columns"],
          message: "expected at least one contact column: address, street, email or phone",
        });
      }
    }
    if (!profile.header) {
      for (const [field, mapping] of Object.entries(columns)) {
        if (
          mapping !== undefined &&
          mapping.position === undefined &&
          mapping.constant === undefined
        ) {
          context.addIssue({
            code: "custom",
            path: ["columns", field, "position"],
            message: "expected a position: the profile says the file has no header row",
          });
        }
      }
    }
    const positions = new Map<number, string>();
    for (const [field, mapping] of Object.entries(columns)) {
      if (mapping?.position === undefined || profile.header) continue;
      const other = positions.get(mapping.position);
      if (other !== undefined) {
        context.addIssue({
          code: "custom",
          path: ["columns", field, "position"],
          message: `expected a position of its own: ${other} already reads column ${mapping.position}`,
        });
      }
      positions.set(mapping.position, field);
    }
  });

/**
 * An import profile after parsing: every default filled in (see {@link importProfileSchema}).
 *
 * @example
 * ```ts
 * import { parseImportProfile, type ImportProfile } from "@incasso/import-csv";
 * const profile: ImportProfile = parseImportProfile({
 *   version: 1, id: "p", clientId: "acme", kind: "mass-action", decimalSeparator: ",", dateFormats: ["dd/mm/yyyy"],
 *   columns: { caseNumber: { position: 1 }, activity: { position: 2 } }, header: false,
 * });
 * ```
 */
export type ImportProfile = z.output<typeof importProfileSchema>;

/**
 * An import profile as written (JSON, a host's form): defaults may be left out.
 *
 * @example
 * ```ts
 * import type { ImportProfileInput } from "@incasso/import-csv";
 * const input: ImportProfileInput = {
 *   version: 1, id: "p", clientId: "acme", kind: "mass-action", decimalSeparator: ",", dateFormats: ["dd/mm/yyyy"],
 *   columns: { caseNumber: { name: "Dossier" }, activity: { name: "Actie" } },
 * };
 * ```
 */
export type ImportProfileInput = z.input<typeof importProfileSchema>;

/**
 * The kind of file a profile reads: `cases`, `payments`, `contacts` or `mass-action`.
 *
 * @example
 * ```ts
 * import type { ImportKind } from "@incasso/import-csv";
 * const kind: ImportKind = "payments";
 * ```
 */
export type ImportKind = ImportProfile["kind"];

/**
 * Checks an import profile and fills in its defaults; bad input is an `IncassoError`
 * `INVALID_INPUT` whose issues name each wrong field under `profile` (`profile.columns.amount`,
 * `profile.dateFormats`) and say what was expected.
 *
 * @example
 * ```ts
 * import { parseImportProfile } from "@incasso/import-csv";
 * const profile = parseImportProfile({
 *   version: 1, id: "acme-payments", clientId: "acme", kind: "payments",
 *   encoding: "windows-1252", delimiter: ";", decimalSeparator: ",", thousandsSeparator: ".",
 *   dateFormats: ["dd/mm/yyyy"], grouping: "client-reference",
 *   columns: { clientReference: { name: "Dossier" }, date: { name: "Datum" }, amount: { name: "Bedrag" } },
 * });
 * profile.delimiter; // ";"
 * ```
 */
export function parseImportProfile(input: unknown): ImportProfile {
  const result = importProfileSchema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, "profile");
  const profile = result.data;
  if (profile.decimalSeparator === profile.thousandsSeparator) {
    throw new IncassoError(
      "INVALID_INPUT",
      "profile.thousandsSeparator: expected a thousands separator other than the decimal separator",
      [
        {
          path: "profile.thousandsSeparator",
          message: "expected a thousands separator other than the decimal separator",
        },
      ],
    );
  }
  return profile;
}

/**
 * The fields of each kind of file that a profile must map: without them no row can be read.
 *
 * @example
 * ```ts
 * import { REQUIRED_FIELDS } from "@incasso/import-csv";
 * REQUIRED_FIELDS.payments; // ["date", "amount"]
 * ```
 */
export const REQUIRED_FIELDS: Readonly<Record<ImportKind, readonly string[]>> = Object.freeze({
  cases: [
    "debtorId",
    "debtorName",
    "debtorLanguage",
    "invoiceNumber",
    "invoiceDate",
    "dueDate",
    "amount",
  ],
  payments: ["date", "amount"],
  contacts: ["source", "date"],
  "mass-action": ["caseNumber"],
});

/**
 * The field a grouping reads the group key from.
 *
 * @example
 * ```ts
 * import { groupFieldOf } from "@incasso/import-csv";
 * groupFieldOf("invoice-number"); // "invoiceNumber"
 * ```
 */
export function groupFieldOf(
  grouping: "client-reference" | "invoice-number" | "debtor-id",
): "clientReference" | "invoiceNumber" | "debtorId" {
  return GROUP_FIELD[grouping];
}

/**
 * The field a contact row's `matchBy` entry reads its value from.
 *
 * @example
 * ```ts
 * import { matchFieldOf } from "@incasso/import-csv";
 * matchFieldOf("national-number"); // "nationalNumber"
 * ```
 */
export function matchFieldOf(
  by: "national-number" | "enterprise-number" | "debtor-id" | "case-number",
): "nationalNumber" | "enterpriseNumber" | "debtorId" | "caseNumber" {
  return MATCH_FIELD[by];
}
