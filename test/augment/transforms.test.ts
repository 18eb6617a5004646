import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../../src/augment/blur.js';
import { backgroundLevels, borderMedian } from '../../src/augment/border.js';
import { cutout, sampleCutout } from '../../src/augment/cutout.js';
import { flipHorizontal } from '../../src/augment/flip.js';
import { jitter } from '../../src/augment/jitter.js';
import { addNoise } from '../../src/augment/noise.js';
import { resizedCrop, sampleCrop } from '../../src/augment/resized-crop.js';
import { solarize } from '../../src/augment/solarize.js';
import { translate } from '../../src/augment/translate.js';
import { Rng } from '../../src/common/random.js';

const GRAY = { height: 28, width: 28, channels: 1 };
const RGB = { height: 6, width: 5, channels: 3 };

function randomImage(shape: { height: number; width: number; channels: number }, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: shape.height * shape.width * shape.channels }, () => rng.uniform());
}

describe('random resized crop', () => {
  it('the full area with ratio 1 is the identity, for grayscale and colour', () => {
    for (const shape of [GRAY, { height: 7, width: 7, channels: 3 }]) {
      const src = randomImage(shape, 1);
      const box = sampleCrop(new Rng(2), shape, [1, 1], [1, 1]);
      expect(box).toEqual({ x: 0, y: 0, width: shape.width, height: shape.height });
      const out = new Float32Array(src.length);
      resizedCrop(src, shape, box, out);
      expect(Array.from(out)).toEqual(Array.from(src));
    }
  });

  it('magnifies the left half of a 1x4 ramp by bilinear interpolation with half-pixel centres', () => {
    const shape = { height: 1, width: 4, channels: 1 };
    const out = new Float32Array(4);
    resizedCrop(Float32Array.from([0, 1, 2, 3]), shape, { x: 0, y: 0, width: 2, height: 1 }, out);
    // output centres map to source x = 0.25, 0.75, 1.25, 1.75, minus 0.5, clamped at 0
    expect(Array.from(out)).toEqual([0, 0.25, 0.75, 1.25]);
  });

  it('draws crops whose area and ratio lie in the requested ranges and which stay inside the image', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const b = sampleCrop(rng, GRAY, [0.1, 0.35], [3 / 4, 4 / 3]);
      const area = (b.width * b.height) / (28 * 28);
      expect(area).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(area).toBeLessThanOrEqual(0.35 + 1e-9);
      expect(b.width / b.height).toBeGreaterThanOrEqual(3 / 4 - 1e-9);
      expect(b.width / b.height).toBeLessThanOrEqual(4 / 3 + 1e-9);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(28 + 1e-9);
      expect(b.y + b.height).toBeLessThanOrEqual(28 + 1e-9);
    }
  });

  it('falls back to the largest centred crop when no draw fits', () => {
    const b = sampleCrop(new Rng(4), { height: 10, width: 20, channels: 1 }, [1, 1], [1, 1]);
    expect(b).toEqual({ x: 5, y: 0, width: 10, height: 10 });
  });
});

describe('flip', () => {
  it('mirrors each row, keeps channels together, and twice is the identity', () => {
    const row = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    flipHorizontal(row, { height: 1, width: 3, channels: 3 });
    expect(Array.from(row)).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3]);
    const src = randomImage(RGB, 5);
    const img = src.slice();
    flipHorizontal(img, RGB);
    expect(Array.from(img)).not.toEqual(Array.from(src));
    flipHorizontal(img, RGB);
    expect(Array.from(img)).toEqual(Array.from(src));
  });
});

describe('translate', () => {
  it('shifts by whole pixels and fills the uncovered strip with the given level', () => {
    const shape = { height: 3, width: 3, channels: 1 };
    const img = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    translate(img, shape, 1, 0, [0]);
    expect(Array.from(img)).toEqual([0, 1, 2, 0, 4, 5, 0, 7, 8]);
    const up = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    translate(up, shape, -1, -1, [0]);
    expect(Array.from(up)).toEqual([5, 6, 0, 8, 9, 0, 0, 0, 0]);
    const down = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    translate(down, shape, 2, 1, [0]);
    expect(Array.from(down)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 4]);
    const rgb = Float32Array.from([1, 2, 3, 4, 5, 6]);
    translate(rgb, { height: 1, width: 2, channels: 3 }, 1, 0, [7, 8, 9]);
    expect(Array.from(rgb)).toEqual([7, 8, 9, 1, 2, 3]);
  });

  it('a shift of the whole size leaves only the fill', () => {
    const img = randomImage(GRAY, 14);
    translate(img, GRAY, -28, 3, [0.25]);
    expect(img.every((v) => v === 0.25)).toBe(true);
  });

  it('a zero shift changes nothing', () => {
    const src = randomImage(RGB, 6);
    const img = src.slice();
    translate(img, RGB, 0, 0, [0, 0, 0]);
    expect(img).toEqual(src);
  });
});

describe('brightness/contrast jitter', () => {
  it('keeps a constant image constant (contrast has nothing to stretch) and within [0, 1]', () => {
    const img = new Float32Array(100).fill(0.5);
    jitter(img, new Rng(7), 0.4, 0.4);
    expect(new Set(img).size).toBe(1);
    expect(img[0]).toBeGreaterThanOrEqual(0.3 - 1e-6);
    expect(img[0]).toBeLessThanOrEqual(0.7 + 1e-6);
  });

  it('with zero strength is the identity; otherwise stays in [0, 1] and keeps equal channels equal', () => {
    const src = randomImage(GRAY, 8);
    const img = src.slice();
    jitter(img, new Rng(9), 0, 0);
    for (let i = 0; i < src.length; i++) expect(img[i]).toBeCloseTo(src[i], 6);
    const rgb = new Float32Array(30);
    for (let i = 0; i < 10; i++) rgb.fill(i / 10, 3 * i, 3 * i + 3);
    jitter(rgb, new Rng(10), 0.9, 0.9);
    for (let i = 0; i < 10; i++) expect(rgb[3 * i]).toBe(rgb[3 * i + 2]);
    expect(Math.min(...rgb)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...rgb)).toBeLessThanOrEqual(1);
  });
});

