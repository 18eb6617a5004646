/**
 * The graph-building API. A `Graph` records typed values and the op nodes that produce them; models, their
 * gradients and optimizer updates are all written against it and then serialised to one ONNX model
 * (see onnx.ts). Nodes are appended in creation order, which is therefore a topological order.
 *
 * Shapes are symbolic: a dimension is a number, a named symbol such as 'batch' (same name, same size), or an
 * unknown written '?<n>' (made fresh by shape inference when it cannot tell; equal only to itself).
 */
import { UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import type { Init } from './init.js';

export type DType = 'float32' | 'float64' | 'int64' | 'bool';
export type Dim = number | string;
export type Shape = readonly Dim[];
export type TypedData = Float32Array | Float64Array | BigInt64Array | Uint8Array;

/** A concrete tensor: constants, initializers and parameter values. */
export interface TensorData {
  dtype: DType;
  shape: readonly number[];
  data: TypedData;
}

/** ONNX attribute values, tagged so that an integer-valued float stays a float. */
export type Attr =
  | { i: number }
  | { f: number }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { s: string }
  | { t: TensorData };
export type Attrs = Record<string, Attr>;

export const attr = {
  i: (i: number): Attr => ({ i }),
  f: (f: number): Attr => ({ f }),
  ints: (ints: readonly number[]): Attr => ({ ints }),
  floats: (floats: readonly number[]): Attr => ({ floats }),
  s: (s: string): Attr => ({ s }),
  t: (t: TensorData): Attr => ({ t }),
};

export interface Node {
  readonly op: string;
  /** null stands for an omitted optional ONNX input. */
  readonly inputs: readonly (Value | null)[];
  readonly outputs: readonly Value[];
  readonly attrs: Attrs;
}

export class Value {
  constructor(
    readonly graph: Graph,
    readonly name: string,
    readonly dtype: DType,
    readonly shape: Shape,
    readonly producer: Node | null,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  get isFloat(): boolean {
    return this.dtype === 'float32' || this.dtype === 'float64';
  }

  /** The shape as numbers, or null when some dimension is symbolic. */
  get staticShape(): number[] | null {
    return this.shape.every((d) => typeof d === 'number') ? (this.shape as number[]) : null;
  }

  toString(): string {
    return `${this.name}: ${this.dtype}[${this.shape.join(', ')}]`;
  }
}

export interface ParamSpec {
  readonly name: string;
  readonly value: Value;
  readonly shape: readonly number[];
  readonly init: Init;
  /** Trainable parameters get gradients and optimizer updates; buffers (running statistics) do not. */
  readonly trainable: boolean;
  /** Whether decoupled weight decay applies (off for biases and normalisation parameters by convention). */
  readonly decay: boolean;
}

export interface GraphOptions {
  /** Float type that layers use for their parameters. */
  floatType?: 'float32' | 'float64';
  /** Training mode: dropout is active and batch norm uses batch statistics and updates its running stats. */
  training?: boolean;
}

export class Graph {
  readonly nodes: Node[] = [];
  readonly inputs: Value[] = [];
  readonly outputs: { name: string; value: Value }[] = [];
  /** Constants and initializers, in creation order. */
  readonly constants = new Map<Value, TensorData>();
  readonly params = new Map<string, ParamSpec>();
  /** New values for buffers computed in training mode (e.g. batch-norm running statistics). */
  readonly bufferUpdates = new Map<string, Value>();
  readonly floatType: 'float32' | 'float64';
  readonly training: boolean;
  private readonly names = new Set<string>();
  private readonly constantCache = new Map<string, Value>();
  private counter = 0;
  private unknownCounter = 0;
  private frozenPrefix: string | null = null;

  constructor(options: GraphOptions = {}) {
    this.floatType = options.floatType ?? 'float32';
    this.training = options.training ?? false;
  }

  /** A fresh unknown dimension. */
  unknownDim(): string {
    return `?${this.unknownCounter++}`;
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new UsageError(`graph: the name '${name}' is already used`);
    this.names.add(name);
    return name;
  }

  private freshName(prefix: string): string {
    let name: string;
    do name = `${prefix}_${this.counter++}`;
    while (this.names.has(name));
    this.names.add(name);
    return name;
  }

  /** A named graph input fed at run time. */
  input(name: string, dtype: DType, shape: Shape): Value {
    const v = new Value(this, this.claim(name), dtype, [...shape], null);
    this.inputs.push(v);
    return v;
  }

  /**
   * A parameter: a named graph input with a seeded initializer. Layers call this; the train step feeds its
   * current value and receives the updated value as an output.
   */
  param(
    name: string,
    shape: readonly number[],
    init: Init,
    options: { trainable?: boolean; decay?: boolean; dtype?: 'float32' | 'float64' } = {},
  ): Value {
    const frozen = this.frozenPrefix !== null;
    if (frozen) name = this.frozenPrefix + name;
    const value = this.input(name, options.dtype ?? this.floatType, shape);
    this.params.set(name, {
      name,
      value,
      shape: [...shape],
      init,
      trainable: !frozen && (options.trainable ?? true),
      decay: !frozen && (options.decay ?? true),
    });
    return value;
  }

  /**
   * Builds layers whose parameters become buffers named `${prefix}<name>`: a second copy of a network that
   * gradients never reach, such as the EMA target network of BYOL-style methods (the train step's `ema.targets`
   * keeps it in step with the online copy). Running statistics inside it still update from its own batches.
   */
  frozen<T>(prefix: string, build: () => T): T {
    if (this.frozenPrefix !== null) throw new UsageError('graph: frozen scopes do not nest');
    this.frozenPrefix = prefix;
    try {
      return build();
    } finally {
      this.frozenPrefix = null;
    }
  }

  /** A non-trainable parameter (running statistics) whose new value the train step writes back. */
  buffer(name: string, shape: readonly number[], init: Init): Value {
    return this.param(name, shape, init, { trainable: false, decay: false });
  }

  updateBuffer(buffer: Value, newValue: Value): void {
    const spec = this.params.get(buffer.name);
    if (!spec || spec.trainable) throw new UsageError(`graph: '${buffer.name}' is not a buffer`);
    if (this.bufferUpdates.has(buffer.name)) throw new UsageError(`graph: buffer '${buffer.name}' updated twice`);
    this.bufferUpdates.set(buffer.name, newValue);
  }

  /** Initial values for every parameter and buffer; each draws from its own stream rngFor(seed, name). */
  initParams(seed: number): Map<string, TensorData> {
    const out = new Map<string, TensorData>();
    for (const spec of this.params.values()) {
      const dtype = spec.value.dtype as 'float32' | 'float64';
      out.set(spec.name, { dtype, shape: spec.shape, data: spec.init(rngFor(seed, spec.name), spec.shape, dtype) });
    }
    return out;
  }

  /** A constant (an ONNX initializer); identical constants are shared. */
  constant(data: TypedData | readonly number[], dtype: DType, shape: readonly number[]): Value {
    const typed = toTyped(data, dtype);
    const size = shape.reduce((a, b) => a * b, 1);
    if (typed.length !== size) {
      throw new UsageError(`graph: constant has ${typed.length} values but shape [${shape.join(', ')}] holds ${size}`);
    }
    const key = `${dtype}|${shape.join(',')}|${Array.from(typed as ArrayLike<number | bigint>, String).join(',')}`;
    const cached = this.constantCache.get(key);
    if (cached) return cached;
    const v = new Value(this, this.freshName('const'), dtype, [...shape], null);
    this.constants.set(v, { dtype, shape: [...shape], data: typed });
    this.constantCache.set(key, v);
    return v;
  }

  scalar(x: number, dtype: DType): Value {
    return this.constant([x], dtype, []);
  }

  /** Appends a node; ops call this after inferring their output types. */
  addNode(op: string, inputs: readonly (Value | null)[], attrs: Attrs, outTypes: { dtype: DType; shape: Shape }[]): Value[] {
    for (const x of inputs) {
      if (x && x.graph !== this) throw new UsageError(`${op}: input '${x.name}' belongs to another graph`);
    }
    const outputs: Value[] = [];
    const node: Node = { op, inputs: [...inputs], outputs, attrs };
    for (const t of outTypes) outputs.push(new Value(this, this.freshName(op), t.dtype, [...t.shape], node));
    this.nodes.push(node);
    return outputs;
  }

  output(name: string, value: Value): void {
    if (this.outputs.some((o) => o.name === name)) throw new UsageError(`graph: output '${name}' declared twice`);
    if (value.graph !== this) throw new UsageError(`graph: output '${name}' belongs to another graph`);
    this.outputs.push({ name, value });
  }
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function toTyped(data: TypedData | readonly number[], dtype: DType): TypedData {
  switch (dtype) {
    case 'float32':
      return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>, Number);
    case 'float64':
      return data instanceof Float64Array ? data : Float64Array.from(data as ArrayLike<number>, Number);
    case 'int64':
      return data instanceof BigInt64Array ? data : BigInt64Array.from(data as ArrayLike<number>, (x) => BigInt(x));
    case 'bool':
      return data instanceof Uint8Array ? data : Uint8Array.from(data as ArrayLike<number>, (x) => (x ? 1 : 0));
  }
}
