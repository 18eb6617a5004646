import { availableParallelism } from 'node:os';
import { writeFileAtomic } from '../io/atomic-file.js';
import { heatmapSvg, lineChartSvg } from '../io/svg-plot.js';
import { pairMetrics, type PairEvaluation } from '../metrics/pair-metrics.js';
import { UsageError } from '../common/errors.js';
import type { CommandContext, CommandSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, SEED, THREADS, choice, choices, integer, real } from '../cli/options.js';
import { formatTable } from '../cli/table.js';
import { CAPTION_METRICS, type CaptionMetric } from '../metrics/captions/names.js';
import { METRICS, type Metric } from '../probes/knn.js';

interface EvalOptions {
  task?: 'image' | 'clrs';
  n?: number;
  count?: number;
  batchSize?: number;
  model?: string;
  device: 'cpu' | 'webgpu' | 'cuda';
  threads?: number;
  json?: boolean;
  plot?: string;
  output?: string;
  probe?: ('linear' | 'knn')[];
  test?: string;
  labelsFraction: number;
  seed: number;
  seeds?: number[];
  k: number;
  distance: Metric;
  metric?: CaptionMetric[];
  candidates?: string;
  references?: string;
  weighted?: boolean;
  l2?: number;
  embeddingColumn: string;
  labelColumn: string;
}

const seedList = integer('--seeds', 0, 2 ** 32 - 1);
const captionMetric = choices('--metric', CAPTION_METRICS);

/** The caption metrics; the k-NN probe's distance, once also --metric, points to its new flag. */
function parseCaptionMetrics(v: string): CaptionMetric[] {
  if ((METRICS as readonly string[]).includes(v.trim())) {
    throw new UsageError(`--metric takes caption metrics (${CAPTION_METRICS.join(', ')}); the k-NN probe's ${v.trim()} is now --distance ${v.trim()}`);
  }
  return captionMetric(v);
}

