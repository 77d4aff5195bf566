export {
  type EpcQrPayload,
  type EpcQrRequest,
  epcQrPayload,
  epcQrRequestSchema,
  type OgmPlacement,
} from "./epc-qr.js";
