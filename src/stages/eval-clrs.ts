/**
 * `causal eval --task clrs`: a trained CLRS step model on test samples, scored with the benchmark metric
 * (src/clrs/metric.ts). Samples of one size are batched; each batch runs the step graph max(1, L - 1) times per
 * sample (L its ground-truth hint length, as the benchmark does): step 0 reads the ground-truth first hint, later
 * steps read the model's own hard-decoded hint predictions, the hidden state is carried between steps, and the
 * outputs decoded at a sample's last step are its prediction. Hint predictions are scored too, as a diagnostic.
 */
import path from 'node:path';
import { Float64, Int32, type RecordBatch, Utf8 } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ClrsAlgorithm } from '../clrs/algorithm.js';
import { benchmarkScore, ProbeScorer, type ProbeScore } from '../clrs/metric.js';
import { BatchWriter, decodeHard, decodeHints, fusePermutation, stepsOf, truthOf } from '../clrs/model/batch.js';
import { names, PERMUTATION_MASK_SUFFIX, type ModelProbe } from '../clrs/model/probes.js';
import type { ProbeSpec } from '../clrs/probe-spec.js';
import type { Sample } from '../clrs/sample.js';
import { sampleAt } from '../clrs/splits.js';
import { SPECS } from '../clrs/specs.js';
import { createSession, ort, type RuntimeOptions } from '../engine/runtime.js';
import { makeBatch, provenanceMetadata, type Provenance } from '../io/batch.js';
import { MODEL_JSON, TASKS, readModelCard, readModelOnnx } from '../io/model-dir.js';
import type { ClrsModelCard } from './train-clrs.js';

export interface ClrsEvaluation {
  algorithm: string;
  model: string;
  source: string;
  samples: number;
  /** Sample counts by n. */
  sizes: Record<string, number>;
  score: number;
  outputs: Record<string, ProbeScore>;
  hints: Record<string, ProbeScore>;
}

export async function openClrsModel(dir: string): Promise<ClrsModelCard> {
  const card = await readModelCard<ClrsModelCard>(dir);
  if (card.task !== TASKS.clrs) {
    throw new DataError(`${path.join(dir, MODEL_JSON)}: task '${card.task}' is not a CLRS model; evaluate it without --task clrs`);
  }
  return card;
}

/** Test samples drawn on the fly: `count` samples at size n from streams (seed, 'algorithm i'), as `causal clrs sample`. */
export function sampledTestSet(alg: ClrsAlgorithm, n: number, count: number, seed: number): Sample[] {
  return Array.from({ length: count }, (_, i) => sampleAt(alg, n, seed, i));
}

