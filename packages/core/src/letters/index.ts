export {
  type EpcQrPayload,
  type EpcQrRequest,
  epcQrPayload,
  epcQrRequestSchema,
  type OgmPlacement,
} from "./epc-qr.js";
export { checkLetter, type LetterCheckFinding } from "./letter-checks.js";
export {
  formatLetterDate,
  type LetterAmount,
  type LetterContext,
  type LetterDate,
  type LetterKind,
  type LetterRequest,
  letterContext,
  letterRequestSchema,
} from "./letter-context.js";
