import { describe, expect, it } from 'vitest';
import { Rng, rngFor } from '../../src/common/random.js';
import { DEFAULT_OPTIONS, discover, KcdcOptions, trainRule, type TrainOptions } from '../../src/kcdc/index.js';
import { makePairs } from '../../src/pairs/index.js';

/** y = x³ + uniform noise: the textbook identifiable additive-noise pair. */
function cubicUniform(seed: number, n = 300): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n }, () => rng.range(-2, 2));
  const y = x.map((v) => v * v * v + rng.range(-1, 1));
  return { x, y };
}

describe('the three decision rules on easy pairs', () => {
  for (const rule of ['direct', 'vote', 'classifier'] as const) {
    it(`${rule} decides cubic + uniform noise correctly in both orientations`, () => {
      const options: KcdcOptions = { ...DEFAULT_OPTIONS, rule };
      for (const seed of [1, 2, 3]) {
        const { x, y } = cubicUniform(seed);
        const forward = discover(x, y, options, rngFor(seed, 'f'));
        const backward = discover(y, x, options, rngFor(seed, 'b'));
        expect(forward.direction).toBe('x->y');
        expect(backward.direction).toBe('y->x');
        for (const d of [forward, backward]) {
          expect(d.confidence).toBeGreaterThanOrEqual(0);
          expect(d.confidence).toBeLessThanOrEqual(1);
          expect(d.scoreXY + d.scoreYX).toBeCloseTo(1, 12);
          expect(d.votes.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('the classifier is antisymmetric: swapping the columns swaps the scores exactly', () => {
    const { x, y } = cubicUniform(4, 200);
    const a = discover(x, y, DEFAULT_OPTIONS, new Rng(9));
    const b = discover(y, x, DEFAULT_OPTIONS, new Rng(9));
    expect(a.scoreXY).toBeCloseTo(b.scoreYX, 12);
    expect(a.confidence).toBeCloseTo(b.confidence, 12);
  });

  it('vote confidence is the margin of the vote fraction', () => {
    const { x, y } = cubicUniform(5);
    const d = discover(x, y, { ...DEFAULT_OPTIONS, rule: 'vote' }, new Rng(1));
    const forXY = d.votes.filter((v) => v.direction === 'x->y').length / d.votes.length;
    expect(d.confidence).toBeCloseTo(Math.abs(2 * forXY - 1), 12);
    expect(d.votes.length).toBe(DEFAULT_OPTIONS.vote.length);
  });

  it('is deterministic for a seed, including subsampling of large pairs', () => {
    const { x, y } = cubicUniform(6, 900);
    const options = { ...DEFAULT_OPTIONS, rule: 'direct' as const };
    expect(discover(x, y, options, new Rng(3))).toEqual(discover(x, y, options, new Rng(3)));
  });

  /** A rule of the given model fitted on 40 small additive pairs over two readings. */
  const tinyRule = (model: TrainOptions['model']) =>
    trainRule(
      makePairs({ count: 40, n: 150, mechanism: 'additive', noises: ['uniform', 'gaussian'] }, new Rng(8)),
      {
        features: [
          { input: 'laplace', output: 'laplace', lambda: 1e-4, statistic: 'cv' },
          { input: 'laplace', output: 'rbf', lambda: 1e-3, statistic: 'ncv' },
        ],
        model,
        compute: { subsample: 150, subsamples: 1, maxRank: 60, relTol: 1e-6 },
      },
      new Rng(9),
    );

  it('trainRule learns a working logistic rule from a few synthetic pairs', () => {
    const rule = tinyRule({ kind: 'logistic', l2: 1 });
    expect(rule.model.kind === 'logistic' && rule.model.weights.some((w) => w > 0)).toBe(true);
    const options = { ...DEFAULT_OPTIONS, classifier: rule };
    const { x, y } = cubicUniform(7, 150);
    expect(discover(x, y, options, new Rng(1)).direction).toBe('x->y');
    expect(discover(y, x, options, new Rng(1)).direction).toBe('y->x');
  });

  it('trainRule fits a tree rule that decides both orientations and is antisymmetric by construction', () => {
    const rule = tinyRule({ kind: 'trees', trees: 30, depth: 2, learningRate: 0.1, rowSample: 0.8, colSample: 1, bins: 16, leafL2: 1, minHessian: 1 });
    expect(rule.version).toBe(3);
    expect(rule.model.kind === 'trees' && rule.model.trees.length).toBe(30);
    const options = { ...DEFAULT_OPTIONS, classifier: rule };
    const { x, y } = cubicUniform(7, 150);
    const forward = discover(x, y, options, new Rng(1));
    const backward = discover(y, x, options, new Rng(1));
    expect(forward.direction).toBe('x->y');
    expect(backward.direction).toBe('y->x');
    expect(backward.scoreXY).toBeCloseTo(forward.scoreYX, 12);
  });
});
