/** The module's image: 256 × 288 pixels, 4 bits each, two a byte, high nibble = left pixel. */
const IMAGE_WIDTH = 256;
const IMAGE_HEIGHT = 288;
export const PACKED_IMAGE_LENGTH = (IMAGE_WIDTH * IMAGE_HEIGHT) / 2;

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** One byte a pixel, rows top to bottom, 0 = black. */
  readonly pixels: Uint8Array;
}

/** 4-bit levels stretched to 8 bits (×17), so 0xF is 255, not 240. */
export function unpackImage(packed: Uint8Array): GreyImage {
  const pixels = new Uint8Array(packed.length * 2);
  for (let i = 0; i < packed.length; i += 1) {
    const byte = packed[i] ?? 0;
    pixels[2 * i] = (byte >> 4) * 17;
    pixels[2 * i + 1] = (byte & 0x0f) * 17;
  }
  return { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, pixels };
}
