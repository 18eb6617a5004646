/**
 * pipelines/synth2.sh end to end at a toy size (a few steps per model): every arm, the routes' timing and the judge's
 * fidelity rows reach the table, and a rerun skips every finished step. `npm start` runs this script.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineScript } from './helpers.js';

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
    expect(text).toMatch(/\| ms per caption, generator sampling included \| [\d.]+ ± [\d.]+ \| [\d.]+ ± [\d.]+ \|/);
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
});
