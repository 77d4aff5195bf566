import { fieldError } from "../errors/incasso-error.js";

/**
 * The kind of a telephone number, as far as the numbering plan tells it:
 *
 * - `mobile`: a mobile number (Belgium `+32 4[5-9]` and 9 digits after the country code;
 *   the Netherlands `+31 6` then 1 to 5 or 8, 9 digits in all), the only kind an SMS can reach
 *   for sure;
 * - `landline`: a geographic number (Belgium: 8 digits, area codes 1 to 9 except the service
 *   ranges; the Netherlands: 9 digits, area codes 1x to 5x and 7x);
 * - `non-geographic`: a service, corporate, paging or premium number (Belgium 070, 077, 078,
 *   0800, 090x; the Netherlands 0800, 090x, 066, 067, 082, 084, 085, 087, 088, 091);
 * - `unknown`: a number of another country, checked only for E.164's form (country code and at
 *   most 15 digits); its kind is not known here.
 *
 * @example
 * ```ts
 * import type { PhoneNumberKind } from "@incasso/core";
 * const kind: PhoneNumberKind = "mobile";
 * ```
 */
export type PhoneNumberKind = "mobile" | "landline" | "non-geographic" | "unknown";

/**
 * A telephone number read by {@link parsePhoneNumber}: its E.164 form (`+32470123456`), the
 * country when it is Belgian or Dutch, and its kind.
 *
 * @example
 * ```ts
 * import type { PhoneNumber } from "@incasso/core";
 * const number: PhoneNumber = { e164: "+32470123456", country: "BE", kind: "mobile" };
 * ```
 */
export interface PhoneNumber {
  readonly e164: string;
  readonly country: "BE" | "NL" | null;
  readonly kind: PhoneNumberKind;
}

/**
 * How to read a number written in national form (with the trunk prefix `0`): the country it is
 * dialled in, and the field's name for the error.
 *
 * @example
 * ```ts
 * import type { PhoneNumberOptions } from "@incasso/core";
 * const options: PhoneNumberOptions = { defaultCountry: "NL", field: "debtor.contacts.0.value" };
 * ```
 */
export interface PhoneNumberOptions {
  readonly defaultCountry: "BE" | "NL";
  /** The path of the field named in the error; `phoneNumber` when absent. */
  readonly field?: string;
}

const COUNTRY_CODES = { BE: "32", NL: "31" } as const;

/** The kind of a Belgian national significant number (without the trunk 0), or null when invalid. */
function belgianKind(nsn: string): PhoneNumberKind | null {
  // BIPT numbering plan: mobile numbers are 04xx xx xx xx (9 digits after the trunk 0) in the
  // ranges 045-049; every other number has 8 digits after the trunk 0.
  if (/^4[5-9]\d{7}$/.test(nsn)) return "mobile";
  if (!/^[1-9]\d{7}$/.test(nsn)) return null;
  if (/^(70|77|78|800|90)/.test(nsn)) return "non-geographic";
  return "landline";
}

/** The kind of a Dutch national significant number (without the trunk 0), or null when invalid. */
function dutchKind(nsn: string): PhoneNumberKind | null {
  // Nummerplan: 0800 and 090x service numbers have 4 or 7 digits after the 4-digit prefix.
  if (/^(800|90[069])(\d{4}|\d{7})$/.test(nsn)) return "non-geographic";
  // Every other number has 9 digits after the trunk 0: 061-065 and 068 mobile, area codes 01-05
  // and 07 geographic; 066 (paging), 067, 082 (VPN), 084 and 087 (personal assistance), 085 and
  // 091 (location-independent), 088 (companies) non-geographic. 097 (machine-to-machine) numbers
  // are longer and not read here.
  if (!/^[1-9]\d{8}$/.test(nsn)) return null;
  if (/^6[1-58]/.test(nsn)) return "mobile";
  if (/^([1-5]|7)/.test(nsn)) return "landline";
  if (/^(6[67]|8[24578]|91)/.test(nsn)) return "non-geographic";
  return null;
}