export const evalCommand: CommandSpec = {
  name: 'eval',
  summary:
    'score pair decisions against their truth, a trained model (--model) on labelled images, a CLRS model (--task clrs), or captions (--metric cider,bleu,rouge)',
  details:
    'Pairs: scores cause-effect decisions (the output of `causal kcdc`) against the truth column: accuracy, accuracy\n' +
    'weighted by the weight column, and the accuracy-versus-decision-rate curve (pairs ranked by confidence) with\n' +
    'its area. A table goes to stderr; the curve goes to stdout as Arrow, with the metrics in the schema metadata\n' +
    '(`causal.metrics`), or as JSON with --json.\n\n' +
    'Models (--model DIR): runs DIR/model.onnx with ONNX Runtime on labelled images (image, label) and reports\n' +
    'accuracy, a per-class table (precision, recall, F1) and the confusion matrix on stderr; stdout gets the\n' +
    'per-class table as Arrow (confusion rows as predicted_K columns), --json the metrics, --plot the confusion\n' +
    'matrix as SVG.\n\n' +
    'Probes (--probe linear|knn --test FILE): frozen-embedding evaluation. The input holds embeddings of the training\n' +
    'images, FILE those of the test images (both from `causal embed` or any Arrow FixedSizeList<Float> column, with\n' +
    'labels). For each seed a class-stratified --labels-fraction of the labelled training rows is chosen, the probe\n' +
    'is fitted on it and scored on every test row. A table (per seed, then mean ± sd) goes to stderr; stdout gets one\n' +
    'Arrow row per probe x seed (probe, labels_fraction, seed, labelled_rows, accuracy), or --json. --threads sets\n' +
    "the k-NN search's worker threads. See docs/probes.md.\n\n" +
    'CLRS (--task clrs --model DIR): runs the one-step model on CLRS samples of its algorithm (a `causal clrs\n' +
    'sample` table, or with --n drawn on the fly: --count samples, default 32 x the benchmark multiplier, from\n' +
    '--seed), rolling each sample out for its ground-truth number of steps on its own decoded hints, and reports\n' +
    'the benchmark score (mean over output probes of pointer/mask_one/categorical accuracy, mask F1, scalar MSE,\n' +
    'pooled over all samples) with hint accuracies as a diagnostic. A table goes to stderr; stdout gets one Arrow\n' +
    'row per probe, or --json the metrics. See docs/clrs-model.md.\n\n' +
    'Captions (--metric cider,bleu,rouge,objects, any subset): scores each row\'s candidate caption (--candidates,\n' +
    'default caption, Utf8) against its references (--references, default captions, List<Utf8>, or Utf8 for one)\n' +
    'as the COCO caption evaluation code does: CIDEr-D (x10 scale; papers print x100), corpus-level BLEU-1..4 and\n' +
    'ROUGE-L. CIDEr-D\'s document frequencies come from the whole input, so score the full test set in one call.\n' +
    'objects (scene-world captions only) reads candidate and references with the scene grammar and reports the\n' +
    'right object count and the recall of colours, shapes and (colour, shape) pairs. A table goes to stderr; stdout\n' +
    'gets one Arrow row per input row (id, or row, then cider, rouge_l and objects) with the set-level scores in\n' +
    '`causal.metrics`, or --json those scores. See docs/caption-metrics.md.',
  arguments: [{ name: 'input', description: 'Arrow file, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <dir>', description: 'evaluate this trained model directory on labelled images (or CLRS samples)' },
    { flags: '--task <task>', description: 'image (default) or clrs: score a CLRS model on samples of its algorithm', parse: choice('--task', ['image', 'clrs'] as const) },
    { flags: '--n <nodes>', description: '--task clrs: sample the test set on the fly at this size instead of reading a table', parse: integer('--n', 1, 128) },
    { flags: '--count <n>', description: '--task clrs with --n: samples to draw (default 32 x the benchmark multiplier)', parse: integer('--count', 1) },
    { flags: '--batch-size <n>', description: '--task clrs: samples per step-graph run (default 32)', parse: integer('--batch-size', 1), advanced: true },
    DEVICE,
    THREADS,
    { flags: '--probe <names>', description: 'evaluate frozen embeddings with these probes: linear, knn or linear,knn', parse: choices('--probe', ['linear', 'knn'] as const) },
    { flags: '--test <file>', description: 'with --probe: embeddings of the test images, with labels' },
    { flags: '--labels-fraction <f>', description: 'with --probe: fit on this class-stratified fraction of the labelled rows', default: 1, parse: real('--labels-fraction', 0, 1) },
    SEED,
    { flags: '--seeds <list>', description: 'with --probe: several subset seeds, e.g. 1,2,3 (reports mean ± sd); overrides --seed', parse: (v: string) => v.split(',').map((s) => seedList(s.trim())) },
    { flags: '--k <n>', description: 'k-NN probe: neighbours per vote', default: 20, parse: integer('--k', 1) },
    { flags: '--distance <metric>', description: 'k-NN probe: cosine or euclidean', default: 'cosine', parse: choice('--distance', METRICS) },
    { flags: '--weighted', description: 'k-NN probe: weight votes by similarity (cosine: exp(s/0.07))', advanced: true },
    { flags: '--l2 <lambda>', description: 'linear probe: L2 penalty (default 1 / labelled rows, scikit-learn\'s C = 1)', parse: real('--l2', 0), advanced: true },
    { flags: '--embedding-column <name>', description: 'with --probe: the embedding column', default: 'embedding' },
    { flags: '--label-column <name>', description: 'with --probe: the label column', default: 'label' },
    { flags: '--metric <list>', description: 'score captions: cider, bleu, rouge, objects (scene world) or a comma list such as cider,bleu,rouge', parse: parseCaptionMetrics },
    { flags: '--candidates <column>', description: 'with --metric: the candidate caption column, Utf8 (default caption)' },
    { flags: '--references <column>', description: 'with --metric: the reference captions column, List<Utf8> or Utf8 (default captions)' },
    { flags: '--json', description: 'print the metrics as JSON on stdout instead of the Arrow curve' },
    { flags: '--plot <file.svg>', description: 'draw the accuracy-versus-decision-rate curve, or a model\'s confusion matrix' },
    OUTPUT,
  ],
  examples: [
    'causal import tuebingen --shuffle-orientation --seed 1 | causal kcdc | causal eval --plot curve.svg > curve.arrow',
    'causal eval decisions.arrow --json',
    'causal import fashion-mnist --split test | causal eval --model fmnist-cnn --plot confusion.svg > per-class.arrow',
    'causal eval --probe linear,knn train-emb.arrow --test test-emb.arrow --labels-fraction 0.01 --seeds 1,2,3',
    'causal clrs sample --algorithm bfs --split test | causal eval --task clrs --model bfs-model --json',
    'causal eval --task clrs --model bfs-model --n 64 --seed 3',
    'causal embed-images --model vq test-scenes.arrow | causal caption --model vlm | causal eval --metric cider,bleu,rouge',
    'causal eval captions.arrow --metric cider --candidates generated --references human --json',
  ],
  async run([inputArg], raw, ctx) {
    const opts = raw as unknown as EvalOptions;
    if (opts.metric) return evalCaptions(inputArg as string, opts.metric, opts, ctx);
    if (opts.candidates || opts.references) throw new UsageError('--candidates and --references apply with --metric (caption metrics)');
    if (opts.task === 'clrs') return evalClrs(inputArg as string, opts, ctx);
    for (const flag of ['n', 'count', 'batchSize'] as const) {
      if (opts[flag] !== undefined) throw new UsageError(`--${flag === 'batchSize' ? 'batch-size' : flag} applies to --task clrs`);
    }
    if (opts.probe) return evalProbe(inputArg as string, opts.probe, opts, ctx);
    if (opts.test) throw new UsageError('--test is for --probe: give --probe linear or --probe knn');
    if (opts.model) return evalModel(inputArg as string, opts.model, opts, ctx);
    const [{ openArrowInput }, { writeArrow }, { evaluatePairs, evaluationBatch }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../stages/eval-pairs.js'),
    ]);
    const input = await openArrowInput(inputArg as string);
    const evaluation = await evaluatePairs(input);
    ctx.log(describe(evaluation));
    if (opts.plot) await writeFileAtomic(opts.plot, curveSvg(evaluation));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(pairMetrics(evaluation))}\n`);
      return;
    }
    const batch = evaluationBatch(evaluation, { stage: 'eval', params: { task: 'pairs' } });
    await writeArrow(opts.output, [batch], batch.schema);
  },
};

async function evalModel(inputArg: string, dir: string, opts: EvalOptions, ctx: CommandContext): Promise<void> {
  const [{ openArrowInput }, { writeArrow }, { evaluateClassifier, classifierMetrics, perClassBatch }] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../io/arrow-output.js'),
    import('../stages/eval-classifier.js'),
  ]);
  const evaluation = await evaluateClassifier(await openArrowInput(inputArg), dir, { device: opts.device, threads: opts.threads });
  const { summary: s, classNames } = evaluation;
  ctx.log(
    [
      `accuracy ${s.accuracy.toFixed(4)} on ${s.n} images`,
      '',
      formatTable(
        ['class', 'name', 'support', 'precision', 'recall', 'f1'],
        s.perClass.map((c, k) => [k, classNames[k], c.support, c.precision, c.recall, c.f1]),
      ),
      '',
      'confusion matrix (rows: truth, columns: predicted)',
      formatTable(['', ...classNames.map((_, k) => String(k))], s.confusion.map((row, k) => [String(k), ...row])),
    ].join('\n'),
  );
  if (opts.plot) {
    const svg = heatmapSvg(s.confusion, {
      title: `Confusion matrix (${s.n} images, accuracy ${s.accuracy.toFixed(4)})`,
      rowLabel: 'true class',
      columnLabel: 'predicted class',
      labels: classNames,
    });
    await writeFileAtomic(opts.plot, svg);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(classifierMetrics(evaluation))}\n`);
    return;
  }
  const batch = perClassBatch(evaluation, { stage: 'eval', params: { task: 'image-classification', model: dir } });
  await writeArrow(opts.output, [batch], batch.schema);
}

