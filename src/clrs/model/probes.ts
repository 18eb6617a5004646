/**
 * The model's view of an algorithm's spec: which probes are encoded (inputs, and hints fed at step t), which are
 * decoded (hints predicted for step t + 1, and outputs), and the tensor each one is fed or predicted as.
 *
 * As CLRS `samplers.process_permutations` does, a should_be_permutation output `x` is decoded as two probes: `x`, a
 * permutation pointer over the cyclic predecessor matrix (the head points at the tail instead of itself), and
 * `x_mask`, a mask_one marking the head. Permutation outputs are never encoded.
 *
 * Feature layout for a batch of B samples of n nodes (the graph keeps both dimensions symbolic):
 * | location | scalar, mask, mask_one | categorical (C) | pointer (one-hot over nodes) |
 * | node     | [B, n]                 | [B, n, C]       | [B, n, n]                    |
 * | edge     | [B, n, n]              | [B, n, n, C]    | [B, n, n, n]                 |
 * | graph    | [B]                    | [B, C]          | (not in CLRS-30)             |
 */
import { UsageError } from '../../common/errors.js';
import type { Dim } from '../../engine/graph.js';
import type { Location, ProbeSpec } from '../probe-spec.js';
import { SPECS } from '../specs.js';

export type FeatureType = 'scalar' | 'mask' | 'mask_one' | 'categorical' | 'pointer' | 'permutation_pointer';

export interface ModelProbe {
  readonly name: string;
  readonly stage: 'input' | 'hint' | 'output';
  readonly location: Location;
  readonly type: FeatureType;
  readonly categories?: number;
  /** The spec probe holding the data (the permutation output for `x` and `x_mask`). */
  readonly source: string;
}

export interface ModelSpec {
  readonly algorithm: string;
  /** Inputs and hints, in spec order. */
  readonly encoded: readonly ModelProbe[];
  /** Hints and outputs, in spec order (a permutation output contributes `x` then `x_mask`). */
  readonly decoded: readonly ModelProbe[];
}

export const PERMUTATION_MASK_SUFFIX = '_mask';

export function modelSpec(algorithm: string): ModelSpec {
  const spec = SPECS[algorithm];
  if (!spec) throw new UsageError(`unknown CLRS algorithm '${algorithm}'`);
  const encoded: ModelProbe[] = [];
  const decoded: ModelProbe[] = [];
  for (const [name, p] of Object.entries(spec)) {
    checkSupported(algorithm, name, p);
    if (p.type === 'should_be_permutation') {
      const maskName = name + PERMUTATION_MASK_SUFFIX;
      if (maskName in spec) throw new UsageError(`${algorithm}: '${maskName}' clashes with the mask of permutation '${name}'`);
      decoded.push({ name, stage: 'output', location: p.location, type: 'permutation_pointer', source: name });
      decoded.push({ name: maskName, stage: 'output', location: p.location, type: 'mask_one', source: name });
      continue;
    }
    const probe: ModelProbe = { name, stage: p.stage, location: p.location, type: p.type, source: name, ...(p.categories ? { categories: p.categories } : {}) };
    if (p.stage !== 'output') encoded.push(probe);
    if (p.stage !== 'input') decoded.push(probe);
  }
  return { algorithm, encoded, decoded };
}

/** The model supports what CLRS-30 uses: mask_one and permutations on nodes only, no graph-level pointers. */
function checkSupported(algorithm: string, name: string, p: ProbeSpec): void {
  const ok =
    p.type === 'should_be_permutation'
      ? p.location === 'node' && p.stage === 'output'
      : p.type === 'mask_one'
        ? p.location === 'node'
        : p.type === 'pointer'
          ? p.location !== 'graph'
          : true;
  if (!ok) throw new UsageError(`${algorithm}: the CLRS model does not support ${p.location} ${p.type} probe '${name}'`);
}

/** Numbers one sample contributes to a probe's feature tensor (its shape without the batch axis). */
export function featureShape(p: Pick<ModelProbe, 'location' | 'type' | 'categories'>, n: number): number[] {
  return featureDims(p, n) as number[];
}

/** The feature tensor's shape for a batch of `batch` samples of `n` nodes (symbols or numbers). */
export function batchShape(p: Pick<ModelProbe, 'location' | 'type' | 'categories'>, batch: Dim, n: Dim): Dim[] {
  return [batch, ...featureDims(p, n)];
}

function featureDims(p: Pick<ModelProbe, 'location' | 'type' | 'categories'>, n: Dim): Dim[] {
  const base: Dim[] = p.location === 'node' ? [n] : p.location === 'edge' ? [n, n] : [];
  if (p.type === 'categorical') return [...base, p.categories!];
  if (p.type === 'pointer' || p.type === 'permutation_pointer') return [...base, n];
  return base;
}

/** Graph input and output names. */
export const names = {
  feature: (p: Pick<ModelProbe, 'stage' | 'name'>): string => `${p.stage}.${p.name}`,
  target: (p: Pick<ModelProbe, 'stage' | 'name'>): string => `target.${p.stage}.${p.name}`,
  prediction: (p: Pick<ModelProbe, 'stage' | 'name'>): string => `pred.${p.stage}.${p.name}`,
  gumbel: (p: Pick<ModelProbe, 'name'>): string => `gumbel.${p.name}`,
  hidden: 'hidden',
  hiddenOut: 'hidden_out',
  /** [B]: 1 where the sample has a hint at step t + 1 (its hints are supervised this step). */
  hintWeight: 'hint_weight',
  /** [B]: 1 where step t is the sample's last (its outputs are supervised this step). */
  outputWeight: 'output_weight',
} as const;
