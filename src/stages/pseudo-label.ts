import { Bool, type Data, Field, Float32, RecordBatch, Schema, makeData } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { batchOf, int32Data, labelField } from '../io/images.js';
import { type Calibration, calibrationByQuantile } from '../probes/calibration.js';
import { type EmbeddingColumns, readEmbeddingTable } from '../io/embedding-table.js';
import { type Metric, type Weighting, nearestNeighboursParallel, vote } from '../probes/knn.js';
import { labelledSubset } from '../probes/labelled-subset.js';

export interface PseudoLabelOptions extends EmbeddingColumns {
  readonly k: number;
  readonly metric: Metric;
  readonly weighting: Weighting;
  readonly balanced: boolean;
  /** Use only this stratified fraction of the labelled rows as references, and score the rest (a simulation). */
  readonly labelsFraction?: number;
  readonly seed: number;
  readonly threads: number;
  readonly provenance: Provenance;
}

export interface PseudoLabelMetrics {
  readonly rows: number;
  readonly reference_rows: number;
  readonly unlabelled_rows: number;
  /** Labelled rows whose labels --labels-fraction hid (0 without it). */
  readonly hidden_rows: number;
  readonly classes: number;
  readonly k: number;
  /** References of the rarest class among them: a vote with k above it cannot be won by that class's members alone. */
  readonly smallest_class_references: number;
  /** Leave-one-out k-NN accuracy on the reference rows. */
  readonly reference_accuracy: number;
  /** Accuracy on the hidden rows (null without --labels-fraction). */
  readonly hidden_accuracy: number | null;
  readonly mean_confidence: number;
  /** Which rows the calibration table scores: the hidden rows, or the reference rows left out one at a time. */
  readonly calibrated_on: 'hidden' | 'reference (leave-one-out)';
  readonly calibration: Calibration;
}

export interface PseudoLabelled {
  readonly schema: Schema;
  readonly batches: RecordBatch[];
  readonly metrics: PseudoLabelMetrics;
}

/** The columns this stage adds; input columns of the same names are replaced, so a table can be relabelled. */
const ADDED = ['pseudo_label', 'confidence', 'agreement', 'labelled'];

/**
 * k-NN pseudo-labels (SemPPL's labelling step, docs/probes.md): the labelled rows are the reference set, and every
 * row gets the vote of its k nearest references. A labelled row is left out of its own vote (leave-one-out), so its
 * pseudo-label says whether its neighbourhood agrees with its label.
 */
export async function pseudoLabel(input: ArrowInput, o: PseudoLabelOptions): Promise<PseudoLabelled> {
  const table = await readEmbeddingTable(input, o);
  const { rows, dim, labels, classes, source } = table;
  const labelledRows = labels.reduce((n, y) => n + (y >= 0 ? 1 : 0), 0);
  if (labelledRows === 0) {
    throw new DataError(`${source}: no labelled rows in '${o.labelColumn}' (all null): the labelled rows are the k-NN reference set`);
  }
  const reference = o.labelsFraction === undefined ? labelledRowsOf(labels) : labelledSubset(labels, o.labelsFraction, o.seed, source);
  const position = new Int32Array(rows).fill(-1);
  reference.forEach((row, j) => (position[row] = j));
  const referenceVectors = new Float32Array(reference.length * dim);
  reference.forEach((row, j) => referenceVectors.set(table.vectors.subarray(row * dim, (row + 1) * dim), j * dim));
  const referenceLabels = reference.map((row) => labels[row]);

  const neighbours = await nearestNeighboursParallel(table.vectors, referenceVectors, dim, o.k, { metric: o.metric, exclude: position, threads: o.threads });
  const votes = vote(neighbours, referenceLabels, classes, o);
  const metrics = summarise(labels, position, votes, classes, neighbours.k, o.labelsFraction !== undefined);

  const labelMeta = table.schema.fields.find((f) => f.name === o.labelColumn)!.metadata.get('classes');
  const kept = table.schema.fields.map((f, i) => [f, i] as const).filter(([f]) => !ADDED.includes(f.name));
  const metadata = provenanceMetadata(o.provenance, metrics);
  const schema = new Schema(
    [
      ...kept.map(([f]) => f),
      labelField('pseudo_label', labelMeta ? (JSON.parse(labelMeta) as string[]) : undefined),
      new Field('confidence', new Float32(), true),
      new Field('agreement', new Float32(), true),
      new Field('labelled', new Bool(), false),
    ],
    metadata,
  );
  const found = Uint8Array.from(votes.prediction, (p) => (p >= 0 ? 1 : 0));
  const batches: RecordBatch[] = [];
  let start = 0;
  for (const batch of table.batches) {
    const end = start + batch.numRows;
    const children = batch.data.children;
    batches.push(
      batchOf(schema, [
        ...kept.map(([, i]) => children[i]),
        int32Data(votes.prediction.slice(start, end), found.slice(start, end)),
        float32Data(votes.confidence.slice(start, end), found.subarray(start, end)),
        float32Data(votes.agreement.slice(start, end), found.subarray(start, end)),
        boolData(Uint8Array.from(position.subarray(start, end), (p) => (p >= 0 ? 1 : 0))),
      ]),
    );
    start = end;
  }
  return { schema, batches, metrics };
}

