import { createHash } from 'node:crypto';

export interface ClassMetrics {
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClassificationSummary {
  readonly n: number;
  readonly accuracy: number;
  readonly perClass: ClassMetrics[];
  /** confusion[truth][predicted] counts. */
  readonly confusion: number[][];
  /** sha256 of the predicted labels (Int32 little-endian): equal digests mean equal predictions. */
  readonly predictionsDigest: string;
}

/** Accuracy, per-class precision/recall/F1 and the confusion matrix of predicted against true labels. */
export function summariseClassification(truth: Int32Array, predicted: Int32Array, classes: number): ClassificationSummary {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    confusion[truth[i]][predicted[i]] += 1;
    if (truth[i] === predicted[i]) correct++;
  }
  const perClass = confusion.map((row, k) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predictedK = confusion.reduce((a, r) => a + r[k], 0);
    const tp = row[k];
    const precision = predictedK ? tp / predictedK : 0;
    const recall = support ? tp / support : 0;
    return { support, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  return { n: truth.length, accuracy: truth.length ? correct / truth.length : 0, perClass, confusion, predictionsDigest: digest(predicted) };
}

export function digest(values: Int32Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}
