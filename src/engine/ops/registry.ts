/**
 * The op registry. Every primitive op file calls `defineOp` once, giving its ONNX operator and either a gradient
 * rule or `nonDifferentiable: true` (its outputs are constants to autodiff: comparisons, shapes, stopGradient).
 * Composite ops (built from primitives, so differentiated through their expansion) call `defineComposite`.
 * `ops/index.ts` imports every op file; test/engine/registry.test.ts checks that the folder, the registry and the
 * finite-difference table agree.
 */
import { UsageError } from '../../common/errors.js';
import type { Attrs, Node, Value } from '../graph.js';

export interface GradContext {
  readonly node: Node;
  readonly inputs: readonly (Value | null)[];
  readonly outputs: readonly Value[];
  readonly attrs: Attrs;
  /** Upstream gradient for each output; null where no gradient reaches that output. */
  readonly gy: readonly (Value | null)[];
  /** Which inputs need a gradient; a rule may skip work for the others. */
  readonly needs: readonly boolean[];
}

/** Returns one gradient per input (null/undefined where none is needed), each shaped like its input. */
export type GradRule = (ctx: GradContext) => readonly (Value | null | undefined)[];

export interface PrimitiveDef {
  readonly kind: 'primitive';
  readonly name: string;
  readonly onnx: string;
  readonly grad?: GradRule;
  readonly nonDifferentiable?: true;
}

export interface CompositeDef {
  readonly kind: 'composite';
  readonly name: string;
  /** False for ops whose inputs are all integer (one-hot): nothing to check by finite differences. */
  readonly differentiable: boolean;
}

export type OpDef = PrimitiveDef | CompositeDef;

const registry = new Map<string, OpDef>();

function register(def: OpDef): void {
  if (registry.has(def.name)) throw new Error(`op '${def.name}' is registered twice`);
  registry.set(def.name, def);
}

export function defineOp(def: Omit<PrimitiveDef, 'kind'>): void {
  if ((def.grad === undefined) === (def.nonDifferentiable === undefined)) {
    throw new Error(`op '${def.name}' needs exactly one of a gradient rule or nonDifferentiable`);
  }
  register({ kind: 'primitive', ...def });
}

export function defineComposite(name: string, differentiable = true): void {
  register({ kind: 'composite', name, differentiable });
}

export function findOp(name: string): OpDef | undefined {
  return registry.get(name);
}

export function getOp(name: string): OpDef {
  const def = registry.get(name);
  if (!def) throw new UsageError(`unknown op '${name}'`);
  return def;
}

export function primitive(name: string): PrimitiveDef {
  const def = getOp(name);
  if (def.kind !== 'primitive') throw new Error(`op '${name}' is composite and has no node of its own`);
  return def;
}

export function allOps(): OpDef[] {
  return [...registry.values()];
}
