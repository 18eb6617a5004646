import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, integer } from '../cli/options.js';
import { type CaptionFlags, captionOptions, captionSource } from './generate-captions.js';
import { SYNTH_OPTIONS, type SynthFlags, runSynth, samplingParams, synthRoute } from './synth-embeddings.js';

type Flags = SynthFlags & Omit<CaptionFlags, 'model' | 'temperature'> & { count: number; llmModel?: string; llmTemperature: number };

export const synthCommand: CommandSpec = {
  name: 'synth',
  summary: 'synthetic (caption, image embedding) pairs in one stream: generate-captions then synth-embeddings',
  details:
    'Generates captions as `causal generate-captions` does (same concepts, balance, dedup and backends) and turns\n' +
    'each chunk of --batch-size captions into image embeddings as `causal synth-embeddings` does, writing every\n' +
    'chunk as it is made: the output is the image-token table train-vlm reads, so\n' +
    '  causal synth --model t2i --tokenizer vq --count 4000 | causal train-vlm --real real-tokens.arrow -o captioner\n' +
    'trains on synthetic and real pairs without an intermediate file. One --seed decides the captions, the\n' +
    'generator\'s tokens and the oracle\'s renders; the rows equal those of generate-captions --seed S |\n' +
    'synth-embeddings --seed S. --model is the image generator here: the language model\'s name is --llm-model and\n' +
    'its temperature --llm-temperature. See docs/synth.md.',
  options: [
    { flags: '--count <n>', description: 'synthetic pairs to make', default: 1000, parse: integer('--count', 1) },
    ...SYNTH_OPTIONS,
    ...captionOptions('llm-'),
    SEED,
    OUTPUT,
  ],
  examples: [
    'causal synth --model t2i --tokenizer vq --count 4000 | causal train-vlm --real real-tokens.arrow --steps 3000 -o captioner',
    'causal synth --model t2i --tokenizer vq --count 4000 --balance zipf --seed 2 -o synthetic.arrow',
    'causal synth --model t2i --tokenizer vq --count 4000 --pixels --timing-json pixels.json -o pixels.arrow',
    'causal synth --oracle --tokenizer vq --count 4000 -o oracle.arrow',
    'causal synth --model t2i --tokenizer vq --llm http://localhost:8080/v1 --llm-model qwen2.5-1.5b-instruct --concepts @concepts.txt --count 500 -o llm.arrow',
  ],
  async run(_args, raw, ctx) {
    const o = raw as unknown as Flags;
    const route = await synthRoute(o);
    const source = await captionSource({ ...o, model: o.llmModel, temperature: o.llmTemperature }, 'llm-');
    const { synth } = await import('../stages/synth.js');
    const params = {
      model: o.model ?? null,
      tokenizer: o.tokenizer,
      route,
      sampling: samplingParams(o, route),
      count: o.count,
      captions: { ...source.generationParams, ...source.runParams },
    };
    const captions = {
      count: o.count,
      concepts: source.concepts,
      balance: o.balance,
      zipfS: o.zipfS,
      dedup: o.dedup,
      maxAttempts: o.maxAttempts,
      unique: o.unique,
      maxWords: o.maxWords,
      concurrency: o.concurrency,
    };
    const run = await runSynth('synth', o, route, { stage: 'synth', seed: o.seed, params }, ctx, (tok, gen, options) => synth(source.backend, tok, gen, { ...options, captions }), o.count);
    const m = run.captionMetrics();
    const retries = Object.values(m.retries).reduce((a, b) => a + b, 0);
    ctx.log(
      `synth: captions: ${m.distinct_captions} distinct of ${m.rows}, distinct-4 ${m.distinct_n[3].toFixed(4)}, ` +
        `concept balance ${m.concept_balance.toFixed(3)}, ${m.requests} requests, ${m.rejections.duplicate} duplicates rejected` +
        (retries ? `, ${retries} retries` : ''),
    );
  },
};
