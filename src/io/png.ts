import { deflateSync } from 'node:zlib';
import type { ImageShape } from './images.js';

/** Pixels per side of a cell in a grid, at least: 28-pixel images are drawn three times their size. */
const CELL = 84;
const GAP = 2;
/** Wider gap after the first column when it holds the source images. */
const SOURCE_GAP = 8;

export interface GridOptions {
  /** Set the first column apart (it holds the inputs, the other columns what was made from them). */
  readonly sourceColumn?: boolean;
}

/**
 * A PNG of images laid out in a grid, `rows[r][k]` in row r and column k (rows may be ragged), each magnified by a
 * whole factor (nearest neighbour, so the pixels stay visible) on a mid-grey background that reads on dark and light
 * images. Three-channel images are drawn in colour, others as the mean of their channels.
 */
export function imageGridPng(rows: readonly (readonly Float32Array[])[], shape: ImageShape, o: GridOptions = {}): Uint8Array {
  const { height: h, width: w, channels: c } = shape;
  const scale = Math.max(1, Math.floor(CELL / Math.max(h, w)));
  const colour = c === 3;
  const depth = colour ? 3 : 1;
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const sourceGap = o.sourceColumn ? SOURCE_GAP - GAP : 0;
  const width = GAP + columns * (w * scale + GAP) + sourceGap;
  const height = GAP + rows.length * (h * scale + GAP);
  const stride = 1 + width * depth;
  const raw = new Uint8Array(stride * height).fill(128);
  for (let y = 0; y < height; y++) raw[y * stride] = 0;
  const draw = (img: Float32Array, top: number, left: number): void => {
    for (let y = 0; y < h * scale; y++) {
      for (let x = 0; x < w * scale; x++) {
        const src = (Math.floor(y / scale) * w + Math.floor(x / scale)) * c;
        const dst = (top + y) * stride + 1 + (left + x) * depth;
        if (colour) {
          for (let k = 0; k < 3; k++) raw[dst + k] = toByte(img[src + k]);
        } else {
          let s = 0;
          for (let k = 0; k < c; k++) s += img[src + k];
          raw[dst] = toByte(s / c);
        }
      }
    }
  };
  rows.forEach((images, r) => {
    const top = GAP + r * (h * scale + GAP);
    images.forEach((img, k) => draw(img, top, GAP + k * (w * scale + GAP) + (k > 0 ? sourceGap : 0)));
  });
  return encodePng(raw, width, height, colour);
}

/** A PNG from 8-bit rows that already carry PNG's filter byte (0) in front: RGB when `colour`, else grey. */
function encodePng(filtered: Uint8Array, width: number, height: number, colour: boolean): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, colour ? 2 : 0, 0, 0, 0], 8);
  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(filtered)), chunk('IEND', new Uint8Array(0))]);
}

function toByte(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The CRC-32 that PNG chunks carry (zlib.crc32 exists only from Node 20.15, and causal supports all of Node 20). */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
