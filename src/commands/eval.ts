import { writeFileAtomic } from '../io/atomic-file.js';
import { heatmapSvg, lineChartSvg } from '../io/svg-plot.js';
import { pairMetrics, type PairEvaluation } from '../metrics/pair-metrics.js';
import type { CommandContext, CommandSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, THREADS } from '../cli/options.js';
import { formatTable } from '../cli/table.js';

interface EvalOptions {
  model?: string;
  device: 'cpu' | 'webgpu' | 'cuda';
  threads?: number;
  json?: boolean;
  plot?: string;
  output?: string;
}

export const evalCommand: CommandSpec = {
  name: 'eval',
  summary: 'score pair decisions against their truth, or a trained model (--model) on labelled images',
  details:
    'Pairs: scores cause-effect decisions (the output of `causal kcdc`) against the truth column: accuracy, accuracy\n' +
    'weighted by the weight column, and the accuracy-versus-decision-rate curve (pairs ranked by confidence) with\n' +
    'its area. A table goes to stderr; the curve goes to stdout as Arrow, with the metrics in the schema metadata\n' +
    '(`causal.metrics`), or as JSON with --json.\n\n' +
    'Models (--model DIR): runs DIR/model.onnx with ONNX Runtime on labelled images (image, label) and reports\n' +
    'accuracy, a per-class table (precision, recall, F1) and the confusion matrix on stderr; stdout gets the\n' +
    'per-class table as Arrow (confusion rows as predicted_K columns), --json the metrics, --plot the confusion\n' +
    'matrix as SVG.',
  arguments: [{ name: 'input', description: 'Arrow file, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <dir>', description: 'evaluate this trained model directory on labelled images' },
    DEVICE,
    THREADS,
    { flags: '--json', description: 'print the metrics as JSON on stdout instead of the Arrow curve' },
    { flags: '--plot <file.svg>', description: 'draw the accuracy-versus-decision-rate curve, or a model\'s confusion matrix' },
    OUTPUT,
  ],
  examples: [
    'causal import tuebingen --shuffle-orientation --seed 1 | causal kcdc | causal eval --plot curve.svg > curve.arrow',
    'causal eval decisions.arrow --json',
    'causal import fashion-mnist --split test | causal eval --model fmnist-cnn --plot confusion.svg > per-class.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const opts = raw as unknown as EvalOptions;
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
