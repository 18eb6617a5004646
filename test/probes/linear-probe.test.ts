import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { fitLinearProbe, predictLinearProbe, softmaxLoss } from '../../src/probes/linear-probe.js';

/** `rows` points per class around well-separated centres (drawn from `centreSeed`) in `dim` dimensions. */
function blobs(centreSeed: number, rng: Rng, classes: number, rows: number, dim: number, spread: number) {
  const centreRng = new Rng(centreSeed);
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => 4 * centreRng.normal()));
  const x = new Float32Array(classes * rows * dim);
  const y = new Int32Array(classes * rows);
  for (let i = 0; i < classes * rows; i++) {
    y[i] = i % classes;
    for (let t = 0; t < dim; t++) x[i * dim + t] = centres[y[i]][t] + spread * rng.normal();
  }
  return { x, y };
}

describe('softmaxLoss', () => {
  it('has the gradient that central finite differences measure', () => {
    const rng = new Rng(3);
    const dim = 4;
    const classes = 3;
    const rows = 9;
    const z = Float64Array.from({ length: rows * dim }, () => rng.normal());
    const labels = Int32Array.from({ length: rows }, (_, i) => i % classes);
    const params = Float64Array.from({ length: classes * (dim + 1) }, () => 0.5 * rng.normal());
    const l2 = 0.3;
    const { gradient } = softmaxLoss(params, z, labels, dim, classes, l2);
    const h = 1e-6;
    for (let j = 0; j < params.length; j++) {
      const up = Float64Array.from(params);
      const down = Float64Array.from(params);
      up[j] += h;
      down[j] -= h;
      const numeric = (softmaxLoss(up, z, labels, dim, classes, l2).loss - softmaxLoss(down, z, labels, dim, classes, l2).loss) / (2 * h);
      expect(Math.abs(gradient[j] - numeric)).toBeLessThan(1e-7);
    }
  });

  it('is log(classes) at zero weights', () => {
    const e = softmaxLoss(new Float64Array(3 * 3), Float64Array.from([1, 2, 3, 4]), Int32Array.from([0, 1]), 2, 3, 1);
    expect(e.loss).toBeCloseTo(Math.log(3), 12);
  });
});

describe('fitLinearProbe', () => {
  it('separates well-separated blobs, deterministically', async () => {
    const train = blobs(11, new Rng(1), 4, 50, 6, 1);
    const o = { l2: 1 / 200, maxIterations: 200, tolerance: 1e-6 };
    const probe = await fitLinearProbe(train.x, train.y, 6, 4, o);
    expect(probe.iterations).toBeGreaterThan(0);
    const fit = predictLinearProbe(probe, train.x, 200);
    expect(fit.prediction).toEqual(train.y);
    expect((await fitLinearProbe(train.x, train.y, 6, 4, o)).params).toEqual(probe.params);
    const test = blobs(11, new Rng(2), 4, 50, 6, 1);
    expect(Array.from(predictLinearProbe(probe, test.x, 200).prediction).filter((p, i) => p === test.y[i]).length).toBeGreaterThanOrEqual(198);
    for (const c of fit.confidence) expect(c).toBeGreaterThan(0.25);
  });

  it('learns a class that only a shift of one feature separates, whatever that feature\'s scale', async () => {
    // feature 0 is noise on a scale of 1e4; feature 1 decides the class; standardisation makes the scales moot
    const rng = new Rng(2);
    const rows = 100;
    const x = new Float32Array(rows * 2);
    const y = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      y[i] = i % 2;
      x[i * 2] = 1e4 * rng.normal();
      x[i * 2 + 1] = 1e-3 * (y[i] ? 1 : -1) + 1e-4 * rng.normal();
    }
    const probe = await fitLinearProbe(x, y, 2, 2, { l2: 1e-3, maxIterations: 200, tolerance: 1e-6 });
    expect(predictLinearProbe(probe, x, rows).prediction).toEqual(y);
  });
});
