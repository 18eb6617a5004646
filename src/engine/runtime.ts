/**
 * ONNX Runtime sessions for built graphs: one place that chooses the execution provider, threads and
 * optimisation level, and turns a provider that cannot start into a one-line error that says what to install.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { UsageError } from '../common/errors.js';
import type { DType, TensorData, TypedData } from './graph.js';

export type Device = 'cpu' | 'webgpu' | 'cuda';
export const DEVICES: readonly Device[] = ['cpu', 'webgpu', 'cuda'];

export interface RuntimeOptions {
  device?: Device;
  /** Intra-op threads; defaults to the available cores, at most 8. */
  threads?: number;
}

const INSTALL_HINT: Record<Device, string> = {
  cpu: 'reinstall onnxruntime-node',
  webgpu:
    'the WebGPU provider needs a GPU with a Vulkan driver (Linux: libvulkan1 and the vendor ICD, e.g. the NVIDIA driver); use --device cpu otherwise',
  cuda: 'install onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12 (needs CUDA 12 and cuDNN 9 on the host); use --device cpu otherwise',
};

// Failures surface as one-line UsageErrors below; ONNX Runtime's own multi-line logging would only repeat them.
ort.env.logLevel = 'fatal';

export function defaultThreads(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

/** An inference session for ONNX bytes on the chosen device. */
export async function createSession(model: Uint8Array, options: RuntimeOptions = {}): Promise<ort.InferenceSession> {
  const device = options.device ?? 'cpu';
  if (!DEVICES.includes(device)) throw new UsageError(`unknown device '${device}'; use one of ${DEVICES.join(', ')}`);
  if (device === 'webgpu' && os.platform() === 'linux' && !vulkanLoaderPresent()) {
    // Checked up front: without the loader, the WebGPU library prints its own multi-line warning before failing.
    throw new UsageError(`device 'webgpu' could not start (libvulkan.so.1, the Vulkan loader, is not installed); ${INSTALL_HINT.webgpu}`);
  }
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: options.threads ?? defaultThreads(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    logSeverityLevel: 3,
  };
  try {
    return await ort.InferenceSession.create(model, sessionOptions);
  } catch (e) {
    // ONNX Runtime prefixes messages with source locations; the last sentence says what went wrong.
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].split(/(?<=\.)\s+/).pop()!;
    if (device !== 'cpu' && /adapter|provider|shared library|not supported|cuda|webgpu|dawn|vulkan/i.test(msg)) {
      throw new UsageError(`device '${device}' could not start (${msg}); ${INSTALL_HINT[device]}`);
    }
    throw new UsageError(`ONNX Runtime rejected the model on '${device}': ${msg}`);
  }
}

/** Whether the dynamic loader can find libvulkan.so.1: in LD_LIBRARY_PATH, the ld.so cache, or the usual folders. */
function vulkanLoaderPresent(): boolean {
  const lib = 'libvulkan.so.1';
  const dirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    '/lib/x86_64-linux-gnu',
    '/usr/lib/x86_64-linux-gnu',
    '/lib/aarch64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/lib64',
    '/usr/lib64',
    '/lib',
    '/usr/lib',
    '/usr/local/lib',
  ];
  if (dirs.some((d) => existsSync(path.join(d, lib)))) return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes(lib);
  } catch {
    return false;
  }
}

const ORT_TYPE: Record<DType, 'float32' | 'float64' | 'int64' | 'bool'> = {
  float32: 'float32',
  float64: 'float64',
  int64: 'int64',
  bool: 'bool',
};

export function toOrt(t: TensorData): ort.Tensor {
  return new ort.Tensor(ORT_TYPE[t.dtype], t.data as never, [...t.shape]);
}

export function fromOrt(t: ort.Tensor): TensorData {
  const dtype = t.type as DType;
  if (!(dtype in ORT_TYPE)) throw new UsageError(`unsupported tensor type ${t.type}`);
  return { dtype, shape: [...t.dims], data: t.data as TypedData };
}

export function emptyTensor(dtype: DType, shape: readonly number[]): ort.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data: TypedData =
    dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : dtype === 'int64' ? new BigInt64Array(n) : new Uint8Array(n);
  return toOrt({ dtype, shape, data });
}

export { ort };
