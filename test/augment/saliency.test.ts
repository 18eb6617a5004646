import { describe, expect, it } from 'vitest';
import { maskBackground, saliencyMask } from '../../src/augment/saliency.js';
import { Rng } from '../../src/common/random.js';

const SHAPE = { height: 28, width: 28, channels: 1 };
const inSquare = (y: number, x: number, lo: number, hi: number): boolean => y >= lo && y < hi && x >= lo && x < hi;

/** A noisy background at `bg` with a noisy 10x10 square at `fg` in rows and columns 8..17, plus one stray speck. */
function squareImage(bg: number, fg: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const img = new Float32Array(28 * 28);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) img[y * 28 + x] = (inSquare(y, x, 8, 18) ? fg : bg) + rng.range(-0.05, 0.05);
  }
  img[2 * 28 + 24] = fg;
  return img;
}

function expectSquareRecovered(mask: Uint8Array): void {
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      // the square itself, grown by the one-pixel dilation; the speck is too small to be object
      expect(mask[y * 28 + x], `pixel ${y},${x}`).toBe(inSquare(y, x, 7, 19) ? 1 : 0);
    }
  }
}

describe('saliency mask', () => {
  it('recovers a bright square on a dark background', () => {
    const mask = new Uint8Array(784);
    saliencyMask(squareImage(0.1, 0.9, 1), SHAPE, mask);
    expectSquareRecovered(mask);
  });

  it('recovers a dark square on a light background (the background comes from the border)', () => {
    const mask = new Uint8Array(784);
    saliencyMask(squareImage(0.9, 0.2, 2), SHAPE, mask);
    expectSquareRecovered(mask);
  });

  it('keeps a dim part attached to the object (hysteresis) and a second part of fair size, drops specks', () => {
    const img = new Float32Array(784);
    for (let y = 6; y < 16; y++) for (let x = 6; x < 16; x++) img[y * 28 + x] = 0.9;
    for (let x = 6; x < 16; x++) img[16 * 28 + x] = 0.3;
    for (let y = 20; y < 24; y++) for (let x = 20; x < 24; x++) img[y * 28 + x] = 0.9;
    img[2 * 28 + 24] = 0.9;
    const mask = new Uint8Array(784);
    saliencyMask(img, SHAPE, mask);
    expect(mask[16 * 28 + 10]).toBe(1);
    expect(mask[22 * 28 + 22]).toBe(1);
    expect(mask[2 * 28 + 24]).toBe(0);
  });

  it('fills holes: a ring is masked with its inside', () => {
    const img = new Float32Array(784);
    for (let y = 6; y < 22; y++) for (let x = 6; x < 22; x++) if (!inSquare(y, x, 9, 19)) img[y * 28 + x] = 1;
    const mask = new Uint8Array(784);
    saliencyMask(img, SHAPE, mask);
    expect(mask[14 * 28 + 14]).toBe(1);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(18 * 18);
  });

  it('returns all ones when the mask is degenerate: a blank image, a lone speck, a frame-filling object', () => {
    const mask = new Uint8Array(784);
    saliencyMask(new Float32Array(784).fill(0.4), SHAPE, mask);
    expect(mask.every((v) => v === 1)).toBe(true);
    const speck = new Float32Array(784);
    speck[14 * 28 + 14] = 1;
    saliencyMask(speck, SHAPE, mask);
    expect(mask.every((v) => v === 1)).toBe(true);
    const full = new Float32Array(784);
    for (let y = 1; y < 27; y++) full.fill(1, y * 28 + 1, y * 28 + 27);
    saliencyMask(full, SHAPE, mask);
    expect(mask.every((v) => v === 1)).toBe(true);
  });

  it('works on colour images through their mean intensity', () => {
    const shape = { height: 28, width: 28, channels: 3 };
    const gray = squareImage(0.1, 0.9, 3);
    const rgb = new Float32Array(784 * 3);
    for (let i = 0; i < 784; i++) rgb.fill(gray[i], 3 * i, 3 * i + 3);
    const mask = new Uint8Array(784);
    saliencyMask(rgb, shape, mask);
    expectSquareRecovered(mask);
  });
});

describe('background masking', () => {
  it('replaces the background by the border median and keeps the object', () => {
    const img = squareImage(0.1, 0.9, 4);
    const out = new Float32Array(784);
    maskBackground(img, SHAPE, out);
    const sorted = Array.from(img.filter((_, i) => i < 28 || i >= 27 * 28 || i % 28 === 0 || i % 28 === 27)).sort((a, b) => a - b);
    const level = (sorted[53] + sorted[54]) / 2;
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const i = y * 28 + x;
        expect(out[i]).toBe(inSquare(y, x, 7, 19) ? img[i] : Math.fround(level));
      }
    }
  });

  it('leaves an image with a degenerate mask unchanged', () => {
    const img = new Float32Array(784).fill(0.7);
    const out = new Float32Array(784);
    maskBackground(img, SHAPE, out);
    expect(out).toEqual(img);
  });
});
