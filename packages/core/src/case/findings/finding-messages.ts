import type { LocalizedName } from "../../calendar/calendar-definition.js";
import type { FindingCode, FindingParams } from "./finding-code.js";
import { FINDING_MESSAGES_EN } from "./messages.en.js";
import { FINDING_MESSAGES_FR } from "./messages.fr.js";
import { FINDING_MESSAGES_NL } from "./messages.nl.js";

/**
 * A catalogue of finding messages in one language: for every code, the sentence made from its
 * params. The mapped type makes a catalogue name every code and no other.
 *
 * @internal
 */
export type FindingMessages = {
  readonly [C in FindingCode]: (params: FindingParams[C]) => string;
};

/**
 * The catalogue of every language a finding is told in.
 *
 * @internal
 */
export const FINDING_CATALOGUES: {
  readonly [L in keyof LocalizedName]: FindingMessages;
} = { nl: FINDING_MESSAGES_NL, fr: FINDING_MESSAGES_FR, en: FINDING_MESSAGES_EN };

/**
 * The message of a finding in every language, made from its code and params by the catalogues.
 *
 * @internal
 */
export function findingMessage<C extends FindingCode>(
  code: C,
  params: FindingParams[C],
): LocalizedName {
  // The key order (en, nl, fr) is the order findings have always been serialised in.
  return {
    en: FINDING_MESSAGES_EN[code](params),
    nl: FINDING_MESSAGES_NL[code](params),
    fr: FINDING_MESSAGES_FR[code](params),
  };
}
