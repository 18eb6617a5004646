import { UsageError } from '../common/errors.js';
import type { Provenance } from '../io/batch.js';
import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, choice, integer } from '../cli/options.js';
import { SPLIT_NAMES, type SplitName } from '../clrs/splits.js';

const ACTIONS = ['sample', 'list'] as const;
/** Bubble sort's trajectory holds ~1.5 n^3 numbers: 3 MB per sample at n = 64, 25 MB at 128. */
const MAX_N = 128;

export const clrsCommand: CommandSpec = {
  name: 'clrs',
  summary: 'CLRS-30 algorithmic-reasoning samples: inputs, hint trajectories and outputs as Arrow',
  details:
    'clrs sample: runs one of the 30 CLRS-30 algorithms (Veličković et al. 2022) on inputs drawn from the\n' +
    "benchmark's default samplers and records its probes as the benchmark does: the inputs, the hint trajectory\n" +
    '(one snapshot per step) and the outputs, one row per sample (schema in docs/clrs.md). --split train|val|test\n' +
    "sets n, --count and --seed as the benchmark's split does (train 1000 at n=16 seed 1; val 32 x multiplier at\n" +
    'n=16 seed 2; test 32 x multiplier at n=64 seed 3); explicit flags override. Without --split: n 16, count 100,\n' +
    'seed 0. Samples follow the benchmark distributions but are not bitwise the benchmark files (other RNG).\n' +
    'clrs list: the algorithms with family, sample multiplier, smallest n and probes.',
  arguments: [{ name: 'action', description: 'sample | list' }],
  options: [
    { flags: '--algorithm <name>', description: 'the CLRS-30 algorithm to sample (see `causal clrs list`)' },
    { flags: '--split <split>', description: 'a benchmark split: train, val or test (fixes n, count and seed)', parse: choice('--split', SPLIT_NAMES) },
    { flags: '--n <nodes>', description: `problem size: array length, string length, nodes (default 16, or the split's; at most ${MAX_N})`, parse: integer('--n', 1, MAX_N) },
    { flags: '--count <n>', description: "number of samples (default 100, or the split's)", parse: integer('--count', 1) },
    { flags: '--seed <n>', description: "seed; sample i draws from its own stream (seed, 'algorithm i') (default 0, or the split's)", parse: integer('--seed', 0, 2 ** 32 - 1) },
    { flags: '--batch-size <n>', description: 'samples per record batch, at most', default: 16, parse: integer('--batch-size', 1) },
    OUTPUT,
  ],
  examples: [
    'causal clrs list',
    'causal clrs sample --algorithm insertion_sort --n 8 --count 5 --seed 1 -o insertion.arrow',
    'causal clrs sample --algorithm bfs --split test -o bfs-test.arrow',
    'causal clrs sample --algorithm bubble_sort --split val --n 8 > bubble-val-small.arrow',
  ],
  async run(args, raw, ctx) {
    const action = args[0] as string;
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`clrs: action must be sample or list, got '${action}'`);
    if (action === 'list') {
      const [{ clrsListing }, { formatTable }] = await Promise.all([import('../stages/clrs-sample.js'), import('../cli/table.js')]);
      const rows = clrsListing().map((a) => [a.name, a.family, a.multiplier, a.minN, a.inputs, a.outputs, a.hints]);
      process.stdout.write(`${formatTable(['algorithm', 'family', 'multiplier', 'min n', 'inputs', 'outputs', 'hints'], rows)}\n`);
      return;
    }
    if (raw.algorithm === undefined) throw new UsageError('clrs sample: --algorithm is required (see `causal clrs list`)');
    const [{ algorithm: find }, { splitPlan }, { writeArrow }, stage] = await Promise.all([
      import('../clrs/algorithms/index.js'),
      import('../clrs/splits.js'),
      import('../io/arrow-output.js'),
      import('../stages/clrs-sample.js'),
    ]);
    const algorithm = find(raw.algorithm as string);
    const split = (raw.split as SplitName | undefined) ?? null;
    const plan = split ? splitPlan(algorithm, split) : { n: 16, count: 100, seed: 0 };
    const n = (raw.n as number | undefined) ?? plan.n;
    const count = (raw.count as number | undefined) ?? plan.count;
    const seed = (raw.seed as number | undefined) ?? plan.seed;
    const minN = algorithm.minN ?? 1;
    if (n < minN) throw new UsageError(`--n must be at least ${minN} for ${algorithm.name}, got ${n}`);
    const run = { algorithm, n, count, seed, split, batchSize: raw.batchSize as number };
    const provenance: Provenance = { stage: 'clrs-sample', seed, params: { algorithm: algorithm.name, split, n, count } };
    const schema = stage.clrsSampleSchema(run, provenance);
    await ctx.withProgress(
      `clrs ${algorithm.name}`,
      (p) => writeArrow(raw.output as string | undefined, stage.clrsSampleBatches(run, schema, (done) => p.progress(`${done}/${count}`)), schema),
      () => `${count} samples`,
    );
    ctx.log(`clrs sample: ${count} ${algorithm.name} samples at n=${n}, seed ${seed}${split ? ` (${split} split)` : ''}`);
  },
};
