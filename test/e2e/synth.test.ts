import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Table, tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTokenizer } from '../../src/stages/tokenizer-session.js';
import { causal, pipeline, tempDir } from './helpers.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
const tableOf = (bytes: Uint8Array): Table => tableFromIPC(bytes);
const flat = (t: Table, column: string): number[] => {
  const v = t.getChild(column)!;
  return Array.from({ length: v.length }, (_, i) => [...(v.get(i)!.toArray() as ArrayLike<number>)]).flat();
};
/** A tiny generator samples fast: few steps, one thread. */
const SAMPLING = ['--steps', '2', '--threads', '1'];

async function ok(args: string[]): Promise<void> {
  const r = await causal(args);
  if (r.exitCode !== 0) throw new Error(`causal ${args[0]} failed: ${r.stderr}`);
}

beforeAll(async () => {
  dir = tempDir('synth');
  // a tiny tokenizer and a tiny generator, each a few steps: the point is the plumbing, not the quality
  await ok(['make-scenes', '--split', 'train', '--count', '64', '--seed', '1', '-o', file('scenes.arrow')]);
  await ok(['train', '--task', 'vq', file('scenes.arrow'), '--steps', '4', '--batch-size', '16', '--vq-widths', '8,16', '--codebook-size', '16', '--code-dim', '4', '--seed', '1', '--threads', '1', '-o', file('vq')]);
  await ok(['embed-images', '--model', file('vq'), file('scenes.arrow'), '--threads', '1', '-o', file('real-tokens.arrow')]);
  await ok(['train', '--task', 't2i', file('real-tokens.arrow'), '--steps', '3', '--batch-size', '16', '--d-model', '16', '--layers', '1', '--heads', '2', '--seed', '1', '--threads', '1', '-o', file('t2i')]);
  await ok(['generate-captions', '--count', '12', '--seed', '3', '-o', file('captions.arrow')]);
}, 180_000);

