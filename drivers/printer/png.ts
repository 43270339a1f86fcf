import { Image, createCanvas } from '@napi-rs/canvas';
import { type Raster, rasterFromRgba, rasterToRgba } from './raster';

/** A raster as a PNG: black dots on white, one pixel per dot. */
export async function rasterToPng(raster: Raster): Promise<Uint8Array> {
  const canvas = createCanvas(Math.max(1, raster.width), Math.max(1, raster.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (raster.width > 0 && raster.height > 0) {
    const image = context.createImageData(raster.width, raster.height);
    image.data.set(rasterToRgba(raster));
    context.putImageData(image, 0, 0);
  }
  const png = await canvas.encode('png');
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** A PNG read back as dots (darker than mid-grey burns). */
export function pngToRaster(png: Uint8Array): Raster {
  const image = new Image();
  image.src = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height);
  return rasterFromRgba(pixels.data, image.width, image.height);
}