describe('gaussian blur', () => {
  it('preserves a constant image exactly', () => {
    const img = new Float32Array(28 * 28).fill(0.3);
    gaussianBlur(img, GRAY, 1.5);
    for (const v of img) expect(v).toBeCloseTo(0.3, 6);
  });

  it('spreads an impulse into a normalised, symmetric, separable gaussian', () => {
    const shape = { height: 15, width: 15, channels: 1 };
    const img = new Float32Array(225);
    img[7 * 15 + 7] = 1;
    gaussianBlur(img, shape, 1);
    expect(img.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(img[7 * 15 + 8]).toBeCloseTo(img[7 * 15 + 6], 7);
    expect(img[6 * 15 + 7]).toBeCloseTo(img[7 * 15 + 8], 7);
    // kernel radius 3 at sigma 1: the centre weight squared
    const g = [-3, -2, -1, 0, 1, 2, 3].map((i) => Math.exp(-(i * i) / 2));
    const w0 = 1 / g.reduce((a, b) => a + b, 0);
    expect(img[7 * 15 + 7]).toBeCloseTo(w0 * w0, 6);
  });
});

describe('noise', () => {
  it('has the requested spread and stays in [0, 1]', () => {
    const img = new Float32Array(20000).fill(0.5);
    addNoise(img, new Rng(11), 0.05);
    const mean = img.reduce((a, b) => a + b, 0) / img.length;
    const sd = Math.sqrt(img.reduce((a, b) => a + (b - mean) ** 2, 0) / img.length);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sd).toBeGreaterThan(0.048);
    expect(sd).toBeLessThan(0.052);
    const edge = new Float32Array(1000).fill(1);
    addNoise(edge, new Rng(12), 0.5);
    expect(Math.max(...edge)).toBe(1);
  });
});

describe('solarize', () => {
  it('inverts values at or above 0.5 and keeps those below', () => {
    const img = Float32Array.from([0, 0.25, 0.49, 0.5, 0.75, 1]);
    solarize(img);
    expect(Array.from(img)).toEqual(Array.from(Float32Array.from([0, 0.25, 0.49, 0.5, 0.25, 0])));
  });
});

describe('cutout', () => {
  it('erases a rectangle whose area lies in the requested range (up to rounding) and inside the image', () => {
    const rng = new Rng(13);
    for (let i = 0; i < 500; i++) {
      const r = sampleCutout(rng, GRAY, [0.02, 0.15]);
      expect(r.x + r.width).toBeLessThanOrEqual(28);
      expect(r.y + r.height).toBeLessThanOrEqual(28);
      const area = r.width * r.height;
      // each side is rounded by at most half a pixel
      expect(area).toBeGreaterThanOrEqual(0.02 * 784 - (r.width + r.height) / 2 - 0.25);
      expect(area).toBeLessThanOrEqual(0.15 * 784 + (r.width + r.height) / 2 + 0.25);
    }
  });

  it('fills exactly the rectangle with the given level', () => {
    const img = new Float32Array(28 * 28).fill(0.9);
    const before = img.slice();
    const rect = { x: 10, y: 12, width: 4, height: 3 };
    cutout(img, GRAY, rect, [0.1]);
    let changed = 0;
    for (let i = 0; i < img.length; i++) {
      if (img[i] !== before[i]) {
        changed++;
        expect(img[i]).toBeCloseTo(0.1, 6);
      }
    }
    expect(changed).toBe(12);
  });
});

describe('background level', () => {
  it('is each channel\'s border median', () => {
    const img = new Float32Array(7 * 7 * 2);
    for (let i = 0; i < 49; i++) img[2 * i + 1] = 1;
    img[2 * 24] = 5;
    expect(backgroundLevels(img, { height: 7, width: 7, channels: 2 })).toEqual([0, 1]);
  });
});

describe('border median', () => {
  it('reads only the outermost pixels of the channel asked for', () => {
    const shape = { height: 3, width: 3, channels: 2 };
    const img = Float32Array.from([1, 0, 1, 0, 1, 0, 1, 0, 9, 0, 1, 0, 2, 0, 2, 0, 2, 0]);
    expect(borderMedian(img, shape, 0)).toBe(1);
    expect(borderMedian(img, shape, 1)).toBe(0);
  });

  it('equals the median of the sorted border values, for even and odd counts', () => {
    for (const [shape, seed] of [[GRAY, 1], [{ height: 1, width: 5, channels: 1 }, 2], [{ height: 9, width: 4, channels: 2 }, 3]] as const) {
      const img = randomImage(shape, seed);
      for (let k = 0; k < shape.channels; k++) {
        const border: number[] = [];
        for (let y = 0; y < shape.height; y++) {
          for (let x = 0; x < shape.width; x++) {
            if (y === 0 || x === 0 || y === shape.height - 1 || x === shape.width - 1) border.push(img[(y * shape.width + x) * shape.channels + k]);
          }
        }
        border.sort((a, b) => a - b);
        const m = border.length;
        const median = m % 2 ? border[m >> 1] : (border[m / 2 - 1] + border[m / 2]) / 2;
        expect(borderMedian(img, shape, k)).toBe(median);
      }
    }
  });
});
