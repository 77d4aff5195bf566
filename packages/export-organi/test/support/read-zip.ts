import { crc32, inflateRawSync } from "node:zlib";

/** One entry of a ZIP as its headers give it, with its data inflated and checked. */
export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly madeBy: number;
  readonly externalAttributes: number;
  readonly data: Uint8Array;
}

const fail = (message: string): never => {
  throw new Error(`ZIP: ${message}`);
};

/**
 * Reads a ZIP from the specification (PKWARE APPNOTE 4.3), without jszip: the end of central
 * directory (no comment), each central header and the local header it points at (the same name,
 * flags, method, time, date, CRC and sizes), the data inflated with zlib and its CRC-32 and size
 * checked. The entries must follow one another from byte 0, and the central directory must follow
 * the last: nothing hidden between or after them. Throws on the first thing that is wrong.
 */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== 0x06054b50)
    fail("no end of central directory record in the last 22 bytes");
  const count = view.getUint16(end + 10, true);
  if (view.getUint16(end + 8, true) !== count) fail("entry counts differ");
  const centralSize = view.getUint32(end + 12, true);
  const centralStart = view.getUint32(end + 16, true);
  if (centralStart + centralSize !== end) fail("the central directory does not end at the EOCD");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const entries: ZipEntry[] = [];
  let central = centralStart;
  let expectedLocal = 0;
  for (let index = 0; index < count; index++) {
    if (view.getUint32(central, true) !== 0x02014b50) fail(`no central header ${index}`);
    const u16 = (at: number) => view.getUint16(at, true);
    const u32 = (at: number) => view.getUint32(at, true);
    const nameLength = u16(central + 28);
    const extraLength = u16(central + 30);
    const commentLength = u16(central + 32);
    const name = decoder.decode(bytes.subarray(central + 46, central + 46 + nameLength));
    const header = {
      flags: u16(central + 8),
      method: u16(central + 10),
      dosTime: u16(central + 12),
      dosDate: u16(central + 14),
      crc: u32(central + 16),
      compressedSize: u32(central + 20),
      size: u32(central + 24),
    };
    const local = u32(central + 42);
    if (local !== expectedLocal)
      fail(`${name}: its local header is at ${local}, not ${expectedLocal}`);
    if (u32(local) !== 0x04034b50) fail(`${name}: no local header`);
    const localHeader = {
      flags: u16(local + 6),
      method: u16(local + 8),
      dosTime: u16(local + 10),
      dosDate: u16(local + 12),
      crc: u32(local + 14),
      compressedSize: u32(local + 18),
      size: u32(local + 22),
    };
    for (const key of Object.keys(header) as (keyof typeof header)[])
      if (header[key] !== localHeader[key]) fail(`${name}: ${key} differs between its headers`);
    const localNameLength = u16(local + 26);
    const localName = decoder.decode(bytes.subarray(local + 30, local + 30 + localNameLength));
    if (localName !== name) fail(`${name}: its local header names ${localName}`);
    const start = local + 30 + localNameLength + u16(local + 28);
    const raw = bytes.subarray(start, start + header.compressedSize);
    const data =
      header.method === 8
        ? new Uint8Array(inflateRawSync(raw))
        : header.method === 0
          ? raw
          : fail(`${name}: compression method ${header.method}`);
    if (data.length !== header.size) fail(`${name}: ${data.length} bytes, not ${header.size}`);
    if (crc32(data) !== header.crc) fail(`${name}: CRC-32 does not match`);
    entries.push({
      name,
      ...header,
      madeBy: u16(central + 4),
      externalAttributes: u32(central + 38),
      data,
    });
    expectedLocal = start + header.compressedSize;
    central += 46 + nameLength + extraLength + commentLength;
  }
  if (expectedLocal !== centralStart)
    fail("bytes between the last entry and the central directory");
  return entries;
}
