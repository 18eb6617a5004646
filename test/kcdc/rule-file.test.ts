import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/common/errors.js';
import { DEFAULT_RULE, parseRule, ruleToJson, type ClassifierRule } from '../../src/kcdc/index.js';

/** A version-1 logistic rule over two readings. */
const LOGISTIC: ClassifierRule = {
  format: 'causal-kcdc-rule',
  version: 1,
  features: [
    { input: 'rbf', output: 'rbf', lambda: 1e-3, statistic: 'cv' },
    { input: 'laplace', output: 'rbf', lambda: 1e-4, statistic: 'ncv' },
  ],
  model: { kind: 'logistic', scale: [1.5, 2], weights: [0.3, -0.1] },
  compute: { subsample: 300, subsamples: 2, maxRank: 60, relTol: 1e-6 },
  training: { note: 'fixture' },
};

describe('rule files', () => {
  it('round-trips the default rule (version 3, trees) and a logistic rule through JSON unchanged', () => {
    for (const rule of [DEFAULT_RULE, LOGISTIC]) {
      const text = ruleToJson(rule);
      const back = parseRule(text);
      expect(back).toEqual(rule);
      expect(ruleToJson(back)).toBe(text);
    }
    expect(JSON.parse(ruleToJson(DEFAULT_RULE))).toMatchObject({ version: 3, model: 'trees' });
    expect(JSON.parse(ruleToJson(LOGISTIC))).toMatchObject({ version: 1, scale: [1.5, 2], weights: [0.3, -0.1] });
  });

  const valid = () => JSON.parse(ruleToJson(LOGISTIC)) as Record<string, unknown>;
  const trees = () => JSON.parse(ruleToJson(DEFAULT_RULE)) as Record<string, unknown>;
  const firstTree = (r: Record<string, unknown>, change: Record<string, unknown>) => ({ ...r, trees: [{ ...(r.trees as object[])[0], ...change }] });
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
    ['version 3 without trees', (r) => ({ ...r, version: 3 }), /model 'trees'/],
    ['no trees', () => ({ ...trees(), trees: [] }), /trees must be a non-empty array/],
    ['a tree reading an input it lacks', () => firstTree(trees(), { feature: [9999, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 1, -1] }), /reads input 9999/],
    ['a tree whose child points back', () => firstTree(trees(), { feature: [0, -1, -1], threshold: [0, 0, 0], left: [0, -1, -1], right: [2, -1, -1], value: [0, 1, -1] }), /bad children/],
    ['a tree with a non-finite leaf', () => firstTree(trees(), { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [null] }), /finite/],
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
