import QRCode from "qrcode";

/**
 * The QR code of some bytes at error correction M (what EPC069-12 requires), as an inline SVG of
 * `sizeMm` millimetres with the quiet zone of 4 modules the standard asks for. The bytes are
 * encoded in byte mode exactly as given (never re-encoded as text), so a UTF-8 payload stays
 * UTF-8.
 *
 * @example
 * ```ts
 * import { epcQrPayload } from "@incasso/core";
 * import { qrSvg } from "@incasso/documents";
 * const svg = qrSvg(epcQrPayload({ name: "Acme NV", iban: "BE71096123456769", amount: "10.00" }).bytes);
 * ```
 */
export function qrSvg(bytes: Uint8Array, sizeMm = 32): string {
  const code = QRCode.create([{ data: bytes, mode: "byte" }], { errorCorrectionLevel: "M" });
  const size = code.modules.size;
  const quiet = 4;
  const total = size + 2 * quiet;
  let path = "";
  for (let row = 0; row < size; row++)
    for (let column = 0; column < size; column++)
      if (code.modules.get(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
  return `<svg class="epc-qr" xmlns="http://www.w3.org/2000/svg" width="${sizeMm}mm" height="${sizeMm}mm" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges" role="img" aria-label="EPC QR"><rect width="${total}" height="${total}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

/**
 * The same QR code as a PNG image (for a Word document): `scale` pixels per module, the quiet zone
 * of 4 modules, error correction M, the bytes in byte mode.
 *
 * @example
 * ```ts
 * import { qrPng } from "@incasso/documents";
 * const png = await qrPng(new TextEncoder().encode("BCD\n002\n1\nSCT"));
 * ```
 */
export async function qrPng(bytes: Uint8Array, scale = 8): Promise<Uint8Array> {
  const buffer = await QRCode.toBuffer([{ data: Buffer.from(bytes), mode: "byte" }], {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 4,
    scale,
  });
  return new Uint8Array(buffer);
}
