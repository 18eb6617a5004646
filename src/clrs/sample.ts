/**
 * One CLRS sample: the inputs and outputs of one run of an algorithm (single snapshots), and its hint trajectory
 * (one snapshot per step). Values are flat Float64Arrays laid out as `probeSize` says. `record` builds a sample
 * while an executor runs, checking every value against the spec as it arrives, so an executor cannot emit a probe
 * its spec does not declare, leave one out, or give hints of unequal length.
 */
import type { AlgorithmSpec, ProbeSpec } from './probe-spec.js';
import { probeSize } from './probe-spec.js';

export interface Sample {
  readonly algorithm: string;
  /** Nodes (array elements, graph vertices, string positions...). */
  readonly n: number;
  readonly inputs: Readonly<Record<string, Float64Array>>;
  readonly outputs: Readonly<Record<string, Float64Array>>;
  /** hints[name][t]: the probe at step t; every hint has `length` steps. */
  readonly hints: Readonly<Record<string, readonly Float64Array[]>>;
  readonly length: number;
}

export type Values = Float64Array | readonly number[];

export class SampleRecorder {
  private readonly inputs: Record<string, Float64Array> = {};
  private readonly outputs: Record<string, Float64Array> = {};
  private readonly hints: Record<string, Float64Array[]> = {};
  private steps = 0;

  constructor(
    readonly algorithm: string,
    private readonly spec: AlgorithmSpec,
    readonly n: number,
  ) {
    for (const [name, p] of Object.entries(spec)) if (p.stage === 'hint') this.hints[name] = [];
  }

  input(name: string, values: Values): void {
    this.inputs[name] = this.check(name, 'input', values);
  }

  output(name: string, values: Values): void {
    this.outputs[name] = this.check(name, 'output', values);
  }

  /** One hint step: every hint probe of the spec, at once. */
  hint(values: Readonly<Record<string, Values>>): void {
    const names = Object.keys(this.hints);
    for (const name of Object.keys(values)) if (!(name in this.hints)) throw new Error(`${this.algorithm}: '${name}' is not a hint probe`);
    for (const name of names) {
      if (!(name in values)) throw new Error(`${this.algorithm}: hint step ${this.steps} lacks '${name}'`);
      this.hints[name].push(this.check(name, 'hint', values[name]));
    }
    this.steps += 1;
  }

  finish(): Sample {
    for (const [name, p] of Object.entries(this.spec)) {
      if (p.stage === 'input' && !(name in this.inputs)) throw new Error(`${this.algorithm}: input '${name}' was not recorded`);
      if (p.stage === 'output' && !(name in this.outputs)) throw new Error(`${this.algorithm}: output '${name}' was not recorded`);
    }
    if (this.steps === 0) throw new Error(`${this.algorithm}: no hint steps were recorded`);
    return { algorithm: this.algorithm, n: this.n, inputs: this.inputs, outputs: this.outputs, hints: this.hints, length: this.steps };
  }

  private check(name: string, stage: ProbeSpec['stage'], values: Values): Float64Array {
    const p = this.spec[name];
    if (!p || p.stage !== stage) throw new Error(`${this.algorithm}: '${name}' is not an ${stage} probe`);
    const size = probeSize(p, this.n);
    if (values.length !== size) throw new Error(`${this.algorithm}: ${stage} '${name}' has ${values.length} values, expected ${size}`);
    const out = Float64Array.from(values);
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      const ok =
        p.type === 'scalar'
          ? Number.isFinite(v)
          : p.type === 'mask'
            ? v === 0 || v === 1
            : p.type === 'mask_one'
              ? v === 0 || v === 1
              : p.type === 'categorical'
                ? Number.isInteger(v) && v >= 0 && v < (p.categories ?? 0)
                : Number.isInteger(v) && v >= 0 && v < this.n;
      if (!ok) throw new Error(`${this.algorithm}: ${stage} '${name}'[${i}] = ${v} is not a valid ${p.type}`);
    }
    if (p.type === 'mask_one') {
      const groups = p.location === 'edge' ? this.n : 1;
      const width = out.length / groups;
      for (let gI = 0; gI < groups; gI++) {
        let ones = 0;
        for (let i = 0; i < width; i++) ones += out[gI * width + i];
        if (ones !== 1) throw new Error(`${this.algorithm}: ${stage} '${name}' is mask_one but has ${ones} ones`);
      }
    }
    return out;
  }
}
