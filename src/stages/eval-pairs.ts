import { Float64, Int32, type RecordBatch } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, makeBatch, provenanceMetadata } from '../io/batch.js';
import { FLOAT, UTF8, column, optionalColumn, requireColumn } from '../io/columns.js';
import { parseDirection } from '../io/pairs-table.js';
import { type ScoredDecision, summariseDecisions } from '../metrics/decision-rate.js';
import { type PairEvaluation, pairMetrics } from '../metrics/pair-metrics.js';

/**
 * Scores pair decisions (`direction`) against `truth`. Every decided pair counts once, weighted by `weight` where the
 * table has one (missing weights count 1), ranked by `confidence` for the decision-rate curve.
 */
export async function evaluatePairs(input: ArrowInput): Promise<PairEvaluation> {
  const { name, schema } = input;
  requireColumn(name, schema, 'pair_id', UTF8);
  requireColumn(name, schema, 'direction', UTF8);
  requireColumn(name, schema, 'truth', UTF8);
  const hasWeight = optionalColumn(name, schema, 'weight', FLOAT) !== undefined;
  const hasConfidence = optionalColumn(name, schema, 'confidence', FLOAT) !== undefined;
  const decisions: ScoredDecision[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for await (const batch of input.batches) {
    const ids = column(batch, 'pair_id');
    const directions = column(batch, 'direction');
    const truths = column(batch, 'truth');
    for (let i = 0; i < batch.numRows; i++) {
      const id = ids.get(i) as string;
      if (seen.has(id)) throw new DataError(`${name}: duplicate pair id '${id}'`);
      seen.add(id);
      const direction = parseDirection(directions.get(i), `${name}: pair '${id}', column direction`);
      if (direction === null) {
        skipped++;
        continue;
      }
      const truth = parseDirection(truths.get(i), `${name}: pair '${id}', column truth`);
      if (truth === null) throw new DataError(`${name}: pair '${id}' has no truth to evaluate against`);
      const weight = hasWeight ? ((batch.getChild('weight')!.get(i) as number | null) ?? 1) : 1;
      const confidence = hasConfidence ? ((batch.getChild('confidence')!.get(i) as number | null) ?? 0) : 0;
      decisions.push({ id, correct: direction === truth, weight, confidence });
    }
  }
  if (decisions.length === 0) throw new DataError(`${name}: no decided pairs to evaluate`);
  return { summary: summariseDecisions(decisions), skipped, weighted: hasWeight };
}

/** The curve as an Arrow table; the headline metrics travel in the schema metadata as `causal.metrics`. */
export function evaluationBatch(evaluation: PairEvaluation, provenance: Provenance): RecordBatch {
  const { summary } = evaluation;
  const metadata = provenanceMetadata(provenance, pairMetrics(evaluation));
  return makeBatch(
    [
      { name: 'decided', type: new Int32(), values: summary.curve.map((_, k) => k + 1) },
      { name: 'decision_rate', type: new Float64(), values: summary.curve.map((p) => p.decisionRate) },
      { name: 'accuracy', type: new Float64(), values: summary.curve.map((p) => p.accuracy) },
      { name: 'weighted_accuracy', type: new Float64(), values: summary.curve.map((p) => p.weightedAccuracy) },
      { name: 'confidence_threshold', type: new Float64(), values: summary.curve.map((p) => p.threshold) },
    ],
    metadata,
  );
}
