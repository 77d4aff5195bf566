import type { Temporal } from "@incasso/core";
import {
  IncassoError,
  isValidBeEnterpriseNumber,
  isValidBeNationalNumber,
  isValidIban,
  isValidOgm,
  LIMITS,
  toE164,
} from "@incasso/core";
import { Decimal } from "decimal.js";
import type { ColumnMapping, ImportProfile } from "../profile/import-profile.js";
import { groupFieldOf, matchFieldOf, REQUIRED_FIELDS } from "../profile/import-profile.js";
import type {
  ContactValue,
  ImportRecord,
  ImportRow,
  LocalizedText,
  MassActionRowRecord,
  MassActionWord,
  RowIssue,
  RowIssueCode,
} from "../records.js";
import type { FileEncoding } from "./detect.js";
import { rowIssue, text } from "./messages.js";
import {
  applyTransforms,
  excelSerialToDate,
  foldText,
  hasControlCharacters,
  isScientific,
  looksLikeFormula,
  looksLikePath,
  parseAmountText,
  parseDateText,
  parseDebtorKind,
  parseLanguage,
  parseYesNo,
  phoneExpected,
} from "./values.js";

/**
 * One cell as a source gives it: text for a delimited file; a workbook cell also says whether it
 * held a number (its text is then the number as the file stores it), a date or a true/false.
 *
 * @example
 * ```ts
 * import type { SourceCell } from "@incasso/import-csv";
 * const cell: SourceCell = { text: "1234.56", kind: "number" };
 * ```
 */
export interface SourceCell {
  readonly text: string;
  readonly kind: "text" | "number" | "date" | "boolean";
  /** The day, for a `date` cell. */
  readonly date?: Temporal.PlainDate;
}

/**
 * The error for a file whose header cannot be read by its profile: a required column is missing,
 * or a column the profile reads appears twice. Its `rowIssues` say so per column in Dutch, French
 * and English; nothing of the file is read.
 *
 * @example
 * ```ts
 * import { ImportHeaderError } from "@incasso/import-csv";
 * function explain(error: unknown): string[] {
 *   return error instanceof ImportHeaderError ? error.rowIssues.map((issue) => issue.message.nl) : [];
 * }
 * ```
 */
export class ImportHeaderError extends IncassoError {
  /** The problems, one per column, on the header's line. */
  readonly rowIssues: readonly RowIssue[];

  constructor(rowIssues: readonly RowIssue[]) {
    super(
      "INVALID_INPUT",
      rowIssues.map((issue) => issue.message.en).join(" "),
      rowIssues.map((issue) => ({
        path: `header.${issue.field ?? ""}`,
        message: issue.message.en,
      })),
    );
    this.name = "ImportHeaderError";
    this.rowIssues = rowIssues;
  }
}

interface ResolvedColumn {
  readonly field: string;
  /** The 0-based index of the column in a row, or null for a constant. */
  readonly index: number | null;
  readonly label: string;
  readonly mapping: ColumnMapping & { transforms: readonly string[] };
}

type Kind =
  | "id"
  | "name"
  | "text"
  | "amount"
  | "mass-action"
  | "case-status"
  | "date"
  | "language"
  | "debtor-kind"
  | "yes-no"
  | "enterprise-number"
  | "national-number"
  | "iban"
  | "email"
  | "phone"
  | "ogm";

const FIELD_KINDS: Record<string, Kind> = {
  clientReference: "id",
  debtorId: "id",
  invoiceNumber: "id",
  paymentId: "id",
  caseNumber: "id",
  activity: "id",
  debtorName: "name",
  address: "name",
  street: "name",
  postalCode: "name",
  city: "name",
  country: "name",
  source: "name",
  description: "text",
  note: "text",
  amount: "amount",
  invoiceDate: "date",
  dueDate: "date",
  date: "date",
  debtorLanguage: "language",
  debtorKind: "debtor-kind",
  debtorConsumer: "yes-no",
  enterpriseNumber: "enterprise-number",
  nationalNumber: "national-number",
  iban: "iban",
  email: "email",
  phone: "phone",
  paymentReference: "ogm",
  reference: "ogm",
  action: "mass-action",
  status: "case-status",
  owner: "name",
  until: "date",
  reason: "text",
};

/**
 * The words a `mass-action` row's `action` cell may hold (folded: lower case, no accents, letters
 * and digits only), in English, Dutch and French; a profile's `values` map any other word.
 */
