import { UsageError } from '../common/errors.js';
import type { Provenance } from '../io/batch.js';
import {
  CAUSE_NAMES,
  DEFAULT_NOISE_SCALE,
  FUNCTION_NAMES,
  MECHANISM_NAMES,
  NOISE_NAMES,
  type PairSpec,
} from '../pairs/index.js';
import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, choice, choices, integer, real } from '../cli/options.js';

export const makePairsCommand: CommandSpec = {
  name: 'make-pairs',
  summary: 'generate synthetic cause-effect pairs with known direction',
  details:
    'Generates pairs x -> y from a random cause law, a random function family and a noise law, through one of the\n' +
    'mechanisms: additive y = f(x) + s*e; multiplicative y = f+(x) * exp(s*e) (additive noise on log y);\n' +
    'heteroscedastic y = f(x) + g(x) * s*e. With --shuffle-orientation half the pairs are stored as y, x and\n' +
    'their truth says so. Used for tests, for training the KCDC classifier rule, and for synthetic experiments.',
  options: [
    { flags: '--count <n>', description: 'number of pairs', default: 100, parse: integer('--count', 1) },
    { flags: '--n <points>', description: 'points per pair', default: 500, parse: integer('--n', 10) },
    { flags: '--mechanism <m>', description: `${MECHANISM_NAMES.join(', ')}`, default: 'additive', parse: choice('--mechanism', MECHANISM_NAMES) },
    { flags: '--functions <list>', description: `function families, comma-separated (default all: ${FUNCTION_NAMES.join(', ')})`, parse: choices('--functions', FUNCTION_NAMES) },
    { flags: '--noise <list>', description: `noise laws (default all: ${NOISE_NAMES.join(', ')})`, parse: choices('--noise', NOISE_NAMES) },
    { flags: '--causes <list>', description: `cause laws (default all: ${CAUSE_NAMES.join(', ')})`, parse: choices('--causes', CAUSE_NAMES) },
    { flags: '--noise-scale <s|lo,hi>', description: `noise scale, fixed or drawn per pair (default ${DEFAULT_NOISE_SCALE.join(',')})`, parse: parseScale },
    { flags: '--discretize <p>', description: 'probability that a variable is rounded to a coarse grid, like tied real measurements', default: 0, parse: real('--discretize', 0, 1) },
    { flags: '--shuffle-orientation', description: 'store half the pairs as (y, x), with truth y->x' },
    SEED,
    { flags: '--batch-size <n>', description: 'pairs per record batch', default: 8, parse: integer('--batch-size', 1) },
    OUTPUT,
  ],
  examples: [
    'causal make-pairs --count 200 --n 500 --mechanism additive --noise gaussian,uniform --shuffle-orientation --seed 3 | causal kcdc | causal eval',
    'causal make-pairs --count 2000 --mechanism mixed --shuffle-orientation -o train-pairs.arrow',
  ],
  async run(_args, raw, ctx) {
    const spec: PairSpec = {
      count: raw.count as number,
      n: raw.n as number,
      mechanism: raw.mechanism as PairSpec['mechanism'],
      functions: raw.functions as PairSpec['functions'],
      noises: raw.noise as PairSpec['noises'],
      causes: raw.causes as PairSpec['causes'],
      noiseScale: raw.noiseScale as PairSpec['noiseScale'],
      discretize: raw.discretize as number,
    };
    const seed = raw.seed as number;
    const [{ writeArrow }, { outputSchema }, { PAIR_FIELDS }, { syntheticPairs }, { pairsToBatches }] = await Promise.all([
      import('../io/arrow-output.js'),
      import('../io/batch.js'),
      import('../io/pairs-table.js'),
      import('../stages/make-pairs.js'),
      import('../stages/pairs-to-batches.js'),
    ]);
    const provenance: Provenance = { stage: 'make-pairs', seed, params: { ...spec, shuffleOrientation: Boolean(raw.shuffleOrientation) } };
    const batches = pairsToBatches(syntheticPairs(spec, seed), {
      provenance,
      batchSize: raw.batchSize as number,
      shuffleOrientation: Boolean(raw.shuffleOrientation),
      seed,
      source: 'make-pairs',
    });
    await writeArrow(raw.output as string | undefined, batches, outputSchema(PAIR_FIELDS, provenance));
    ctx.log(`make-pairs: ${spec.count} ${spec.mechanism} pairs of ${spec.n} points`);
  },
};

function parseScale(v: string): number | [number, number] {
  const parts = v.split(',').map((s) => Number(s.trim()));
  if (parts.some((p) => !Number.isFinite(p) || p < 0) || parts.length > 2) {
    throw new UsageError(`--noise-scale must be a non-negative number or lo,hi; got '${v}'`);
  }
  if (parts.length === 2 && parts[0] > parts[1]) throw new UsageError(`--noise-scale lo,hi needs lo <= hi; got '${v}'`);
  return parts.length === 1 ? parts[0] : [parts[0], parts[1]];
}
