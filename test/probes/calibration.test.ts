import { describe, expect, it } from 'vitest';
import { calibrationByQuantile } from '../../src/probes/calibration.js';

describe('calibrationByQuantile', () => {
  it('cuts rows sorted by confidence into bins of equal count, with their ECE', () => {
    const c = calibrationByQuantile([0.9, 0.6, 0.8, 0.7], [true, false, true, true], 2);
    expect(c.bins).toHaveLength(2);
    expect(c.bins[0]).toMatchObject({ from: 0.6, to: 0.7, count: 2, accuracy: 0.5 });
    expect(c.bins[0].meanConfidence).toBeCloseTo(0.65);
    expect(c.bins[1]).toMatchObject({ from: 0.8, to: 0.9, count: 2, accuracy: 1 });
    expect(c.bins[1].meanConfidence).toBeCloseTo(0.85);
    // 0.5 * |0.5 - 0.65| + 0.5 * |1 - 0.85|
    expect(c.ece).toBeCloseTo(0.15);
  });

  it('makes deciles of 20 rows two rows each, whatever order the rows come in', () => {
    const conf = [13, 2, 7, 19, 0, 5, 11, 17, 3, 9, 15, 1, 8, 6, 18, 4, 10, 14, 12, 16].map((i) => (i + 1) / 20);
    const correct = conf.map((v) => Math.round(v * 20) % 2 === 0);
    const c = calibrationByQuantile(conf, correct);
    expect(c.bins).toHaveLength(10);
    c.bins.forEach((b, i) => {
      expect(b.count).toBe(2);
      expect(b.meanConfidence).toBeCloseTo((4 * i + 3) / 40);
      expect(b.accuracy).toBe(0.5);
    });
    const ece = c.bins.reduce((a, b) => a + 0.1 * Math.abs(0.5 - b.meanConfidence), 0);
    expect(c.ece).toBeCloseTo(ece);
  });

  it('leaves out empty bins when there are fewer rows than bins, and is perfect when calibrated', () => {
    const c = calibrationByQuantile([1, 1, 1], [true, true, true]);
    expect(c.bins.map((b) => b.count)).toEqual([1, 1, 1]);
    expect(c.ece).toBe(0);
  });
});
