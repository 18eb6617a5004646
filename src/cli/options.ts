import { UsageError } from '../common/errors.js';
import type { Shard } from '../io/shard.js';
import type { OptionSpec } from './command.js';

/** Flag parsers: each names its flag in the error, so `--count x` fails with a message about --count. */
export function integer(flag: string, min = -Infinity, max = Infinity): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) {
      throw new UsageError(`${flag} must be an integer, got '${v}'`);
    }
    if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

export function real(flag: string, min = -Infinity, max = Infinity): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got '${v}'`);
    if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

export function choice<T extends string>(flag: string, values: readonly T[]): (v: string) => T {
  return (v) => {
    if (!(values as readonly string[]).includes(v)) {
      throw new UsageError(`${flag} must be one of ${values.join(', ')}; got '${v}'`);
    }
    return v as T;
  };
}

/** A comma-separated list whose items must each be one of `values`. */
export function choices<T extends string>(flag: string, values: readonly T[]): (v: string) => T[] {
  const one = choice(flag, values);
  return (v) => v.split(',').map((s) => one(s.trim()));
}

/** The flag a commander option key came from (`choiceTemperature` -> `choice-temperature`), for error messages. */
export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m) throw new UsageError(`--shard must look like I/N (e.g. 0/4), got '${v}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new UsageError(`--shard ${v}: need 0 <= I < N`);
  return { index, count };
}

export const OUTPUT: OptionSpec = {
  flags: '-o, --output <path>',
  description: 'write the Arrow stream to this file (written to a temporary name, renamed when complete); default stdout',
};

export const SEED: OptionSpec = {
  flags: '--seed <n>',
  description: 'seed for every random choice, so a run can be repeated exactly',
  default: 0,
  parse: integer('--seed', 0, 2 ** 32 - 1),
};

export const SHARD: OptionSpec = {
  flags: '--shard <i/n>',
  description: 'process only record batches i, i+n, i+2n, ... (split work across jobs; merge with `causal concat`)',
  parse: parseShard,
};

/** Mirrors engine/runtime's DEVICES; kept here so that parsing flags does not load ONNX Runtime. */
const DEVICE_NAMES = ['cpu', 'webgpu', 'cuda'] as const;

export const DEVICE: OptionSpec = {
  flags: '--device <device>',
  description: 'where the model runs: cpu, webgpu (Vulkan GPU) or cuda (needs the CUDA build of onnxruntime-node)',
  default: 'cpu',
  parse: choice('--device', DEVICE_NAMES),
};

export const THREADS: OptionSpec = {
  flags: '--threads <n>',
  description: 'threads: ONNX Runtime intra-op, and the k-NN search where used (default: the cores, at most 8)',
  parse: integer('--threads', 1, 256),
};

/** A comma-separated list of positive integers, e.g. layer sizes. */
export function integers(flag: string): (v: string) => number[] {
  const one = integer(flag, 1);
  return (v) => v.split(',').map((s) => one(s.trim()));
}
