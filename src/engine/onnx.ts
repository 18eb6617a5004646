/**
 * Serialises a Graph to ONNX (opset 17, IR version 8) with onnx-proto. Output is deterministic: nodes keep graph
 * order and get positional names, attributes are sorted by name, tensors are written as little-endian raw bytes,
 * so the same graph always gives the same bytes. Nodes that no output needs are left out.
 */
import onnxProto from 'onnx-proto';
import { UsageError } from '../common/errors.js';
import type { Attr, DType, Graph, Node, Shape, TensorData, Value } from './graph.js';
import { primitive } from './ops/registry.js';
import './ops/index.js';

const { onnx } = onnxProto;

export const OPSET = 17;
export const IR_VERSION = 8;

const ELEM_TYPE: Record<DType, number> = { float32: 1, int64: 7, bool: 9, float64: 11 };

export interface SerializeOptions {
  /** Graph inputs to store as initializers instead (an inference export's trained weights). */
  initializers?: ReadonlyMap<string, TensorData>;
  producerName?: string;
  /** Key/value pairs stored in the model's metadata_props, in the given order. */
  metadata?: readonly [string, string][];
}

function tensorProto(name: string, t: TensorData): onnxProto.onnx.ITensorProto {
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return { name, dataType: ELEM_TYPE[t.dtype], dims: [...t.shape], rawData: Uint8Array.from(bytes) };
}

function attributeProto(name: string, a: Attr): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('i' in a) return { name, type: T.INT, i: a.i };
  if ('f' in a) return { name, type: T.FLOAT, f: a.f };
  if ('ints' in a) return { name, type: T.INTS, ints: [...a.ints] };
  if ('floats' in a) return { name, type: T.FLOATS, floats: [...a.floats] };
  if ('s' in a) return { name, type: T.STRING, s: new TextEncoder().encode(a.s) };
  return { name, type: T.TENSOR, t: tensorProto('', a.t) };
}

function valueInfo(name: string, dtype: DType, shape: Shape): onnxProto.onnx.IValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : d.startsWith('?') ? {} : { dimParam: d }));
  return { name, type: { tensorType: { elemType: ELEM_TYPE[dtype], shape: { dim } } } };
}

/** The nodes that the given values depend on, in graph order. */
export function liveNodes(graph: Graph, roots: readonly Value[]): Node[] {
  const live = new Set<Node>();
  const stack = roots.map((v) => v.producer).filter((n): n is Node => n !== null);
  while (stack.length) {
    const n = stack.pop()!;
    if (live.has(n)) continue;
    live.add(n);
    for (const x of n.inputs) if (x?.producer && !live.has(x.producer)) stack.push(x.producer);
  }
  return graph.nodes.filter((n) => live.has(n));
}

export function toModelProto(graph: Graph, options: SerializeOptions = {}): onnxProto.onnx.IModelProto {
  if (graph.outputs.length === 0) throw new UsageError('graph: no outputs declared');
  const inits = options.initializers ?? new Map<string, TensorData>();
  const nodes = liveNodes(graph, graph.outputs.map((o) => o.value));
  const used = new Set<Value>();
  for (const n of nodes) for (const x of n.inputs) if (x) used.add(x);
  for (const o of graph.outputs) used.add(o.value);

  // Outputs take over the name of the value they expose, so no Identity copy is needed; a value exposed twice, a
  // graph input or a constant as an output still goes through Identity.
  const claimed = new Set<string>([...graph.inputs.map((v) => v.name), ...nodes.flatMap((n) => n.outputs.map((y) => y.name))]);
  const rename = new Map<Value, string>();
  const copies: { from: Value; to: string }[] = [];
  for (const o of graph.outputs) {
    if (o.name === o.value.name) continue;
    if (claimed.has(o.name)) throw new UsageError(`graph: output name '${o.name}' clashes with a value of the same name`);
    if (o.value.producer && !rename.has(o.value)) rename.set(o.value, o.name);
    else copies.push({ from: o.value, to: o.name });
  }
  const nameOf = (v: Value): string => rename.get(v) ?? v.name;

  const nodeProtos: onnxProto.onnx.INodeProto[] = nodes.map((n, i) => {
    const def = primitive(n.op);
    return {
      name: `n${i}_${n.op}`,
      opType: def.onnx,
      input: n.inputs.map((x) => (x ? nameOf(x) : '')),
      output: n.outputs.map(nameOf),
      attribute: Object.keys(n.attrs)
        .sort()
        .map((k) => attributeProto(k, n.attrs[k])),
    };
  });
  for (const c of copies) {
    nodeProtos.push({ name: `n${nodeProtos.length}_output`, opType: 'Identity', input: [nameOf(c.from)], output: [c.to], attribute: [] });
  }
  const outputs = graph.outputs.map((o) => valueInfo(o.name, o.value.dtype, o.value.shape));

  const initializer: onnxProto.onnx.ITensorProto[] = [];
  for (const [v, t] of graph.constants) if (used.has(v)) initializer.push(tensorProto(v.name, t));
  const inputs: onnxProto.onnx.IValueInfoProto[] = [];
  for (const v of graph.inputs) {
    const t = inits.get(v.name);
    if (t) {
      if (t.dtype !== v.dtype || t.shape.length !== v.rank || t.shape.some((d, i) => typeof v.shape[i] === 'number' && v.shape[i] !== d)) {
        throw new UsageError(`export: value for '${v.name}' is ${t.dtype}[${t.shape.join(', ')}], expected ${v.dtype}[${v.shape.join(', ')}]`);
      }
      if (used.has(v)) initializer.push(tensorProto(v.name, t));
    } else {
      inputs.push(valueInfo(v.name, v.dtype, v.shape));
    }
  }
  for (const name of inits.keys()) {
    if (!graph.inputs.some((v) => v.name === name)) throw new UsageError(`export: '${name}' is not a graph input`);
  }

  return {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: options.producerName ?? 'causal',
    graph: { name: 'main', node: nodeProtos, input: inputs, output: outputs, initializer },
    metadataProps: (options.metadata ?? []).map(([key, value]) => ({ key, value })),
  };
}

/** The model as ONNX protobuf bytes. */
export function serialize(graph: Graph, options: SerializeOptions = {}): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(toModelProto(graph, options))).finish();
}
