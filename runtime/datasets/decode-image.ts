/**
 * PNG and JPEG bytes to RGBA pixels with pure-JS decoders (fast-png, jpeg-js),
 * so the same code runs in Node and in the page, with no canvas. A decoder
 * that cannot read a file throws; image-folder.ts turns that into a problem
 * that names the file.
 */
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';

/** 8-bit RGBA pixels, row-major: `rgba.length === width * height * 4`. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export type ImageFormat = 'PNG' | 'JPEG';

/** The format the file's first bytes announce, whatever its name says. */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (starts([0xff, 0xd8, 0xff])) return 'JPEG';
  return undefined;
}

/** Decodes a PNG or JPEG (see imageFormat); throws when the bytes are not a readable image of that format. */
export function decodeImage(bytes: Uint8Array, format: ImageFormat): RgbaImage {
  if (format === 'JPEG') {
    // 100 megapixels is more than any camera; the limit keeps a hostile header from asking for gigabytes.
    const { width, height, data } = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
    return { width, height, rgba: data };
  }
  return pngToRgba(decodePng(bytes));
}

function pngToRgba(png: DecodedPng): RgbaImage {
  const { width, height } = png;
  const pixels = width * height;
  // Indexed colour expands to RGB(A) through the palette; other images have 1–4 channels of 1–16 bits.
  const [samples, channels, depth] = png.palette ? [convertIndexedToRgb(png), png.palette[0]!.length, 8] : [png.data, png.channels, png.depth];
  const read = sampleReader(samples, depth, width * channels);
  const rgba = new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const at = (c: number) => read(Math.floor(p / width), (p % width) * channels + c);
    const grey = channels <= 2;
    rgba[p * 4] = at(0);
    rgba[p * 4 + 1] = grey ? at(0) : at(1);
    rgba[p * 4 + 2] = grey ? at(0) : at(2);
    rgba[p * 4 + 3] = channels === 2 ? at(1) : channels === 4 ? at(3) : 255;
  }
  return { width, height, rgba };
}

/** Sample `index` of row `row` as 0–255, whatever the bit depth (rows of 1, 2 and 4-bit samples are packed and start on a byte). */
function sampleReader(data: ArrayLike<number>, depth: number, perRow: number): (row: number, index: number) => number {
  if (depth === 8) return (row, index) => data[row * perRow + index]!;
  if (depth === 16) return (row, index) => data[row * perRow + index]! >> 8;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const max = (1 << depth) - 1;
  return (row, index) => {
    const bit = index * depth;
    const byte = data[row * rowBytes + (bit >> 3)]!;
    return Math.round((((byte >> (8 - depth - (bit & 7))) & max) * 255) / max);
  };
}