const MASS_ACTION_WORDS: Readonly<Record<string, MassActionWord>> = {
  order: "order",
  opdracht: "order",
  opdragen: "order",
  commande: "order",
  commander: "order",
  suspend: "suspend",
  suspension: "suspend",
  opschorten: "suspend",
  opschorting: "suspend",
  schorsen: "suspend",
  suspendre: "suspend",
  resume: "resume",
  hervatten: "resume",
  hervatting: "resume",
  reprendre: "resume",
  reprise: "resume",
  setstatus: "set-status",
  status: "set-status",
  statut: "set-status",
  assignowner: "assign-owner",
  toewijzen: "assign-owner",
  toewijzing: "assign-owner",
  attribuer: "assign-owner",
  attribution: "assign-owner",
};

/** The words a `mass-action` row's `status` cell may hold (folded), in English, Dutch and French. */
const CASE_STATUS_WORDS: Readonly<Record<string, "closed" | "written-off" | "active">> = {
  closed: "closed",
  close: "closed",
  afgesloten: "closed",
  afsluiten: "closed",
  gesloten: "closed",
  clos: "closed",
  cloture: "closed",
  cloturer: "closed",
  writtenoff: "written-off",
  writeoff: "written-off",
  afgeboekt: "written-off",
  afboeken: "written-off",
  oninbaar: "written-off",
  perte: "written-off",
  passeenperte: "written-off",
  irrecouvrable: "written-off",
  active: "active",
  reinstated: "active",
  actief: "active",
  heropend: "active",
  heropenen: "active",
  actif: "active",
  rouvert: "active",
  rouvrir: "active",
};

/** The fields each action of a `mass-action` row reads besides the case number, date and texts. */
const MASS_ACTION_FIELDS: Readonly<Record<MassActionWord, readonly string[]>> = {
  order: ["activity"],
  suspend: ["until"],
  resume: [],
  "set-status": ["status"],
  "assign-owner": ["owner"],
};

const SCIENTIFIC_CHECKED: ReadonlySet<Kind> = new Set([
  "id",
  "enterprise-number",
  "national-number",
  "iban",
  "phone",
  "ogm",
]);

/** What a missing value was expected to be, per field. */
function fieldExpected(field: string): LocalizedText {
  return text(`een waarde voor ${field}`, `une valeur pour ${field}`, `a value for ${field}`);
}

function lengthExpected(max: number): LocalizedText {
  return text(`hoogstens ${max} tekens`, `au plus ${max} caractères`, `at most ${max} characters`);
}

/**
 * Maps the rows of one file to records by a profile: resolves the header once, then reads each
 * row. Shared by the delimited and the workbook reader.
 */
export class RowMapper {
  readonly #profile: ImportProfile;
  readonly #encoding: FileEncoding | "xlsx";
  #columns: ResolvedColumn[] = [];
  #expectedCells: number | null = null;
  #mappedFolds = new Map<string, string>();

  constructor(profile: ImportProfile, encoding: FileEncoding | "xlsx") {
    this.#profile = profile;
    this.#encoding = encoding;
  }

