import type { CommandContext, CommandSpec, OptionSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, SEED, THREADS, integer, kebab, real } from '../cli/options.js';
import type { Device } from '../engine/runtime.js';
import type { Provenance } from '../io/batch.js';
import type { Generator } from '../stages/generator-session.js';
import type { SynthEmbeddingsOptions, SynthRoute, SynthRun, SynthTimings } from '../stages/synth-embeddings.js';
import type { Tokenizer } from '../stages/tokenizer-session.js';
import { DECODING_DEFAULTS, choiceTemperatureOf, type Decoding } from '../t2i/sample.js';

/** The flags `causal synth-embeddings` and `causal synth` share. */
export interface SynthFlags {
  model?: string;
  tokenizer?: string;
  pixels?: boolean;
  oracle?: boolean;
  compareRoutes?: boolean;
  steps?: number;
  temperature?: number;
  choiceTemperature?: number;
  guidance?: number;
  batchSize: number;
  timingJson?: string;
  device: Device;
  threads?: number;
  seed: number;
  output?: string;
}

/** The sampling flags have no commander defaults, so that --oracle can tell which were given; run() fills them in. */
export const SYNTH_OPTIONS: readonly OptionSpec[] = [
  { flags: '--model <dir>', description: 'the text-to-image-token generator (`causal train --task t2i`); not with --oracle' },
  { flags: '--tokenizer <dir>', description: 'the VQ tokenizer the generator was trained on (`causal train --task vq`; required)' },
  { flags: '--pixels', description: 'the pixel route: decode the generator tokens to pixels and re-encode them (appends image)' },
  { flags: '--oracle', description: 'render the true scene of each caption (attribute columns, else the parsed caption) and encode it; no generator' },
  { flags: '--compare-routes', description: 'also run the other of the embedding and pixel routes on the same tokens, and report t_pixel / t_embed' },
  { flags: '--steps <n>', description: `generator decoding steps (default: ${DECODING_DEFAULTS.steps})`, parse: integer('--steps', 1, 1000) },
  { flags: '--temperature <t>', description: `generator sampling temperature, annealed to 0 over the steps (default: ${DECODING_DEFAULTS.temperature})`, parse: real('--temperature', 0, 100) },
  { flags: '--choice-temperature <t>', description: 'scale of the noise on the order in which positions are revealed, annealed to 0 over the steps (MaskGIT\'s choice temperature; default: --temperature)', parse: real('--choice-temperature', 0, 100) },
  { flags: '--guidance <g>', description: `classifier-free guidance scale; 1 is the conditional model alone (default: ${DECODING_DEFAULTS.guidance})`, parse: real('--guidance', 0, 100) },
  { flags: '--batch-size <n>', description: 'captions per generator, decoder and encoder run, and per output record batch', default: 64, parse: integer('--batch-size', 1) },
  { flags: '--timing-json <file>', description: 'write the seconds spent per phase (sample, lookup, decode, encode, render...) as JSON' },
  DEVICE,
  THREADS,
];

/** The route the flags ask for, after checking that they fit together. */
export async function synthRoute(o: SynthFlags): Promise<SynthRoute> {
  const { UsageError } = await import('../common/errors.js');
  if (!o.tokenizer) throw new UsageError('--tokenizer <dir> is required: the VQ tokenizer (`causal train --task vq`) the generator was trained on');
  if (o.pixels && o.oracle) throw new UsageError('--pixels and --oracle are two routes; give one');
  if (o.oracle) {
    if (o.model) throw new UsageError('--oracle renders the true scene of each caption and uses no generator; drop --model');
    const flag = (['steps', 'temperature', 'choiceTemperature', 'guidance', 'compareRoutes'] as const).find((f) => o[f] !== undefined);
    if (flag) throw new UsageError(`--${kebab(flag)} applies to the generator's routes, not to --oracle`);
    return 'oracle';
  }
  if (!o.model) throw new UsageError('--model <dir> is required: a generator trained with `causal train --task t2i` (or --oracle for the rendered truth)');
  return o.pixels ? 'pixels' : 'embedding';
}

