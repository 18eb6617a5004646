import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Graph } from '../engine/graph.js';
import { serialize } from '../engine/onnx.js';
import { add } from '../engine/ops/add.js';
import { DEVICES, type Device, createSession, defaultThreads, ort } from '../engine/runtime.js';
import { VERSION } from '../common/version.js';

export interface ProviderStatus {
  readonly device: Device;
  readonly starts: boolean;
  /** Why it does not start, in the runtime's own words plus what to install. */
  readonly reason?: string;
}

export interface Environment {
  readonly versions: Record<string, string>;
  readonly platform: string;
  readonly cores: number;
  readonly threads: number;
  readonly providers: ProviderStatus[];
}

/**
 * Whether each execution provider actually starts: a provider can be compiled in and still fail for want of a GPU
 * or a driver, so each one is asked to run a one-node model (y = a + a) and to get the right answer.
 */
export async function probeProviders(): Promise<ProviderStatus[]> {
  const g = new Graph();
  const a = g.input('a', 'float32', [4]);
  g.output('y', add(a, a));
  const model = serialize(g);
  const statuses: ProviderStatus[] = [];
  for (const device of DEVICES) {
    try {
      const session = await createSession(model, { device, threads: 1 });
      const out = await session.run({ a: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [4]) });
      const y = Array.from(out.y.data as Float32Array);
      await session.release();
      statuses.push(y.join(',') === '2,4,6,8' ? { device, starts: true } : { device, starts: false, reason: `wrong result ${y}` });
    } catch (err) {
      statuses.push({ device, starts: false, reason: (err as Error).message.split('\n')[0] });
    }
  }
  return statuses;
}

export async function describeEnvironment(): Promise<Environment> {
  return {
    versions: {
      causal: VERSION,
      node: process.versions.node,
      'onnxruntime-node': ort.env.versions.node ?? 'unknown',
      'apache-arrow': packageVersion('apache-arrow'),
    },
    platform: `${os.platform()} ${os.arch()} (${os.cpus()[0]?.model ?? 'unknown cpu'})`,
    cores: os.availableParallelism(),
    threads: defaultThreads(),
    providers: await probeProviders(),
  };
}

/** A dependency's version from its package.json, found the way Node resolves the package itself. */
function packageVersion(name: string): string {
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve(name));
    while (path.basename(dir) !== name && dir !== path.dirname(dir)) dir = path.dirname(dir);
    return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