/**
 * Reads a Belgian or Dutch telephone number written in any usual form and gives its E.164 form
 * and kind, by the numbering plans: BIPT's for Belgium
 * (http://bipt.be/en/consumers/telephone/numbering/numbering-principles: 046x-049x for mobile
 * services, area codes such as 02, 03, 04; the 045x mobile ranges given out since are read as
 * mobiles too) and the Dutch Nummerplan telefoon- en ISDN-diensten (BWBR0010198; 061-065 and 068
 * mobile, 0800/0900/0906/0909 with 4 or 7 digits after the prefix). Forms read: national (`0470 12 34 56`, `06-12345678`, `02/226.88.88`), international with `+`
 * or `00` (`+32 470 12 34 56`, `0031 6 1234 5678`), with the trunk prefix in brackets
 * (`+32 (0)470 12 34 56`) or left in by mistake (`+3206...`). Spaces, dots, dashes, slashes and
 * brackets are ignored. A national number is read in `defaultCountry`. A number of another country
 * must be written internationally and is checked only for E.164's form (kind `unknown`). Anything
 * else (letters, a wrong length, a range the numbering plan does not use) is an `INVALID_INPUT`
 * error naming the field.
 *
 * @example
 * ```ts
 * import { parsePhoneNumber } from "@incasso/core";
 * parsePhoneNumber("06-12345678", { defaultCountry: "NL" }); // { e164: "+31612345678", country: "NL", kind: "mobile" }
 * ```
 */
export function parsePhoneNumber(input: string, options: PhoneNumberOptions): PhoneNumber {
  const field = options.field ?? "phoneNumber";
  const refuse = (expected: string) => fieldError("INVALID_INPUT", field, expected, input);
  if (typeof input !== "string") throw refuse("expected a telephone number as text");
  const trimmed = input.trim().replace(/\(0\)/g, "");
  if (!/^\+?[\d\s./()-]+$/.test(trimmed))
    throw refuse("expected a telephone number of digits, with + or 00 before a country code");
  const digits = trimmed.replace(/\D/g, "");
  let international: string;
  if (trimmed.startsWith("+")) international = digits;
  else if (digits.startsWith("00")) international = digits.slice(2);
  else if (digits.startsWith("0"))
    international = `${COUNTRY_CODES[options.defaultCountry]}${digits.slice(1)}`;
  else
    throw refuse(
      "expected a national number starting with 0, or an international one with + or 00",
    );

  for (const country of ["BE", "NL"] as const) {
    const code = COUNTRY_CODES[country];
    if (!international.startsWith(code)) continue;
    // A trunk 0 left after the country code (+32 0470...) is dropped: no Belgian or Dutch
    // national significant number starts with 0.
    const nsn = international.slice(code.length).replace(/^0/, "");
    const kind = country === "BE" ? belgianKind(nsn) : dutchKind(nsn);
    if (kind === null)
      throw refuse(
        country === "BE"
          ? "expected a Belgian number: 8 digits after 0 (landline, service) or 04xx and 8 digits (mobile)"
          : "expected a Dutch number: 9 digits after 0 (06 for mobiles), or 0800/090x and 4 or 7 digits",
      );
    return { e164: `+${code}${nsn}`, country, kind };
  }
  if (!/^[1-9]\d{7,14}$/.test(international))
    throw refuse("expected an international number: a country code and at most 15 digits in all");
  return { e164: `+${international}`, country: null, kind: "unknown" };
}

/**
 * The E.164 form (`+32470123456`) of a Belgian or Dutch telephone number written in any usual
 * form; see {@link parsePhoneNumber} for the forms read and the errors.
 *
 * @example
 * ```ts
 * import { toE164 } from "@incasso/core";
 * toE164("+32 (0)470 12 34 56", { defaultCountry: "BE" }); // "+32470123456"
 * toE164("0031 6 1234 5678", { defaultCountry: "BE" }); // "+31612345678"
 * ```
 */
export function toE164(input: string, options: PhoneNumberOptions): string {
  return parsePhoneNumber(input, options).e164;
}

/**
 * Whether a number is a Belgian or Dutch mobile number (one an SMS reaches). A landline, a service
 * number, a number of another country or a text that is no valid number answers false.
 *
 * @example
 * ```ts
 * import { isMobileNumber } from "@incasso/core";
 * isMobileNumber("+32470123456"); // true
 * isMobileNumber("02 226 88 88", { defaultCountry: "BE" }); // false: a Brussels landline
 * ```
 */
export function isMobileNumber(
  input: string,
  options: PhoneNumberOptions = { defaultCountry: "BE" },
): boolean {
  try {
    return parsePhoneNumber(input, options).kind === "mobile";
  } catch {
    return false;
  }
}