/** The sampling settings as the output's provenance records them (null for the oracle, which samples nothing). */
export function samplingParams(o: SynthFlags, route: SynthRoute): Decoding | null {
  if (route === 'oracle') return null;
  const d = DECODING_DEFAULTS;
  const given: Decoding = { steps: o.steps ?? d.steps, temperature: o.temperature ?? d.temperature, choiceTemperature: o.choiceTemperature, guidance: o.guidance ?? d.guidance };
  return { ...given, choiceTemperature: choiceTemperatureOf(given) };
}

/**
 * Opens the tokenizer (and the generator, except for the oracle), streams the run that `start` builds to -o or
 * stdout, then logs the rows, codebook use and timings, and writes --timing-json. Sessions are released whatever
 * happens, a closed pipe included.
 */
export async function runSynth<R extends SynthRun>(
  label: string,
  o: SynthFlags,
  route: SynthRoute,
  provenance: Provenance,
  ctx: CommandContext,
  start: (tok: Tokenizer, gen: Generator | null, options: Omit<SynthEmbeddingsOptions, 'captionColumn'>) => R,
  total?: number,
): Promise<R> {
  const [{ openTokenizer }, { openGenerator }, { writeArrow }, { writeFileAtomic }] = await Promise.all([
    import('../stages/tokenizer-session.js'),
    import('../stages/generator-session.js'),
    import('../io/arrow-output.js'),
    import('../io/atomic-file.js'),
  ]);
  const runtime = { device: o.device, threads: o.threads, batchSize: o.batchSize };
  const sampling = samplingParams(o, route);
  const tok = await byFlag('--tokenizer', openTokenizer(o.tokenizer!, runtime));
  let gen: Generator | null = null;
  try {
    if (route !== 'oracle') gen = await byFlag('--model', openGenerator(o.model!, runtime));
    const run = await ctx.withProgress(label, async (p) => {
      const started = start(tok, gen, {
        route,
        compareRoutes: Boolean(o.compareRoutes),
        // the oracle samples nothing: it takes only the seed, for its renders
        sample: { ...DECODING_DEFAULTS, ...sampling, seed: o.seed },
        batchSize: o.batchSize,
        names: { model: o.model, tokenizer: o.tokenizer! },
        provenance,
        onRows: (rows) => p.progress(total ? `${rows}/${total} rows` : `${rows} rows`),
      });
      await writeArrow(o.output, started.batches, started.schema);
      return started;
    });
    const timings = run.timings();
    const s = run.summary();
    ctx.log(
      `${label}: ${s.rows} captions to ${tok.grid.height}x${tok.grid.width} tokens of ${tok.codeDim} values by the ${route} route; ` +
        `${s.codes_used}/${tok.codebookSize} codes used, perplexity ${s.perplexity.toFixed(1)}`,
    );
    for (const line of describeTimings(timings)) ctx.log(`${label}: ${line}`);
    if (o.timingJson) {
      const record = { ...timings, device: o.device, threads: o.threads ?? null, sampling };
      await writeFileAtomic(o.timingJson, `${JSON.stringify(record, null, 2)}\n`);
    }
    return run;
  } finally {
    await gen?.release();
    await tok.release();
  }
}

/** A model directory that cannot be opened is an error of the flag that named it: the message says which. */
async function byFlag<T>(flag: string, opening: Promise<T>): Promise<T> {
  return opening.catch((err: unknown) => {
    if (err instanceof Error && (err.name === 'UsageError' || err.name === 'DataError')) err.message = `${flag} ${err.message}`;
    throw err;
  });
}

