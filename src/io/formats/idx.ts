import { promises as fs } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError } from '../../common/errors.js';

/** An IDX array (the format of MNIST and Fashion-MNIST): unsigned bytes with their dimensions. */
export interface IdxArray {
  readonly dims: number[];
  readonly data: Uint8Array;
}

/**
 * Reads an IDX file, gzipped or not (told apart by the gzip magic, not the name). Only the unsigned-byte type
 * (0x08) is accepted: it is the only one the image data sets use. Errors name the file and what is wrong.
 */
export async function readIdx(file: string): Promise<IdxArray> {
  let bytes: Uint8Array = await fs.readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DataError(`${file}: corrupt gzip data (${(e as Error).message})`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new DataError(`${file}: not an IDX file (bad magic number)`);
  if (bytes[2] !== 0x08) throw new DataError(`${file}: IDX element type 0x${bytes[2].toString(16)} is not supported (only unsigned bytes)`);
  const rank = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * rank;
  if (rank === 0 || bytes.length < header) throw new DataError(`${file}: truncated IDX header`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - header !== size) {
    throw new DataError(`${file}: IDX header says [${dims.join(', ')}] (${size} bytes) but the file holds ${bytes.length - header}`);
  }
  return { dims, data: bytes.subarray(header) };
}

/** Encodes unsigned bytes as an IDX file (uncompressed); used to cut fixture subsets. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
