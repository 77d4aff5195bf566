// The demo's import: the import profile of the Belgian demo firm's business client (Acme Bouw),
// kept among the firm's profiles so the import page's picker offers it, and a file of that client
// in `<data dir>/demo/` with three new cases, one of them with a due date that does not exist, so
// that a newcomer sees the dry run report the bad row and the apply leave that case out whole.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ServerServices } from "../context.js";
import { saveProfile } from "./work-files.js";

/**
 * The demo client's import profile (the Belgian conventions: semicolons, a decimal comma with a
 * dot for thousands, dates as 31/01/2026, UTF-8).
 *
 * @example
 * ```ts
 * DEMO_IMPORT_PROFILE.id; // "acme-bouw-cases"
 * ```
 */
export const DEMO_IMPORT_PROFILE = {
  version: 1,
  id: "acme-bouw-cases",
  clientId: "acme-bouw",
  kind: "cases",
  encoding: "auto",
  delimiter: ";",
  decimalSeparator: ",",
  thousandsSeparator: ".",
  dateFormats: ["dd/mm/yyyy"],
  grouping: "client-reference",
  newCases: { rulePack: "be.b2b" },
  columns: {
    clientReference: { name: "Dossier" },
    debtorId: { name: "Klantnummer", aliases: ["N° client"] },
    debtorName: { name: "Naam", aliases: ["Nom"], transforms: ["collapse-spaces"] },
    debtorLanguage: { name: "Taal", aliases: ["Langue"] },
    debtorKind: { constant: "legal-person" },
    street: { name: "Straat" },
    postalCode: { name: "Postcode" },
    city: { name: "Gemeente" },
    country: { constant: "BE" },
    email: { name: "E-mail" },
    invoiceNumber: { name: "Factuur" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldag" },
    amount: { name: "Openstaand" },
  },
} as const;

/**
 * The demo client's file: three cases; line 4 (the second invoice of IMP-002) has the due date
 * 31/02/2026, which does not exist.
 *
 * @example
 * ```ts
 * DEMO_IMPORT_CSV.split("\r\n")[0]; // the header row
 * ```
 */
export const DEMO_IMPORT_CSV = [
  "Dossier;Klantnummer;Naam;Taal;Straat;Postcode;Gemeente;E-mail;Factuur;Factuurdatum;Vervaldag;Openstaand",
  "IMP-001;K2001;Bouwbedrijf Wouters BV;N;Kerkstraat 1;9000;Gent;boekhouding@wouters-bouw.example;AB-2026-0701;02/10/2026;01/11/2026;2.450,00",
  "IMP-002;K2002;Lemaire Toitures SRL;F;Rue Haute 12;5000;Namur;compta@lemaire.example;AB-2026-0702;05/10/2026;04/11/2026;980,25",
  "IMP-002;K2002;Lemaire Toitures SRL;F;Rue Haute 12;5000;Namur;compta@lemaire.example;AB-2026-0715;12/10/2026;31/02/2026;310,00",
  "IMP-003;K2003;Peeters Elektro BV;N;Molenstraat 8;3000;Leuven;ap@peeters-elektro.example;AB-2026-0733;20/10/2026;19/11/2026;1.125,60",
  "",
].join("\r\n");

/**
 * Keeps the demo profile among the Belgian demo firm's import profiles and writes the demo file
 * to `<data dir>/demo/acme-bouw-import.csv`; answers the file's path. Doing it again changes
 * nothing.
 *
 * @example
 * ```ts
 * const path = await writeDemoImport(services, "be-peeters");
 * ```
 */
export async function writeDemoImport(services: ServerServices, tenantId: string): Promise<string> {
  await saveProfile(services.dataDir, tenantId, DEMO_IMPORT_PROFILE);
  const dir = join(services.dataDir, "demo");
  await mkdir(dir, { recursive: true });
  const path = join(dir, "acme-bouw-import.csv");
  await writeFile(path, DEMO_IMPORT_CSV, "utf8");
  return path;
}
