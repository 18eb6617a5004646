import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Float64, Utf8, tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { causal, cubicPair, pipeline, tempDir, writePairs } from './helpers.js';

const dir = tempDir('kcdc');

function expectOneLineError(r: { exitCode?: number; stderr: unknown }, pattern: RegExp): void {
  expect(r.exitCode).toBe(1);
  const err = String(r.stderr);
  expect(err).toMatch(pattern);
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('causal import | causal kcdc | causal eval', () => {
  it('decides the Tübingen pairs in a real pipe and scores them', async () => {
    const r = await pipeline('causal import tuebingen --shuffle-orientation --seed 1 | causal kcdc | causal eval --json');
    expect(r.exitCode).toBe(0);
    const metrics = JSON.parse(String(r.stdout));
    expect(metrics.pairs).toBe(99);
    expect(metrics.weighted).toBe(true);
    expect(metrics.total_weight).toBeCloseTo(35.5, 1);
    expect(metrics.accuracy).toBeGreaterThan(0.5);
  }, 120_000);

  it('decides easy synthetic pairs mostly right with every rule', async () => {
    const pairs = path.join(dir, 'easy.arrow');
    const made = await causal([
      'make-pairs', '--count', '24', '--n', '300', '--mechanism', 'additive', '--functions', 'cubic,tanh,exp',
      '--noise', 'uniform,gaussian', '--shuffle-orientation', '--seed', '5', '-o', pairs,
    ]);
    expect(made.exitCode).toBe(0);
    for (const rule of ['direct', 'vote', 'classifier']) {
      const r = await pipeline(`causal kcdc ${pairs} --rule ${rule} | causal eval --json`);
      expect(r.exitCode, String(r.stderr)).toBe(0);
      expect(JSON.parse(String(r.stdout)).accuracy, rule).toBeGreaterThanOrEqual(0.75);
    }
  }, 120_000);

  it('writes direction, both scores, confidence and per-kernel votes, passing weight and truth through', async () => {
    const pairs = writePairs(path.join(dir, 'two.arrow'), [cubicPair('a', 200, 1), cubicPair('b', 200, 2)], [
      { name: 'weight', type: new Float64(), values: [0.5, 2] },
    ]);
    const r = await causal(['kcdc', pairs], { encoding: 'buffer' });
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Buffer);
    const names = t.schema.fields.map((f) => f.name);
    for (const c of ['pair_id', 'direction', 'score_xy', 'score_yx', 'confidence', 'votes', 'status', 'weight', 'truth']) {
      expect(names).toContain(c);
    }
    expect(t.getChild('weight')!.toArray()).toEqual(Float64Array.from([0.5, 2]));
    const conf = t.getChild('confidence')!.get(0) as number;
    expect(conf).toBeGreaterThanOrEqual(0);
    expect(conf).toBeLessThanOrEqual(1);
    expect(t.schema.metadata.get('causal.stage')).toBe('discover-causal');
  });

  it('gives the same output for the same seed, and shards that concat back to the whole', async () => {
    const pairs = path.join(dir, 'shard.arrow');
    await causal(['make-pairs', '--count', '12', '--n', '150', '--batch-size', '2', '--seed', '8', '-o', pairs]);
    const whole = await causal(['kcdc', pairs, '--seed', '4'], { encoding: 'buffer' });
    const again = await causal(['kcdc', pairs, '--seed', '4'], { encoding: 'buffer' });
    expect(Buffer.compare(whole.stdout as Buffer, again.stdout as Buffer)).toBe(0);
    for (const i of [0, 1, 2]) {
      const r = await causal(['kcdc', pairs, '--seed', '4', '--shard', `${i}/3`, '-o', path.join(dir, `part${i}.arrow`)]);
      expect(r.exitCode).toBe(0);
    }
    const merged = await causal(['concat', ...[0, 1, 2].map((i) => path.join(dir, `part${i}.arrow`))], { encoding: 'buffer' });
    const a = tableFromIPC(whole.stdout as Buffer);
    const b = tableFromIPC(merged.stdout as Buffer);
    const rows = (t: typeof a) =>
      Array.from({ length: t.numRows }, (_, i) => `${t.getChild('pair_id')!.get(i)} ${t.getChild('direction')!.get(i)} ${t.getChild('score_xy')!.get(i)}`).sort();
    expect(rows(b)).toEqual(rows(a));
  }, 60_000);

  it('fits a learned rule to a file and uses it', async () => {
    const train = path.join(dir, 'train.arrow');
    await causal(['make-pairs', '--count', '60', '--n', '200', '--mechanism', 'mixed', '--shuffle-orientation', '--seed', '11', '-o', train]);
    const rule = path.join(dir, 'rule.json');
    const fit = await causal(['kcdc', train, '--train-rule', rule]);
    expect(fit.exitCode, String(fit.stderr)).toBe(0);
    expect(JSON.parse(readFileSync(rule, 'utf8'))).toHaveProperty('version');
    const pairs = writePairs(path.join(dir, 'one.arrow'), [cubicPair('a', 200, 3)]);
    const used = await causal(['kcdc', pairs, '--rule-file', rule]);
    expect(used.exitCode, String(used.stderr)).toBe(0);
    const broken = JSON.parse(readFileSync(rule, 'utf8'));
    broken.trees[0].left[0] = 0;
    const brokenFile = path.join(dir, 'broken-rule.json');
    writeFileSync(brokenFile, JSON.stringify(broken));
    const out = path.join(dir, 'broken-out.arrow');
    expectOneLineError(await causal(['kcdc', pairs, '--rule-file', brokenFile, '-o', out]), /broken-rule\.json: rule trees\[0\] node 0 has bad children/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe('bad input to causal kcdc', () => {
  let good: ReturnType<typeof cubicPair>;
  beforeAll(() => {
    good = cubicPair('good', 100, 9);
  });

  it('refuses a file that is not Arrow', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'this is not arrow\n');
    expectOneLineError(await causal(['kcdc', file]), /notes\.txt: not a valid Arrow IPC/);
  });

  it('names a missing column and the expected type', async () => {
    const file = writePairs(path.join(dir, 'noy.arrow'), [good], [], ['y']);
    expectOneLineError(await causal(['kcdc', file]), /noy\.arrow: missing column 'y' \(expected List<Float64>/);
  });

  it('names a column of the wrong type', async () => {
    const file = writePairs(path.join(dir, 'strid.arrow'), [good], [], ['x']);
    const withX = writePairs(file, [good], [{ name: 'x', type: new Utf8(), values: ['1 2 3'] }], ['x']);
    expectOneLineError(await causal(['kcdc', withX]), /column 'x' has type Utf8, expected List<Float64>/);
  });

  it('refuses NaN and infinite values, naming pair and column, unless told to skip', async () => {
    const bad = { id: 'nan-pair', x: [...good.x], y: [...good.y] };
    bad.y[3] = NaN;
    bad.x[5] = Infinity;
    const file = writePairs(path.join(dir, 'nan.arrow'), [good, bad]);
    const out = path.join(dir, 'nan-out.arrow');
    expectOneLineError(await causal(['kcdc', file, '-o', out]), /pair 'nan-pair'.*(non-finite|NaN|infinite)/i);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.nan-out'))).toEqual([]);
    const skipped = await causal(['kcdc', file, '--skip-invalid'], { encoding: 'buffer' });
    expect(skipped.exitCode).toBe(0);
    const t = tableFromIPC(skipped.stdout as Buffer);
    expect(t.getChild('direction')!.get(1)).toBeNull();
    expect(String(t.getChild('status')!.get(1))).toMatch(/^skipped: /);
    expect(Buffer.from(skipped.stderr as Uint8Array).toString()).toMatch(/skipped nan-pair/);
  });

  it('refuses a constant column', async () => {
    const flat = { id: 'flat', x: good.x, y: good.y.map(() => 3) };
    const file = writePairs(path.join(dir, 'flat.arrow'), [flat]);
    expectOneLineError(await causal(['kcdc', file]), /pair 'flat'.*constant/);
  });

  it('refuses a pair with fewer than 10 points', async () => {
    const tiny = { id: 'tiny', x: good.x.slice(0, 9), y: good.y.slice(0, 9) };
    const file = writePairs(path.join(dir, 'tiny.arrow'), [tiny]);
    expectOneLineError(await causal(['kcdc', file]), /pair 'tiny'.*(9 points|fewer than 10)/);
  });

  it('refuses duplicate pair ids', async () => {
    const file = writePairs(path.join(dir, 'dup.arrow'), [good, { ...good }]);
    expectOneLineError(await causal(['kcdc', file]), /duplicate pair id 'good'/);
  });

  it('refuses unequal x and y lengths', async () => {
    const file = writePairs(path.join(dir, 'uneven.arrow'), [{ id: 'u', x: good.x, y: good.y.slice(1) }]);
    expectOneLineError(await causal(['kcdc', file]), /pair 'u' has 100 x values but 99 y values/);
  });

  it('refuses empty stdin and an unknown rule', async () => {
    expectOneLineError(await causal(['kcdc'], { input: '' }), /stdin: empty input/);
    const r = await causal(['kcdc', 'x.arrow', '--rule', 'psychic']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/--rule must be one of/);
  });
});
