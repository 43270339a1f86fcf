/** CRC-16/XMODEM (poly 1021, init 0000, no reflection, no final xor), as the Sankyo frame uses. */
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    table[byte] = crc;
  }
  return table;
}

/** `crc` lets a caller continue over several slices without joining them. */
export function crc16Xmodem(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  let value = crc;
  for (let i = start; i < end; i++) {
    value = ((value << 8) & 0xffff) ^ (TABLE[((value >>> 8) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  }
  return value;
}
