/**
 * pipelines/synth2.sh end to end at a toy size (a few steps per model): every arm, the routes' timing and the judge's
 * fidelity rows reach the table, and a rerun skips every finished step. `npm start` runs this script.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { pipelineScript, tempDir } from './helpers.js';

const TOY = { AMOUNTS: '8', SEEDS: '1', ARMS: 'a b c d e', SYNTH_FACTOR: '2', VQ_POOL: '16', VQ_STEPS: '3', T2I_STEPS: '2', VLM_STEPS: '2', TEST_COUNT: '6', JUDGE: '1', JUDGE_STEPS: '2', THREADS: '1' };

describe('pipelines/synth2.sh', () => {
  it('runs every arm and the judge at a toy size, and a rerun skips what is finished', async () => {
    const { out, table, run } = pipelineScript('pipelines/synth2.sh', TOY);
    const first = await run();
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const text = readFileSync(table, 'utf8');
    for (const arm of ['(a) real only', '(b) real + synthetic, embedding route', '(c) real + synthetic, pixel route', '(d) synthetic only', '(e) real + oracle renders']) {
      expect(text).toContain(`| ${arm}`);
    }
    expect(text).toMatch(/\| ms per caption, generator sampling included \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
    // one seed has no spread, so the table prints none
    expect(text).toContain('one seed (1), so no spread');
    expect(text).not.toContain('±');
    for (const row of ['real test scenes', 'oracle renders of the synthetic captions', 'generator, embedding route', 'generator, pixel route']) {
      expect(text).toMatch(new RegExp(`\\| ${row} \\| [\\d.]+`));
    }
    expect(text).toContain('JUDGE=1 JUDGE_STEPS=2');

    const model = path.join(out, 'n8', 'seed1', 'b', 'model.onnx');
    const before = statSync(model).mtimeMs;
    const second = await run();
    expect(second.exitCode).toBe(0);
    expect(statSync(model).mtimeMs).toBe(before);
    expect(readFileSync(table, 'utf8')).toBe(text);
  }, 300_000);

  it('reports mean ± sd over several seeds, and the gain of the seed-averaged scores', async () => {
    const out = tempDir('synth2-table-');
    const cider = { a: [2, 2.2], b: [2.4, 2.6] };
    for (const [arm, scores] of Object.entries(cider)) {
      scores.forEach((c, i) => {
        const dir = path.join(out, 'n8', `seed${i + 1}`, arm);
        mkdirSync(dir, { recursive: true });
        for (const split of ['test', 'heldout']) writeFileSync(path.join(dir, `${split}.json`), JSON.stringify({ cider: c, bleu_4: 0.5, rouge_l: 0.6, images: 6 }));
      });
    }
    const { stdout } = await execa('node', ['bench/lib/synth2-table.mjs', out, '8', '1 2', 'a b', 'SETTINGS']);
    expect(stdout).toContain('mean ± sd over seeds 1, 2');
    // (2.4 + 2.6) / (2 + 2.2) - 1 = +19.0%; sd of {2.4, 2.6} = 0.141
    expect(stdout).toContain('| (b) real + synthetic, embedding route | 2.500 ± 0.141 | +19.0% |');
    expect(stdout).toContain('(b) against (a) per seed: test +20.0%, +18.2%');
  });
});
