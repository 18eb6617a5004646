/**
 * The opening the key-array algorithms share (sorts, minimum, quickselect): a working copy of the keys, and a
 * recorder holding the inputs every one of them records, `pos` and `key`.
 */
import { positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import type { KeysInput } from '../samplers.js';
import { SPECS } from '../specs.js';

export function startKeysSample(name: string, input: KeysInput): { a: number[]; n: number; rec: SampleRecorder } {
  const a = Array.from(input.key);
  const n = a.length;
  const rec = new SampleRecorder(name, SPECS[name], n);
  rec.input('pos', positions(n));
  rec.input('key', input.key);
  return { a, n, rec };
}