export async function evaluateClrs(
  samples: readonly Sample[],
  dir: string,
  o: RuntimeOptions & { source: string; batchSize?: number; onBatch?: (done: number) => void },
): Promise<ClrsEvaluation> {
  const card = await openClrsModel(dir);
  const spec = card.spec;
  const foreign = samples.find((s) => s.algorithm !== card.algorithm);
  if (foreign) throw new DataError(`${o.source}: holds ${foreign.algorithm} samples, but the model in ${dir} was trained on ${card.algorithm}`);
  const session = await createSession(await readModelOnnx(dir), o);
  const outputs = new ProbeScorer(card.algorithm);
  const hints = new ProbeScorer(card.algorithm);
  const specOf = (name: string): ProbeSpec => SPECS[card.algorithm][name];
  const outputProbes = spec.decoded.filter((p) => p.stage === 'output');
  const hintProbes = spec.decoded.filter((p) => p.stage === 'hint');
  const bySize = new Map<number, Sample[]>();
  for (const s of samples) bySize.set(s.n, [...(bySize.get(s.n) ?? []), s]);
  const batchSize = o.batchSize ?? 32;
  let done = 0;
  try {
    for (const [n, group] of [...bySize].sort((a, b) => a[0] - b[0])) {
      for (let from = 0; from < group.length; from += batchSize) {
        const batch = group.slice(from, from + batchSize);
        const w = new BatchWriter(spec, batch, n, card.architecture.hidden, { training: false });
        const feeds = Object.fromEntries(Object.entries(w.feeds).map(([k, f]) => [k, new ort.Tensor('float32', f.data, f.shape)]));
        // The model's hard-decoded hints of the previous step, by probe, per sample; null at step 0 (ground truth).
        let fed: Map<string, Float64Array[]> | null = null;
        for (let t = 0; t < w.steps; t++) {
          const previous = fed;
          if (previous) w.hints((p, b) => previous.get(p.name)![b]);
          else w.teacherHints(0);
          const r = await session.run(feeds);
          const slice = (p: ModelProbe, b: number): Float32Array => {
            const data = r[names.prediction(p)].data as Float32Array;
            const size = data.length / batch.length;
            return data.subarray(b * size, (b + 1) * size);
          };
          const decoded = decodeHints(spec, r, batch.length, n);
          batch.forEach((s, b) => {
            if (t + 1 < s.length) for (const p of hintProbes) hints.add(p.name, specOf(p.name), s, truthOf(p, s, t + 1), decoded.get(p.name)![b]);
            if (t === stepsOf(s.length) - 1) {
              for (const [name, pred] of Object.entries(outputPredictions(outputProbes, (p) => slice(p, b), n))) {
                outputs.add(name, specOf(name), s, s.outputs[name], pred);
              }
            }
          });
          fed = decoded;
          w.setHidden(r[names.hiddenOut].data as Float32Array);
        }
        done += batch.length;
        o.onBatch?.(done);
      }
    }
  } finally {
    await session.release();
  }
  const outputScores = outputs.scores();
  return {
    algorithm: card.algorithm,
    model: dir,
    source: o.source,
    samples: samples.length,
    sizes: Object.fromEntries([...bySize].sort((a, b) => a[0] - b[0]).map(([n, g]) => [String(n), g.length])),
    score: benchmarkScore(outputScores),
    outputs: outputScores,
    hints: hints.scores(),
  };
}

/** Hard output predictions in the sample layout; a permutation is fused with its head mask into a pointer. */
function outputPredictions(probes: readonly ModelProbe[], logits: (p: ModelProbe) => Float32Array, n: number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const p of probes) {
    if (p.name !== p.source) continue;
    const hard = decodeHard(p, logits(p), n);
    if (p.type !== 'permutation_pointer') {
      out[p.name] = hard;
      continue;
    }
    const mask = probes.find((m) => m.name === p.name + PERMUTATION_MASK_SUFFIX)!;
    out[p.name] = fusePermutation(hard, decodeHard(mask, logits(mask), n));
  }
  return out;
}

/** One row per scored probe (outputs, then hints): stage, probe, type, metric, value, count; the whole result in `causal.metrics`. */
export function clrsEvaluationBatch(e: ClrsEvaluation, provenance: Provenance): RecordBatch {
  const metadata = provenanceMetadata(provenance, e);
  const rows = [
    ...Object.entries(e.outputs).map(([name, s]) => ({ stage: 'output', name, ...s })),
    ...Object.entries(e.hints).map(([name, s]) => ({ stage: 'hint', name, ...s })),
  ];
  return makeBatch(
    [
      { name: 'stage', type: new Utf8(), values: rows.map((r) => r.stage) },
      { name: 'probe', type: new Utf8(), values: rows.map((r) => r.name) },
      { name: 'type', type: new Utf8(), values: rows.map((r) => r.type) },
      { name: 'metric', type: new Utf8(), values: rows.map((r) => r.metric) },
      { name: 'value', type: new Float64(), values: rows.map((r) => r.value) },
      { name: 'count', type: new Int32(), values: rows.map((r) => r.count) },
    ],
    metadata,
  );
}