  /** The header cells (or null without a header row): resolves every field's column. */
  resolveHeader(header: readonly string[] | null, line: number): void {
    const issues: RowIssue[] = [];
    const folded = header?.map((cell) => foldText(cell)) ?? [];
    const columns = this.#profile.columns as Record<string, ColumnMapping | undefined>;
    const required = new Set<string>(REQUIRED_FIELDS[this.#profile.kind]);
    if (this.#profile.kind === "cases" || this.#profile.kind === "payments") {
      required.add(groupFieldOf(this.#profile.grouping));
    }
    for (const [field, mapping] of Object.entries(columns)) {
      if (mapping === undefined) continue;
      const resolvedMapping = { ...mapping, transforms: mapping.transforms ?? [] };
      if (mapping.constant !== undefined) {
        this.#columns.push({ field, index: null, label: field, mapping: resolvedMapping });
        continue;
      }
      if (header === null) {
        const index = (mapping.position ?? 1) - 1;
        this.#columns.push({ field, index, label: `#${index + 1}`, mapping: resolvedMapping });
        continue;
      }
      const names = [mapping.name, ...(mapping.aliases ?? [])].filter(
        (name): name is string => name !== undefined,
      );
      const wanted = new Set(names.map((name) => foldText(name)));
      const found: number[] = [];
      folded.forEach((cell, index) => {
        if (cell !== "" && wanted.has(cell)) found.push(index);
      });
      const shown = names[0] ?? `#${mapping.position}`;
      if (found.length > 1) {
        const labels = found.map((index) => header[index] ?? "").join(", ");
        issues.push(
          rowIssue("duplicate-column", {
            row: line,
            column: header[found[0] ?? 0] ?? shown,
            field,
            value: header[found[0] ?? 0] ?? shown,
            expected: text(
              `één kolom voor ${field}, maar ${found.length} kolommen hebben die naam (${labels})`,
              `une seule colonne pour ${field}, mais ${found.length} colonnes portent ce nom (${labels})`,
              `one column for ${field}, but ${found.length} columns carry that name (${labels})`,
            ),
          }),
        );
        continue;
      }
      let index = found[0];
      if (index === undefined && mapping.position !== undefined && names.length === 0) {
        index = mapping.position - 1;
      }
      if (index === undefined) {
        if (required.has(field)) {
          issues.push(
            rowIssue("missing-column", {
              row: line,
              column: shown,
              field,
              value: shown,
              expected: text(
                `een kolom ${names.map((name) => `"${name}"`).join(" of ")} in de kopregel (voor ${field})`,
                `une colonne ${names.map((name) => `« ${name} »`).join(" ou ")} dans l'en-tête (pour ${field})`,
                `a column ${names.map((name) => `"${name}"`).join(" or ")} in the header (for ${field})`,
              ),
            }),
          );
        }
        continue;
      }
      this.#mappedFolds.set(folded[index] ?? "", field);
      this.#columns.push({ field, index, label: header[index] ?? shown, mapping: resolvedMapping });
    }
    if (issues.length > 0) throw new ImportHeaderError(issues);
    if (header !== null) {
      let width = header.length;
      while (width > 0 && (header[width - 1] ?? "").trim() === "") width--;
      this.#expectedCells = width;
    } else {
      this.#expectedCells = null;
    }
  }

  /** The number of cells the header names (trailing empty header cells left out). */
  get width(): number | null {
    return this.#expectedCells;
  }

  /** Reads one row. */
  mapRow(
    cells: readonly SourceCell[],
    line: number,
    problems: {
      recordTooLong?: boolean;
      longCells?: readonly number[];
      unterminatedQuote?: boolean;
    } = {},
  ): ImportRow {
    const issues: RowIssue[] = [];
    const raw = cells.map((cell) => cell.text);
    const rawCells: Record<string, string> = {};
    const profile = this.#profile;
    const cellLimit = profile.limits.cellLength;
    if (problems.recordTooLong) {
      issues.push(
        rowIssue("record-too-long", {
          row: line,
          column: null,
          field: null,
          value: null,
          expected: text(
            `een rij van hoogstens ${profile.limits.recordLength} tekens${problems.unterminatedQuote ? " (een aanhalingsteken werd wellicht niet gesloten)" : ""}`,
            `une ligne d'au plus ${profile.limits.recordLength} caractères${problems.unterminatedQuote ? " (un guillemet n'a sans doute pas été refermé)" : ""}`,
            `a row of at most ${profile.limits.recordLength} characters${problems.unterminatedQuote ? " (a quote was probably never closed)" : ""}`,
          ),
        }),
      );
      // Its cells were cut where the limit struck: reading them would only report the cut.
      return { row: line, cells: rawCells, raw, record: null, issues };
    } else if (problems.unterminatedQuote) {
      issues.push(
        rowIssue("unterminated-quote", {
          row: line,
          column: null,
          field: null,
          value: null,
          expected: text(
            "een gesloten aanhalingsteken voor het einde van het bestand",
            "un guillemet refermé avant la fin du fichier",
            "a closing quote before the end of the file",
          ),
        }),
      );
    }
    for (const index of problems.longCells ?? []) {
      issues.push(
        rowIssue("cell-too-long", {
          row: line,
          column: this.#labelOf(index),
          field: this.#fieldOf(index),
          value: null,
          expected: lengthExpected(cellLimit),
        }),
      );
    }
    if (this.#expectedCells !== null && !problems.recordTooLong) {
      const width = this.#expectedCells;
      if (cells.length < width) {
        issues.push(
          rowIssue("ragged-row", {
            row: line,
            column: null,
            field: null,
            value: null,
            expected: text(
              `${width} kolommen, gevonden ${cells.length}`,
              `${width} colonnes, trouvé ${cells.length}`,
              `${width} columns, found ${cells.length}`,
            ),
          }),
        );
      } else if (
        cells.length > width &&
        cells.slice(width).some((cell) => cell.text.trim() !== "")
      ) {
        issues.push(
          rowIssue("ragged-row", {
            row: line,
            column: null,
            field: null,
            value: null,
            expected: text(
              `${width} kolommen, gevonden ${cells.length} (gevulde cellen na de laatste kolom)`,
              `${width} colonnes, trouvé ${cells.length} (cellules remplies après la dernière colonne)`,
              `${width} columns, found ${cells.length} (filled cells after the last column)`,
            ),
          }),
        );
      }
    } else if (this.#expectedCells === null) {
      const needed = Math.max(0, ...this.#columns.map((column) => (column.index ?? -1) + 1));
      if (cells.length < needed) {
        issues.push(
          rowIssue("ragged-row", {
            row: line,
            column: null,
            field: null,
            value: null,
            expected: text(
              `minstens ${needed} kolommen, gevonden ${cells.length}`,
              `au moins ${needed} colonnes, trouvé ${cells.length}`,
              `at least ${needed} columns, found ${cells.length}`,
            ),
          }),
        );
      }
    }
    const values: Record<string, unknown> = {};
    const rowErrorsBefore = issues.some((issue) => issue.severity === "error");
    for (const column of this.#columns) {
      const source: SourceCell =
        column.index === null
          ? { text: column.mapping.constant ?? "", kind: "text" }
          : (cells[column.index] ?? { text: "", kind: "text" });
      if (column.index !== null) rawCells[column.field] = source.text;
      const value = this.#readField(column, source, line, issues);
      if (value !== undefined) values[column.field] = value;
    }
    const hasError = rowErrorsBefore || issues.some((issue) => issue.severity === "error");
    const record = hasError ? null : this.#buildRecord(values, line, issues);
    return { row: line, cells: rawCells, raw, record, issues };
  }

  #labelOf(index: number): string {
    const column = this.#columns.find((candidate) => candidate.index === index);
    return column?.label ?? `#${index + 1}`;
  }

  #fieldOf(index: number): string | null {
    return this.#columns.find((candidate) => candidate.index === index)?.field ?? null;
  }

  #readField(column: ResolvedColumn, cell: SourceCell, line: number, issues: RowIssue[]): unknown {
    const profile = this.#profile;
    const field = column.field;
    const kind = FIELD_KINDS[field] ?? "name";
    const problem = (
      code: RowIssueCode,
      expected: LocalizedText,
      value: string | null = cell.text,
      severity?: "error" | "warning",
    ) => {
      issues.push(
        rowIssue(code, {
          row: line,
          column: column.label,
          field,
          value,
          expected,
          ...(severity ? { severity } : {}),
        }),
      );
      return undefined;
    };
    let value = cell.text;
    if (value.includes("\ufffd") && this.#encoding === "utf-8") {
      return problem(
        "encoding",
        text(
          "tekst in UTF-8: dit bestand lijkt windows-1252 (ANSI); zet de codering van het profiel op windows-1252",
          "du texte en UTF-8 : ce fichier semble être en windows-1252 (ANSI) ; réglez l'encodage du profil sur windows-1252",
          "text in UTF-8: this file looks like windows-1252 (ANSI); set the profile's encoding to windows-1252",
        ),
      );
    }
    if (
      (this.#encoding === "windows-1252" || this.#encoding === "iso-8859-15") &&
      /[ÃÂ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/.test(value)
    ) {
      return problem(
        "encoding",
        text(
          `tekst in ${this.#encoding}: dit bestand lijkt UTF-8; zet de codering van het profiel op utf-8`,
          `du texte en ${this.#encoding} : ce fichier semble être en UTF-8 ; réglez l'encodage du profil sur utf-8`,
          `text in ${this.#encoding}: this file looks like UTF-8; set the profile's encoding to utf-8`,
        ),
      );
    }
    if (hasControlCharacters(value)) {
      return problem(
        "control-character",
        text(
          "tekst zonder stuurtekens",
          "du texte sans caractères de contrôle",
          "text without control characters",
        ),
      );
    }
    if (kind === "id" || kind === "name" || kind === "text") {
      if (looksLikeFormula(value.trimStart())) {
        problem(
          "formula",
          text("gewone tekst", "du texte ordinaire", "plain text"),
          value,
          profile.hostileText,
        );
      }
      if (looksLikePath(value)) {
        problem(
          "path-like",
          text("gewone tekst", "du texte ordinaire", "plain text"),
          value,
          profile.hostileText,
        );
      }
    }
    const transformed = applyTransforms(
      value,
      column.mapping.transforms as never,
      profile.phoneCountry,
    );
    if (!transformed.ok) return problem(transformed.code, transformed.expected);
    value = transformed.value;
    if (column.mapping.values !== undefined) {
      const key = foldText(value);
      for (const [from, to] of Object.entries(column.mapping.values)) {
        if (foldText(from) === key) {
          value = to;
          break;
        }
      }
    }
    const trimmed = value.trim();
    const required = this.#isRequired(field);
    if (trimmed === "" && cell.kind !== "date") {
      if (required) return problem("missing-value", fieldExpected(field), "");
      return undefined;
    }
    if (
      SCIENTIFIC_CHECKED.has(kind) &&
      (isScientific(trimmed) || (cell.kind === "number" && /e/i.test(trimmed)))
    ) {
      return problem(
        "excel-scientific",
        text(
          "de volledige waarde als tekst (zet de kolom in Excel op Tekst vóór het invullen of exporteren)",
          "la valeur complète en texte (mettez la colonne en Texte dans Excel avant la saisie ou l'export)",
          "the full value as text (format the column as Text in Excel before entering or exporting)",
        ),
      );
    }
    switch (kind) {
      case "id": {
        if (/[\t\r\n]/.test(trimmed)) {
          return problem(
            "invalid-value",
            text(
              "tekst op één regel, zonder tabs",
              "du texte sur une ligne, sans tabulations",
              "text on one line, without tabs",
            ),
          );
        }
        if (trimmed.length > LIMITS.idLength)
          return problem("too-long", lengthExpected(LIMITS.idLength));
        return trimmed;
      }
      case "name": {
        const collapsed = trimmed.replace(/\s+/g, " ");
        if (collapsed.length > LIMITS.nameLength)
          return problem("too-long", lengthExpected(LIMITS.nameLength));
        return collapsed;
      }
      case "text": {
        if (trimmed.length > LIMITS.textLength)
          return problem("too-long", lengthExpected(LIMITS.textLength));
        return trimmed;
      }
      case "amount":
        return this.#readAmount(cell, trimmed, problem);
      case "date": {
        if (cell.kind === "date" && cell.date !== undefined) return cell.date;
        if (trimmed === "")
          return required ? problem("missing-value", fieldExpected(field), "") : undefined;
        if (cell.kind === "number") {
          const date = /^\d+(\.\d+)?$/.test(trimmed)
            ? excelSerialToDate(Number(trimmed))
            : undefined;
          if (
            date !== undefined &&
            !(/^\d{8}$/.test(trimmed) && profile.dateFormats.includes("yyyymmdd"))
          )
            return date;
        }
        const result = parseDateText(trimmed, profile.dateFormats);
        return result.ok ? result.value : problem(result.code, result.expected);
      }
      case "language": {
        const language = parseLanguage(trimmed);
        return (
          language ??
          problem(
            "invalid-value",
            text(
              "nl, fr, en of de (of N, F, E, D)",
              "nl, fr, en ou de (ou N, F, E, D)",
              "nl, fr, en or de (or N, F, E, D)",
            ),
          )
        );
      }
      case "debtor-kind": {
        const debtorKind = parseDebtorKind(trimmed);
        return (
          debtorKind ??
          problem(
            "invalid-value",
            text(
              "natural-person of legal-person (of een woord in de values van het profiel)",
              "natural-person ou legal-person (ou un mot des values du profil)",
              "natural-person or legal-person (or a word in the profile's values)",
            ),
          )
        );
      }
      case "mass-action": {
        const word = MASS_ACTION_WORDS[foldText(trimmed)];
        return (
          word ??
          problem(
            "invalid-value",
            text(
              "order, suspend, resume, set-status of assign-owner (of opdracht, opschorten, hervatten, status, toewijzen)",
              "order, suspend, resume, set-status ou assign-owner (ou commander, suspendre, reprendre, statut, attribuer)",
              "order, suspend, resume, set-status or assign-owner",
            ),
          )
        );
      }
      case "case-status": {
        const status = CASE_STATUS_WORDS[foldText(trimmed)];
        return (
          status ??
          problem(
            "invalid-value",
            text(
              "closed, written-off of active (of afgesloten, afgeboekt, actief)",
              "closed, written-off ou active (ou clos, perte, actif)",
              "closed, written-off or active",
            ),
          )
        );
      }
      case "yes-no": {
        const yes = parseYesNo(trimmed);
        return (
          yes ??
          problem(
            "invalid-value",
            text("ja of nee (J/N, 1/0)", "oui ou non (O/N, 1/0)", "yes or no (Y/N, 1/0)"),
          )
        );
      }
      case "enterprise-number": {
        let digits = trimmed.replace(/^(BE|NL)/i, "").replace(/\D/g, "");
        if (digits.length === 9) digits = `0${digits}`;
        const expected = text(
          "een ondernemingsnummer zoals 0403.170.701 (KBO) of een KvK-nummer van 8 cijfers",
          "un numéro d'entreprise comme 0403.170.701 (BCE) ou un numéro KvK de 8 chiffres",
          "an enterprise number such as 0403.170.701 (KBO/BCE) or an 8-digit KvK number",
        );
        if (/[^\d\s./-]/.test(trimmed.replace(/^(BE|NL)/i, "")))
          return problem("invalid-enterprise-number", expected);
        if (digits.length === 8) return digits;
        if (digits.length !== 10) return problem("invalid-enterprise-number", expected);
        if (profile.validate.kbo && !isValidBeEnterpriseNumber(digits))
          return problem("invalid-enterprise-number", expected);
        return digits;
      }
      case "national-number": {
        let digits = trimmed.replace(/[\s.\-/]/g, "");
        const expected = text(
          "een rijksregisternummer zoals 85.07.30-033.28",
          "un numéro de registre national comme 85.07.30-033.28",
          "a national number such as 85.07.30-033.28",
        );
        if (!/^\d+$/.test(digits)) return problem("invalid-national-number", expected);
        if (digits.length === 10) digits = `0${digits}`;
        if (digits.length !== 11) return problem("invalid-national-number", expected);
        if (profile.validate.nationalNumber && !isValidBeNationalNumber(digits))
          return problem("invalid-national-number", expected);
        return digits;
      }
      case "iban": {
        const iban = trimmed.replace(/[\s.\-\u00a0]/g, "").toUpperCase();
        const expected = text(
          "een IBAN zoals BE71 0961 2345 6769",
          "un IBAN comme BE71 0961 2345 6769",
          "an IBAN such as BE71 0961 2345 6769",
        );
        if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(iban)) return problem("invalid-iban", expected);
        if (profile.validate.iban && !isValidIban(iban)) return problem("invalid-iban", expected);
        return iban;
      }
      case "email": {
        const email = trimmed.replace(/^mailto:/i, "");
        if (
          !/^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[A-Za-z]{2,}$/.test(email) ||
          email.length > 254
        ) {
          return problem(
            "invalid-email",
            text(
              "een e-mailadres zoals naam@voorbeeld.be",
              "une adresse e-mail comme nom@exemple.be",
              "an e-mail address such as name@example.be",
            ),
          );
        }
        return email.toLowerCase();
      }
      case "phone": {
        try {
          return toE164(trimmed, { defaultCountry: profile.phoneCountry });
        } catch {
          return problem("invalid-phone", phoneExpected(profile.phoneCountry));
        }
      }
      case "ogm": {
        const compact = trimmed.replace(/[\s+*/.-]/g, "");
        if (/^\d{12}$/.test(compact)) {
          if (profile.validate.ogm && !isValidOgm(compact)) {
            return problem(
              "invalid-ogm",
              text(
                "een gestructureerde mededeling zoals +++090/9337/55493+++ met juiste controlecijfers",
                "une communication structurée comme +++090/9337/55493+++ aux chiffres de contrôle corrects",
                "a structured communication such as +++090/9337/55493+++ with correct check digits",
              ),
            );
          }
          return compact;
        }
        if (trimmed.length > LIMITS.nameLength)
          return problem("too-long", lengthExpected(LIMITS.nameLength));
        return trimmed;
      }
    }
  }

  #readAmount(
    cell: SourceCell,
    trimmed: string,
    problem: (code: RowIssueCode, expected: LocalizedText) => undefined,
  ): Decimal | undefined {
    const profile = this.#profile;
    if (cell.kind === "number") {
      // A workbook stores a binary floating-point number; Excel shows 15 significant digits, so the
      // amount is the number at 15 significant digits, which must then have at most 2 decimals.
      let amount: Decimal;
      try {
        amount = new Decimal(trimmed).toSignificantDigits(15);
      } catch {
        return problem("invalid-amount", text("een bedrag", "un montant", "an amount"));
      }
      if (amount.decimalPlaces() > 2)
        return problem(
          "too-many-decimals",
          text(
            "een bedrag met hoogstens 2 decimalen",
            "un montant d'au plus 2 décimales",
            "an amount with at most 2 decimals",
          ),
        );
      if (amount.abs().gte(new Decimal(10).pow(LIMITS.amount.integerDigits)))
        return problem(
          "amount-out-of-range",
          text(
            `hoogstens ${LIMITS.amount.max}`,
            `au plus ${LIMITS.amount.max}`,
            `at most ${LIMITS.amount.max}`,
          ),
        );
      return this.#checkSign(amount, problem);
    }
    const result = parseAmountText(trimmed, profile);
    if (!result.ok) return problem(result.code, result.expected);
    return this.#checkSign(result.value, problem);
  }

  #checkSign(
    amount: Decimal,
    problem: (code: RowIssueCode, expected: LocalizedText) => undefined,
  ): Decimal | undefined {
    if (amount.isNegative() || amount.isZero()) {
      return problem(
        amount.isZero() ? "invalid-amount" : "negative-amount",
        text(
          "een bedrag groter dan nul (creditnota's worden niet ingelezen)",
          "un montant supérieur à zéro (les notes de crédit ne sont pas importées)",
          "an amount greater than zero (credit notes are not imported)",
        ),
      );
    }
    return new Decimal(amount.toFixed(2));
  }

  #isRequired(field: string): boolean {
    const profile = this.#profile;
    if (REQUIRED_FIELDS[profile.kind].includes(field)) return true;
    if (
      (profile.kind === "cases" || profile.kind === "payments") &&
      groupFieldOf(profile.grouping) === field
    )
      return true;
    return false;
  }

