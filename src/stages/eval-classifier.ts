import { Float64, Int32, type RecordBatch, Utf8 } from 'apache-arrow';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, makeBatch, provenanceMetadata } from '../io/batch.js';
import { readImageTable } from '../io/images.js';
import { type ClassificationSummary, summariseClassification } from '../metrics/classification.js';
import type { RuntimeOptions } from '../engine/runtime.js';
import { classify } from './classify.js';
import { checkModelInput, openModel } from './model-session.js';

export interface ClassifierEvaluation {
  summary: ClassificationSummary;
  classNames: string[];
  source: string;
}

/** Runs the model in `dir` on labelled images and scores its predictions. */
export async function evaluateClassifier(input: ArrowInput, dir: string, runtime: RuntimeOptions): Promise<ClassifierEvaluation> {
  const { card, session } = await openModel(dir, runtime);
  try {
    // openModel admits classifiers only, and those always have classes.
    const classes = card.output.classes!;
    const table = await readImageTable(input, { requireLabels: true, classes });
    checkModelInput(table, card, dir);
    const run = await classify(session, table.images, table.rows);
    const classNames = card.output.classNames ?? Array.from({ length: classes }, (_, k) => String(k));
    return { summary: summariseClassification(table.labels!, run.predictions, classes), classNames, source: table.source };
  } finally {
    await session.release();
  }
}

/** The headline numbers, as --json prints them and `causal.metrics` stores them. */
export function classifierMetrics(e: ClassifierEvaluation): Record<string, unknown> {
  const s = e.summary;
  return {
    examples: s.n,
    accuracy: s.accuracy,
    macro_f1: s.perClass.reduce((a, c) => a + c.f1, 0) / s.perClass.length,
    per_class: s.perClass.map((c, k) => ({ class: k, name: e.classNames[k], ...c })),
    confusion: s.confusion,
    predictions_sha256: s.predictionsDigest,
  };
}

/** One row per class: support, precision, recall, F1 and the confusion-matrix row; metrics in the metadata. */
export function perClassBatch(e: ClassifierEvaluation, provenance: Provenance): RecordBatch {
  const metadata = provenanceMetadata(provenance, classifierMetrics(e));
  const { perClass, confusion } = e.summary;
  return makeBatch(
    [
      { name: 'class', type: new Int32(), values: perClass.map((_, k) => k) },
      { name: 'name', type: new Utf8(), values: e.classNames },
      { name: 'support', type: new Int32(), values: perClass.map((c) => c.support) },
      { name: 'precision', type: new Float64(), values: perClass.map((c) => c.precision) },
      { name: 'recall', type: new Float64(), values: perClass.map((c) => c.recall) },
      { name: 'f1', type: new Float64(), values: perClass.map((c) => c.f1) },
      ...confusion.map((_, j) => ({ name: `predicted_${j}`, type: new Int32(), values: confusion.map((row) => row[j]) })),
    ],
    metadata,
  );
}

