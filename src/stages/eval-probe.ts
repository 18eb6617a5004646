import { Float64, Int32, type RecordBatch, Uint32, Utf8 } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import { type Provenance, makeBatch, provenanceMetadata } from '../io/batch.js';
import type { EmbeddingTable } from '../io/embedding-table.js';
import { type Metric, type Weighting, nearestNeighboursParallel, vote } from '../probes/knn.js';
import { labelledSubset } from '../probes/labelled-subset.js';
import { LINEAR_PROBE_DEFAULTS, fitLinearProbe, predictLinearProbe } from '../probes/linear-probe.js';

export type ProbeName = 'linear' | 'knn';

export interface ProbeOptions {
  readonly probes: readonly ProbeName[];
  readonly labelsFraction: number;
  readonly seeds: readonly number[];
  readonly k: number;
  readonly metric: Metric;
  readonly weighting: Weighting;
  /** The linear probe's L2 penalty; default 1 / labelled rows (scikit-learn's C = 1). */
  readonly l2?: number;
  readonly threads: number;
  /** Called as each probe x seed finishes. */
  readonly onRun?: (run: ProbeRun) => void;
}

export interface ProbeRun {
  readonly probe: ProbeName;
  readonly labelsFraction: number;
  readonly seed: number;
  readonly labelledRows: number;
  readonly accuracy: number;
}

export interface ProbeSummary {
  readonly probe: ProbeName;
  readonly labelsFraction: number;
  readonly seeds: number;
  readonly mean: number;
  /** Sample standard deviation over the seeds (0 for one seed). */
  readonly sd: number;
}

/**
 * Frozen-embedding evaluation: for every seed, a class-stratified labelled subset of the training rows
 * (labelledSubset, the same rows `causal train --labels-fraction` uses), each probe fitted on it and scored on every
 * test row. Seeds that pick the same subset (fraction 1) reuse the first result, as the fit would be identical.
 */
export async function evaluateProbes(train: EmbeddingTable, test: EmbeddingTable, o: ProbeOptions): Promise<ProbeRun[]> {
  if (train.dim !== test.dim) {
    throw new DataError(`${test.source}: embeddings have ${test.dim} values, but ${train.source}'s have ${train.dim}`);
  }
  const unlabelled = test.labels.indexOf(-1);
  if (unlabelled >= 0) throw new DataError(`${test.source}: row ${unlabelled} has no label; every test row needs one`);
  const classes = Math.max(train.classes, test.classes);
  const runs: ProbeRun[] = [];
  const seen = new Map<string, number>();
  for (const seed of o.seeds) {
    const subset = labelledSubset(train.labels, o.labelsFraction, seed, train.source);
    const key = subset.join(',');
    for (const probe of o.probes) {
      let accuracy = seen.get(`${probe} ${key}`);
      if (accuracy === undefined) {
        accuracy = await score(probe, train, subset, test, classes, o);
        seen.set(`${probe} ${key}`, accuracy);
      }
      const run = { probe, labelsFraction: o.labelsFraction, seed, labelledRows: subset.length, accuracy };
      o.onRun?.(run);
      runs.push(run);
    }
  }
  return runs;
}

async function score(probe: ProbeName, train: EmbeddingTable, subset: Int32Array, test: EmbeddingTable, classes: number, o: ProbeOptions): Promise<number> {
  const { dim } = train;
  const x = new Float32Array(subset.length * dim);
  subset.forEach((row, j) => x.set(train.vectors.subarray(row * dim, (row + 1) * dim), j * dim));
  const y = subset.map((row) => train.labels[row]);
  let prediction: Int32Array;
  if (probe === 'knn') {
    const neighbours = await nearestNeighboursParallel(test.vectors, x, dim, o.k, { metric: o.metric, threads: o.threads });
    prediction = vote(neighbours, y, classes, { metric: o.metric, weighting: o.weighting, balanced: false }).prediction;
  } else {
    const fit = await fitLinearProbe(x, y, dim, classes, { ...LINEAR_PROBE_DEFAULTS, l2: o.l2 ?? 1 / subset.length });
    prediction = predictLinearProbe(fit, test.vectors, test.rows).prediction;
  }
  let right = 0;
  for (let i = 0; i < test.rows; i++) if (prediction[i] === test.labels[i]) right++;
  return right / test.rows;
}

/** Mean and standard deviation over seeds, per probe, in the order the probes ran. */
export function summariseProbes(runs: readonly ProbeRun[]): ProbeSummary[] {
  const probes = [...new Set(runs.map((r) => r.probe))];
  return probes.map((probe) => {
    const acc = runs.filter((r) => r.probe === probe).map((r) => r.accuracy);
    const mean = acc.reduce((a, b) => a + b, 0) / acc.length;
    const sd = acc.length > 1 ? Math.sqrt(acc.reduce((a, b) => a + (b - mean) ** 2, 0) / (acc.length - 1)) : 0;
    return { probe, labelsFraction: runs[0].labelsFraction, seeds: acc.length, mean, sd };
  });
}

/** The metrics as --json prints them and `causal.metrics` stores them. */
export function probeMetrics(runs: readonly ProbeRun[], params: Record<string, unknown>): Record<string, unknown> {
  return {
    ...params,
    summary: summariseProbes(runs).map((s) => ({ probe: s.probe, labels_fraction: s.labelsFraction, seeds: s.seeds, mean_accuracy: s.mean, sd_accuracy: s.sd })),
    runs: runs.map((r) => ({ probe: r.probe, labels_fraction: r.labelsFraction, seed: r.seed, labelled_rows: r.labelledRows, accuracy: r.accuracy })),
  };
}

/** One row per probe x seed; the metrics (with the means) in the schema metadata. */
export function probeBatch(runs: readonly ProbeRun[], metrics: Record<string, unknown>, provenance: Provenance): RecordBatch {
  const metadata = provenanceMetadata(provenance, metrics);
  return makeBatch(
    [
      { name: 'probe', type: new Utf8(), values: runs.map((r) => r.probe) },
      { name: 'labels_fraction', type: new Float64(), values: runs.map((r) => r.labelsFraction) },
      { name: 'seed', type: new Uint32(), values: runs.map((r) => r.seed) },
      { name: 'labelled_rows', type: new Int32(), values: runs.map((r) => r.labelledRows) },
      { name: 'accuracy', type: new Float64(), values: runs.map((r) => r.accuracy) },
    ],
    metadata,
  );
}
