import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { COLORS, PALETTE, SHAPES, SIZES, type Scene, type Shape, type Size, renderScene, sampleScene } from '../../src/scenes/index.js';

const W = 32;
const CELL = W / 3;

/** Pixels clearly brighter than the dark background (max channel above 0.3). */
function foreground(img: Float32Array): number[] {
  const out: number[] = [];
  for (let p = 0; p < W * W; p++) if (Math.max(img[3 * p], img[3 * p + 1], img[3 * p + 2]) > 0.3) out.push(p);
  return out;
}

function nearestColour(rgb: number[]): string {
  const d = (c: readonly number[]): number => c.reduce((s, v, k) => s + (v - rgb[k]) ** 2, 0);
  return COLORS.reduce((best, c) => (d(PALETTE[c]) < d(PALETTE[best]) ? c : best));
}

describe('renderScene', () => {
  it('draws one object in its cell, in its colour, on a dark background', () => {
    const rng = new Rng(1);
    for (let t = 0; t < 200; t++) {
      const scene = sampleScene(rng);
      const one: Scene = { objects: [scene.objects[0]], relation: null };
      const o = one.objects[0];
      const img = renderScene(one, rng);
      expect(img.length).toBe(W * W * 3);
      expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...img)).toBeLessThanOrEqual(1);
      const fg = foreground(img);
      expect(fg.length).toBeGreaterThan(o.size === 'large' ? 20 : 5);
      const [r0, c0] = [Math.floor(o.cell / 3), o.cell % 3];
      for (const p of fg) {
        const [y, x] = [Math.floor(p / W), p % W];
        expect(y >= Math.floor(r0 * CELL) && y < Math.ceil((r0 + 1) * CELL) && x >= Math.floor(c0 * CELL) && x < Math.ceil((c0 + 1) * CELL)).toBe(true);
      }
      // the fully covered pixels carry the object's colour (up to jitter)
      const peak = Math.max(...fg.map((p) => Math.max(img[3 * p], img[3 * p + 1], img[3 * p + 2])));
      const solid = fg.filter((p) => Math.max(img[3 * p], img[3 * p + 1], img[3 * p + 2]) > 0.9 * peak);
      const mean = [0, 1, 2].map((k) => solid.reduce((s, p) => s + img[3 * p + k], 0) / solid.length);
      expect(nearestColour(mean)).toBe(o.color);
      expect(img[0] + img[1] + img[2]).toBeLessThan(o.cell === 0 ? 3 : 0.3);
    }
  });

  it('large objects cover more pixels than small ones of the same shape', () => {
    const rng = new Rng(2);
    for (const shape of SHAPES) {
      const area = (size: Size): number => foreground(renderScene({ objects: [{ shape, color: 'white', size, cell: 4 }], relation: null }, rng)).length;
      expect(area('large')).toBeGreaterThan(1.8 * area('small'));
    }
  });

  it('draws the same scene differently from different streams, identically from the same seed', () => {
    const scene: Scene = { objects: [{ shape: 'circle', color: 'red', size: 'small', cell: 4 }], relation: null };
    const a = renderScene(scene, new Rng(5));
    expect(renderScene(scene, new Rng(5))).toEqual(a);
    expect(renderScene(scene, new Rng(6))).not.toEqual(a);
  });

  /** Coverage (0 background, 1 the object's colour) in a 13x13 window around the object's centroid; colour-blind. */
  function coverage(img: Float32Array): Float32Array {
    const level = Array.from({ length: W * W }, (_, p) => Math.max(img[3 * p], img[3 * p + 1], img[3 * p + 2]));
    const [lo, hi] = [Math.min(...level), Math.max(...level)];
    const alpha = level.map((v) => (v - lo) / (hi - lo));
    const total = alpha.reduce((a, b) => a + b, 0);
    const cy = Math.round(alpha.reduce((s, a, p) => s + a * Math.floor(p / W), 0) / total);
    const cx = Math.round(alpha.reduce((s, a, p) => s + a * (p % W), 0) / total);
    const out = new Float32Array(13 * 13);
    for (let y = 0; y < 13; y++) {
      for (let x = 0; x < 13; x++) {
        const [iy, ix] = [cy + y - 6, cx + x - 6];
        if (iy >= 0 && iy < W && ix >= 0 && ix < W) out[y * 13 + x] = alpha[iy * W + ix];
      }
    }
    return out;
  }

  const distance = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);

  function render(shape: Shape, size: Size, rng: Rng): Float32Array {
    return coverage(renderScene({ objects: [{ shape, color: COLORS[rng.int(COLORS.length)], size, cell: rng.int(9) }], relation: null }, rng));
  }

  it.each(SIZES)('%s shapes are told apart by a nearest-neighbour classifier on fresh renders', (size) => {
    const train = new Rng(3);
    const examples = SHAPES.flatMap((shape) => Array.from({ length: 10 }, () => ({ shape, x: render(shape, size, train) })));
    const rng = new Rng(4);
    let right = 0;
    const trials = 20;
    for (const shape of SHAPES) {
      for (let t = 0; t < trials; t++) {
        const x = render(shape, size, rng);
        const nearest = examples.reduce((best, e) => (distance(x, e.x) < distance(x, best.x) ? e : best));
        if (nearest.shape === shape) right++;
      }
    }
    expect(right / (trials * SHAPES.length)).toBeGreaterThanOrEqual(size === 'large' ? 1 : 0.95);
  });
});
