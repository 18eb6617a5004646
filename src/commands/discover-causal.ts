import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { DataError, UsageError } from '../common/errors.js';
import type { CommandSpec } from '../cli/command.js';
import type { StageProgress } from '../cli/progress.js';
import { OUTPUT, SEED, SHARD, choice, integer } from '../cli/options.js';
import type { Shard } from '../io/shard.js';

const RULES = ['direct', 'vote', 'classifier'] as const;

interface DiscoverFlags {
  rule: (typeof RULES)[number];
  ruleFile?: string;
  trainRule?: string;
  maxPoints?: number;
  threads: number;
  skipInvalid?: boolean;
  seed: number;
  shard?: Shard;
  output?: string;
}

export const discoverCausalCommand: CommandSpec = {
  name: 'discover-causal',
  aliases: ['kcdc'],
  summary: 'decide the causal direction of each cause-effect pair with KCDC',
  details:
    'KCDC (kernel conditional deviance, Mitrovic et al. 2018): for each pair it estimates the conditional mean\n' +
    'embeddings of y given x and of x given y, and measures how much their RKHS norms vary across the data; the\n' +
    'direction whose conditionals vary less is taken as causal. Three decision rules:\n' +
    '  direct      one kernel pair and statistic (laplace input, rbf output, normalised CV of the norms)\n' +
    '  vote        majority over nine kernel pairs; confidence is the vote margin\n' +
    '  classifier  (default) gradient-boosted trees on 243 deviance readings (three bandwidths), fitted only on\n' +
    '              synthetic pairs; ships with causal, or fit your own with --train-rule\n' +
    'Pairs larger than --max-points are subsampled (seeded per pair id). Output: one row per pair with direction,\n' +
    'score_xy, score_yx (support for each direction, summing to 1), confidence, per-kernel votes and status, plus\n' +
    'the input\'s weight and truth. Methods and defaults: docs/kcdc.md.',
  arguments: [{ name: 'input', description: 'pairs table (Arrow file, or - for stdin)', optional: true, default: '-' }],
  options: [
    { flags: '--rule <rule>', description: `decision rule: ${RULES.join(', ')}`, default: 'classifier', parse: choice('--rule', RULES) },
    { flags: '--rule-file <file.json>', description: 'use a learned rule fitted with --train-rule instead of the shipped one' },
    { flags: '--train-rule <file.json>', description: 'fit the learned rule on the input pairs (truth required) and write it; no Arrow output' },
    { flags: '--max-points <n>', description: 'subsample larger pairs to this many points (default: the rule\'s own, 300)', parse: integer('--max-points', 10) },
    { flags: '--threads <n>', description: 'worker threads', default: availableParallelism(), parse: integer('--threads', 1, 256) },
    { flags: '--skip-invalid', description: 'emit unusable pairs (too few points, constant, NaN/Inf) as flagged rows instead of failing' },
    SEED,
    SHARD,
    OUTPUT,
  ],
  examples: [
    'causal import tuebingen --shuffle-orientation --seed 1 | causal kcdc | causal eval',
    'causal kcdc pairs.arrow --rule vote -o decisions.arrow',
    'causal make-pairs --count 2000 --mechanism mixed --shuffle-orientation | causal kcdc --train-rule rule.json',
    'causal kcdc pairs.arrow --shard 0/4 -o part0.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const flags = raw as unknown as DiscoverFlags;
    const kcdc = await import('../kcdc/index.js');
    if (flags.ruleFile && flags.rule !== 'classifier') {
      throw new UsageError(`--rule-file gives a learned rule; it cannot be combined with --rule ${flags.rule}`);
    }
    const classifier = flags.ruleFile ? await readRuleFile(flags.ruleFile, kcdc.parseRule) : kcdc.DEFAULT_RULE;
    const compute = flags.maxPoints ? { ...kcdc.DEFAULT_OPTIONS.compute, subsample: flags.maxPoints } : kcdc.DEFAULT_OPTIONS.compute;
    const options = {
      ...kcdc.DEFAULT_OPTIONS,
      rule: flags.rule,
      compute,
      classifier: flags.maxPoints ? { ...classifier, compute: { ...classifier.compute, subsample: flags.maxPoints } } : classifier,
    };
    const [{ openArrowInput }, { writeArrow }, { outputSchema }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../io/batch.js'),
    ]);
    const input = await openArrowInput(inputArg as string);
    const ruleOut = flags.trainRule;
    if (ruleOut) {
      const { fitRuleOnTable } = await import('../stages/train-kcdc-rule.js');
      const { writeFileAtomic } = await import('../io/atomic-file.js');
      const rule = await ctx.withProgress('kcdc: fitting rule', async (p) => {
        const fitted = await fitRuleOnTable(input, { seed: flags.seed, compute: options.classifier.compute, onPair: (n) => p.progress(`${n} pairs`) });
        await writeFileAtomic(ruleOut, kcdc.ruleToJson(fitted));
        return fitted;
      });
      ctx.log(`kcdc: fitted the learned rule on ${rule.training.pairs} pairs -> ${ruleOut}`);
      return;
    }
    const { discoverCausal, discoverFields } = await import('../stages/discover-causal.js');
    const provenance = {
      stage: 'discover-causal',
      seed: flags.seed,
      params: { rule: flags.rule, ruleFile: flags.ruleFile ?? null, maxPoints: options.compute.subsample },
    };
    let decided = 0;
    let skipped = 0;
    const started = Date.now();
    const decide = (p: StageProgress) => discoverCausal(input, {
      kcdc: options,
      seed: flags.seed,
      threads: flags.threads,
      skipInvalid: Boolean(flags.skipInvalid),
      shard: flags.shard,
      provenance,
      onSkip: (id, reason) => {
        skipped++;
        ctx.log(`kcdc: skipped ${id}: ${reason}`);
      },
      onPair: (n) => {
        decided = n;
        p.progress(`${n} pairs, ${((n * 1000) / Math.max(1, Date.now() - started)).toFixed(1)} pairs/s`);
      },
    });
    await ctx.withProgress(`kcdc (${flags.rule})`, (p) => writeArrow(flags.output, decide(p), outputSchema(discoverFields(input), provenance)), () => `${decided} pairs`);
    ctx.log(`kcdc: ${decided} pairs decided${skipped ? `, ${skipped} skipped` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s (rule: ${flags.rule})`);
  },
};

/** The rule in `file`, read with `parse`; every error names the file. */
async function readRuleFile<R>(file: string, parse: (json: unknown) => R): Promise<R> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`--rule-file ${file}: cannot read the file`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DataError(`${file}: not valid JSON`);
  }
  try {
    return parse(json);
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${file}: ${err.message}`);
    throw err;
  }
}