async function evalProbe(inputArg: string, probes: ('linear' | 'knn')[], opts: EvalOptions, ctx: CommandContext): Promise<void> {
  if (opts.model) throw new UsageError('--probe evaluates embeddings; it does not take --model (run `causal embed --model` first)');
  if (opts.plot) throw new UsageError('--plot is not available with --probe');
  if (!opts.test) throw new UsageError('--probe needs --test FILE: embeddings of the test images, with labels');
  if (opts.test === '-' && inputArg === '-') throw new UsageError('the training and test embeddings cannot both come from stdin');
  const [{ openArrowInput }, { writeArrow }, { readEmbeddingTable }, { evaluateProbes, probeBatch, probeMetrics, summariseProbes }] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../io/arrow-output.js'),
    import('../io/embedding-table.js'),
    import('../stages/eval-probe.js'),
  ]);
  const columns = { embeddingColumn: opts.embeddingColumn, labelColumn: opts.labelColumn };
  const train = await readEmbeddingTable(await openArrowInput(inputArg), columns);
  const test = await readEmbeddingTable(await openArrowInput(opts.test), columns);
  const seeds = opts.seeds ?? [opts.seed];
  const runs = await ctx.withProgress('probes', (p) =>
    evaluateProbes(train, test, {
      probes: [...new Set(probes)],
      labelsFraction: opts.labelsFraction,
      seeds,
      k: opts.k,
      metric: opts.distance,
      weighting: opts.weighted ? 'distance' : 'uniform',
      l2: opts.l2,
      threads: opts.threads ?? Math.min(8, availableParallelism()),
      onRun: (r) => p.progress(`${r.probe} seed ${r.seed}: accuracy ${r.accuracy.toFixed(4)}`),
    }),
  );
  const params = { train: train.source, test: test.source, labels_fraction: opts.labelsFraction, seeds, k: opts.k, distance: opts.distance, weighted: Boolean(opts.weighted), l2: opts.l2 ?? null };
  const metrics = probeMetrics(runs, params);
  ctx.log(
    [
      `probes on ${train.dim}-dimensional embeddings: ${train.rows} training rows, ${test.rows} test rows`,
      formatTable(
        ['probe', 'labels fraction', 'seed', 'labelled rows', 'accuracy'],
        runs.map((r) => [r.probe, r.labelsFraction, r.seed, r.labelledRows, r.accuracy]),
      ),
      '',
      formatTable(
        ['probe', 'labels fraction', 'seeds', 'accuracy (mean ± sd)'],
        summariseProbes(runs).map((s) => [s.probe, s.labelsFraction, s.seeds, `${s.mean.toFixed(4)} ± ${s.sd.toFixed(4)}`]),
      ),
    ].join('\n'),
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(metrics)}\n`);
    return;
  }
  const batch = probeBatch(runs, metrics, { stage: 'eval', seed: seeds[0], params: { task: 'probe', probes, ...params } });
  await writeArrow(opts.output, [batch], batch.schema);
}

async function evalCaptions(inputArg: string, metrics: CaptionMetric[], opts: EvalOptions, ctx: CommandContext): Promise<void> {
  const others = { model: '--model', task: '--task', probe: '--probe', test: '--test', plot: '--plot', n: '--n', count: '--count', batchSize: '--batch-size' } as const;
  const clash = (Object.keys(others) as (keyof typeof others)[]).find((key) => opts[key] !== undefined);
  if (clash) throw new UsageError(`${others[clash]} does not apply to --metric (caption metrics)`);
  const [{ openArrowInput }, { writeArrow }, { evaluateCaptions, captionScoresBatch, captionSummary }] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../io/arrow-output.js'),
    import('../stages/eval-captions.js'),
  ]);
  const columns = { candidates: opts.candidates ?? 'caption', references: opts.references ?? 'captions' };
  const asked = CAPTION_METRICS.filter((m) => metrics.includes(m));
  const e = await evaluateCaptions(await openArrowInput(inputArg), columns, asked);
  const m = e.metrics;
  ctx.log(
    [
      `${m.images} images, ${m.references} reference captions ('${columns.candidates}' against '${columns.references}' in ${e.source})`,
      formatTable(['metric', 'value'], captionSummary(m)),
    ].join('\n'),
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  const batch = captionScoresBatch(e, { stage: 'eval', params: { task: 'captions', metrics: asked, ...columns } });
  await writeArrow(opts.output, [batch], batch.schema);
}

function describe(e: PairEvaluation): string {
  const s = e.summary;
  const rows: (string | number)[][] = [
    ['accuracy (forced decisions)', s.accuracy],
    ['area under accuracy-decision rate', s.auc],
  ];
  if (e.weighted) {
    rows.push(['weighted accuracy', s.weightedAccuracy], ['weighted area', s.weightedAuc]);
  }
  rows.push(['pairs decided', s.n]);
  if (e.skipped) rows.push(['pairs skipped upstream', e.skipped]);
  return formatTable(['metric', 'value'], rows);
}

function curveSvg(e: PairEvaluation): string {
  const curve = e.summary.curve;
  const series = [{ label: 'accuracy', points: curve.map((p) => [p.decisionRate, p.accuracy] as const) }];
  if (e.weighted) {
    series.push({ label: 'weighted accuracy', points: curve.map((p) => [p.decisionRate, p.weightedAccuracy] as const) });
  }
  return lineChartSvg([...series, { label: 'chance', points: [[0, 0.5], [1, 0.5]], dashed: true }], {
    title: `Accuracy vs decision rate (${e.summary.n} pairs)`,
    xLabel: 'decision rate (most confident first)',
    yLabel: 'accuracy',
    xRange: [0, 1],
    yRange: [0, 1],
  });
}

async function evalClrs(inputArg: string, opts: EvalOptions, ctx: CommandContext): Promise<void> {
  const model = opts.model;
  if (!model) throw new UsageError('--task clrs needs --model DIR: a model trained with `causal train --task clrs`');
  if (opts.probe || opts.test || opts.plot) throw new UsageError('--probe, --test and --plot do not apply to --task clrs');
  if (opts.count !== undefined && opts.n === undefined) throw new UsageError('--count applies with --n (sampling on the fly)');
  const [{ openArrowInput }, { writeArrow }, { algorithm: findAlgorithm }, { readTable }, stage] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../io/arrow-output.js'),
    import('../clrs/algorithms/index.js'),
    import('../stages/train-clrs.js'),
    import('../stages/eval-clrs.js'),
  ]);
  const card = await stage.openClrsModel(model);
  let samples;
  let source: string;
  if (opts.n !== undefined) {
    const alg = findAlgorithm(card.algorithm);
    if (opts.n < (alg.minN ?? 1)) throw new UsageError(`--n must be at least ${alg.minN} for ${alg.name}, got ${opts.n}`);
    const count = opts.count ?? 32 * alg.multiplier;
    samples = stage.sampledTestSet(alg, opts.n, count, opts.seed);
    source = `${count} ${alg.name} samples at n=${opts.n}, seed ${opts.seed}`;
  } else {
    const table = await readTable(await openArrowInput(inputArg));
    samples = table.rows;
    source = table.source;
  }
  const e = await ctx.withProgress('clrs eval', (p) =>
    stage.evaluateClrs(samples, model, { device: opts.device, threads: opts.threads, source, batchSize: opts.batchSize, onBatch: (done) => p.progress(`${done}/${samples.length}`) }),
  );
  const row = (stageName: string) => ([name, s]: [string, { type: string; metric: string; value: number; count: number }]) => [stageName, name, s.type, s.metric, s.value, s.count];
  ctx.log(
    [
      `${e.algorithm}: score ${e.score.toFixed(4)} on ${e.samples} samples (${source}; n ${Object.entries(e.sizes).map(([n, c]) => `${n}: ${c}`).join(', ')})`,
      formatTable(['stage', 'probe', 'type', 'metric', 'value', 'count'], [...Object.entries(e.outputs).map(row('output')), ...Object.entries(e.hints).map(row('hint'))]),
    ].join('\n'),
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(e)}\n`);
    return;
  }
  const batch = stage.clrsEvaluationBatch(e, { stage: 'eval', seed: opts.seed, params: { task: 'clrs', model, algorithm: e.algorithm, source } });
  await writeArrow(opts.output, [batch], batch.schema);
}
