import { DEFAULT_PROFILE } from "./default-profile.js";
import type { HandoverProfile } from "./handover-profile.js";

/**
 * The `organi` profile: a PLACEHOLDER, not Organi's format. No specification of the import format
 * of the Organi bailiff software is public (see `docs/bailiff-handover.md`), so this profile holds
 * our default layout with every field an office's specification sets marked unconfirmed, and
 * `confirmedFrom` null. The exporter refuses to run with it (`assertProfileConfirmed`) until an
 * office that uses Organi supplies its import specification or a sample file and the fields are
 * set and confirmed from it.
 *
 * @example
 * ```ts
 * import { ORGANI_PROFILE } from "@incasso/export-organi";
 * ORGANI_PROFILE.unconfirmed; // every field to set from the office's specification
 * ```
 */
export const ORGANI_PROFILE: HandoverProfile = {
  ...DEFAULT_PROFILE,
  id: "organi",
  version: "0.0-placeholder",
  name: "Organi (placeholder, to be completed from the office's import specification)",
  description:
    "PLACEHOLDER. Not Organi's import format: no specification is public. The layout is Incasso's default until a bailiff office that uses Organi supplies its import specification or a sample file; every field below is unconfirmed and the exporter refuses this profile until each is set and confirmed.",
  confirmedFrom: null,
  unconfirmed: [
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
  ],
};

/**
 * The built-in profiles by id: `default` (documented, ready) and `organi` (a placeholder the
 * exporter refuses until completed).
 *
 * @example
 * ```ts
 * import { BUILT_IN_PROFILES } from "@incasso/export-organi";
 * Object.keys(BUILT_IN_PROFILES); // ["default", "organi"]
 * ```
 */
export const BUILT_IN_PROFILES: Readonly<Record<string, HandoverProfile>> = {
  default: DEFAULT_PROFILE,
  organi: ORGANI_PROFILE,
};