function labelledRowsOf(labels: Int32Array): Int32Array {
  const rows: number[] = [];
  labels.forEach((y, i) => {
    if (y >= 0) rows.push(i);
  });
  return Int32Array.from(rows);
}

function summarise(
  labels: Int32Array,
  position: Int32Array,
  votes: ReturnType<typeof vote>,
  classes: number,
  k: number,
  simulated: boolean,
): PseudoLabelMetrics {
  const referenceRows: number[] = [];
  const hiddenRows: number[] = [];
  let unlabelled = 0;
  let confidence = 0;
  labels.forEach((y, i) => {
    if (position[i] >= 0) referenceRows.push(i);
    else if (y >= 0) hiddenRows.push(i);
    else unlabelled++;
    confidence += votes.confidence[i];
  });
  const perClass = new Map<number, number>();
  for (const i of referenceRows) perClass.set(labels[i], (perClass.get(labels[i]) ?? 0) + 1);
  const accuracy = (rows: number[]): number => rows.reduce((a, i) => a + (votes.prediction[i] === labels[i] ? 1 : 0), 0) / rows.length;
  const scored = simulated ? hiddenRows : referenceRows;
  return {
    rows: labels.length,
    reference_rows: referenceRows.length,
    unlabelled_rows: unlabelled,
    hidden_rows: hiddenRows.length,
    classes,
    k,
    smallest_class_references: Math.min(...perClass.values()),
    reference_accuracy: accuracy(referenceRows),
    hidden_accuracy: simulated && hiddenRows.length ? accuracy(hiddenRows) : null,
    mean_confidence: confidence / labels.length,
    calibrated_on: simulated ? 'hidden' : 'reference (leave-one-out)',
    calibration: calibrationByQuantile(
      scored.map((i) => votes.confidence[i]),
      scored.map((i) => votes.prediction[i] === labels[i]),
    ),
  };
}

function float32Data(values: Float32Array, valid: Uint8Array): Data {
  const nullCount = valid.length - valid.reduce((a, b) => a + b, 0);
  return makeData({ type: new Float32(), length: values.length, data: values, nullBitmap: nullCount ? packBits(valid) : undefined, nullCount });
}

function boolData(values: Uint8Array): Data {
  return makeData({ type: new Bool(), length: values.length, data: packBits(values), nullCount: 0 });
}

function packBits(flags: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(flags.length / 8));
  flags.forEach((v, i) => {
    if (v) out[i >> 3] |= 1 << (i & 7);
  });
  return out;
}