  #buildRecord(
    values: Record<string, unknown>,
    line: number,
    issues: RowIssue[],
  ): ImportRecord | null {
    const profile = this.#profile;
    const str = (field: string): string | undefined => values[field] as string | undefined;
    const contacts = (): ContactValue[] => {
      const list: ContactValue[] = [];
      const address =
        str("address") ??
        [str("street"), [str("postalCode"), str("city")].filter(Boolean).join(" "), str("country")]
          .filter((part) => part !== undefined && part !== "")
          .join(", ");
      if (address !== "") list.push({ kind: "address", value: address });
      const email = str("email");
      if (email !== undefined) list.push({ kind: "email", value: email });
      const phone = str("phone");
      if (phone !== undefined) list.push({ kind: "phone", value: phone });
      return list;
    };
    switch (profile.kind) {
      case "cases": {
        const enterpriseNumber = str("enterpriseNumber");
        const nationalNumber = str("nationalNumber");
        const iban = str("iban");
        const debtorKind =
          (values.debtorKind as "natural-person" | "legal-person" | undefined) ??
          (enterpriseNumber !== undefined ? "legal-person" : "natural-person");
        const consumer =
          (values.debtorConsumer as boolean | undefined) ?? debtorKind === "natural-person";
        const clientReference = str("clientReference");
        const description = str("description");
        const paymentReference = str("paymentReference");
        return {
          kind: "cases",
          groupKey: str(groupFieldOf(profile.grouping)) as string,
          ...(clientReference !== undefined ? { clientReference } : {}),
          debtor: {
            id: str("debtorId") as string,
            kind: debtorKind,
            name: str("debtorName") as string,
            language: values.debtorLanguage as "nl" | "fr" | "en" | "de",
            consumer,
            ...(enterpriseNumber !== undefined ? { enterpriseNumber } : {}),
            ...(nationalNumber !== undefined ? { nationalNumber } : {}),
            ...(iban !== undefined ? { iban } : {}),
            contacts: contacts(),
          },
          claim: {
            invoiceNumber: str("invoiceNumber") as string,
            invoiceDate: values.invoiceDate as Temporal.PlainDate,
            dueDate: values.dueDate as Temporal.PlainDate,
            amount: values.amount as Decimal,
            ...(description !== undefined ? { description } : {}),
          },
          ...(paymentReference !== undefined ? { paymentReference } : {}),
        };
      }
      case "payments": {
        const groupKey = str(groupFieldOf(profile.grouping)) as string;
        const date = values.date as Temporal.PlainDate;
        const amount = values.amount as Decimal;
        const reference = str("reference");
        const paymentKey =
          str("paymentId") ??
          `${groupKey}|${date.toString()}|${amount.toFixed(2)}|${reference ?? ""}`;
        return {
          kind: "payments",
          groupKey,
          paymentKey,
          date,
          amount,
          ...(reference !== undefined ? { reference } : {}),
        };
      }
      case "contacts": {
        for (const by of profile.matchBy) {
          const value = str(matchFieldOf(by));
          if (value !== undefined && value !== "") {
            const list = contacts();
            if (list.length === 0) {
              issues.push(
                rowIssue("missing-value", {
                  row: line,
                  column: null,
                  field: null,
                  value: null,
                  expected: text(
                    "een adres, e-mailadres of telefoonnummer",
                    "une adresse, une adresse e-mail ou un numéro de téléphone",
                    "an address, an e-mail address or a phone number",
                  ),
                }),
              );
              return null;
            }
            return {
              kind: "contacts",
              match: { by, value },
              contacts: list,
              source: str("source") as string,
              date: values.date as Temporal.PlainDate,
            };
          }
        }
        const names = profile.matchBy.map((by) => matchFieldOf(by)).join(", ");
        issues.push(
          rowIssue("no-match", {
            row: line,
            column: null,
            field: null,
            value: null,
            expected: text(
              `een waarde in een van ${names}`,
              `une valeur dans l'un de ${names}`,
              `a value in one of ${names}`,
            ),
          }),
        );
        return null;
      }
      case "mass-action": {
        const action = (values.action as MassActionWord | undefined) ?? "order";
        const dueDate = values.dueDate as Temporal.PlainDate | undefined;
        const until = values.until as Temporal.PlainDate | undefined;
        const labelOf = (field: string) =>
          this.#columns.find((column) => column.field === field)?.label ?? null;
        const words = {
          order: text("order (opdracht)", "order (commander)", "order"),
          suspend: text("suspend (opschorten)", "suspend (suspendre)", "suspend"),
          resume: text("resume (hervatten)", "resume (reprendre)", "resume"),
          "set-status": text("set-status (status)", "set-status (statut)", "set-status"),
          "assign-owner": text(
            "assign-owner (toewijzen)",
            "assign-owner (attribuer)",
            "assign-owner",
          ),
        }[action];
        const wanted = MASS_ACTION_FIELDS[action];
        let wrong = false;
        for (const field of ["activity", "until", "status", "owner"]) {
          const given = values[field] !== undefined;
          if (wanted.includes(field) && !given && !(field === "until")) {
            wrong = true;
            issues.push(
              rowIssue("missing-value", {
                row: line,
                column: labelOf(field),
                field,
                value: "",
                expected: text(
                  `een waarde voor ${field} bij de actie ${words.nl}`,
                  `une valeur pour ${field} avec l'action ${words.fr}`,
                  `a value for ${field} with the action ${words.en}`,
                ),
              }),
            );
          } else if (!wanted.includes(field) && given) {
            wrong = true;
            const value = values[field];
            issues.push(
              rowIssue("invalid-value", {
                row: line,
                column: labelOf(field),
                field,
                value: typeof value === "string" ? value : String(value),
                expected: text(
                  `een lege cel: de actie ${words.nl} leest geen ${field}`,
                  `une cellule vide : l'action ${words.fr} ne lit pas ${field}`,
                  `an empty cell: the action ${words.en} reads no ${field}`,
                ),
              }),
            );
          }
        }
        if (
          until !== undefined &&
          dueDate !== undefined &&
          until.toString() <= dueDate.toString()
        ) {
          wrong = true;
          issues.push(
            rowIssue("invalid-value", {
              row: line,
              column: labelOf("until"),
              field: "until",
              value: until.toString(),
              expected: text(
                `een dag na ${dueDate.toString()}, de dag van de opschorting`,
                `un jour après le ${dueDate.toString()}, jour de la suspension`,
                `a day after ${dueDate.toString()}, the day of the suspension`,
              ),
            }),
          );
        }
        if (wrong) return null;
        const note = str("note");
        const reason = str("reason");
        const activity = str("activity");
        const owner = str("owner");
        const status = values.status as MassActionRowRecord["status"];
        return {
          kind: "mass-action",
          caseNumber: str("caseNumber") as string,
          // Absent when the row says none: an order, as rows of files before actions were read.
          ...(values.action !== undefined ? { action } : {}),
          ...(activity !== undefined ? { activity } : {}),
          ...(dueDate !== undefined ? { dueDate } : {}),
          ...(note !== undefined ? { note } : {}),
          ...(owner !== undefined ? { owner } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(until !== undefined ? { until } : {}),
          ...(reason !== undefined ? { reason } : {}),
        };
      }
    }
  }
}
