import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/common/errors.js';
import { Rng } from '../../src/common/random.js';
import { configLabel, DEFAULT_COMPUTE, DevianceConfig, pairDeviances, parseRule, ruleToJson, trainRule } from '../../src/kcdc/index.js';
import { makePairs } from '../../src/pairs/index.js';

const base: DevianceConfig = { input: 'laplace', output: 'rbf', lambda: 1e-3, statistic: 'cv' };

function pair(seed: number, n = 150): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n }, () => rng.range(-2, 2));
  return { x, y: x.map((v) => Math.tanh(v) + 0.2 * rng.normal()) };
}

describe('bandwidth multipliers on deviance configs', () => {
  it('multiplier 1 is the same reading as no multiplier; 0.5 and 2 are different readings', () => {
    const { x, y } = pair(1);
    const configs: DevianceConfig[] = [base, { ...base, bandwidth: 1 }, { ...base, bandwidth: 0.5 }, { ...base, bandwidth: 2 }];
    const d = pairDeviances(x, y, configs, DEFAULT_COMPUTE, new Rng(1));
    expect(d.xy[1]).toBe(d.xy[0]);
    expect(d.yx[1]).toBe(d.yx[0]);
    expect(d.xy[2]).not.toBe(d.xy[0]);
    expect(d.xy[3]).not.toBe(d.xy[0]);
    // Computed together or alone, a reading is the same (factors are shared per kernel, variable and multiplier).
    const alone = pairDeviances(x, y, [{ ...base, bandwidth: 2 }], DEFAULT_COMPUTE, new Rng(1));
    expect(alone.xy[0]).toBe(d.xy[3]);
    expect(alone.yx[0]).toBe(d.yx[3]);
  });

  it('labels name a multiplier other than 1', () => {
    expect(configLabel(base)).toBe('laplace-rbf/1e-3/cv');
    expect(configLabel({ ...base, bandwidth: 0.5 })).toBe('laplace-rbf/1e-3/cv@0.5h');
  });

  it('a rule with multipliers is written as version 2 and read back unchanged; without them it stays version 1', () => {
    const pairs = makePairs({ count: 6, n: 80, mechanism: 'additive' }, new Rng(3));
    const withH = trainRule(pairs, { features: [base, { ...base, bandwidth: 2 }], model: { kind: 'logistic', l2: 1 }, compute: DEFAULT_COMPUTE }, new Rng(4));
    const text = ruleToJson(withH);
    expect(JSON.parse(text).version).toBe(2);
    expect(JSON.parse(text).features[1].bandwidth).toBe(2);
    expect(JSON.parse(text).features[0]).not.toHaveProperty('bandwidth');
    expect(ruleToJson(parseRule(text))).toBe(text);
    const plain = trainRule(pairs, { features: [base], model: { kind: 'logistic', l2: 1 }, compute: DEFAULT_COMPUTE }, new Rng(4));
    expect(JSON.parse(ruleToJson(plain)).version).toBe(1);
  });

  it('rejects a bad multiplier, and a multiplier in a version-1 file, with a DataError', () => {
    const pairs = makePairs({ count: 4, n: 60, mechanism: 'additive' }, new Rng(5));
    const rule = JSON.parse(ruleToJson(trainRule(pairs, { features: [base, { ...base, bandwidth: 2 }], model: { kind: 'logistic', l2: 1 }, compute: DEFAULT_COMPUTE }, new Rng(6))));
    const bad = { ...rule, features: [base, { ...base, bandwidth: -1 }] };
    expect(() => parseRule(JSON.stringify(bad))).toThrow(DataError);
    expect(() => parseRule(JSON.stringify(bad))).toThrow(/bandwidth/);
    const old = { ...rule, version: 1 };
    expect(() => parseRule(JSON.stringify(old))).toThrow(/version 1 does not support bandwidth/);
  });
});
