import { UsageError } from '../common/errors.js';
import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, integer } from '../cli/options.js';

/** Steps augmented per sample unless --steps says otherwise: the output grows with it, not with the trajectory. */
const DEFAULT_STEPS = 4;

function parseSteps(v: string): number | 'all' {
  if (v.trim() === 'all') return 'all';
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new UsageError(`--steps must be all or a positive integer, got '${v}'`);
  return Number(v);
}

export const augmentClrsCommand: CommandSpec = {
  name: 'augment-clrs',
  summary: 'Hint-ReLIC augmentations of CLRS samples: inputs that keep a hint step, verified by re-running',
  details:
    'Reads a `causal clrs sample` table. For each sample and hint step t, builds an input on which the\n' +
    "algorithm's step t -> t+1 is the same on the original nodes (added nodes, elements or edges the step cannot\n" +
    'read; order-preserving key redraws), re-runs the algorithm on it and keeps it only if the hints at t and t+1,\n' +
    'restricted to the original nodes, are identical (for bubble sort, quicksort and Kruskal, whose steps shift,\n' +
    'at the augmented step t\' with the same state). Failing proposals are redrawn up to --tries times, then the step\n' +
    'is skipped. Writes one row per kept (sample, step): the augmented sample in the clrs-sample schema plus step,\n' +
    'augmented_step and node_map; counts go to stderr. Rules per algorithm: docs/clrs-augment.md.',
  arguments: [{ name: 'input', description: 'Arrow file of CLRS samples, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--steps <all|n>', description: 'hint steps per sample, drawn at random without replacement, or all', default: DEFAULT_STEPS, parse: parseSteps },
    { flags: '--max-extra <k>', description: 'add 1..k nodes or elements per augmentation (0: key redraws only)', default: 4, parse: integer('--max-extra', 0, 64) },
    { flags: '--tries <n>', description: 'proposals per step before it is skipped', default: 8, parse: integer('--tries', 1, 1000) },
    SEED,
    { flags: '--batch-size <n>', description: 'output rows per record batch, at most', default: 64, parse: integer('--batch-size', 1), advanced: true },
    OUTPUT,
  ],
  examples: [
    'causal clrs sample --algorithm bfs --n 6 --count 3 --seed 1 | causal augment-clrs --seed 2 -o bfs-aug.arrow',
    'causal augment-clrs insertion.arrow --steps all --max-extra 2 > insertion-aug.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as { steps: number | 'all'; maxExtra: number; tries: number; seed: number; batchSize: number; output?: string };
    const [{ openArrowInput }, { writeArrow }, { augmentClrs }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../stages/augment-clrs.js'),
    ]);
    const params = { steps: o.steps, maxExtra: o.maxExtra, tries: o.tries };
    const run = augmentClrs(await openArrowInput(inputArg as string), { ...params, seed: o.seed, batchSize: o.batchSize, provenance: { stage: 'augment-clrs', seed: o.seed, params } });
    await ctx.withProgress(`augment-clrs ${run.algorithm}`, () => writeArrow(o.output, run.batches, run.schema), () => `${run.counts.augmented} steps`);
    const c = run.counts;
    const na = c.notApplicable > 0 ? `, ${c.notApplicable} not applicable (the rule has nothing to change there)` : '';
    ctx.log(`augment-clrs: ${run.algorithm}, ${c.samples} samples: ${c.augmented} steps augmented, ${c.skipped} skipped after ${o.tries} tries${na}`);
  },
};
