/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet: each of these characters is one septet.
 * Line feed and carriage return are in it; the escape code 0x1B is not a character of its own.
 */
const GSM_BASIC = new Set(
  [
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmnopqrstuvwxyzäöñüà",
  ].join(""),
);

/**
 * The characters of the GSM 03.38 extension table that a handset shows: each is sent as the
 * escape septet and one more, so it costs two septets.
 */
const GSM_EXTENSION = new Set(["\f", "^", "{", "}", "\\", "[", "~", "]", "|", "€"]);

/**
 * How an SMS text is sent and what it costs, from {@link smsSegments}: the encoding, the units
 * counted (septets for GSM-7, UTF-16 code units for UCS-2), the characters (Unicode code points),
 * the segments, the units a segment holds, how many units are still free in the last segment, and
 * the text cut into its segments.
 *
 * @example
 * ```ts
 * import type { SmsSegments } from "@incasso/core";
 * const cost: SmsSegments = { encoding: "GSM-7", units: 5, characters: 5, segments: 1, unitsPerSegment: 160, remaining: 155, parts: ["Hallo"] };
 * ```
 */
export interface SmsSegments {
  readonly encoding: "GSM-7" | "UCS-2";
  readonly units: number;
  readonly characters: number;
  readonly segments: number;
  readonly unitsPerSegment: number;
  readonly remaining: number;
  readonly parts: readonly string[];
}

const LIMITS = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
} as const;

/**
 * Whether every character of a text is in the GSM 03.38 default alphabet or its extension table,
 * so that it can be sent as GSM-7 (else it goes as UCS-2, at less than half the characters a
 * segment).
 *
 * @example
 * ```ts
 * import { isGsm7Text } from "@incasso/core";
 * isGsm7Text("Betaal € 120,00 vóór 1/12"); // false: ó is not in the GSM alphabet (é is)
 * ```
 */
export function isGsm7Text(text: string): boolean {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return false;
  return true;
}

function unitsOf(char: string, encoding: SmsSegments["encoding"]): number {
  if (encoding === "UCS-2") return char.length; // one UTF-16 code unit, two for a surrogate pair
  return GSM_EXTENSION.has(char) ? 2 : 1;
}

/** Cuts the characters into parts of at most `limit` units, never splitting a character. */
function pack(chars: readonly string[], encoding: SmsSegments["encoding"], limit: number) {
  const parts: string[] = [];
  let current = "";
  let used = 0;
  for (const char of chars) {
    const units = unitsOf(char, encoding);
    if (used + units > limit) {
      parts.push(current);
      current = "";
      used = 0;
    }
    current += char;
    used += units;
  }
  if (current !== "") parts.push(current);
  return { parts, lastUsed: used };
}

/**
 * What an SMS text costs before it is sent. A text whose every character is in the GSM 03.38
 * alphabet goes as GSM-7: 160 septets in one SMS, 153 a segment when concatenated (the user data
 * header takes the rest), and an extension character (`€ [ ] { } \ ^ ~ |` and form feed) costs
 * two septets and is never split across segments. One character outside it (an emoji, `ç`, a
 * curly quote, `ë`) makes the whole text UCS-2: 70 UTF-16 units in one SMS, 67 a segment, a
 * character outside the Basic Multilingual Plane (most emoji) two units, never split. An empty
 * text is 0 segments: nothing to send.
 *
 * @example
 * ```ts
 * import { smsSegments } from "@incasso/core";
 * smsSegments("Betaal € 120,00").units; // 16: the euro sign costs two septets
 * smsSegments("Bedankt 👍").encoding; // "UCS-2"
 * smsSegments("x".repeat(161)).segments; // 2
 * ```
 */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text];
  const encoding = isGsm7Text(text) ? "GSM-7" : "UCS-2";
  const limits = LIMITS[encoding];
  const units = chars.reduce((sum, char) => sum + unitsOf(char, encoding), 0);
  if (units === 0)
    return {
      encoding,
      units,
      characters: 0,
      segments: 0,
      unitsPerSegment: limits.single,
      remaining: limits.single,
      parts: [],
    };
  const unitsPerSegment = units <= limits.single ? limits.single : limits.multi;
  const { parts, lastUsed } = pack(chars, encoding, unitsPerSegment);
  return {
    encoding,
    units,
    characters: chars.length,
    segments: parts.length,
    unitsPerSegment,
    remaining: unitsPerSegment - lastUsed,
    parts,
  };
}

/**
 * The longest beginning of a text that fits in `maxSegments` SMS segments, cut between
 * characters (never inside an extension character or a surrogate pair), with `ellipsis` (default
 * `…`; give `...` to stay in GSM-7) at its end when the text had to be cut. A text that fits is
 * returned as it is.
 *
 * @example
 * ```ts
 * import { fitSms, smsSegments } from "@incasso/core";
 * const text = fitSms("x".repeat(500), 2, "...");
 * smsSegments(text).segments; // 2
 * ```
 */
export function fitSms(text: string, maxSegments: number, ellipsis = "…"): string {
  if (!Number.isInteger(maxSegments) || maxSegments < 1)
    throw new RangeError(`maxSegments must be a whole number from 1 (got ${maxSegments})`);
  if (smsSegments(text).segments <= maxSegments) return text;
  const chars = [...text];
  // Binary search on the number of characters kept: the cost only grows with the prefix.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (smsSegments(chars.slice(0, mid).join("") + ellipsis).segments <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join("") + ellipsis;
}
