import type { Rng } from '../common/random.js';
import { GRID, type Color, type Scene, type Shape, type Size } from './world.js';

export const IMAGE_SIZE = 32;
export const SCENE_IMAGE_SHAPE = { height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 3 } as const;

export const PALETTE: Readonly<Record<Color, readonly [number, number, number]>> = {
  red: [0.9, 0.12, 0.12],
  green: [0.15, 0.78, 0.2],
  blue: [0.2, 0.3, 0.95],
  yellow: [0.95, 0.88, 0.12],
  purple: [0.6, 0.18, 0.82],
  cyan: [0.12, 0.85, 0.9],
  white: [0.95, 0.95, 0.95],
};

/** Side of an object's bounding box in pixels: a large one nearly fills its 10.7-pixel cell. */
const EXTENT: Readonly<Record<Size, number>> = { small: 6, large: 9 };
const CELL_PX = IMAGE_SIZE / GRID;
/** Kept free between an object and its cell's edge, so neighbours never touch. */
const MARGIN = 0.3;
const COLOR_JITTER = 0.06;
const BACKGROUND: readonly [number, number] = [0.03, 0.09];
/** Samples per pixel side: coverage is averaged over 4x4 points, which anti-aliases the edges. */
const SUPERSAMPLE = 4;

/** Whether (u, v), in units of half the extent from the centre (y down), lies inside the shape. */
function inside(shape: Shape, u: number, v: number): boolean {
  const au = Math.abs(u);
  const av = Math.abs(v);
  switch (shape) {
    case 'square':
      return au <= 0.9 && av <= 0.9;
    case 'circle':
      return u * u + v * v <= 1;
    case 'triangle':
      return v <= 0.9 && v >= -1 && au <= (v + 1) / 2;
    case 'cross':
      return (au <= 0.3 && av <= 1) || (av <= 0.3 && au <= 1);
    case 'bar':
      return au <= 1 && av <= 0.35;
  }
}

/**
 * A 32x32 RGB image (HWC, [0, 1]) of the scene on a dark background. Drawn from `rng`: the background level, each
 * object's offset within its cell and a slight jitter of its colour, so two images of one scene differ.
 */
export function renderScene(scene: Scene, rng: Rng): Float32Array {
  const img = new Float32Array(IMAGE_SIZE * IMAGE_SIZE * 3).fill(rng.range(BACKGROUND[0], BACKGROUND[1]));
  for (const o of scene.objects) {
    const half = EXTENT[o.size] / 2;
    const slack = CELL_PX / 2 - half - MARGIN;
    const cx = ((o.cell % GRID) + 0.5) * CELL_PX + rng.range(-slack, slack);
    const cy = (Math.floor(o.cell / GRID) + 0.5) * CELL_PX + rng.range(-slack, slack);
    const rgb = PALETTE[o.color].map((c) => Math.min(1, Math.max(0, c + rng.range(-COLOR_JITTER, COLOR_JITTER))));
    for (let py = Math.max(0, Math.floor(cy - half)); py < Math.min(IMAGE_SIZE, Math.ceil(cy + half)); py++) {
      for (let px = Math.max(0, Math.floor(cx - half)); px < Math.min(IMAGE_SIZE, Math.ceil(cx + half)); px++) {
        let hits = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy++) {
          for (let sx = 0; sx < SUPERSAMPLE; sx++) {
            const u = (px + (sx + 0.5) / SUPERSAMPLE - cx) / half;
            const v = (py + (sy + 0.5) / SUPERSAMPLE - cy) / half;
            if (inside(o.shape, u, v)) hits++;
          }
        }
        if (hits === 0) continue;
        const alpha = hits / (SUPERSAMPLE * SUPERSAMPLE);
        const at = (py * IMAGE_SIZE + px) * 3;
        for (let k = 0; k < 3; k++) img[at + k] = img[at + k] * (1 - alpha) + rgb[k] * alpha;
      }
    }
  }
  return img;
}
