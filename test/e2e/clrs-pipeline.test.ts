/**
 * pipelines/clrs-hint-relic.sh end to end at a smoke size: both objectives per seed reach the table, with the
 * per-seed paired differences, and a rerun skips every finished run.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineScript } from './helpers.js';

const SMOKE = { ALGORITHMS: 'bfs', SEEDS: '1 2', STEPS: '3', HIDDEN: '8', BATCH: '4', TEST_COUNT: '4', THREADS: '1' };

describe('pipelines/clrs-hint-relic.sh', () => {
  it('trains and scores both objectives per seed, writes the paired table, and a rerun skips what is finished', async () => {
    const { out, table, run } = pipelineScript('pipelines/clrs-hint-relic.sh', SMOKE);
    const first = await run();
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const text = readFileSync(table, 'utf8');
    expect(text).toMatch(/\| bfs \| 3 \(\d+\) \| 4 \| [\d.]+ ± [\d.]+ \(2\) \| [\d.]+ ± [\d.]+ \(2\) \|/);
    expect(text).toMatch(/Hint-ReLIC's mean is above its baseline's on [01] of 1 algorithms/);
    const row = text.split('\n').find((l) => l.startsWith('| bfs | 1: '));
    expect(row).toMatch(/^\| bfs \| 1: [+−][\d.]+, 2: [+−][\d.]+ \| [0-2] of 2 \|$/);
    // The paired differences are the runs' own scores, not a copy of the means.
    const score = (name: string) => 100 * JSON.parse(readFileSync(path.join(out, 'bfs', name, 'eval.json'), 'utf8')).score;
    const d1 = score('hint-relic-1') - score('baseline-1');
    expect(row).toContain(`1: ${d1 >= 0 ? '+' : '−'}${Math.abs(d1).toFixed(2)}`);

    const model = path.join(out, 'bfs', 'hint-relic-2', 'model.onnx');
    const before = statSync(model).mtimeMs;
    const second = await run();
    expect(second.exitCode).toBe(0);
    expect(statSync(model).mtimeMs).toBe(before);
    expect(readFileSync(table, 'utf8')).toBe(text);
  }, 120_000);
});