describe('causal synth and synth-embeddings', () => {
  it('the headline pipe: causal synth | causal train-vlm --real runs end to end', async () => {
    const r = await pipeline(
      `causal synth --model ${file('t2i')} --tokenizer ${file('vq')} --count 12 --batch-size 5 ${SAMPLING.join(' ')} --seed 3 ` +
        `| causal train-vlm --real ${file('real-tokens.arrow')} --steps 3 --batch-size 8 --d-model 16 --layers 1 --heads 2 --latents 2 --threads 1 -o ${file('vlm')}`,
    );
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toMatch(/synth: 12 captions to 8x8 tokens of 4 values by the embedding route; \d+\/16 codes used/);
    expect(String(r.stderr)).toMatch(/synth: captions: 12 distinct of 12/);
    const card = JSON.parse(readFileSync(path.join(file('vlm'), 'model.json'), 'utf8'));
    expect(card.training.sources).toMatchObject([{ name: 'stdin', rows: 12 }, { rows: 64 }]);
    expect(existsSync(path.join(file('vlm'), 'model.onnx'))).toBe(true);
  }, 120_000);

  it('synth-embeddings on a caption file gives the rows of synth with the same seed; --compare-routes and --timing-json', async () => {
    const timing = file('timing.json');
    const args = ['synth-embeddings', file('captions.arrow'), '--model', file('t2i'), '--tokenizer', file('vq'), ...SAMPLING, '--seed', '3'];
    const a = await causal([...args, '--compare-routes', '--timing-json', timing, '-o', file('a.arrow')]);
    expect(a.exitCode, String(a.stderr)).toBe(0);
    expect(String(a.stderr)).toMatch(/synth-embeddings: t_pixel \/ t_embed = [\d.]+ with generator sampling/);
    const s = await causal(['synth', '--model', file('t2i'), '--tokenizer', file('vq'), '--count', '12', ...SAMPLING, '--seed', '3', '--batch-size', '7'], { encoding: 'buffer' });
    expect(s.exitCode).toBe(0);
    const fromFile = tableOf(readFileSync(file('a.arrow')));
    const fromSynth = tableOf(s.stdout as Uint8Array);
    expect(fromFile.schema.fields.map((f) => f.name)).toEqual(['id', 'caption', 'concept', 'shapes', 'colors', 'sizes', 'cells', 'relation', 'tokens', 'embedding']);
    expect(fromSynth.getChild('caption')!.toArray()).toEqual(fromFile.getChild('caption')!.toArray());
    expect(flat(fromSynth, 'tokens')).toEqual(flat(fromFile, 'tokens'));
    expect(flat(fromSynth, 'embedding')).toEqual(flat(fromFile, 'embedding'));
    expect(fromSynth.schema.metadata.get('causal.stage')).toBe('synth');
    expect(JSON.parse(fromFile.schema.metadata.get('causal.params')!)).toMatchObject({ route: 'embedding', sampling: { steps: 2, temperature: 1, choiceTemperature: 1, guidance: 2 } });
    const t = JSON.parse(readFileSync(timing, 'utf8'));
    expect(t).toMatchObject({ route: 'embedding', rows: 12, batches: 1, threads: 1 });
    expect(t.seconds.sample).toBeGreaterThan(0);
    expect(t.compare.ratio).toBeCloseTo((t.seconds.sample + t.seconds.decode + t.seconds.encode) / (t.seconds.sample + t.seconds.lookup), 9);
    expect(t.token_agreement).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('reads dictionary-encoded string columns (pandas categoricals) like plain Utf8, through to train-vlm', async () => {
    const plain = tableOf(readFileSync(file('captions.arrow')));
    const strings = (column: string): string[] => [...plain.getChild(column)!].map(String);
    // tableFromArrays encodes string arrays as Dictionary<Int32, Utf8>
    const dict = tableFromArrays({ id: strings('id'), caption: strings('caption') });
    expect(String(dict.schema.fields[1].type)).toBe('Dictionary<Int32, Utf8>');
    writeFileSync(file('dict-captions.arrow'), tableToIPC(dict, 'stream'));
    const args = [file('dict-captions.arrow'), '--model', file('t2i'), '--tokenizer', file('vq'), ...SAMPLING, '--seed', '3'];
    const r = await causal(['synth-embeddings', ...args, '-o', file('dict-synth.arrow')]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    await ok(['synth-embeddings', file('captions.arrow'), ...args.slice(1), '-o', file('plain-synth.arrow')]);
    expect(flat(tableOf(readFileSync(file('dict-synth.arrow'))), 'tokens')).toEqual(flat(tableOf(readFileSync(file('plain-synth.arrow'))), 'tokens'));
    await ok(['train-vlm', file('dict-synth.arrow'), '--steps', '2', '--batch-size', '8', '--d-model', '16', '--layers', '1', '--heads', '2', '--latents', '2', '--threads', '1', '-o', file('dict-vlm')]);
  }, 120_000);

  it('--pixels and --oracle append the image column; the pixel route decodes the embedding route\'s tokens', async () => {
    const embedded = tableOf(readFileSync(file('a.arrow')));
    for (const route of ['--pixels', '--oracle']) {
      const model = route === '--oracle' ? [] : ['--model', file('t2i'), ...SAMPLING];
      const r = await causal(['synth-embeddings', file('captions.arrow'), route, ...model, '--tokenizer', file('vq'), '--seed', '3', '--threads', '1'], { encoding: 'buffer' });
      expect(r.exitCode, Buffer.from(r.stderr as Uint8Array).toString()).toBe(0);
      const t = tableOf(r.stdout as Uint8Array);
      expect(t.numRows).toBe(12);
      const image = t.schema.fields.find((f) => f.name === 'image')!;
      expect(Object.fromEntries(image.metadata)).toEqual({ height: '32', width: '32', channels: '3' });
      expect(Buffer.from(r.stderr as Uint8Array).toString()).toMatch(route === '--oracle' ? /render [\d.]+ s, encode/ : /decode [\d.]+ s, encode/);
      if (route === '--pixels') {
        const tok = await openTokenizer(file('vq'), { threads: 1 });
        const decoded = await tok.decode(Int32Array.from(flat(embedded, 'tokens')), 12);
        const again = await tok.encode(decoded, 12);
        await tok.release();
        expect(flat(t, 'image')).toEqual([...decoded]);
        expect(flat(t, 'tokens')).toEqual([...again.tokens]);
      }
    }
  }, 120_000);

  it('one-line errors: a bad --tokenizer, a tokenizer that is not one, routes that clash', async () => {
    const base = ['synth-embeddings', file('captions.arrow'), '--model', file('t2i')];
    const cases: [string[], RegExp][] = [
      [[...base, '--tokenizer', file('nowhere')], /--tokenizer .*nowhere: no such model directory/],
      [[...base, '--tokenizer', file('t2i')], /task 'text-to-image-tokens' is not an image tokenizer/],
      [[...base, '--tokenizer', file('vq'), '--oracle'], /--oracle renders the true scene of each caption and uses no generator; drop --model/],
      [['synth-embeddings', file('captions.arrow'), '--tokenizer', file('vq')], /--model <dir> is required/],
      [[...base], /--tokenizer <dir> is required/],
      [['synth', '--tokenizer', file('vq'), '--pixels', '--oracle'], /--pixels and --oracle are two routes; give one/],
      [['synth', '--tokenizer', file('vq'), '--oracle', '--steps', '3'], /--steps applies to the generator's routes, not to --oracle/],
      [['synth', '--tokenizer', file('vq'), '--oracle', '--choice-temperature', '2'], /--choice-temperature applies to the generator's routes, not to --oracle/],
      [[...base, '--tokenizer', file('vq'), '--choice-temperature', '-1'], /--choice-temperature must be between 0 and 100, got -1/],
      [['synth', '--tokenizer', file('vq'), '--oracle', '--llm', 'http://127.0.0.1:9/v1'], /--llm needs --llm-model NAME/],
    ];
    for (const [args, message] of cases) {
      const r = await causal(args);
      expect(r.exitCode, args.join(' ')).not.toBe(0);
      expect(String(r.stderr)).toMatch(message);
      expect(String(r.stderr).trim().split('\n'), String(r.stderr)).toHaveLength(1);
    }
  }, 60_000);

  it('causal synth | head -c 100 exits quietly', async () => {
    const r = await pipeline(`causal synth --model ${file('t2i')} --tokenizer ${file('vq')} --count 5000 --batch-size 8 ${SAMPLING.join(' ')} | head -c 100 > /dev/null`);
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).not.toMatch(/error|Error/);
  }, 60_000);
});
