export { formatBeEnterpriseNumber, isValidBeEnterpriseNumber } from "./be-enterprise-number.js";
export {
  type BeNationalNumber,
  isValidBeNationalNumber,
  parseBeNationalNumber,
} from "./be-national-number.js";
export {
  createOgm,
  findOgms,
  formatOgm,
  isValidOgm,
  type OgmDelimiter,
  ogmCheckDigits,
  parseOgm,
} from "./be-structured-communication.js";
export { formatIban, IBAN_LENGTHS, isValidIban } from "./iban.js";
export { lettersToDigits, mod97 } from "./mod97.js";
export {
  createNlPaymentReference,
  isValidNlPaymentReference,
  nlPaymentReferenceCheckDigit,
} from "./nl-payment-reference.js";
export {
  isMobileNumber,
  type PhoneNumber,
  type PhoneNumberKind,
  type PhoneNumberOptions,
  parsePhoneNumber,
  toE164,
} from "./phone-number.js";
export {
  createRfReference,
  formatRfReference,
  isValidRfReference,
} from "./rf-creditor-reference.js";