function describeTimings(t: SynthTimings): string[] {
  const s = t.seconds;
  const phases = Object.entries(s)
    .filter(([k, v]) => k !== 'total' && v > 0)
    .map(([k, v]) => `${k} ${seconds(v)}`)
    .join(', ');
  const perRow = t.rows > 0 ? `, ${((1000 * s.total) / t.rows).toFixed(2)} ms per row` : '';
  const lines = [`seconds: ${phases}; total ${seconds(s.total)}${perRow}`];
  if (t.compare) {
    const c = t.compare;
    lines.push(
      `t_pixel / t_embed = ${c.ratio.toFixed(3)} with generator sampling (${seconds(c.t_pixel)} / ${seconds(c.t_embed)}; median over batches ${c.median_batch_ratio.toFixed(3)}), ` +
        `${c.ratio_without_sampling.toFixed(1)} without (${seconds(c.t_pixel_without_sampling)} / ${seconds(c.t_embed_without_sampling)}; median ${c.median_batch_ratio_without_sampling.toFixed(1)})`,
    );
  }
  if (t.token_agreement !== undefined) lines.push(`the decode -> encode round trip keeps ${(100 * t.token_agreement).toFixed(1)}% of the generator's tokens`);
  return lines;
}

const seconds = (v: number): string => `${v < 0.1 ? v.toFixed(4) : v.toFixed(2)} s`;

export const synthEmbeddingsCommand: CommandSpec = {
  name: 'synth-embeddings',
  summary: 'captions to synthetic image embeddings (the image-token table train-vlm reads), by generator or oracle',
  details:
    'Reads a caption table (`causal generate-captions`, or any table with a Utf8 caption column) and writes the\n' +
    'image-token table `causal embed-images` writes for real images: every input column passed through, plus tokens\n' +
    '(FixedSizeList<Int32>[h*w]) and embedding (FixedSizeList<Float32>[h*w*D], token-major), with grid_height,\n' +
    'grid_width, code_dim and codebook_size in their metadata; a table without id gets row-<index> ids. Routes:\n' +
    '  (default)  embedding: generator tokens -> their codebook vectors (no decoder, no encoder; Synth²\'s route)\n' +
    '  --pixels   generator tokens -> VQ decoder -> pixels -> VQ encoder -> re-quantised tokens; appends image\n' +
    '  --oracle   the true scene of each caption rendered and encoded (no generator; an upper bound); appends image\n' +
    'Row i\'s randomness comes from (--seed, its id) alone, so batching never changes the output. The seconds spent\n' +
    'sampling, looking up, decoding, encoding and rendering go to stderr and --timing-json; --compare-routes times\n' +
    'both generator routes on the same tokens. Streams in record batches of --batch-size. See docs/synth.md.',
  arguments: [{ name: 'input', description: 'caption table (Arrow), or - for stdin', optional: true, default: '-' }],
  options: [
    ...SYNTH_OPTIONS,
    { flags: '--caption-column <name>', description: 'the Utf8 column holding the captions', default: 'caption' },
    SEED,
    OUTPUT,
  ],
  examples: [
    'causal generate-captions --count 5000 | causal synth-embeddings --model t2i --tokenizer vq > synthetic.arrow',
    'causal synth-embeddings captions.arrow --model t2i --tokenizer vq --pixels --timing-json pixels.json -o pixels.arrow',
    'causal synth-embeddings captions.arrow --model t2i --tokenizer vq --compare-routes --timing-json routes.json -o synthetic.arrow',
    'causal synth-embeddings captions.arrow --oracle --tokenizer vq -o oracle.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as unknown as SynthFlags & { captionColumn: string };
    const route = await synthRoute(o);
    const [{ openArrowInput }, { synthEmbeddings }] = await Promise.all([import('../io/arrow-input.js'), import('../stages/synth-embeddings.js')]);
    const input = await openArrowInput(inputArg as string);
    const params = { model: o.model ?? null, tokenizer: o.tokenizer, route, sampling: samplingParams(o, route), caption_column: o.captionColumn };
    await runSynth('synth-embeddings', o, route, { stage: 'synth-embeddings', seed: o.seed, params }, ctx, (tok, gen, options) =>
      synthEmbeddings(input, tok, gen, { ...options, captionColumn: o.captionColumn }),
    );
  },
};
