import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/common/errors.js';
import { DEFAULT_RULE, parseRule, ruleToJson } from '../../src/kcdc/index.js';

describe('rule files', () => {
  it('round-trips the default rule through JSON unchanged', () => {
    const text = ruleToJson(DEFAULT_RULE);
    const back = parseRule(text);
    expect(back).toEqual(DEFAULT_RULE);
    expect(ruleToJson(back)).toBe(text);
  });

  const valid = () => JSON.parse(ruleToJson(DEFAULT_RULE)) as Record<string, unknown>;
  const cases: [string, (r: Record<string, unknown>) => unknown, RegExp][] = [
    ['not JSON', () => '{oops', /not valid JSON/],
    ['an array', () => [], /JSON object/],
    ['wrong format', (r) => ({ ...r, format: 'other' }), /format/],
    ['future version', (r) => ({ ...r, version: 99 }), /version 99/],
    ['no features', (r) => ({ ...r, features: [] }), /non-empty/],
    ['unknown kernel', (r) => ({ ...r, features: [{ input: 'poly', output: 'rbf', lambda: 1e-3, statistic: 'cv' }], scale: [1], weights: [1] }), /features\[0\]\.input/],
    ['negative lambda', (r) => ({ ...r, features: [{ input: 'rbf', output: 'rbf', lambda: -1, statistic: 'cv' }], scale: [1], weights: [1] }), /lambda/],
    ['weights of the wrong length', (r) => ({ ...r, weights: [...(r.weights as number[]), 1] }), /weights must be an array/],
    ['a non-finite weight', (r) => ({ ...r, weights: (r.weights as number[]).map(() => null) }), /finite/],
    ['zero scale', (r) => ({ ...r, scale: (r.scale as number[]).map(() => 0) }), /positive/],
    ['missing compute', (r) => ({ ...r, compute: undefined }), /compute/],
    ['bad subsample', (r) => ({ ...r, compute: { subsample: 3, subsamples: 1, maxRank: 10, relTol: 0 } }), /subsample/],
  ];
  for (const [name, mutate, message] of cases) {
    it(`rejects ${name} with a DataError`, () => {
      const bad = mutate(valid());
      const input = typeof bad === 'string' ? bad : JSON.stringify(bad);
      expect(() => parseRule(input)).toThrow(DataError);
      expect(() => parseRule(input)).toThrow(message);
    });
  }
});
