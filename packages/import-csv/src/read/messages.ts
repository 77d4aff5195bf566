import type { LocalizedText, RowIssue, RowIssueCode } from "../records.js";

/** What went wrong, per code, as the middle of a sentence about the value. */
const PROBLEMS: Record<RowIssueCode, LocalizedText> = {
  encoding: {
    nl: "bevat tekens die niet in de codering van het bestand passen",
    fr: "contient des caractères qui ne correspondent pas à l'encodage du fichier",
    en: "holds characters that do not fit the file's encoding",
  },
  "missing-column": {
    nl: "ontbreekt in de kopregel",
    fr: "manque dans la ligne d'en-tête",
    en: "is missing from the header",
  },
  "duplicate-column": {
    nl: "staat meer dan eens in de kopregel",
    fr: "figure plus d'une fois dans la ligne d'en-tête",
    en: "appears more than once in the header",
  },
  "ragged-row": {
    nl: "heeft niet het aantal kolommen van de kopregel",
    fr: "n'a pas le nombre de colonnes de la ligne d'en-tête",
    en: "does not have the header's number of columns",
  },
  "unterminated-quote": {
    nl: "heeft een aanhalingsteken dat nooit gesloten wordt",
    fr: "contient un guillemet jamais refermé",
    en: "has a quote that is never closed",
  },
  "cell-too-long": { nl: "is te lang", fr: "est trop longue", en: "is too long" },
  "record-too-long": { nl: "is te lang", fr: "est trop longue", en: "is too long" },
  "control-character": {
    nl: "bevat stuurtekens (zoals NUL)",
    fr: "contient des caractères de contrôle (comme NUL)",
    en: "contains control characters (such as NUL)",
  },
  "missing-value": { nl: "is leeg", fr: "est vide", en: "is empty" },
  "invalid-amount": {
    nl: "is geen geldig bedrag",
    fr: "n'est pas un montant valide",
    en: "is not a valid amount",
  },
  "ambiguous-amount": {
    nl: "is een dubbelzinnig bedrag",
    fr: "est un montant ambigu",
    en: "is an ambiguous amount",
  },
  "too-many-decimals": {
    nl: "heeft meer dan 2 decimalen",
    fr: "a plus de 2 décimales",
    en: "has more than 2 decimals",
  },
  "negative-amount": {
    nl: "is geen positief bedrag",
    fr: "n'est pas un montant positif",
    en: "is not a positive amount",
  },
  "amount-out-of-range": {
    nl: "is een te groot bedrag",
    fr: "est un montant trop grand",
    en: "is too large an amount",
  },
  "invalid-date": {
    nl: "is geen geldige datum",
    fr: "n'est pas une date valide",
    en: "is not a valid date",
  },
  "date-out-of-range": {
    nl: "ligt buiten de toegelaten jaren",
    fr: "est en dehors des années admises",
    en: "lies outside the years allowed",
  },
  "excel-scientific": {
    nl: "werd door Excel in wetenschappelijke notatie gezet: cijfers zijn verloren",
    fr: "a été mis en notation scientifique par Excel : des chiffres sont perdus",
    en: "was turned into scientific notation by Excel: digits are lost",
  },
  "excel-serial-date": {
    nl: "is een Excel-dagnummer in plaats van een geschreven datum",
    fr: "est un numéro de jour Excel au lieu d'une date écrite",
    en: "is an Excel day number instead of a written date",
  },
  "invalid-value": {
    nl: "is geen toegelaten waarde",
    fr: "n'est pas une valeur admise",
    en: "is not an accepted value",
  },
  "invalid-ogm": {
    nl: "is geen geldige gestructureerde mededeling",
    fr: "n'est pas une communication structurée valide",
    en: "is not a valid structured communication",
  },
  "invalid-enterprise-number": {
    nl: "is geen geldig ondernemingsnummer",
    fr: "n'est pas un numéro d'entreprise valide",
    en: "is not a valid enterprise number",
  },
  "invalid-national-number": {
    nl: "is geen geldig rijksregisternummer",
    fr: "n'est pas un numéro de registre national valide",
    en: "is not a valid national number",
  },
  "invalid-iban": {
    nl: "is geen geldig IBAN",
    fr: "n'est pas un IBAN valide",
    en: "is not a valid IBAN",
  },
  "invalid-phone": {
    nl: "is geen geldig telefoonnummer",
    fr: "n'est pas un numéro de téléphone valide",
    en: "is not a valid phone number",
  },
  "invalid-email": {
    nl: "is geen geldig e-mailadres",
    fr: "n'est pas une adresse e-mail valide",
    en: "is not a valid e-mail address",
  },
  "too-long": { nl: "is te lang", fr: "est trop long", en: "is too long" },
  "no-match": {
    nl: "noemt niets om de schuldenaar te vinden",
    fr: "ne donne rien pour trouver le débiteur",
    en: "names nothing to find the debtor by",
  },
  formula: {
    nl: "begint als een rekenbladformule (nooit uitgevoerd)",
    fr: "commence comme une formule de tableur (jamais exécutée)",
    en: "starts like a spreadsheet formula (never evaluated)",
  },
  "path-like": {
    nl: "lijkt op een bestandspad",
    fr: "ressemble à un chemin de fichier",
    en: "looks like a file path",
  },
};

const MAX_VALUE = 200;

/** Cuts a value for a message and shows control characters visibly. */
export function shownValue(value: string): string {
  let shown = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  let visible = "";
  for (const character of shown) {
    const code = character.charCodeAt(0);
    visible +=
      code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, "0")}` : character;
  }
  shown = visible;
  return shown;
}

/** What a row issue needs besides its code: where, the value, what was expected. */
export interface IssueInput {
  readonly row: number;
  readonly column: string | null;
  readonly field: string | null;
  readonly value: string | null;
  readonly expected: LocalizedText;
  readonly severity?: "error" | "warning";
}

/** Builds a row issue with its message in Dutch, French and English. */
export function rowIssue(code: RowIssueCode, input: IssueInput): RowIssue {
  const problem = PROBLEMS[code];
  const value = input.value === null ? null : shownValue(input.value);
  const where = {
    nl: `Rij ${input.row}${input.column === null ? "" : `, kolom "${input.column}"`}`,
    fr: `Ligne ${input.row}${input.column === null ? "" : `, colonne « ${input.column} »`}`,
    en: `Row ${input.row}${input.column === null ? "" : `, column "${input.column}"`}`,
  };
  const subject = {
    nl: value === null ? "de rij" : value === "" ? "de cel" : `"${value}"`,
    fr: value === null ? "la ligne" : value === "" ? "la cellule" : `« ${value} »`,
    en: value === null ? "the row" : value === "" ? "the cell" : `"${value}"`,
  };
  return {
    row: input.row,
    column: input.column,
    field: input.field,
    value,
    code,
    severity: input.severity ?? (code === "formula" || code === "path-like" ? "warning" : "error"),
    expected: input.expected.en,
    message: {
      nl: `${where.nl}: ${subject.nl} ${problem.nl}; verwacht: ${input.expected.nl}.`,
      fr: `${where.fr} : ${subject.fr} ${problem.fr} ; attendu : ${input.expected.fr}.`,
      en: `${where.en}: ${subject.en} ${problem.en}; expected: ${input.expected.en}.`,
    },
  };
}

/** Builds a localized text from one template per language. */
export function text(nl: string, fr: string, en: string): LocalizedText {
  return { nl, fr, en };
}
