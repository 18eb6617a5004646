import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/common/errors.js';
import { Rng } from '../../src/common/random.js';
import { medianBandwidth } from '../../src/kcdc/bandwidth.js';
import { DEFAULT_OPTIONS, discover } from '../../src/kcdc/index.js';
import { standardize } from '../../src/kcdc/standardize.js';

describe('input checks', () => {
  const ok = Float64Array.from({ length: 30 }, (_, i) => i);
  const rng = () => new Rng(1);

  it('throws DataError for fewer than 10 points', () => {
    expect(() => discover([1, 2, 3], [3, 2, 1], DEFAULT_OPTIONS, rng())).toThrow(DataError);
    expect(() => standardize([1, 2, 3, 4, 5, 6, 7, 8, 9], 'x')).toThrow(/at least 10/);
  });

  it('throws DataError for a constant variable', () => {
    expect(() => discover(ok, new Float64Array(30).fill(2), DEFAULT_OPTIONS, rng())).toThrow(/y is constant/);
  });

  it('throws DataError for NaN or infinity', () => {
    const bad = Float64Array.from(ok);
    bad[4] = NaN;
    expect(() => discover(bad, ok, DEFAULT_OPTIONS, rng())).toThrow(DataError);
    bad[4] = Infinity;
    expect(() => discover(ok, bad, { ...DEFAULT_OPTIONS, rule: 'direct' }, rng())).toThrow(/non-finite/);
  });

  it('median bandwidth is positive on heavily tied data', () => {
    // 90% of the values are 0, so the median of all pairwise distances is 0.
    const v = Float64Array.from({ length: 100 }, (_, i) => (i < 90 ? 0 : 1 + (i % 3)));
    const h = medianBandwidth(v);
    expect(h).toBeGreaterThan(0);
    expect(h).toBe(2); // the median of the 933 non-zero distances (381 ones, 282 twos, 270 threes)
  });

  it('median bandwidth of 0..4 is the median of the ten pairwise distances', () => {
    expect(medianBandwidth(Float64Array.from([0, 1, 2, 3, 4]))).toBe(2);
  });
});
