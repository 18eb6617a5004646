import { availableParallelism } from 'node:os';
import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, choice, integer, real } from '../cli/options.js';
import { formatTable } from '../cli/table.js';
import { METRICS, type Metric } from '../probes/knn.js';
import type { PseudoLabelMetrics } from '../stages/pseudo-label.js';

interface PseudoLabelFlags {
  embeddingColumn: string;
  labelColumn: string;
  k: number;
  metric: Metric;
  weighted?: boolean;
  balanced?: boolean;
  labelsFraction?: number;
  seed: number;
  threads?: number;
  json?: boolean;
  output?: string;
}

export const pseudoLabelCommand: CommandSpec = {
  name: 'pseudo-label',
  summary: 'label every row of an embeddings table by a k-NN vote of its labelled rows',
  details:
    'Reads embeddings (the output of `causal embed`, or any Arrow table with a FixedSizeList<Float32|Float64>\n' +
    'column) with a nullable label column. The labelled rows are the k-NN reference set; every row gets the vote of\n' +
    'its k nearest references, a labelled row leaving itself out. Writes every row with its columns passed through\n' +
    'plus pseudo_label (Int32), confidence (Float32: the winning share of the vote), agreement (Float32: the fraction\n' +
    'of the neighbours labelled with the winner) and labelled (Bool: the row was a reference).\n\n' +
    '--labels-fraction F simulates semi-supervision on a fully labelled table: only a class-stratified fraction F of\n' +
    'the labelled rows (chosen by --seed) are references, and the rest are scored. A summary and the calibration by\n' +
    'confidence decile go to stderr (--json: to stdout as JSON, the table then only with --output). See docs/probes.md.',
  arguments: [{ name: 'input', description: 'Arrow file of embeddings, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--k <n>', description: 'neighbours per vote', default: 10, parse: integer('--k', 1) },
    { flags: '--metric <metric>', description: 'cosine or euclidean', default: 'cosine', parse: choice('--metric', METRICS) },
    { flags: '--weighted', description: 'weight votes by similarity (cosine: exp(s/0.07); euclidean: 1/distance)' },
    { flags: '--balanced', description: "divide each vote by its class's count among the references" },
    { flags: '--labels-fraction <f>', description: 'use only this stratified fraction of the labelled rows, and score the rest', parse: real('--labels-fraction', 0, 1) },
    SEED,
    { flags: '--embedding-column <name>', description: 'the embedding column', default: 'embedding' },
    { flags: '--label-column <name>', description: 'the label column (null: unlabelled)', default: 'label' },
    { flags: '--threads <n>', description: 'worker threads for the neighbour search (default: the cores, at most 8)', parse: integer('--threads', 1, 256) },
    { flags: '--json', description: 'print the metrics as JSON on stdout (write the table with --output)' },
    OUTPUT,
  ],
  examples: [
    'causal import fashion-mnist | causal embed --model fmnist-ssl | causal pseudo-label --labels-fraction 0.01 --seed 1 > labelled.arrow',
    'causal pseudo-label embeddings.arrow --k 20 --balanced -o pseudo.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as unknown as PseudoLabelFlags;
    const [{ openArrowInput }, { writeArrow }, { pseudoLabel }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../stages/pseudo-label.js'),
    ]);
    const params = {
      k: o.k,
      metric: o.metric,
      weighted: Boolean(o.weighted),
      balanced: Boolean(o.balanced),
      labels_fraction: o.labelsFraction ?? null,
      embedding_column: o.embeddingColumn,
      label_column: o.labelColumn,
    };
    const out = await pseudoLabel(await openArrowInput(inputArg as string), {
      ...o,
      weighting: o.weighted ? 'distance' : 'uniform',
      balanced: Boolean(o.balanced),
      threads: o.threads ?? Math.min(8, availableParallelism()),
      provenance: { stage: 'pseudo-label', seed: o.seed, params },
    });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(out.metrics)}\n`);
      if (o.output) await writeArrow(o.output, out.batches, out.schema);
      return;
    }
    await writeArrow(o.output, out.batches, out.schema);
    ctx.log(describe(out.metrics));
    if (out.metrics.k > out.metrics.smallest_class_references) {
      ctx.log(`note: --k ${o.k} exceeds the ${out.metrics.smallest_class_references} references of the rarest class; its rows are outvoted (try a smaller --k, or --weighted / --balanced)`);
    }
  },
};

function describe(m: PseudoLabelMetrics): string {
  const rows: (string | number)[][] = [
    ['rows', m.rows],
    ['reference rows (labelled)', m.reference_rows],
    ['unlabelled rows', m.unlabelled_rows],
  ];
  if (m.hidden_rows) rows.push(['rows with hidden labels', m.hidden_rows]);
  rows.push(['neighbours per vote', m.k], ['reference accuracy (leave-one-out)', m.reference_accuracy]);
  if (m.hidden_accuracy !== null) rows.push(['pseudo-label accuracy on hidden rows', m.hidden_accuracy]);
  rows.push(['mean confidence', m.mean_confidence], [`expected calibration error (${m.calibrated_on})`, m.calibration.ece]);
  return [
    formatTable(['pseudo-label', 'value'], rows),
    '',
    `calibration by confidence decile (${m.calibrated_on} rows)`,
    formatTable(
      ['decile', 'confidence from', 'to', 'mean confidence', 'accuracy', 'rows'],
      m.calibration.bins.map((b, i) => [i + 1, b.from, b.to, b.meanConfidence, b.accuracy, b.count]),
    ),
  ].join('\n');
}
