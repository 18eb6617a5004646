import { writeFileAtomic } from '../io/atomic-file.js';
import { lineChartSvg } from '../io/svg-plot.js';
import { pairMetrics, type PairEvaluation } from '../metrics/pair-metrics.js';
import type { CommandSpec } from '../cli/command.js';
import { OUTPUT } from '../cli/options.js';
import { formatTable } from '../cli/table.js';

interface EvalOptions {
  json?: boolean;
  plot?: string;
  output?: string;
}

export const evalCommand: CommandSpec = {
  name: 'eval',
  summary: 'score a stage\'s output: pair decisions against their truth',
  details:
    'Scores cause-effect decisions (the output of `causal kcdc`) against the truth column: accuracy, accuracy\n' +
    'weighted by the weight column, and the accuracy-versus-decision-rate curve (pairs ranked by confidence) with\n' +
    'its area. A table goes to stderr; the curve goes to stdout as Arrow, with the metrics in the schema metadata\n' +
    '(`causal.metrics`), or as JSON with --json.',
  arguments: [{ name: 'input', description: 'Arrow file, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--json', description: 'print the metrics as JSON on stdout instead of the Arrow curve' },
    { flags: '--plot <file.svg>', description: 'draw the accuracy-versus-decision-rate curve' },
    OUTPUT,
  ],
  examples: [
    'causal import tuebingen --shuffle-orientation --seed 1 | causal kcdc | causal eval --plot curve.svg > curve.arrow',
    'causal eval decisions.arrow --json',
  ],
  async run([inputArg], raw, ctx) {
    const opts = raw as EvalOptions;
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
