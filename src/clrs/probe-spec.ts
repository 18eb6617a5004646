/**
 * The CLRS benchmark's probe specification (google-deepmind/clrs `specs.py`; method note hint-relic-clrs.md §2.2):
 * every algorithm declares, for each named probe, when it is seen (input, output, hint), where it lives (node,
 * edge, graph) and what it is (scalar, categorical, mask, mask_one, pointer, or should_be_permutation for the
 * sorts' outputs). `specs.ts` holds the 30 specs as data; everything else (samplers' recorders, Arrow schemas,
 * encoders and decoders, the metric) is derived from them.
 */
export type Stage = 'input' | 'output' | 'hint';
export type Location = 'node' | 'edge' | 'graph';
export type ProbeType = 'scalar' | 'categorical' | 'mask' | 'mask_one' | 'pointer' | 'should_be_permutation';

export interface ProbeSpec {
  readonly stage: Stage;
  readonly location: Location;
  readonly type: ProbeType;
  /** Number of classes of a categorical probe. */
  readonly categories?: number;
}

export type AlgorithmSpec = Readonly<Record<string, ProbeSpec>>;

/**
 * How many numbers one snapshot of a probe holds for a sample of n nodes: node probes n, edge probes n x n (row
 * i = from node i), graph probes 1. Categorical probes store the class index (not one-hot), pointers the target
 * node index, masks 0/1.
 */
export function probeSize(p: ProbeSpec, n: number): number {
  return p.location === 'node' ? n : p.location === 'edge' ? n * n : 1;
}
